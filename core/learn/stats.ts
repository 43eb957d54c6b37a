/** Small statistics for learning from history: AUC, DeLong's test, isotonic regression, a seeded PRNG. */

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same folds every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place with the given generator. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = items[i]!;
    items[i] = items[j]!;
    items[j] = swap;
  }
  return items;
}

/** Ascending copy as a typed array, for binary searches. */
function sorted(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** How many values of the sorted array are below `x`, and how many equal it. */
function countBelowAndEqual(sortedValues: Float64Array, x: number): [below: number, equal: number] {
  let lo = 0;
  let hi = sortedValues.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortedValues[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  const below = lo;
  hi = sortedValues.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortedValues[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return [below, lo - below];
}

/**
 * DeLong's placement values: for each won score, the share of lost scores below it (ties half);
 * for each lost score, the share of won scores above it (ties half). Their mean is the AUC.
 */
function placements(won: readonly number[], lost: readonly number[]): { v10: Float64Array; v01: Float64Array } {
  const lostSorted = sorted(lost);
  const wonSorted = sorted(won);
  const v10 = new Float64Array(won.length);
  const v01 = new Float64Array(lost.length);
  won.forEach((x, i) => {
    const [below, equal] = countBelowAndEqual(lostSorted, x);
    v10[i] = (below + equal / 2) / lost.length;
  });
  lost.forEach((y, j) => {
    const [below, equal] = countBelowAndEqual(wonSorted, y);
    v01[j] = (won.length - below - equal + equal / 2) / won.length;
  });
  return { v10, v01 };
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length ? sum / values.length : 0;
}

/**
 * The area under the ROC curve in its Mann-Whitney form: the chance that a won account
 * scores above a lost one, ties counted as half. null when either class is empty.
 */
export function auc(won: readonly number[], lost: readonly number[]): number | null {
  if (won.length === 0 || lost.length === 0) return null;
  return mean(placements(won, lost).v10);
}

export interface AucComparison {
  /** AUC of the first scoring (e.g. the current model). */
  first: number;
  /** AUC of the second scoring (e.g. the suggested model). */
  second: number;
  /** second − first. */
  difference: number;
  /** Standard error of the difference (DeLong). 0 when the scorings rank everyone alike. */
  standardError: number;
  /** difference / standardError; 0 when the standard error is 0. */
  z: number;
  /** One-sided p-value that the second is no better than the first. */
  pValue: number;
}

function covariance(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  if (n < 2) return 0;
  const ma = mean(a);
  const mb = mean(b);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (a[i]! - ma) * (b[i]! - mb);
  return sum / (n - 1);
}

/**
 * DeLong, DeLong & Clarke-Pearson (1988): two correlated AUCs measured on the same accounts.
 * `first` and `second` hold each account's score under the two scorings; `won` says which won.
 */
export function compareAuc(first: readonly number[], second: readonly number[], won: readonly boolean[]): AucComparison | null {
  const split = (scores: readonly number[]) => {
    const w: number[] = [];
    const l: number[] = [];
    scores.forEach((s, i) => (won[i] ? w : l).push(s));
    return [w, l] as const;
  };
  const [w1, l1] = split(first);
  const [w2, l2] = split(second);
  if (w1.length === 0 || l1.length === 0) return null;
  const a = placements(w1, l1);
  const b = placements(w2, l2);
  const auc1 = mean(a.v10);
  const auc2 = mean(b.v10);
  const variance =
    (covariance(a.v10, a.v10) + covariance(b.v10, b.v10) - 2 * covariance(a.v10, b.v10)) / w1.length +
    (covariance(a.v01, a.v01) + covariance(b.v01, b.v01) - 2 * covariance(a.v01, b.v01)) / l1.length;
  const standardError = Math.sqrt(Math.max(0, variance));
  const difference = auc2 - auc1;
  const z = standardError > 1e-12 ? difference / standardError : 0;
  return { first: auc1, second: auc2, difference, standardError, z, pValue: 1 - normalCdf(z) };
}

/**
 * One-sided p-value that a scoring ranks no better than a coin toss (AUC ≤ 0.5), from DeLong's
 * variance of one AUC. 1 when either class is empty or every score ties.
 */
export function aucAboveChance(won: readonly number[], lost: readonly number[]): number {
  if (won.length === 0 || lost.length === 0) return 1;
  const { v10, v01 } = placements(won, lost);
  const value = mean(v10);
  const se = Math.sqrt(Math.max(0, covariance(v10, v10) / won.length + covariance(v01, v01) / lost.length));
  return se > 1e-12 ? 1 - normalCdf((value - 0.5) / se) : value > 0.5 ? 0 : 1;
}

/** The standard normal distribution function (Abramowitz & Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Weighted isotonic regression onto a non-increasing sequence (pool adjacent violators):
 * the closest sequence, in weighted squared distance, that never goes up.
 */
export function nonIncreasing(values: readonly number[], weights: readonly number[]): number[] {
  const blockValue: number[] = [];
  const blockWeight: number[] = [];
  const blockSize: number[] = [];
  values.forEach((value, i) => {
    let v = value;
    let w = Math.max(weights[i] ?? 1, 1e-9);
    let size = 1;
    while (blockValue.length > 0 && blockValue[blockValue.length - 1]! < v) {
      const pw = blockWeight.pop()!;
      const pv = blockValue.pop()!;
      size += blockSize.pop()!;
      v = (pv * pw + v * w) / (pw + w);
      w += pw;
    }
    blockValue.push(v);
    blockWeight.push(w);
    blockSize.push(size);
  });
  return blockValue.flatMap((v, b) => new Array<number>(blockSize[b]!).fill(v));
}

/**
 * The population stability index of `actual` against `expected` over bins cut at the deciles of
 * `expected` (ties merged): Σ (a% − e%) × ln(a% / e%), half a count added to every bin so an empty
 * one does not explode. Under 0.1 stable, 0.1–0.25 worth a look, above 0.25 shifted.
 */
export function populationStability(expected: readonly number[], actual: readonly number[]): number | null {
  if (expected.length === 0 || actual.length === 0) return null;
  const s = sorted(expected);
  const cuts: number[] = [];
  for (let k = 1; k < 10; k++) {
    const cut = s[Math.floor((k / 10) * s.length)]!;
    if (cut > s[0]! && (cuts.length === 0 || cut > cuts[cuts.length - 1]!)) cuts.push(cut);
  }
  const binOf = (v: number) => {
    let b = 0;
    while (b < cuts.length && v >= cuts[b]!) b++;
    return b;
  };
  const e = new Float64Array(cuts.length + 1);
  const a = new Float64Array(cuts.length + 1);
  for (const v of expected) e[binOf(v)]!++;
  for (const v of actual) a[binOf(v)]!++;
  let psi = 0;
  for (let b = 0; b < e.length; b++) {
    const ep = (e[b]! + 0.5) / (expected.length + 0.5 * e.length);
    const ap = (a[b]! + 0.5) / (actual.length + 0.5 * a.length);
    psi += (ap - ep) * Math.log(ap / ep);
  }
  return psi;
}

/** The median of a list, or null when it is empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
