/**
 * The design matrix of a fit, held as its distinct rows: accounts with the same entries (the same
 * counted band in every criterion, the same exclusions) are one pattern, fitted once with the
 * weight of all of them. A history of a million deals over a few dozen indicators holds far fewer
 * patterns, so each Newton step costs a pass over the patterns, and choosing rows, penalties and
 * recency weights only re-weighs the patterns (one pass over the deals).
 */
import type { BandVector, Scorable } from './features.ts';
import { fill, lookup } from './arrays.ts';
import { type LogisticFit, type SparseRows, fitLogistic } from './logistic.ts';

export interface Design {
  /** The distinct rows. */
  x: SparseRows;
  /** Per account: its pattern. */
  of: Int32Array;
}

/** Collects distinct rows by a hash of their entries (an open-addressing table of typed arrays); a hit is checked entry by entry (exact). */
class PatternSet {
  /** Pattern id + 1 per slot (0 empty), and the slot's hash. */
  private slots = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 12);
  private starts = new Int32Array(1024);
  private cols = new Int32Array(4096);
  /** Entry values, kept only once one is not 1 (indicators need none). */
  private vals: Float64Array | null = null;
  private patterns = 0;
  private entries = 0;

  add(cols: ArrayLike<number>, vals: ArrayLike<number>, length: number): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < length; k++) {
      h = Math.imul(h ^ cols[k]!, 0x01000193);
      h = Math.imul(h ^ Math.round(vals[k]! * 1e9), 0x85ebca6b);
    }
    h |= 0;
    const mask = this.slots.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const id = this.slots[at]! - 1;
      if (id < 0) break;
      if (this.hashes[at] === h && this.same(id, cols, vals, length)) return id;
    }
    const id = this.store(cols, vals, length);
    if (2 * this.patterns > this.slots.length) this.rehash();
    this.place(id, h);
    return id;
  }

  private place(id: number, h: number): void {
    const mask = this.slots.length - 1;
    let at = h & mask;
    while (this.slots[at] !== 0) at = (at + 1) & mask;
    this.slots[at] = id + 1;
    this.hashes[at] = h;
  }

  private rehash(): void {
    const slots = this.slots;
    const hashes = this.hashes;
    this.slots = new Int32Array(slots.length * 2);
    this.hashes = new Int32Array(slots.length * 2);
    for (let at = 0; at < slots.length; at++) if (slots[at]) this.place(slots[at]! - 1, hashes[at]!);
  }

  private store(cols: ArrayLike<number>, vals: ArrayLike<number>, length: number): number {
    const id = this.patterns++;
    if (this.patterns + 1 >= this.starts.length) this.starts = grown(this.starts, this.starts.length * 2);
    if (this.entries + length > this.cols.length) {
      const size = Math.max(this.cols.length * 2, this.entries + length);
      this.cols = grown(this.cols, size);
      if (this.vals) this.vals = grown(this.vals, size);
    }
    if (!this.vals) {
      for (let k = 0; k < length && !this.vals; k++) if (vals[k] !== 1) this.vals = new Float64Array(this.cols.length).fill(1);
    }
    for (let k = 0; k < length; k++) {
      this.cols[this.entries] = cols[k]!;
      if (this.vals) this.vals[this.entries] = vals[k]!;
      this.entries++;
    }
    this.starts[this.patterns] = this.entries;
    return id;
  }

  private same(p: number, cols: ArrayLike<number>, vals: ArrayLike<number>, length: number): boolean {
    const from = this.starts[p]!;
    if (this.starts[p + 1]! - from !== length) return false;
    for (let k = 0; k < length; k++) if (this.cols[from + k] !== cols[k] || (this.vals ? this.vals[from + k]! : 1) !== vals[k]) return false;
    return true;
  }

  rows(width: number): SparseRows {
    return { start: this.starts.slice(0, this.patterns + 1), cols: this.cols.slice(0, this.entries), vals: this.vals ? this.vals.slice(0, this.entries) : null, width };
  }
}

function grown<T extends Int32Array | Float64Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

/**
 * The fit's design over every account: per criterion the band that counts under `points` (its
 * match factor), then a 1 for each matching exclusion, then one column per extra indicator.
 * Columns: bands, exclusions, extras.
 */
export function buildDesign(s: Scorable, points: ArrayLike<number>, extra: readonly BandVector[] = []): Design {
  const B = s.factor.length;
  const E = s.excludedBy.length;
  const width = B + E + extra.length;
  const set = new PatternSet();
  const of = new Int32Array(s.accounts);
  const cols = new Int32Array(width);
  const vals = new Float64Array(width);
  for (let i = 0; i < s.accounts; i++) {
    let k = 0;
    for (const criterion of s.criteria) {
      let best = -Infinity;
      let at = -1;
      for (const b of criterion.bands) {
        const f = s.factor[b]![i]!;
        if (f > 0 && points[b]! * f > best) {
          best = points[b]! * f;
          at = b;
        }
      }
      if (at < 0) continue;
      cols[k] = at;
      vals[k++] = s.factor[at]![i]!;
    }
    for (let e = 0; e < E; e++) {
      if (!s.excludedBy[e]![i]) continue;
      cols[k] = B + e;
      vals[k++] = 1;
    }
    for (let x = 0; x < extra.length; x++) {
      const f = extra[x]![i]!;
      if (f === 0) continue;
      cols[k] = B + E + x;
      vals[k++] = f;
    }
    // Entries in column order, so one pattern has one spelling.
    sortEntries(cols, vals, k);
    of[i] = set.add(cols, vals, k);
  }
  return { x: set.rows(width), of };
}

function sortEntries(cols: Int32Array, vals: Float64Array, k: number): void {
  for (let a = 1; a < k; a++) {
    const c = cols[a]!;
    const v = vals[a]!;
    let b = a - 1;
    while (b >= 0 && cols[b]! > c) {
      cols[b + 1] = cols[b]!;
      vals[b + 1] = vals[b]!;
      b--;
    }
    cols[b + 1] = c;
    vals[b + 1] = v;
  }
}

/** The design with only the listed columns, renumbered in that order (patterns that become equal merge). */
export function restrict(design: Design, keep: readonly number[]): Design {
  const map = new Int32Array(design.x.width).fill(-1);
  keep.forEach((c, k) => (map[c] = k));
  const set = new PatternSet();
  const { start, cols, vals } = design.x;
  const patterns = start.length - 1;
  const newOf = new Int32Array(patterns);
  const scratchCols = new Int32Array(keep.length);
  const scratchVals = new Float64Array(keep.length);
  for (let p = 0; p < patterns; p++) {
    let k = 0;
    for (let e = start[p]!; e < start[p + 1]!; e++) {
      const c = map[cols[e]!]!;
      if (c < 0) continue;
      scratchCols[k] = c;
      scratchVals[k++] = vals ? vals[e]! : 1;
    }
    sortEntries(scratchCols, scratchVals, k);
    newOf[p] = set.add(scratchCols, scratchVals, k);
  }
  return { x: set.rows(keep.length), of: lookup(Int32Array, design.of, newOf) };
}

export interface FitOptions {
  lambda: number;
  /** A weight per account (value weighting, recency); default 1. */
  weights?: Float64Array | null;
  /** Starting values (intercept, then coefficients). */
  start?: ArrayLike<number>;
  /** Stop when no parameter moves by more than this (a choice between fits needs less than the fit written). */
  tolerance?: number;
}

/** Fit won/lost over the listed accounts: each pattern once, weighted by its accounts. */
export function fitDesign(design: Design, won: Uint8Array, rows: Int32Array, options: FitOptions): LogisticFit {
  const count = design.x.start.length - 1;
  const weight = new Float64Array(count);
  const wins = new Float64Array(count);
  const { weights } = options;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const w = weights ? weights[i]! : 1;
    const p = design.of[i]!;
    weight[p]! += w;
    wins[p]! += w * won[i]!;
  }
  const used: number[] = [];
  for (let p = 0; p < count; p++) if (weight[p]! > 0) used.push(p);
  const share = Float64Array.from(wins, (w, p) => (weight[p]! > 0 ? w / weight[p]! : 0));
  return fitLogistic(design.x, share, Int32Array.from(used), {
    lambda: options.lambda,
    weights: weight,
    ...(options.start ? { start: options.start } : {}),
    ...(options.tolerance ? { tolerance: options.tolerance } : {}),
  });
}

/** Each pattern's linear predictor under a fit. */
export function patternEta(fit: Pick<LogisticFit, 'intercept' | 'coefficients'>, design: Design): Float64Array {
  const { start, cols, vals } = design.x;
  const eta = new Float64Array(start.length - 1);
  for (let p = 0; p < eta.length; p++) {
    let e = fit.intercept;
    for (let k = start[p]!; k < start[p + 1]!; k++) e += fit.coefficients[cols[k]!]! * (vals ? vals[k]! : 1);
    eta[p] = e;
  }
  return eta;
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Each listed account's log-loss under a fit (for paired comparisons of two fits on the same accounts). */
export function accountLosses(fit: Pick<LogisticFit, 'intercept' | 'coefficients'>, design: Design, won: Uint8Array, rows: Int32Array): Float64Array {
  const eta = patternEta(fit, design);
  return fill(Float64Array, rows.length, (r) => {
    const i = rows[r]!;
    const e = eta[design.of[i]!]!;
    return won[i] ? softplus(-e) : softplus(e);
  });
}

/** The weighted mean log-loss of a fit over the listed accounts. */
export function meanLoss(fit: Pick<LogisticFit, 'intercept' | 'coefficients'>, design: Design, won: Uint8Array, rows: Int32Array, weights?: Float64Array | null): number {
  const losses = accountLosses(fit, design, won, rows);
  let sum = 0;
  let total = 0;
  for (let r = 0; r < rows.length; r++) {
    const w = weights ? weights[rows[r]!]! : 1;
    sum += w * losses[r]!;
    total += w;
  }
  return total > 0 ? sum / total : 0;
}

/** Per design column, over the listed accounts: how many it counted for, and how many of them won (counts, not weights). */
export function columnSupport(design: Design, won: Uint8Array, rows: Int32Array): { support: Float64Array; wins: Float64Array } {
  const count = design.x.start.length - 1;
  const n = new Float64Array(count);
  const w = new Float64Array(count);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    n[design.of[i]!]!++;
    w[design.of[i]!]! += won[i]!;
  }
  const support = new Float64Array(design.x.width);
  const wins = new Float64Array(design.x.width);
  const { start, cols } = design.x;
  for (let p = 0; p < count; p++) {
    for (let k = start[p]!; k < start[p + 1]!; k++) {
      support[cols[k]!]! += n[p]!;
      wins[cols[k]!]! += w[p]!;
    }
  }
  return { support, wins };
}
