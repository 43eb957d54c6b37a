/**
 * "Learn from history": one entry point that reads a closed-won / closed-lost history against the
 * current model and reports lift, suggested points, held-out validation and drift as plain JSON,
 * and `applySuggestion`, which writes the suggested points back as scoring-worksheet rows.
 */
import * as z from 'zod/mini';
import { ShapeError } from '../errors.ts';
import { type Model, readModel } from '../model.ts';
import { bindModel } from '../score.ts';
import { headerKey, normalizeText } from '../text.ts';
import { type Cell, type DayNumber, UNREADABLE, isBlank, isoDay, readDay, readNumber, readText } from '../values.ts';
import { HISTORY_COLUMN_ROLES, type HistoryColumnRole, resolveColumn, suggestHistoryColumns } from './columns.ts';
import { suggestCustomerColumns } from '../customer.ts';
import { type DriftReport, driftByQuarter } from './drift.ts';
import { type ColumnProfile, type EffortRow, type FineClassing, effortTable, fineClassing } from './discover.ts';
import { currentPoints, designMatrix, readFeatures, scoreAccounts } from './features.ts';
import { type LiftRow, MIN_SUPPORT, liftTable } from './lift.ts';
import { LOST, type OutcomeReading, WON, describeUnrecognized, historyProblem, readOutcomes } from './outcomes.ts';
import { type Candidate, type TierRefit, candidateSteps, valueWeights } from './refine.ts';
import { auc } from './stats.ts';
import type { SuggestedRow } from './suggest.ts';
import { NO_TIER } from './tiers.ts';
import { type Scoring, type Validation, planSplit, tierLabel, validate } from './validate.ts';
import { findModelHeader } from '../model.ts';

export type LearnPhase = 'reading' | 'lift' | 'discovering' | 'fitting' | 'validating' | 'drift' | 'done';

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
  /** L2 penalty of the fit. Default: chosen by cross-validation on the training accounts. */
  lambda?: number;
  /** Look for segments in every history column (default true); false only refits the model's own rows. */
  discover?: boolean;
  /** `amount`: weigh each won deal by its amount (over the mean won amount), so segments that win big deals count more. Default `wins`. */
  weighBy?: 'wins' | 'amount';
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
  suggestion: LearnSuggestion;
  /** How each history column was read for discovery, and how many candidates were looked at. */
  discovery: { columns: ColumnProfile[]; looked: number; bar: number } | null;
  /** Effort against return: per segment, the share of accounts worked against the share of wins and won revenue. */
  effort: EffortRow[];
  validation: Validation;
  /** null without a created-date column. */
  drift: DriftReport | null;
  /** Sentences on what was read oddly or left out. */
  warnings: string[];
  settings: { lambda: number; minSupport: number; seed: number; folds: number; timeRulesAsOfCreated: boolean; discover: boolean; weighBy: 'wins' | 'amount' };
}

/** What the history suggests: the suggested worksheet (the current one unchanged unless the held-out test shows better), and every row with its evidence. */
export interface LearnSuggestion {
  /** True only when the tried model ranks held-out deals better beyond chance (verdict `better`). */
  usable: boolean;
  /** One sentence: what is suggested, or that the suggestion is the current model unchanged and why. */
  message: string;
  /** Every criterion and exclude row of the tried model (current rows keep their row numbers), with its evidence. */
  rows: SuggestedRow[];
  /** The suggested worksheet: the tried model when usable, else the current model unchanged. */
  grid: Cell[][];
  /** The model that was tried (for an explicit "apply anyway"). */
  triedGrid: Cell[][];
  /** The top tier's minimum refitted on the training deals (in the tried model). */
  tiers: TierRefit | null;
  /** Rows found in the history and numeric bands moved, in the tried model. */
  found: number;
  moved: number;
  lambda: number;
  converged: boolean;
  /** A fingerprint of the current model the report was made for. */
  modelKey: string;
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
  ['options.discover', z.boolean(), true],
  ['options.weighBy', z.enum(['wins', 'amount']), true],
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

/** A short fingerprint of a model grid: applying checks the model is the one the report was made for. */
export function modelKey(grid: unknown): string {
  const rows = (Array.isArray(grid) ? grid : []).map((row) => {
    const cells = (Array.isArray(row) ? row : []).map((cell: Cell) => readText(cell)?.trim() ?? '');
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    return cells.join('\u0001');
  });
  while (rows.length && rows[rows.length - 1] === '') rows.pop();
  const text = rows.join('\u0002');
  let hash = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) {
    hash ^= text.charCodeAt(k);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${text.length.toString(36)}-${hash.toString(36)}`;
}

const TIME_RULES = new Set(['within days', 'decays over days']);

/** The learning, one phase (or validation fold) per step. */
function* learnSteps(input: LearnInput): Generator<void, LearnResult> {
  const { modelGrid, historyGrid, columns: refs, onProgress, options = {} } = checkInput(input);
  const progress = (phase: LearnPhase, fraction: number) => onProgress?.({ phase, fraction });
  progress('reading', 0);
  const serialDates = options.serialDates ?? false;
  const minSupport = options.minSupport ?? MIN_SUPPORT;
  const seed = options.seed ?? 1;
  const folds = options.folds ?? 5;
  const discover = options.discover ?? true;
  const weighBy = options.weighBy ?? 'wins';
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
  const bindOptions = { serialDates, ...(options.today ? { today: options.today } : {}) };
  const bound = bindModel(model, headers, { ...bindOptions, ignoreOverride: true });

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
  if (weighBy === 'amount' && !amount) throw new ShapeError('options', 'learning from history: weighing deals by amount needs the amount column');

  const asOf: (DayNumber | null)[] | undefined = created ? Array.from(created.days, (d) => (Number.isFinite(d) ? d : null)) : undefined;
  const features = readFeatures(bound, rows, asOf);
  const current = currentPoints(features);
  const currentScores = scoreAccounts(features, current);
  const decided = Int32Array.from(Array.from(codes.keys()).filter((i) => codes[i] === WON || codes[i] === LOST));
  const won = Uint8Array.from(codes, (c) => (c === WON ? 1 : 0));
  yield;
  progress('lift', 0.1);
  const lift = liftTable(features, codes, decided, minSupport);

  yield;
  progress('discovering', 0.15);
  const fallbackDay = model.settings.asOf ?? (options.today ? readDay(options.today) : readDay(new Date()));
  const reference = Float64Array.from(rows, (_, i) => {
    const day = created?.days[i];
    return day !== undefined && Number.isFinite(day) ? day : typeof fallbackDay === 'number' ? fallbackDay : NaN;
  });
  // The outcome, amount and date columns (picked, or named like them) describe the deal, not the prospect: an
  // amount filled in only for won deals would "predict" every win.
  const named = suggestHistoryColumns(headers);
  const fieldColumns = new Set(
    model.entries.filter((e) => e.kind === 'criterion' || e.kind === 'exclude' || e.kind === 'and').map((e) => headers.findIndex((h) => headerKey(readText(h) ?? '') === headerKey(e.field))),
  );
  const skip = new Set<number>();
  for (const picked of [outcomeColumn, amountColumn, createdColumn, closedColumn]) if (picked) skip.add(picked.column);
  // A column merely named like a deal column is still searched when the model reads it as a Field.
  for (const role of HISTORY_COLUMN_ROLES) {
    const at = named[role]?.column;
    if (at !== undefined && !fieldColumns.has(at)) skip.add(at);
  }
  // So do the churned and ARR now columns (core/customer.ts): they are known only once a deal is won.
  for (const choice of Object.values(suggestCustomerColumns(headers, { taken: skip }))) if (choice && !fieldColumns.has(choice.column)) skip.add(choice.column);
  const fine: FineClassing | null = discover ? fineClassing(rows, headers, skip, reference, { serialDates, minCount: minSupport }) : null;
  const effort = fine ? effortTable(fine, codes, amount?.amounts ?? null) : [];

  yield;
  progress('fitting', 0.3);
  const weights = weighBy === 'amount' && amount ? valueWeights(won, amount.amounts, decided) : null;
  const ctx = {
    modelGrid: modelGrid as Cell[][],
    model,
    headers,
    rows,
    asOf,
    bindOptions,
    current: features,
    currentX: designMatrix(features, current),
    won,
    weights,
    fine,
    minSupport,
    lambda: options.lambda ?? null,
    seed,
  };
  const scoringOf = (candidate: Candidate): Scoring => ({
    scores: candidate.scores,
    excluded: candidate.features.excluded,
    tierOf: (i) => tierLabel(candidate.model.tiers, candidate.scores[i]!, candidate.features.excluded[i] === 1),
  });
  const currentScoring: Scoring = {
    scores: currentScores,
    excluded: features.excluded,
    tierOf: (i) => tierLabel(model.tiers, currentScores[i]!, features.excluded[i] === 1),
  };

  yield;
  progress('validating', 0.35);
  const plan = planSplit(decided, won, closed?.days ?? null, seed, folds);
  const { validation, models } = yield* validate(
    plan,
    won,
    amount?.amounts ?? null,
    currentScoring,
    model.tiers,
    function* (train) {
      const candidate = yield* candidateSteps(ctx, train);
      return { model: candidate, scoring: scoringOf(candidate), tiers: candidate.model.tiers };
    },
    (done, total) => progress('validating', 0.35 + (0.45 * done) / total),
  );
  // The time split tests exactly the model it suggests; k-fold tests the procedure, then learns once from every decided deal.
  let tried: Candidate;
  if (plan.method === 'time split') tried = models[0]!;
  else {
    progress('fitting', 0.8);
    tried = yield* candidateSteps(ctx, decided);
  }

  const timeRules = model.entries.some((e) => (e.kind === 'criterion' || e.kind === 'exclude' || e.kind === 'and') && TIME_RULES.has(e.rule ?? ''));
  if (created && timeRules) {
    // Only the held-out deals are scored again, with time rules as of the model's day.
    const tested = plan.folds.flatMap((f) => Array.from(f.test));
    const plain = readFeatures(bound, tested.map((i) => rows[i]!));
    const plainScores = scoreAccounts(plain, current);
    const rank = (k: number) => (plain.excluded[k] || Number.isNaN(plainScores[k]!) ? -1 : plainScores[k]!);
    const positions = Array.from(tested.keys());
    const backtestAuc = auc(positions.filter((k) => won[tested[k]!]).map(rank), positions.filter((k) => !won[tested[k]!]).map(rank));
    const asOfText = model.settings.asOf !== null ? `the model's as of day (${isoDay(model.settings.asOf)})` : 'today (the model has no as of day)';
    const fmt = (v: number | null) => (v === null ? '–' : v.toFixed(2));
    validation.backtest = {
      auc: backtestAuc,
      sentence: `Time rules are judged here as of each deal's created date (current AUC ${fmt(validation.current.auc)}); ICP_BACKTEST and the Backtest sheet judge them as of ${asOfText}, which gives ${fmt(backtestAuc)} on the same held-out deals.`,
    };
  }

  const adopted = validation.verdict === 'better';
  const suggestion = suggestionOf(tried, adopted, validation, modelGrid as Cell[][]);

  progress('drift', 0.9);
  yield;
  let drift: DriftReport | null = null;
  if (created) {
    const dated = rows.map((_, i) => ({
      tier: currentScoring.tierOf(i) || NO_TIER,
      outcome: codes[i]!,
      amount: amount ? amount.amounts[i]! : NaN,
      createdDay: created.days[i]!,
      closedDay: closed ? closed.days[i]! : NaN,
    }));
    drift = driftByQuarter(dated, model.tiers, amount !== null);
    if (drift.undated) warnings.push(`${drift.undated} accounts have no readable created date and are left out of the drift table.`);
  }
  const leaks = (tried.discovery?.segments ?? []).filter((s) => s.iv > 0.5);
  if (leaks.length) {
    warnings.push(
      `${leaks.map((s) => `"${s.label}"`).slice(0, 3).join(', ')} separate${leaks.length === 1 ? 's' : ''} won from lost suspiciously well (information value above 0.5): check that ${leaks.length === 1 ? 'its column is' : 'those columns are'} not filled in only after a deal closes.`,
    );
  }
  progress('done', 1);
  return {
    ok: true,
    columns,
    outcomes: reading,
    accounts: rows.length,
    lift,
    suggestion,
    discovery: tried.discovery ? { columns: tried.discovery.profiles, looked: tried.discovery.looked, bar: tried.discovery.bar } : null,
    effort,
    validation,
    drift,
    warnings,
    settings: { lambda: tried.lambda, minSupport, seed, folds, timeRulesAsOfCreated: created !== null, discover, weighBy },
  };
}

function suggestionOf(tried: Candidate, adopted: boolean, validation: Validation, modelGrid: Cell[][]): LearnSuggestion {
  const found = tried.rows.filter((r) => r.origin === 'found').length;
  const moved = tried.rows.filter((r) => r.origin === 'moved').length;
  const changedPoints = tried.rows.some((r) => r.origin === 'model' && r.triedPoints !== null && r.triedPoints !== r.currentPoints);
  const tierMoved = tried.tiers !== null && tried.tiers.from !== tried.tiers.to;
  const auc = (v: number | null) => (v === null ? '–' : v.toFixed(2));
  const parts: string[] = [];
  if (found) parts.push(`adds ${found} row${found === 1 ? '' : 's'} found in the history`);
  if (moved) parts.push(`moves ${moved} band${moved === 1 ? '' : 's'}`);
  if (changedPoints) parts.push('refits the points');
  if (tierMoved) parts.push(`moves the ${tried.tiers!.tier} minimum to ${tried.tiers!.to}`);
  const what = parts.length ? parts.join(', ').replace(/, ([^,]*)$/, ' and $1') : 'changes nothing';
  const { current, suggested } = validation;
  const message = adopted
    ? `Suggested: a model that ranks held-out deals better (AUC ${auc(current.auc)} → ${auc(suggested.auc)}); it ${what}.`
    : validation.verdict === 'not compared'
      ? 'The suggestion is the current model unchanged: the held-out deals hold only wins or only losses, so nothing could be shown to be better.'
      : `The suggestion is the current model unchanged: the model tried (which ${what}) did not rank held-out deals better beyond chance (AUC ${auc(current.auc)} → ${auc(suggested.auc)}).`;
  const rows = adopted
    ? tried.rows
    : tried.rows.map((r): SuggestedRow => {
        if (r.origin !== 'model') {
          return { ...r, suggestedPoints: null, change: null, status: 'not adopted', note: `Tried, not adopted: ${r.note}` };
        }
        if (r.kind === 'exclude' || r.status === 'thin') return r;
        return { ...r, suggestedPoints: r.currentPoints, change: 0, status: 'unchanged', note: `Kept as it is (the tried points were ${r.triedPoints}): ${r.note}` };
      });
  return {
    usable: adopted,
    message,
    rows,
    grid: adopted ? tried.grid : modelGrid.map((row) => [...row]),
    triedGrid: tried.grid,
    tiers: tried.tiers,
    found,
    moved,
    lambda: tried.lambda,
    converged: tried.converged,
    modelKey: modelKey(modelGrid),
  };
}

export interface ApplyOptions {
  /** Criterion rows (row numbers of the suggested worksheet, as in the report) to turn into exclude rows instead of negative points. */
  exclusions?: readonly number[];
  /** Apply the tried model although the held-out test did not show it is better. */
  anyway?: boolean;
}

/**
 * The suggested worksheet: the current one with its points refitted, found rows added and
 * bands moved (spacer rows and every other cell kept), and chosen rows turned into exclusions.
 * Throws a ShapeError when the report's suggestion is the current model unchanged (unless
 * `anyway`) or the report was made for a different model.
 */
export function applySuggestion(modelGrid: unknown, report: LearnReport, options: ApplyOptions = {}): Cell[][] {
  const { suggestion } = report;
  if (!suggestion.usable && !options.anyway) throw new ShapeError('report', `the report has no suggested change: ${suggestion.message}`);
  const model: Model = readModel(modelGrid);
  for (const suggested of suggestion.rows) {
    if (suggested.origin === 'found' || suggested.kind !== 'criterion') continue;
    const entry = model.entries.find((e) => e.row === suggested.row);
    if (!entry || entry.kind !== 'criterion' || normalizeText(entry.name) !== normalizeText(suggested.name) || (entry.rule ?? '') !== suggested.rule) {
      throw new ShapeError(
        'model',
        `model row ${suggested.row} is not the criterion "${suggested.name}" the report was made for; the model changed since, so learn from the history again`,
      );
    }
  }
  if (modelKey(modelGrid) !== suggestion.modelKey) {
    throw new ShapeError('model', 'the model changed since the report was made; learn from the history again');
  }
  const grid = (suggestion.usable ? suggestion.grid : suggestion.triedGrid).map((row) => [...row]);
  const { headerIndex, columns } = findModelHeader(grid);
  const kindColumn = columns.get('Kind')!;
  const pointsColumn = columns.get('Points')!;
  void headerIndex;
  for (const row of options.exclusions ?? []) {
    if (!suggestion.rows.some((r) => r.row === row && r.kind === 'criterion')) {
      throw new ShapeError('exclusions', `model row ${row} is not a criterion row of the report, so it cannot become an exclusion`);
    }
    grid[row - 1]![kindColumn] = 'exclude';
    grid[row - 1]![pointsColumn] = '';
  }
  readModel(grid);
  return grid;
}
