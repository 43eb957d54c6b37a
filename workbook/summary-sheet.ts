/**
 * "Create tier summary", planned once for every host: the sheet's name, its title and source line,
 * ICP_SUMMARY's formula at SUMMARY_LAYOUT.tableRow, how many rows the table spills (so the chart
 * covers exactly the tiers), with a won column the proof table (ICP_PROOF) under it, and the
 * chart's ranges; written over the port on a new sheet for sharing: title and source line as
 * literal text, the formulas, number formats and a chart of accounts (columns) and win rate (a
 * line on a second axis) by tier, right of the tables.
 */
import { safeReadModel } from '../core/model.ts';
import { PROOF_HEADER } from '../core/proof.ts';
import { SUMMARY_HEADER, summarize } from '../core/summary.ts';
import type { Cell } from '../core/values.ts';
import { call, type Flow } from './flow.ts';
import type { SheetInfo, SummaryRequest, WireCell } from './host.ts';
import { messages } from './messages.ts';
import type { ChartSpec, Port } from './port.ts';
import { describe, noSuchSheet, requireExtent } from './reads.ts';
import {
  DEFAULT_SUMMARY_TITLE,
  type FormulaDialect,
  PROOF_LAYOUT,
  SUMMARY_LAYOUT,
  columnLetter,
  findHeader,
  freeSheetName,
  optionalArguments,
  quoteSheetName,
  summaryArguments,
} from './sheet-layout.ts';
import { parseRequest, summaryRequest } from './wire.ts';

export interface SummaryPlan {
  sheetName: string;
  title: string;
  /** The line under the title: when, and from which sheet and model. */
  source: string;
  /** ICP_SUMMARY (or ICP.SUMMARY) over the scored sheet, for A{tableRow}. */
  formula: string;
  /** The table's rows below its header: a row per tier, unknown labels, Excluded and Total. */
  tableRows: number;
  /** 1-based columns of the scored sheet read as tiers, won and amount (0 = not given). */
  columns: { tier: number; won: number; amount: number };
  /** With a won column: ICP_PROOF beside the summary (PROOF_LAYOUT): its header row, the summary's rows and a headline. */
  proof: { formula: string } | null;
  /** A1 ranges for the chart: accounts by tier (with the header) and the win rate values, Total left out; its top-left cell. */
  chart: { title: string; accounts: string; winRate: string | null; at: string };
  /** Number formats of the tables' columns below their headers: rates as percentages, amounts grouped. */
  formats: NumberFormatRun[];
}

/** One column run of cells (1-based) that shows its numbers in `format` (spreadsheet format codes). */
export interface NumberFormatRun {
  row: number;
  column: number;
  rows: number;
  format: typeof PERCENT_FORMAT | typeof AMOUNT_FORMAT;
}

/** 0.0423 shows as 4.2%. */
export const PERCENT_FORMAT = '0.0%' as const;
/** 227254948 shows as 227,254,948. */
export const AMOUNT_FORMAT = '#,##0' as const;

export interface SummaryInput {
  /** The scored sheet as the panel sees it. */
  info: SheetInfo;
  /** The tier column's cells below the header row. */
  tiers: readonly WireCell[];
  /** The last row of the scored sheet, or null where the dialect leaves ranges open (Sheets). */
  lastRow: number | null;
  /** The model sheet's cells, and how the host hands dates over. */
  model: readonly (readonly WireCell[])[];
  serialDates: boolean;
  dialect: FormulaDialect;
  /** When, as the workbook shows it: `2026-09-30 14:05`. */
  created: string;
  /** The longest sheet name the host allows, and whether a name is taken. */
  maxNameLength: number;
  taken: (name: string) => boolean;
}

/** The request checked (a RequestError when malformed). */
export function summaryRequestOf(raw: unknown): SummaryRequest {
  return parseRequest(summaryRequest, raw, 'a request for a tier summary');
}

/** The scored sheet's 1-based column of a header, or a sentence naming the headers there are. */
export function summaryColumn(info: SheetInfo, header: string): number {
  const column = findHeader(info.headers, header);
  if (column > 0) return column;
  throw new Error(messages.noSuchColumn(info.name, header, info.headers));
}

export function planSummary(request: SummaryRequest, input: SummaryInput): SummaryPlan {
  const { info } = input;
  if (info.headerRow === 0) throw new Error(messages.nothingToSummarize(request.scoredSheet));
  const tier = summaryColumn(info, request.tierColumn);
  const optional = (header: string | undefined) => (header ? summaryColumn(info, header) : 0);
  const won = optional(request.wonColumn);
  const amount = optional(request.amountColumn);
  const proofColumns = [amount, ...[request.createdColumn, request.closedColumn, request.churnedColumn, request.arrNowColumn].map(optional)];
  const firstRow = info.headerRow + 1;
  const lastRow = input.lastRow === null ? null : Math.max(input.lastRow, firstRow);
  const ref = (column: number) => (column ? `${quoteSheetName(info.name)}!${input.dialect.range(column, column, firstRow, lastRow)}` : null);
  const modelLast = { rows: input.model.length, columns: Math.max(0, ...input.model.map((row) => row.length)) };
  const modelReference = input.dialect.modelReference(request.modelSheet, modelLast.rows, modelLast.columns);
  const args = summaryArguments(ref(tier)!, modelReference, ref(won), ref(amount));
  const call = (id: 'SUMMARY' | 'PROOF', list: string[]) => `=${input.dialect.functionName(id)}(${list.join(', ')})`;

  const model = safeReadModel(input.model, { serialDates: input.serialDates });
  if (!model.success) throw new Error(messages.modelProblemForSummary(request.modelSheet, model.error.message));
  const tableRows = summarize(input.tiers as Cell[], model.data).length;

  const title = request.title.trim() || DEFAULT_SUMMARY_TITLE;
  const { tableRow, winRateColumn } = SUMMARY_LAYOUT;
  const lastTierRow = tableRow + tableRows - 1;
  const rate = columnLetter(winRateColumn);
  const proof = won ? { formula: call('PROOF', optionalArguments([ref(tier)!, modelReference, ref(won)!], proofColumns.map(ref))) } : null;
  const run = (column: number, format: NumberFormatRun['format']): NumberFormatRun => ({ row: tableRow + 1, column, rows: tableRows, format });
  const beside = PROOF_LAYOUT.column - 1;
  return {
    sheetName: freeSheetName(title, input.maxNameLength, input.taken),
    title,
    source: messages.summarySource(input.created, info.name, request.modelSheet),
    formula: call('SUMMARY', args),
    tableRows,
    columns: { tier, won, amount },
    proof,
    chart: {
      title: won ? 'Accounts and win rate by tier' : 'Accounts by tier',
      accounts: `A${tableRow}:B${lastTierRow}`,
      winRate: won ? `${rate}${tableRow + 1}:${rate}${lastTierRow}` : null,
      // Right of the summary; under the tables when the proof stands beside it (a blank row after its headline).
      at: proof ? `A${lastTierRow + 4}` : `${columnLetter(SUMMARY_HEADER.length + 2)}${tableRow}`,
    },
    formats: [
      ...SUMMARY_LAYOUT.percentColumns.map((column) => run(column, PERCENT_FORMAT)),
      run(SUMMARY_LAYOUT.amountColumn, AMOUNT_FORMAT),
      ...(proof ? [...PROOF_LAYOUT.percentColumns.map((column) => run(beside + column, PERCENT_FORMAT)), run(beside + PROOF_LAYOUT.amountColumn, AMOUNT_FORMAT)] : []),
    ],
  };
}

// ---- over the port ------------------------------------------------------------------------------

/** "Create tier summary": a new, titled and dated sheet with the summary function and a chart. */
export function* createSummarySheet(port: Port, raw: SummaryRequest): Flow<{ sheetName: string }> {
  const request = summaryRequestOf(raw);
  const scored = yield* requireExtent(port, request.scoredSheet);
  const model = (yield* call(() => port.read(request.modelSheet))) ?? (yield* noSuchSheet(port, request.modelSheet));
  const info = yield* describe(port, request.scoredSheet, scored);
  const tierColumn = info.headerRow > 0 ? summaryColumn(info, request.tierColumn) : 0;
  const height = scored.lastRow - info.headerRow;
  const block = { row: info.headerRow + 1, column: tierColumn, rows: height, columns: 1 };
  const tiers = tierColumn > 0 && height > 0 ? ((yield* call(() => port.read(request.scoredSheet, block))) ?? []).map((row) => row[0] ?? '') : [];
  const taken = new Set((yield* call(() => port.sheets())).map((sheet) => sheet.name.toLowerCase()));
  const { dialect, serialDates, sheetNameLimit } = port.traits;
  const plan = planSummary(request, {
    info,
    tiers,
    lastRow: dialect.dataEnd(scored.lastRow, 'summary'),
    model,
    serialDates,
    dialect,
    created: (yield* call(() => port.now())).local,
    maxNameLength: sheetNameLimit,
    taken: (name) => taken.has(name.toLowerCase()),
  });
  yield* writeSummary(port, plan);
  return { sheetName: plan.sheetName };
}

function* writeSummary(port: Port, plan: SummaryPlan): Flow<void> {
  const { titleRow, sourceRow, tableRow } = SUMMARY_LAYOUT;
  const sheet = plan.sheetName;
  const { proof } = plan;
  yield* call(() => port.addSheet(sheet, { frozenRows: tableRow, active: true }));
  yield* call(() =>
    port.write(sheet, [
      // Title and source as literal text: a title such as "=1+1" or "10-20" stays the text it is.
      { row: titleRow, column: 1, cells: [[plan.title]] },
      { row: sourceRow, column: 1, cells: [[plan.source]] },
      { row: tableRow, column: 1, cells: [[{ formula: plan.formula }]] },
      ...(proof ? [{ row: PROOF_LAYOUT.titleRow, column: PROOF_LAYOUT.column, cells: [[PROOF_LAYOUT.title]] }, { row: tableRow, column: PROOF_LAYOUT.column, cells: [[{ formula: proof.formula }]] }] : []),
    ]),
  );
  const bold = (row: number, column: number, columns: number) => ({ block: { row, column, rows: 1, columns }, format: { bold: true } });
  yield* call(() =>
    port.format(sheet, [
      { block: { row: titleRow, column: 1, rows: 1, columns: 1 }, format: { bold: true, fontSize: 14 } },
      bold(tableRow, 1, SUMMARY_HEADER.length),
      ...(proof ? [bold(PROOF_LAYOUT.titleRow, PROOF_LAYOUT.column, 1), bold(tableRow, PROOF_LAYOUT.column, PROOF_HEADER.length)] : []),
      ...plan.formats.map((run) => ({ block: { row: run.row, column: run.column, rows: run.rows, columns: 1 }, format: { numberFormat: run.format } })),
    ]),
  );
  yield* call(() => port.addChart(sheet, chartOf(plan)));
}

/** Accounts as columns, win rate as a line on a second axis, the Total row left out; right of the tables. */
function chartOf(plan: SummaryPlan): ChartSpec {
  const { tableRow, winRateColumn } = SUMMARY_LAYOUT;
  const rate = columnLetter(winRateColumn);
  const lastTierRow = tableRow + plan.tableRows - 1;
  return {
    title: plan.chart.title,
    columns: plan.chart.accounts,
    line: plan.chart.winRate ? { name: 'Win rate', values: plan.chart.winRate, withHeader: `${rate}${tableRow}:${rate}${lastTierRow}` } : null,
    at: plan.chart.at,
  };
}
