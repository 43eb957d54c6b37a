/**
 * "Create tier summary": a new sheet for sharing, titled and dated, holding ICP_SUMMARY over the
 * scored sheet and a chart of accounts (columns) and win rate (a line on a second axis) by tier.
 */
import { isIcpError, readModel as readCoreModel, summarize } from '../core/index.ts';
import { SUMMARY_LAYOUT, summaryArguments, summarySheetBase } from '../core/sheet-layout.ts';
import type { SummaryRequest } from '../ui/host.ts';
import { columnLetter, findHeader, literalText, quoteSheetName } from './cells.ts';
import { modelReference } from './score-columns.ts';
import { activeSpreadsheet, dateFormatter, requireSheet } from './services.ts';
import { describeSheet } from './sheet-info.ts';
import { parseRequest, summaryRequestSchema } from './wire.ts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Where the ICP_SUMMARY table starts on the summary sheet (the layout is shared with Excel). */
const TABLE_ROW = SUMMARY_LAYOUT.tableRow;

/** The title as a sheet name no other sheet has: `Title`, `Title (2)`, … */
function freeSheetName(spreadsheet: Spreadsheet, title: string): string {
  const base = summarySheetBase(title, 90);
  let name = base;
  for (let n = 2; spreadsheet.getSheetByName(name); n++) name = `${base} (${n})`;
  return name;
}

function columnOf(sheetName: string, headers: readonly string[], header: string): number {
  const column = findHeader(headers, header);
  if (column > 0) return column;
  const known = headers.filter(Boolean).map((h) => `"${h}"`).join(', ');
  throw new Error(`The sheet "${sheetName}" has no "${header}" column${known ? `; its headers are ${known}` : ''}. Score the sheet first, or pick another column.`);
}

export function createSummarySheet(raw: SummaryRequest): { sheetName: string } {
  const request: SummaryRequest = parseRequest(summaryRequestSchema, raw, 'a request for a tier summary');
  const spreadsheet = activeSpreadsheet();
  const formatDate = dateFormatter(spreadsheet);
  const scored = requireSheet(spreadsheet, request.scoredSheet);
  const modelSheet = requireSheet(spreadsheet, request.modelSheet);
  const info = describeSheet(scored, formatDate);
  if (info.headerRow === 0) throw new Error(`The sheet "${request.scoredSheet}" is empty: there is nothing to summarize.`);

  const column = (header: string) => columnOf(request.scoredSheet, info.headers, header);
  const tierColumn = column(request.tierColumn);
  const wonColumn = request.wonColumn ? column(request.wonColumn) : 0;
  const amountColumn = request.amountColumn ? column(request.amountColumn) : 0;
  const firstRow = info.headerRow + 1;
  const ref = (c: number) => `${quoteSheetName(scored.getName())}!${columnLetter(c)}${firstRow}:${columnLetter(c)}`;
  const args = summaryArguments(ref(tierColumn), modelReference(modelSheet), wonColumn ? ref(wonColumn) : null, amountColumn ? ref(amountColumn) : null);

  const tableRows = summaryRowCount(scored, modelSheet, firstRow, tierColumn);
  const sheet = spreadsheet.insertSheet(freeSheetName(spreadsheet, request.title));
  // Typed by the user: written as literal text, so `=HYPERLINK(…)` stays text (as model text does).
  sheet.getRange(SUMMARY_LAYOUT.titleRow, 1).setValue(literalText(request.title || 'ICP tier summary')).setFontWeight('bold').setFontSize(14);
  sheet
    .getRange(SUMMARY_LAYOUT.sourceRow, 1)
    .setValue(`Created ${Utilities.formatDate(new Date(), spreadsheet.getSpreadsheetTimeZone(), 'yyyy-MM-dd HH:mm')} from the sheet "${scored.getName()}" and the model "${modelSheet.getName()}".`);
  sheet.getRange(TABLE_ROW, 1).setFormula(`=ICP_SUMMARY(${args.join(', ')})`);
  formatTable(sheet, tableRows);
  insertChart(sheet, tableRows, wonColumn > 0);
  spreadsheet.setActiveSheet(sheet);
  return { sheetName: sheet.getName() };
}

/**
 * How many rows ICP_SUMMARY will spill below its header: a row per model tier, one per tier label
 * the model does not know, Excluded and Total. Worked out now so the chart covers exactly them.
 */
function summaryRowCount(scored: Sheet, modelSheet: Sheet, firstRow: number, tierColumn: number): number {
  let model;
  try {
    model = readCoreModel(modelSheet.getDataRange().getValues(), { serialDates: false });
  } catch (error) {
    if (isIcpError(error)) throw new Error(`The model "${modelSheet.getName()}" has a problem, so no summary was made: ${error.message}`);
    throw error;
  }
  const height = Math.max(0, scored.getLastRow() - firstRow + 1);
  const tiers = height > 0 ? scored.getRange(firstRow, tierColumn, height, 1).getValues().map((row) => row[0]) : [];
  return summarize(tiers, model).length;
}

function formatTable(sheet: Sheet, rows: number): void {
  const first = TABLE_ROW + 1;
  sheet.getRange(TABLE_ROW, 1, 1, 6).setFontWeight('bold');
  for (const column of SUMMARY_LAYOUT.percentColumns) sheet.getRange(first, column, rows, 1).setNumberFormat('0.0%');
  sheet.getRange(first, SUMMARY_LAYOUT.amountColumn, rows, 1).setNumberFormat('#,##0');
  sheet.setFrozenRows(TABLE_ROW);
}

/** Accounts as columns and win rate as a line on the right axis, Total row left out. */
function insertChart(sheet: Sheet, rows: number, withWinRate: boolean): void {
  const last = TABLE_ROW + rows - 1;
  let builder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder = sheet
    .newChart()
    .asComboChart()
    .addRange(sheet.getRange(`A${TABLE_ROW}:B${last}`))
    .setNumHeaders(1)
    .setPosition(TABLE_ROW, 8, 0, 0)
    .setOption('title', withWinRate ? 'Accounts and win rate by tier' : 'Accounts by tier')
    .setOption('series', { 0: { type: 'bars', targetAxisIndex: 0 }, 1: { type: 'line', targetAxisIndex: 1, pointSize: 6 } })
    .setOption('vAxes', { 0: { title: 'Accounts' }, 1: { title: 'Win rate', format: 'percent' } });
  if (withWinRate) builder = builder.addRange(sheet.getRange(`E${TABLE_ROW}:E${last}`));
  sheet.insertChart(builder.build());
}
