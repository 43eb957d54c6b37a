/** What the panel learns about the prospect sheets: names, header rows, a few rows for previews. */
import { FORMULA_ROWS, HEADER_SCAN_ROWS, describeSheet as describeGrid, icpColumns, previewRows } from '../workbook/grid.ts';
import { HISTORY_SHEET, type RowsAnswer, type SheetInfo } from '../workbook/host.ts';
import { parseRequest, rowLimit, sheetName as sheetNameSchema } from '../workbook/wire.ts';
import { type DateFormatter, toWireGrid } from './cells.ts';
import { activeSpreadsheet, dateFormatter, requireSheet } from './services.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A sheet's header row and headers, found as every host finds them (workbook/grid.ts). */
export function describeSheet(sheet: Sheet, formatDate: DateFormatter): SheetInfo {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow === 0 || lastColumn === 0) return describeGrid(sheet.getName(), [], 0);
  const top = toWireGrid(sheet.getRange(1, 1, Math.min(HEADER_SCAN_ROWS, lastRow), lastColumn).getValues(), formatDate);
  return describeGrid(sheet.getName(), top, lastRow);
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
export function readRows(sheetName: string, limit: number): RowsAnswer {
  const name = parseRequest(sheetNameSchema, sheetName, 'a sheet name');
  const count = parseRequest(rowLimit, limit, 'a row limit');
  const spreadsheet = activeSpreadsheet();
  const formatDate = dateFormatter(spreadsheet);
  const sheet = requireSheet(spreadsheet, name);
  const info = describeSheet(sheet, formatDate);
  const height = Math.min(count, info.dataRows);
  if (info.headers.length === 0 || height === 0) return { headers: info.headers, rows: [] };
  const body = toWireGrid(sheet.getRange(info.headerRow + 1, 1, height, info.headers.length).getValues(), formatDate);
  // The first data rows' formulas: a column holding ICP functions is the model's own answer.
  const formulas = sheet.getRange(info.headerRow + 1, 1, Math.min(FORMULA_ROWS, height), info.headers.length).getFormulas();
  return { ...previewRows(info, body, count), icpColumns: icpColumns(formulas) };
}
