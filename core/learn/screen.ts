/**
 * Screening (training deals only): which groups, bands and pairs of the fine classing separate
 * won from lost beyond chance and by enough to matter. The noise bar is a weighted Bonferroni
 * bar: the screening's family-wise error rate is shared equally among the columns searched, and
 * within a column among what was looked at in it (each value; a number column's trend, its band
 * search and its blank group), so a column of a thousand values faces a higher bar than a yes/no
 * column, and shuffled outcomes pass nothing. A segment must also matter: its effect, smoothed
 * toward the overall rate, must be at least MIN_EFFECT.
 */
import type { Cell } from '../values.ts';
import { type FineClassing, type FineColumn, type Group, type GroupKind, formatNumber } from './fine.ts';
import { CLASS_GAIN, MAX_COARSE, MIN_COARSE_SHARE, MIN_EFFECT, MIN_SUPPORT } from './thresholds.ts';

export type SegmentKind = GroupKind | 'band' | 'recency' | 'pair';

/** One worksheet row a segment is written as (a pair is two: a criterion row and an `and` row). */
export interface Part {
  column: number;
  header: string;
  kind: Exclude<SegmentKind, 'pair'>;
  rule: string;
  value: Cell;
  label: string;
}

/** The 2×2 table of a segment against the rest, on the training deals. */
export interface SegmentStats {
  /** Decided deals it matches, and how many won (counts, not weights). */
  accounts: number;
  won: number;
  winRate: number;
  /** The win rate of the deals it does not match. */
  restRate: number;
  /** winRate ÷ overall win rate. */
  lift: number;
  /** Log odds ratio (matched vs not, ½ added to each cell), its standard error (Woolf) and z. */
  logOdds: number;
  standardError: number;
  z: number;
  /** The log odds ratio with the segment's win rate smoothed toward the overall rate by MIN_SUPPORT deals. */
  effect: number;
  /** Information value of the two-way split. */
  iv: number;
}

export interface Segment extends Part {
  /** Unique within one screening. */
  key: string;
  stats: SegmentStats;
  /** The |z| it had to clear. */
  bar: number;
  /** A pair's two parts (criterion row, `and` row). */
  parts?: [Part, Part];
  /** A coarse class of a number column (its staircase): the other classes of the column share this. */
  family?: string;
}

/** Tallies of decided training deals: weighted total and wins (value weighting), and the counts a person reads. */
export interface Tally {
  n: Float64Array;
  wins: Float64Array;
  count: Float64Array;
  won: Float64Array;
}

export interface Totals {
  n: number;
  wins: number;
  count: number;
  won: number;
}

/** Training deals, their outcomes and weights (value weighting), as every screening reads them. */
export interface Sample {
  rows: Int32Array;
  won: Uint8Array;
  weights: Float64Array | null;
  totals: Totals;
}

export function sampleOf(rows: Int32Array, won: Uint8Array, weights: Float64Array | null): Sample {
  const totals = { n: 0, wins: 0, count: rows.length, won: 0 };
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const w = won[i] && weights ? weights[i]! : 1;
    totals.n += w;
    totals.wins += won[i]! * w;
    totals.won += won[i]!;
  }
  return { rows, won, weights, totals };
}

function newTally(size: number): Tally {
  return { n: new Float64Array(size), wins: new Float64Array(size), count: new Float64Array(size), won: new Float64Array(size) };
}

function add(t: Tally, g: number, y: number, w: number): void {
  t.n[g]! += w;
  t.wins[g]! += y * w;
  t.count[g]!++;
  t.won[g]! += y;
}

/** Per group of a column (values, terms, yes/no, blank): the training deals in it. */
export function tallyGroups(column: FineColumn, sample: Sample): Tally {
  const t = newTally(column.groups.length);
  const { rows, won, weights } = sample;
  const { codes, groupOfCode, terms } = column;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const y = won[i]!;
    const w = y && weights ? weights[i]! : 1;
    const code = codes[i]!;
    const g = groupOfCode[code]!;
    if (g >= 0) add(t, g, y, w);
    if (terms) for (let k = terms.start[code]!; k < terms.start[code + 1]!; k++) add(t, terms.list[k]!, y, w);
  }
  return t;
}

/** Per bin of a number or date column. */
export function tallyBins(column: FineColumn, sample: Sample): Tally {
  const { bin, cuts } = column.numeric!;
  const t = newTally(cuts.length + 1);
  const { rows, won, weights } = sample;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const b = bin[i]!;
    if (b < 0) continue;
    const y = won[i]!;
    add(t, b, y, y && weights ? weights[i]! : 1);
  }
  return t;
}

const logit = (p: number) => Math.log(p / (1 - p));

/** The 2×2 statistics of a segment with weighted (n, wins) and counted (count, won) deals in it. */
export function segmentStats(n: number, wins: number, count: number, won: number, totals: Totals): SegmentStats {
  const a = wins;
  const b = n - wins;
  const c = totals.wins - a;
  const d = totals.n - totals.wins - b;
  const logOdds = Math.log(((a + 0.5) * (d + 0.5)) / ((b + 0.5) * (c + 0.5)));
  const standardError = Math.sqrt(1 / (a + 0.5) + 1 / (b + 0.5) + 1 / (c + 0.5) + 1 / (d + 0.5));
  const lost = totals.n - totals.wins;
  const woe = (w: number, l: number) => Math.log((w + 0.5) / (totals.wins + 1) / ((l + 0.5) / (lost + 1)));
  const iv = totals.wins > 0 && lost > 0 ? (a / totals.wins - b / lost) * woe(a, b) + (c / totals.wins - d / lost) * woe(c, d) : 0;
  const overall = totals.n > 0 ? totals.wins / totals.n : 0;
  // Smoothed toward the overall rate by MIN_SUPPORT pseudo-deals (additive smoothing, as target encoding does).
  const smoothed = (a + MIN_SUPPORT * overall + 0.5) / (n + MIN_SUPPORT + 1);
  const rest = (c + 0.5) / (c + d + 1);
  const rawOverall = totals.count ? totals.won / totals.count : 0;
  const winRate = count ? won / count : 0;
  const restCount = totals.count - count;
  return {
    accounts: count,
    won,
    winRate,
    restRate: restCount ? (totals.won - won) / restCount : 0,
    lift: rawOverall ? winRate / rawOverall : 0,
    logOdds,
    standardError,
    z: logOdds / standardError,
    effect: logit(smoothed) - logit(rest),
    iv,
  };
}

/** P(Z > z) for a standard normal, accurate far into the tail (continued fraction). */
export function upperTail(z: number): number {
  if (z < 3) {
    const x = z / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return (poly * Math.exp(-x * x)) / 2;
  }
  let fraction = z;
  for (let k = 40; k >= 1; k--) fraction = z + k / fraction;
  return Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI) / fraction;
}

const zCache = new Map<number, number>();

/** The |z| a two-sided test at level `alpha` needs (remembered: screening asks for a few levels many times). */
export function zFor(alpha: number): number {
  let z = zCache.get(alpha);
  if (z === undefined) {
    z = zOfLevel(alpha);
    if (zCache.size > 10_000) zCache.clear();
    zCache.set(alpha, z);
  }
  return z;
}

function zOfLevel(alpha: number): number {
  const tail = alpha / 2;
  let lo = 0;
  let hi = 40;
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2;
    if (upperTail(mid) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Log-likelihood of k wins in n at their own rate. */
function loglik(k: number, n: number): number {
  if (n <= 0) return 0;
  const p = k / n;
  return (k > 0 ? k * Math.log(p) : 0) + (n - k > 0 ? (n - k) * Math.log(1 - p) : 0);
}

/** A band of bins i…j of a number or date column as a worksheet row. */
export function bandPart(column: FineColumn, i: number, j: number): Part {
  const { cuts, recency } = column.numeric!;
  const last = cuts.length;
  const low = i === 0 ? null : cuts[i - 1]!;
  const high = j === last ? null : cuts[j]!;
  const { header } = column.profile;
  const base = { column: column.profile.column, header };
  if (recency) return { ...base, kind: 'recency', rule: 'within days', value: high!, label: `${header} within ${high} days` };
  if (low !== null && high !== null) return { ...base, kind: 'band', rule: 'between', value: `${formatNumber(low)}-${formatNumber(high)}`, label: `${header} ${formatNumber(low)}–${formatNumber(high)}` };
  if (low !== null) return { ...base, kind: 'band', rule: 'at least', value: formatNumber(low), label: `${header} ≥ ${formatNumber(low)}` };
  return { ...base, kind: 'band', rule: 'at most', value: formatNumber(high!), label: `${header} ≤ ${formatNumber(high!)}` };
}

/** Whether bins i…j can be written: a worksheet range cannot start or end below zero ("-5-10" is no range, "-5" reads as a formula). */
function writable(cuts: readonly number[], i: number, j: number): boolean {
  return !((i > 0 && cuts[i - 1]! < 0) || (j < cuts.length && cuts[j]! < 0));
}

/**
 * The band of neighbouring bins whose win rate differs most from the rest (likelihood ratio G),
 * and how many bands were looked at. An open-ended band that loses is turned into its winning
 * complement at the other end when there is one ("at most 60" losing → "at least 60" winning).
 */
export function bestBand(column: FineColumn, bins: Tally, totals: Totals, minSupport: number): { i: number; j: number; g: number; looked: number } | null {
  const { cuts, recency } = column.numeric!;
  const count = cuts.length + 1;
  if (count < 2) return null;
  const pooled = loglik(totals.wins, totals.n);
  let best: { i: number; j: number; g: number } | null = null;
  let looked = 0;
  const gOf = (i: number, j: number) => {
    const { n, k, c: raw } = binSums(bins, i, j);
    if (raw < minSupport || totals.count - raw < minSupport) return -1;
    return 2 * (loglik(k, n) + loglik(totals.wins - k, totals.n - n) - pooled);
  };
  for (let i = 0; i < count; i++) {
    if (recency && i > 0) break; // recency: "within N days" bands start at day 0
    for (let j = i; j < count; j++) {
      if (i === 0 && j === count - 1) continue; // the whole range is no band
      looked++;
      if (!writable(cuts, i, j)) continue;
      const g = gOf(i, j);
      if (g > (best?.g ?? 0) + 1e-9) best = { i, j, g };
    }
  }
  if (!best || recency) return best ? { ...best, looked } : null;
  const rate = (i: number, j: number) => {
    let n = 0;
    let k = 0;
    for (let b = i; b <= j; b++) {
      n += bins.n[b]!;
      k += bins.wins[b]!;
    }
    return n ? k / n : 0;
  };
  const open = best.i === 0 || best.j === count - 1;
  const [ci, cj] = best.i === 0 ? [best.j + 1, count - 1] : [0, best.i - 1];
  if (open && rate(best.i, best.j) < totals.wins / totals.n && writable(cuts, ci, cj)) {
    const g = gOf(ci, cj);
    if (g > 0) best = { i: ci, j: cj, g };
  }
  return { ...best, looked };
}

/** The Cochran–Armitage test for a trend in the win rate across the bins: one look at "higher wins" (or "lower wins"). */
export function trendZ(bins: Tally): number {
  let n = 0;
  let w = 0;
  let st = 0;
  let stt = 0;
  let sw = 0;
  for (let b = 0; b < bins.n.length; b++) {
    n += bins.n[b]!;
    w += bins.wins[b]!;
    st += b * bins.n[b]!;
    stt += b * b * bins.n[b]!;
    sw += b * bins.wins[b]!;
  }
  if (n === 0) return 0;
  const p = w / n;
  const variance = p * (1 - p) * (stt - (st * st) / n);
  return variance > 0 ? (sw - p * st) / Math.sqrt(variance) : 0;
}

/**
 * Coarse classing of a number column: its bins merged into at most MAX_COARSE neighbouring
 * classes, each with at least MIN_COARSE_SHARE of the deals (and MIN_SUPPORT), chosen by dynamic
 * programming to keep the most separating power; a further class is taken only when it improves
 * the fit clearly (G up by Z_KEEP²). Returns the classes as bin ranges, low to high.
 */
export function coarseClasses(column: FineColumn, bins: Tally, minSupport: number): [number, number][] {
  const { cuts } = column.numeric!;
  const count = cuts.length + 1;
  let inBins = 0;
  for (let b = 0; b < count; b++) inBins += bins.count[b]!;
  const minSize = Math.max(minSupport, MIN_COARSE_SHARE * inBins);
  const prefix = (arr: Float64Array) => {
    const out = new Float64Array(count + 1);
    for (let b = 0; b < count; b++) out[b + 1] = out[b]! + arr[b]!;
    return out;
  };
  const N = prefix(bins.n);
  const W = prefix(bins.wins);
  const C = prefix(bins.count);
  const ll = (i: number, j: number) => (C[j + 1]! - C[i]! < minSize ? -Infinity : loglik(W[j + 1]! - W[i]!, N[j + 1]! - N[i]!));
  // best[k][j]: the best split of bins 0…j into k classes; from[k][j] where its last class starts.
  const best: Float64Array[] = [];
  const from: Int32Array[] = [];
  for (let k = 1; k <= MAX_COARSE; k++) {
    const row = new Float64Array(count).fill(-Infinity);
    const at = new Int32Array(count).fill(-1);
    for (let j = 0; j < count; j++) {
      if (k === 1) {
        row[j] = ll(0, j);
        at[j] = 0;
        continue;
      }
      for (let i = 1; i <= j; i++) {
        // A class boundary is the cut below bin i: it must be writable (not below zero).
        if (cuts[i - 1]! < 0) continue;
        const value = best[k - 2]![i - 1]! + ll(i, j);
        if (value > row[j]!) {
          row[j] = value;
          at[j] = i;
        }
      }
    }
    best.push(row);
    from.push(at);
  }
  let k = 1;
  while (k < MAX_COARSE && Number.isFinite(best[k]![count - 1]!) && 2 * (best[k]![count - 1]! - best[k - 1]![count - 1]!) >= CLASS_GAIN) k++;
  const classes: [number, number][] = [];
  for (let j = count - 1, kk = k; kk >= 1; kk--) {
    const i = from[kk - 1]![j]!;
    classes.unshift([i, j]);
    j = i - 1;
  }
  return classes;
}

/** Whether a segment's effect is big enough to matter. */
export const matters = (stats: SegmentStats) => Math.abs(stats.effect) >= MIN_EFFECT;

/** The group as a worksheet row. */
export function groupPart(column: FineColumn, group: Group): Part {
  return { column: column.profile.column, header: column.profile.header, kind: group.kind, rule: group.rule, value: group.value, label: group.label };
}

/** The deals a set of bins holds, as one segment's stats. */
export function binStats(bins: Tally, i: number, j: number, totals: Totals): SegmentStats {
  const { n, k, c, w } = binSums(bins, i, j);
  return segmentStats(n, k, c, w, totals);
}

/** Bins i to j added up: weighted deals n and wins k, deals c and won w. */
function binSums(bins: Tally, i: number, j: number): { n: number; k: number; c: number; w: number } {
  let n = 0;
  let k = 0;
  let c = 0;
  let w = 0;
  for (let b = i; b <= j; b++) {
    n += bins.n[b]!;
    k += bins.wins[b]!;
    c += bins.count[b]!;
    w += bins.won[b]!;
  }
  return { n, k, c, w };
}

/** One test of the screening: its p-value, its share of α, and what happens once the step-up procedure decides. */
export interface Test {
  /** Two-sided p-value (a band search: its best band's times the bands looked at). */
  p: number;
  /** Its weighted-Bonferroni share of α: passed alone when p ≤ share. */
  share: number;
  /** Called once decided, with the level it was held to (k̂ × share, or share when nothing passed). */
  decide: (passed: boolean, level: number) => void;
}

/**
 * The weighted Benjamini–Hochberg step-up: with the tests sorted by p ÷ share, the largest k whose
 * k-th ratio is at most k; every test with p ÷ share ≤ k passes. On pure noise this is the
 * weighted Bonferroni bar (family-wise error ≤ α); when many columns hold effects, the bar
 * relaxes as they pass (false discovery rate ≤ α).
 */
export function stepUp(tests: readonly Test[]): void {
  const ratios = tests.map((t) => t.p / t.share).sort((a, b) => a - b);
  let k = 0;
  ratios.forEach((r, i) => {
    if (r <= i + 1) k = i + 1;
  });
  for (const t of tests) t.decide(k > 0 && t.p / t.share <= k, Math.max(1, k) * t.share);
}

/** A segment looked at and not kept, with the reason: what the Learn tab lists as "considered". */
export interface Considered {
  label: string;
  field: string;
  rule: string;
  value: string;
  /** Decided training deals it matched, its win rate and lift, and its z against the bar it had to clear. */
  deals: number;
  winRate: number;
  lift: number;
  z: number;
  bar: number;
  reason: string;
}

export function considered(segment: Pick<Segment, 'label' | 'header' | 'rule' | 'value'>, stats: SegmentStats, bar: number, reason: string): Considered {
  return {
    label: segment.label,
    field: segment.header,
    rule: segment.rule,
    value: String(segment.value ?? ''),
    deals: stats.accounts,
    winRate: stats.winRate,
    lift: stats.lift,
    z: stats.z,
    bar,
    reason,
  };
}


export type { FineClassing };
