/**
 * The server functions the panel calls through google.script.run: the Host operations, each
 * synchronous here. The client derives its typed wrapper from `typeof server`, so renaming one
 * is a compile error there; the build makes each a top-level function in Code.js.
 */
import type { Host } from '../workbook/host.ts';
import { convertForeignFormulas, findForeignFormulas } from './foreign-formulas.ts';
import { listHistory, readHistory, readModel, saveModel } from './model-store.ts';
import { insertScoreColumns } from './score-columns.ts';
import { activeSheet, listSheets, readRows } from './sheet-info.ts';
import { createSummarySheet } from './summary-sheet.ts';

/**
 * The host operations as the server runs them: same arguments, plain (not promised) results. The
 * Sheets add-on implements the optional ones too (converting Excel's spelling of the functions).
 */
export type ServerFunctions = {
  [K in Exclude<keyof Host, 'kind'>]-?: (...args: Parameters<NonNullable<Host[K]>>) => Awaited<ReturnType<NonNullable<Host[K]>>>;
};

export const server = {
  readModel,
  saveModel,
  listSheets,
  activeSheet,
  readRows,
  insertScoreColumns,
  createSummarySheet,
  listHistory,
  readHistory,
  findForeignFormulas,
  convertForeignFormulas,
} satisfies ServerFunctions;

export type Server = typeof server;
