/**
 * The starter workbook's contents, worked out from a preset: a Prospects table whose headers
 * are the model's Fields, with sample rows that match some rules and miss others (so the
 * scores spread over the tiers), and a Closed deals table (the same columns plus Outcome,
 * Amount, Created, Closed, Churned and ARR now) whose outcomes follow the scores loosely, as real
 * history does, and whose best-scored customers churn less and grow more, so the proof table
 * (icp proof, ICP_PROOF) has enough deals in the top tier to compare it with the rest.
 * Pure and seeded: the same preset and day give the same rows.
 */
import {
  type Cell,
  type Model,
  type ModelEntry,
  bindModel,
  evaluateRow,
  findPreset,
  headerKey,
  presetGrid,
  readModel,
} from '../core/index.ts';
import { seededRandom } from '../core/learn/stats.ts';

export const PROSPECT_ROWS = 12;
/** Enough that the top tier holds the 30 decided and 20 won deals the proof's headline needs. */
export const DEAL_ROWS = 240;
export const DEAL_COLUMNS = ['Outcome', 'Amount', 'Created', 'Closed', 'Churned', 'ARR now'] as const;

/** One sheet: a header row and data rows. Dates are Date values at UTC midnight (a calendar day). */
export interface StarterTable {
  headers: string[];
  rows: Cell[][];
  /** A number format per column where the model writes its values so (`20%` → `0%`). */
  formats?: (string | undefined)[];
}

export interface StarterWorkbook {
  model: Cell[][];
  prospects: StarterTable;
  deals: StarterTable;
}

const COMPANY_FIRST = ['Acme', 'Northwind', 'Bluebird', 'Harbor', 'Lumen', 'Granite', 'Juniper', 'Vertex', 'Atlas', 'Sparrow', 'Copper', 'Orchid'];
const COMPANY_SECOND = ['Analytics', 'Logistics', 'Health', 'Labs', 'Software', 'Foods', 'Robotics', 'Retail', 'Cloud', 'Media'];
const TITLES_OTHER = ['Account Executive', 'Marketing Manager', 'Office Manager'];
const DAY = 86_400_000;

type Random = () => number;

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)]!;

function daysBefore(today: Date, days: number): Date {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - Math.round(days) * DAY);
}

/** A round figure near `n`, as a person would type it. */
function roundish(n: number): number {
  if (Math.abs(n) < 1) return Math.round(n * 100) / 100;
  if (Math.abs(n) < 100) return Math.round(n);
  const unit = 10 ** Math.floor(Math.log10(Math.abs(n)) - 1);
  return Math.round(n / unit) * unit;
}

/** A number as the rule's own numbers are written: whole when they are whole (8 features, not 8.4). */
function likeOperand(entry: ModelEntry, n: number): number {
  const { operand } = entry;
  const whole = operand.kind === 'range' ? Number.isInteger(operand.low) && Number.isInteger(operand.high) : operand.kind === 'number' && Number.isInteger(operand.value);
  return whole ? Math.max(operand.kind === 'range' || (operand.kind === 'number' && operand.value >= 0) ? 0 : -Infinity, Math.round(roundish(n))) : roundish(n);
}

/** What matching and missing read from an entry: its rule, its operand, its terms, and numbers rounded like its own. */
function ruleParts(entry: ModelEntry) {
  const { operand, rule } = entry;
  return { operand, rule, terms: operand.kind === 'terms' ? operand.terms : [], roundish: (n: number) => likeOperand(entry, n) };
}

/** A value the entry's rule matches. */
function matching(entry: ModelEntry, random: Random, today: Date): Cell {
  const { operand, rule, terms, roundish } = ruleParts(entry);
  switch (rule) {
    case 'between':
      return operand.kind === 'range' ? roundish(operand.low + (operand.high - operand.low) * (0.2 + 0.6 * random())) : null;
    case 'at least':
      return operand.kind === 'number' ? roundish(operand.value === 0 ? 1 + random() * 10 : operand.value * (1 + 0.5 * random())) : null;
    case 'at most':
      return operand.kind === 'number' ? roundish(operand.value * (0.5 + 0.5 * random())) : null;
    case 'equals':
      return operand.kind === 'number' ? operand.value : null;
    case 'is any of':
      return pick(terms, random);
    case 'contains any':
      // A tech stack lists several tools; other columns hold the term alone.
      return /tech|stack|tool/.test(headerKey(entry.field)) && random() < 0.5 ? `${pick(terms, random)}; Slack` : pick(terms, random);
    case 'contains all':
      return terms.join('; ');
    case 'is none of':
    case 'contains none':
      return 'Other';
    case 'is true':
    case 'is not blank':
      return 'yes';
    case 'is false':
      return 'no';
    case 'is blank':
      return '';
    case 'within days':
    case 'decays over days':
      return operand.kind === 'number' ? daysBefore(today, random() * operand.value * 0.8) : null;
    default:
      return null;
  }
}

/** A value the entry's rule does not match (never blank: blanks are chosen separately). */
function missing(entry: ModelEntry, random: Random, today: Date): Cell {
  const { operand, rule, terms, roundish } = ruleParts(entry);
  switch (rule) {
    case 'between':
      return operand.kind === 'range' ? roundish(operand.low > 2 ? operand.low * (0.2 + 0.4 * random()) : operand.high * (2 + random())) : null;
    case 'at least':
      return operand.kind === 'number' ? roundish(operand.value > 0 ? operand.value * 0.5 * random() : operand.value - 1) : null;
    case 'at most':
      return operand.kind === 'number' ? roundish(operand.value * 2 + 1) : null;
    case 'equals':
      return operand.kind === 'number' ? operand.value + 1 : null;
    case 'is any of':
    case 'contains any':
      return pick(otherWords(entry.field, terms), random);
    case 'contains all':
      return terms[0] ?? 'Other';
    case 'is none of':
    case 'contains none':
      return pick(terms, random);
    case 'is true':
      return 'no';
    case 'is false':
    case 'is blank':
      return 'yes';
    case 'is not blank':
      return '';
    case 'within days':
    case 'decays over days':
      return operand.kind === 'number' ? daysBefore(today, operand.value * (1.5 + random() * 3)) : null;
    default:
      return null;
  }
}

/** Words a column like `field` holds that none of the rule's terms match, so a miss reads naturally. */
const OTHER_WORDS: [RegExp, string[]][] = [
  [/fund|stage/, ['Seed', 'Series A', 'Bootstrapped']],
  [/industry|sector|vertical/, ['Retail', 'Manufacturing', 'Healthcare', 'Education']],
  [/region|country|geo/, ['LATAM', 'APAC', 'Middle East']],
  [/tech|stack|tool|crm|cloud/, ['Pipedrive', 'Zendesk', 'Mailchimp', 'On-premise']],
  [/budget|alignment|potential|fit|priority/, ['Low', 'None']],
  [/title|role|persona/, ['Account Executive', 'Office Manager', 'Engineer']],
];

function otherWords(field: string, terms: readonly string[]): string[] {
  const key = headerKey(field);
  const taken = new Set(terms.map(headerKey));
  const words = (OTHER_WORDS.find(([pattern]) => pattern.test(key))?.[1] ?? ['Other', 'Unknown']).filter((w) => !taken.has(headerKey(w)));
  return words.length > 0 ? words : ['Other'];
}

interface FieldPlan {
  header: string;
  criteria: ModelEntry[];
  exclusions: ModelEntry[];
  personas: ModelEntry[];
}

/** The columns the model reads, in the order it first reads them, each spelled as its first Field. */
function fieldPlans(model: Model): FieldPlan[] {
  const plans = new Map<string, FieldPlan>();
  for (const entry of model.entries) {
    if (entry.kind !== 'criterion' && entry.kind !== 'exclude' && entry.kind !== 'persona') continue;
    const key = headerKey(entry.field);
    if (!key) continue;
    let plan = plans.get(key);
    if (!plan) plans.set(key, (plan = { header: entry.field.trim(), criteria: [], exclusions: [], personas: [] }));
    if (entry.kind === 'criterion') plan.criteria.push(entry);
    else if (entry.kind === 'exclude') plan.exclusions.push(entry);
    else plan.personas.push(entry);
  }
  return [...plans.values()];
}

/**
 * One sample account: `fit` (0–1) is how likely each criterion is met. The best band of each
 * criterion is usual, lower bands sometimes; a few cells are blank and an exclusion is rare.
 */
function sampleRow(plans: readonly FieldPlan[], fit: number, random: Random, today: Date): Cell[] {
  return plans.map((plan) => {
    if (plan.personas.length > 0 && plan.criteria.length === 0) {
      return random() < 0.7 ? pick(plan.personas.flatMap((p) => (p.operand.kind === 'terms' ? p.operand.terms : [])), random) : pick(TITLES_OTHER, random);
    }
    if (plan.exclusions.length > 0 && random() < 0.06) return matching(pick(plan.exclusions, random), random, today);
    const positive = plan.criteria.filter((c) => c.points > 0);
    if (positive.length === 0) {
      // Only negative criteria or exclusions read this column: mostly their miss.
      const entry = plan.criteria[0] ?? plan.exclusions[0]!;
      return random() < 0.25 && plan.criteria.length > 0 ? matching(entry, random, today) : missing(entry, random, today);
    }
    if (random() < 0.08) return '';
    if (random() < fit) {
      const best = positive.reduce((a, b) => (b.points > a.points ? b : a));
      return matching(random() < 0.7 ? best : pick(positive, random), random, today);
    }
    return missing(positive[0]!, random, today);
  });
}

/**
 * A won customer's Churned and ARR now: the better it scored, the less likely it churned (45% at
 * 0 points, 10% at 100) and the more its annual revenue grew since the deal (about −10% to +25%).
 */
function customerLife(score: number, amount: number, random: Random): Cell[] {
  const fit = score / 100;
  if (random() < 0.45 - 0.35 * fit) return ['Churned', ''];
  const growth = -0.1 + 0.35 * fit + 0.2 * (random() - 0.5);
  return [random() < 0.5 ? 'Active' : 'Renewed', roundish(amount * (1 + growth))];
}

function companyName(i: number): string {
  return `${COMPANY_FIRST[i % COMPANY_FIRST.length]} ${COMPANY_SECOND[(i * 7 + Math.floor(i / COMPANY_FIRST.length)) % COMPANY_SECOND.length]}`;
}

/** The starter workbook for a preset, as of `today` (a Date whose UTC day is the day meant). */
export function starterWorkbook(presetId: string, today: Date, seed = 20_260_930): StarterWorkbook {
  if (!findPreset(presetId)) throw new Error(`unknown preset "${presetId}"`);
  const grid = presetGrid(presetId);
  const model = readModel(grid);
  const plans = fieldPlans(model);
  const headers = ['Company', ...plans.map((p) => p.header)].filter((h, i, all) => i === 0 || headerKey(h) !== headerKey(all[0]!));
  const fieldHeaders = headers.slice(1);
  const usable = plans.filter((p) => fieldHeaders.includes(p.header));
  const random = seededRandom(seed);
  const percent = (plan: FieldPlan) => [...plan.criteria, ...plan.exclusions].some((e) => typeof e.value === 'string' && e.value.includes('%'));
  const formats = [undefined, ...usable.map((plan) => (percent(plan) ? '0%' : undefined))];

  const prospects: Cell[][] = [];
  for (let i = 0; i < PROSPECT_ROWS; i++) {
    prospects.push([companyName(i), ...sampleRow(usable, (i + 0.5) / PROSPECT_ROWS, random, today)]);
  }

  // Closed deals: each judged by the model as of the day it was created; won more often the better it scored.
  const deals: Cell[][] = [];
  for (let i = 0; i < DEAL_ROWS; i++) {
    const created = daysBefore(today, 60 + random() * 480);
    const closed = new Date(Math.min(created.getTime() + Math.round(20 + random() * 100) * DAY, daysBefore(today, 1).getTime()));
    const cells = [companyName(i + PROSPECT_ROWS), ...sampleRow(usable, random(), random, created)];
    const score = evaluateRow(bindModel(model, headers, { today: created, timeZone: 'UTC' }), cells).score ?? 0;
    const won = random() < 0.1 + 0.6 * (score / 100);
    const amount = roundish(8_000 + random() * 120_000);
    deals.push([...cells, won ? 'Closed Won' : 'Closed Lost', amount, created, closed, ...(won ? customerLife(score, amount, random) : ['', ''])]);
  }
  return {
    model: grid,
    prospects: { headers, rows: prospects, formats },
    deals: { headers: [...headers, ...DEAL_COLUMNS], rows: deals, formats },
  };
}
