/** Scoring (SPEC §4): a model bound to a prospect sheet's headers, then rows scored in one pass. */
import { ModelError, type ModelIssue } from './errors.ts';
import { type Criterion, EXCLUDED, type Model, type ModelEntry, type Tier } from './model.ts';
import { type MatchTest, type Reader, makeTest, readerOf } from './rules.ts';
import { didYouMean, headerKey, normalizeText, quoteList } from './text.ts';
import {
  type Cell,
  type DayNumber,
  type ReadOptions,
  UNREADABLE,
  dayOfDate,
  displayCell,
  isBlank,
  isErrorText,
  readBoolean,
  readDay,
  readNumber,
  readText,
} from './values.ts';

export interface ScoreOptions extends ReadOptions {
  /** The day `within days` counts back from when the model has no `as of` setting. Default: today. */
  today?: Date;
  /** Score only the criteria of these Dimension labels (a sub-score). */
  dimensions?: readonly string[];
  /** Leave the manual override out (learning scores history as the model computes it). */
  ignoreOverride?: boolean;
}

/** Reads one column of a row for one reader, remembering what each distinct text read as. */
interface ColumnReader {
  column: number;
  read: (cell: Cell) => unknown;
}

/** One model row bound to its column: the reader it uses and its match test. */
export interface BoundTest {
  entry: ModelEntry;
  reader: number;
  test: MatchTest;
  presence: boolean;
}

/** A criterion band or an exclusion with its `and` rows (SPEC §1): it matches only when they all match too. */
export interface BoundBand extends BoundTest {
  conditions: BoundTest[];
}

interface BoundCriterion {
  criterion: Criterion;
  bands: BoundBand[];
}

/** A model bound to one header row: columns resolved, tests built. Build once per call. */
export interface BoundModel {
  model: Model;
  readers: ColumnReader[];
  criteria: BoundCriterion[];
  exclusions: BoundBand[];
  overrideColumn: number;
  overrideReasonColumn: number;
  /** Whether the manual override applies (not for dimension sub-scores). */
  useOverride: boolean;
  /** The workbook's time zone, for showing date cells as their calendar day. */
  timeZone: string | undefined;
  /** A cell as explanations show it (remembered per distinct text: CRM values repeat). */
  display: (cell: Cell) => string;
}

const CACHE_LIMIT = 20_000;

function memoized<T>(read: (cell: Cell) => T): (cell: Cell) => T {
  const cache = new Map<string, T>();
  return (cell) => {
    if (typeof cell !== 'string') return read(cell);
    let value = cache.get(cell);
    if (value === undefined && !cache.has(cell)) {
      value = read(cell);
      if (cache.size < CACHE_LIMIT) cache.set(cell, value);
    }
    return value as T;
  };
}

/** Error text (#N/A) is unreadable for every rule, and blank for the presence rules. */
function makeReader(reader: Reader, options: ReadOptions): (cell: Cell) => unknown {
  switch (reader) {
    case 'number':
      return memoized((cell) => (isErrorText(cell) ? UNREADABLE : readNumber(cell)));
    case 'boolean':
      return memoized((cell) => (isErrorText(cell) ? UNREADABLE : readBoolean(cell)));
    case 'day':
      return memoized((cell) => (isErrorText(cell) ? UNREADABLE : readDay(cell, options)));
    case 'text':
      return memoized((cell) => {
        if (isErrorText(cell)) return UNREADABLE;
        const text = readText(cell, options.timeZone);
        return text === null ? null : normalizeText(text);
      });
    case 'presence':
      return (cell) => !isBlank(cell) && !isErrorText(cell);
  }
}

/** Header positions by their letters-and-digits key (first of duplicates wins). */
export function headerIndex(headers: readonly Cell[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((header, column) => {
    const key = headerKey(readText(header) ?? '');
    if (key && !index.has(key)) index.set(key, column);
  });
  return index;
}

/** Bind a model to a header row. Throws a ModelError naming every Field with no column. */
export function bindModel(model: Model, headers: readonly Cell[], options: ScoreOptions = {}): BoundModel {
  const columns = headerIndex(headers);
  const headerNames = headers.map((h) => readText(h)?.trim() ?? '').filter(Boolean);
  const issues: ModelIssue[] = [];
  const columnOf = (field: string, row: number, column: 'Field' | 'Value' = 'Field'): number => {
    const index = columns.get(headerKey(field));
    if (index !== undefined) return index;
    issues.push({
      code: 'unknown_field',
      row,
      column,
      value: field,
      message: `field "${field}" is not a column here${didYouMean(field, headerNames)} (the headers are ${quoteList(headerNames) || 'all blank'})`,
    });
    return -1;
  };

  const asOf: DayNumber = model.settings.asOf ?? dayOfDate(options.today ?? new Date(), options.timeZone);
  const readers: ColumnReader[] = [];
  const readerIds = new Map<string, number>();
  const bindTest = (entry: ModelEntry): BoundTest => {
    const rule = entry.rule!;
    const kind = readerOf(rule);
    const column = columnOf(entry.field, entry.row);
    const key = `${column}:${kind}`;
    let reader = readerIds.get(key);
    if (reader === undefined) {
      reader = readers.push({ column, read: makeReader(kind, options) }) - 1;
      readerIds.set(key, reader);
    }
    return { entry, reader, test: makeTest(rule, entry.operand, { asOf }), presence: kind === 'presence' };
  };
  const bind = (entry: ModelEntry): BoundBand => {
    const own = bindTest(entry);
    return { entry: own.entry, reader: own.reader, test: own.test, presence: own.presence, conditions: entry.conditions.map(bindTest) };
  };

  const wanted = options.dimensions?.map(normalizeText);
  if (wanted) checkDimensions(model, options.dimensions ?? []);
  const criteria = model.criteria
    .filter((c) => !wanted || wanted.includes(normalizeText(c.dimension)))
    .map((criterion) => ({ criterion, bands: criterion.bands.map(bind) }));
  const exclusions = model.exclusions.map(bind);
  const settingRow = (key: string) =>
    model.entries.find((e) => e.kind === 'setting' && normalizeText(e.name) === key)?.row ?? 1;
  const useOverride = !wanted && !options.ignoreOverride;
  const overrideColumn = useOverride && model.settings.override ? columnOf(model.settings.override, settingRow('override'), 'Value') : -1;
  const overrideReasonColumn = useOverride && model.settings.overrideReason
    ? columnOf(model.settings.overrideReason, settingRow('override reason'), 'Value')
    : -1;
  if (issues.length > 0) throw new ModelError(issues);
  const display = memoized((cell: Cell) => displayCell(cell, options.timeZone));
  return { model, readers, criteria, exclusions, overrideColumn, overrideReasonColumn, useOverride, timeZone: options.timeZone, display };
}

function checkDimensions(model: Model, dimensions: readonly string[]): void {
  const known = model.dimensions.map(normalizeText);
  const unknown = dimensions.filter((d) => !known.includes(normalizeText(d)));
  if (unknown.length === 0) return;
  const first = unknown[0] ?? '';
  throw new ModelError([
    {
      code: 'unknown_dimension',
      row: 1,
      column: 'Dimension',
      value: first,
      message: `no criterion has the dimension "${first}"${didYouMean(first, model.dimensions)}; the model's dimensions are ${quoteList(model.dimensions) || '(none)'}`,
    },
  ]);
}

/** A cell a row read, as explanations show it. */
export interface CellRead {
  field: string;
  cell: string;
}

/** The `and` row that kept a row from matching although the row's own rule matched. */
export interface FailedCondition extends CellRead {
  /** The `and` row (sheet row). */
  row: number;
  rule: string;
  /** Its Value as text ('' for rules that take none). */
  value: string;
  /** How the condition's cell read: a value that does not match, blank, or unreadable. */
  status: 'unmatched' | 'blank' | 'unreadable';
}

/** How one criterion fared on one row. */
export interface CriterionResult {
  name: string;
  dimension: string;
  earned: number;
  possible: number;
  /** The Field read (of the band that counted, else the first band). */
  field: string;
  /** The cell as read, shortened for display. */
  cell: string;
  /** The model row of the band that counted, when one did. */
  row: number | null;
  status: 'matched' | 'unmatched' | 'blank' | 'unreadable' | 'skipped';
  /** The cells the counted band's `and` rows read. */
  conditions: CellRead[];
  /** When no band counted: the condition that failed where a band's own rule matched. */
  failed: FailedCondition | null;
}

/** An exclusion whose own rule matched but whose condition did not (explained only). */
export interface NearExclusion extends CellRead {
  reason: string;
  failed: FailedCondition;
}

export interface RowResult {
  /** Every cell of the row is blank: no account, blank results. */
  blank: boolean;
  /** The score shown: computed, or the override. null = no score (blank result). */
  score: number | null;
  tier: string;
  /** The score the model computed, before any override. */
  computedScore: number | null;
  /** The tier of the computed score (or Excluded), before any override. */
  computedTier: string;
  earned: number;
  possible: number;
  excludedBy: { reason: string; field: string; cell: string; row: number; conditions: CellRead[] } | null;
  /** Filled only when explaining: exclusions whose own rule matched but a condition did not. */
  nearExclusions: NearExclusion[];
  override: { value: string; reason: string } | null;
  /** An override cell that was neither a score 0–100 nor a tier label. */
  overrideIgnored: string | null;
  /** Filled only when explaining. */
  criteria: CriterionResult[];
}

const NO_DETAILS: CriterionResult[] = [];
const NO_NEAR: NearExclusion[] = [];

function isBlankRow(row: readonly Cell[]): boolean {
  for (let i = 0; i < row.length; i++) if (!isBlank(row[i])) return false;
  return true;
}

/** Round to one decimal, as every host shows the score. */
export function roundScore(value: number): number {
  return Math.round(value * 10) / 10;
}

export function tierFor(tiers: readonly Tier[], score: number | null): string {
  if (score === null) return '';
  for (const tier of tiers) if (score >= tier.min) return tier.name;
  return '';
}

const BLANK_RESULT: RowResult = Object.freeze({
  blank: true,
  score: null,
  tier: '',
  computedScore: null,
  computedTier: '',
  earned: 0,
  possible: 0,
  excludedBy: null,
  nearExclusions: NO_NEAR,
  override: null,
  overrideIgnored: null,
  criteria: [],
}) as RowResult;

/**
 * The first of a band's `and` rows that does not match the row's read values, or null when all
 * match. `testFor` gives a condition another test (learning judges time rules per deal).
 */
export function failedCondition(band: BoundBand, values: readonly unknown[], testFor?: (condition: BoundTest) => MatchTest): BoundTest | null {
  const { conditions } = band;
  for (let i = 0; i < conditions.length; i++) {
    const condition = conditions[i]!;
    const value = values[condition.reader];
    if (!condition.presence && (value === null || value === UNREADABLE)) return condition;
    const test = testFor ? testFor(condition) : condition.test;
    if (!((test as (v: unknown) => number)(value) > 0)) return condition;
  }
  return null;
}

/** A failed condition as explanations tell it. */
function describeFailure(bound: BoundModel, row: readonly Cell[], values: readonly unknown[], condition: BoundTest): FailedCondition {
  const value = values[condition.reader];
  const { entry } = condition;
  return {
    row: entry.row,
    field: entry.field,
    rule: entry.rule ?? '',
    value: bound.display(entry.value),
    cell: bound.display(row[bound.readers[condition.reader]!.column]),
    status: condition.presence || (value !== null && value !== UNREADABLE) ? 'unmatched' : value === null ? 'blank' : 'unreadable',
  };
}

/** The cells a band's `and` rows read, as explanations show them. */
function conditionCells(bound: BoundModel, row: readonly Cell[], band: BoundBand): CellRead[] {
  return band.conditions.map((c) => ({ field: c.entry.field, cell: bound.display(row[bound.readers[c.reader]!.column]) }));
}

/** An exclusion whose own rule matched but whose condition did not, as explanations tell it. */
function nearExclusion(bound: BoundModel, row: readonly Cell[], values: readonly unknown[], band: BoundBand, failed: BoundTest): NearExclusion {
  const cell = bound.display(row[bound.readers[band.reader]!.column]);
  return { reason: band.entry.name, field: band.entry.field, cell, failed: describeFailure(bound, row, values, failed) };
}

/** How one criterion fared, for ICP_EXPLAIN. */
function criterionDetail(
  bound: BoundModel,
  row: readonly Cell[],
  values: readonly unknown[],
  { criterion, bands }: BoundCriterion,
  outcome: { points: number; bestBand: BoundBand | null; nearMiss: { band: BoundBand; failed: BoundTest } | null; skipped: boolean; anyRead: boolean; anyUnreadable: boolean },
): CriterionResult {
  const { points, bestBand, nearMiss, skipped, anyRead, anyUnreadable } = outcome;
  const shown = bestBand ?? nearMiss?.band ?? bands[0]!;
  const status: CriterionResult['status'] = skipped
    ? 'skipped'
    : bestBand
      ? 'matched'
      : anyRead || nearMiss
        ? 'unmatched'
        : anyUnreadable
          ? 'unreadable'
          : 'blank';
  return {
    name: criterion.name,
    dimension: criterion.dimension,
    earned: skipped ? 0 : points,
    possible: skipped ? 0 : criterion.possible,
    field: shown.entry.field,
    cell: bound.display(row[bound.readers[shown.reader]!.column]),
    row: bestBand ? bestBand.entry.row : null,
    status,
    conditions: bestBand ? conditionCells(bound, row, bestBand) : [],
    failed: !bestBand && !skipped && nearMiss ? describeFailure(bound, row, values, nearMiss.failed) : null,
  };
}

/**
 * Score one row. With `explain`, each criterion's result is recorded too; the numbers are
 * the same either way, since both come from this one routine.
 */
export function evaluateRow(bound: BoundModel, row: readonly Cell[], explain = false): RowResult {
  if (isBlankRow(row)) return BLANK_RESULT;
  const { readers, model } = bound;
  const values: unknown[] = new Array(readers.length);
  for (let i = 0; i < readers.length; i++) {
    const reader = readers[i]!;
    values[i] = reader.read(row[reader.column]);
  }

  // The first exclusion whose own rule and conditions all match (inline: this runs for every row).
  let nearExclusions: NearExclusion[] | null = null;
  let excludedBy: RowResult['excludedBy'] = null;
  for (const band of bound.exclusions) {
    const value = values[band.reader];
    if (!band.presence && (value === null || value === UNREADABLE)) continue;
    if (!((band.test as (v: unknown) => number)(value) > 0)) continue;
    const failed = band.conditions.length > 0 ? failedCondition(band, values) : null;
    if (failed) {
      if (explain) (nearExclusions ??= []).push(nearExclusion(bound, row, values, band, failed));
      continue;
    }
    const cell = bound.display(row[readers[band.reader]!.column]);
    excludedBy = { reason: band.entry.name, field: band.entry.field, cell, row: band.entry.row, conditions: conditionCells(bound, row, band) };
    break;
  }

  const skipBlank = model.settings.missing === 'skip';
  let earned = 0;
  let possible = 0;
  let counted = 0;
  const details: CriterionResult[] = explain ? [] : NO_DETAILS;
  for (const bc of bound.criteria) {
    let best = -Infinity;
    let bestBand: BoundBand | null = null;
    let anyRead = false;
    let anyUnreadable = false;
    // A band whose own rule matched: under missing = skip its criterion stays in the totals (SPEC §1 `and`).
    let ownMatched = false;
    let nearMiss: { band: BoundBand; failed: BoundTest } | null = null;
    for (const band of bc.bands) {
      const value = values[band.reader];
      if (!band.presence) {
        if (value === null) continue;
        if (value === UNREADABLE) {
          anyUnreadable = true;
          continue;
        }
        anyRead = true;
      }
      const factor = (band.test as (v: unknown) => number)(value);
      if (!(factor > 0)) continue;
      ownMatched = true;
      if (band.conditions.length > 0) {
        const failed = failedCondition(band, values);
        if (failed) {
          nearMiss ??= { band, failed };
          continue;
        }
      }
      if (band.entry.points * factor > best) {
        best = band.entry.points * factor;
        bestBand = band;
      }
    }
    const skipped = skipBlank && !anyRead && !ownMatched;
    const points = bestBand ? best : 0;
    if (!skipped) {
      earned += points;
      possible += bc.criterion.possible;
      counted++;
    }
    if (explain) details.push(criterionDetail(bound, row, values, bc, { points, bestBand, nearMiss, skipped, anyRead, anyUnreadable }));
  }

  let computedScore: number | null;
  if (excludedBy) computedScore = 0;
  else if (counted === 0 || possible <= 0) computedScore = null;
  else computedScore = roundScore(Math.min(100, Math.max(0, (100 * earned) / possible)));

  const tier = excludedBy ? EXCLUDED : tierFor(model.tiers, computedScore);
  const result: RowResult = {
    blank: false,
    score: computedScore,
    tier,
    computedScore,
    computedTier: tier,
    earned,
    possible,
    excludedBy,
    nearExclusions: nearExclusions && !excludedBy ? nearExclusions : NO_NEAR,
    override: null,
    overrideIgnored: null,
    criteria: details,
  };
  if (bound.useOverride && bound.overrideColumn >= 0) applyOverride(bound, row, result);
  return result;
}

/** The manual override (SPEC §1 `override`): a score 0–100 or a tier label typed by sales. */
function applyOverride(bound: BoundModel, row: readonly Cell[], result: RowResult): void {
  const cell = row[bound.overrideColumn];
  if (isBlank(cell) || isErrorText(cell)) return;
  const reason = bound.overrideReasonColumn >= 0 ? bound.display(row[bound.overrideReasonColumn]) : '';
  const number = readNumber(cell);
  if (typeof number === 'number' && number >= 0 && number <= 100) {
    result.score = roundScore(number);
    result.tier = tierFor(bound.model.tiers, result.score);
    result.override = { value: String(result.score), reason };
    return;
  }
  const label = normalizeText(readText(cell) ?? '');
  const tier = [...bound.model.tiers.map((t) => t.name), EXCLUDED].find((name) => normalizeText(name) === label);
  if (tier) {
    result.tier = tier;
    result.override = { value: tier, reason };
    return;
  }
  result.overrideIgnored = bound.display(cell);
}

/** Scores for many rows: a number per row, null where there is no score (blank row, all skipped). */
export function scoreRows(bound: BoundModel, rows: readonly (readonly Cell[])[]): (number | null)[] {
  const scores = new Array<number | null>(rows.length);
  for (let i = 0; i < rows.length; i++) scores[i] = evaluateRow(bound, rows[i]!).score;
  return scores;
}
