/**
 * The small interface through which the one panel (Sheets sidebar = Excel task pane =
 * local preview) talks to its workbook. Every value crossing it is plain JSON: dates travel
 * as ISO strings (google.script.run fails on Date objects).
 */

/** A cell as it crosses the host boundary: dates as ISO text `2026-09-30`. */
export type WireCell = string | number | boolean | null;

export interface SheetInfo {
  name: string;
  /** 1-based row of the detected header row; 0 when the sheet is empty. */
  headerRow: number;
  /** The header row's cells as text, left to right. */
  headers: string[];
  /** Rows below the header row that hold anything. */
  dataRows: number;
}

export interface RowsAnswer {
  headers: string[];
  rows: WireCell[][];
  icpColumns?: number[];
}

export interface ModelSnapshot {
  sheetName: string;
  /** The model range, header row first, as the sheet holds it. */
  rows: WireCell[][];
  /** A fingerprint of `rows`: a save is refused when the sheet no longer has this version. */
  version: string;
}

export interface SaveRequest {
  sheetName: string;
  rows: WireCell[][];
  /** The version the panel loaded; null when it created the sheet. */
  baseVersion: string | null;
  /** Kept with the previous version in the history sheet. */
  note: string;
}

export type SaveResult =
  | { ok: true; version: string }
  /** The sheet changed since the panel loaded it: nothing was written. */
  | { ok: false; reason: 'conflict'; current: ModelSnapshot }
  /** The write failed: the sheet is as it was. */
  | { ok: false; reason: 'error'; message: string };

export interface HistoryEntry {
  id: string;
  /** ISO timestamp. */
  when: string;
  /** The user's email when the host can tell, else ''. */
  who: string;
  note: string;
  rows: number;
}

export interface ScoreColumnsRequest {
  /** The prospect sheet. */
  sheetName: string;
  headerRow: number;
  modelSheet: string;
  /**
   * Model Field → the prospect header chosen for it, only where they differ after
   * normalization. When non-empty, the formulas pass the header row as an array literal
   * with those names substituted, so the model stays untouched.
   */
  fieldMap: Record<string, string>;
}

export interface ScoreColumnsResult {
  /** The header names of the columns written: ICP Score, ICP Tier, ICP Why. */
  columns: string[];
  /** A1 notation of the cells holding the three array formulas. */
  formulaCells: string[];
}

export interface SummaryRequest {
  scoredSheet: string;
  /** Header of the tier column on the scored sheet (normally "ICP Tier"). */
  tierColumn: string;
  wonColumn?: string;
  amountColumn?: string;
  modelSheet: string;
  title: string;
}

/**
 * Formula cells that spell the ICP functions as the other host does: `ICP.SCORE(` in Google
 * Sheets, `ICP_SCORE(` in Excel (a workbook that crossed hosts keeps the spelling it was made with).
 */
export interface ForeignFormulas {
  /** How many formula cells hold at least one such name. */
  formulas: number;
  /** The sheets those cells are on, in workbook order. */
  sheets: string[];
}

export interface Host {
  readonly kind: 'sheets' | 'excel' | 'preview';
  /** The scoring worksheet, or null when there is no such sheet yet. */
  readModel(sheetName: string): Promise<ModelSnapshot | null>;
  /** Validate-then-write under the host's lock; keeps the previous version in the history sheet. */
  saveModel(request: SaveRequest): Promise<SaveResult>;
  listSheets(): Promise<SheetInfo[]>;
  /** The sheet the user is on, with its detected header row. */
  activeSheet(): Promise<SheetInfo | null>;
  /**
   * Up to `limit` data rows of a sheet (below its header row) for previews; `icpColumns` lists the
   * columns (0-based) whose first data rows hold formulas calling ICP functions, where the host can tell.
   */
  readRows(sheetName: string, limit: number): Promise<RowsAnswer>;
  /** Writes ICP Score, ICP Tier and ICP Why as ONE array formula each. */
  insertScoreColumns(request: ScoreColumnsRequest): Promise<ScoreColumnsResult>;
  /** A new, titled and dated sheet with the summary function (ICP_SUMMARY / ICP.SUMMARY) and a chart; returns its name. */
  createSummarySheet(request: SummaryRequest): Promise<{ sheetName: string }>;
  listHistory(modelSheet: string): Promise<HistoryEntry[]>;
  /** The rows of a previous version (not yet written: the panel saves them as a new version). */
  readHistory(modelSheet: string, id: string): Promise<ModelSnapshot>;
  /** Optional: the formula cells that use the other host's spelling of the ICP functions. */
  findForeignFormulas?(): Promise<ForeignFormulas>;
  /** Optional: rewrite those names into this host's spelling, touching nothing else; answers what it changed. */
  convertForeignFormulas?(): Promise<ForeignFormulas>;
  /**
   * Optional: calls `onChange` when cells of the model sheet change outside the panel (typed into the
   * sheet, pasted, undone), where the host has change events (Excel, the preview, the in-memory
   * workbook). Answers the unsubscribe, or null when the events cannot be had here: the panel then
   * polls. Every host is also checked when the panel regains focus (ui/model-watch.ts).
   */
  watchModel?(sheetName: string, onChange: () => void): Promise<(() => void) | null>;
  /**
   * Optional: calls `onChange` when the user goes to another sheet, where the host has an event for
   * it (Excel's worksheets.onActivated, the preview's sheet tabs, the in-memory workbook). Answers the
   * unsubscribe, or null when the event cannot be had: the panel then polls `activeSheet`, as it does
   * where there is no such event (Google Sheets), and looks whenever it regains focus.
   */
  watchActiveSheet?(onChange: () => void): Promise<(() => void) | null>;
}

export const DEFAULT_MODEL_SHEET = 'ICP Model';
export const HISTORY_SHEET = 'ICP Model History';
