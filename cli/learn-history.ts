/**
 * `icp learn`'s history, streamed into a table column by column: a CSV is cut into chunks on
 * record boundaries and each chunk parsed on its own, an xlsx sheet is read row by row, and only
 * each column's distinct cells and one code per row are kept. A history of a million deals (or a
 * file larger than any string Node can hold) is read without holding its text or its rows.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Cell, HistoryTable } from '../core/index.ts';
import { TableBuilder } from '../core/learner.ts';
import { CliError, delimiterFor, isXlsx, reason, xlsxRows } from './files.ts';
import { RecordSplitter } from './split.ts';

const READ_BYTES = 256 << 10;
const CHUNK_BYTES = 1 << 20;

const isBlankRow = (row: readonly Cell[]) => row.every((cell) => cell === null || cell === undefined || String(cell).trim() === '');

/** Rows become the table; the first row holding anything is the header row. */
class Rows {
  private builder: TableBuilder | null = null;

  add(row: Cell[]): void {
    if (this.builder) this.builder.add(row);
    else if (!isBlankRow(row)) this.builder = new TableBuilder(row);
  }

  finish(file: string): HistoryTable {
    if (!this.builder) throw new CliError(`the history file "${file}" is empty; it needs a header row and one row per deal`);
    return this.builder.finish();
  }
}

/** The history file as a table; `onRead` hears the share of the file read so far (0–1). */
export async function readHistoryTable(file: string, sheet: string | undefined, delimiter: string | undefined, onRead: (share: number) => void): Promise<HistoryTable> {
  const rows = new Rows();
  if (isXlsx(file)) {
    for await (const [, cells] of xlsxRows(file, sheet)) rows.add(cells);
    onRead(1);
    return rows.finish(file);
  }
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new CliError(`cannot read the history file "${file}": ${reason(error)}`);
  }
  const separator = delimiter ?? delimiterFor(file);
  const splitter = new RecordSplitter(separator.charCodeAt(0), CHUNK_BYTES);
  const decoder = new TextDecoder();
  let read = 0;
  let first = true;
  let newline: '\r\n' | '\r' | '\n' | undefined;
  const parse = (bytes: Buffer) => {
    let text = decoder.decode(bytes);
    if (first) text = text.replace(/^\uFEFF/, '');
    first = false;
    // The line ending of the first chunk holds for the file (a blank row is dropped by the table).
    newline ??= text.includes('\r\n') ? '\r\n' : text.includes('\r') && !text.includes('\n') ? '\r' : '\n';
    for (const row of Papa.parse<string[]>(text, { delimiter: separator, newline, skipEmptyLines: true }).data) rows.add(row);
  };
  try {
    for await (const data of createReadStream(file, { highWaterMark: READ_BYTES })) {
      const bytes = data as Buffer;
      read += bytes.length;
      for (const chunk of splitter.push(bytes)) parse(chunk.bytes);
      onRead(size ? read / size : 1);
    }
  } catch (error) {
    throw new CliError(`cannot read the history file "${file}": ${reason(error)}`);
  }
  for (const chunk of splitter.end()) parse(chunk.bytes);
  onRead(1);
  return rows.finish(file);
}
