/**
 * A history held column by column: each column's distinct cells once, and each account's index
 * into them. CRM columns repeat their values, so every reading (a number, a date, a rule's test)
 * is done once per distinct cell, and a million deals fit in memory: the CLI streams a file into
 * a TableBuilder row by row, the panel turns its grid into a table.
 */
import { type Cell, isBlank } from '../values.ts';

export interface HistoryColumn {
  /** The distinct cells; index 0 is the blank cell (null). */
  values: Cell[];
  /** Per account, the index of its cell in `values`. */
  codes: Int32Array;
}

export interface HistoryTable {
  headers: Cell[];
  /** Accounts: rows that hold anything. */
  rows: number;
  columns: HistoryColumn[];
}

/**
 * A text kept as a string of its own: a parser's cells are often slices of the whole chunk of text
 * they were read from, and keeping one would keep the chunk (a large file would stay in memory).
 */
function own(cell: Cell): Cell {
  return typeof cell === 'string' && cell.length >= 13 ? (cell + ' ').slice(0, -1) : cell;
}

/** Rows read before deciding which columns hardly repeat, and the share of distinct cells that makes one so. */
const DIRECT_AFTER = 20_000;
const DIRECT_SHARE = 0.9;

/** Builds a table row by row (only rows holding anything are kept). */
export class TableBuilder {
  /** Per column: codes of text cells, of numbers, and of anything else (yes/no values, dates by their time). */
  private readonly texts: Map<string, number>[];
  private readonly numbers: Map<number, number>[];
  private readonly keys: Map<unknown, number>[];
  private readonly values: Cell[][];
  private codes: Int32Array[];
  /** Columns whose cells hardly repeat (company names, amounts): stored one per row, with no index to look them up. */
  private readonly direct: boolean[];
  private count = 0;

  constructor(readonly headers: readonly Cell[]) {
    this.texts = headers.map(() => new Map());
    this.numbers = headers.map(() => new Map());
    this.keys = headers.map(() => new Map());
    this.values = headers.map(() => [null]);
    this.codes = headers.map(() => new Int32Array(1024));
    this.direct = headers.map(() => false);
  }

  get rows(): number {
    return this.count;
  }

  /** Adds one row; cells beyond the headers are ignored, missing ones are blank. A blank row is not kept (false) unless `keepBlank`. */
  add(row: readonly Cell[], keepBlank = false): boolean {
    const width = this.headers.length;
    let filled = keepBlank;
    for (let c = 0; c < width && !filled; c++) if (!isBlank(row[c])) filled = true;
    if (!filled) return false;
    if (width > 0 && this.count === this.codes[0]!.length) this.codes = this.codes.map((codes) => grow(codes));
    for (let c = 0; c < width; c++) this.codes[c]![this.count] = this.direct[c] && !isBlank(row[c]) ? this.values[c]!.push(own(row[c])) - 1 : this.codeOf(c, row[c]);
    this.count++;
    // Once a column's cells hardly repeat, looking each one up costs more than it saves: keep them one per row.
    if (this.count === DIRECT_AFTER) {
      for (let c = 0; c < width; c++) {
        if (this.values[c]!.length <= DIRECT_SHARE * DIRECT_AFTER) continue;
        this.direct[c] = true;
        this.texts[c]!.clear();
        this.numbers[c]!.clear();
        this.keys[c]!.clear();
      }
    }
    return true;
  }

  private codeOf(column: number, cell: Cell): number {
    if (typeof cell === 'string') {
      const texts = this.texts[column]!;
      const code = texts.get(cell);
      if (code !== undefined) return code;
      if (isBlank(cell)) return 0;
      const kept = own(cell) as string;
      const next = this.values[column]!.push(kept) - 1;
      texts.set(kept, next);
      return next;
    }
    if (typeof cell === 'number') {
      const numbers = this.numbers[column]!;
      const code = numbers.get(cell);
      if (code !== undefined) return code;
      const next = this.values[column]!.push(cell) - 1;
      numbers.set(cell, next);
      return next;
    }
    if (isBlank(cell)) return 0;
    // A Date is keyed by its time (two Date objects of one instant are one value).
    const key = cell instanceof Date ? `date:${cell.getTime()}` : cell;
    const keys = this.keys[column]!;
    let code = keys.get(key);
    if (code === undefined) {
      code = this.values[column]!.push(cell) - 1;
      keys.set(key, code);
    }
    return code;
  }

  finish(): HistoryTable {
    const table: HistoryTable = {
      headers: [...this.headers],
      rows: this.count,
      columns: this.headers.map((_, c) => ({ values: this.values[c]!, codes: this.codes[c]!.slice(0, this.count) })),
    };
    for (const maps of [this.texts, this.numbers, this.keys]) for (const map of maps) map.clear();
    return table;
  }
}

function grow(codes: Int32Array): Int32Array {
  const bigger = new Int32Array(codes.length * 2);
  bigger.set(codes);
  return bigger;
}

/** The header row: the first row holding anything; -1 when there is none. */
export function headerRowOf(grid: readonly (readonly Cell[])[]): number {
  return grid.findIndex((row) => row.some((cell) => !isBlank(cell)));
}

/** A grid (its first non-blank row the header row) as a table; null when the grid is empty. */
export function tableFromGrid(grid: readonly (readonly Cell[])[]): HistoryTable | null {
  const at = headerRowOf(grid);
  if (at < 0) return null;
  const builder = new TableBuilder(grid[at]!);
  for (let r = at + 1; r < grid.length; r++) builder.add(grid[r]!);
  return builder.finish();
}

/** One column's cell for every account (for small tables and tests). */
/** Each account's row again, from the columns (for a question asked of whole rows, such as scoring them with a model). */
export function tableRows(table: HistoryTable): Cell[][] {
  return Array.from({ length: table.rows }, (_, i) => table.columns.map((c) => c.values[c.codes[i]!] ?? null));
}

export function columnCells(table: HistoryTable, column: number): Cell[] {
  const { values, codes } = table.columns[column]!;
  return Array.from(codes, (code) => values[code]);
}

/** Reads every distinct cell of a column once: the reading per account, as a lookup. */
export function perValue<T>(column: HistoryColumn, read: (cell: Cell) => T): T[] {
  return column.values.map(read);
}
