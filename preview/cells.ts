/**
 * Cells between the preview's three shapes: CSV text, the panel's wire cells, and HyperFormula's
 * raw content and values. Text stays text: HyperFormula would read "20%" as 0.2, "30/09/2026" as a
 * date and "=…" as a formula, so text that could be read as anything else is written with a
 * leading apostrophe, exactly as a person forces text in a spreadsheet.
 */
import { DetailedCellError, type CellValue, type RawCellContent } from 'hyperformula';
import Papa from 'papaparse';
import type { WireCell } from '../workbook/host.ts';

/** Text HyperFormula might parse as a number, date, boolean, formula or error. */
const AMBIGUOUS = /^[\s=+\-'#$€£¥.,\d(]|^(?:true|false)$|%\s*$/i;
const PLAIN_NUMBER = /^-?(?:\d+|\d*\.\d+)$/;

/** A wire cell as HyperFormula content that holds exactly that value. */
export function toRawContent(cell: WireCell | undefined): RawCellContent {
  if (cell === null || cell === undefined || cell === '') return null;
  if (typeof cell === 'string' && AMBIGUOUS.test(cell)) return `'${cell}`;
  return cell;
}

/** A HyperFormula value as a wire cell: errors as their text (#VALUE!), blanks as ''. */
export function toWireCell(value: CellValue): WireCell {
  if (value === null || value === undefined) return '';
  if (value instanceof DetailedCellError) return value.value;
  return value;
}

/**
 * A CSV file as rows of wire cells, read the way a spreadsheet imports one: plain numbers become
 * numbers, everything else stays the text it was (the scoring core reads "$1.2M", "201-500" and
 * "yes" itself). Blank lines at the end are dropped.
 */
export function parseCsv(text: string): WireCell[][] {
  const parsed = Papa.parse<string[]>(text.replace(/\r?\n$/, ''), { skipEmptyLines: false });
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0]!;
    throw new Error(`The CSV could not be read at row ${(first.row ?? 0) + 1}: ${first.message}.`);
  }
  return parsed.data.map((row) => row.map((cell) => (PLAIN_NUMBER.test(cell.trim()) ? Number(cell) : cell)));
}

/** `A`, `B`, … `AA` for a 0-based column. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** `A1` notation for a 0-based row and column. */
export function a1(row: number, column: number): string {
  return `${columnName(column)}${row + 1}`;
}

/** A sheet name as a formula writes it: always quoted, quotes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
