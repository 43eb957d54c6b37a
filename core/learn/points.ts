/**
 * From fitted effects to points: a row's points are proportional to its fitted effect (log-odds),
 * scaled so the possible total is 100, as the presets are. A row earns points only for a clear
 * effect (its whole 95% interval on one side of 0); thin model rows keep their points; the model's
 * bands of one criterion keep the order their points had (isotonic pooling), except a clearly
 * harmful band and rows found in the history, whose own evidence sets their points.
 */
import { nonIncreasing } from './stats.ts';
import { TOTAL_POINTS, Z95 } from './thresholds.ts';

export interface PointInputs {
  criteria: readonly { bands: readonly number[] }[];
  /** Per band: the points it has in the model, or null for a row found in the history. */
  current: readonly (number | null)[];
  /** Per band: the fitted effect and its standard error. */
  coefficients: ArrayLike<number>;
  standardErrors: ArrayLike<number>;
  /** Per band: too few decided deals with it or without it to judge. */
  thin: readonly boolean[];
  /** Per band: decided deals it counted for (the weight of its pooling). */
  support: ArrayLike<number>;
}

export interface Points {
  points: number[];
  /** The points make a model: some row has positive points. */
  usable: boolean;
  /** No row had a clear positive effect to set the scale: the model's rows keep their points and found rows are scaled by their effects alone. */
  unscaled: boolean;
}

export const clearlyHarmful = (beta: number, se: number) => beta + Z95 * se < 0;
export const clearlyHelpful = (beta: number, se: number) => beta - Z95 * se > 0;

function possibleOf(criteria: PointInputs['criteria'], points: ArrayLike<number>): number {
  let total = 0;
  for (const c of criteria) total += Math.max(0, ...c.bands.map((b) => points[b]!));
  return total;
}

/** The largest scale whose points still add up to at most `total` possible; null when none reaches it. */
function findScale(possible: (s: number) => number, total: number): number | null {
  let high = 1;
  while (possible(high) <= total + 1e-9) {
    high *= 4;
    if (high > 1e9) return null;
  }
  let low = 0;
  for (let k = 0; k < 60; k++) {
    const mid = (low + high) / 2;
    if (possible(mid) <= total + 1e-9) low = mid;
    else high = mid;
  }
  return low;
}

/** Points at scale s: fixed bands keep theirs, the others are s·target, each criterion's model bands kept in order. */
function pointsAt(s: number, input: PointInputs, fixed: readonly (number | null)[], target: readonly number[], free: readonly boolean[]): Float64Array {
  const out = new Float64Array(input.current.length);
  for (const criterion of input.criteria) {
    const raw = (b: number) => fixed[b] ?? s * target[b]!;
    for (const b of criterion.bands) if (free[b]) out[b] = raw(b);
    const order = criterion.bands.filter((b) => !free[b]).sort((a, b) => input.current[b]! - input.current[a]! || raw(b) - raw(a));
    const values = nonIncreasing(
      order.map(raw),
      order.map((b) => (fixed[b] === null ? input.support[b]! + 1 : 1e9)),
    );
    order.forEach((b, k) => (out[b] = values[k]!));
  }
  return out;
}

/** The points of every band, whole numbers, −100 at the lowest (which already zeroes any score). */
export function fitPoints(input: PointInputs): Points {
  const B = input.current.length;
  const currentPossible = possibleOf(
    input.criteria,
    input.current.map((p) => p ?? 0),
  );
  const fixed: (number | null)[] = [];
  const target: number[] = [];
  const free: boolean[] = [];
  for (let b = 0; b < B; b++) {
    const found = input.current[b] === null;
    const beta = input.coefficients[b]!;
    const se = input.standardErrors[b]!;
    const harmful = !input.thin[b] && clearlyHarmful(beta, se);
    fixed.push(!found && input.thin[b] ? (input.current[b]! * TOTAL_POINTS) / Math.max(currentPossible, 1e-9) : null);
    // Points only for a clear effect: a row whose 95% interval reaches zero earns none (noise gets no points).
    target.push(found || harmful || clearlyHelpful(beta, se) ? beta : 0);
    free.push(found || harmful);
  }
  let unscaled = false;
  // Thin rows keep their points and the others share the rest of 100; when thin rows alone fill the
  // 100 (rows almost every deal matches), the others get 100 of their own beside them.
  const thinPossible = possibleOf(
    input.criteria,
    fixed.map((f) => f ?? 0),
  );
  const budget = thinPossible >= TOTAL_POINTS - 1e-9 ? thinPossible + TOTAL_POINTS : TOTAL_POINTS;
  let scale = findScale((s) => possibleOf(input.criteria, pointsAt(s, input, fixed, target, free)), budget);
  if (scale === null) {
    // No row has a clear positive effect: nothing sets the scale of the points. The model's rows
    // keep their points, and found rows get points in proportion to their effects.
    unscaled = true;
    for (let b = 0; b < B; b++) if (input.current[b] !== null) fixed[b] = input.current[b]!;
    const magnitude = input.criteria.reduce((sum, c) => sum + Math.max(0, ...c.bands.filter((b) => input.current[b] === null).map((b) => Math.abs(target[b]!))), 0);
    scale = magnitude > 0 ? TOTAL_POINTS / magnitude : 0;
  }
  const points = Array.from(pointsAt(scale, input, fixed, target, free), (p) => Math.max(-TOTAL_POINTS, Math.round(p)) + 0);
  return { points, usable: possibleOf(input.criteria, points) > 0, unscaled };
}
