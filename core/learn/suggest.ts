/**
 * Suggested points: a logistic regression of won/lost on the model's rows, turned back into a
 * 100-point model. Thin rows keep their points; clearly harmful rows get negative points (and the
 * worst are named candidate exclusions); bands of one criterion keep the order they had.
 */
import { displayCell } from '../values.ts';
import { type HistoryFeatures, currentPoints } from './features.ts';
import { type SparseRows, fitCompressed } from './logistic.ts';
import { MIN_SUPPORT } from './lift.ts';
import { nonIncreasing } from './stats.ts';

/** The fit's default L2 penalty: enough to tame rows that separate won from lost perfectly. */
export const DEFAULT_LAMBDA = 1;
/** z for a two-sided 95% interval: a row is "clearly" harmful when its whole interval is below 0. */
const Z95 = 1.96;
/** A harmful row whose accounts win at most this share of the overall rate is a candidate exclusion. */
const EXCLUSION_LIFT = 0.5;
/** The total the suggested model's possible points add up to. */
const TOTAL = 100;

export type SuggestedStatus =
  | 'raised'
  | 'lowered'
  | 'unchanged'
  | 'thin'
  | 'negative'
  | 'candidate exclusion'
  | 'exclusion supported'
  | 'exclusion not supported'
  | 'exclusion thin'
  | 'new'
  | 'new exclusion'
  | 'moved'
  | 'not adopted';

export interface SuggestedRow {
  /** The model row (header row = 1). */
  row: number;
  kind: 'criterion' | 'exclude';
  name: string;
  field: string;
  rule: string;
  value: string;
  /** null for exclusions. */
  currentPoints: number | null;
  suggestedPoints: number | null;
  /** suggested − current; null for exclusions. */
  change: number | null;
  /** The fitted log-odds effect of the row against no match, and its standard error (null if it could not be computed). */
  coefficient: number;
  standardError: number | null;
  /** Decided accounts for which this row counted in the fit, and how many of them won. */
  accounts: number;
  won: number;
  /** Won ÷ accounts, and that rate ÷ the overall win rate (null when it counted for no one). */
  winRate: number | null;
  lift: number | null;
  /** `model`: a row of the current model; `found`: discovered in the history; `moved`: a model row whose Value the history moved. */
  origin: 'model' | 'found' | 'moved';
  /** For a moved row: the Value it had. */
  previousValue?: string;
  /** The points the tried model gives (equal to suggestedPoints when the suggestion is adopted). */
  triedPoints: number | null;
  status: SuggestedStatus;
  /** A sentence on why. */
  note: string;
}

export interface Suggestion {
  /** False when the history gives nothing to suggest (the points stay as they are). */
  usable: boolean;
  message: string;
  rows: SuggestedRow[];
  /** Suggested points per criterion band, in HistoryFeatures band order. */
  points: number[];
  intercept: number;
  lambda: number;
  converged: boolean;
}

export interface SuggestOptions {
  lambda?: number;
  minSupport?: number;
  /** A weight per account (e.g. won deals weighed by their amount); default 1. */
  weights?: Float64Array | null;
  /** Bands (by model row) whose points their own evidence sets, outside their criterion's order: rows found in the history. */
  freeRows?: ReadonlySet<number>;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** Final points for a scale s: fixed bands keep theirs, fitted ones are s·target, each criterion kept in order. */
function pointsAt(
  s: number,
  features: HistoryFeatures,
  current: Float64Array,
  fixed: (number | null)[],
  target: number[],
  weight: number[],
  harmful: boolean[],
): Float64Array {
  const out = new Float64Array(current.length);
  for (const criterion of features.criteria) {
    const raw = (b: number) => fixed[b] ?? s * target[b]!;
    // A clearly harmful band leaves its criterion's order: its own evidence sets its (negative) points.
    for (const b of criterion.bands) if (harmful[b]) out[b] = raw(b);
    const order = criterion.bands.filter((b) => !harmful[b]).sort((a, b) => current[b]! - current[a]! || raw(b) - raw(a));
    const values = nonIncreasing(
      order.map(raw),
      order.map((b) => (fixed[b] === null ? weight[b]! : 1e9)),
    );
    order.forEach((b, k) => (out[b] = values[k]!));
  }
  return out;
}

function possibleOf(features: HistoryFeatures, points: Float64Array): number {
  let total = 0;
  for (const c of features.criteria) total += Math.max(0, ...c.bands.map((b) => points[b]!));
  return total;
}

/** The largest scale whose points still add up to at most 100 possible; null when none reaches 100. */
function findScale(possible: (s: number) => number): number | null {
  let high = 1;
  while (possible(high) <= TOTAL + 1e-9) {
    high *= 4;
    if (high > 1e9) return null;
  }
  let low = 0;
  for (let k = 0; k < 60; k++) {
    const mid = (low + high) / 2;
    if (possible(mid) <= TOTAL + 1e-9) low = mid;
    else high = mid;
  }
  return low;
}

/**
 * Fit won/lost on the design matrix over `rows` (decided accounts) and turn the effects into points.
 * `won[i]` is 1 for a won account, 0 for a lost one.
 */
export function suggestPoints(
  features: HistoryFeatures,
  x: SparseRows,
  won: Uint8Array,
  rows: Int32Array,
  options: SuggestOptions = {},
): Suggestion {
  const lambda = options.lambda ?? DEFAULT_LAMBDA;
  const minSupport = options.minSupport ?? MIN_SUPPORT;
  const fit = fitCompressed(x, won, rows, { lambda, ...(options.weights ? { weights: options.weights } : {}) });
  const B = features.bands.length;
  const support = new Float64Array(x.width);
  const wins = new Float64Array(x.width);
  let totalWon = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    totalWon += won[i]!;
    for (let k = x.start[i]!; k < x.start[i + 1]!; k++) {
      support[x.cols[k]!]!++;
      wins[x.cols[k]!]! += won[i]!;
    }
  }
  const N = rows.length;
  const overall = N ? totalWon / N : 0;
  const thin = (j: number) => support[j]! < minSupport || N - support[j]! < minSupport;
  const clearlyHarmful = (j: number) => !thin(j) && fit.coefficients[j]! + Z95 * fit.standardErrors[j]! < 0;
  const clearlyHelpful = (j: number) => fit.coefficients[j]! - Z95 * fit.standardErrors[j]! > 0;
  const matchedRate = (j: number) => (support[j]! ? wins[j]! / support[j]! : 0);

  const current = currentPoints(features);
  const currentPossible = possibleOf(features, current);
  const fixed: (number | null)[] = [];
  const target: number[] = [];
  const weight: number[] = [];
  for (let b = 0; b < B; b++) {
    fixed.push(thin(b) ? (current[b]! * TOTAL) / currentPossible : null);
    const beta = fit.coefficients[b]!;
    // Points only for a clear effect: a row whose 95% interval reaches zero earns none (noise gets no points).
    target.push(clearlyHarmful(b) ? beta : clearlyHelpful(b) ? beta : 0);
    weight.push(support[b]! + 1);
  }
  // A clearly harmful band, or a row found in the history (it had no points to keep in order), is set by its own evidence.
  const harmful = features.bands.map((entry, b) => clearlyHarmful(b) || (options.freeRows?.has(entry.row) ?? false));
  const at = (s: number) => pointsAt(s, features, current, fixed, target, weight, harmful);
  let scale = findScale((s) => possibleOf(features, at(s)));
  if (scale === null) {
    const magnitude = features.criteria.reduce((sum, c) => sum + Math.max(0, ...c.bands.map((b) => Math.abs(target[b]!))), 0);
    scale = magnitude > 0 ? TOTAL / magnitude : 0;
  }
  // −100 already zeroes any score: a larger negative says nothing more (tiny positive effects can blow the scale up).
  const points = Array.from(at(scale), (p) => Math.max(-TOTAL, Math.round(p)) + 0);
  const usable = possibleOf(features, Float64Array.from(points)) > 0 && fixed.some((f) => f === null);

  const rows_: SuggestedRow[] = [];
  features.bands.forEach((entry, b) => {
    const suggested = usable ? points[b]! : entry.points;
    rows_.push({
      ...describeEntry(entry),
      kind: 'criterion',
      currentPoints: entry.points,
      suggestedPoints: suggested,
      change: suggested - entry.points,
      coefficient: fit.coefficients[b]!,
      standardError: finiteOrNull(fit.standardErrors[b]!),
      accounts: support[b]!,
      won: wins[b]!,
      ...rates(b),
      origin: 'model',
      triedPoints: suggested,
      ...criterionStatus(b, suggested, entry.points),
    });
  });
  features.exclusions.forEach((entry, e) => {
    const j = B + e;
    rows_.push({
      ...describeEntry(entry),
      kind: 'exclude',
      currentPoints: null,
      suggestedPoints: null,
      change: null,
      coefficient: fit.coefficients[j]!,
      standardError: finiteOrNull(fit.standardErrors[j]!),
      accounts: support[j]!,
      won: wins[j]!,
      ...rates(j),
      origin: 'model',
      triedPoints: null,
      ...exclusionStatus(j),
    });
  });

  function rates(j: number): { winRate: number | null; lift: number | null } {
    const rate = support[j]! ? wins[j]! / support[j]! : null;
    return { winRate: rate, lift: rate !== null && overall > 0 ? rate / overall : null };
  }

  function criterionStatus(b: number, suggested: number, was: number): { status: SuggestedStatus; note: string } {
    const matched = `won ${percent(matchedRate(b))} of ${support[b]} decided accounts it counted for, against ${percent(overall)} overall`;
    if (thin(b)) {
      return {
        status: 'thin',
        note: `Too thin to judge: it counted for ${support[b]} of ${N} decided accounts (needs ${minSupport} with it and ${minSupport} without); points left as they are.`,
      };
    }
    if (clearlyHarmful(b) && matchedRate(b) <= EXCLUSION_LIFT * overall) {
      return { status: 'candidate exclusion', note: `Clearly harmful: ${matched}. A candidate exclusion (anti-ICP); suggested as ${suggested} points meanwhile.` };
    }
    if (clearlyHarmful(b)) return { status: 'negative', note: `Clearly harmful: ${matched}; negative points suggested.` };
    const status: SuggestedStatus = suggested > was ? 'raised' : suggested < was ? 'lowered' : 'unchanged';
    const effect = !clearlyHelpful(b) ? ' No clear effect either way (its 95% interval reaches zero), so no points.' : '';
    return { status, note: `It ${matched}.${effect}` };
  }

  function exclusionStatus(j: number): { status: SuggestedStatus; note: string } {
    const matched = `excluded accounts won ${percent(matchedRate(j))} of ${support[j]}, against ${percent(overall)} overall`;
    if (thin(j)) {
      return { status: 'exclusion thin', note: `Too thin to judge: it matched ${support[j]} of ${N} decided accounts (needs ${minSupport}); kept.` };
    }
    if (fit.coefficients[j]! + Z95 * fit.standardErrors[j]! < 0) return { status: 'exclusion supported', note: `Supported: ${matched}.` };
    return { status: 'exclusion not supported', note: `Not supported by the history: ${matched}; review it.` };
  }

  const message = !usable
    ? fixed.every((f) => f !== null)
      ? `Every row is too thin to judge (each needs ${minSupport} decided accounts with it and ${minSupport} without); no points suggested.`
      : 'The history shows no row that raises the win rate; no points suggested.'
    : `Points fitted on ${N} decided accounts (${totalWon} won).`;
  return { usable, message, rows: rows_, points: usable ? points : Array.from(current), intercept: fit.intercept, lambda, converged: fit.converged };
}

function describeEntry(entry: HistoryFeatures['bands'][number]) {
  return { row: entry.row, name: entry.name, field: entry.field, rule: entry.rule ?? '', value: displayCell(entry.value) };
}
