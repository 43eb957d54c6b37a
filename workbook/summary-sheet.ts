/**
 * "Create tier summary", planned once for every host: the sheet's name, its title and source line,
 * ICP_SUMMARY's formula at SUMMARY_LAYOUT.tableRow, how many rows the table spills (so the chart
 * covers exactly the tiers), and the chart's ranges; written over the port on a new sheet for
 * sharing: title and source line as literal text, the formula, number formats and a chart of
 * accounts (columns) and win rate (a line on a second axis) by tier.
 */
import { safeReadModel } from '../core/model.ts';
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
  SUMMARY_LAYOUT,
  columnLetter,
  findHeader,
  freeSheetName,
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
  /** A1 ranges for the chart: accounts by tier (with the header) and the win rate values, Total left out. */
  chart: { title: string; accounts: string; winRate: string | null };
  /** Number formats of the table's columns below its header: Share and Win rate as percentages, Amount grouped. */
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
  const won = request.wonColumn ? summaryColumn(info, request.wonColumn) : 0;
  const amount = request.amountColumn ? summaryColumn(info, request.amountColumn) : 0;
  const firstRow = info.headerRow + 1;
  const lastRow = input.lastRow === null ? null : Math.max(input.lastRow, firstRow);
  const ref = (column: number) => `${quoteSheetName(info.name)}!${input.dialect.range(column, column, firstRow, lastRow)}`;
  const modelLast = { rows: input.model.length, columns: Math.max(0, ...input.model.map((row) => row.length)) };
  const modelReference = input.dialect.modelReference(request.modelSheet, modelLast.rows, modelLast.columns);
  const args = summaryArguments(ref(tier), modelReference, won ? ref(won) : null, amount ? ref(amount) : null);

  const model = safeReadModel(input.model, { serialDates: input.serialDates });
  if (!model.success) throw new Error(messages.modelProblemForSummary(request.modelSheet, model.error.message));
  const tableRows = summarize(input.tiers as Cell[], model.data).length;

  const title = request.title.trim() || DEFAULT_SUMMARY_TITLE;
  const { tableRow, winRateColumn } = SUMMARY_LAYOUT;
  const lastTierRow = tableRow + tableRows - 1;
  const rate = columnLetter(winRateColumn);
  return {
    sheetName: freeSheetName(title, input.maxNameLength, input.taken),
    title,
    source: messages.summarySource(input.created, info.name, request.modelSheet),
    formula: `=${input.dialect.functionName('SUMMARY')}(${args.join(', ')})`,
    tableRows,
    columns: { tier, won, amount },
    chart: {
      title: won ? 'Accounts and win rate by tier' : 'Accounts by tier',
      accounts: `A${tableRow}:B${lastTierRow}`,
      winRate: won ? `${rate}${tableRow + 1}:${rate}${lastTierRow}` : null,
    },
    formats: [
      ...SUMMARY_LAYOUT.percentColumns.map((column) => ({ row: tableRow + 1, column, rows: tableRows, format: PERCENT_FORMAT })),
      { row: tableRow + 1, column: SUMMARY_LAYOUT.amountColumn, rows: tableRows, format: AMOUNT_FORMAT },
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
  yield* call(() => port.addSheet(sheet, { frozenRows: tableRow, active: true }));
  yield* call(() =>
    port.write(sheet, [
      // Title and source as literal text: a title such as "=1+1" or "10-20" stays the text it is.
      { row: titleRow, column: 1, cells: [[plan.title]] },
      { row: sourceRow, column: 1, cells: [[plan.source]] },
      { row: tableRow, column: 1, cells: [[{ formula: plan.formula }]] },
    ]),
  );
  yield* call(() =>
    port.format(sheet, [
      { block: { row: titleRow, column: 1, rows: 1, columns: 1 }, format: { bold: true, fontSize: 14 } },
      { block: { row: tableRow, column: 1, rows: 1, columns: SUMMARY_HEADER.length }, format: { bold: true } },
      ...plan.formats.map((run) => ({ block: { row: run.row, column: run.column, rows: run.rows, columns: 1 }, format: { numberFormat: run.format } })),
    ]),
  );
  yield* call(() => port.addChart(sheet, chartOf(plan)));
}

/** Accounts as columns, win rate as a line on a second axis, the Total row left out; right of the table. */
function chartOf(plan: SummaryPlan): ChartSpec {
  const { tableRow, winRateColumn } = SUMMARY_LAYOUT;
  const rate = columnLetter(winRateColumn);
  const lastTierRow = tableRow + plan.tableRows - 1;
  return {
    title: plan.chart.title,
    columns: plan.chart.accounts,
    line: plan.chart.winRate ? { name: 'Win rate', values: plan.chart.winRate, withHeader: `${rate}${tableRow}:${rate}${lastTierRow}` } : null,
    at: `${columnLetter(SUMMARY_HEADER.length + 2)}${tableRow}`,
  };
}
