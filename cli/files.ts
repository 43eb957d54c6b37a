/**
 * Reading the files the CLI is given: the model (CSV or xlsx) whole, CSV files in their own
 * encoding and layout (encoding.ts, csv-format.ts), xlsx sheets through xlsx.ts. Cells become
 * what the core reads: text, numbers, yes/no values; dates become ISO days, so no time zone
 * can shift them.
 */
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { Cell } from '../core/index.ts';
import { detectDelimiter, headerLine, parseCsvText } from './csv-format.ts';
import { bomAt, decodeWhole, sniffEncoding } from './encoding.ts';
import { CliError, reason } from './errors.ts';
import { XlsxBook, sheetGrid, uncachedNote } from './xlsx.ts';

export { CliError, reason };

export function isXlsx(file: string): boolean {
  return path.extname(file).toLowerCase() === '.xlsx';
}

/** The delimiter a file's name implies: tab for .tsv, else comma. */
export function delimiterFor(file: string): string {
  return path.extname(file).toLowerCase() === '.tsv' ? '\t' : ',';
}

/** The most a file read whole can hold: JavaScript's longest string is about 512 MB. */
export const MAX_TEXT_BYTES = 512 * 2 ** 20;

/**
 * A whole text file (a model, a history, a header file); refused with `tooLarge`'s sentence
 * before reading when it is larger than a string can hold.
 */
export async function readWholeText(
  file: string,
  what: string,
  options: { tooLarge?: (file: string, bytes: number) => CliError; encoding?: string } = {},
): Promise<string> {
  try {
    const { size } = await stat(file);
    if (size > MAX_TEXT_BYTES) {
      throw options.tooLarge?.(file, size) ?? new CliError(`the ${what} file "${file}" is ${Math.round(size / 2 ** 20)} MB, more than icp can read at once (${MAX_TEXT_BYTES / 2 ** 20} MB)`);
    }
    // In its encoding: given, or its byte-order mark's, or UTF-8 when valid, else Windows-1252.
    return decodeWhole(await readFile(file), options.encoding);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read the ${what} file "${file}": ${reason(error)}`);
  }
}

/** The header row of a CSV file (a table's columns), reading no more than its first megabyte. */
export async function readHeaderRow(file: string): Promise<string[]> {
  let bytes: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(1 << 20), position: 0 });
      bytes = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new CliError(`cannot read the header file "${file}": ${reason(error)}`);
  }
  const bom = bomAt(bytes);
  const encoding = bom?.encoding ?? sniffEncoding(bytes, true) ?? 'utf-8';
  const line = headerLine(decodeWhole(bytes, encoding), true)?.line ?? '';
  const header = Papa.parse<string[]>(line, { delimiter: detectDelimiter(line, delimiterFor(file)) }).data[0];
  if (!header || header.every((h) => h.trim() === '')) throw new CliError(`the file "${file}" has no header row`);
  return header;
}


/**
 * The model worksheet as a grid (header row included), from a CSV/TSV or an xlsx file; `warn`
 * hears about formula cells with no saved value.
 */
export async function readModelGrid(file: string, sheet?: string, warn?: (note: string) => void): Promise<Cell[][]> {
  if (isXlsx(file)) return readXlsxGrid(file, sheet, warn);
  return parseCsvText(await readWholeText(file, 'model'), delimiterFor(file)).rows;
}

type ExcelModule = typeof import('exceljs');
let excel: Promise<ExcelModule> | undefined;
/** exceljs is big: loaded only when icp init writes a workbook. */
export function loadExcel(): Promise<ExcelModule> {
  excel ??= import('exceljs').then((m) => ((m as { default?: ExcelModule }).default ?? m) as ExcelModule);
  return excel;
}

/** The model sheet: the one named, else "ICP Model", else the first. */
async function readXlsxGrid(file: string, sheet?: string, warn?: (note: string) => void): Promise<Cell[][]> {
  const book = await XlsxBook.open(file, 'model');
  try {
    const chosen = sheet ? book.sheet(sheet) : (book.sheets.find((s) => s.name.toLowerCase() === 'icp model') ?? book.sheets[0]);
    if (!chosen) throw new CliError(`the workbook "${file}" has no sheets`);
    return await sheetGrid(book, chosen, (count, first) => warn?.(uncachedNote(file, chosen.name, count, first)));
  } finally {
    book.close();
  }
}

/**
 * Writes a whole file so that it is either there complete or not at all: the data goes to a
 * temporary file beside the target, then takes its name. Without `overwrite`, an existing
 * target (even one that appears meanwhile) is never replaced: the temporary file is linked to
 * the name, which fails if the name is taken. A failure leaves no temporary file behind.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, options: { overwrite?: boolean } = {}): Promise<void> {
  const { link, rename, unlink, writeFile } = await import('node:fs/promises');
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const removeTemp = () => unlink(temp).catch(() => {});
  try {
    await writeFile(temp, data, { flag: 'wx' });
  } catch (error) {
    await removeTemp();
    const missingFolder = (error as { code?: string }).code === 'ENOENT';
    throw new CliError(`cannot write "${target}": ${missingFolder ? `there is no folder "${path.dirname(target)}"` : reason(error)}`);
  }
  try {
    if (options.overwrite) await rename(temp, target);
    else {
      await link(temp, target);
      await removeTemp();
    }
  } catch (error) {
    await removeTemp();
    if ((error as { code?: string }).code === 'EEXIST') {
      throw new CliError(`"${target}" already exists; choose another name, or add --force to replace it`);
    }
    throw new CliError(`cannot write "${target}": ${reason(error)}`);
  }
}
