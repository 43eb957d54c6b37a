/**
 * The model's rows as indicators over a history: for every account, how much each criterion
 * band matched (1, 0, or the decay factor) and which exclusions matched. From these any set of
 * points can be scored exactly as SPEC §4 scores (without re-reading a cell), and the fit gets
 * its design matrix.
 */
import type { Model, ModelEntry } from '../model.ts';
import { type MatchTest, makeTest } from '../rules.ts';
import { type BoundModel, type BoundTest, failedCondition, roundScore } from '../score.ts';
import { type Cell, type DayNumber, UNREADABLE } from '../values.ts';
import type { SparseRows } from './logistic.ts';

type BoundBand = BoundModel['criteria'][number]['bands'][number];

/** The rules whose match depends on the `as of` day. */
const TIME_RULES = new Set(['within days', 'decays over days']);

export interface HistoryFeatures {
  model: Model;
  /** Every criterion row, grouped by criterion in model order. */
  bands: ModelEntry[];
  /** The criteria, each with the indexes of its bands. */
  criteria: { name: string; bands: number[] }[];
  exclusions: ModelEntry[];
  /** Number of accounts. */
  accounts: number;
  /** accounts × bands: the match factor of each band (0 no match, 1 match, decay share). */
  factor: Float64Array;
  /** accounts × exclusions: 1 where the exclusion matched. */
  excludedBy: Uint8Array;
  /** accounts: 1 where any exclusion matched. */
  excluded: Uint8Array;
  /** accounts × criteria: 1 where some band read a value (the `missing = skip` test). */
  read: Uint8Array;
}

/** Per band, a test for each `as of` day met so far (time rules only). */
function timeTests(band: BoundTest): (asOf: DayNumber) => MatchTest {
  const cache = new Map<DayNumber, MatchTest>();
  return (asOf) => {
    let test = cache.get(asOf);
    if (!test) cache.set(asOf, (test = makeTest(band.entry.rule!, band.entry.operand, { asOf })));
    return test;
  };
}

/**
 * Match every account against every band and exclusion of a bound model. `asOf` optionally
 * gives each account its own reference day for time rules (its created date); null uses the model's.
 */
export function readFeatures(bound: BoundModel, rows: readonly (readonly Cell[])[], asOf?: readonly (DayNumber | null)[]): HistoryFeatures {
  const boundBands = bound.criteria.flatMap((c) => c.bands);
  const criteria: HistoryFeatures['criteria'] = [];
  let next = 0;
  for (const c of bound.criteria) {
    criteria.push({ name: c.criterion.name, bands: c.bands.map(() => next++) });
  }
  const all = [...boundBands, ...bound.exclusions];
  const perDay = all.map((band) => (asOf && TIME_RULES.has(band.entry.rule ?? '') ? timeTests(band) : null));
  const B = boundBands.length;
  const E = bound.exclusions.length;
  const C = criteria.length;
  const n = rows.length;
  const factor = new Float64Array(n * B);
  const excludedBy = new Uint8Array(n * E);
  const excluded = new Uint8Array(n);
  const read = new Uint8Array(n * C);
  const values: unknown[] = new Array(bound.readers.length);
  const criterionOf = criteria.flatMap((c, ci) => c.bands.map(() => ci));
  // `and` rows on an account's own day: time rules judged as of that day, the others as bound.
  const conditionTimeTests = new Map<BoundTest, (asOf: DayNumber) => MatchTest>();
  const testOn = (day: DayNumber) => (condition: BoundTest): MatchTest => {
    if (!TIME_RULES.has(condition.entry.rule ?? '')) return condition.test;
    let tests = conditionTimeTests.get(condition);
    if (!tests) conditionTimeTests.set(condition, (tests = timeTests(condition)));
    return tests(day);
  };

  const match = (band: BoundBand, index: number, day: DayNumber | null): [factor: number, read: boolean] => {
    const value = values[band.reader];
    if (!band.presence && (value === null || value === UNREADABLE)) return [0, false];
    const test = day !== null && perDay[index] ? perDay[index](day) : band.test;
    const factor = (test as (v: unknown) => number)(value);
    // `and` rows narrow the match but play no part in whether the criterion was read (SPEC §1).
    if (factor > 0 && band.conditions.length > 0 && failedCondition(band, values, day === null ? undefined : testOn(day))) return [0, true];
    return [factor, !band.presence];
  };

  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    for (let r = 0; r < bound.readers.length; r++) {
      const reader = bound.readers[r]!;
      values[r] = reader.read(row[reader.column]);
    }
    const day = asOf?.[i] ?? null;
    for (let b = 0; b < B; b++) {
      const [f, wasRead] = match(boundBands[b]!, b, day);
      factor[i * B + b] = f;
      if (wasRead || f > 0) read[i * C + criterionOf[b]!] = 1;
    }
    for (let e = 0; e < E; e++) {
      if (match(bound.exclusions[e]!, B + e, day)[0] > 0) {
        excludedBy[i * E + e] = 1;
        excluded[i] = 1;
      }
    }
  }
  return {
    model: bound.model,
    bands: boundBands.map((b) => b.entry),
    criteria,
    exclusions: bound.exclusions.map((b) => b.entry),
    accounts: n,
    factor,
    excludedBy,
    excluded,
    read,
  };
}

/** Each band's Points in the model: the current points vector. */
export function currentPoints(features: HistoryFeatures): Float64Array {
  return Float64Array.from(features.bands, (band) => band.points);
}

/**
 * The band that counts for each account and criterion under `points` (the matching band with the
 * most points, first on ties, as scoring picks it), or -1. accounts × criteria.
 */
export function countedBands(features: HistoryFeatures, points: Float64Array): Int32Array {
  const { factor, criteria, accounts } = features;
  const B = features.bands.length;
  const C = criteria.length;
  const counted = new Int32Array(accounts * C).fill(-1);
  for (let i = 0; i < accounts; i++) {
    for (let c = 0; c < C; c++) {
      let best = -Infinity;
      for (const b of criteria[c]!.bands) {
        const f = factor[i * B + b]!;
        if (f > 0 && points[b]! * f > best) {
          best = points[b]! * f;
          counted[i * C + c] = b;
        }
      }
    }
  }
  return counted;
}

/**
 * Every account's score under `points` (SPEC §4): NaN where there is no score (all criteria
 * skipped under `missing = skip`); 0 for excluded accounts. The manual override is not applied.
 */
export function scoreAccounts(features: HistoryFeatures, points: Float64Array): Float64Array {
  const { factor, criteria, accounts, excluded, read } = features;
  const B = features.bands.length;
  const C = criteria.length;
  const skipBlank = features.model.settings.missing === 'skip';
  const possibleOf = criteria.map((c) => Math.max(0, ...c.bands.map((b) => points[b]!)));
  const scores = new Float64Array(accounts);
  for (let i = 0; i < accounts; i++) {
    if (excluded[i]) continue;
    let earned = 0;
    let possible = 0;
    let counted = 0;
    for (let c = 0; c < C; c++) {
      let best = -Infinity;
      for (const b of criteria[c]!.bands) {
        const f = factor[i * B + b]!;
        if (f > 0 && points[b]! * f > best) best = points[b]! * f;
      }
      if (skipBlank && !read[i * C + c] && best === -Infinity) continue;
      earned += best === -Infinity ? 0 : best;
      possible += possibleOf[c]!;
      counted++;
    }
    scores[i] = counted === 0 || possible <= 0 ? NaN : roundScore(Math.min(100, Math.max(0, (100 * earned) / possible)));
  }
  return scores;
}

/**
 * The design matrix the fit sees: per account, the counted band of each criterion (its match
 * factor) and a 1 for each matching exclusion. Columns: bands, then exclusions.
 */
export function designMatrix(features: HistoryFeatures, points: Float64Array): SparseRows {
  const counted = countedBands(features, points);
  const { accounts, factor, excludedBy } = features;
  const B = features.bands.length;
  const C = features.criteria.length;
  const E = features.exclusions.length;
  const start = new Int32Array(accounts + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < accounts; i++) {
    for (let c = 0; c < C; c++) {
      const b = counted[i * C + c]!;
      if (b < 0) continue;
      cols.push(b);
      vals.push(factor[i * B + b]!);
    }
    for (let e = 0; e < E; e++) {
      if (!excludedBy[i * E + e]) continue;
      cols.push(B + e);
      vals.push(1);
    }
    start[i + 1] = cols.length;
  }
  return { start, cols: Int32Array.from(cols), vals: Float64Array.from(vals), width: B + E };
}
