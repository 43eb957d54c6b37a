/**
 * "Learn from history": one entry point that reads a closed-won / closed-lost history against the
 * current model and reports lift, suggested points, held-out validation and drift as plain JSON,
 * and `applySuggestion`, which writes the suggested points back as scoring-worksheet rows.
 */
import * as z from 'zod/mini';
import { ShapeError } from '../errors.ts';
import { type Model, readModel } from '../model.ts';
import { bindModel, tierFor } from '../score.ts';
import { normalizeText } from '../text.ts';
import { type Cell, type DayNumber, UNREADABLE, isBlank, readDay, readNumber, readText } from '../values.ts';
import { type HistoryColumnRole, resolveColumn } from './columns.ts';
import { type DriftReport, driftByQuarter } from './drift.ts';
import { currentPoints, designMatrix, readFeatures, scoreAccounts } from './features.ts';
import { type LiftRow, MIN_SUPPORT, liftTable } from './lift.ts';
import { LOST, type OutcomeReading, WON, describeUnrecognized, historyProblem, readOutcomes } from './outcomes.ts';
import { DEFAULT_LAMBDA, type Suggestion, suggestPoints } from './suggest.ts';
import { NO_TIER } from './tiers.ts';
import { type Validation, planSplit, validate } from './validate.ts';
import { EXCLUDED } from '../model.ts';

export type LearnPhase = 'reading' | 'lift' | 'fitting' | 'validating' | 'drift' | 'done';

export interface LearnProgress {
  phase: LearnPhase;
  /** 0–1 over the whole run. */
  fraction: number;
}

export interface LearnOptions {
  /** Excel passes dates as serial numbers. */
  serialDates?: boolean;
  /** The day time rules count back from for accounts with no created date (default: the model's `as of`, else today). */
  today?: Date;
  /** Seed for the k-fold shuffle. Default 1. */
  seed?: number;
  /** Folds for k-fold validation. Default 5. */
  folds?: number;
  /** L2 penalty of the fit. Default 1. */
  lambda?: number;
  /** Decided accounts a row needs with it and without it to be judged. Default 20. */
  minSupport?: number;
}

export type ColumnRef = string | number;

export interface LearnInput {
  /** The scoring worksheet, header row included. */
  modelGrid: unknown;
  /** The history: a header row (its first non-blank row), then one row per account or deal. */
  historyGrid: unknown;
  /** The outcome column (required) and optional amount, created and closed columns, by header or 0-based position. */
  columns: { outcome: ColumnRef; amount?: ColumnRef | null; created?: ColumnRef | null; closed?: ColumnRef | null };
  onProgress?: (progress: LearnProgress) => void;
  options?: LearnOptions;
}

export interface LearnColumns {
  outcome: string;
  amount: string | null;
  created: string | null;
  closed: string | null;
}

/** The history could not be learned from: the problem, with the outcome counts and labels. Nothing changed. */
export interface LearnRefusal {
  ok: false;
  problem: string;
  columns: LearnColumns;
  outcomes: OutcomeReading;
}

export interface LearnReport {
  ok: true;
  columns: LearnColumns;
  outcomes: OutcomeReading;
  /** History rows that hold anything (blank rows are not accounts). */
  accounts: number;
  lift: LiftRow[];
  suggestion: Suggestion;
  validation: Validation;
  /** null without a created-date column. */
  drift: DriftReport | null;
  /** Sentences on what was read oddly or left out. */
  warnings: string[];
  settings: { lambda: number; minSupport: number; seed: number; folds: number; timeRulesAsOfCreated: boolean };
}

export type LearnResult = LearnReport | LearnRefusal;

// Checked field by field with the zod schemas the core already bundles (custom and primitives):
// a z.object schema here would add 7 KB to every host bundle.
const grid = z.custom<Cell[][]>((v) => Array.isArray(v) && v.every((row) => Array.isArray(row)), { message: 'must be a range: rows of cells' });
const columnRef = z.custom<string | number>((v) => typeof v === 'string' || (Number.isInteger(v) && (v as number) >= 0), {
  message: 'must be a header or a column number from 0',
});
const whole = (low: number, high: number) =>
  z.custom<number>((v) => Number.isInteger(v) && (v as number) >= low && (v as number) <= high, { message: `must be a whole number from ${low} to ${high}` });
/** Each input field, and whether it may be left out (undefined; null too for columns). */
const FIELDS: [path: string, schema: z.ZodMiniType, optional: boolean][] = [
  ['historyGrid', grid, false],
  ['columns.outcome', columnRef, false],
  ['columns.amount', columnRef, true],
  ['columns.created', columnRef, true],
  ['columns.closed', columnRef, true],
  ['onProgress', z.custom((v) => typeof v === 'function', { message: 'must be a function' }), true],
  ['options.serialDates', z.boolean(), true],
  ['options.today', z.date(), true],
  ['options.seed', whole(-(2 ** 31), 2 ** 31), true],
  ['options.folds', whole(2, 20), true],
  ['options.lambda', z.custom<number>((v) => typeof v === 'number' && v > 0 && Number.isFinite(v), { message: 'must be a number above 0' }), true],
  ['options.minSupport', whole(1, 1e9), true],
];

function checkInput(input: unknown): LearnInput & { historyGrid: Cell[][] } {
  const at = (path: string): unknown =>
    path.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), input);
  if (typeof at('columns') !== 'object' || at('columns') === null) {
    throw new ShapeError('columns', 'learning from history: columns is not valid (it must name at least the outcome column)');
  }
  for (const [path, schema, optional] of FIELDS) {
    const value = at(path);
    if (optional && (value === undefined || (value === null && path.startsWith('columns.')))) continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message;
      const why = message && message !== 'Invalid input' ? message : 'wrong type';
      throw new ShapeError(path.split('.')[0]!, `learning from history: ${path} is not valid (${why})`);
    }
  }
  return input as LearnInput & { historyGrid: Cell[][] };
}

/** Days from a date column: NaN where blank or unreadable; counts the unreadable. */
function readDays(rows: readonly (readonly Cell[])[], column: number, serialDates: boolean): { days: Float64Array; unreadable: number } {
  const days = new Float64Array(rows.length).fill(NaN);
  let unreadable = 0;
  rows.forEach((row, i) => {
    const day = readDay(row[column], { serialDates });
    if (typeof day === 'number') days[i] = day;
    else if (day === UNREADABLE) unreadable++;
  });
  return { days, unreadable };
}

function readAmounts(rows: readonly (readonly Cell[])[], column: number): { amounts: Float64Array; unreadable: number } {
  const amounts = new Float64Array(rows.length).fill(NaN);
  let unreadable = 0;
  rows.forEach((row, i) => {
    const value = readNumber(row[column]);
    if (typeof value === 'number') amounts[i] = value;
    else if (value === UNREADABLE) unreadable++;
  });
  return { amounts, unreadable };
}

/**
 * Learn from a closed-won / closed-lost history. Returns a refusal (with the counts) when there are
 * fewer than 30 decided outcomes or only one class; throws ModelError / ShapeError for a bad model,
 * a Field with no history column, or a named column that is not there.
 */
export function learnFromHistory(input: LearnInput): LearnResult {
  const steps = learnSteps(input);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * The same as learnFromHistory, awaiting `pause` between its phases and validation folds so a
 * page stays responsive and can paint the progress `onProgress` reports. The caller supplies the
 * pause (in a browser: a frame, then a task); the core itself uses no host timers.
 */
export async function learnFromHistoryAsync(input: LearnInput, pause: () => Promise<void>): Promise<LearnResult> {
  const steps = learnSteps(input);
  let step = steps.next();
  while (!step.done) {
    await pause();
    step = steps.next();
  }
  return step.value;
}

/** The learning, one phase (or validation fold) per step. */
function* learnSteps(input: LearnInput): Generator<void, LearnResult> {
  const { modelGrid, historyGrid, columns: refs, onProgress, options = {} } = checkInput(input);
  const progress = (phase: LearnPhase, fraction: number) => onProgress?.({ phase, fraction });
  progress('reading', 0);
  const serialDates = options.serialDates ?? false;
  const lambda = options.lambda ?? DEFAULT_LAMBDA;
  const minSupport = options.minSupport ?? MIN_SUPPORT;
  const seed = options.seed ?? 1;
  const folds = options.folds ?? 5;
  const model = readModel(modelGrid, { serialDates });
  const headerAt = historyGrid.findIndex((row) => row.some((cell) => !isBlank(cell)));
  if (headerAt < 0) throw new ShapeError('historyGrid', 'the history is empty; it needs a header row and one row per account');
  const headers = historyGrid[headerAt]!;
  const column = (role: HistoryColumnRole) => {
    const ref = refs[role];
    return ref === undefined || ref === null ? null : resolveColumn(headers, ref, role);
  };
  const outcomeColumn = column('outcome')!;
  const amountColumn = column('amount');
  const createdColumn = column('created');
  const closedColumn = column('closed');
  const columns: LearnColumns = {
    outcome: outcomeColumn.header,
    amount: amountColumn?.header ?? null,
    created: createdColumn?.header ?? null,
    closed: closedColumn?.header ?? null,
  };
  const bound = bindModel(model, headers, { serialDates, today: options.today, ignoreOverride: true });

  const rows = historyGrid.slice(headerAt + 1).filter((row) => row.some((cell) => !isBlank(cell)));
  const { codes, reading } = readOutcomes(rows.map((row) => row[outcomeColumn.column]));
  const problem = historyProblem(reading);
  if (problem) return { ok: false, problem, columns, outcomes: reading };

  const warnings: string[] = [];
  const labels = describeUnrecognized(reading);
  if (labels) warnings.push(labels);
  const created = createdColumn ? readDays(rows, createdColumn.column, serialDates) : null;
  const closed = closedColumn ? readDays(rows, closedColumn.column, serialDates) : null;
  const amount = amountColumn ? readAmounts(rows, amountColumn.column) : null;
  if (amount?.unreadable) warnings.push(`${amount.unreadable} amount cells in "${amountColumn!.header}" could not be read as numbers and count as blank.`);
  if (created?.unreadable) warnings.push(`${created.unreadable} cells in "${createdColumn!.header}" could not be read as dates and count as blank.`);
  if (closed?.unreadable) warnings.push(`${closed.unreadable} cells in "${closedColumn!.header}" could not be read as dates and count as blank.`);
  if (model.settings.override) warnings.push(`The manual override column "${model.settings.override}" is not used here: history is scored as the model computes it.`);
  if (model.settings.missing === 'skip') warnings.push('The model skips blank fields (missing = skip); the fit treats a blank as no match, and validation scores with skip as the model does.');

  const asOf: (DayNumber | null)[] | undefined = created ? Array.from(created.days, (d) => (Number.isFinite(d) ? d : null)) : undefined;
  const features = readFeatures(bound, rows, asOf);
  const current = currentPoints(features);
  const currentScores = scoreAccounts(features, current);
  const decided = Int32Array.from(Array.from(codes.keys()).filter((i) => codes[i] === WON || codes[i] === LOST));
  const won = Uint8Array.from(codes, (c) => (c === WON ? 1 : 0));
  yield;
  progress('lift', 0.15);
  const lift = liftTable(features, codes, decided, minSupport);

  yield;
  progress('fitting', 0.25);
  const x = designMatrix(features, current);
  const suggestOptions = { lambda, minSupport };
  const suggestion = suggestPoints(features, x, won, decided, suggestOptions);

  yield;
  progress('validating', 0.4);
  const plan = planSplit(decided, won, closed?.days ?? null, seed, folds);
  const validation = yield* validate(features, x, won, amount?.amounts ?? null, plan, currentScores, suggestOptions, (done, total) =>
    progress('validating', 0.4 + (0.5 * done) / total),
  );

  progress('drift', 0.9);
  yield;
  let drift: DriftReport | null = null;
  if (created) {
    const dated = rows.map((_, i) => ({
      tier: features.excluded[i] ? EXCLUDED : tierFor(model.tiers, Number.isNaN(currentScores[i]!) ? null : currentScores[i]!) || NO_TIER,
      outcome: codes[i]!,
      amount: amount ? amount.amounts[i]! : NaN,
      createdDay: created.days[i]!,
      closedDay: closed ? closed.days[i]! : NaN,
    }));
    drift = driftByQuarter(dated, model.tiers, amount !== null);
    if (drift.undated) warnings.push(`${drift.undated} accounts have no readable created date and are left out of the drift table.`);
  }
  progress('done', 1);
  return {
    ok: true,
    columns,
    outcomes: reading,
    accounts: rows.length,
    lift,
    suggestion,
    validation,
    drift,
    warnings,
    settings: { lambda, minSupport, seed, folds, timeRulesAsOfCreated: created !== null },
  };
}

export interface ApplyOptions {
  /** Model rows (as in the report) of criterion rows to turn into exclude rows instead of negative points. */
  exclusions?: readonly number[];
}

/**
 * The model worksheet with the suggested points written in: the same rows in the same order
 * (spacer rows kept), only Points changed, and chosen rows turned into exclusions. Throws a
 * ShapeError when the report has no usable suggestion or was made for a different model.
 */
export function applySuggestion(modelGrid: unknown, report: LearnReport, options: ApplyOptions = {}): Cell[][] {
  if (!report.suggestion.usable) throw new ShapeError('report', `the report has no suggested points: ${report.suggestion.message}`);
  const model: Model = readModel(modelGrid);
  const grid = (modelGrid as Cell[][]).map((row) => [...row]);
  const headerIndex = grid.findIndex((row) => row.some((cell) => !isBlank(cell)));
  const header = grid[headerIndex]!.map((cell) => normalizeText(readText(cell) ?? ''));
  const kindColumn = header.indexOf('kind');
  const pointsColumn = header.indexOf('points');
  const toExclude = new Set(options.exclusions ?? []);
  for (const suggested of report.suggestion.rows) {
    if (suggested.kind !== 'criterion') continue;
    const entry = model.entries.find((e) => e.row === suggested.row);
    if (!entry || entry.kind !== 'criterion' || normalizeText(entry.name) !== normalizeText(suggested.name) || (entry.rule ?? '') !== suggested.rule) {
      throw new ShapeError(
        'model',
        `model row ${suggested.row} is not the criterion "${suggested.name}" the report was made for; the model changed since, so learn from the history again`,
      );
    }
    const cells = grid[suggested.row - 1]!;
    if (toExclude.has(suggested.row)) {
      cells[kindColumn] = 'exclude';
      cells[pointsColumn] = '';
    } else {
      cells[pointsColumn] = suggested.suggestedPoints;
    }
  }
  for (const row of toExclude) {
    if (!report.suggestion.rows.some((r) => r.row === row && r.kind === 'criterion')) {
      throw new ShapeError('exclusions', `model row ${row} is not a criterion row of the report, so it cannot become an exclusion`);
    }
  }
  readModel(grid);
  return grid;
}
