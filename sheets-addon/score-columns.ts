/**
 * "Score this sheet": ICP Score, ICP Tier and ICP Why as ONE array formula each, in the first
 * data row (a formula per row would be a server round trip per row). The ranges leave the ICP
 * columns out, so the formulas never read their own results.
 */
import type { ScoreColumnsRequest, ScoreColumnsResult } from '../ui/host.ts';
import { columnLetter, columnRuns, findHeader, formulaText, quoteSheetName } from './cells.ts';
import { activeSpreadsheet, dateFormatter, ensureSize, requireSheet } from './services.ts';
import { parseRequest, scoreColumnsRequestSchema, toWireCell } from './wire.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The columns written, with the function each one holds. */
export const SCORE_COLUMNS = [
  { header: 'ICP Score', fn: 'ICP_SCORE' },
  { header: 'ICP Tier', fn: 'ICP_TIER' },
  { header: 'ICP Why', fn: 'ICP_EXPLAIN' },
] as const;

/** The model columns a formula reads: at least A:H, wider when the model sheet has more. */
export function modelReference(model: Sheet): string {
  return `${quoteSheetName(model.getName())}!A:${columnLetter(Math.max(8, model.getLastColumn()))}`;
}

/** `A2:H`, or `{A2:C, G2:H}` when the ICP columns sit between data columns. */
function valuesReference(runs: [number, number][], firstRow: number): string {
  const parts = runs.map(([from, to]) => `${columnLetter(from)}${firstRow}:${columnLetter(to)}`);
  return parts.length === 1 ? parts[0]! : `{${parts.join(', ')}}`;
}

function headerReference(runs: [number, number][], row: number): string {
  const parts = runs.map(([from, to]) => `${columnLetter(from)}${row}:${columnLetter(to)}${row}`);
  return parts.length === 1 ? parts[0]! : `{${parts.join(', ')}}`;
}

/**
 * The header row as an array literal with each mapped prospect header replaced by the model's
 * Field, so the model itself stays untouched: {"Company", "Employees", …}.
 */
function mappedHeaderLiteral(headers: readonly string[], columns: readonly number[], fieldMap: Record<string, string>): string {
  const fieldFor = new Map<number, string>();
  for (const [field, header] of Object.entries(fieldMap)) {
    const column = findHeader(headers, header);
    if (column === 0 || !columns.includes(column)) {
      throw new Error(`The Field "${field}" is mapped to the column "${header}", but the sheet has no such column; its headers are ${headers.filter(Boolean).map((h) => `"${h}"`).join(', ')}.`);
    }
    fieldFor.set(column, field);
  }
  return `{${columns.map((column) => formulaText(fieldFor.get(column) ?? headers[column - 1] ?? '')).join(', ')}}`;
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

  // Re-running reuses the ICP columns already there; the others go after the last column.
  let next = lastColumn + 1;
  const targets = SCORE_COLUMNS.map(({ header }) => findHeader(headers, header) || next++);
  const icp = new Set(targets);
  const dataColumns = headers.map((_, i) => i + 1).filter((column) => !icp.has(column));
  if (dataColumns.length === 0) {
    throw new Error(`The sheet "${request.sheetName}" has no prospect columns in row ${request.headerRow} to score.`);
  }
  const runs = columnRuns(dataColumns);
  const firstRow = request.headerRow + 1;
  const values = valuesReference(runs, firstRow);
  const headerArg = Object.keys(request.fieldMap).length > 0
    ? mappedHeaderLiteral(headers, dataColumns, request.fieldMap)
    : headerReference(runs, request.headerRow);
  const modelArg = modelReference(model);

  ensureSize(sheet, firstRow, Math.max(...targets));
  const maxRows = sheet.getMaxRows();
  const formulaCells = SCORE_COLUMNS.map(({ header, fn }, i) => {
    const column = targets[i]!;
    sheet.getRange(request.headerRow, column).setValue(header);
    // The array result spills down the column: anything below would block it.
    sheet.getRange(firstRow, column, maxRows - firstRow + 1, 1).clearContent();
    sheet.getRange(firstRow, column).setFormula(`=${fn}(${values}, ${headerArg}, ${modelArg})`);
    return `${columnLetter(column)}${firstRow}`;
  });
  return { columns: SCORE_COLUMNS.map((c) => c.header), formulaCells };
}
