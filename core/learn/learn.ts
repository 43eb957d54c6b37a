/**
 * "Learn from history": one entry point that reads a closed-won / closed-lost history against the
 * current model and reports lift, suggested points, held-out validation, what changed and drift
 * as plain JSON, and `applySuggestion`, which writes the suggestion back as worksheet rows.
 */
import { ShapeError } from '../errors.ts';
import { type Model, findModelHeader, readModel } from '../model.ts';
import { bindModel } from '../score.ts';
import { normalizeText } from '../text.ts';
import { type Cell, type DayNumber, isoDay, readDay, readText } from '../values.ts';
import { fill, indexes } from './arrays.ts';
import { type Changes, quartersOf, whatChanged } from './changes.ts';
import { type DriftReport, driftByQuarter } from './drift.ts';
import { type EffortRow, effortTable } from './effort.ts';
import { readFeatures, scoreAccounts } from './features.ts';
import { type ColumnProfile, fineClassing } from './fine.ts';
import { type LearnColumns, type LearnInput, type LearnPhase, checkInput, readAmounts, readDays, resolveColumns } from './input.ts';
import { type LiftRow, liftTable } from './lift.ts';
import { LOST, type OutcomeReading, WON, describeUnrecognized, historyProblem, readOutcomeColumn } from './outcomes.ts';
import { type FeatureRow, type ProcedureContext, type Tried, procedure } from './procedure.ts';
import { type LeftOut, leftOutColumns } from './product.ts';
import { type SuggestedRow, segmentText, suggestedRows } from './rows.ts';
import type { Considered } from './screen.ts';
import { valueWeights } from './selection.ts';
import { auc } from './stats.ts';
import { LEAK_IV, MIN_SUPPORT } from './thresholds.ts';
import { NO_TIER, type TierRefit } from './tiers.ts';
import type { HistoryTable } from './table.ts';
import { type Scoring, type Validation, planSplit, tierLabel, validate } from './validate.ts';
import { GOAL_WORDS, type Goal, customerGoal, procedureSentence, recencySentence } from './words.ts';
import { type GoalReading, MIN_TENURE_DAYS, afterOutcomeWarning, goalOutcomes, goalProblem } from './goals.ts';
import { writeWorksheet } from './write.ts';

export type { ColumnRef, LearnColumns, LearnInput, LearnOptions, LearnPhase, LearnProgress } from './input.ts';

/** The history could not be learned from: the problem, with the outcome counts and labels. Nothing changed. */
export interface LearnRefusal {
  ok: false;
  problem: string;
  columns: LearnColumns;
  outcomes: OutcomeReading;
}

/** A pair found in the history: its two conditions and what it adds beyond them. */
export interface PairFound {
  label: string;
  /** The interaction (log-odds beyond the two parts) and its z, against the pairs' bar. */
  interaction: number;
  z: number;
  deals: number;
  winRate: number;
}

export interface LearnReport {
  ok: true;
  columns: LearnColumns;
  outcomes: OutcomeReading;
  /** The goal learned toward: what it counted for and against, and what it left out. */
  goal: GoalReading;
  /** History rows that hold anything (blank rows are not accounts). */
  accounts: number;
  lift: LiftRow[];
  suggestion: LearnSuggestion;
  /** Columns not learned from, each with why (the product's own answers, the deal columns, the override…). */
  leftOut: LeftOut[];
  /** How each history column was read for discovery, what was looked at and the bars it had to clear (for the model written). */
  discovery: {
    columns: ColumnProfile[];
    looked: number;
    /** The lowest and highest |z| a single segment had to clear. */
    bar: number;
    barHigh: number;
    pairLooked: number;
    pairBar: number;
    pairs: PairFound[];
    /** Segments looked at and not kept, with why, strongest first. */
    considered: Considered[];
  } | null;
  /** Effort against return: per segment, the share of accounts worked against the share of wins and won revenue. */
  effort: EffortRow[];
  validation: Validation;
  /** Each row's effect by quarter, and the rows whose effect changed in the newest deals; null without dates. */
  changes: Changes | null;
  /** null without a created-date column. */
  drift: DriftReport | null;
  /** Sentences on what was read oddly or left out. */
  warnings: string[];
  settings: {
    lambda: number;
    /** The recency weighting chosen: a deal's weight halves every so many days (null: every deal weighs the same). */
    halfLifeDays: number | null;
    minSupport: number;
    seed: number;
    folds: number;
    timeRulesAsOfCreated: boolean;
    discover: boolean;
    weighBy: 'wins' | 'amount';
    goal: Goal;
  };
}

/** What the history suggests: the suggested worksheet (the current one unchanged unless the held-out test shows better), and every row with its evidence. */
export interface LearnSuggestion {
  /** True only when the tried model ranks held-out deals better beyond chance (verdict `better`). */
  usable: boolean;
  /** One sentence: what is suggested, or that the suggestion is the current model unchanged and why. */
  message: string;
  /** One sentence: the procedure judged, and the model written as that procedure on every decided deal. */
  procedure: string;
  /** One sentence: the recency weighting chosen. */
  recency: string;
  /** Every criterion and exclude row of the tried model (current rows keep their row numbers), with its evidence. */
  rows: SuggestedRow[];
  /** The suggested worksheet: the tried model when usable, else the current model unchanged. */
  grid: Cell[][];
  /** The model that was tried (for an explicit "apply anyway"). */
  triedGrid: Cell[][];
  /** The top tier's minimum refitted on the decided deals (in the tried model). */
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

/** What the history holds once read: the context the procedure runs in, and what the report needs of it. */
export interface Read {
  ctx: ProcedureContext;
  model: Model;
  columns: LearnColumns;
  reading: OutcomeReading;
  /** What the goal counts (won, retained, grew) and what it left out. */
  goal: GoalReading;
  /** Each account as the goal counts it: 1 for, 0 against, -1 left out (open deals among them). */
  codes: Int8Array;
  /** The deals' own outcomes (1 won, 0 lost, -1 open): the effort table and drift read them whatever the goal. */
  deals: Int8Array;
  decided: Int32Array;
  amounts: Float64Array | null;
  created: Float64Array | null;
  closed: Float64Array | null;
  /** The current model's score of every account. */
  currentScores: Float64Array;
  leftOut: LeftOut[];
  warnings: string[];
  settings: LearnReport['settings'];
}

/** Read the history against the model (the procedure's context); a refusal when it cannot be learned from. */
export function readHistory(input: LearnInput): Read | LearnRefusal {
  const { modelGrid, history, columns: refs, options = {} } = checkInput(input);
  const serialDates = options.serialDates ?? false;
  const model = readModel(modelGrid, { serialDates });
  const { at, names: columns } = resolveColumns(history.headers, refs);
  const bindOptions = { serialDates, ...(options.today ? { today: options.today } : {}) };
  const bound = bindModel(model, history.headers, { ...bindOptions, ignoreOverride: true });
  const { codes: deals, reading } = readOutcomeColumn(history.columns[at.outcome!]!);
  const problem = historyProblem(reading);
  if (problem) return { ok: false, problem, columns, outcomes: reading };
  const goal = options.goal ?? (options.weighBy === 'amount' ? 'value' : 'won');
  if (options.weighBy === 'amount' && goal !== 'value' && goal !== 'won') throw new ShapeError('options', `learning from history: weighing deals by amount is the value goal; it does not combine with the ${goal} goal`);
  const weighBy: 'wins' | 'amount' = goal === 'value' ? 'amount' : 'wins';
  const warnings: string[] = [];
  const labels = describeUnrecognized(reading);
  if (labels) warnings.push(labels);
  const created = at.created !== null ? readDays(history, at.created, serialDates) : null;
  const closed = at.closed !== null ? readDays(history, at.closed, serialDates) : null;
  const amount = at.amount !== null ? readAmounts(history, at.amount) : null;
  if (amount?.unreadable) warnings.push(`${amount.unreadable} amount cells in "${columns.amount}" could not be read as numbers and count as blank.`);
  if (created?.unreadable) warnings.push(`${created.unreadable} cells in "${columns.created}" could not be read as dates and count as blank.`);
  if (closed?.unreadable) warnings.push(`${closed.unreadable} cells in "${columns.closed}" could not be read as dates and count as blank.`);
  if (model.settings.override) warnings.push(`The manual override column "${model.settings.override}" is not used here: history is scored as the model computes it.`);
  if (model.settings.missing === 'skip') warnings.push('The model skips blank fields (missing = skip); the fit treats a blank as no match, and validation scores with skip as the model does.');
  if (weighBy === 'amount' && !amount) throw new ShapeError('options', 'learning from history: weighing deals by amount needs the amount column');
  const target = goalOutcomes({
    goal,
    history,
    deals,
    churned: at.churned,
    arrNow: at.arrNow,
    amounts: amount?.values ?? null,
    closed: closed?.values ?? null,
    asOf: options.today ? (readDay(options.today) as number) : (model.settings.asOf ?? (readDay(new Date()) as number)),
    minTenure: options.minTenureDays ?? MIN_TENURE_DAYS,
    serialDates,
  });
  const goalIssue = goalProblem(target.reading);
  if (goalIssue) return { ok: false, problem: goalIssue, columns, outcomes: reading };
  const codes = target.codes;

  const n = history.rows;
  const asOf: (DayNumber | null)[] | undefined = created ? Array.from(created.values, (d) => (Number.isFinite(d) ? d : null)) : undefined;
  const current = readFeatures(bound, history, asOf);
  const decided = indexes(n, (i) => codes[i] === WON || codes[i] === LOST);
  const won = fill(Uint8Array, n, (i) => (codes[i] === WON ? 1 : 0));
  const leftOut = leftOutColumns({ headers: history.headers, model, picked: at, icpColumns: options.icpColumns ?? [] });
  const discover = options.discover ?? true;
  const minSupport = options.minSupport ?? MIN_SUPPORT;
  const fallbackDay = model.settings.asOf ?? (options.today ? readDay(options.today) : readDay(new Date()));
  const reference = fill(Float64Array, n, (i) => {
    const day = created?.values[i];
    return day !== undefined && Number.isFinite(day) ? day : typeof fallbackDay === 'number' ? fallbackDay : NaN;
  });
  const fine = discover ? fineClassing(history, new Set(leftOut.map((l) => l.column)), reference, { serialDates, minCount: minSupport }) : null;
  const day = fill(Float64Array, n, (i) => (closed && Number.isFinite(closed.values[i]!) ? closed.values[i]! : created ? created.values[i]! : NaN));
  const ctx: ProcedureContext = {
    table: history,
    headers: history.headers,
    asOf,
    bindOptions,
    model,
    current,
    won,
    valueWeights: weighBy === 'amount' && amount ? valueWeights(won, amount.values, decided) : null,
    day,
    quarter: quartersOf(day),
    fine,
    minSupport,
    lambda: options.lambda ?? null,
  };
  const currentScores = scoreAccounts(current, current.bands.map((b) => b.points));
  const settings = { lambda: 0, halfLifeDays: null, minSupport, seed: options.seed ?? 1, folds: options.folds ?? 5, timeRulesAsOfCreated: created !== null, discover, weighBy, goal };
  return {
    ctx,
    model,
    columns,
    reading,
    goal: target.reading,
    codes,
    deals,
    decided,
    amounts: amount?.values ?? null,
    created: created?.values ?? null,
    closed: closed?.values ?? null,
    currentScores,
    leftOut,
    warnings,
    settings,
  };
}

/** How validation reads a tried model's scores. */
function scoringOf(tried: Tried): Scoring {
  return {
    scores: tried.scores,
    excluded: tried.scorable.excluded,
    tierOf: (i) => tierLabel(tried.tierList, tried.scores[i]!, tried.scorable.excluded[i] === 1),
  };
}

/** The learning, one phase (or validation fold) per step. */
function* learnSteps(input: LearnInput): Generator<void, LearnResult> {
  const progress = (phase: LearnPhase, fraction: number) => input.onProgress?.({ phase, fraction });
  progress('reading', 0);
  const read = readHistory(input);
  if ('ok' in read) return read;
  const { ctx, model, decided, codes, currentScores } = read;
  const currentScoring: Scoring = {
    scores: currentScores,
    excluded: ctx.current.excluded,
    tierOf: (i) => tierLabel(model.tiers, currentScores[i]!, ctx.current.excluded[i] === 1),
  };
  yield;
  progress('lift', 0.1);
  const lift = liftTable(ctx.current, codes, decided, ctx.minSupport);
  const effort = ctx.fine ? effortTable(ctx.fine, read.deals, read.amounts) : [];
  yield;
  // Validation runs the whole procedure (search, choices, fit) once per fold; then the model written.
  progress('validating', 0.15);
  const plan = planSplit(decided, ctx.won, read.closed, read.settings.seed, read.settings.folds);
  const { validation } = yield* validate(
    plan,
    ctx.won,
    read.amounts,
    currentScoring,
    model.tiers,
    function* (train) {
      const tried = yield* procedure(ctx, train, read.settings.seed);
      return { model: tried, scoring: scoringOf(tried), tiers: tried.tierList };
    },
    (done, total) => progress('validating', 0.15 + (0.6 * done) / total),
  );
  // The model written: the same procedure on every decided deal (the newest included).
  progress('fitting', 0.8);
  const tried = yield* procedure(ctx, decided, read.settings.seed);
  const backtest = backtestNote(read, plan.folds.flatMap((f) => Array.from(f.test)), validation);
  if (backtest) validation.backtest = backtest;
  const { suggestion, rowOf } = suggestionOf(read, tried, validation, input.modelGrid as Cell[][], plan.folds.length);

  progress('drift', 0.9);
  yield;
  const result = report(read, tried, rowOf, { lift, effort, validation, suggestion });
  histories.set(result, read.ctx.table);
  progress('done', 1);
  return result;
}

/** Each report's history table as read, beside the report (which stays plain JSON): see reportHistory. */
const histories = new WeakMap<LearnReport, HistoryTable>();

/**
 * The history a report was learned from (each account's cells), while the report is in memory:
 * the panel's what-if reads its groups from the rows the run read. Undefined for a report that
 * went through JSON.
 */
export function reportHistory(report: LearnReport): HistoryTable | undefined {
  return histories.get(report);
}

/** The report from what was learned. */
function report(read: Read, tried: Tried, rowOf: ReadonlyMap<FeatureRow, number>, parts: { lift: LiftRow[]; effort: EffortRow[]; validation: Validation; suggestion: LearnSuggestion }): LearnReport {
  const { ctx, model, decided, deals: codes, warnings } = read;
  let drift: DriftReport | null = null;
  if (read.created) {
    const dated = Array.from({ length: ctx.current.accounts }, (_, i) => ({
      tier: tierLabel(model.tiers, read.currentScores[i]!, ctx.current.excluded[i] === 1) || NO_TIER,
      outcome: codes[i]!,
      amount: read.amounts ? read.amounts[i]! : NaN,
      createdDay: read.created![i]!,
      closedDay: read.closed ? read.closed[i]! : NaN,
    }));
    drift = driftByQuarter(dated, model.tiers, read.amounts !== null);
    if (drift.undated) warnings.push(`${drift.undated} accounts have no readable created date and are left out of the drift table.`);
  }
  const changes = read.created || read.closed
    ? whatChanged(
        [...tried.rows, ...tried.exclusions].map((row) => ({ row: rowOf.get(row)!, name: row.name, segment: segmentText(row), match: row.factor })),
        decided,
        ctx.won,
        ctx.quarter,
        read.closed ? 'closed' : 'created',
        ctx.minSupport,
      )
    : null;
  const leaks = (tried.discovery?.segments ?? []).filter((s) => s.stats.iv > LEAK_IV);
  if (leaks.length) {
    warnings.push(
      `${leaks.map((s) => `"${s.label}"`).slice(0, 3).join(', ')} separate${leaks.length === 1 ? 's' : ''} ${customerGoal(GOAL_WORDS[read.settings.goal]) ? `the accounts that ${GOAL_WORDS[read.settings.goal].did} from the rest` : 'won from lost'} suspiciously well (information value above 0.5): check that ${leaks.length === 1 ? 'its column is' : 'those columns are'} not filled in only after a deal closes.`,
    );
  }
  const after = afterOutcomeWarning(read.settings.goal, [...tried.rows, ...tried.exclusions].flatMap((row) => (row.and ? [row.field, row.and.header] : [row.field])));
  if (after) warnings.push(after);
  const d = tried.discovery;
  return {
    ok: true,
    columns: read.columns,
    outcomes: read.reading,
    goal: read.goal,
    accounts: ctx.current.accounts,
    lift: parts.lift,
    suggestion: parts.suggestion,
    leftOut: read.leftOut,
    discovery: d
      ? {
          columns: d.profiles,
          looked: d.looked,
          bar: d.bar,
          barHigh: d.barHigh,
          pairLooked: d.pairLooked,
          pairBar: d.pairBar,
          pairs: d.pairs.map((p) => ({ label: p.segment.label, interaction: p.interaction, z: p.interactionZ, deals: p.segment.stats.accounts, winRate: p.segment.stats.winRate })),
          considered: [...tried.dropped, ...d.considered],
        }
      : null,
    effort: parts.effort,
    validation: parts.validation,
    changes,
    drift,
    warnings,
    settings: { ...read.settings, lambda: tried.lambda, halfLifeDays: tried.halfLifeDays },
  };
}

/** When the model has time rules judged as of each deal's created date: the AUC ICP_BACKTEST gives on the same held-out deals, and why they differ. */
function backtestNote(read: Read, tested: number[], validation: Validation): Validation['backtest'] {
  const { ctx, model } = read;
  const timeRules = model.entries.some((e) => (e.kind === 'criterion' || e.kind === 'exclude' || e.kind === 'and') && TIME_RULES.has(e.rule ?? ''));
  if (!read.created || !timeRules) return null;
  const plain = readFeatures(bindModel(model, ctx.headers, { ...ctx.bindOptions, ignoreOverride: true }), ctx.table);
  const scores = scoreAccounts(plain, plain.bands.map((b) => b.points));
  const rank = (i: number) => (plain.excluded[i] || Number.isNaN(scores[i]!) ? -1 : scores[i]!);
  const backtestAuc = auc(tested.filter((i) => ctx.won[i]).map(rank), tested.filter((i) => !ctx.won[i]).map(rank));
  const asOfText = model.settings.asOf !== null ? `the model's as of day (${isoDay(model.settings.asOf)})` : 'today (the model has no as of day)';
  const fmt = (v: number | null) => (v === null ? '–' : v.toFixed(2));
  return {
    auc: backtestAuc,
    sentence: `Time rules are judged here as of each deal's created date (current AUC ${fmt(validation.current.auc)}); ICP_BACKTEST and the Backtest sheet judge them as of ${asOfText}, which gives ${fmt(backtestAuc)} on the same held-out deals.`,
  };
}

/** The suggestion: the tried model written as a worksheet, adopted only when validation found it better. */
function suggestionOf(read: Read, tried: Tried, validation: Validation, modelGrid: Cell[][], folds: number): { suggestion: LearnSuggestion; rowOf: Map<FeatureRow, number> } {
  const adopted = validation.verdict === 'better';
  const words = GOAL_WORDS[read.settings.goal];
  const written = writeWorksheet(modelGrid, tried, words);
  const rows = suggestedRows(tried, (row) => written.rowOf.get(row)!, read.ctx.minSupport, words);
  const found = rows.filter((r) => r.origin === 'found').length;
  const moved = rows.filter((r) => r.origin === 'moved').length;
  const changedPoints = rows.some((r) => r.origin === 'model' && r.triedPoints !== null && r.triedPoints !== r.currentPoints);
  const tierMoved = tried.tiers !== null && tried.tiers.from !== tried.tiers.to;
  const auc = (v: number | null) => (v === null ? '–' : v.toFixed(2));
  const parts: string[] = [];
  if (found) parts.push(`adds ${found} row${found === 1 ? '' : 's'} found in the history`);
  if (moved) parts.push(`moves ${moved} band${moved === 1 ? '' : 's'}`);
  if (changedPoints) parts.push('refits the points');
  if (tierMoved) parts.push(`moves the ${tried.tiers!.tier} minimum to ${tried.tiers!.to}`);
  const what = parts.length ? parts.join(', ').replace(/, ([^,]*)$/, ' and $1') : 'changes nothing';
  const { current, suggested } = validation;
  const ranks = customerGoal(words) ? `ranks held-out accounts better by whether they ${words.does}` : 'ranks held-out deals better';
  const message = adopted
    ? `Suggested: a model that ${ranks} (AUC ${auc(current.auc)} → ${auc(suggested.auc)}); it ${what}.`
    : validation.verdict === 'not compared'
      ? 'The suggestion is the current model unchanged: the held-out deals hold only wins or only losses, so nothing could be shown to be better.'
      : `The suggestion is the current model unchanged: the model tried (which ${what}) did not ${ranks.replace('ranks', 'rank')} beyond chance (AUC ${auc(current.auc)} → ${auc(suggested.auc)}).`;
  const shown = adopted
    ? rows
    : rows.map((r): SuggestedRow => {
        if (r.origin !== 'model') return { ...r, suggestedPoints: null, change: null, status: 'not adopted', note: `Tried, not adopted: ${r.note}` };
        if (r.kind === 'exclude' || r.status === 'thin') return r;
        return { ...r, suggestedPoints: r.currentPoints, change: 0, status: 'unchanged', note: `Kept as it is (the tried points were ${r.triedPoints}): ${r.note}` };
      });
  const suggestion = {
    usable: adopted,
    message,
    procedure: procedureSentence(validation.method, read.decided.length, folds),
    recency: recencySentence(tried.halfLifeDays, read.closed !== null || read.created !== null),
    rows: shown,
    grid: adopted ? written.grid : modelGrid.map((row) => [...row]),
    triedGrid: written.grid,
    tiers: tried.tiers,
    found,
    moved,
    lambda: tried.lambda,
    converged: tried.converged,
    modelKey: modelKey(modelGrid),
  };
  return { suggestion, rowOf: written.rowOf };
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
    const rule = suggested.previousRule ?? suggested.rule;
    if (!entry || entry.kind !== 'criterion' || normalizeText(entry.name) !== normalizeText(suggested.name) || (entry.rule ?? '') !== rule) {
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
  const { columns } = findModelHeader(grid);
  const kindColumn = columns.get('Kind')!;
  const pointsColumn = columns.get('Points')!;
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
