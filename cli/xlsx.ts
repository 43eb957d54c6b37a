/**
 * Reading xlsx workbooks as a spreadsheet shows them, row by row, in constant memory: the zip
 * is read with yauzl (any part, in any order), each part's XML with saxes. Formula cells give
 * their saved value (an error value such as #N/A as its text; a formula with no saved value
 * is unreadable, and reported); dates follow the workbook's 1900 or 1904 date system; a merged
 * range is its top-left value, as the file stores it; only the rows the file holds are read,
 * and a row past the last one a spreadsheet can hold is refused before anything is allocated.
 */
import path from 'node:path';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import type { Cell } from '../core/index.ts';
import { CliError, reason } from './errors.ts';

/** The last row and column a spreadsheet holds (Excel: 1,048,576 × XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** Stands for a formula cell with no saved value when it is scored: unreadable for every rule. */
export const NO_SAVED_VALUE = '#N/A';

export interface SheetInfo {
  name: string;
  /** The part's path in the zip (`xl/worksheets/sheet1.xml`). */
  part: string;
}

export interface SheetRow {
  /** 1-based row number in the sheet. */
  number: number;
  /** The cells from column A, as the core reads them; a formula cell with no saved value is null here. */
  cells: Cell[];
  /** 0-based columns of formula cells with no saved value. */
  uncached: number[];
}

const openZip = (file: string) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => (error || !zip ? reject(error) : resolve(zip))),
  );

/** A column's letters (`A`, `AB`) as a 0-based index. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

/** A 0-based column index as letters. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** `_x000D_`: how OOXML writes a character XML cannot hold. */
const decodeEscapes = (text: string) => (text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text);

/** The element name without its namespace prefix (`x:row` → `row`). */
export const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Whether a number format shows a date (and not only a time of day). */
export function isDateFormat(code: string): boolean {
  const first = code.split(';')[0] ?? '';
  const bare = first.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

/** The built-in number formats that show a date. */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

const DAY_MS = 86_400_000;

/** The calendar day a date serial shows, as ISO text; `date1904`: the Mac date system. */
export function serialDay(serial: number, date1904: boolean): string {
  const whole = Math.floor(serial);
  let days: number;
  if (date1904) days = whole + Date.UTC(1904, 0, 1) / DAY_MS;
  // 1900 system: serial 60 is the 29 February 1900 that never was (Lotus's leap year, kept by Excel).
  else if (whole === 60) return '1900-02-29';
  else days = whole + Date.UTC(1899, 11, whole < 60 ? 31 : 30) / DAY_MS;
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** Parses XML text handed over in pieces; each event goes to `on`. */
export function xmlParser(on: {
  open?: (tag: SaxesTagPlain) => void;
  text?: (text: string) => void;
  close?: (tag: SaxesTagPlain) => void;
}): SaxesParser {
  const parser = new SaxesParser({ xmlns: false, position: false });
  if (on.open) parser.on('opentag', on.open);
  if (on.text) parser.on('text', on.text);
  if (on.close) parser.on('closetag', on.close);
  return parser;
}

/**
 * The cells of a sheet's rows, from its XML events: give it every open tag, text and close
 * tag; it hands back each row as it closes.
 */
export class SheetCells {
  private row: { number: number; cells: Cell[]; uncached: number[] } | undefined;
  private lastRow = 0;
  private column = -1;
  private cell: { column: number; type: string; style: number; value: string; formula: boolean; hasValue: boolean; inline: string } | undefined;
  private capture: 'v' | 't' | undefined;
  private inPhonetic = false;

  constructor(
    private readonly strings: readonly string[],
    private readonly dateStyles: readonly boolean[],
    private readonly date1904: boolean,
    /** A row past the last a spreadsheet holds: the sentence that refuses it. */
    private readonly farRow: (row: number, column?: number) => CliError,
  ) {}

  open(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    if (name === 'row') {
      const r = tag.attributes.r;
      const number = r ? Number(r) : this.lastRow + 1;
      if (!Number.isInteger(number) || number < 1 || number > MAX_ROWS) throw this.farRow(number);
      this.lastRow = number;
      this.column = -1;
      this.row = { number, cells: [], uncached: [] };
    } else if (name === 'c' && this.row) {
      const ref = tag.attributes.r;
      const letters = ref ? /^[A-Za-z]+/.exec(ref)?.[0] : undefined;
      const column = letters ? columnIndex(letters) : this.column + 1;
      if (column >= MAX_COLUMNS) throw this.farRow(this.row.number, column + 1);
      this.column = column;
      this.cell = { column, type: tag.attributes.t ?? 'n', style: Number(tag.attributes.s ?? 0), value: '', formula: false, hasValue: false, inline: '' };
    } else if (this.cell) {
      if (name === 'f') this.cell.formula = true;
      else if (name === 'v') {
        this.capture = 'v';
        this.cell.hasValue = true;
      } else if (name === 'rPh') this.inPhonetic = true;
      else if (name === 't' && !this.inPhonetic) {
        this.capture = 't';
        this.cell.hasValue = true;
      }
    }
  }

  text(text: string): void {
    if (!this.cell || !this.capture) return;
    if (this.capture === 'v') this.cell.value += text;
    else this.cell.inline += text;
  }

  /** Returns the row when `tag` closes one. */
  close(tag: SaxesTagPlain): SheetRow | undefined {
    const name = localName(tag.name);
    if (name === 'v' || name === 't') this.capture = undefined;
    else if (name === 'rPh') this.inPhonetic = false;
    else if (name === 'c' && this.cell && this.row) {
      const { cells, uncached } = this.row;
      const value = this.value(this.cell);
      while (cells.length < this.cell.column) cells.push(null);
      cells[this.cell.column] = value;
      if (value === undefined) {
        cells[this.cell.column] = null;
        uncached.push(this.cell.column);
      }
      this.cell = undefined;
    } else if (name === 'row' && this.row) {
      const row = this.row;
      this.row = undefined;
      return row;
    }
    return undefined;
  }

  /** A cell's value as the core reads it; undefined for a formula with no saved value. */
  private value(cell: NonNullable<SheetCells['cell']>): Cell | undefined {
    if (!cell.hasValue) return cell.formula ? undefined : null;
    const v = cell.value;
    switch (cell.type) {
      case 's':
        return this.strings[Number(v)] ?? null;
      case 'inlineStr':
        return decodeEscapes(cell.inline);
      case 'str':
        return decodeEscapes(v);
      case 'b':
        return v.trim() === '1' || v.trim().toLowerCase() === 'true';
      case 'e':
        return v.trim();
      case 'd':
        return v.trim().slice(0, 10);
      default: {
        if (v.trim() === '') return cell.formula ? undefined : null;
        const n = Number(v);
        if (!Number.isFinite(n)) return v;
        return this.dateStyles[cell.style] ? serialDay(n, this.date1904) : n;
      }
    }
  }
}

/** An xlsx file opened for reading: its sheets, shared strings and date styles. */
export class XlsxBook {
  private constructor(
    readonly file: string,
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    readonly sheets: SheetInfo[],
    readonly date1904: boolean,
    private readonly stylesPart: string | undefined,
    private readonly stringsPart: string | undefined,
  ) {}

  /** Opens the workbook; a CliError in a sentence when it is not one. */
  static async open(file: string, what: string): Promise<XlsxBook> {
    let zip: yauzl.ZipFile;
    try {
      zip = await openZip(file);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new CliError(`cannot read the ${what} workbook "${file}": ${code ? reason(error) : 'it is not an xlsx file (not a zip archive); save it from Excel as "Excel Workbook (.xlsx)"'}`);
    }
    const entries = await new Promise<Map<string, yauzl.Entry>>((resolve, reject) => {
      const found = new Map<string, yauzl.Entry>();
      zip.on('entry', (entry: yauzl.Entry) => {
        found.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve(found));
      zip.on('error', reject);
      zip.readEntry();
    }).catch((error: unknown) => {
      zip.close();
      throw new CliError(`cannot read the ${what} workbook "${file}": it is damaged (${reason(error)})`);
    });
    const book = new XlsxBook(file, zip, entries, [], false, undefined, undefined);
    try {
      return await book.load(what);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  private async load(what: string): Promise<XlsxBook> {
    const rootRels = await this.relationships('_rels/.rels', '');
    const workbookPart = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    if (!this.entries.has(workbookPart)) throw new CliError(`cannot read the ${what} workbook "${this.file}": it has no workbook part; save it from Excel as "Excel Workbook (.xlsx)"`);
    const folder = path.posix.dirname(workbookPart);
    const rels = await this.relationships(path.posix.join(folder, '_rels', `${path.posix.basename(workbookPart)}.rels`), folder);
    const byId = new Map(rels.map((r) => [r.id, r]));
    const sheets: SheetInfo[] = [];
    let date1904 = false;
    await this.parsePart(workbookPart, {
      open: (tag) => {
        const name = localName(tag.name);
        if (name === 'workbookPr') date1904 = ['1', 'true'].includes(String(tag.attributes.date1904 ?? '').toLowerCase());
        if (name === 'sheet') {
          const id = Object.entries(tag.attributes).find(([key]) => localName(key) === 'id' && key.includes(':'))?.[1];
          const target = id ? byId.get(id)?.target : undefined;
          if (target && this.entries.has(target)) sheets.push({ name: String(tag.attributes.name ?? ''), part: target });
        }
      },
    });
    const styles = rels.find((r) => r.type.endsWith('/styles'))?.target;
    const strings = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target;
    return new XlsxBook(this.file, this.zip, this.entries, sheets, date1904, styles, strings);
  }

  /** The relationships of a part: id, type and target (a path in the zip). */
  private async relationships(part: string, folder: string): Promise<{ id: string; type: string; target: string }[]> {
    const out: { id: string; type: string; target: string }[] = [];
    if (!this.entries.has(part)) return out;
    await this.parsePart(part, {
      open: (tag) => {
        if (localName(tag.name) !== 'Relationship' || tag.attributes.TargetMode === 'External') return;
        const raw = String(tag.attributes.Target ?? '');
        const target = raw.startsWith('/') ? raw.slice(1) : path.posix.normalize(path.posix.join(folder, raw));
        out.push({ id: String(tag.attributes.Id ?? ''), type: String(tag.attributes.Type ?? ''), target });
      },
    });
    return out;
  }

  has(part: string): boolean {
    return this.entries.has(part);
  }

  /** Every part's path, in the order the zip holds them. */
  parts(): string[] {
    return [...this.entries.keys()];
  }

  entry(part: string): yauzl.Entry | undefined {
    return this.entries.get(part);
  }

  /** A part's bytes, decompressed, as a stream. */
  stream(part: string): Promise<Readable> {
    const entry = this.entries.get(part);
    if (!entry) return Promise.reject(new Error(`no part ${part}`));
    return new Promise((resolve, reject) => this.zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error) : resolve(stream))));
  }

  /** Feeds a part's XML through a parser, piece by piece; a damaged part is a CliError. */
  async parsePart(part: string, on: Parameters<typeof xmlParser>[0], each?: () => void | Promise<void>, given?: SaxesParser): Promise<void> {
    const parser = given ?? xmlParser(on);
    const stream = await this.stream(part);
    const decoder = new TextDecoder();
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        parser.write(decoder.decode(chunk, { stream: true }));
        await each?.();
      }
      parser.write(decoder.decode()).close();
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`cannot read the workbook "${this.file}": its part ${part} is damaged (${reason(error)})`);
    } finally {
      stream.destroy();
    }
  }

  private strings: Promise<string[]> | undefined;
  private styles: Promise<boolean[]> | undefined;

  /** The shared strings (rich text as its plain text, phonetic guides left out); read once. */
  sharedStrings(): Promise<string[]> {
    this.strings ??= this.readSharedStrings();
    return this.strings;
  }

  /** For each cell style, whether its number format shows a date; read once. */
  dateStyles(): Promise<boolean[]> {
    this.styles ??= this.readDateStyles();
    return this.styles;
  }

  private async readSharedStrings(): Promise<string[]> {
    const strings: string[] = [];
    if (!this.stringsPart || !this.entries.has(this.stringsPart)) return strings;
    let current: string | undefined;
    let inText = false;
    let phonetic = false;
    await this.parsePart(this.stringsPart, {
      open: (tag) => {
        const name = localName(tag.name);
        if (name === 'si') current = '';
        else if (name === 'rPh') phonetic = true;
        else if (name === 't' && !phonetic) inText = true;
      },
      text: (text) => {
        if (inText && current !== undefined) current += text;
      },
      close: (tag) => {
        const name = localName(tag.name);
        if (name === 't') inText = false;
        else if (name === 'rPh') phonetic = false;
        else if (name === 'si') {
          strings.push(decodeEscapes(current ?? ''));
          current = undefined;
        }
      },
    });
    return strings;
  }

  private async readDateStyles(): Promise<boolean[]> {
    const custom = new Map<number, string>();
    const styles: boolean[] = [];
    if (!this.stylesPart || !this.entries.has(this.stylesPart)) return styles;
    let inCellXfs = false;
    await this.parsePart(this.stylesPart, {
      open: (tag) => {
        const name = localName(tag.name);
        if (name === 'numFmt') custom.set(Number(tag.attributes.numFmtId), String(tag.attributes.formatCode ?? ''));
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          const id = Number(tag.attributes.numFmtId ?? 0);
          const code = custom.get(id);
          styles.push(code === undefined ? DATE_FORMAT_IDS.has(id) : isDateFormat(code));
        }
      },
      close: (tag) => {
        if (localName(tag.name) === 'cellXfs') inCellXfs = false;
      },
    });
    return styles;
  }

  /** The sheet named `name` (any case), or a CliError listing the sheets. */
  sheet(name: string): SheetInfo {
    const found = this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (found) return found;
    throw new CliError(`the workbook "${this.file}" has no sheet "${name}"; its sheets are ${this.sheets.map((s) => `"${s.name}"`).join(', ')}`);
  }

  /** The sentence that refuses a row (or, given, a column) past the last a spreadsheet holds. */
  farRow(sheet: SheetInfo): (row: number, column?: number) => CliError {
    return (row, column) => {
      const what =
        column === undefined
          ? `a row numbered ${Number.isFinite(row) ? row.toLocaleString('en-US') : String(row)}`
          : `a cell in column ${column.toLocaleString('en-US')} (row ${row.toLocaleString('en-US')})`;
      return new CliError(
        `the workbook "${this.file}" has ${what} on the sheet "${sheet.name}", past the last ${column === undefined ? `row a spreadsheet can hold (${MAX_ROWS.toLocaleString('en-US')})` : `column a spreadsheet can hold (XFD, ${MAX_COLUMNS.toLocaleString('en-US')})`}: ` +
          'the file is damaged or was not saved by a spreadsheet. Open it in Excel or LibreOffice and save it again, or export the sheet as CSV.',
      );
    };
  }

  /** A reader of one sheet's cells, with the workbook's strings and date styles. */
  async cellsReader(sheet: SheetInfo): Promise<SheetCells> {
    return new SheetCells(await this.sharedStrings(), await this.dateStyles(), this.date1904, this.farRow(sheet));
  }

  /** The rows the sheet holds, in order, as they are read (stop early with `return`). */
  async *rows(sheet: SheetInfo): AsyncGenerator<SheetRow> {
    const reader = await this.cellsReader(sheet);
    const ready: SheetRow[] = [];
    const parser = xmlParser({
      open: (tag) => reader.open(tag),
      text: (text) => reader.text(text),
      close: (tag) => {
        const row = reader.close(tag);
        if (row) ready.push(row);
      },
    });
    const stream = await this.stream(sheet.part);
    const decoder = new TextDecoder();
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        try {
          parser.write(decoder.decode(chunk, { stream: true }));
        } catch (error) {
          if (error instanceof CliError) throw error;
          throw new CliError(`cannot read the sheet "${sheet.name}" of "${this.file}": it is damaged (${reason(error)})`);
        }
        yield* ready.splice(0);
      }
      parser.write(decoder.decode()).close();
      yield* ready.splice(0);
    } finally {
      stream.destroy();
    }
  }

  close(): void {
    this.zip.close();
  }
}

/** Whether every cell of a row is blank. */
export function blankRow(cells: readonly Cell[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

/** The workbook's rows of one sheet as a grid from row 1 (rows the file does not hold are empty). */
export async function sheetGrid(book: XlsxBook, sheet: SheetInfo, onUncached?: (count: number, first: string) => void): Promise<Cell[][]> {
  const grid: Cell[][] = [];
  let uncached = 0;
  let first = '';
  for await (const row of book.rows(sheet)) {
    while (grid.length < row.number - 1) grid.push([]);
    for (const column of row.uncached) {
      if (uncached++ === 0) first = `${columnLetters(column)}${row.number}`;
      row.cells[column] = NO_SAVED_VALUE;
    }
    grid.push(row.cells);
  }
  if (uncached > 0) onUncached?.(uncached, first);
  return grid;
}

/** The sentence for formula cells with no saved value (read as unreadable, as an error value is). */
export function uncachedNote(file: string, sheet: string, count: number, first: string): string {
  return (
    `${count.toLocaleString('en-US')} formula cell${count === 1 ? '' : 's'} of the sheet "${sheet}" in "${file}" ${count === 1 ? 'has' : 'have'} no saved value (the first is ${first}), ` +
    'so icp read them as unreadable, as an error value. Open the workbook in Excel and save it (or recalculate and save) to store their values.'
  );
}
