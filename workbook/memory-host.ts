/**
 * A workbook in memory that implements the panel's Host with the same rules as the real hosts:
 * a save is validated first, refused when the model sheet changed since the panel read it,
 * keeps the previous version in a hidden history sheet, and a failed write leaves the model
 * sheet (and the history) exactly as they were. Used by the panel's tests, the standalone
 * panel page, and the local preview.
 */
import { columnLetter, quoteSheetName } from './sheet-layout.ts';
import { convertFormulaNames, countForeignNames } from '../core/formula-names.ts';
import { HISTORY_HEADER, encodeHistoryRow, readHistoryListing, readHistoryRows } from './history-sheet.ts';
import { FUNCTIONS, type FunctionDecl, headerKey, isIcpError, readModel } from '../core/index.ts';
import {
  DEFAULT_MODEL_SHEET,
  type ForeignFormulas,
  HISTORY_SHEET,
  type HistoryEntry,
  type Host,
  type ModelSnapshot,
  type SaveRequest,
  type SaveResult,
  type ScoreColumnsRequest,
  type ScoreColumnsResult,
  type SheetInfo,
  type SummaryRequest,
  type WireCell,
} from './host.ts';
import { saveRequest, scoreColumnsRequest, summaryRequest, wireGrid } from '../ui/wire.ts';

export type HostMethod = Exclude<keyof Host, 'kind'>;

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
  charts: ChartSpec[];
}

export interface ChartSpec {
  title: string;
  /** A1 range the chart reads. */
  range: string;
  series: string[];
}

export const SCORE_HEADERS = ['ICP Score', 'ICP Tier', 'ICP Why'] as const;
const EMPTY_VERSION_ROWS: WireCell[][] = [];

const copy = <T>(value: T): T => structuredClone(value);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isBlankCell(cell: WireCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function isBlankRow(row: readonly WireCell[] | undefined): boolean {
  return !row || row.every(isBlankCell);
}

/**
 * The sheet's data range, as a host reads it: rectangular, as wide as the widest row that holds
 * anything there, without the blank rows and columns past the last value.
 */
export function trimmed(cells: readonly (readonly WireCell[])[]): WireCell[][] {
  let width = 0;
  let height = 0;
  cells.forEach((row, r) => {
    for (let c = row.length - 1; c >= 0; c--) {
      if (!isBlankCell(row[c])) {
        width = Math.max(width, c + 1);
        height = r + 1;
        break;
      }
    }
  });
  return cells.slice(0, height).map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
}

/** A fingerprint of a sheet's content: two FNV-1a hashes of its JSON. */
export function fingerprint(cells: readonly (readonly WireCell[])[]): string {
  const text = JSON.stringify(trimmed(cells));
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

function text(cell: WireCell | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell);
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
  /** Every call made, in order, with its arguments (for tests and the preview's log). */
  readonly calls: { method: HostMethod; args: unknown[] }[] = [];
  private lock: Promise<unknown> = Promise.resolve();

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
    else this.sheets.set(name, { cells: copy(parsed), hidden, formulas: new Map(), charts: [] });
  }

  /** Set one cell (1-based row and column), growing the sheet as needed. */
  setCell(name: string, row: number, column: number, value: WireCell): void {
    const sheet = this.sheets.get(name);
    if (!sheet) throw new Error(`There is no sheet "${name}".`);
    while (sheet.cells.length < row) sheet.cells.push([]);
    const cells = sheet.cells[row - 1]!;
    while (cells.length < column) cells.push('');
    cells[column - 1] = value;
  }

  setActive(name: string): void {
    if (!this.sheets.has(name)) throw new Error(`There is no sheet "${name}".`);
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

  charts(name: string): ChartSpec[] {
    return copy(this.sheets.get(name)?.charts ?? []);
  }

  // ---- Host ----------------------------------------------------------------------------------

  async readModel(sheetName: string): Promise<ModelSnapshot | null> {
    await this.enter('readModel', [sheetName]);
    const sheet = this.sheets.get(sheetName);
    if (!sheet) return null;
    const rows = trimmed(sheet.cells);
    return { sheetName, rows: copy(rows), version: fingerprint(rows) };
  }

  async saveModel(request: SaveRequest): Promise<SaveResult> {
    await this.enter('saveModel', [request], false);
    const parsed = saveRequest.safeParse(request);
    if (!parsed.success) return { ok: false, reason: 'error', message: 'The model was not saved: the panel sent rows the workbook cannot take.' };
    const { sheetName, rows, baseVersion, note } = parsed.data;
    try {
      readModel(rows);
    } catch (error) {
      if (!isIcpError(error)) throw error;
      return { ok: false, reason: 'error', message: `The model was not saved: ${error.message}` };
    }
    return this.locked(async () => {
      const sheet = this.sheets.get(sheetName);
      const current = sheet ? trimmed(sheet.cells) : EMPTY_VERSION_ROWS;
      const version = fingerprint(current);
      if (version !== (baseVersion ?? fingerprint(EMPTY_VERSION_ROWS))) {
        return { ok: false, reason: 'conflict', current: { sheetName, rows: copy(current), version } };
      }
      const backup = this.backup([sheetName, HISTORY_SHEET]);
      try {
        if (current.length > 0) this.appendHistory(sheetName, current, note);
        this.writeSheet(sheetName, rows, this.failures.saveModel);
        return { ok: true, version: fingerprint(rows) };
      } catch (error) {
        this.restore(backup);
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, reason: 'error', message: `The model was not saved (the sheet is as it was): ${message}` };
      }
    });
  }

  async listSheets(): Promise<SheetInfo[]> {
    await this.enter('listSheets', []);
    return [...this.sheets.keys()].filter((name) => !this.isHidden(name)).map((name) => this.info(name));
  }

  async activeSheet(): Promise<SheetInfo | null> {
    await this.enter('activeSheet', []);
    return this.active && this.sheets.has(this.active) ? this.info(this.active) : null;
  }

  async readRows(sheetName: string, limit: number): Promise<{ headers: string[]; rows: WireCell[][] }> {
    await this.enter('readRows', [sheetName, limit]);
    const info = this.info(sheetName);
    const body = trimmed(this.need(sheetName).cells).slice(info.headerRow, info.headerRow + Math.max(0, limit));
    const width = info.headers.length;
    const rows = body.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
    return { headers: info.headers, rows: copy(rows) };
  }

  async insertScoreColumns(request: ScoreColumnsRequest): Promise<ScoreColumnsResult> {
    await this.enter('insertScoreColumns', [request]);
    const { sheetName, headerRow, modelSheet, fieldMap } = scoreColumnsRequest.parse(request);
    const sheet = this.need(sheetName);
    const model = trimmed(this.need(modelSheet).cells);
    const header = (sheet.cells[headerRow - 1] ?? []).map(text);
    // Re-scoring reuses the ICP columns; otherwise they go after the last header.
    const existing = SCORE_HEADERS.map((name) => header.findIndex((h) => headerKey(h) === headerKey(name)));
    const dataWidth = existing.every((i) => i >= 0)
      ? Math.min(...existing)
      : header.reduce((last, h, i) => (h.trim() ? i + 1 : last), 0);
    const targets = existing.every((i) => i >= 0) ? existing : SCORE_HEADERS.map((_, i) => dataWidth + i);
    const headers = header.slice(0, dataWidth).map((h) => {
      const field = Object.entries(fieldMap).find(([, picked]) => picked === h)?.[0];
      return field ?? h;
    });
    const lastRow = Math.max(trimmed(sheet.cells).length, headerRow + 1);
    const values = Array.from({ length: lastRow - headerRow }, (_, i) =>
      Array.from({ length: dataWidth }, (_, c) => sheet.cells[headerRow + i]?.[c] ?? ''),
    );
    const last = columnLetter(dataWidth);
    const valuesRef = `A${headerRow + 1}:${last}`;
    const headersRef = Object.keys(fieldMap).length
      ? `{${headers.map((h) => `"${h.replace(/"/g, '""')}"`).join(',')}}`
      : `A${headerRow}:${last}${headerRow}`;
    const modelRef = `${quoteSheetName(modelSheet)}!A1:${columnLetter(Math.max(1, ...model.map((r) => r.length)))}`;
    const formulaCells: string[] = [];
    SCORE_HEADERS.forEach((name, i) => {
      const column = targets[i]!;
      const id = (['SCORE', 'TIER', 'EXPLAIN'] as const)[i]!;
      const cell = `${columnLetter(column + 1)}${headerRow + 1}`;
      this.setCell(sheetName, headerRow, column + 1, name);
      sheet.formulas.set(cell, `=ICP_${id === 'EXPLAIN' ? 'EXPLAIN' : id}(${valuesRef}, ${headersRef}, ${modelRef})`);
      formulaCells.push(cell);
      const results = this.run(id, [values, [headers], model], values.length);
      results.forEach((value, r) => this.setCell(sheetName, headerRow + 1 + r, column + 1, value));
    });
    return { columns: [...SCORE_HEADERS], formulaCells };
  }

  async createSummarySheet(request: SummaryRequest): Promise<{ sheetName: string }> {
    await this.enter('createSummarySheet', [request]);
    const { scoredSheet, tierColumn, wonColumn, amountColumn, modelSheet, title } = summaryRequest.parse(request);
    const info = this.info(scoredSheet);
    const model = trimmed(this.need(modelSheet).cells);
    const body = trimmed(this.need(scoredSheet).cells).slice(info.headerRow);
    const columnOf = (name: string) => {
      const index = info.headers.findIndex((h) => headerKey(h) === headerKey(name));
      if (index < 0) throw new Error(`The sheet "${scoredSheet}" has no column "${name}"; its columns are ${info.headers.filter(Boolean).join(', ')}.`);
      return index;
    };
    const listOf = (index: number) => body.map((row) => row[index] ?? '');
    const ref = (index: number) => `${quoteSheetName(scoredSheet)}!${columnLetter(index + 1)}${info.headerRow + 1}:${columnLetter(index + 1)}`;
    const tier = columnOf(tierColumn);
    const won = wonColumn ? columnOf(wonColumn) : -1;
    const amount = amountColumn ? columnOf(amountColumn) : -1;
    const args: unknown[] = [listOf(tier), model, won >= 0 ? listOf(won) : null, amount >= 0 ? listOf(amount) : null];
    const refs = [ref(tier), `${quoteSheetName(modelSheet)}!A:H`, won >= 0 ? ref(won) : '', amount >= 0 ? ref(amount) : ''];
    while (refs[refs.length - 1] === '') refs.pop();
    const table = this.runTable('SUMMARY', args);
    const name = this.freshSheetName(title.trim().slice(0, 90));
    const today = this.now().toISOString().slice(0, 10);
    const source = `Scored sheet: ${scoredSheet} · model: ${modelSheet}${wonColumn ? ` · won: ${wonColumn}` : ''}${amountColumn ? ` · amount: ${amountColumn}` : ''}`;
    this.setSheet(name, [[title], [`Created ${today}`], [source], [], ...table]);
    const sheet = this.need(name);
    sheet.formulas.set('A5', `=ICP_SUMMARY(${refs.join(', ')})`);
    sheet.charts.push({ title: `Accounts and win rate by tier: ${title}`, range: `A5:F${4 + table.length}`, series: ['Accounts', 'Win rate'] });
    this.active = name;
    return { sheetName: name };
  }

  async listHistory(modelSheet: string): Promise<HistoryEntry[]> {
    await this.enter('listHistory', [modelSheet]);
    return this.historyRows()
      .filter((row) => row.sheet === modelSheet)
      .map(({ id, when, who, note, rows }) => ({ id, when, who, note, rows: Math.max(0, rows.length - 1) }))
      .reverse();
  }

  async readHistory(modelSheet: string, id: string): Promise<ModelSnapshot> {
    await this.enter('readHistory', [modelSheet, id]);
    const entry = this.historyRows().find((row) => row.sheet === modelSheet && row.id === id);
    if (!entry) throw new Error(`The history of "${modelSheet}" has no version ${id}.`);
    return { sheetName: modelSheet, rows: entry.rows, version: fingerprint(entry.rows) };
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
    return this.locked(async () => {
      const found = this.foreignCells();
      for (const { sheet, cells } of found) {
        for (const cell of cells) sheet.formulas.set(cell, convertFormulaNames(sheet.formulas.get(cell)!, 'sheets'));
      }
      return foreignSummary(found);
    });
  }

  // ---- inside ------------------------------------------------------------------------------

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

  /** One save at a time, as the document lock makes it. */
  private locked<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private need(name: string): Sheet {
    const sheet = this.sheets.get(name);
    if (!sheet) throw new Error(`There is no sheet "${name}" in this workbook.`);
    return sheet;
  }

  private info(name: string): SheetInfo {
    const cells = trimmed(this.need(name).cells);
    const headerIndex = cells.findIndex((row) => !isBlankRow(row));
    if (headerIndex < 0) return { name, headerRow: 0, headers: [], dataRows: 0 };
    const headers = cells[headerIndex]!.map(text);
    const dataRows = cells.slice(headerIndex + 1).filter((row) => !isBlankRow(row)).length;
    return { name, headerRow: headerIndex + 1, headers, dataRows };
  }

  /** Write a whole sheet; with `failure`, stop half-way and throw, as a broken connection would. */
  private writeSheet(name: string, rows: WireCell[][], failure?: string): void {
    if (!this.sheets.has(name)) this.setSheet(name, []);
    const sheet = this.need(name);
    sheet.cells = [];
    rows.forEach((row, index) => {
      if (failure && index >= Math.ceil(rows.length / 2)) throw new Error(failure);
      sheet.cells.push(copy(row));
    });
    if (failure) throw new Error(failure);
  }

  private appendHistory(sheetName: string, rows: WireCell[][], note: string): void {
    if (!this.sheets.has(HISTORY_SHEET)) this.setSheet(HISTORY_SHEET, [[...HISTORY_HEADER]], true);
    const id = String(this.historyRows().length + 1);
    this.need(HISTORY_SHEET).cells.push(encodeHistoryRow({ id, when: this.now().toISOString(), who: this.user, note, sheetName, rows }));
  }

  /** The history sheet's versions, oldest first (the layout every host shares: workbook/history-sheet.ts). */
  historyRows(): { id: string; when: string; who: string; note: string; sheet: string; rows: WireCell[][] }[] {
    return historyVersions(this.sheets.get(HISTORY_SHEET)?.cells ?? []);
  }

  private backup(names: string[]): Map<string, Sheet | undefined> {
    return new Map(names.map((name) => {
      const sheet = this.sheets.get(name);
      return [name, sheet ? { ...sheet, cells: copy(sheet.cells), formulas: new Map(sheet.formulas), charts: copy(sheet.charts) } : undefined];
    }));
  }

  private restore(backup: Map<string, Sheet | undefined>): void {
    for (const [name, sheet] of backup) {
      if (sheet) this.sheets.set(name, sheet);
      else this.sheets.delete(name);
    }
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
    const decl = FUNCTIONS.find((f) => f.id === id)!;
    const table = decl.run(args, { serialDates: false, today: this.now() });
    return table.map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : (cell ?? '')) as WireCell));
  }

  private freshSheetName(base: string): string {
    const name = base || 'ICP tier summary';
    if (!this.sheets.has(name)) return name;
    for (let n = 2; ; n++) if (!this.sheets.has(`${name} (${n})`)) return `${name} (${n})`;
  }
}

function foreignSummary(found: { name: string; cells: string[] }[]): ForeignFormulas {
  return { formulas: found.reduce((sum, s) => sum + s.cells.length, 0), sheets: found.map((s) => s.name) };
}

/**
 * The versions a history sheet's cells hold, oldest first, in the layout every host shares
 * (workbook/history-sheet.ts). A row whose JSON is damaged is left out: it cannot be restored.
 */
export function historyVersions(cells: readonly (readonly unknown[])[]): { id: string; when: string; who: string; note: string; sheet: string; rows: WireCell[][] }[] {
  return cells.slice(1).flatMap((row) => {
    const listing = readHistoryListing(row);
    const rows = listing && readHistoryRows(row);
    return listing && rows ? [{ id: listing.id, when: listing.when, who: listing.who, note: listing.note, sheet: listing.sheetName, rows }] : [];
  });
}

export { DEFAULT_MODEL_SHEET, HISTORY_SHEET, columnLetter };
