/**
 * `icp learn`'s history, streamed into a table column by column: a CSV (in any encoding icp
 * reads, its delimiter found from the header line) is cut into chunks on record boundaries and
 * each chunk parsed on its own; a workbook's history sheet is read row by row. Only each column's
 * distinct cells and one code per row are kept, so a million deals, or a file larger than any
 * text Node can hold, are read without holding the text or the rows.
 */
import { stdin } from 'node:process';
import Papa from 'papaparse';
import type { Cell, HistoryTable, Model } from '../core/index.ts';
import { TableBuilder } from '../core/learner.ts';
import { detectDelimiter, headerLine, readDecimalComma } from './csv-format.ts';
import { openCsvBytes } from './csv-input.ts';
import { CliError, delimiterFor, isXlsx } from './files.ts';
import { chooseHistorySheet } from './history-sheet.ts';
import type { LearnArgs } from './learn-args.ts';
import { RecordSplitter } from './split.ts';
import { NO_SAVED_VALUE, XlsxBook, blankRow, columnLetters, uncachedNote } from './xlsx.ts';

const READ_BYTES = 256 << 10;
const CHUNK_BYTES = 1 << 20;
/** A header line longer than this means the file is not a CSV of deals (and reading on would not end well). */
const MAX_HEADER_BYTES = 8 << 20;

/** Rows become the table; the first row holding anything is the header row. */
class Rows {
  private builder: TableBuilder | null = null;

  add(row: Cell[]): void {
    if (this.builder) this.builder.add(row);
    else if (!blankRow(row)) this.builder = new TableBuilder(row);
  }

  finish(file: string): HistoryTable {
    if (!this.builder) throw new CliError(`the history file "${file}" is empty; it needs a header row and one row per deal`);
    return this.builder.finish();
  }
}

export interface History {
  table: HistoryTable;
  /** For a workbook: the sheet read, and why it was chosen. */
  sheet?: string;
}

/** The history file as a table; `onRead` hears the share of the file read so far (0–1). */
export async function readHistoryTable(args: LearnArgs, model: Model, warn: (note: string) => void, onRead: (share: number) => void): Promise<History> {
  if (isXlsx(args.input)) {
    const history = await readHistorySheet(args, model, warn);
    onRead(1);
    return history;
  }
  return { table: await readCsvTable(args, onRead) };
}

/** A CSV history, streamed: UTF-8 chunks (whatever the file's encoding), the delimiter from the header line. */
async function readCsvTable(args: LearnArgs, onRead: (share: number) => void): Promise<HistoryTable> {
  const file = args.input;
  const input = await openCsvBytes(file, stdin, args.encoding, READ_BYTES, 'history');
  const rows = new Rows();
  // The header line gives the line break and (unless given) the delimiter for the whole file.
  let pending: Buffer = Buffer.alloc(0);
  let line: ReturnType<typeof headerLine>;
  let atEnd = false;
  let read = 0;
  while (!(line = headerLine(pending.toString('utf8'), atEnd))) {
    const bytes = await input.next();
    if (!bytes) atEnd = true;
    else {
      read += bytes.length;
      pending = pending.length ? Buffer.concat([pending, bytes]) : bytes;
    }
    if (pending.length > MAX_HEADER_BYTES) {
      throw new CliError(
        `the history file "${file}" has no line break in its first ${MAX_HEADER_BYTES / 2 ** 20} MB, so it has no header row: ` +
          'icp learn reads a CSV file with a header row and one row per deal (or an xlsx workbook)',
      );
    }
  }
  const delimiter = args.delimiter ?? detectDelimiter(line.line, delimiterFor(file));
  const { newline } = line;
  const parse = (bytes: Buffer) => {
    for (const row of Papa.parse<string[]>(bytes.toString('utf8'), { delimiter, newline, skipEmptyLines: true }).data) {
      rows.add(delimiter === ';' ? row.map(readDecimalComma) : row);
    }
  };
  const splitter = new RecordSplitter(delimiter.charCodeAt(0), CHUNK_BYTES, undefined, newline === '\r' ? '\r' : '\n');
  for (const chunk of splitter.push(pending)) parse(chunk.bytes);
  for (let bytes = await input.next(); bytes; bytes = await input.next()) {
    read += bytes.length;
    for (const chunk of splitter.push(bytes)) parse(chunk.bytes);
    onRead(input.size ? Math.min(1, read / input.size) : 0);
  }
  for (const chunk of splitter.end()) parse(chunk.bytes);
  onRead(1);
  return rows.finish(file);
}

/**
 * The history sheet of a workbook: the one named (--sheet), else the first whose header row
 * has the outcome column (--outcome, or one named like an outcome), else the first sheet. The
 * starter workbook's deals are on its third sheet, "Closed deals".
 */
async function readHistorySheet(args: LearnArgs, model: Model, warn: (note: string) => void): Promise<History> {
  const book = await XlsxBook.open(args.input, 'history');
  try {
    const { chosen, why } = await chooseHistorySheet(book, args, model);
    const rows = new Rows();
    let uncached = 0;
    let first = '';
    for await (const row of book.rows(chosen)) {
      for (const column of row.uncached) {
        if (uncached++ === 0) first = `${columnLetters(column)}${row.number}`;
        row.cells[column] = NO_SAVED_VALUE;
      }
      rows.add(row.cells);
    }
    if (uncached > 0) warn(uncachedNote(args.input, chosen.name, uncached, first));
    return { table: rows.finish(args.input), sheet: `"${chosen.name}" of ${args.input}${why ? ` (${why})` : ''}` };
  } finally {
    book.close();
  }
}
