/**
 * How a CSV file is laid out, read from its header line: the line break (LF, CRLF, or CR alone
 * as Excel for Mac's "CSV (Macintosh)" writes), the delimiter (`,`, `;` as European Excel
 * writes, or tab), and, in a `;` file only, numbers with decimal commas (`1.234,5`).
 */
import Papa from 'papaparse';
import type { Cell } from '../core/index.ts';

export type Newline = '\n' | '\r\n' | '\r';

/** The delimiters a header line is searched for, in order of preference on a tie. */
const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The first line of `text` (the header row) and the line break that ends it, found outside
 * quotes; undefined while no line break has been seen and more text may come.
 */
export function headerLine(text: string, atEnd: boolean): { line: string; newline: Newline } | undefined {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      if (c === '\n') return { line: text.slice(0, i), newline: '\n' };
      if (i + 1 >= text.length && !atEnd) return undefined; // CR or CRLF: the next character says
      return { line: text.slice(0, i), newline: text[i + 1] === '\n' ? '\r\n' : '\r' };
    }
  }
  return atEnd ? { line: text, newline: '\n' } : undefined;
}

/**
 * The delimiter of a file whose header line is `line`: the one of `,` `;` tab found most often
 * outside quotes; `fallback` (the file name's: tab for .tsv, else comma) when none is there or
 * when it ties for the most.
 */
export function detectDelimiter(line: string, fallback: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const c of line) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  const most = Math.max(...counts.values());
  if (most === 0 || counts.get(fallback) === most) return fallback;
  return DELIMITERS.find((d) => counts.get(d) === most)!;
}

/** A whole CSV text as rows, its delimiter found from the header line unless given; decimal commas read in a `;` file. */
export function parseCsvText(text: string, fallback: string, given?: string, options: { skipEmptyLines?: 'greedy' } = {}): { rows: Cell[][]; delimiter: string } {
  const delimiter = given ?? detectDelimiter(headerLine(text.slice(0, 1 << 20), true)?.line ?? '', fallback);
  const rows = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: options.skipEmptyLines ?? false }).data;
  return { rows: delimiter === ';' ? rows.map((row) => row.map(readDecimalComma)) : rows, delimiter };
}

// A number as European Excel writes it: dots grouping thousands (in threes), a decimal comma,
// with whatever currency, sign, suffix or percent sign around it that the value reader takes.
const EUROPEAN = /^([^\d.,]*?)([-+]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?([^\d.,]*)$/;
const RANGE_DASH = /^(.+?\d)(\s*(?:-|–|—|to)\s*)(\d.*)$/i;

function europeanNumber(text: string): string | undefined {
  const match = EUROPEAN.exec(text);
  if (!match) return undefined;
  const [, before, sign, whole, decimals, after] = match;
  if (decimals === undefined && !whole!.includes('.')) return undefined;
  return `${before}${sign}${whole!.replace(/\./g, '')}${decimals === undefined ? '' : `.${decimals}`}${after}`;
}

/**
 * A field of a `;` file as the value reader needs it: `1.234,5` → `1234.5`, `12,5 %` → `12.5 %`,
 * `€ 1.200` → `€ 1200`, a range `1.000-5.000` → `1000-5000`. Anything else is left as it is
 * (text, dates, `1.5`). Only for reading: the file's fields are written back as they were.
 */
export function readDecimalComma(field: string): string {
  if (!/\d[.,]\d/.test(field)) return field;
  const trimmed = field.trim();
  const single = europeanNumber(trimmed);
  if (single !== undefined) return single;
  const range = RANGE_DASH.exec(trimmed);
  if (!range) return field;
  const side = (text: string) => europeanNumber(text) ?? (/^[^\d.,]*\d+[^\d.,]*$/.test(text) ? text : undefined);
  const [low, high] = [side(range[1]!), side(range[3]!)];
  return low !== undefined && high !== undefined ? `${low}${range[2]}${high}` : field;
}
