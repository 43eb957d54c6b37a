/**
 * Cells as Apps Script reads and writes them. Dates arrive as Date objects and cross
 * google.script.run as ISO text (the bridge fails on Dates); text is written as literal text.
 */
import { literalText } from '../workbook/grid.ts';
import type { WireCell } from '../workbook/host.ts';

/** A Google Sheets cell holds at most this many characters. */
export const SHEETS_CELL_LIMIT = 50_000;

/** A Date as the sheet shows it, in the spreadsheet's time zone: `2026-09-30`, or with a time. */
export type DateFormatter = (date: Date) => string;

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** A cell as it may cross google.script.run. */
export function toWireCell(value: unknown, formatDate: DateFormatter): WireCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (isDate(value)) return Number.isFinite(value.getTime()) ? formatDate(value) : '';
  return String(value);
}

export function toWireGrid(grid: readonly (readonly unknown[])[], formatDate: DateFormatter): WireCell[][] {
  return grid.map((row) => row.map((cell) => toWireCell(cell, formatDate)));
}

/**
 * A wire cell as setValues takes it. Sheets reads written text as typing, so `10-20` would become a
 * date and `20%` the number 0.2: text goes as literal text. Numbers and yes/no values go as they are.
 */
export function sheetCell(cell: WireCell): string | number | boolean {
  if (cell === null) return '';
  return typeof cell === 'string' ? literalText(cell) : cell;
}

/** What a cell holds, as setValues puts it back: its formula, or its value (text as literal text). */
export function restorable(value: unknown, formula: string): unknown {
  if (formula) return formula;
  return typeof value === 'string' ? literalText(value) : value;
}
