/**
 * Every sentence the panel says in a notice, and every line its busy indicator shows, in one place
 * (the hosts' sentences are in workbook/messages.ts). Views keep their labels and hints.
 */
import { formatShare } from './sections.ts';

/** `1 problem`, `3 problems`. */
const problems = (n: number) => `${n} problem${n === 1 ? '' : 's'}`;

/** What the busy line says while a host call runs ("Saving the model…"); a failure names it too. */
export const busy = {
  activeSheet: 'Reading the active sheet',
  modelSheet: (sheet: string) => `Reading the "${sheet}" sheet`,
  saving: 'Saving the model',
  scoreColumns: (sheet: string) => `Writing the score columns to "${sheet}"`,
  rows: (sheet: string) => `Reading the rows of "${sheet}"`,
  history: 'Reading the model history',
  savedVersion: 'Reading the saved version',
  sheets: 'Listing the sheets',
  summary: 'Creating the tier summary sheet',
  findFormulas: (spelling: string) => `Looking for formulas in ${spelling} spelling`,
  convertFormulas: (spelling: string) => `Converting the formulas to ${spelling} spelling`,
} as const;

export const notices = {
  callFailed: (label: string, detail: string) => `${label} failed: ${detail}`,

  // ---- the model sheet, read and watched ------------------------------------------------------
  notAModel: (sheet: string, problem: string) => `The "${sheet}" sheet does not read as a model: ${problem}`,
  changedWhileEditing: (sheet: string) =>
    `"${sheet}" was changed in the sheet while you were editing here. Your edits are kept; Save shows both versions so you can choose.`,
  changedNotAModel: (sheet: string, problem: string) => `"${sheet}" was changed in the sheet and no longer reads as a model: ${problem}`,
  sheetGone: (sheet: string) => `"${sheet}" is no longer in the workbook (deleted or renamed). Save here to create it again.`,
  changedWithProblems: (sheet: string, n: number) =>
    `"${sheet}" was changed in the sheet and now has ${problems(n)} (listed below); every ICP formula shows the first until it is fixed.`,
  changedLoaded: (sheet: string) => `"${sheet}" was changed in the sheet; the panel now shows that version.`,

  // ---- editing --------------------------------------------------------------------------------
  presetLoaded: (preset: string) => `Loaded the preset "${preset}": edit it, then Save. Undo brings back what you had.`,
  versionLoaded: (replaced: string) => `Loaded the version replaced ${replaced} into the editor. Save to make it the current model; Undo to go back.`,
  theirsLoaded: `Loaded the sheet's version. Undo brings back your edits (then Save to put them over it).`,

  // ---- saving ---------------------------------------------------------------------------------
  emptyNotSaved: `Not saved: the model has no rows yet. Pick a preset or add a criterion, then Save. The sheet is unchanged.`,
  problemsNotSaved: (n: number) => `Not saved: the model has ${problems(n)} (listed at the top). The sheet is unchanged.`,
  saved: (sheet: string, replaced: boolean) => (replaced ? `Saved "${sheet}". The version it replaced is in the history.` : `Created and saved "${sheet}".`),
  conflict: (sheet: string) => `Not saved: "${sheet}" changed since you loaded it. Compare below, then choose.`,
  saveFailed: (message: string) => `${message} Your edits are still here.`,
  /** Lowering one weight raises most scores: every score is out of the possible total. */
  possibleChanged: (before: number, after: number) =>
    `Scores are out of the possible total, which ${after < before ? 'fell' : 'rose'} from ${before} to ${after} pts: a prospect whose points are unchanged now scores ` +
    `${formatShare(Math.abs(before / after - 1))} ${after < before ? 'higher' : 'lower'}.`,

  // ---- the sheets -----------------------------------------------------------------------------
  activeSheetMoved: (shown: string, now: string | null) =>
    now === null
      ? `Nothing was written: no sheet is open any more (the panel showed "${shown}").`
      : `Nothing was written: you are on "${now}" now, not "${shown}". Check its columns below, then choose Score this sheet again.`,
  scoreWritten: (columns: readonly string[], sheet: string, cells: readonly string[]) =>
    `Wrote ${columns.join(', ')} to "${sheet}": one array formula each, in ${cells.join(', ')}.`,
  summaryCreated: (sheet: string) => `Created the tier summary sheet "${sheet}".`,
  formulasConverted: (formulas: string, sheets: string, example: string) => `Converted ${formulas} on ${sheets} to ${example}( and the like. Nothing else was changed.`,
} as const;

export { messageOf } from '../workbook/messages.ts';
