/** The few Apps Script services the server functions share. */
import type { DateFormatter } from './cells.ts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The Apps Script services the workbook port uses (the globals in Apps Script; a stand-in in tests). */
export interface AppsScript {
  SpreadsheetApp: Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'getActive' | 'flush'>;
  Utilities: Pick<GoogleAppsScript.Utilities.Utilities, 'formatDate' | 'getUuid'>;
  LockService: Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock'>;
  Session: Pick<GoogleAppsScript.Base.Session, 'getActiveUser'>;
}

/** The services as Apps Script gives them: its globals. */
export function appsScript(): AppsScript {
  return { SpreadsheetApp, Utilities, LockService, Session };
}

/** Dates as the sheet shows them (its time zone): `2026-09-30`, or `2026-09-30T14:05:00` with a time. */
export function dateFormatter(spreadsheet: Spreadsheet, utilities: AppsScript['Utilities']): DateFormatter {
  const zone = spreadsheet.getSpreadsheetTimeZone();
  return (date) => {
    const day = utilities.formatDate(date, zone, 'yyyy-MM-dd');
    const time = utilities.formatDate(date, zone, 'HH:mm:ss');
    return time === '00:00:00' ? day : `${day}T${time}`;
  };
}

/** The user's email when Apps Script may tell it (often it may not: then ''). */
export function currentUser(session: AppsScript['Session']): string {
  try {
    return session.getActiveUser().getEmail() || '';
  } catch {
    return '';
  }
}

/** A new sheet, without leaving the user on it (insertSheet activates the sheet it adds). */
export function insertSheetQuietly(spreadsheet: Spreadsheet, name: string): Sheet {
  const active = spreadsheet.getSheets().length > 0 ? spreadsheet.getActiveSheet() : null;
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
export function underDocumentLock<T>(lockService: AppsScript['LockService'], work: () => T, busy: () => T): T {
  const lock = lockService.getDocumentLock();
  if (!lock || !lock.tryLock(LOCK_WAIT_MS)) return busy();
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
