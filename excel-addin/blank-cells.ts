/**
 * What the Excel bar warns about: blank cells in columns that number or yes/no rules read, which
 * Excel desktop passes to the functions as 0 (the policy is core/zeros.ts, docs/excel.md).
 */
import { type Model, safeReadModel } from '../core/model.ts';
import { numericColumns } from '../core/zeros.ts';
import { call, type Flow } from '../workbook/flow.ts';
import { describeSheet, isBlankCell } from '../workbook/grid.ts';
import type { Port } from '../workbook/port.ts';
import { noSuchSheet } from '../workbook/reads.ts';

/** A prospect column that a number or yes/no rule reads and that has blank cells. */
export interface BlankNumericColumn {
  header: string;
  /** How many of the data rows leave it blank (rows blank all across are not counted). */
  blanks: number;
}

/**
 * What the task pane warns about: blank cells in columns that number or yes/no rules read, which
 * Excel desktop passes to the functions as 0. The task pane reads cells through the Excel API,
 * where a blank cell is blank on every platform, so it can tell.
 */
export function blankCellsInNumericColumns(headers: readonly string[], rows: readonly (readonly unknown[])[], model: Model): BlankNumericColumn[] {
  const columns = [...numericColumns(model, headers)].sort((a, b) => a - b);
  const filled = rows.filter((row) => row.some((cell) => !isBlankCell(cell)));
  return columns
    .map((column) => ({ header: headers[column] ?? '', blanks: filled.filter((row) => isBlankCell(row[column])).length }))
    .filter((found) => found.blanks > 0);
}

/** Over the port: the sheet's numeric columns with blank cells, by the model's rules ([] without a readable model). */
export function* blankNumericCells(port: Port, sheetName: string, modelSheet: string): Flow<BlankNumericColumn[]> {
  const cells = (yield* call(() => port.read(sheetName))) ?? (yield* noSuchSheet(port, sheetName));
  const model = yield* call(() => port.read(modelSheet));
  const read = model && safeReadModel(model, { serialDates: port.traits.serialDates });
  if (!read?.success) return [];
  const info = describeSheet(sheetName, cells, cells.length);
  if (info.headerRow === 0) return [];
  return blankCellsInNumericColumns(info.headers, cells.slice(info.headerRow), read.data);
}
