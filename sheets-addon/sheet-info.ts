/** What the panel learns about the prospect sheets: names, header rows, a few rows for previews. */
import { HISTORY_SHEET, type SheetInfo, type WireCell } from '../workbook/host.ts';
import { detectHeaderRow, isBlankCell } from '../workbook/grid.ts';
import { activeSpreadsheet, dateFormatter, requireSheet } from './services.ts';
import { type DateFormatter, parseRequest, rowLimitSchema, sheetNameSchema, toWireCell, toWireGrid } from '../workbook/wire.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** How many rows from the top are searched for the header row. */
const HEADER_SCAN_ROWS = 25;

function headerTexts(row: readonly unknown[], formatDate: DateFormatter): string[] {
  const texts = row.map((cell) => String(toWireCell(cell, formatDate) ?? '').trim());
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  return texts;
}

/**
 * A sheet's header row and headers. `dataRows` counts the rows from below the header row to the
 * last row with content (blank rows in between included: Sheets reports only the last row).
 */
export function describeSheet(sheet: Sheet, formatDate: DateFormatter): SheetInfo {
  const name = sheet.getName();
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow === 0 || lastColumn === 0) return { name, headerRow: 0, headers: [], dataRows: 0 };
  const top = sheet.getRange(1, 1, Math.min(HEADER_SCAN_ROWS, lastRow), lastColumn).getValues();
  const headerRow = detectHeaderRow(top);
  if (headerRow === 0) return { name, headerRow: 0, headers: [], dataRows: 0 };
  return { name, headerRow, headers: headerTexts(top[headerRow - 1]!, formatDate), dataRows: lastRow - headerRow };
}

/** Every visible sheet (the hidden history sheet is not a prospect sheet). */
export function listSheets(): SheetInfo[] {
  const spreadsheet = activeSpreadsheet();
  const formatDate = dateFormatter(spreadsheet);
  return spreadsheet
    .getSheets()
    .filter((sheet) => !sheet.isSheetHidden() && sheet.getName() !== HISTORY_SHEET)
    .map((sheet) => describeSheet(sheet, formatDate));
}

export function activeSheet(): SheetInfo | null {
  const spreadsheet = activeSpreadsheet();
  const sheet = spreadsheet.getActiveSheet();
  return sheet ? describeSheet(sheet, dateFormatter(spreadsheet)) : null;
}

/** Up to `limit` rows below the header row, as wide as the headers, trailing blank rows dropped. */
export function readRows(sheetName: string, limit: number): { headers: string[]; rows: WireCell[][] } {
  const name = parseRequest(sheetNameSchema, sheetName, 'a sheet name');
  const count = parseRequest(rowLimitSchema, limit, 'a row limit');
  const spreadsheet = activeSpreadsheet();
  const formatDate = dateFormatter(spreadsheet);
  const sheet = requireSheet(spreadsheet, name);
  const info = describeSheet(sheet, formatDate);
  const width = info.headers.length;
  const height = Math.min(count, info.dataRows);
  if (width === 0 || height === 0) return { headers: info.headers, rows: [] };
  const values = toWireGrid(sheet.getRange(info.headerRow + 1, 1, height, width).getValues(), formatDate);
  return { headers: info.headers, rows: values.slice(0, lastFilledRow(values)) };
}

function lastFilledRow(rows: WireCell[][]): number {
  let height = rows.length;
  while (height > 0 && rows[height - 1]!.every(isBlankCell)) height--;
  return height;
}
