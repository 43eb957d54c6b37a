/**
 * Every sentence a host says to the person using the panel, in one place, so the four hosts
 * (Google Sheets, Excel, the preview, the in-memory workbook) say the same thing in the same words.
 */
import { HISTORY_SHEET } from './host.ts';

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');
/** A sentence inside parentheses, without its full stop. */
const inner = (sentence: string) => sentence.replace(/[.\s]+$/, '');
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

export const messages = {
  // ---- requests from the panel ---------------------------------------------------------------
  badRequest: (what: string, where: string, detail: string) => `The panel sent ${what} the workbook cannot read${where}: ${detail}.`,

  // ---- saving the model -----------------------------------------------------------------------
  invalidModel: (problem: string) => `Nothing was saved: ${problem}`,
  requestRefused: (sentence: string) => `${sentence} Nothing was saved.`,
  lockBusy: () => 'Someone else is saving the model right now, so nothing was saved; try again in a moment.',
  cellTooLong: (cell: string, length: number, limit: number) =>
    `Nothing was saved: cell ${cell} of the model would hold ${thousands(length)} characters, and a cell of this workbook holds at most ${thousands(limit)}.`,
  historyNotKept: (detail: string) =>
    `Nothing was saved: the version the model sheet holds could not be kept in the "${HISTORY_SHEET}" sheet first (${inner(detail)}).`,
  modelSheetGone: (sheet: string) => `Nothing was saved: the sheet "${sheet}" was deleted while saving.`,
  saveRolledBack: (sheet: string, detail: string) => `The model could not be saved, so the sheet "${sheet}" was left as it was: ${detail}`,
  rollbackFailed: (sheet: string, writeError: string, restoreError: string, versionId: string | null) =>
    `The model could not be saved (${inner(writeError)}), and putting the sheet "${sheet}" back failed too (${inner(restoreError)}), so it may hold part of the new model. ` +
    (versionId
      ? `The version it held is kept in the hidden "${HISTORY_SHEET}" sheet as version ${versionId}: restore it from the panel's History.`
      : 'It held no model before this save.'),

  // ---- sheets and history ---------------------------------------------------------------------
  noSuchSheet: (name: string, sheets: readonly string[]) => `There is no sheet named "${name}" in this workbook; its sheets are ${quoted(sheets)}.`,
  noSuchVersion: (id: string, model: string) => `There is no saved version "${id}" of the model "${model}" in the "${HISTORY_SHEET}" sheet.`,
  damagedVersion: (id: string) =>
    `The saved version "${id}" in the "${HISTORY_SHEET}" sheet is damaged (its JSON cannot be read), so it cannot be restored.`,

  // ---- score this sheet -----------------------------------------------------------------------
  nothingToScore: (sheet: string) => `The sheet "${sheet}" is empty: there are no prospect rows to score.`,
  noProspectColumns: (sheet: string, headerRow: number) => `The sheet "${sheet}" has no prospect columns in row ${headerRow} to score.`,
  mappedColumnMissing: (field: string, header: string, headers: readonly string[]) =>
    `The Field "${field}" is mapped to the column "${header}", but the sheet has no such column; its headers are ${quoted(headers.filter(Boolean))}.`,

  // ---- tier summary ---------------------------------------------------------------------------
  nothingToSummarize: (sheet: string) => `The sheet "${sheet}" is empty: there is nothing to summarize.`,
  noSuchColumn: (sheet: string, header: string, headers: readonly string[]) => {
    const known = headers.filter(Boolean);
    return `The sheet "${sheet}" has no "${header}" column${known.length ? `; its headers are ${quoted(known)}` : ''}. Score the sheet first, or pick another column.`;
  },
  modelProblemForSummary: (model: string, problem: string) => `The model "${model}" has a problem, so no summary was made: ${problem}`,
  summarySource: (created: string, scored: string, model: string) => `Created ${created} from the sheet "${scored}" and the model "${model}".`,

  // ---- converting the other host's formulas ---------------------------------------------------
  convertBusy: () =>
    'Someone else is changing this spreadsheet right now (saving the model, say), so no formula was converted; try again in a moment.',
} as const;

/** The sentence of any thrown value. */
export function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
