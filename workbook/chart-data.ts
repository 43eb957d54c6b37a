/**
 * What a chart of the tier summary shows, read from the sheet by the same plan the hosts get
 * (port.ts ChartSpec: `columns` is the categories and the first series with their header row;
 * `line` the second series' values): a workbook that lives in the page (the preview) draws it
 * from this. Pure.
 */
import type { WireCell } from './host.ts';
import type { Block, ChartSpec } from './port.ts';

export interface ChartSeries {
  name: string;
  /** One per category; null where the cell holds no number. */
  values: (number | null)[];
}

export interface ChartData {
  title: string;
  categories: string[];
  columns: ChartSeries;
  line: ChartSeries | null;
}

/** `A4:B7` (1-based, as a port reads it). */
export function blockOf(range: string): Block {
  const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
  if (!match) throw new Error(`The chart range "${range}" is not a range such as A4:B7.`);
  const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const [row, lastRow] = [Number(match[2]), Number(match[4])];
  const [first, last] = [column(match[1]!), column(match[3]!)];
  return { row, column: first, rows: lastRow - row + 1, columns: last - first + 1 };
}

const numberOf = (cell: WireCell | undefined) => (typeof cell === 'number' && Number.isFinite(cell) ? cell : null);

/** The chart's categories and series, from `read` (the sheet's values of a block). */
export function chartData(chart: Pick<ChartSpec, 'title' | 'columns' | 'line'>, read: (block: Block) => WireCell[][]): ChartData {
  const [header = [], ...rows] = read(blockOf(chart.columns));
  const line = chart.line ? read(blockOf(chart.line.values)).map((row) => numberOf(row[0])) : null;
  return {
    title: chart.title,
    categories: rows.map((row) => String(row[0] ?? '')),
    columns: { name: String(header[1] ?? ''), values: rows.map((row) => numberOf(row[1])) },
    line: chart.line && line ? { name: chart.line.name, values: rows.map((_, i) => line[i] ?? null) } : null,
  };
}
