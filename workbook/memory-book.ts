/**
 * The in-memory workbook's cells: a map of sheets, each rows of wire cells and the formulas written
 * into them. It calculates an ICP function once, when a formula that calls one is written into an
 * empty cell (`=ICP_SCORE(A2:F, A1:F1, 'ICP Model'!A:H)`, in Sheets' spelling, as this workbook
 * stands in for Google Sheets; score this sheet and the summary clear their cells first): the
 * ranges are read, the one runner (core/run.ts) computes the table, and the table spills down and
 * right from the formula's cell. It never recalculates: a formula rewritten over a value it showed
 * (a converted name), any other formula, or one whose ranges name a sheet it does not have, keeps
 * the value it shows. A model or shape error shows in the formula's cell, as in a sheet.
 */
import { findFunction } from '../core/functions.ts';
import { callFunction } from '../core/run.ts';
import type { Book } from './book-port.ts';
import { trimGrid } from './grid.ts';
import type { WireCell } from './host.ts';
import { messages } from './messages.ts';
import type { Block, CellBlock } from './port.ts';
import { columnLetter, formulaArguments } from './sheet-layout.ts';

interface Sheet {
  cells: WireCell[][];
  /** A1 → formula text, where a formula was written. */
  formulas: Map<string, string>;
}

/** Wire cells are JSON: a JSON copy is a deep copy. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** `B3` → 1-based row and column. */
function cellOf(a1: string): { row: number; column: number } {
  const [, letters = 'A', digits = '1'] = /^([A-Z]+)(\d+)$/.exec(a1) ?? [];
  return { row: Number(digits), column: [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) };
}

const RANGE = /^(?:(?:'((?:[^']|'')+)'|([^'!]+))!)?\$?([A-Z]+)\$?(\d*)(?::\$?([A-Z]+)\$?(\d*))?$/i;

export class MemoryBook implements Book {
  private readonly sheets = new Map<string, Sheet>();

  /** `today`: the day time rules count back from. */
  constructor(private readonly today: () => Date = () => new Date()) {}

  names(): string[] {
    return [...this.sheets.keys()];
  }

  has(name: string): boolean {
    return this.sheets.has(name);
  }

  add(name: string): void {
    if (this.sheets.has(name)) throw new Error(`A sheet named "${name}" exists already.`);
    this.sheets.set(name, { cells: [], formulas: new Map() });
  }

  remove(name: string): void {
    this.sheets.delete(name);
  }

  values(name: string): WireCell[][] {
    return copy(trimGrid(this.need(name).cells));
  }

  formulas(name: string): string[][] {
    const sheet = this.need(name);
    const values = trimGrid(sheet.cells);
    const grid = values.map((row) => row.map(() => ''));
    for (const [a1, formula] of sheet.formulas) {
      const { row, column } = cellOf(a1);
      while (grid.length < row) grid.push([]);
      const line = grid[row - 1]!;
      while (line.length < column) line.push('');
      line[column - 1] = formula;
    }
    const width = Math.max(0, ...grid.map((row) => row.length));
    return grid.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
  }

  write(name: string, blocks: readonly CellBlock[]): void {
    const written: { row: number; column: number; formula: string }[] = [];
    for (const block of blocks) {
      block.cells.forEach((cells, r) =>
        cells.forEach((cell, c) => {
          const [row, column] = [block.row + r, block.column + c];
          if (cell !== null && typeof cell === 'object') {
            const shown = this.valueAt(name, row, column);
            this.put(name, row, column, shown);
            this.need(name).formulas.set(`${columnLetter(column)}${row}`, cell.formula);
            if (shown === '') written.push({ row, column, formula: cell.formula });
          } else this.setCell(name, row, column, cell ?? '');
        }),
      );
    }
    // The rows written are as wide as the widest of them, as a range written from the panel is.
    const cells = this.need(name).cells;
    const rows = blocks.flatMap((block) => block.cells.map((_, r) => cells[block.row - 1 + r]!));
    const width = Math.max(0, ...rows.map((row) => row.length));
    for (const row of rows) while (row.length < width) row.push('');
    for (const { row, column, formula } of written) this.calculate(name, row, column, formula);
  }

  clear(name: string, blocks: readonly Block[]): void {
    const sheet = this.need(name);
    for (const block of blocks) {
      for (let r = 0; r < block.rows; r++) {
        for (let c = 0; c < block.columns; c++) if (this.valueAt(name, block.row + r, block.column + c) !== '' || this.formulaAt(name, block.row + r, block.column + c)) this.setCell(name, block.row + r, block.column + c, '');
      }
    }
    // Rows left blank at the end are no longer part of the sheet.
    while (sheet.cells.length > 0 && sheet.cells[sheet.cells.length - 1]!.every((cell) => cell === '' || cell === null) && !this.formulaInRow(name, sheet.cells.length)) sheet.cells.pop();
  }

  snapshot(name: string): unknown {
    const sheet = this.need(name);
    return { cells: copy(sheet.cells), formulas: [...sheet.formulas] };
  }

  restore(name: string, snapshot: unknown): void {
    const kept = snapshot as { cells: WireCell[][]; formulas: [string, string][] };
    this.sheets.set(name, { cells: copy(kept.cells), formulas: new Map(kept.formulas) });
  }

  // ---- by hand (tests and the standalone page) ------------------------------------------------

  /** Replaces a sheet's cells, making the sheet when there is none. */
  setSheet(name: string, cells: WireCell[][]): void {
    const sheet = this.sheets.get(name);
    if (sheet) sheet.cells = copy(cells);
    else this.sheets.set(name, { cells: copy(cells), formulas: new Map() });
  }

  /** One cell (1-based), growing the sheet as needed; a value replaces a formula there. */
  setCell(name: string, row: number, column: number, value: WireCell): void {
    this.put(name, row, column, value);
    this.need(name).formulas.delete(`${columnLetter(column)}${row}`);
  }

  /** A formula and the value it shows, as a person typed it (not calculated here). */
  setFormula(name: string, row: number, column: number, formula: string, value: WireCell): void {
    this.setCell(name, row, column, value);
    this.need(name).formulas.set(`${columnLetter(column)}${row}`, formula);
  }

  /** A formula already in the workbook (its value as the cell holds it). */
  setFormulaAt(name: string, a1: string, formula: string): void {
    this.need(name).formulas.set(a1, formula);
  }

  /** A copy of the sheet's cells as they are held (not trimmed). */
  cellsOf(name: string): WireCell[][] {
    return copy(this.need(name).cells);
  }

  /** A1 → formula, where a sheet holds one. */
  formulaCells(name: string): Record<string, string> {
    return Object.fromEntries(this.sheets.get(name)?.formulas ?? []);
  }

  // ---- inside ------------------------------------------------------------------------------

  private need(name: string): Sheet {
    const sheet = this.sheets.get(name);
    if (!sheet) throw new Error(messages.noSuchSheet(name, this.names()));
    return sheet;
  }

  private put(name: string, row: number, column: number, value: WireCell): void {
    const cells = this.need(name).cells;
    while (cells.length < row) cells.push([]);
    const line = cells[row - 1]!;
    while (line.length < column) line.push('');
    line[column - 1] = value;
  }

  private valueAt(name: string, row: number, column: number): WireCell {
    return this.need(name).cells[row - 1]?.[column - 1] ?? '';
  }

  private formulaInRow(name: string, row: number): boolean {
    return [...this.need(name).formulas.keys()].some((a1) => cellOf(a1).row === row);
  }

  private formulaAt(name: string, row: number, column: number): string | undefined {
    return this.need(name).formulas.get(`${columnLetter(column)}${row}`);
  }

  /** A formula that calls an ICP function: its table from the formula's cell down and right. */
  private calculate(name: string, row: number, column: number, formula: string): void {
    const call = /^=\s*([A-Za-z_][\w.]*)\s*\(([\s\S]*)\)\s*$/.exec(formula);
    const fn = call ? findFunction(call[1]!.toUpperCase()) : undefined;
    if (!call || !fn) return;
    const args = formulaArguments(call[2]!).map((arg) => this.argument(arg, name));
    if (args.includes(undefined)) return;
    let table: WireCell[][];
    try {
      table = callFunction(fn, args, { serialDates: false, today: this.today() }).map((line) =>
        line.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : ((cell ?? '') as WireCell))),
      );
    } catch (error) {
      table = [[`#ERROR! ${error instanceof Error ? error.message : String(error)}`]];
    }
    if (table.length === 0) table = [['']];
    table.forEach((line, r) => line.forEach((value, c) => this.put(name, row + r, column + c, value)));
  }

  /**
   * An argument as the function receives it: a text, a range's cells, or ranges side by side in
   * braces; undefined when it cannot be read here (another function, a sheet that is not there).
   */
  private argument(text: string, home: string): unknown {
    if (/^"(?:[^"]|"")*"$/.test(text)) return text.slice(1, -1).replace(/""/g, '"');
    if (text.startsWith('{') && text.endsWith('}')) {
      const items = formulaArguments(text.slice(1, -1)).map((item) => this.argument(item, home));
      if (items.includes(undefined)) return undefined;
      if (items.every((item) => typeof item === 'string')) return [items];
      const grids = items as WireCell[][][];
      const height = Math.max(0, ...grids.map((grid) => grid.length));
      return Array.from({ length: height }, (_, r) => grids.flatMap((grid) => grid[r] ?? []));
    }
    const range = RANGE.exec(text);
    const sheet = range && (range[1]?.replace(/''/g, "'") ?? range[2]?.trim() ?? home);
    if (!range || !sheet || !this.sheets.has(sheet)) return undefined;
    const values = trimGrid(this.need(sheet).cells);
    const from = cellOf(`${range[3]!.toUpperCase()}${range[4] || 1}`);
    const to = cellOf(`${(range[5] ?? range[3])!.toUpperCase()}${range[5] ? range[6] || values.length : range[4] || 1}`);
    return Array.from({ length: Math.max(0, to.row - from.row + 1) }, (_, r) =>
      Array.from({ length: to.column - from.column + 1 }, (_, c) => values[from.row - 1 + r]?.[from.column - 1 + c] ?? ''),
    );
  }
}
