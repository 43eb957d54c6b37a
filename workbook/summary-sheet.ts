/**
 * "Create tier summary", planned once for every host: the sheet's name, its title and source line,
 * ICP_SUMMARY's formula at SUMMARY_LAYOUT.tableRow, how many rows the table spills (so the chart
 * covers exactly the tiers), and the chart's ranges. Each host writes the plan with its own calls.
 * The title is written as literal text, as the model is. Pure.
 */
import { safeReadModel } from '../core/model.ts';
import { summarize } from '../core/summary.ts';
import type { Cell } from '../core/values.ts';
import type { SheetInfo, SummaryRequest, WireCell } from './host.ts';
import { messages } from './messages.ts';
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
