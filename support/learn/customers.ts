/**
 * A customer base for the goals (issue #20): deals won or lost at one rate whatever the account
 * (so only what comes after the win differs), then, for each won account, whether it churned and
 * its ARR now. One industry churns (Retail, 95% against 10%), one expands (Fintech: ARR now above
 * the amount 80% of the time against 20%). The expansion preset's columns (core/presets.ts) are
 * filled with noise, so it can be the model learned from. Seeded: the same seed gives the same base.
 */
import type { Cell } from '../../core/index.ts';
import { seededRandom } from '../../core/learn/stats.ts';

export const CUSTOMER_HEADERS = [
  'Account',
  'Industry',
  'Region',
  'Employees',
  'Core features used',
  'User team headcount growth',
  'Weekly active users',
  'Champion active',
  'Open escalations',
  'Roadmap alignment',
  'Renewal risk',
  'Outcome',
  'Amount',
  'Created',
  'Closed',
  'Churned',
  'ARR now',
];

/** A plain model over the base's columns that names neither planted segment. */
export const CUSTOMER_MODEL: Cell[][] = [
  ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note'],
  ['criterion', 'Company size', 'Employees', 'between', '200-2000', 30, 'Firmographics', ''],
  ['criterion', 'Region', 'Region', 'is any of', 'North America', 20, 'Firmographics', ''],
  ['tier', 'Tier 1', '', '', 40, '', '', ''],
  ['tier', 'Tier 2', '', '', 20, '', '', ''],
  ['tier', 'Tier 3', '', '', 0, '', '', ''],
];

export const INDUSTRIES = ['SaaS', 'Fintech', 'Retail', 'Healthcare', 'Manufacturing', 'Media'];
const REGIONS = ['North America', 'Europe', 'APAC'];
const ALIGNMENT = ['High', 'Medium', 'Low'];
const RISK = ['', '', '', 'At risk'];

export const CHURN_SEGMENT = 'Retail';
export const EXPANSION_SEGMENT = 'Fintech';
/** The as-of day the tests pass with --today: accounts closed after 2026-06-04 are too recent at 180 days. */
export const CUSTOMER_TODAY = '2026-12-01';

export interface CustomerOptions {
  rows: number;
  seed: number;
  /** Churn probability of the churn segment and of the rest. */
  churn?: { segment: number; rest: number };
  /** Then shuffle the churned and ARR now cells among the won accounts (with this seed): churn as noise. */
  shuffleChurn?: number;
}

const DAY_MS = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00Z');
const iso = (day: number) => new Date(START + day * DAY_MS).toISOString().slice(0, 10);

/** The base as a grid, header row first. */
export function customerBase(options: CustomerOptions): Cell[][] {
  const r = seededRandom(options.seed);
  const churn = options.churn ?? { segment: 0.95, rest: 0.1 };
  const pick = <T,>(items: readonly T[]) => items[Math.floor(r() * items.length)]!;
  const grid: Cell[][] = [CUSTOMER_HEADERS];
  for (let i = 0; i < options.rows; i++) {
    const industry = pick(INDUSTRIES);
    const won = r() < 0.5;
    const day = Math.floor(r() * 900);
    const close = day + 20 + Math.floor(r() * 60);
    const amount = Math.round(10_000 + r() * 40_000);
    let churned: Cell = '';
    let arrNow: Cell = '';
    if (won) {
      const known = r() < 0.95;
      const gone = r() < (industry === CHURN_SEGMENT ? churn.segment : churn.rest);
      const grew = r() < (industry === EXPANSION_SEGMENT ? 0.8 : 0.2);
      if (known) churned = gone ? (r() < 0.5 ? 'yes' : iso(close + 100 + Math.floor(r() * 200))) : r() < 0.5 ? 'no' : 'Active';
      arrNow = gone ? (r() < 0.5 ? '' : 0) : Math.round(amount * (grew ? 1.1 + r() * 0.5 : 0.6 + r() * 0.4));
    }
    grid.push([
      `Account ${i + 1}`,
      industry,
      pick(REGIONS),
      Math.round(10 * 10 ** (r() * 3.5)),
      Math.floor(r() * 12),
      `${Math.round(r() * 30)}%`,
      `${Math.round(r() * 100)}%`,
      r() < 0.5 ? 'TRUE' : 'FALSE',
      Math.floor(r() * 5),
      pick(ALIGNMENT),
      pick(RISK),
      won ? 'Closed Won' : 'Closed Lost',
      won ? amount : '',
      iso(day),
      iso(close),
      churned,
      arrNow,
    ]);
  }
  return options.shuffleChurn === undefined ? grid : shuffleChurn(grid, options.shuffleChurn);
}

/** The churned and ARR now cells shuffled among the won accounts (ARR now scaled to each row's amount): pure noise with the same churn rate. */
function shuffleChurn(grid: Cell[][], seed: number): Cell[][] {
  const r = seededRandom(seed);
  const col = (name: string) => CUSTOMER_HEADERS.indexOf(name);
  const rows = grid.slice(1).map((row) => [...row]);
  const won = rows.filter((row) => row[col('Outcome')] === 'Closed Won');
  const pairs = won.map((row) => [row[col('Churned')], typeof row[col('ARR now')] === 'number' ? (row[col('ARR now')] as number) / (row[col('Amount')] as number) : row[col('ARR now')]] as const);
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  won.forEach((row, i) => {
    const [churned, ratio] = pairs[i]!;
    row[col('Churned')] = churned!;
    row[col('ARR now')] = typeof ratio === 'number' ? Math.round(ratio * (row[col('Amount')] as number)) : ratio!;
  });
  return [grid[0]!, ...rows];
}
