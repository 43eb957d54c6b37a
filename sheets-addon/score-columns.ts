/**
 * "Score this sheet" in Google Sheets: the plan every host shares (workbook/score-columns.ts),
 * written as ONE array formula per column in the first data row (a formula per row would be a
 * server round trip per row), with the column below cleared so the results can spill.
 */
import type { ScoreColumnsRequest, ScoreColumnsResult } from '../workbook/host.ts';
import { SCORE_HEADERS, planScoring, scoringRequest } from '../workbook/score-columns.ts';
import { SHEETS_DIALECT } from '../workbook/sheet-layout.ts';
import { toWireGrid } from './cells.ts';
import { activeSpreadsheet, dateFormatter, ensureSize, requireSheet } from './services.ts';

export function insertScoreColumns(raw: ScoreColumnsRequest): ScoreColumnsResult {
  const request = scoringRequest(raw);
  const spreadsheet = activeSpreadsheet();
  const sheet = requireSheet(spreadsheet, request.sheetName);
  const model = requireSheet(spreadsheet, request.modelSheet);
  const lastColumn = sheet.getLastColumn();
  const headerCells = lastColumn === 0 ? [] : toWireGrid(sheet.getRange(request.headerRow, 1, 1, lastColumn).getValues(), dateFormatter(spreadsheet))[0]!;
  const plan = planScoring(request, {
    headerCells,
    lastRow: null,
    model: { lastRow: model.getLastRow(), lastColumn: model.getLastColumn() },
    dialect: SHEETS_DIALECT,
  });
  ensureSize(sheet, plan.firstRow, Math.max(...plan.targets));
  const maxRows = sheet.getMaxRows();
  plan.targets.forEach((column, i) => {
    sheet.getRange(request.headerRow, column).setValue(SCORE_HEADERS[i]!);
    // The array result spills down the column: anything below would block it.
    sheet.getRange(plan.firstRow, column, maxRows - plan.firstRow + 1, 1).clearContent();
    sheet.getRange(plan.firstRow, column).setFormula(plan.formulas[i]!);
  });
  return { columns: [...SCORE_HEADERS], formulaCells: plan.formulaCells };
}
