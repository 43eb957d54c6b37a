/** The few Apps Script services the server functions share. */
import { messages } from '../workbook/messages.ts';
import type { DateFormatter } from './cells.ts';

export { messageOf } from '../workbook/messages.ts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function activeSpreadsheet(): Spreadsheet {
  return SpreadsheetApp.getActive();
}

/** A sheet by name, or an error sentence that lists the sheets there are. */
export function requireSheet(spreadsheet: Spreadsheet, name: string): Sheet {
  const sheet = spreadsheet.getSheetByName(name);
  if (sheet) return sheet;
  throw new Error(messages.noSuchSheet(name, spreadsheet.getSheets().map((s) => s.getName())));
}

/** Dates as the sheet shows them (its time zone): `2026-09-30`, or `2026-09-30T14:05:00` with a time. */
export function dateFormatter(spreadsheet: Spreadsheet): DateFormatter {
  const zone = spreadsheet.getSpreadsheetTimeZone();
  return (date) => {
    const day = Utilities.formatDate(date, zone, 'yyyy-MM-dd');
    const time = Utilities.formatDate(date, zone, 'HH:mm:ss');
    return time === '00:00:00' ? day : `${day}T${time}`;
  };
}

/** The user's email when Apps Script may tell it (often it may not: then ''). */
export function currentUser(): string {
  try {
    return Session.getActiveUser().getEmail() || '';
  } catch {
    return '';
  }
}

/** A new sheet, without leaving the user on it (insertSheet activates the sheet it adds). */
export function insertSheetQuietly(spreadsheet: Spreadsheet, name: string): Sheet {
  const active = spreadsheet.getActiveSheet();
  const sheet = spreadsheet.insertSheet(name);
  if (active) spreadsheet.setActiveSheet(active);
  return sheet;
}

/** Grow a sheet so that `rows` × `columns` fit (writing past its edge throws). */
export function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/** How long a save or a conversion waits for another to finish. */
const LOCK_WAIT_MS = 10_000;

/** Runs `work` under the document lock (one save or conversion at a time), or answers `busy()` when another holds it. */
export function underDocumentLock<T>(work: () => T, busy: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(LOCK_WAIT_MS)) return busy();
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
