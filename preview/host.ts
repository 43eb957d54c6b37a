/**
 * The panel's third Host (after Google Sheets and Excel): a workbook held by HyperFormula in the
 * page. Its port is the one every in-page workbook shares (workbook/book-port.ts) over the engine
 * (preview/engine-book.ts); every request is the workbook layer's (workbook/requests.ts), so it
 * keeps the rules every host keeps (docs/panel.md). Beside the Host, what the grid needs: the
 * sheets a person sees, the active sheet, what a person types into a cell, number formats.
 */
import type { HyperFormula } from 'hyperformula';
import { BookPort, type BookChange } from '../workbook/book-port.ts';
import { type StoredVersion, readVersions } from '../workbook/history-sheet.ts';
import { DEFAULT_MODEL_SHEET, HISTORY_SHEET, type Host, type WireCell } from '../workbook/host.ts';
import type { Port, PortTraits } from '../workbook/port.ts';
import { type RequestName, hostOver } from '../workbook/requests.ts';
import { PREVIEW_DIALECT, PREVIEW_MODEL_SLACK } from '../workbook/sheet-layout.ts';
import { a1 } from './cells.ts';
import { EngineBook } from './engine-book.ts';

export interface PreviewHostOptions {
  /** The sheet the user is on (default: the first). */
  active?: string;
  /** Who saves, as the history records it. */
  user?: string;
  /** The clock for history timestamps and summary dates. */
  now?: () => Date;
}

/** What changed in the workbook besides cell values (HyperFormula reports those itself). */
export type WorkbookChange = BookChange;

/**
 * Blank rows the formulas' model range reaches past the model's last row, so rows a person types
 * below the model by hand are read too. A save that makes the model longer inserts rows inside
 * the range first, which stretches every formula's range over them, as a spreadsheet does.
 */
export const MODEL_SLACK_ROWS = PREVIEW_MODEL_SLACK;

/** The preview stands in for Google Sheets: its cells hold as many characters, its names as long. */
const PREVIEW_TRAITS: PortTraits = { textLimit: 50_000 - 1, serialDates: false, dialect: PREVIEW_DIALECT, sheetNameLimit: 90 };

// The Host's requests are assigned in the constructor (from workbook/requests.ts).
export interface HyperFormulaHost extends Pick<Required<Host>, RequestName | 'watchModel' | 'watchActiveSheet'> {}

export class HyperFormulaHost {
  readonly kind = 'preview' as const;
  readonly book: EngineBook;
  readonly port: BookPort;

  /** `wrap`: what the requests see of the port (tests wrap it to make calls fail). */
  constructor(
    readonly engine: HyperFormula,
    options: PreviewHostOptions = {},
    wrap: (port: Port) => Port = (port) => port,
  ) {
    this.book = new EngineBook(engine);
    this.port = new BookPort(this.book, PREVIEW_TRAITS, { active: options.active ?? null, user: options.user ?? '', ...(options.now ? { now: options.now } : {}) });
    const { kind: _kind, ...requests } = hostOver('preview', wrap(this.port));
    Object.assign(this, requests);
  }

  // ---- the workbook, for the grid and tests ------------------------------------------------

  /** The sheets a person sees, in tab order (the history sheet is hidden). */
  visibleSheets(): string[] {
    return this.port.visibleSheets();
  }

  activeSheetName(): string | null {
    return this.port.activeSheetName();
  }

  setActive(name: string): void {
    this.port.setActive(name);
  }

  /** Calls `listener` when the active sheet or the list of sheets changes; returns the unsubscribe. */
  onChange(listener: (change: WorkbookChange) => void): () => void {
    return this.port.onChange(listener);
  }

  /** A sheet's computed values as wire cells (formulas as their results), trimmed. */
  values(name: string): WireCell[][] {
    return this.book.values(name);
  }

  /** Sets one cell (0-based) from what a person typed: `=…` is a formula, `'…` forces text. */
  setCellInput(name: string, row: number, column: number, input: string): void {
    const address = { sheet: this.book.id(name), row, col: column };
    if (!this.engine.isItPossibleToSetCellContents(address)) {
      throw new Error(`${a1(row, column)} on "${name}" cannot be changed here.`);
    }
    try {
      this.engine.setCellContents(address, input === '' ? null : input);
    } finally {
      // Told even if the engine failed after writing the cell: the panel must look at the sheet.
      this.port.touched(name);
    }
  }

  /** The number format set on a cell (0-based address), or undefined: the grid shows the value in it. */
  numberFormat(address: { sheet: number; row: number; col: number }): string | undefined {
    const name = this.engine.getSheetName(address.sheet);
    return name === undefined ? undefined : this.port.numberFormat(name, a1(address.row, address.col));
  }

  /** The model range every formula reads (workbook/sheet-layout.ts, the preview's spelling). */
  modelReference(modelSheet: string): string {
    const cells = this.values(modelSheet);
    return PREVIEW_DIALECT.modelReference(modelSheet, cells.length, Math.max(0, ...cells.map((row) => row.length)));
  }

  /** The history sheet's versions, oldest first (the layout every host shares: workbook/history-sheet.ts). */
  historyRows(): StoredVersion[] {
    return this.book.has(HISTORY_SHEET) ? readVersions(this.values(HISTORY_SHEET)) : [];
  }
}

export { DEFAULT_MODEL_SHEET, HISTORY_SHEET };
