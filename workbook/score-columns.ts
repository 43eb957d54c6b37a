/**
 * "Score this sheet", planned once for every host: where ICP Score, ICP Tier and ICP Why go (the
 * columns there already, else after the last column), the one array formula each holds in the
 * first data row, and the cells to clear below it so the results can spill; written over the port.
 */
import { call, type Flow } from './flow.ts';
import { headerTexts } from './grid.ts';
import type { ScoreColumnsRequest, ScoreColumnsResult, WireCell } from './host.ts';
import { messages } from './messages.ts';
import type { Port } from './port.ts';
import { requireExtent } from './reads.ts';
import { type FormulaDialect, SCORE_COLUMNS, type ScoreColumnPlan, columnLetter, planScoreColumns, scoreFormulas } from './sheet-layout.ts';
import { parseRequest, scoreColumnsRequest } from './wire.ts';

export interface ScoringPlan extends ScoreColumnPlan {
  request: ScoreColumnsRequest;
  /** The header row as text, every used column (blank headers kept in place). */
  headers: string[];
  /** 1-based row of the first prospect (where the formulas go). */
  firstRow: number;
  /** The formula for each of ICP Score, ICP Tier, ICP Why, in order. */
  formulas: string[];
  /** A1 notation of the cells holding them. */
  formulaCells: string[];
}

export interface ScoringInput {
  /** The header row's cells, as far as the sheet's last used column; empty when the sheet is empty. */
  headerCells: readonly WireCell[];
  /** The last row of prospect data, or null where the dialect leaves ranges open (Sheets). */
  lastRow: number | null;
  /** The model sheet's last used row and column. */
  model: { lastRow: number; lastColumn: number };
  dialect: FormulaDialect;
}

/** The request checked (a RequestError when malformed). */
export function scoringRequest(raw: unknown): ScoreColumnsRequest {
  return parseRequest(scoreColumnsRequest, raw, 'a request to score a sheet');
}

export function planScoring(request: ScoreColumnsRequest, input: ScoringInput): ScoringPlan {
  if (headerTexts(input.headerCells).length === 0) throw new Error(messages.nothingToScore(request.sheetName));
  const headers = input.headerCells.map((cell) => (cell === null ? '' : String(cell)).trim());
  const plan = planScoreColumns(headers, request.sheetName, request.headerRow);
  const firstRow = request.headerRow + 1;
  const modelReference = input.dialect.modelReference(request.modelSheet, input.model.lastRow, input.model.lastColumn);
  const lastRow = input.lastRow === null ? null : Math.max(input.lastRow, firstRow);
  const formulas = scoreFormulas({ headers, plan, headerRow: request.headerRow, lastRow, fieldMap: request.fieldMap, modelReference }, input.dialect);
  const formulaCells = plan.targets.map((column) => `${columnLetter(column)}${firstRow}`);
  return { ...plan, request, headers, firstRow, formulas, formulaCells };
}

export const SCORE_HEADERS = SCORE_COLUMNS.map((column) => column.header);

/** "Score this sheet": the three columns' headers, and one array formula each with room below to spill. */
export function* insertScoreColumns(port: Port, raw: ScoreColumnsRequest): Flow<ScoreColumnsResult> {
  const request = scoringRequest(raw);
  const name = request.sheetName;
  const sheet = yield* requireExtent(port, name);
  const model = yield* requireExtent(port, request.modelSheet);
  const header = sheet.lastColumn > 0 ? yield* call(() => port.read(name, { row: request.headerRow, column: 1, rows: 1, columns: sheet.lastColumn })) : null;
  const { dialect } = port.traits;
  const plan = planScoring(request, { headerCells: header?.[0] ?? [], lastRow: dialect.dataEnd(sheet.lastRow, 'score'), model, dialect });
  const end = Math.max(sheet.lastRow, plan.firstRow);
  // The results spill down each column: anything below would block them.
  yield* call(() => port.clear(name, plan.targets.map((column) => ({ row: plan.firstRow, column, rows: end - plan.firstRow + 1, columns: 1 }))));
  yield* call(() =>
    port.write(name, [
      ...plan.targets.map((column, i) => ({ row: request.headerRow, column, cells: [[SCORE_HEADERS[i]!]] })),
      ...plan.targets.map((column, i) => ({ row: plan.firstRow, column, cells: [[{ formula: plan.formulas[i]! }]] })),
    ]),
  );
  return { columns: [...SCORE_HEADERS], formulaCells: plan.formulaCells };
}
