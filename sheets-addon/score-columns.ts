/**
 * "Score this sheet": ICP Score, ICP Tier and ICP Why as ONE array formula each, in the first
 * data row (a formula per row would be a server round trip per row). The ranges leave the ICP
 * columns out, so the formulas never read their own results.
 */
import { SCORE_COLUMNS, SHEETS_DIALECT, planScoreColumns, scoreFormulas } from '../workbook/sheet-layout.ts';
import type { ScoreColumnsRequest, ScoreColumnsResult } from '../workbook/host.ts';
import { columnLetter, quoteSheetName } from '../workbook/grid.ts';
import { activeSpreadsheet, dateFormatter, ensureSize, requireSheet } from './services.ts';
import { parseRequest, scoreColumnsRequestSchema, toWireCell } from '../workbook/wire.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export { SCORE_COLUMNS };

/** The model columns a formula reads: at least A:H, wider when the model sheet has more. */
export function modelReference(model: Sheet): string {
  return `${quoteSheetName(model.getName())}!A:${columnLetter(Math.max(8, model.getLastColumn()))}`;
}

export function insertScoreColumns(raw: ScoreColumnsRequest): ScoreColumnsResult {
  const request: ScoreColumnsRequest = parseRequest(scoreColumnsRequestSchema, raw, 'a request to score a sheet');
  const spreadsheet = activeSpreadsheet();
  const formatDate = dateFormatter(spreadsheet);
  const sheet = requireSheet(spreadsheet, request.sheetName);
  const model = requireSheet(spreadsheet, request.modelSheet);
  const lastColumn = sheet.getLastColumn();
  if (lastColumn === 0) throw new Error(`The sheet "${request.sheetName}" is empty: there are no prospect rows to score.`);
  const headers = sheet
    .getRange(request.headerRow, 1, 1, lastColumn)
    .getValues()[0]!
    .map((cell) => String(toWireCell(cell, formatDate) ?? '').trim());

  // Re-running reuses the ICP columns already there; the others go after the last column. The
  // column plan and the formulas are laid out in workbook/sheet-layout.ts, shared with Excel.
  const plan = planScoreColumns(headers, request.sheetName, request.headerRow);
  const { targets } = plan;
  const firstRow = request.headerRow + 1;
  const formulas = scoreFormulas(
    { headers, plan, headerRow: request.headerRow, lastRow: null, fieldMap: request.fieldMap, modelReference: modelReference(model) },
    SHEETS_DIALECT,
  );

  ensureSize(sheet, firstRow, Math.max(...targets));
  const maxRows = sheet.getMaxRows();
  const formulaCells = SCORE_COLUMNS.map(({ header }, i) => {
    const column = targets[i]!;
    sheet.getRange(request.headerRow, column).setValue(header);
    // The array result spills down the column: anything below would block it.
    sheet.getRange(firstRow, column, maxRows - firstRow + 1, 1).clearContent();
    sheet.getRange(firstRow, column).setFormula(formulas[i]!);
    return `${columnLetter(column)}${firstRow}`;
  });
  return { columns: SCORE_COLUMNS.map((c) => c.header), formulaCells };
}
