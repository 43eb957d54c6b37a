/**
 * The panel's third Host (after Google Sheets and Excel): a workbook held by HyperFormula in the
 * page. The model sheet is a real sheet that real formulas read, so a save recalculates every
 * ICP_SCORE, ICP_TIER, ICP_EXPLAIN and ICP_SUMMARY that depends on it. It keeps the rules every
 * host keeps (docs/panel.md): validate before writing, refuse a save when the model sheet changed
 * since the panel read it, keep the replaced version in the hidden history sheet, and leave the
 * model and the history exactly as they were when a write fails.
 */
import { HISTORY_HEADER, encodeHistoryRow } from '../core/history-sheet.ts';
import { type HyperFormula, type RawCellContent } from 'hyperformula';
import { headerKey, isIcpError, readModel } from '../core/index.ts';
import {
  DEFAULT_MODEL_SHEET,
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
} from '../ui/host.ts';
import { SCORE_HEADERS, fingerprint, historyVersions, trimmed } from '../ui/memory-host.ts';
import { SHEETS_DIALECT, type FormulaDialect, formulaText, planScoreColumns, scoreFormulas } from '../core/sheet-layout.ts';
import { saveRequest, scoreColumnsRequest, summaryRequest } from '../ui/wire.ts';
import { a1, columnName, quoteSheet, toRawContent, toWireCell } from './cells.ts';

export type HostMethod = Exclude<keyof Host, 'kind'>;

export interface PreviewHostOptions {
  /** The sheet the user is on (default: the first). */
  active?: string;
  /** Who saves, as the history records it. */
  user?: string;
  /** The clock for history timestamps and summary dates. */
  now?: () => Date;
  /** Milliseconds every call waits, as a server round trip would (default 0). */
  latencyMs?: number;
  /** Calls that fail with this message; a failing saveModel fails half-way through the write. */
  failures?: Partial<Record<HostMethod, string>>;
}

/** What changed in the workbook besides cell values (HyperFormula reports those itself). */
export type WorkbookChange = { kind: 'active'; sheet: string } | { kind: 'sheets' };

/**
 * Blank rows the formulas' model range reaches past the model's last row, so rows a person types
 * below the model by hand are read too. A save that makes the model longer inserts rows inside
 * the range first, which stretches every formula's range over them, as a spreadsheet does.
 */
export const MODEL_SLACK_ROWS = 20;

/**
 * Formulas as the preview writes them: Sheets' spelling, with closed ranges (the data's last row).
 * Column runs are joined with HSTACK: HyperFormula reads `{A2:A9, E2:P9}` but does not recalculate
 * it when a cell in those ranges changes.
 */
const PREVIEW_DIALECT: FormulaDialect = {
  ...SHEETS_DIALECT,
  sideBySide: (parts) => `HSTACK(${parts.join(', ')})`,
  textRow: (texts) => `{${texts.map(formulaText).join(',')}}`,
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isBlankCell(cell: WireCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function text(cell: WireCell | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell);
}

export class HyperFormulaHost implements Host {
  readonly kind = 'preview' as const;
  private active: string | null;
  private readonly user: string;
  private readonly now: () => Date;
  private readonly hidden = new Set<string>([HISTORY_SHEET]);
  private readonly listeners = new Set<(change: WorkbookChange) => void>();
  private lock: Promise<unknown> = Promise.resolve();
  latencyMs: number;
  failures: Partial<Record<HostMethod, string>>;

  constructor(
    readonly engine: HyperFormula,
    options: PreviewHostOptions = {},
  ) {
    this.active = options.active ?? engine.getSheetNames()[0] ?? null;
    this.user = options.user ?? '';
    this.now = options.now ?? (() => new Date());
    this.latencyMs = options.latencyMs ?? 0;
    this.failures = { ...options.failures };
  }

  // ---- the workbook, for the grid and tests ------------------------------------------------

  /** The sheets a person sees, in tab order (the history sheet is hidden). */
  visibleSheets(): string[] {
    return this.engine.getSheetNames().filter((name) => !this.hidden.has(name));
  }

  activeSheetName(): string | null {
    return this.active;
  }

  setActive(name: string): void {
    this.sheetId(name);
    if (this.active === name) return;
    this.active = name;
    this.emit({ kind: 'active', sheet: name });
  }

  /** Calls `listener` when the active sheet or the list of sheets changes; returns the unsubscribe. */
  onChange(listener: (change: WorkbookChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A sheet's computed values as wire cells (formulas as their results), trimmed. */
  values(name: string): WireCell[][] {
    return trimmed(this.engine.getSheetValues(this.sheetId(name)).map((row) => row.map(toWireCell)));
  }

  /** Sets one cell (0-based) from what a person typed: `=…` is a formula, `'…` forces text. */
  setCellInput(name: string, row: number, column: number, input: string): void {
    const address = { sheet: this.sheetId(name), row, col: column };
    if (!this.engine.isItPossibleToSetCellContents(address)) {
      throw new Error(`${a1(row, column)} on "${name}" cannot be changed here.`);
    }
    this.engine.setCellContents(address, input === '' ? null : input);
  }

  /** The model range every formula reads: the model's columns (A–H at least) and rows, plus slack rows. */
  modelReference(modelSheet: string): string {
    const cells = this.values(modelSheet);
    const width = Math.max(8, ...cells.map((row) => row.length));
    return `${quoteSheet(modelSheet)}!A1:${columnName(width - 1)}${Math.max(1, cells.length) + MODEL_SLACK_ROWS}`;
  }

  // ---- Host ----------------------------------------------------------------------------------

  async readModel(sheetName: string): Promise<ModelSnapshot | null> {
    await this.enter('readModel');
    if (!this.has(sheetName)) return null;
    const rows = this.values(sheetName);
    return { sheetName, rows, version: fingerprint(rows) };
  }

  async saveModel(request: SaveRequest): Promise<SaveResult> {
    await this.enter('saveModel', false);
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
      const current = this.has(sheetName) ? this.values(sheetName) : [];
      const version = fingerprint(current);
      if (version !== (baseVersion ?? fingerprint([]))) {
        return { ok: false, reason: 'conflict', current: { sheetName, rows: current, version } };
      }
      const backup = this.backup([sheetName, HISTORY_SHEET]);
      const historyRow = this.has(HISTORY_SHEET) ? Math.max(1, this.values(HISTORY_SHEET).length) : 1;
      // One recalculation for the whole save; nothing is read while it is suspended.
      this.engine.suspendEvaluation();
      try {
        if (current.length > 0) this.appendHistory(historyRow, sheetName, current, note);
        this.writeModel(sheetName, rows, current.length, this.failures.saveModel);
        return { ok: true, version: fingerprint(rows) };
      } catch (error) {
        this.restore(backup);
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, reason: 'error', message: `The model was not saved (the sheet is as it was): ${message}` };
      } finally {
        this.engine.resumeEvaluation();
      }
    });
  }

  async listSheets(): Promise<SheetInfo[]> {
    await this.enter('listSheets');
    return this.visibleSheets().map((name) => this.info(name));
  }

  async activeSheet(): Promise<SheetInfo | null> {
    await this.enter('activeSheet');
    return this.active && this.has(this.active) ? this.info(this.active) : null;
  }

  async readRows(sheetName: string, limit: number): Promise<{ headers: string[]; rows: WireCell[][] }> {
    await this.enter('readRows');
    const info = this.info(sheetName);
    const width = info.headers.length;
    const rows = this.values(sheetName)
      .slice(info.headerRow, info.headerRow + Math.max(0, limit))
      .map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
    return { headers: info.headers, rows };
  }

  async insertScoreColumns(request: ScoreColumnsRequest): Promise<ScoreColumnsResult> {
    await this.enter('insertScoreColumns');
    const { sheetName, headerRow, modelSheet, fieldMap } = scoreColumnsRequest.parse(request);
    const sheet = this.sheetId(sheetName);
    const cells = this.values(sheetName);
    const headers = (cells[headerRow - 1] ?? []).map((h) => text(h).trim());
    // The columns as Sheets and Excel plan them (core/sheet-layout.ts): scoring again reuses the
    // ICP columns wherever they are (the sample puts them beside the account name); the formulas
    // read every other column.
    const plan = planScoreColumns(headers, sheetName, headerRow);
    const lastRow = Math.max(cells.length, headerRow + 1);
    const formulas = scoreFormulas({ headers, plan, headerRow, lastRow, fieldMap, modelReference: this.modelReference(modelSheet) }, PREVIEW_DIALECT);
    const formulaCells = SCORE_HEADERS.map((name, i) => {
      const column = plan.targets[i]! - 1;
      this.engine.setCellContents({ sheet, row: headerRow - 1, col: column }, [[name], [formulas[i]!]]);
      return a1(headerRow, column);
    });
    return { columns: [...SCORE_HEADERS], formulaCells };
  }

  async createSummarySheet(request: SummaryRequest): Promise<{ sheetName: string }> {
    await this.enter('createSummarySheet');
    const { scoredSheet, tierColumn, wonColumn, amountColumn, modelSheet, title } = summaryRequest.parse(request);
    const info = this.info(scoredSheet);
    const lastRow = Math.max(this.values(scoredSheet).length, info.headerRow + 1);
    const columnRef = (name: string) => {
      const index = info.headers.findIndex((h) => headerKey(h) === headerKey(name));
      if (index < 0) throw new Error(`The sheet "${scoredSheet}" has no column "${name}"; its columns are ${info.headers.filter(Boolean).join(', ')}.`);
      const column = columnName(index);
      return `${quoteSheet(scoredSheet)}!${column}${info.headerRow + 1}:${column}${lastRow}`;
    };
    const refs = [columnRef(tierColumn), this.modelReference(modelSheet)];
    if (wonColumn || amountColumn) refs.push(wonColumn ? columnRef(wonColumn) : '""');
    if (amountColumn) refs.push(columnRef(amountColumn));
    const name = this.freshSheetName(title.trim().slice(0, 90));
    const source = `Scored sheet: ${scoredSheet} · model: ${modelSheet}${wonColumn ? ` · won: ${wonColumn}` : ''}${amountColumn ? ` · amount: ${amountColumn}` : ''}`;
    const content: RawCellContent[][] = [
      [toRawContent(title)],
      [toRawContent(`Created ${this.now().toISOString().slice(0, 10)}`)],
      [toRawContent(source)],
      [],
      [`=ICP_SUMMARY(${refs.join(', ')})`],
    ];
    this.engine.addSheet(name);
    this.engine.setSheetContent(this.sheetId(name), content);
    this.emit({ kind: 'sheets' });
    this.setActive(name);
    return { sheetName: name };
  }

  async listHistory(modelSheet: string): Promise<HistoryEntry[]> {
    await this.enter('listHistory');
    return this.historyRows()
      .filter((row) => row.sheet === modelSheet)
      .map(({ id, when, who, note, rows }) => ({ id, when, who, note, rows: Math.max(0, rows.length - 1) }))
      .reverse();
  }

  async readHistory(modelSheet: string, id: string): Promise<ModelSnapshot> {
    await this.enter('readHistory');
    const entry = this.historyRows().find((row) => row.sheet === modelSheet && row.id === id);
    if (!entry) throw new Error(`The history of "${modelSheet}" has no version ${id}.`);
    return { sheetName: modelSheet, rows: entry.rows, version: fingerprint(entry.rows) };
  }

  /** The history sheet's versions, oldest first (the layout every host shares: core/history-sheet.ts). */
  historyRows(): { id: string; when: string; who: string; note: string; sheet: string; rows: WireCell[][] }[] {
    return this.has(HISTORY_SHEET) ? historyVersions(this.values(HISTORY_SHEET)) : [];
  }

  // ---- inside ------------------------------------------------------------------------------

  private async enter(method: HostMethod, throwFailure = true): Promise<void> {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const failure = this.failures[method];
    if (throwFailure && failure) throw new Error(failure);
  }

  /** One save at a time, as a document lock makes it. */
  private locked<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private emit(change: WorkbookChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private has(name: string): boolean {
    return this.engine.doesSheetExist(name);
  }

  private sheetId(name: string): number {
    const id = this.engine.getSheetId(name);
    if (id === undefined) throw new Error(`There is no sheet "${name}" in this workbook.`);
    return id;
  }

  private info(name: string): SheetInfo {
    const cells = this.values(name);
    const headerIndex = cells.findIndex((row) => !row.every(isBlankCell));
    if (headerIndex < 0) return { name, headerRow: 0, headers: [], dataRows: 0 };
    const headers = cells[headerIndex]!.map(text);
    const dataRows = cells.slice(headerIndex + 1).filter((row) => !row.every(isBlankCell)).length;
    return { name, headerRow: headerIndex + 1, headers, dataRows };
  }

  /**
   * Writes the model rows. A longer model first gets rows inserted inside the old one, so every
   * formula range over the model stretches to cover the new rows. With `failure`, the write stops
   * half-way and throws, as a broken connection would.
   */
  private writeModel(name: string, rows: WireCell[][], currentHeight: number, failure?: string): void {
    if (!this.has(name)) {
      this.engine.addSheet(name);
      this.emit({ kind: 'sheets' });
    }
    const sheet = this.sheetId(name);
    if (currentHeight > 1 && rows.length > currentHeight) this.engine.addRows(sheet, [currentHeight - 1, rows.length - currentHeight]);
    const content = rows.map((row) => row.map(toRawContent));
    if (failure) {
      this.engine.setSheetContent(sheet, content.slice(0, Math.ceil(content.length / 2)));
      throw new Error(failure);
    }
    this.engine.setSheetContent(sheet, content);
  }

  /** Writes the replaced version at `at` (0-based row) of the history sheet, which it may create. */
  private appendHistory(at: number, sheetName: string, rows: WireCell[][], note: string): void {
    if (!this.has(HISTORY_SHEET)) {
      this.engine.addSheet(HISTORY_SHEET);
      this.engine.setSheetContent(this.sheetId(HISTORY_SHEET), [[...HISTORY_HEADER]]);
    }
    const sheet = this.sheetId(HISTORY_SHEET);
    const entry = encodeHistoryRow({ id: String(at), when: this.now().toISOString(), who: this.user, note, sheetName, rows });
    this.engine.setCellContents({ sheet, row: at, col: 0 }, [entry.map(toRawContent)]);
  }

  /** Each sheet's content as it could be typed back (formulas as formulas), or absent. */
  private backup(names: string[]): Map<string, RawCellContent[][] | null> {
    return new Map(names.map((name) => [name, this.has(name) ? this.engine.getSheetSerialized(this.sheetId(name)) : null]));
  }

  private restore(backup: Map<string, RawCellContent[][] | null>): void {
    for (const [name, content] of backup) {
      if (content) this.engine.setSheetContent(this.sheetId(name), content);
      else if (this.has(name)) this.engine.removeSheet(this.sheetId(name));
    }
  }

  private freshSheetName(base: string): string {
    const name = base || 'ICP tier summary';
    if (!this.has(name)) return name;
    for (let n = 2; ; n++) if (!this.has(`${name} (${n})`)) return `${name} (${n})`;
  }
}

export { DEFAULT_MODEL_SHEET, HISTORY_SHEET };
