/**
 * The panel's third Host (after Google Sheets and Excel): a workbook held by HyperFormula in the
 * page. The model sheet is a real sheet that real formulas read, so a save recalculates every
 * ICP_SCORE, ICP_TIER, ICP_EXPLAIN and ICP_SUMMARY that depends on it. It keeps the rules every
 * host keeps (docs/panel.md): validate before writing, refuse a save when the model sheet changed
 * since the panel read it, keep the replaced version in the hidden history sheet, and leave the
 * model and the history exactly as they were when a write fails.
 */
import { type HyperFormula, type RawCellContent } from 'hyperformula';
import { convertFormulaNames, countForeignNames } from '../core/formula-names.ts';
import { FORMULA_ROWS, describeSheet, icpColumns, previewRows, snapshotOf, trimGrid } from '../workbook/grid.ts';
import { HISTORY_HEADER, type StoredVersion, listVersions, readVersions, versionSnapshot } from '../workbook/history-sheet.ts';
import {
  DEFAULT_MODEL_SHEET,
  type ForeignFormulas,
  HISTORY_SHEET,
  type HistoryEntry,
  type Host,
  type ModelSnapshot,
  type RowsAnswer,
  type SaveRequest,
  type SaveResult,
  type ScoreColumnsRequest,
  type ScoreColumnsResult,
  type SheetInfo,
  type SummaryRequest,
  type WireCell,
} from '../workbook/host.ts';
import { type Lock, queueLock } from '../workbook/lock.ts';
import { messages } from '../workbook/messages.ts';
import { type SaveTarget, saveModelAsync } from '../workbook/save.ts';
import { SCORE_HEADERS, planScoring, scoringRequest } from '../workbook/score-columns.ts';
import { PREVIEW_DIALECT, PREVIEW_MODEL_SLACK, SUMMARY_LAYOUT } from '../workbook/sheet-layout.ts';
import { planSummary, summaryColumn, summaryRequestOf } from '../workbook/summary-sheet.ts';
import { historyId, parseRequest, rowLimit, sheetName as sheetNameSchema } from '../workbook/wire.ts';
import { a1, toRawContent, toWireCell } from './cells.ts';

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
export const MODEL_SLACK_ROWS = PREVIEW_MODEL_SLACK;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The in-memory preview stands in for Google Sheets: its cells hold as many characters. */
const CELL_LIMIT = 50_000;

/** What a save keeps to put back: the sheet as it could be typed again (formulas as formulas). */
interface Saved {
  content: RawCellContent[][] | null;
}

export class HyperFormulaHost implements Host {
  readonly kind = 'preview' as const;
  private active: string | null;
  private readonly user: string;
  private readonly now: () => Date;
  private readonly hidden = new Set<string>([HISTORY_SHEET]);
  private readonly listeners = new Set<(change: WorkbookChange) => void>();
  private readonly lock: Lock = queueLock();
  private readonly afterReads = new Map<string, () => void>();
  /** Sheet id → "row,column" (0-based) → number format: the tier summary's percentages and amounts. */
  private readonly formats = new Map<number, Map<string, string>>();
  /** Sheet name → what watchModel was told to call when a person edits its cells. */
  private readonly watchers = new Map<string, Set<() => void>>();
  latencyMs: number;
  failures: Partial<Record<HostMethod, string>>;
  /** When set, putting the model sheet back after a failed save fails too, with this message. */
  failRestore: string | null = null;

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
    return trimGrid(this.engine.getSheetValues(this.sheetId(name)).map((row) => row.map(toWireCell)));
  }

  /** Sets one cell (0-based) from what a person typed: `=…` is a formula, `'…` forces text. */
  setCellInput(name: string, row: number, column: number, input: string): void {
    const address = { sheet: this.sheetId(name), row, col: column };
    if (!this.engine.isItPossibleToSetCellContents(address)) {
      throw new Error(`${a1(row, column)} on "${name}" cannot be changed here.`);
    }
    try {
      this.engine.setCellContents(address, input === '' ? null : input);
    } finally {
      // Told even if the engine failed after writing the cell: the panel must look at the sheet.
      for (const onChange of this.watchers.get(name) ?? []) setTimeout(onChange, 0);
    }
  }

  /** The number format set on a cell (0-based address), or undefined: the grid shows the value in it. */
  numberFormat(address: { sheet: number; row: number; col: number }): string | undefined {
    return this.formats.get(address.sheet)?.get(`${address.row},${address.col}`);
  }

  /** Calls `onChange` when a person edits a cell of the sheet in the grid. */
  async watchModel(sheetName: string, onChange: () => void): Promise<() => void> {
    const set = this.watchers.get(sheetName) ?? new Set();
    this.watchers.set(sheetName, set);
    set.add(onChange);
    return () => set.delete(onChange);
  }

  /** The model range every formula reads (workbook/sheet-layout.ts, the preview's spelling). */
  modelReference(modelSheet: string): string {
    const cells = this.values(modelSheet);
    return PREVIEW_DIALECT.modelReference(modelSheet, cells.length, Math.max(0, ...cells.map((row) => row.length)));
  }

  /** Runs `edit` once, right after the next time a save reads the sheet (a person typing meanwhile). */
  afterNextRead(name: string, edit: () => void): void {
    this.afterReads.set(name, edit);
  }

  // ---- Host ----------------------------------------------------------------------------------

  async readModel(sheetName: string): Promise<ModelSnapshot | null> {
    await this.enter('readModel');
    const name = parseRequest(sheetNameSchema, sheetName, 'a model sheet name');
    return this.has(name) ? snapshotOf(name, this.values(name)) : null;
  }

  async saveModel(request: SaveRequest): Promise<SaveResult> {
    await this.enter('saveModel', false);
    return saveModelAsync(request, false, this.lock, (save) => save(this.saveTarget()));
  }

  async listSheets(): Promise<SheetInfo[]> {
    await this.enter('listSheets');
    return this.visibleSheets().map((name) => this.info(name));
  }

  async activeSheet(): Promise<SheetInfo | null> {
    await this.enter('activeSheet');
    return this.active && this.has(this.active) ? this.info(this.active) : null;
  }

  async readRows(sheetName: string, limit: number): Promise<RowsAnswer> {
    await this.enter('readRows');
    const name = parseRequest(sheetNameSchema, sheetName, 'a sheet name');
    const count = parseRequest(rowLimit, limit, 'a row limit');
    const info = this.info(name);
    const sheet = this.sheetId(name);
    const formulas = Array.from({ length: FORMULA_ROWS }, (_, r) => info.headers.map((_, col) => this.engine.getCellFormula({ sheet, row: info.headerRow + r, col }) ?? null));
    return { ...previewRows(info, this.values(name).slice(info.headerRow), count), icpColumns: icpColumns(formulas) };
  }

  async insertScoreColumns(raw: ScoreColumnsRequest): Promise<ScoreColumnsResult> {
    await this.enter('insertScoreColumns');
    const request = scoringRequest(raw);
    const sheet = this.sheetId(request.sheetName);
    const cells = this.values(request.sheetName);
    const model = this.values(request.modelSheet);
    const plan = planScoring(request, {
      headerCells: cells[request.headerRow - 1] ?? [],
      lastRow: cells.length,
      model: { lastRow: model.length, lastColumn: Math.max(0, ...model.map((row) => row.length)) },
      dialect: PREVIEW_DIALECT,
    });
    const below = Math.max(0, cells.length - request.headerRow);
    plan.targets.forEach((column, i) => {
      // The results spill down the column: anything below would block them.
      const cleared: RawCellContent[][] = Array.from({ length: below }, () => [null]);
      this.engine.setCellContents({ sheet, row: request.headerRow - 1, col: column - 1 }, [[SCORE_HEADERS[i]!], ...cleared]);
      this.engine.setCellContents({ sheet, row: plan.firstRow - 1, col: column - 1 }, [[plan.formulas[i]!]]);
    });
    return { columns: [...SCORE_HEADERS], formulaCells: plan.formulaCells };
  }

  async createSummarySheet(raw: SummaryRequest): Promise<{ sheetName: string }> {
    await this.enter('createSummarySheet');
    const request = summaryRequestOf(raw);
    const info = this.info(parseRequest(sheetNameSchema, request.scoredSheet, 'a sheet name'));
    const cells = this.values(request.scoredSheet);
    const tierColumn = info.headerRow > 0 ? summaryColumn(info, request.tierColumn) : 0;
    const tiers = cells.slice(info.headerRow).map((row) => row[tierColumn - 1] ?? '');
    const plan = planSummary(request, {
      info,
      tiers,
      // One row past the data: a range that is exactly an array formula's result (the ICP Tier
      // column) makes HyperFormula throw "Unknown array" on the next recalculation in the browser.
      lastRow: cells.length + 1,
      model: this.values(request.modelSheet),
      serialDates: false,
      dialect: PREVIEW_DIALECT,
      created: this.now().toISOString().slice(0, 16).replace('T', ' '),
      maxNameLength: 90,
      taken: (name) => this.has(name),
    });
    const { titleRow, sourceRow, tableRow } = SUMMARY_LAYOUT;
    const content: RawCellContent[][] = Array.from({ length: tableRow }, () => []);
    content[titleRow - 1] = [toRawContent(plan.title)];
    content[sourceRow - 1] = [toRawContent(plan.source)];
    content[tableRow - 1] = [plan.formula];
    this.engine.addSheet(plan.sheetName);
    const id = this.sheetId(plan.sheetName);
    this.engine.setSheetContent(id, content);
    const formats = new Map<string, string>();
    for (const run of plan.formats) {
      for (let row = run.row; row < run.row + run.rows; row++) formats.set(`${row - 1},${run.column - 1}`, run.format);
    }
    this.formats.set(id, formats);
    this.emit({ kind: 'sheets' });
    this.setActive(plan.sheetName);
    return { sheetName: plan.sheetName };
  }

  async listHistory(modelSheet: string): Promise<HistoryEntry[]> {
    await this.enter('listHistory');
    const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
    return this.has(HISTORY_SHEET) ? listVersions(this.values(HISTORY_SHEET).slice(1), name) : [];
  }

  async readHistory(modelSheet: string, id: string): Promise<ModelSnapshot> {
    await this.enter('readHistory');
    const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
    const wanted = parseRequest(historyId, id, 'a history id');
    const rows = this.has(HISTORY_SHEET) ? this.values(HISTORY_SHEET).slice(1) : [];
    return versionSnapshot(rows.find((row) => String(row[0] ?? '') === wanted), name, wanted);
  }

  /**
   * Formulas in Excel's spelling (ICP.SCORE): the preview writes Sheets' (ICP_SCORE), and offers to
   * convert, as the Sheets add-on does (HyperFormula knows both spellings, so they calculate either way).
   */
  async findForeignFormulas(): Promise<ForeignFormulas> {
    await this.enter('findForeignFormulas');
    return foreignSummary(this.foreignCells());
  }

  /** Rewrites only those formulas' function names; values and other formulas stay. */
  async convertForeignFormulas(): Promise<ForeignFormulas> {
    await this.enter('convertForeignFormulas');
    return this.lock(async () => {
      const found = this.foreignCells();
      for (const { name, cells } of found) {
        const sheet = this.sheetId(name);
        for (const { row, col, formula } of cells) this.engine.setCellContents({ sheet, row, col }, [[convertFormulaNames(formula, 'sheets')]]);
      }
      return foreignSummary(found);
    });
  }

  /** The history sheet's versions, oldest first (the layout every host shares: workbook/history-sheet.ts). */
  historyRows(): StoredVersion[] {
    return this.has(HISTORY_SHEET) ? readVersions(this.values(HISTORY_SHEET)) : [];
  }

  // ---- inside ------------------------------------------------------------------------------

  private async enter(method: HostMethod, throwFailure = true): Promise<void> {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const failure = this.failures[method];
    if (throwFailure && failure) throw new Error(failure);
  }

  private emit(change: WorkbookChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private has(name: string): boolean {
    return this.engine.doesSheetExist(name);
  }

  private sheetId(name: string): number {
    const id = this.engine.getSheetId(name);
    if (id === undefined) throw new Error(messages.noSuchSheet(name, this.engine.getSheetNames()));
    return id;
  }

  /** The formula cells (0-based) of every sheet that spell an ICP function as Excel does. */
  private foreignCells(): { name: string; cells: { row: number; col: number; formula: string }[] }[] {
    return this.engine.getSheetNames().flatMap((name) => {
      const cells = this.engine.getSheetFormulas(this.sheetId(name)).flatMap((line, row) =>
        line.flatMap((formula, col) => (formula && countForeignNames(formula, 'sheets') > 0 ? [{ row, col, formula }] : [])),
      );
      return cells.length > 0 ? [{ name, cells }] : [];
    });
  }

  private info(name: string): SheetInfo {
    const cells = this.values(name);
    return describeSheet(name, cells, cells.length);
  }

  /**
   * The save flow's reads and writes (workbook/save.ts). A model that grows first gets rows inserted
   * below its last row, inside the formulas' model range, so every range stretches over the new rows
   * as a spreadsheet's does; putting back removes them and restores the sheet's content.
   */
  private saveTarget(): SaveTarget<Saved> {
    let inserted: [at: number, count: number] | null = null;
    return {
      textLimit: CELL_LIMIT - 1,
      readModel: (name) => {
        const cells = this.has(name) ? this.values(name) : null;
        const edit = this.afterReads.get(name);
        this.afterReads.delete(name);
        edit?.();
        return cells;
      },
      appendHistory: (cells) => {
        if (!this.has(HISTORY_SHEET)) {
          this.engine.addSheet(HISTORY_SHEET);
          this.engine.setSheetContent(this.sheetId(HISTORY_SHEET), [[...HISTORY_HEADER]]);
        }
        const at = Math.max(1, this.values(HISTORY_SHEET).length);
        this.engine.setCellContents({ sheet: this.sheetId(HISTORY_SHEET), row: at, col: 0 }, [cells.map(toRawContent)]);
        return at + 1;
      },
      dropHistory: (row) => {
        const width = this.values(HISTORY_SHEET)[row - 1]?.length ?? 0;
        if (width > 0) this.engine.setCellContents({ sheet: this.sheetId(HISTORY_SHEET), row: row - 1, col: 0 }, [Array<RawCellContent>(width).fill(null)]);
      },
      capture: (name) =>
        this.has(name) ? { content: this.engine.getSheetSerialized(this.sheetId(name)) } : { content: null },
      write: (name, runs) => {
        if (!this.has(name)) {
          this.engine.addSheet(name);
          this.emit({ kind: 'sheets' });
        }
        const sheet = this.sheetId(name);
        const height = this.values(name).length;
        const needed = Math.max(0, ...runs.map((run) => run.row));
        const failure = this.failures.saveModel;
        // One recalculation for the whole write.
        this.engine.suspendEvaluation();
        try {
          if (height > 0 && needed > height) {
            inserted = [height, needed - height];
            this.engine.addRows(sheet, inserted);
          }
          runs.forEach((run, i) => {
            // A failing write stops half-way, as a dropped connection would.
            if (failure && i >= Math.ceil(runs.length / 2)) throw new Error(failure);
            this.engine.setCellContents({ sheet, row: run.row - 1, col: run.column - 1 }, [run.cells.map(toRawContent)]);
          });
          if (failure) throw new Error(failure);
        } finally {
          this.engine.resumeEvaluation();
        }
      },
      restore: (name, saved) => {
        if (this.failRestore) throw new Error(this.failRestore);
        if (!saved.content) {
          if (this.has(name)) this.engine.removeSheet(this.sheetId(name));
          return;
        }
        const sheet = this.sheetId(name);
        if (inserted) this.engine.removeRows(sheet, inserted);
        this.engine.setSheetContent(sheet, saved.content);
      },
      now: this.now,
      newId: () => String(this.has(HISTORY_SHEET) ? Math.max(1, this.values(HISTORY_SHEET).length) : 1),
      who: () => this.user,
    };
  }

}

export { DEFAULT_MODEL_SHEET, HISTORY_SHEET };

function foreignSummary(found: { name: string; cells: unknown[] }[]): ForeignFormulas {
  return { formulas: found.reduce((sum, s) => sum + s.cells.length, 0), sheets: found.map((s) => s.name) };
}
