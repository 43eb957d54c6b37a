/**
 * A history read whole, as a grid (header row first), for `icp proof`: a CSV in the encoding icp
 * reads, or an xlsx workbook's history sheet (`--sheet`, else the first sheet whose header row has
 * an outcome column, else the first sheet; the answer says which was read and why).
 */
import type { Cell, Model } from '../core/index.ts';
import { parseCsvText } from './csv-format.ts';
import { CliError, MAX_TEXT_BYTES, delimiterFor, isXlsx, readWholeText } from './files.ts';
import { chooseHistorySheet } from './history-sheet.ts';
import { XlsxBook, sheetGrid, uncachedNote } from './xlsx.ts';

export interface HistorySource {
  input: string;
  encoding?: string | undefined;
  delimiter?: string | undefined;
  sheet?: string | undefined;
  /** The outcome column's header, when named: the sheet that has it is the history. */
  outcome?: string | undefined;
}

/** The history file as a grid; for a workbook, the sheet read and why. `command` names the command in messages. */
export async function readHistoryGrid(source: HistorySource, model: Model, command: string, warn: (note: string) => void): Promise<{ grid: Cell[][]; sheet?: string }> {
  if (isXlsx(source.input)) return readHistorySheet(source, model, warn);
  const tooLarge = (file: string, bytes: number) =>
    new CliError(
      `the history file "${file}" is ${Math.round(bytes / 2 ** 20)} MB, more than ${command} can read at once (${Math.round(MAX_TEXT_BYTES / 2 ** 20)} MB): ` +
        'keep only the columns the model reads and the outcome, amount, date, churned and ARR now columns, or a shorter period, and run it again',
    );
  const text = await readWholeText(source.input, 'history', { tooLarge, ...(source.encoding ? { encoding: source.encoding } : {}) });
  return { grid: parseCsvText(text, delimiterFor(source.input), source.delimiter, { skipEmptyLines: 'greedy' }).rows };
}

async function readHistorySheet(source: HistorySource, model: Model, warn: (note: string) => void): Promise<{ grid: Cell[][]; sheet?: string }> {
  const book = await XlsxBook.open(source.input, 'history');
  try {
    const { chosen, why } = await chooseHistorySheet(book, source, model);
    const grid = await sheetGrid(book, chosen, (count, first) => warn(uncachedNote(source.input, chosen.name, count, first)));
    return { grid, sheet: `"${chosen.name}" of ${source.input}${why ? ` (${why})` : ''}` };
  } finally {
    book.close();
  }
}
