/**
 * A workbook in memory behind the panel's Host: its cells are a map (workbook/memory-book.ts), its
 * port the one every in-page workbook shares (workbook/book-port.ts), and every request is the
 * workbook layer's, as in every other host (workbook/requests.ts). It stands in for Google Sheets
 * (its spelling, its cell limit). Used by the panel's tests, the standalone panel page and the
 * Excel task pane opened outside Office.
 */
import { BookPort, type ChartRecord, later } from './book-port.ts';
import { snapshotOf } from './grid.ts';
import { type StoredVersion, readVersions } from './history-sheet.ts';
import { HISTORY_SHEET, type Host, type WireCell } from './host.ts';
import { MemoryBook } from './memory-book.ts';
import type { Port, PortTraits } from './port.ts';
import { type RequestName, hostOver } from './requests.ts';
import { SHEETS_DIALECT } from './sheet-layout.ts';
import { wireGrid } from './wire.ts';

/** The in-memory workbook stands in for Google Sheets: its cells hold as many characters, its names as long. */
export const MEMORY_TRAITS: PortTraits = { textLimit: 50_000 - 1, serialDates: false, dialect: SHEETS_DIALECT, sheetNameLimit: 90 };

export interface MemoryHostOptions {
  /** Sheets by name, each as rows of cells (row 1 first). */
  sheets?: Record<string, WireCell[][]>;
  /** The sheet the user is on (default: the first). */
  active?: string;
  /** Who saves, as the history records it ('' = unknown). */
  user?: string;
  /** Milliseconds every call waits before answering, as a server round trip would. */
  latencyMs?: number;
  /** The clock for history timestamps and summary dates. */
  now?: () => Date;
  /** Formulas already in the workbook, by sheet and A1 cell: `{ Leads: { J2: '=ICP.SCORE(…)' } }`. */
  formulas?: Record<string, Record<string, string>>;
}

/** The fingerprint a host reports for these cells (of the data range, as every host reads it). */
export function fingerprint(cells: readonly (readonly WireCell[])[]): string {
  return snapshotOf('', cells).version;
}

/** The host whose every request first waits `ms`, as a server round trip would. */
function withLatency<H extends Host>(host: H, ms: number): H {
  if (ms <= 0) return host;
  const slowed = { ...host };
  for (const [name, request] of Object.entries(host)) {
    if (typeof request !== 'function' || name.startsWith('watch')) continue;
    (slowed as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      await later(ms);
      return (request as (...a: unknown[]) => unknown)(...args);
    };
  }
  return slowed;
}

// The Host's requests are assigned in the constructor (from workbook/requests.ts).
export interface MemoryHost extends Pick<Required<Host>, RequestName | 'watchModel' | 'watchActiveSheet'> {}

export class MemoryHost {
  readonly kind = 'preview' as const;
  readonly book: MemoryBook;
  readonly port: BookPort;

  /** `wrap`: what the requests see of the port (tests wrap it to make calls fail). */
  constructor(options: MemoryHostOptions = {}, wrap: (port: Port) => Port = (port) => port) {
    const now = options.now ?? (() => new Date());
    this.book = new MemoryBook(now);
    for (const [name, cells] of Object.entries(options.sheets ?? {})) this.book.setSheet(name, wireGrid.parse(cells));
    for (const [name, formulas] of Object.entries(options.formulas ?? {})) {
      for (const [a1, formula] of Object.entries(formulas)) this.book.setFormulaAt(name, a1, formula);
    }
    const active = options.active ?? Object.keys(options.sheets ?? {})[0] ?? null;
    this.port = new BookPort(this.book, MEMORY_TRAITS, { active, user: options.user ?? '', now });
    const { kind: _kind, ...requests } = withLatency(hostOver('preview', wrap(this.port)), options.latencyMs ?? 0);
    Object.assign(this, requests);
  }

  // ---- the workbook, for tests and the page ---------------------------------------------------

  /** A copy of a sheet's cells, or null when there is no such sheet. */
  cells(name: string): WireCell[][] | null {
    return this.book.has(name) ? this.book.cellsOf(name) : null;
  }

  /** Replace a sheet's cells (a person editing by hand), creating the sheet if needed. */
  setSheet(name: string, cells: WireCell[][], hidden = false): void {
    const added = !this.book.has(name);
    this.book.setSheet(name, wireGrid.parse(cells));
    if (added) this.port.setHidden(name, hidden);
    this.port.touched(name);
  }

  /** Set one cell (1-based row and column), growing the sheet as needed; a value replaces a formula there. */
  setCell(name: string, row: number, column: number, value: WireCell): void {
    this.book.setCell(name, row, column, value);
    this.port.touched(name);
  }

  /** A formula and the value it shows (typed by a person: not calculated here). */
  setFormula(name: string, row: number, column: number, formula: string, value: WireCell): void {
    this.book.setFormula(name, row, column, formula, value);
    this.port.touched(name);
  }

  setActive(name: string): void {
    this.port.setActive(name);
  }

  sheetNames(): string[] {
    return this.book.names();
  }

  isHidden(name: string): boolean {
    return this.port.isHidden(name);
  }

  formulas(name: string): Record<string, string> {
    return this.book.formulaCells(name);
  }

  /** The number format set on a cell (`0.0%`, `#,##0`), or undefined. */
  numberFormat(name: string, a1: string): string | undefined {
    return this.port.numberFormat(name, a1);
  }

  charts(name: string): ChartRecord[] {
    return this.port.charts(name);
  }

  /** The history sheet's versions, oldest first (the layout every host shares: workbook/history-sheet.ts). */
  historyRows(): StoredVersion[] {
    return readVersions(this.book.has(HISTORY_SHEET) ? this.book.values(HISTORY_SHEET) : []);
  }
}

export { columnLetter } from './sheet-layout.ts';
