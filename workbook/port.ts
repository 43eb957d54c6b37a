/**
 * The I/O a host supplies, and all it supplies: every request the panel makes (reading the model,
 * saving it, the history, the sheets, score this sheet, the tier summary, converting formulas) is
 * planned once in workbook/ over this port (workbook/requests.ts). Google Sheets implements it over
 * SpreadsheetApp (sheets-addon/port.ts), Excel over Excel.run (excel-addin/port.ts), the preview
 * over HyperFormula and the in-memory workbook over a map (both through workbook/book-port.ts).
 *
 * Rows and columns are 1-based. A call answers at once (Sheets) or with a promise (the others).
 */
import type { Maybe } from './flow.ts';
import type { WireCell } from './host.ts';
import type { FormulaDialect } from './sheet-layout.ts';

/** A rectangle of cells. */
export interface Block {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/**
 * A cell as a port writes it: a value, where text is written as the text it is (never read as a
 * number, a date or a formula) and null clears the cell; or a formula.
 */
export type CellInput = WireCell | { formula: string };

/** Cells to write, from their top-left cell. Every row of `cells` is as long as the first. */
export interface CellBlock {
  row: number;
  column: number;
  cells: CellInput[][];
}

export interface SheetEntry {
  name: string;
  hidden: boolean;
}

/** The last row and column (from A1) that hold anything; 0 and 0 for an empty sheet. */
export interface Extent {
  lastRow: number;
  lastColumn: number;
}

export interface CellFormat {
  /** A spreadsheet number format: `0.0%`, `#,##0`. */
  numberFormat?: string;
  bold?: boolean;
  fontSize?: number;
}

/** A chart of a table: its first series as columns, an optional second one as a line on a second axis. */
export interface ChartSpec {
  title: string;
  /** The categories and the first series, header row first (A1): `A4:B7`. */
  columns: string;
  /** The line's values without their header (`E5:E7`), the same with it (`E4:E7`), and its name. */
  line: { name: string; values: string; withHeader: string } | null;
  /** The cell at the chart's top-left corner (A1). */
  at: string;
}

/** What differs between hosts in how a workbook is written and read. */
export interface PortTraits {
  /** The most characters a text cell may get as this host writes it (its literal-text prefix counted). */
  textLimit: number;
  /** Dates reach the core as serial numbers (Excel) rather than as ISO text. */
  serialDates: boolean;
  /** How formulas are spelled here. */
  dialect: FormulaDialect;
  /** The longest sheet name this host allows. */
  sheetNameLimit: number;
}

export interface Port<Kept = unknown> {
  readonly traits: PortTraits;

  // ---- finding sheets ----------------------------------------------------------------------
  /** Every sheet, in tab order, hidden ones included. */
  sheets(): Maybe<SheetEntry[]>;
  /** The sheet the user is on. */
  activeSheet(): Maybe<string | null>;
  /** Where the sheet's content ends, or null when there is no such sheet. */
  extent(sheet: string): Maybe<Extent | null>;

  // ---- reading -------------------------------------------------------------------------------
  /**
   * The values of a block (formulas as the values they show, dates as ISO text), exactly that
   * big; without a block, from A1 to the last cell that holds anything. Null when there is no such sheet.
   */
  read(sheet: string, block?: Block): Maybe<WireCell[][] | null>;
  /** The formulas of a block, or from A1 to the last cell that holds anything ('' where a cell holds none), or null. */
  readFormulas(sheet: string, block?: Block): Maybe<string[][] | null>;
  /** What the blocks hold now, exactly (formulas as formulas), so `putBack` can restore it; a missing sheet too. */
  keep(sheet: string, blocks: readonly Block[]): Maybe<Kept>;

  // ---- writing -------------------------------------------------------------------------------
  /** Writes the blocks (one call for many), making the sheet when there is none. */
  write(sheet: string, blocks: readonly CellBlock[]): Maybe<void>;
  /** Puts back what `keep` kept; removes the sheet when there was none then. */
  putBack(sheet: string, kept: Kept): Maybe<void>;
  /** Clears the blocks' contents (formats stay). */
  clear(sheet: string, blocks: readonly Block[]): Maybe<void>;
  /** A new sheet: hidden or not, with frozen header rows, made the active sheet or left aside. */
  addSheet(name: string, options?: { hidden?: boolean; frozenRows?: number; active?: boolean }): Maybe<void>;
  /** Sets formats of blocks (one call for many). */
  format(sheet: string, formats: readonly { block: Block; format: CellFormat }[]): Maybe<void>;
  addChart(sheet: string, chart: ChartSpec): Maybe<void>;

  // ---- the rest ------------------------------------------------------------------------------
  /** Runs `work` alone (one save or conversion at a time); answers `busy()` when the lock cannot be had. */
  lock<T>(work: () => Maybe<T>, busy: () => T): Maybe<T>;
  /**
   * Calls `onChange` when the sheet's cells change, where the host has change events; answers the
   * unsubscribe, or null when the events cannot be had. Absent where there are none (Sheets).
   */
  watch?(sheet: string, onChange: () => void): Promise<(() => void) | null>;
  /**
   * Calls `onChange` when the user goes to another sheet, where the host has an event for it;
   * answers the unsubscribe, or null when the event cannot be had. Absent where there is none (Sheets).
   */
  watchActive?(onChange: () => void): Promise<(() => void) | null>;
  /** The time now: ISO for the history, and as the workbook shows it (`2026-09-30 14:05`) for sheets. */
  now(): { iso: string; local: string };
  /** A new id for a saved version. */
  newId(): string;
  /** The user's email when the host can tell, else ''. */
  user(): string;
}

/** The names of the port's calls (for tests that inject a fault at each). */
export type PortCall = Exclude<keyof Port, 'traits'>;
