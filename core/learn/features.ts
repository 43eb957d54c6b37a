/**
 * Worksheet rows as indicators over a history: for every account, how much each criterion band
 * matched (1, 0, or the decay factor) and which exclusions matched. From these any set of points
 * can be scored exactly as SPEC §4 scores (without reading a cell again), and the fit gets its
 * design matrix. The current model's rows and the rows a candidate adds (found in the history)
 * are both held this way, so a candidate is described in feature terms and the worksheet is
 * written once at the end.
 */
import type { Model, ModelEntry } from '../model.ts';
import { type MatchTest, makeTest } from '../rules.ts';
import { type BoundModel, type BoundTest, roundScore } from '../score.ts';
import { type Cell, type DayNumber, UNREADABLE } from '../values.ts';
import type { SparseRows } from './logistic.ts';
import { type HistoryTable, TableBuilder } from './table.ts';

type BoundBand = BoundModel['criteria'][number]['bands'][number];

/** One band's match per account: 0/1 (Uint8Array), or the share of points a `decays over days` row gives (Float64Array). */
export type BandVector = Uint8Array | Float64Array;

/** The rules whose match depends on the `as of` day. */
const TIME_RULES = new Set(['within days', 'decays over days']);

/** What scoring needs: bands grouped into criteria, exclusions, and (for `missing = skip`) which criteria read a value. */
export interface Scorable {
  accounts: number;
  /** Per band (criterion row): its match per account. */
  factor: BandVector[];
  /** The criteria, each with the indexes of its bands. */
  criteria: { name: string; bands: number[] }[];
  /** Per criterion: 1 where some band read a value (the `missing = skip` test). */
  read: Uint8Array[];
  /** Per exclusion: 1 where it matched. */
  excludedBy: Uint8Array[];
  /** 1 where any exclusion matched. */
  excluded: Uint8Array;
  /** The model skips blank fields (`missing = skip`). */
  skipBlank: boolean;
}

export interface HistoryFeatures extends Scorable {
  model: Model;
  /** Every criterion row, grouped by criterion in model order (the order of `factor`). */
  bands: ModelEntry[];
  exclusions: ModelEntry[];
}

/** Per band or condition, a test for each `as of` day met so far (time rules only). */
function timeTests(band: BoundTest): (asOf: DayNumber) => MatchTest {
  const cache = new Map<DayNumber, MatchTest>();
  return (asOf) => {
    let test = cache.get(asOf);
    if (!test) cache.set(asOf, (test = makeTest(band.entry.rule!, band.entry.operand, { asOf })));
    return test;
  };
}

/** Each reader's reading of every distinct cell of its column, and the column's codes. */
interface Readings {
  values: (reader: number) => readonly unknown[];
  codes: (reader: number) => Int32Array;
}

/**
 * Whether account i meets a condition (an `and` row): its column read and its rule matched; a time
 * rule judged as of the account's own day when it has one, as the row's own rule is.
 */
function conditionTest(condition: BoundTest, readings: Readings, asOf: readonly (DayNumber | null)[] | undefined): (i: number) => boolean {
  const values = readings.values(condition.reader);
  const codes = readings.codes(condition.reader);
  const readable = (value: unknown) => condition.presence || (value !== null && value !== UNREADABLE);
  const test = condition.test as (value: unknown) => number;
  const byCode = Uint8Array.from(values, (value) => (readable(value) && test(value) > 0 ? 1 : 0));
  const perDay = asOf && TIME_RULES.has(condition.entry.rule ?? '') ? timeTests(condition) : null;
  if (!perDay) return (i) => byCode[codes[i]!] === 1;
  return (i) => {
    const day = asOf![i] ?? null;
    if (day === null) return byCode[codes[i]!] === 1;
    const value = values[codes[i]!];
    return readable(value) && (perDay(day) as (v: unknown) => number)(value) > 0;
  };
}

/** One band over the table: its factor per account, and whether it read a value (for `missing = skip`). */
function bandOver(band: BoundBand, readings: Readings, asOf: readonly (DayNumber | null)[] | undefined): { factor: BandVector; read: Uint8Array } {
  const values = readings.values(band.reader);
  const codes = readings.codes(band.reader);
  const n = codes.length;
  // `and` rows narrow the match but play no part in whether the criterion was read (SPEC §1).
  const conditions = band.conditions.map((condition) => conditionTest(condition, readings, asOf));
  const readable = (value: unknown) => band.presence || (value !== null && value !== UNREADABLE);
  const perDay = asOf && TIME_RULES.has(band.entry.rule ?? '') ? timeTests(band) : null;
  const test = band.test as (value: unknown) => number;
  const byCode = values.map((value) => (readable(value) ? test(value) : 0));
  const readCode = Uint8Array.from(values, (value, k) => ((readable(value) && !band.presence) || byCode[k]! > 0 ? 1 : 0));
  const whole = byCode.every((f) => f === 0 || f === 1) && !perDay;
  const factor: BandVector = whole ? new Uint8Array(n) : new Float64Array(n);
  const read = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const code = codes[i]!;
    const value = values[code];
    const day = perDay ? (asOf![i] ?? null) : null;
    const own = day !== null && readable(value) ? (perDay!(day) as (v: unknown) => number)(value) : byCode[code]!;
    const f = own > 0 && conditions.length > 0 && !conditions.every((met) => met(i)) ? 0 : own;
    factor[i] = f;
    read[i] = readCode[code]! || own > 0 ? 1 : 0;
  }
  return { factor, read };
}

/**
 * Match every account of the table against every band and exclusion of a bound model. `asOf`
 * optionally gives each account its own reference day for time rules (its created date); null
 * uses the model's.
 */
export function readFeatures(bound: BoundModel, table: HistoryTable, asOf?: readonly (DayNumber | null)[]): HistoryFeatures {
  const n = table.rows;
  // Each reader reads every distinct cell of its column once.
  const readValues = bound.readers.map((reader) => table.columns[reader.column]!.values.map((cell) => reader.read(cell)));
  const readings: Readings = { values: (r) => readValues[r]!, codes: (r) => table.columns[bound.readers[r]!.column]!.codes };
  const over = (band: BoundBand) => bandOver(band, readings, asOf);
  const criteria: HistoryFeatures['criteria'] = [];
  const factor: BandVector[] = [];
  const read: Uint8Array[] = [];
  for (const c of bound.criteria) {
    const any = new Uint8Array(n);
    const indexes: number[] = [];
    for (const band of c.bands) {
      const result = over(band);
      indexes.push(factor.length);
      factor.push(result.factor);
      for (let i = 0; i < n; i++) any[i] = any[i]! | result.read[i]!;
    }
    criteria.push({ name: c.criterion.name, bands: indexes });
    read.push(any);
  }
  const excluded = new Uint8Array(n);
  const excludedBy = bound.exclusions.map((band) => {
    const { factor: f } = over(band);
    const matched = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (f[i]! > 0) matched[i] = excluded[i] = 1;
    return matched;
  });
  return {
    model: bound.model,
    bands: bound.criteria.flatMap((c) => c.bands.map((b) => b.entry)),
    exclusions: bound.exclusions.map((b) => b.entry),
    accounts: n,
    factor,
    criteria,
    read,
    excludedBy,
    excluded,
    skipBlank: bound.model.settings.missing === 'skip',
  };
}

/** The same over rows of cells under one header row (ICP_LIFT, tests). */
export function featuresOfRows(bound: BoundModel, headers: readonly Cell[], rows: readonly (readonly Cell[])[], asOf?: readonly (DayNumber | null)[]): HistoryFeatures {
  const builder = new TableBuilder(headers);
  // Every row given is an account here, blank or not.
  for (const row of rows) builder.add(row, true);
  return readFeatures(bound, builder.finish(), asOf);
}

/** Each band's Points in the model: the current points vector. */
export function currentPoints(features: HistoryFeatures): Float64Array {
  return Float64Array.from(features.bands, (band) => band.points);
}

/**
 * The band that counts for account i in criterion c under `points` (the matching band with the
 * most points, first on ties, as scoring picks it), or -1; with the points it earns.
 */
function counted(s: Scorable, c: number, i: number, points: ArrayLike<number>): [band: number, earned: number] {
  let best = -Infinity;
  let at = -1;
  for (const b of s.criteria[c]!.bands) {
    const f = s.factor[b]![i]!;
    if (f > 0 && points[b]! * f > best) {
      best = points[b]! * f;
      at = b;
    }
  }
  return [at, best];
}

/**
 * Every account's score under `points` (SPEC §4): NaN where there is no score (all criteria
 * skipped under `missing = skip`); 0 for excluded accounts. The manual override is not applied.
 * Without `clamp`, the share of the possible points before it is cut to 0–100 and rounded. With
 * `only`, only those accounts are scored (the others are left at 0).
 */
export function scoreAccounts(s: Scorable, points: ArrayLike<number>, clamp = true, only?: Int32Array): Float64Array {
  const possibleOf = s.criteria.map((c) => Math.max(0, ...c.bands.map((b) => points[b]!)));
  const scores = new Float64Array(s.accounts);
  const count = only ? only.length : s.accounts;
  for (let r = 0; r < count; r++) {
    const i = only ? only[r]! : r;
    if (s.excluded[i]) continue;
    let earned = 0;
    let possible = 0;
    let count = 0;
    for (let c = 0; c < s.criteria.length; c++) {
      const [band, best] = counted(s, c, i, points);
      if (s.skipBlank && !s.read[c]![i] && band < 0) continue;
      earned += band < 0 ? 0 : best;
      possible += possibleOf[c]!;
      count++;
    }
    const share = (100 * earned) / possible;
    scores[i] = count === 0 || possible <= 0 ? NaN : clamp ? roundScore(Math.min(100, Math.max(0, share))) : share;
  }
  return scores;
}

/**
 * The design matrix the fit sees: per account, the counted band of each criterion (its match
 * factor) and a 1 for each matching exclusion. Columns: bands, then exclusions.
 */
export function designMatrix(s: Scorable, points: ArrayLike<number>): SparseRows {
  const B = s.factor.length;
  const start = new Int32Array(s.accounts + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < s.accounts; i++) {
    for (let c = 0; c < s.criteria.length; c++) {
      const [b] = counted(s, c, i, points);
      if (b < 0) continue;
      cols.push(b);
      vals.push(s.factor[b]![i]!);
    }
    s.excludedBy.forEach((matched, e) => {
      if (!matched[i]) return;
      cols.push(B + e);
      vals.push(1);
    });
    start[i + 1] = cols.length;
  }
  return { start, cols: Int32Array.from(cols), vals: Float64Array.from(vals), width: B + s.excludedBy.length };
}
