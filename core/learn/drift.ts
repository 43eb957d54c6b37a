/**
 * Drift: the tier table by quarter of the created date, with three warning flags from the
 * reference docs' signs of ICP drift: Tier 1 no longer beats Tier 2, the win rate slides, and
 * sales cycles lengthen.
 */
import type { Tier } from '../model.ts';
import { isoDay } from '../values.ts';
import { LOST, WON } from './outcomes.ts';
import { median } from './stats.ts';
import {
  CYCLE_DAYS,
  CYCLE_GROWTH,
  DRIFT_MIN_CYCLES as MIN_CYCLES,
  DRIFT_MIN_QUARTER_DECIDED as MIN_QUARTER_DECIDED,
  DRIFT_MIN_TIER_DECIDED as MIN_TIER_DECIDED,
  LOOKBACK,
  WIN_RATE_DROP,
} from './thresholds.ts';
import { type TierRow, type TieredAccount, tierTable } from './tiers.ts';
import { percent } from './words.ts';

export type DriftFlagKind = 'tier order' | 'win rate' | 'cycle length';

export interface DriftFlag {
  kind: DriftFlagKind;
  message: string;
}

export interface QuarterRow {
  /** `2025 Q3`. */
  quarter: string;
  /** First and last day of the quarter, ISO. */
  from: string;
  to: string;
  accounts: number;
  won: number;
  lost: number;
  open: number;
  winRate: number | null;
  /** Median days from created to closed over the quarter's won deals with both dates. */
  medianCycleDays: number | null;
  tiers: TierRow[];
  flags: DriftFlag[];
}

export interface DriftReport {
  quarters: QuarterRow[];
  /** Accounts left out for having no readable created date. */
  undated: number;
}

/** An account as drift sees it: its tier, outcome, amount, and days. */
export interface DatedAccount extends TieredAccount {
  /** NaN when blank or unreadable. */
  createdDay: number;
  closedDay: number;
}

/** A calendar quarter as a number (year × 4 + quarter − 1). */
export function quarterKey(day: number): number {
  const date = new Date(day * 86_400_000);
  return date.getUTCFullYear() * 4 + Math.floor(date.getUTCMonth() / 3);
}

export function quarterBounds(key: number): { label: string; from: string; to: string } {
  const year = Math.floor(key / 4);
  const q = key % 4;
  const from = Date.UTC(year, q * 3, 1);
  const to = Date.UTC(year, q * 3 + 3, 0);
  return { label: `${year} Q${q + 1}`, from: isoDay(from / 86_400_000), to: isoDay(to / 86_400_000) };
}

interface QuarterTally {
  key: number;
  accounts: DatedAccount[];
  won: number;
  lost: number;
  cycles: number[];
}

/** The drift table over every account with a created date; quarters run oldest first. */
export function driftByQuarter(accounts: readonly DatedAccount[], tiers: readonly Tier[], withAmount: boolean): DriftReport {
  const byKey = new Map<number, QuarterTally>();
  let undated = 0;
  for (const account of accounts) {
    if (!Number.isFinite(account.createdDay)) {
      undated++;
      continue;
    }
    const key = quarterKey(account.createdDay);
    let q = byKey.get(key);
    if (!q) byKey.set(key, (q = { key, accounts: [], won: 0, lost: 0, cycles: [] }));
    q.accounts.push(account);
    if (account.outcome === WON) {
      q.won++;
      const cycle = account.closedDay - account.createdDay;
      if (Number.isFinite(cycle) && cycle >= 0) q.cycles.push(cycle);
    } else if (account.outcome === LOST) q.lost++;
  }
  const tallies = [...byKey.values()].sort((a, b) => a.key - b.key);
  const quarters = tallies.map((q, index) => {
    const { label, from, to } = quarterBounds(q.key);
    const table = tierTable(q.accounts, tiers, withAmount);
    const decided = q.won + q.lost;
    const row: QuarterRow = {
      quarter: label,
      from,
      to,
      accounts: q.accounts.length,
      won: q.won,
      lost: q.lost,
      open: q.accounts.length - decided,
      winRate: decided ? q.won / decided : null,
      medianCycleDays: median(q.cycles),
      tiers: table,
      flags: [],
    };
    row.flags = flagsFor(row, q, tallies.slice(Math.max(0, index - LOOKBACK), index), tiers);
    return row;
  });
  return { quarters, undated };
}

function flagsFor(row: QuarterRow, q: QuarterTally, before: QuarterTally[], tiers: readonly Tier[]): DriftFlag[] {
  const flags: DriftFlag[] = [];
  const [first, second] = tiers;
  const t1 = first && row.tiers.find((t) => t.tier === first.name);
  const t2 = second && row.tiers.find((t) => t.tier === second.name);
  if (t1 && t2 && t1.won + t1.lost >= MIN_TIER_DECIDED && t2.won + t2.lost >= MIN_TIER_DECIDED && t1.winRate! <= t2.winRate!) {
    flags.push({
      kind: 'tier order',
      message: `${t1.tier} won ${percent(t1.winRate!)} of ${t1.won + t1.lost} decided, no better than ${t2.tier} at ${percent(t2.winRate!)} of ${t2.won + t2.lost}.`,
    });
  }
  const priorWon = before.reduce((sum, b) => sum + b.won, 0);
  const priorDecided = before.reduce((sum, b) => sum + b.won + b.lost, 0);
  const decided = q.won + q.lost;
  if (decided >= MIN_QUARTER_DECIDED && priorDecided >= MIN_QUARTER_DECIDED) {
    const prior = priorWon / priorDecided;
    const now = q.won / decided;
    if (now <= prior - WIN_RATE_DROP + 1e-9) {
      flags.push({
        kind: 'win rate',
        message: `Win rate ${percent(now)} of ${decided} decided, down from ${percent(prior)} over the previous ${before.length} quarter${before.length === 1 ? '' : 's'}.`,
      });
    }
  }
  const priorCycles = before.flatMap((b) => b.cycles);
  if (q.cycles.length >= MIN_CYCLES && priorCycles.length >= MIN_CYCLES) {
    const prior = median(priorCycles)!;
    const now = median(q.cycles)!;
    if (now >= prior * (1 + CYCLE_GROWTH) - 1e-9 && now - prior >= CYCLE_DAYS) {
      flags.push({
        kind: 'cycle length',
        message: `Median sales cycle ${Math.round(now)} days over ${q.cycles.length} won deals, up from ${Math.round(prior)} days over the previous ${before.length} quarter${before.length === 1 ? '' : 's'}.`,
      });
    }
  }
  return flags;
}
