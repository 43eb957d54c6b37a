/**
 * The port (workbook/port.ts) of a workbook that lives in the page: the in-memory workbook
 * (workbook/memory-book.ts, a map of cells) and the preview (HyperFormula, preview/engine-book.ts)
 * share it. A `Book` holds the cells and calculates; this holds the rest a spreadsheet keeps beside
 * them (hidden sheets, the active sheet, number formats, charts), the lock, the change events and
 * the clock.
 */
import { HISTORY_SHEET, type WireCell } from './host.ts';
import { type Lock, queueLock } from './lock.ts';
import { messages } from './messages.ts';
import type { Block, CellBlock, CellFormat, ChartSpec, Extent, Port, PortTraits, SheetEntry } from './port.ts';
import { columnLetter } from './sheet-layout.ts';

/** The cells of the sheets, and whatever calculates their formulas. */
export interface Book {
  /** Every sheet, in tab order. */
  names(): string[];
  has(name: string): boolean;
  add(name: string): void;
  remove(name: string): void;
  /** Values (formulas as the values they show) from A1 to the last cell that holds anything. */
  values(name: string): WireCell[][];
  /** The formulas, as big as `values` ('' where a cell holds none). */
  formulas(name: string): string[][];
  /** Writes the blocks with one recalculation. */
  write(name: string, blocks: readonly CellBlock[]): void;
  clear(name: string, blocks: readonly Block[]): void;
  /** The whole sheet as it could be put back (formulas as formulas). */
  snapshot(name: string): unknown;
  restore(name: string, snapshot: unknown): void;
}

/** What changed besides cell values: the active sheet, or the list of sheets. */
export type BookChange = { kind: 'active'; sheet: string } | { kind: 'sheets' };

export interface BookOptions {
  /** The sheet the user is on (default: the first). */
  active?: string | null;
  /** Who saves, as the history records it ('' = unknown). */
  user?: string;
  /** The clock for history timestamps and summary dates. */
  now?: () => Date;
}

/** The chart a summary made, as a test or the page reads it. */
export interface ChartRecord {
  title: string;
  /** A1 range the chart reads. */
  range: string;
  series: string[];
}

type Kept = { present: false } | { present: true; snapshot: unknown };

/** A pause before a call runs, where the runtime has a timer (every browser and Node does). */
export function later(ms: number): Promise<void> {
  const timer = (globalThis as { setTimeout?: (done: () => void, ms: number) => unknown }).setTimeout;
  return new Promise((resolve) => (timer ? timer(resolve, ms) : resolve()));
}

export class BookPort implements Port<Kept> {
  private active: string | null;
  private readonly who: string;
  private readonly clock: () => Date;
  private readonly hidden = new Set<string>([HISTORY_SHEET]);
  /** Sheet → A1 → number format: the tier summary's percentages and amounts. */
  private readonly formats = new Map<string, Map<string, string>>();
  private readonly madeCharts = new Map<string, ChartRecord[]>();
  /** Sheet → what `watch` was told to call when its cells change. */
  private readonly watchers = new Map<string, Set<() => void>>();
  private readonly listeners = new Set<(change: BookChange) => void>();
  private readonly queue: Lock = queueLock();

  constructor(
    readonly book: Book,
    readonly traits: PortTraits,
    options: BookOptions = {},
  ) {
    this.active = options.active ?? book.names()[0] ?? null;
    this.who = options.user ?? '';
    this.clock = options.now ?? (() => new Date());
  }

  // ---- the workbook, for the page and tests ------------------------------------------------

  activeSheetName(): string | null {
    return this.active;
  }

  setActive(name: string): void {
    if (!this.book.has(name)) throw new Error(messages.noSuchSheet(name, this.book.names()));
    if (this.active === name) return;
    this.active = name;
    this.emit({ kind: 'active', sheet: name });
  }

  isHidden(name: string): boolean {
    return this.hidden.has(name);
  }

  setHidden(name: string, hidden: boolean): void {
    if (hidden) this.hidden.add(name);
    else this.hidden.delete(name);
  }

  /** The sheets a person sees, in tab order. */
  visibleSheets(): string[] {
    return this.book.names().filter((name) => !this.hidden.has(name));
  }

  /** The number format set on a cell (`0.0%`, `#,##0`), or undefined. */
  numberFormat(sheet: string, a1: string): string | undefined {
    return this.formats.get(sheet)?.get(a1);
  }

  charts(sheet: string): ChartRecord[] {
    return (this.madeCharts.get(sheet) ?? []).map((chart) => ({ ...chart, series: [...chart.series] }));
  }

  /** Calls `listener` when the active sheet or the list of sheets changes; returns the unsubscribe. */
  onChange(listener: (change: BookChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the sheet's watchers, once the change that called this has finished (a person's edit, or a write). */
  touched(name: string): void {
    for (const onChange of this.watchers.get(name) ?? []) void later(0).then(onChange);
  }

  // ---- Port ----------------------------------------------------------------------------------

  sheets(): SheetEntry[] {
    return this.book.names().map((name) => ({ name, hidden: this.hidden.has(name) }));
  }

  activeSheet(): string | null {
    return this.active && this.book.has(this.active) ? this.active : null;
  }

  extent(name: string): Extent | null {
    if (!this.book.has(name)) return null;
    const values = this.book.values(name);
    return { lastRow: values.length, lastColumn: values[0]?.length ?? 0 };
  }

  read(name: string, block?: Block): WireCell[][] | null {
    if (!this.book.has(name)) return null;
    const values = this.book.values(name);
    if (!block) return values;
    return Array.from({ length: block.rows }, (_, r) => Array.from({ length: block.columns }, (_, c) => values[block.row - 1 + r]?.[block.column - 1 + c] ?? ''));
  }

  readFormulas(name: string, block?: Block): string[][] | null {
    if (!this.book.has(name)) return null;
    const formulas = this.book.formulas(name);
    if (!block) return formulas;
    return Array.from({ length: block.rows }, (_, r) => Array.from({ length: block.columns }, (_, c) => formulas[block.row - 1 + r]?.[block.column - 1 + c] ?? ''));
  }

  keep(name: string): Kept {
    return this.book.has(name) ? { present: true, snapshot: this.book.snapshot(name) } : { present: false };
  }

  write(name: string, blocks: readonly CellBlock[]): void {
    if (!this.book.has(name)) {
      this.book.add(name);
      this.emit({ kind: 'sheets' });
    }
    try {
      this.book.write(name, blocks);
    } finally {
      // Told even if the book failed after writing a cell: the panel must look at the sheet.
      this.touched(name);
    }
  }

  putBack(name: string, kept: Kept): void {
    if (kept.present) this.book.restore(name, kept.snapshot);
    else if (this.book.has(name)) {
      this.book.remove(name);
      this.emit({ kind: 'sheets' });
    }
    this.touched(name);
  }

  clear(name: string, blocks: readonly Block[]): void {
    if (!this.book.has(name)) return;
    this.book.clear(name, blocks);
    this.touched(name);
  }

  addSheet(name: string, options: { hidden?: boolean; frozenRows?: number; active?: boolean } = {}): void {
    this.book.add(name);
    if (options.hidden) this.hidden.add(name);
    this.emit({ kind: 'sheets' });
    if (options.active) this.setActive(name);
  }

  format(name: string, formats: readonly { block: Block; format: CellFormat }[]): void {
    const cells = this.formats.get(name) ?? new Map<string, string>();
    this.formats.set(name, cells);
    for (const { block, format } of formats) {
      if (!format.numberFormat) continue;
      for (let r = 0; r < block.rows; r++) {
        for (let c = 0; c < block.columns; c++) cells.set(`${columnLetter(block.column + c)}${block.row + r}`, format.numberFormat);
      }
    }
  }

  addChart(name: string, chart: ChartSpec): void {
    const charts = this.madeCharts.get(name) ?? [];
    this.madeCharts.set(name, charts);
    charts.push({ title: chart.title, range: chart.columns, series: chart.line ? ['Accounts', chart.line.name] : ['Accounts'] });
  }

  lock<T>(work: () => T | Promise<T>): Promise<T> {
    return this.queue(async () => work());
  }

  /** Calls `onChange` after any change to the sheet's cells (by hand or by a call), as Excel's onChanged does. */
  async watch(name: string, onChange: () => void): Promise<() => void> {
    const set = this.watchers.get(name) ?? new Set();
    this.watchers.set(name, set);
    set.add(onChange);
    return () => set.delete(onChange);
  }

  /** Calls `onChange` after the user goes to another sheet (a tab clicked), as Excel's onActivated does. */
  async watchActive(onChange: () => void): Promise<() => void> {
    return this.onChange((change) => {
      if (change.kind === 'active') void later(0).then(onChange);
    });
  }

  now(): { iso: string; local: string } {
    const iso = this.clock().toISOString();
    return { iso, local: iso.slice(0, 16).replace('T', ' ') };
  }

  /** The history sheet's next row number: 1, 2, … */
  newId(): string {
    return String(Math.max(1, this.extent(HISTORY_SHEET)?.lastRow ?? 1));
  }

  user(): string {
    return this.who;
  }

  private emit(change: BookChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
