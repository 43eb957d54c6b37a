/**
 * Held-out validation: the current points and points learned without the held-out accounts,
 * both scored on accounts the learning never saw. A time split (learn on the older closed deals,
 * test on the newest) when closed dates exist, otherwise stratified k-fold.
 */
import { EXCLUDED, type Tier } from '../model.ts';
import { tierFor } from '../score.ts';
import { isoDay } from '../values.ts';
import { type HistoryFeatures, scoreAccounts } from './features.ts';
import type { SparseRows } from './logistic.ts';
import { LOST, WON } from './outcomes.ts';
import { type SuggestOptions, suggestPoints } from './suggest.ts';
import { type AucComparison, auc, compareAuc, seededRandom, shuffle } from './stats.ts';
import { type CapturedRow, NO_TIER, type TierRow, capturedByTopTiers, meetsTarget, tierTable } from './tiers.ts';

/** The newest share of closed deals held out by the time split. */
const HOLD_OUT = 0.25;
/** The time split needs this share of decided deals to have a closed date… */
const DATED_SHARE = 0.8;
/** …and this many wins and losses on each side of the split. */
const MIN_CLASS = 5;
/** A claim of improvement needs the AUC up by this much… */
const MIN_GAIN = 0.02;
/** …with a one-sided DeLong p-value below this. */
const MAX_P = 0.01;

export interface Split {
  train: Int32Array;
  test: Int32Array;
}

export interface SplitPlan {
  method: 'time split' | 'k-fold';
  folds: Split[];
  description: string;
}

export interface ModelValidation {
  /** AUC on the held-out accounts (Mann-Whitney, ties half). */
  auc: number | null;
  tiers: TierRow[];
  captured: CapturedRow[];
  /** The best-scored quarter of held-out accounts (ties included) and the share of wins they hold. */
  topQuarter: { shareOfAccounts: number; shareOfWins: number | null };
  /** Some top tiers hold 15–35% of accounts and ≥ 60% of wins. */
  meetsTarget: boolean;
}

export type Verdict = 'better' | 'no better' | 'worse' | 'not compared';

export interface Validation {
  method: SplitPlan['method'];
  description: string;
  folds: number;
  /** Decided accounts scored on held-out data (every decided account, for k-fold). */
  testAccounts: number;
  testWon: number;
  current: ModelValidation;
  suggested: ModelValidation;
  comparison: AucComparison | null;
  verdict: Verdict;
  /** The verdict as a sentence. */
  sentence: string;
}

/** The decided accounts split for validation. `closedDay` holds NaN where there is no closed date. */
export function planSplit(decided: Int32Array, won: Uint8Array, closedDay: Float64Array | null, seed: number, folds: number): SplitPlan {
  const timed = closedDay ? timeSplit(decided, won, closedDay) : null;
  if (timed) return timed;
  return kFold(decided, won, seed, folds, closedDay ? 'closed dates are missing or too few for a time split, so ' : '');
}

function countWon(rows: Int32Array, won: Uint8Array): number {
  let count = 0;
  for (let r = 0; r < rows.length; r++) count += won[rows[r]!]!;
  return count;
}

function timeSplit(decided: Int32Array, won: Uint8Array, closedDay: Float64Array): SplitPlan | null {
  const dated = Array.from(decided).filter((i) => Number.isFinite(closedDay[i]!));
  if (dated.length < DATED_SHARE * decided.length) return null;
  dated.sort((a, b) => closedDay[a]! - closedDay[b]! || a - b);
  const cutDay = closedDay[dated[Math.floor((1 - HOLD_OUT) * dated.length)]!]!;
  const test = Int32Array.from(dated.filter((i) => closedDay[i]! >= cutDay));
  const train = Int32Array.from(Array.from(decided).filter((i) => !(closedDay[i]! >= cutDay)));
  const testWon = countWon(test, won);
  const trainWon = countWon(train, won);
  if (Math.min(testWon, test.length - testWon, trainWon, train.length - trainWon) < MIN_CLASS) return null;
  const lastDay = closedDay[dated[dated.length - 1]!]!;
  return {
    method: 'time split',
    folds: [{ train, test }],
    description: `Learned from the ${train.length} deals closed before ${isoDay(cutDay)}, tested on the ${test.length} closed from ${isoDay(cutDay)} to ${isoDay(lastDay)}.`,
  };
}

function kFold(decided: Int32Array, won: Uint8Array, seed: number, wanted: number, why: string): SplitPlan {
  const random = seededRandom(seed);
  const wins = shuffle(Array.from(decided).filter((i) => won[i]), random);
  const losses = shuffle(Array.from(decided).filter((i) => !won[i]), random);
  const k = Math.max(2, Math.min(wanted, wins.length, losses.length));
  const foldOf = new Map<number, number>();
  [...wins, ...losses].forEach((i, position) => foldOf.set(i, position % k));
  const folds: Split[] = [];
  for (let f = 0; f < k; f++) {
    folds.push({
      train: Int32Array.from(Array.from(decided).filter((i) => foldOf.get(i) !== f)),
      test: Int32Array.from(Array.from(decided).filter((i) => foldOf.get(i) === f)),
    });
  }
  const reason = why ? why.charAt(0).toUpperCase() + why.slice(1) : '';
  return {
    method: 'k-fold',
    folds,
    description: `${reason}${reason ? 'each' : 'Each'} of the ${decided.length} decided accounts was scored by points learned without it (${k}-fold, wins and losses spread evenly across folds).`,
  };
}

/** How one scoring does on the held-out accounts. */
export function validateScores(
  rows: Int32Array,
  scores: Float64Array,
  features: HistoryFeatures,
  won: Uint8Array,
  amount: Float64Array | null,
  tiers: readonly Tier[],
): ModelValidation {
  const rank = (i: number) => (features.excluded[i] ? -1 : Number.isNaN(scores[i]!) ? -1 : scores[i]!);
  const wonScores: number[] = [];
  const lostScores: number[] = [];
  const accounts = Array.from(rows, (i) => {
    (won[i] ? wonScores : lostScores).push(rank(i));
    const tier = features.excluded[i] ? EXCLUDED : tierFor(tiers, Number.isNaN(scores[i]!) ? null : scores[i]!) || NO_TIER;
    return { tier, outcome: won[i] ? WON : LOST, amount: amount ? amount[i]! : NaN };
  });
  const table = tierTable(accounts, tiers, amount !== null);
  const captured = capturedByTopTiers(table, tiers);
  return { auc: auc(wonScores, lostScores), tiers: table, captured, topQuarter: topQuarter(rows, rank, won), meetsTarget: meetsTarget(captured) };
}

function topQuarter(rows: Int32Array, rank: (i: number) => number, won: Uint8Array): ModelValidation['topQuarter'] {
  if (rows.length === 0) return { shareOfAccounts: 0, shareOfWins: null };
  const ranked = Array.from(rows, rank).sort((a, b) => b - a);
  const cut = ranked[Math.max(0, Math.ceil(rows.length / 4) - 1)]!;
  let inTop = 0;
  let winsInTop = 0;
  let wins = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    wins += won[i]!;
    if (rank(i) >= cut) {
      inTop++;
      winsInTop += won[i]!;
    }
  }
  return { shareOfAccounts: inTop / rows.length, shareOfWins: wins ? winsInTop / wins : null };
}

function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}

/** The verdict on suggested against current, from DeLong's test on the held-out accounts. */
export function verdictOf(comparison: AucComparison | null, testAccounts: number): { verdict: Verdict; sentence: string } {
  if (!comparison) return { verdict: 'not compared', sentence: 'The held-out accounts hold only wins or only losses, so the models could not be compared.' };
  const { first, second, difference, pValue } = comparison;
  const head = `On ${testAccounts} held-out accounts the suggested points reach an AUC of ${fixed(second)} against ${fixed(first)} for the current points`;
  if (difference >= MIN_GAIN && pValue < MAX_P) {
    return { verdict: 'better', sentence: `${head}: better, beyond what chance gives (one-sided p ${pValue < 0.001 ? '< 0.001' : `= ${fixed(pValue, 3)}`}).` };
  }
  if (difference <= -MIN_GAIN && 1 - pValue < MAX_P) {
    return { verdict: 'worse', sentence: `${head}: worse; keep the current points.` };
  }
  return {
    verdict: 'no better',
    sentence: `${head}: the difference (${difference >= 0 ? '+' : ''}${fixed(difference)}) is within what chance gives, so the history does not show the suggestion is better; keep the current points.`,
  };
}

/**
 * Validate current against learned points over the plan's folds: every held-out account is scored
 * by the current points and by points learned on its fold's training accounts alone.
 */
export function* validate(
  features: HistoryFeatures,
  x: SparseRows,
  won: Uint8Array,
  amount: Float64Array | null,
  plan: SplitPlan,
  currentScores: Float64Array,
  options: SuggestOptions,
  onFold?: (done: number, total: number) => void,
): Generator<void, Validation> {
  const suggestedScores = new Float64Array(features.accounts).fill(NaN);
  const tested: number[] = [];
  for (const [f, fold] of plan.folds.entries()) {
    const suggestion = suggestPoints(features, x, won, fold.train, options);
    const scores = scoreAccounts(features, Float64Array.from(suggestion.points));
    for (let r = 0; r < fold.test.length; r++) {
      const i = fold.test[r]!;
      suggestedScores[i] = scores[i]!;
      tested.push(i);
    }
    onFold?.(f + 1, plan.folds.length);
    yield; // a place to pause between folds (see learnFromHistoryAsync)
  }
  const rows = Int32Array.from(tested);
  const tiers = features.model.tiers;
  const rank = (scores: Float64Array) => Array.from(rows, (i) => (features.excluded[i] || Number.isNaN(scores[i]!) ? -1 : scores[i]!));
  const comparison = compareAuc(rank(currentScores), rank(suggestedScores), Array.from(rows, (i) => won[i] === 1));
  const testWon = countWon(rows, won);
  return {
    method: plan.method,
    description: plan.description,
    folds: plan.folds.length,
    testAccounts: rows.length,
    testWon,
    current: validateScores(rows, currentScores, features, won, amount, tiers),
    suggested: validateScores(rows, suggestedScores, features, won, amount, tiers),
    comparison,
    ...verdictOf(comparison, rows.length),
  };
}
