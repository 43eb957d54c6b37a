/**
 * Which sheet of a workbook holds the history, for icp learn (learn-history.ts) and icp proof
 * (history-grid.ts) alike.
 */
import { type Cell, type Model, headerKey, suggestHistoryColumns } from '../core/index.ts';
import { CliError } from './files.ts';
import { type SheetInfo, type XlsxBook, blankRow } from './xlsx.ts';

/**
 * The history sheet of an open workbook: the one named (--sheet), else the first whose header row
 * has the outcome column (--outcome, or one named like an outcome), else the first sheet; and why
 * it was chosen ('' when there was nothing to choose).
 */
export async function chooseHistorySheet(book: XlsxBook, source: { input: string; sheet?: string | undefined; outcome?: string | undefined }, model: Model): Promise<{ chosen: SheetInfo; why: string }> {
  let chosen = source.sheet ? book.sheet(source.sheet) : undefined;
  let why = source.sheet ? '--sheet' : '';
  for (const sheet of chosen ? [] : book.sheets) {
    const header = await headerRow(book, sheet);
    const outcome = source.outcome ? header.some((h) => headerKey(String(h ?? '')) === headerKey(source.outcome!)) : Boolean(suggestHistoryColumns(header, model).outcome);
    if (outcome) {
      chosen = sheet;
      why = book.sheets.length > 1 ? 'the first with an outcome column' : '';
      break;
    }
  }
  if (!chosen && book.sheets.length > 1) why = 'the first sheet: none has an outcome column';
  chosen ??= book.sheets[0];
  if (!chosen) throw new CliError(`the workbook "${source.input}" has no sheets`);
  return { chosen, why };
}

/** A sheet's first row that is not blank (none: empty). */
async function headerRow(book: XlsxBook, sheet: SheetInfo): Promise<Cell[]> {
  for await (const row of book.rows(sheet)) if (!blankRow(row.cells)) return row.cells;
  return [];
}
