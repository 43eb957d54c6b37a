/**
 * Cells as the Excel JavaScript API reads and writes them. Pure: no Office globals.
 * - Reading (`range.values`): blank cells are "", dates are serial numbers; a number whose cell
 *   is formatted as a date becomes ISO text on the wire, as Sheets sends its dates.
 * - Writing: Excel reads written text the way it reads typing ("1-9" would become a date, "=x" a
 *   formula), so every text is written behind an apostrophe, which keeps it exactly as it is.
 */
import type { WireCell } from '../workbook/host.ts';

/** An Excel cell holds at most this many characters. */
export const EXCEL_CELL_LIMIT = 32_767;

/** Days between 1899-12-30 (Excel serial 0) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;
const DAY_MS = 86_400_000;

/**
 * Whether a number format shows a date: it has a day, month or year code outside quoted text,
 * escapes and [colour/locale] brackets. `mm` alone next to `h`/`s` is minutes, not a month.
 */
export function isDateFormat(format: string): boolean {
  const codes = format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase();
  if (/[dy]/.test(codes)) return true;
  return /m/.test(codes) && !/[hs]/.test(codes);
}

/** `2026-09-30`, or `2026-09-30T14:05:00` when the serial has a time of day. */
export function serialToIso(serial: number): string {
  const ms = Math.round((serial - EXCEL_EPOCH_OFFSET) * DAY_MS);
  const iso = new Date(ms).toISOString();
  return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** A cell as it crosses to the panel. */
export function toWireCell(value: unknown, format: string | undefined): WireCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    return format && value >= 1 && isDateFormat(format) ? serialToIso(value) : value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

export function toWireGrid(values: readonly (readonly unknown[])[], formats?: readonly (readonly unknown[])[]): WireCell[][] {
  return values.map((row, r) => row.map((value, c) => toWireCell(value, typeof formats?.[r]?.[c] === 'string' ? (formats[r]![c] as string) : undefined)));
}

/** A value as written with `range.values`: text stays text (behind an apostrophe), blank clears. */
export function toExcelValue(cell: WireCell): string | number | boolean {
  if (cell === null || cell === '') return '';
  if (typeof cell === 'string') return `'${cell}`;
  return cell;
}

/**
 * A cell holding an Excel data type as the functions read it. functions.json sets
 * `allowCustomDataForDataTypeAny`, so such a cell reaches a custom function as an object
 * (Excel.CellValue): a formatted number, string or boolean as its basic value; an entity or
 * linked entity (a company, a stock) as the text the cell shows; an image as its alt text;
 * anything else (an error, an array) as its error text, which the core reads as unreadable.
 */
export function basicValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) return value;
  const v = value as { basicValue?: unknown; basicType?: unknown; text?: unknown; altText?: unknown };
  const basic = v.basicValue;
  if (v.basicType !== 'Error' && (typeof basic === 'string' || typeof basic === 'number' || typeof basic === 'boolean')) return basic;
  if (typeof v.text === 'string') return v.text;
  if (typeof v.altText === 'string') return v.altText;
  return typeof basic === 'string' ? basic : '#VALUE!';
}

/** Every cell of every range argument read by basicValue. */
export function basicArguments(args: readonly unknown[]): unknown[] {
  return args.map((arg) =>
    Array.isArray(arg) ? arg.map((row: unknown) => (Array.isArray(row) ? row.map(basicValue) : basicValue(row))) : basicValue(arg),
  );
}
