/**
 * Held-out validation: the current points and points learned without the held-out accounts,
 * both scored on accounts the learning never saw. A time split (learn on the older closed deals,
 * test on the newest) when closed dates exist, otherwise stratified k-fold.
 */
import { EXCLUDED, type Tier } from '../model.ts';
import { tierFor } from '../score.ts';
import { isoDay } from '../values.ts';
import { LOST, WON } from './outcomes.ts';
import { type AucComparison, auc, aucAboveChance, compareAuc, populationStability, seededRandom, shuffle } from './stats.ts';
import { keep } from './arrays.ts';
import { newestCut } from './selection.ts';
import { HOLD_OUT, MAX_P, MIN_CLASS, MIN_GAIN, PSI_SHIFTED, PSI_STABLE } from './thresholds.ts';
import { type CapturedRow, NO_TIER, type TierRow, capturedByTopTiers, meetsTarget, tierTable } from './tiers.ts';

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
  /**
   * When the model has time rules and they were judged as of each deal's created date: the current
   * model's AUC on the same held-out deals with time rules judged as of the model's `as of` day, as
   * ICP_BACKTEST and the Backtest sheet judge them, and a sentence saying why the two differ.
   */
  backtest: { auc: number | null; sentence: string } | null;
  /**
   * Time split only: the population stability index of the current model's scores on the
   * held-out (newest) deals against the training deals, and what it says.
   */
  stability: { psi: number; reading: 'stable' | 'worth a look' | 'shifted'; sentence: string } | null;
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
  const cutDay = newestCut(decided, closedDay, HOLD_OUT);
  if (cutDay === null) return null;
  const test = keep(decided, (i) => closedDay[i]! >= cutDay);
  const train = keep(decided, (i) => !(closedDay[i]! >= cutDay));
  const testWon = countWon(test, won);
  const trainWon = countWon(train, won);
  if (Math.min(testWon, test.length - testWon, trainWon, train.length - trainWon) < MIN_CLASS) return null;
  let lastDay = -Infinity;
  for (let r = 0; r < test.length; r++) lastDay = Math.max(lastDay, closedDay[test[r]!]!);
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

/** One scoring of the accounts, as validation reads it. */
export interface Scoring {
  scores: Float64Array;
  excluded: Uint8Array;
  /** The tier label of each account under this scoring. */
  tierOf: (i: number) => string;
}

/** How one scoring does on the held-out accounts. */
export function validateScores(
  rows: Int32Array,
  scoring: Scoring,
  won: Uint8Array,
  amount: Float64Array | null,
  tiers: readonly Tier[],
): ModelValidation {
  const { scores, excluded } = scoring;
  const rank = (i: number) => (excluded[i] ? -1 : Number.isNaN(scores[i]!) ? -1 : scores[i]!);
  const wonScores: number[] = [];
  const lostScores: number[] = [];
  const accounts = Array.from(rows, (i) => {
    (won[i] ? wonScores : lostScores).push(rank(i));
    return { tier: scoring.tierOf(i), outcome: won[i] ? WON : LOST, amount: amount ? amount[i]! : NaN };
  });
  const table = tierTable(accounts, tiers, amount !== null);
  const captured = capturedByTopTiers(table, tiers);
  return { auc: auc(wonScores, lostScores), tiers: table, captured, topQuarter: topQuarter(rows, rank, won), meetsTarget: meetsTarget(captured) };
}

/** PSI of the current scores, newest (held-out) deals against the training deals. */
function stabilityOf(current: Scoring, split: Split): Validation['stability'] {
  const rank = (i: number) => (current.excluded[i] || Number.isNaN(current.scores[i]!) ? -1 : current.scores[i]!);
  const psi = populationStability(Array.from(split.train, rank), Array.from(split.test, rank));
  if (psi === null) return null;
  const reading = psi < PSI_STABLE ? 'stable' : psi <= PSI_SHIFTED ? 'worth a look' : 'shifted';
  const says =
    reading === 'stable'
      ? 'the newest deals score much like the older ones'
      : reading === 'worth a look'
        ? 'the newest deals score somewhat differently from the older ones: worth a look'
        : 'the newest deals score differently from the older ones: the market or the lead mix has shifted, so learn again and watch the next quarter';
  return { psi, reading, sentence: `Population stability index of the current scores, newest against older deals: ${psi.toFixed(2)} — ${says}.` };
}

/** The tier label of a score under a model's tiers, as scoring gives it. */
export function tierLabel(tiers: readonly Tier[], score: number, excluded: boolean): string {
  return excluded ? EXCLUDED : tierFor(tiers, Number.isNaN(score) ? null : score) || NO_TIER;
}

/**
 * The best-scored quarter of the held-out accounts and the share of wins it holds. When scores
 * tie at the cut, the tied accounts share the places left in proportion (their wins count pro
 * rata), so the quarter is always a quarter.
 */
export function topQuarter(rows: Int32Array, rank: (i: number) => number, won: Uint8Array): ModelValidation['topQuarter'] {
  if (rows.length === 0) return { shareOfAccounts: 0, shareOfWins: null };
  const size = Math.ceil(rows.length / 4);
  const ranked = Array.from(rows, rank).sort((a, b) => b - a);
  const cut = ranked[size - 1]!;
  let above = 0;
  let winsAbove = 0;
  let tied = 0;
  let winsTied = 0;
  let wins = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    wins += won[i]!;
    const s = rank(i);
    if (s > cut) {
      above++;
      winsAbove += won[i]!;
    } else if (s === cut) {
      tied++;
      winsTied += won[i]!;
    }
  }
  const places = size - above;
  const winsInTop = winsAbove + (tied ? (winsTied * places) / tied : 0);
  return { shareOfAccounts: size / rows.length, shareOfWins: wins ? winsInTop / wins : null };
}

function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}

/** The verdict on suggested against current, from DeLong's test on the held-out accounts. */
export function verdictOf(comparison: AucComparison | null, testAccounts: number, chanceP = 0): { verdict: Verdict; sentence: string } {
  if (!comparison) return { verdict: 'not compared', sentence: 'The held-out accounts hold only wins or only losses, so the models could not be compared.' };
  const { first, second, difference, pValue } = comparison;
  // Only a model shown to be better is "the suggested model"; otherwise it is the model tried.
  const head = `On ${testAccounts} held-out accounts the ${difference >= MIN_GAIN && pValue < MAX_P && chanceP < MAX_P ? 'suggested' : 'tried'} model reaches an AUC of ${fixed(second)} against ${fixed(first)} for the current model`;
  const p = (value: number) => (value < 0.001 ? '< 0.001' : `= ${fixed(value, 3)}`);
  const gain = `${difference >= 0 ? '+' : ''}${fixed(difference)}`;
  if (difference >= MIN_GAIN && pValue < MAX_P && chanceP >= MAX_P) {
    return {
      verdict: 'no better',
      sentence: `${head}: higher, but the suggested model itself does not rank deals better than a coin toss beyond chance (one-sided p ${p(chanceP)} against an AUC of 0.5); keep the current model.`,
    };
  }
  if (difference >= MIN_GAIN && pValue < MAX_P) {
    return { verdict: 'better', sentence: `${head}: better, beyond what chance gives (one-sided p ${p(pValue)}).` };
  }
  if (difference <= -MIN_GAIN && 1 - pValue < MAX_P) {
    return { verdict: 'worse', sentence: `${head}: worse; keep the current model.` };
  }
  if (pValue < MAX_P && difference > 0) {
    return {
      verdict: 'no better',
      sentence: `${head}: the gain (${gain}) is beyond chance (one-sided p ${p(pValue)}) but below the ${fixed(MIN_GAIN)} a change must bring; keep the current model.`,
    };
  }
  return {
    verdict: 'no better',
    sentence: `${head}: the difference (${gain}, one-sided p ${p(pValue)}) is within what chance gives, so the history does not show the suggestion is better; keep the current model.`,
  };
}

/**
 * Validate the current model against models learned on each fold's training accounts alone:
 * every held-out account is scored by the current model and by the model learned without it.
 * `learn` builds a model from training accounts; `onModel` receives each fold's model.
 */
export function* validate<M>(
  plan: SplitPlan,
  won: Uint8Array,
  amount: Float64Array | null,
  current: Scoring,
  tiers: readonly Tier[],
  learn: (train: Int32Array) => Generator<void, { model: M; scoring: Scoring; tiers: readonly Tier[] }>,
  onFold?: (done: number, total: number) => void,
): Generator<void, { validation: Validation; models: M[]; suggestedTiers: readonly Tier[] }> {
  const n = won.length;
  const scores = new Float64Array(n).fill(NaN);
  const excluded = new Uint8Array(n);
  const tierOf = new Array<string>(n).fill(NO_TIER);
  const tested: number[] = [];
  const models: M[] = [];
  let suggestedTiers: readonly Tier[] = tiers;
  for (const [f, fold] of plan.folds.entries()) {
    const learned = yield* learn(fold.train);
    models.push(learned.model);
    suggestedTiers = learned.tiers;
    for (let r = 0; r < fold.test.length; r++) {
      const i = fold.test[r]!;
      scores[i] = learned.scoring.scores[i]!;
      excluded[i] = learned.scoring.excluded[i]!;
      tierOf[i] = learned.scoring.tierOf(i);
      tested.push(i);
    }
    onFold?.(f + 1, plan.folds.length);
    yield; // a place to pause between folds (see learnFromHistoryAsync)
  }
  const rows = Int32Array.from(tested);
  const rank = (s: Scoring) => Array.from(rows, (i) => (s.excluded[i] || Number.isNaN(s.scores[i]!) ? -1 : s.scores[i]!));
  const suggested: Scoring = { scores, excluded, tierOf: (i) => tierOf[i]! };
  const isWon = Array.from(rows, (i) => won[i] === 1);
  const comparison = compareAuc(rank(current), rank(suggested), isWon);
  const suggestedRanks = rank(suggested);
  const chanceP = aucAboveChance(suggestedRanks.filter((_, k) => isWon[k]), suggestedRanks.filter((_, k) => !isWon[k]));
  const testWon = countWon(rows, won);
  return {
    validation: {
      method: plan.method,
      description: plan.description,
      folds: plan.folds.length,
      testAccounts: rows.length,
      testWon,
      current: validateScores(rows, current, won, amount, tiers),
      suggested: validateScores(rows, suggested, won, amount, suggestedTiers),
      comparison,
      backtest: null,
      stability: plan.method === 'time split' ? stabilityOf(current, plan.folds[0]!) : null,
      ...verdictOf(comparison, rows.length, chanceP),
    },
    models,
    suggestedTiers,
  };
}
