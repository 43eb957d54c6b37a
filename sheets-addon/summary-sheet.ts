/**
 * "Create tier summary" in Google Sheets: the plan every host shares (workbook/summary-sheet.ts),
 * written on a new sheet for sharing: title and source line as literal text, ICP_SUMMARY over the
 * scored sheet, number formats, and a chart of accounts (columns) and win rate (a line on a second
 * axis) by tier.
 */
import type { SummaryRequest } from '../workbook/host.ts';
import { SUMMARY_LAYOUT, SHEETS_DIALECT, columnLetter } from '../workbook/sheet-layout.ts';
import { type SummaryPlan, planSummary, summaryColumn, summaryRequestOf } from '../workbook/summary-sheet.ts';
import { sheetCell, toWireGrid } from './cells.ts';
import { activeSpreadsheet, dateFormatter, requireSheet } from './services.ts';
import { describeSheet } from './sheet-info.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const { titleRow, sourceRow, tableRow } = SUMMARY_LAYOUT;

export function createSummarySheet(raw: SummaryRequest): { sheetName: string } {
  const request = summaryRequestOf(raw);
  const spreadsheet = activeSpreadsheet();
  const formatDate = dateFormatter(spreadsheet);
  const scored = requireSheet(spreadsheet, request.scoredSheet);
  const modelSheet = requireSheet(spreadsheet, request.modelSheet);
  const info = describeSheet(scored, formatDate);
  const firstRow = info.headerRow + 1;
  const height = Math.max(0, scored.getLastRow() - firstRow + 1);
  const tierColumn = info.headerRow > 0 ? summaryColumn(info, request.tierColumn) : 0;
  const tiers = height > 0 && tierColumn > 0 ? scored.getRange(firstRow, tierColumn, height, 1).getValues().map((row) => row[0]) : [];
  const plan = planSummary(request, {
    info,
    tiers: toWireGrid([tiers], formatDate)[0]!,
    lastRow: null,
    model: toWireGrid(modelSheet.getDataRange().getValues(), formatDate),
    serialDates: false,
    dialect: SHEETS_DIALECT,
    created: Utilities.formatDate(new Date(), spreadsheet.getSpreadsheetTimeZone(), 'yyyy-MM-dd HH:mm'),
    maxNameLength: 90,
    taken: (name) => spreadsheet.getSheetByName(name) !== null,
  });

  const sheet = spreadsheet.insertSheet(plan.sheetName);
  // Title and source as literal text: a title such as "=1+1" or "10-20" stays the text it is.
  sheet.getRange(titleRow, 1).setValue(sheetCell(plan.title)).setFontWeight('bold').setFontSize(14);
  sheet.getRange(sourceRow, 1).setValue(sheetCell(plan.source));
  sheet.getRange(tableRow, 1).setFormula(plan.formula);
  formatTable(sheet, plan);
  insertChart(sheet, plan);
  spreadsheet.setActiveSheet(sheet);
  return { sheetName: sheet.getName() };
}

function formatTable(sheet: Sheet, plan: SummaryPlan): void {
  sheet.getRange(tableRow, 1, 1, 6).setFontWeight('bold');
  for (const run of plan.formats) sheet.getRange(run.row, run.column, run.rows, 1).setNumberFormat(run.format);
  sheet.setFrozenRows(tableRow);
}

/** Accounts as columns and win rate as a line on the right axis, Total row left out. */
function insertChart(sheet: Sheet, plan: SummaryPlan): void {
  const last = tableRow + plan.tableRows - 1;
  const rate = columnLetter(SUMMARY_LAYOUT.winRateColumn);
  let builder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder = sheet
    .newChart()
    .asComboChart()
    .addRange(sheet.getRange(plan.chart.accounts))
    .setNumHeaders(1)
    .setPosition(tableRow, 8, 0, 0)
    .setOption('title', plan.chart.title)
    .setOption('series', { 0: { type: 'bars', targetAxisIndex: 0 }, 1: { type: 'line', targetAxisIndex: 1, pointSize: 6 } })
    .setOption('vAxes', { 0: { title: 'Accounts' }, 1: { title: 'Win rate', format: 'percent' } });
  if (plan.chart.winRate) builder = builder.addRange(sheet.getRange(`${rate}${tableRow}:${rate}${last}`));
  sheet.insertChart(builder.build());
}
