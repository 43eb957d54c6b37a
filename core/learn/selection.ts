/**
 * The choices the procedure makes on its own learning deals, each judged on deals its fit did not
 * see: the L2 penalty (cross-validation), the recency weighting (fitted on the older learning deals,
 * judged on the newest of them), which found rows keep a clear effect next to the others
 * (backward elimination), and whether a pair adds beyond its two parts (held-out deals).
 */
import { fill, keep } from './arrays.ts';
import { type Design, accountLosses, fitDesign, meanLoss, restrict } from './design.ts';
import type { LogisticFit } from './logistic.ts';
import { seededRandom, shuffle } from './stats.ts';
import { DATED_SHARE, HALF_LIVES, HOLD_OUT, INNER_FOLDS, LAMBDAS, LAMBDA_SAMPLE, MIN_CLASS, RECENCY_SAMPLE, Z_NONE } from './thresholds.ts';

/** Fits that only choose (a penalty, a half-life, a pair) stop once no effect moves by more than this. */
const CHOICE_TOLERANCE = 1e-4;

export interface Inner {
  older: Int32Array;
  newer: Int32Array;
  /** The newer deals are the newest by date (else a random quarter). */
  timed: boolean;
}

function countWon(rows: Int32Array, won: Uint8Array): number {
  let n = 0;
  for (let r = 0; r < rows.length; r++) n += won[rows[r]!]!;
  return n;
}

/** The cut day that leaves the newest `share` of the dated rows on or after it; null when too few are dated. */
export function newestCut(rows: Int32Array, day: Float64Array, share: number): number | null {
  const days = new Float64Array(rows.length);
  let dated = 0;
  for (let r = 0; r < rows.length; r++) {
    const d = day[rows[r]!]!;
    if (Number.isFinite(d)) days[dated++] = d;
  }
  if (dated === 0 || dated < DATED_SHARE * rows.length) return null;
  const sorted = days.subarray(0, dated).sort();
  return sorted[Math.floor((1 - share) * dated)]!;
}

/** The learning deals split for the choices: the newest quarter by date when most have one, else a random quarter (wins and losses spread). */
export function innerSplit(rows: Int32Array, won: Uint8Array, day: Float64Array, seed: number): Inner {
  const cut = newestCut(rows, day, HOLD_OUT);
  if (cut !== null) {
    const newer = keep(rows, (i) => day[i]! >= cut);
    const older = keep(rows, (i) => !(day[i]! >= cut));
    const ok = (r: Int32Array) => countWon(r, won) >= MIN_CLASS && r.length - countWon(r, won) >= MIN_CLASS;
    if (ok(newer) && ok(older)) return { older, newer, timed: true };
  }
  const random = seededRandom(seed);
  const wins = shuffle(Array.from(rows).filter((i) => won[i]), random);
  const losses = shuffle(Array.from(rows).filter((i) => !won[i]), random);
  const held = new Uint8Array(won.length);
  for (const i of wins.slice(0, Math.round(HOLD_OUT * wins.length))) held[i] = 1;
  for (const i of losses.slice(0, Math.round(HOLD_OUT * losses.length))) held[i] = 1;
  return { older: keep(rows, (i) => !held[i]), newer: keep(rows, (i) => held[i] === 1), timed: false };
}

/**
 * Weights for fitting on `rows`: value weighting (or 1) times ½^(age / half-life), age in days
 * before the newest of them; a deal with no date weighs as one of median age.
 */
export function recencyWeights(rows: Int32Array, day: Float64Array, halfLife: number | null, value: Float64Array | null, n: number): Float64Array | null {
  if (halfLife === null) return value;
  let newest = -Infinity;
  let undated = 0;
  for (let r = 0; r < rows.length; r++) {
    const d = day[rows[r]!]!;
    if (Number.isFinite(d)) newest = Math.max(newest, d);
    else undated++;
  }
  if (newest === -Infinity) return value;
  // Only deals with no date need the median day (a sort): most histories have none.
  const median = undated ? Float64Array.from(rows, (i) => day[i]!).filter(Number.isFinite).sort()[(rows.length - undated) >> 1]! : newest;
  const weights = new Float64Array(n);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const d = Number.isFinite(day[i]!) ? day[i]! : median;
    weights[i] = (value ? value[i]! : 1) * 0.5 ** ((newest - d) / halfLife);
  }
  return weights;
}

/** At most `limit` of the rows, a seeded sample (all of them when fewer). */
export function sampled(rows: Int32Array, limit: number, seed: number): Int32Array {
  if (rows.length <= limit) return rows;
  // The first `limit` steps of a Fisher–Yates shuffle: a uniform sample without shuffling the rest.
  const copy = rows.slice();
  const random = seededRandom(seed);
  for (let k = 0; k < limit; k++) {
    const j = k + Math.floor(random() * (copy.length - k));
    const swap = copy[k]!;
    copy[k] = copy[j]!;
    copy[j] = swap;
  }
  return copy.slice(0, limit).sort();
}

/** The L2 penalty with the lowest cross-validated log-loss on (a sample of) the rows. */
export function chooseLambda(design: Design, won: Uint8Array, rows: Int32Array, weights: Float64Array | null, seed: number): number {
  const order = Array.from(shuffle(Array.from(sampled(rows, LAMBDA_SAMPLE, seed)), seededRandom(seed)));
  const folds = Array.from({ length: INNER_FOLDS }, (_, f) => ({
    fit: Int32Array.from(order.filter((_, k) => k % INNER_FOLDS !== f)),
    held: Int32Array.from(order.filter((_, k) => k % INNER_FOLDS === f)),
    start: undefined as number[] | undefined,
  }));
  let best: number = LAMBDAS[0];
  let bestLoss = Infinity;
  for (const lambda of LAMBDAS) {
    let loss = 0;
    for (const fold of folds) {
      // Each fold starts from its fit at the previous penalty: a few Newton steps instead of a full fit.
      const fit = fitDesign(design, won, fold.fit, { lambda, weights, tolerance: CHOICE_TOLERANCE, ...(fold.start ? { start: fold.start } : {}) });
      fold.start = [fit.intercept, ...fit.coefficients];
      loss += meanLoss(fit, design, won, fold.held, weights);
    }
    if (loss < bestLoss - 1e-12) {
      bestLoss = loss;
      best = lambda;
    }
  }
  return best;
}

/**
 * The recency weighting: each half-life's fit on the older learning deals is judged on the newest
 * of them; the simplest (no weighting first, then the longest half-life) whose held-out log-loss
 * is within one standard error of the best is taken.
 */
export function chooseHalfLife(design: Design, won: Uint8Array, inner: Inner, day: Float64Array, value: Float64Array | null, lambda: number, seed: number): number | null {
  if (!inner.timed) return null;
  const fitRows = sampled(inner.older, RECENCY_SAMPLE, seed);
  const heldRows = sampled(inner.newer, RECENCY_SAMPLE, seed + 1);
  let start: number[] | undefined;
  const losses = HALF_LIVES.map((halfLife) => {
    const weights = recencyWeights(fitRows, day, halfLife, value, won.length);
    const fit = fitDesign(design, won, fitRows, { lambda, weights, tolerance: CHOICE_TOLERANCE, ...(start ? { start } : {}) });
    start = [fit.intercept, ...fit.coefficients];
    return accountLosses(fit, design, won, heldRows);
  });
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);
  const best = losses.reduce((b, l, k) => (mean(l) < mean(losses[b]!) ? k : b), 0);
  for (let k = 0; k < HALF_LIVES.length; k++) {
    const diff = fill(Float64Array, losses[k]!.length, (r) => losses[k]![r]! - losses[best]![r]!);
    const m = mean(diff);
    const variance = diff.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, diff.length - 1);
    if (m <= Math.sqrt(variance / Math.max(1, diff.length)) + 1e-12) return HALF_LIVES[k]!;
  }
  return HALF_LIVES[best]!;
}

const zOf = (fit: LogisticFit, c: number) => {
  const se = fit.standardErrors[c]!;
  return se > 0 && Number.isFinite(se) ? Math.abs(fit.coefficients[c]!) / se : 0;
};

/**
 * Backward elimination of the found columns (from `first` on): each left must keep |z| ≥ Z_KEEP next
 * to every other row. Columns with no effect at all (|z| < Z_NONE) go together; then the weakest one
 * at a time, since two columns that say the same thing share their effect and each looks weaker.
 * Returns the found columns kept and the last fit (over the model's columns and those kept).
 */
export function eliminate(
  design: Design,
  won: Uint8Array,
  rows: Int32Array,
  weights: Float64Array | null,
  lambda: number,
  first: number,
  /** Per found column (from `first`): the |z| it must keep. */
  bar: (column: number) => number,
): { kept: number[]; fit: LogisticFit; dropped: Map<number, number> } {
  const base = Array.from({ length: first }, (_, c) => c);
  let kept = Array.from({ length: design.x.width - first }, (_, k) => first + k);
  const dropped = new Map<number, number>();
  let start: number[] | undefined;
  for (;;) {
    const sub = kept.length === design.x.width - first ? design : restrict(design, [...base, ...kept]);
    const fit = fitDesign(sub, won, rows, { lambda, weights, ...(start ? { start } : {}) });
    // How far each column clears its bar (the weakest goes first).
    const margin = kept.map((column, k) => zOf(fit, first + k) / bar(column));
    if (kept.length === 0 || Math.min(...margin) >= 1) return { kept, fit, dropped };
    const z = kept.map((_, k) => zOf(fit, first + k));
    const none = new Set(kept.map((_, k) => k).filter((k) => z[k]! < Z_NONE));
    if (none.size === 0) none.add(margin.indexOf(Math.min(...margin)));
    for (const k of none) dropped.set(kept[k]!, z[k]!);
    start = [fit.intercept, ...fit.coefficients].filter((_, j) => !none.has(j - 1 - first));
    kept = kept.filter((_, k) => !none.has(k));
  }
}

/**
 * Whether a pair column adds beyond its two parts on held-out deals: fitted on the older learning
 * deals with and without it (its parts in both), its held-out log-loss must be lower with it.
 */
export function addsOnHeldOut(design: Design, won: Uint8Array, inner: Inner, weights: Float64Array | null, lambda: number, columns: readonly number[], pair: number): boolean {
  const withIt = restrict(design, columns);
  const without = restrict(design, columns.filter((c) => c !== pair));
  const a = fitDesign(withIt, won, inner.older, { lambda, weights, tolerance: CHOICE_TOLERANCE });
  const b = fitDesign(without, won, inner.older, { lambda, weights, tolerance: CHOICE_TOLERANCE });
  return meanLoss(a, withIt, won, inner.newer) < meanLoss(b, without, won, inner.newer);
}

/** Weights for value weighting: a won deal weighs its amount over the mean won amount (1 when blank); a lost deal 1. */
export function valueWeights(won: Uint8Array, amount: Float64Array, rows: Int32Array): Float64Array {
  let sum = 0;
  let count = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    if (won[i] && Number.isFinite(amount[i]!) && amount[i]! > 0) {
      sum += amount[i]!;
      count++;
    }
  }
  const mean = count ? sum / count : 1;
  return fill(Float64Array, won.length, (i) => (won[i] && Number.isFinite(amount[i]!) && amount[i]! > 0 ? amount[i]! / mean : 1));
}
