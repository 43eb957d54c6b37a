/**
 * The spreadsheet functions as Apps Script calls them: Code.js has one top-level stub per
 * declaration in core FUNCTIONS (with its JSDoc), and each stub calls `runCustomFunction`.
 */
import { FUNCTIONS, type HostOptions } from '../core/index.ts';
import { callFunction, requireFunction } from '../core/run.ts';
import { messageOf } from '../workbook/messages.ts';

/**
 * Sheets hands dates over as Date objects (never serials), each the instant of its midnight in
 * the spreadsheet's time zone, so the core reads calendar days in that zone. Custom functions may
 * read the spreadsheet; when even that is refused, the script's own zone is the fallback.
 */
function sheetsHost(): HostOptions {
  try {
    return { serialDates: false, timeZone: SpreadsheetApp.getActive().getSpreadsheetTimeZone() };
  } catch {
    return { serialDates: false };
  }
}

/**
 * Runs one function over a whole range and returns its grid, through the one runner every host
 * uses (core/run.ts). Errors reach the cell as a plain Error carrying the core's sentence (Sheets
 * shows the message, never a stack).
 */
export function runCustomFunction(name: string, args: readonly unknown[]): unknown[][] {
  try {
    return callFunction(requireFunction(name), args, sheetsHost());
  } catch (error) {
    throw new Error(messageOf(error));
  }
}

/** What the build needs to write each stub and its JSDoc. */
export const customFunctions = FUNCTIONS.map((fn) => ({
  name: fn.sheetsName,
  description: fn.description,
  parameters: fn.parameters.map((p) => ({ name: p.name, description: p.description, optional: Boolean(p.optional) })),
  returns: fn.returns,
}));
