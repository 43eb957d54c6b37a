/**
 * A workbook in memory that implements the Host: its I/O is a map of sheets. Everything a host
 * decides is the workbook layer's, as in every other host (the save flow, header rows, the score
 * and summary layouts, the messages); the functions' results are computed here, as a spreadsheet
 * would show them. Used by the panel's tests, the standalone panel page and the Excel task pane
 * opened outside Office.
 */
import { convertFormulaNames, countForeignNames } from '../core/formula-names.ts';
import type { FunctionDecl } from '../core/functions.ts';
import { callFunction, requireFunction } from '../core/run.ts';
import { FORMULA_ROWS, describeSheet, icpColumns, previewRows, snapshotOf, trimGrid } from './grid.ts';
import { HISTORY_HEADER, listVersions, readVersions, versionSnapshot, type StoredVersion } from './history-sheet.ts';
import {
  DEFAULT_MODEL_SHEET,
  type ForeignFormulas,
  HISTORY_SHEET,
  type HistoryEntry,
  type Host,
  type RowsAnswer,
  type ModelSnapshot,
  type SaveRequest,
  type SaveResult,
  type ScoreColumnsRequest,
  type ScoreColumnsResult,
  type SheetInfo,
  type SummaryRequest,
  type WireCell,
} from './host.ts';
import { type Lock, queueLock } from './lock.ts';
import { messages } from './messages.ts';
import { type SaveTarget, saveModelAsync } from './save.ts';
import { SCORE_HEADERS, planScoring, scoringRequest } from './score-columns.ts';
import { SCORE_COLUMNS, SHEETS_DIALECT, SUMMARY_LAYOUT, columnLetter, mappedHeaders } from './sheet-layout.ts';
import { planSummary, summaryColumn, summaryRequestOf } from './summary-sheet.ts';
import { historyId, parseRequest, rowLimit, sheetName as sheetNameSchema, wireGrid } from './wire.ts';

export type HostMethod = Exclude<keyof Host, 'kind'>;

/** The in-memory workbook stands in for Google Sheets: its cells hold as many characters. */
const CELL_LIMIT = 50_000;

export interface MemoryHostOptions {
  /** Sheets by name, each as rows of cells (row 1 first). */
  sheets?: Record<string, WireCell[][]>;
  /** The sheet the user is on (default: the first). */
  active?: string;
  /** Who saves, as the history records it ('' = unknown). */
  user?: string;
  /** Milliseconds every call waits before answering, as a server round trip would. */
  latencyMs?: number;
  /**
   * Calls that fail, with their message. A failing saveModel fails half-way through writing the
   * model sheet, after the version check: the host must roll back. Others throw the message.
   */
  failures?: Partial<Record<HostMethod, string>>;
  /** The clock for history timestamps and summary dates. */
  now?: () => Date;
  /** Formulas already in the workbook, by sheet and A1 cell: `{ Leads: { J2: '=ICP.SCORE(…)' } }`. */
  formulas?: Record<string, Record<string, string>>;
}

interface Sheet {
  cells: WireCell[][];
  hidden: boolean;
  /** A1 address → formula text, where a formula was written. */
  formulas: Map<string, string>;
  /** A1 address → number format, where one was set (the tier summary's percentages and amounts). */
  numberFormats: Map<string, string>;
  charts: ChartSpec[];
}

export interface ChartSpec {
  title: string;
  /** A1 range the chart reads. */
  range: string;
  series: string[];
}

/** Wire cells are JSON: a JSON copy is a deep copy. */
const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** A pause, where the runtime has a timer (every browser and Node does). */
function sleep(ms: number): Promise<void> {
  const timer = (globalThis as { setTimeout?: (done: () => void, ms: number) => unknown }).setTimeout;
  return new Promise((resolve) => (timer ? timer(resolve, ms) : resolve()));
}

/** The fingerprint a host reports for these cells (of the data range, as every host reads it). */
export function fingerprint(cells: readonly (readonly WireCell[])[]): string {
  return snapshotOf('', cells).version;
}

export class MemoryHost implements Host {
  readonly kind = 'preview' as const;
  private readonly sheets = new Map<string, Sheet>();
  private active: string | null;
  private user: string;
  private readonly now: () => Date;
  latencyMs: number;
  /** Calls that fail: change at any time. */
  failures: Partial<Record<HostMethod, string>>;
  /** When set, putting the model sheet back after a failed save fails too, with this message. */
  failRestore: string | null = null;
  /** Every call made, in order, with its arguments (for tests and the preview's log). */
  readonly calls: { method: HostMethod; args: unknown[] }[] = [];
  private readonly lock: Lock = queueLock();
  private readonly afterReads = new Map<string, () => void>();
  /** Sheet name → what watchModel was told to call when its cells change. */
  private readonly watchers = new Map<string, Set<() => void>>();

  constructor(options: MemoryHostOptions = {}) {
    for (const [name, cells] of Object.entries(options.sheets ?? {})) this.setSheet(name, cells);
    this.active = options.active ?? Object.keys(options.sheets ?? {})[0] ?? null;
    this.user = options.user ?? '';
    this.latencyMs = options.latencyMs ?? 0;
    this.failures = { ...options.failures };
    this.now = options.now ?? (() => new Date());
    for (const [name, formulas] of Object.entries(options.formulas ?? {})) {
      for (const [cell, formula] of Object.entries(formulas)) this.need(name).formulas.set(cell, formula);
    }
  }

  // ---- the workbook, for tests and the preview --------------------------------------------

  /** A copy of a sheet's cells, or null when there is no such sheet. */
  cells(name: string): WireCell[][] | null {
    const sheet = this.sheets.get(name);
    return sheet ? copy(sheet.cells) : null;
  }

  /** Replace a sheet's cells (a person editing by hand), creating the sheet if needed. */
  setSheet(name: string, cells: WireCell[][], hidden = false): void {
    const parsed = wireGrid.parse(cells);
    const sheet = this.sheets.get(name);
    if (sheet) sheet.cells = copy(parsed);
    else this.sheets.set(name, { cells: copy(parsed), hidden, formulas: new Map(), numberFormats: new Map(), charts: [] });
    this.touched(name);
  }

  /** Set one cell (1-based row and column), growing the sheet as needed; a value replaces a formula there. */
  setCell(name: string, row: number, column: number, value: WireCell): void {
    const sheet = this.sheets.get(name);
    if (!sheet) throw new Error(messages.noSuchSheet(name, [...this.sheets.keys()]));
    while (sheet.cells.length < row) sheet.cells.push([]);
    const cells = sheet.cells[row - 1]!;
    while (cells.length < column) cells.push('');
    cells[column - 1] = value;
    sheet.formulas.delete(`${columnLetter(column)}${row}`);
    this.touched(name);
  }

  /** A formula and the value it shows (this workbook does not calculate formulas of its own). */
  setFormula(name: string, row: number, column: number, formula: string, value: WireCell): void {
    this.setCell(name, row, column, value);
    this.need(name).formulas.set(`${columnLetter(column)}${row}`, formula);
  }

  setActive(name: string): void {
    if (!this.sheets.has(name)) throw new Error(messages.noSuchSheet(name, [...this.sheets.keys()]));
    this.active = name;
  }

  sheetNames(): string[] {
    return [...this.sheets.keys()];
  }

  isHidden(name: string): boolean {
    return this.sheets.get(name)?.hidden ?? false;
  }

  formulas(name: string): Record<string, string> {
    return Object.fromEntries(this.sheets.get(name)?.formulas ?? []);
  }

  /** The number format set on a cell (`0.0%`, `#,##0`), or undefined. */
  numberFormat(name: string, a1: string): string | undefined {
    return this.need(name).numberFormats.get(a1);
  }

  charts(name: string): ChartSpec[] {
    return copy(this.sheets.get(name)?.charts ?? []);
  }

  /** Runs `edit` once, right after the next time a save reads the sheet (a person typing meanwhile). */
  afterNextRead(name: string, edit: () => void): void {
    this.afterReads.set(name, edit);
  }

  /** The history sheet's versions, oldest first (the layout every host shares: workbook/history-sheet.ts). */
  historyRows(): StoredVersion[] {
    return readVersions(this.sheets.get(HISTORY_SHEET)?.cells ?? []);
  }

  // ---- Host ----------------------------------------------------------------------------------

  async readModel(sheetName: string): Promise<ModelSnapshot | null> {
    await this.enter('readModel', [sheetName]);
    const name = parseRequest(sheetNameSchema, sheetName, 'a model sheet name');
    const sheet = this.sheets.get(name);
    return sheet ? snapshotOf(name, copy(sheet.cells)) : null;
  }

  async saveModel(request: SaveRequest): Promise<SaveResult> {
    await this.enter('saveModel', [request], false);
    return saveModelAsync(request, false, this.lock, (save) => save(this.saveTarget()));
  }

  async listSheets(): Promise<SheetInfo[]> {
    await this.enter('listSheets', []);
    return [...this.sheets.keys()].filter((name) => !this.isHidden(name)).map((name) => this.info(name));
  }

  async activeSheet(): Promise<SheetInfo | null> {
    await this.enter('activeSheet', []);
    return this.active && this.sheets.has(this.active) ? this.info(this.active) : null;
  }

  async readRows(sheetName: string, limit: number): Promise<RowsAnswer> {
    await this.enter('readRows', [sheetName, limit]);
    const name = parseRequest(sheetNameSchema, sheetName, 'a sheet name');
    const count = parseRequest(rowLimit, limit, 'a row limit');
    const info = this.info(name);
    const formulas = Array.from({ length: FORMULA_ROWS }, (_, r) => info.headers.map((_, c) => this.need(name).formulas.get(`${columnLetter(c + 1)}${info.headerRow + 1 + r}`) ?? null));
    return { ...copy(previewRows(info, trimGrid(this.need(name).cells).slice(info.headerRow), count)), icpColumns: icpColumns(formulas) };
  }

  async insertScoreColumns(raw: ScoreColumnsRequest): Promise<ScoreColumnsResult> {
    await this.enter('insertScoreColumns', [raw]);
    const request = scoringRequest(raw);
    const sheet = this.need(request.sheetName);
    const grid = trimGrid(sheet.cells);
    const model = trimGrid(this.need(request.modelSheet).cells);
    const plan = planScoring(request, {
      headerCells: grid[request.headerRow - 1] ?? [],
      lastRow: null,
      model: { lastRow: model.length, lastColumn: model[0]?.length ?? 0 },
      dialect: SHEETS_DIALECT,
    });
    // What the formulas compute, as the sheet would show it.
    const body = grid.slice(request.headerRow).map((row) => plan.dataColumns.map((column) => row[column - 1] ?? ''));
    const headers = Object.keys(request.fieldMap).length > 0
      ? mappedHeaders(plan.headers, plan.dataColumns, request.fieldMap)
      : plan.dataColumns.map((column) => plan.headers[column - 1] ?? '');
    plan.targets.forEach((column, i) => {
      this.setCell(request.sheetName, request.headerRow, column, SCORE_HEADERS[i]!);
      for (let row = plan.firstRow; row <= sheet.cells.length; row++) this.setCell(request.sheetName, row, column, '');
      const results = this.run(SCORE_COLUMNS[i]!.id, [body, [headers], model], body.length);
      results.forEach((value, r) => this.setCell(request.sheetName, plan.firstRow + r, column, value));
      sheet.formulas.set(plan.formulaCells[i]!, plan.formulas[i]!);
    });
    return { columns: [...SCORE_HEADERS], formulaCells: plan.formulaCells };
  }

  async createSummarySheet(raw: SummaryRequest): Promise<{ sheetName: string }> {
    await this.enter('createSummarySheet', [raw]);
    const request = summaryRequestOf(raw);
    const info = this.info(parseRequest(sheetNameSchema, request.scoredSheet, 'a sheet name'));
    const body = trimGrid(this.need(request.scoredSheet).cells).slice(info.headerRow);
    const model = trimGrid(this.need(request.modelSheet).cells);
    const listOf = (column: number) => (column > 0 ? body.map((row) => row[column - 1] ?? '') : null);
    const tiers = info.headerRow > 0 ? listOf(summaryColumn(info, request.tierColumn))! : [];
    const plan = planSummary(request, {
      info,
      tiers,
      lastRow: null,
      model,
      serialDates: false,
      dialect: SHEETS_DIALECT,
      created: this.now().toISOString().slice(0, 16).replace('T', ' '),
      maxNameLength: 90,
      taken: (name) => this.sheets.has(name),
    });
    const table = this.runTable('SUMMARY', [tiers, model, listOf(plan.columns.won), listOf(plan.columns.amount)]);
    const { titleRow, sourceRow, tableRow } = SUMMARY_LAYOUT;
    const top: WireCell[][] = Array.from({ length: tableRow - 1 }, () => []);
    top[titleRow - 1] = [plan.title];
    top[sourceRow - 1] = [plan.source];
    this.setSheet(plan.sheetName, [...top, ...table]);
    const sheet = this.need(plan.sheetName);
    sheet.formulas.set(`A${tableRow}`, plan.formula);
    for (const run of plan.formats) {
      for (let row = run.row; row < run.row + run.rows; row++) sheet.numberFormats.set(`${columnLetter(run.column)}${row}`, run.format);
    }
    sheet.charts.push({ title: plan.chart.title, range: plan.chart.accounts, series: plan.chart.winRate ? ['Accounts', 'Win rate'] : ['Accounts'] });
    this.active = plan.sheetName;
    return { sheetName: plan.sheetName };
  }

  async listHistory(modelSheet: string): Promise<HistoryEntry[]> {
    await this.enter('listHistory', [modelSheet]);
    const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
    return listVersions((this.sheets.get(HISTORY_SHEET)?.cells ?? []).slice(1), name);
  }

  async readHistory(modelSheet: string, id: string): Promise<ModelSnapshot> {
    await this.enter('readHistory', [modelSheet, id]);
    const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
    const wanted = parseRequest(historyId, id, 'a history id');
    const row = (this.sheets.get(HISTORY_SHEET)?.cells ?? []).slice(1).find((cells) => String(cells[0] ?? '') === wanted);
    return versionSnapshot(row, name, wanted);
  }

  /**
   * Formulas in Excel's spelling (ICP.SCORE): this workbook writes Sheets' (ICP_SCORE), as the
   * standalone page stands in for the Sheets sidebar.
   */
  async findForeignFormulas(): Promise<ForeignFormulas> {
    await this.enter('findForeignFormulas', []);
    return foreignSummary(this.foreignCells());
  }

  /** Rewrites only those formulas' function names; values and other formulas stay. */
  async convertForeignFormulas(): Promise<ForeignFormulas> {
    await this.enter('convertForeignFormulas', []);
    return this.lock(async () => {
      const found = this.foreignCells();
      for (const { sheet, cells } of found) {
        for (const cell of cells) sheet.formulas.set(cell, convertFormulaNames(sheet.formulas.get(cell)!, 'sheets'));
      }
      return foreignSummary(found);
    });
  }

  /** Calls `onChange` after any change to the sheet's cells (by hand or by a call), as Excel's onChanged does. */
  async watchModel(sheetName: string, onChange: () => void): Promise<() => void> {
    const set = this.watchers.get(sheetName) ?? new Set();
    this.watchers.set(sheetName, set);
    set.add(onChange);
    return () => set.delete(onChange);
  }

  // ---- inside ------------------------------------------------------------------------------

  /** Tells the sheet's watchers, after the change that called this has finished. */
  private touched(name: string): void {
    for (const onChange of this.watchers.get(name) ?? []) void Promise.resolve().then(onChange);
  }

  /** The save flow's reads and writes (workbook/save.ts): a copy of the sheet is what is put back. */
  private saveTarget(): SaveTarget<Sheet | undefined> {
    return {
      textLimit: CELL_LIMIT - 1,
      readModel: (name) => {
        const sheet = this.sheets.get(name);
        const cells = sheet ? copy(sheet.cells) : null;
        const edit = this.afterReads.get(name);
        this.afterReads.delete(name);
        edit?.();
        return cells;
      },
      appendHistory: (cells) => {
        if (!this.sheets.has(HISTORY_SHEET)) this.setSheet(HISTORY_SHEET, [[...HISTORY_HEADER]], true);
        const rows = this.need(HISTORY_SHEET).cells;
        rows.push([...cells]);
        return rows.length;
      },
      dropHistory: (row) => {
        const rows = this.need(HISTORY_SHEET).cells;
        if (row === rows.length) rows.pop();
        else rows[row - 1] = [];
      },
      capture: (name) => {
        const sheet = this.sheets.get(name);
        return sheet && { ...sheet, cells: copy(sheet.cells), formulas: new Map(sheet.formulas), numberFormats: new Map(sheet.numberFormats), charts: copy(sheet.charts) };
      },
      write: (name, runs) => {
        if (!this.sheets.has(name)) this.setSheet(name, []);
        const failure = this.failures.saveModel;
        runs.forEach((run, i) => {
          // A failing write stops half-way, as a dropped connection would.
          if (failure && i >= Math.ceil(runs.length / 2)) throw new Error(failure);
          run.cells.forEach((cell, c) => this.setCell(name, run.row, run.column + c, cell ?? ''));
        });
        if (failure) throw new Error(failure);
        // A sheet's data range is a rectangle: rows as wide as the widest.
        const cells = this.need(name).cells;
        const width = Math.max(0, ...cells.map((row) => row.length));
        for (const row of cells) while (row.length < width) row.push('');
      },
      restore: (name, saved) => {
        if (this.failRestore) throw new Error(this.failRestore);
        if (saved) this.sheets.set(name, saved);
        else this.sheets.delete(name);
      },
      now: this.now,
      newId: () => String(this.historyRows().length + 1),
      who: () => this.user,
    };
  }

  private foreignCells(): { name: string; sheet: Sheet; cells: string[] }[] {
    return [...this.sheets].flatMap(([name, sheet]) => {
      const cells = [...sheet.formulas].filter(([, formula]) => countForeignNames(formula, 'sheets') > 0).map(([cell]) => cell);
      return cells.length > 0 ? [{ name, sheet, cells }] : [];
    });
  }

  /** Log, wait, and fail when told to (saveModel fails later, at the write). */
  private async enter(method: HostMethod, args: unknown[], throwFailure = true): Promise<void> {
    this.calls.push({ method, args: copy(args) });
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const failure = this.failures[method];
    if (throwFailure && failure) throw new Error(failure);
  }

  private need(name: string): Sheet {
    const sheet = this.sheets.get(name);
    if (!sheet) throw new Error(messages.noSuchSheet(name, [...this.sheets.keys()]));
    return sheet;
  }

  private info(name: string): SheetInfo {
    const grid = trimGrid(this.need(name).cells);
    return describeSheet(name, grid, grid.length);
  }

  /** One column of a function's results; a model or shape error shows in the first cell, as in a sheet. */
  private run(id: FunctionDecl['id'], args: unknown[], length: number): WireCell[] {
    try {
      return this.runTable(id, args).map((row) => (row[0] ?? '') as WireCell);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return [`#ERROR! ${message}`, ...Array<WireCell>(Math.max(0, length - 1)).fill('')];
    }
  }

  private runTable(id: FunctionDecl['id'], args: unknown[]): WireCell[][] {
    const table = callFunction(requireFunction(id), args, { serialDates: false, today: this.now() });
    return table.map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : (cell ?? '')) as WireCell));
  }
}

function foreignSummary(found: { name: string; cells: string[] }[]): ForeignFormulas {
  return { formulas: found.reduce((sum, s) => sum + s.cells.length, 0), sheets: found.map((s) => s.name) };
}

export { DEFAULT_MODEL_SHEET, HISTORY_SHEET, SCORE_HEADERS, columnLetter };
