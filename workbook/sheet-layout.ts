/**
 * What "Score this sheet" and "Create tier summary" write, laid out once for every host so the
 * hosts cannot drift: which columns get ICP Score, ICP Tier and ICP Why, the formula in each, and
 * where the summary table sits. Each host writes the cells; a `FormulaDialect` spells the parts
 * that differ (function names, open-ended ranges, joining column runs). Pure.
 */
import type { FormulaHost } from '../core/formula-names.ts';
import { FUNCTIONS, type FunctionDecl } from '../core/functions.ts';
import { headerKey } from '../core/text.ts';
import { messages } from './messages.ts';

/** The columns written, with the function each one holds. */
export const SCORE_COLUMNS = [
  { header: 'ICP Score', id: 'SCORE' },
  { header: 'ICP Tier', id: 'TIER' },
  { header: 'ICP Why', id: 'EXPLAIN' },
] as const satisfies readonly { header: string; id: FunctionDecl['id'] }[];

/** `A`, `Z`, `AA`… for a 1-based column number. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A sheet name as a formula reference: always quoted, inner quotes doubled (`'Bob''s list'`). */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A text for a formula: `"…"` with inner quotes doubled. */
export function formulaText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * A formula's argument list split at its top-level commas (not inside quotes, braces or
 * parentheses), each argument trimmed: `A2:F, {"a", "b"}, 'Bob''s'!A:H` → three arguments.
 */
export function formulaArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote && text[i + 1] === quote) i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{' || ch === '(') depth++;
    else if (ch === '}' || ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.length === 1 && parts[0] === '' ? [] : parts;
}

/** The 1-based position of a header (case and punctuation ignored), or 0. */
export function findHeader(headers: readonly string[], name: string): number {
  const key = headerKey(name);
  return headers.findIndex((header) => headerKey(header) === key) + 1;
}

/** Consecutive runs of column numbers: [1,2,3,6,7] → [[1,3],[6,7]]. */
export function columnRuns(columns: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const column of [...columns].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && column === last[1] + 1) last[1] = column;
    else runs.push([column, column]);
  }
  return runs;
}

/** How a host spells formulas. */
export interface FormulaDialect {
  /** Whose function names it writes: `ICP_SCORE` (Sheets) or `ICP.SCORE` (Excel). */
  names: FormulaHost;
  /**
   * Where a range over a sheet's data ends, from the sheet's last used row: null where ranges are
   * left open (Sheets' `A2:A`). `use` says which request asks (the preview's summary wants one more).
   */
  dataEnd(lastRow: number, use: 'score' | 'summary'): number | null;
  /** The model range a formula reads, from the model sheet's used extent (a model that grows is still read). */
  modelReference(sheetName: string, lastRow: number, lastColumn: number): string;
  /** The function's name in a formula: `ICP_SCORE` (Sheets), `ICP.SCORE` (Excel). */
  functionName(id: FunctionDecl['id']): string;
  /** Rows `firstRow` down to `lastRow` of columns `from`…`to`; `lastRow` null = to the sheet's end. */
  range(from: number, to: number, firstRow: number, lastRow: number | null): string;
  /** Several ranges side by side as one argument. */
  sideBySide(parts: string[]): string;
  /** A row of texts as an array literal. */
  textRow(texts: string[]): string;
}

/** Model columns A to at least H: an open-ended Sheets range. */
const modelColumns = (sheetName: string, lastColumn: number) => `${quoteSheetName(sheetName)}!A:${columnLetter(Math.max(8, lastColumn))}`;

export const SHEETS_DIALECT: FormulaDialect = {
  names: 'sheets',
  dataEnd: () => null,
  modelReference: (sheetName, _lastRow, lastColumn) => modelColumns(sheetName, lastColumn),
  functionName: (id) => FUNCTIONS.find((f) => f.id === id)!.sheetsName,
  range: (from, to, firstRow, lastRow) => `${columnLetter(from)}${firstRow}:${columnLetter(to)}${lastRow ?? ''}`,
  sideBySide: (parts) => `{${parts.join(', ')}}`,
  textRow: (texts) => `{${texts.map(formulaText).join(', ')}}`,
};

/** Excel: ranges must end (Excel on the web refuses whole columns to custom functions), HSTACK joins. */
export const EXCEL_DIALECT: FormulaDialect = {
  names: 'excel',
  dataEnd: (lastRow) => lastRow,
  // Rows 1 to at least 1000, and 500 past the model's last row.
  modelReference: (sheetName, lastRow, lastColumn) =>
    `${quoteSheetName(sheetName)}!A1:${columnLetter(Math.max(8, lastColumn))}${Math.max(1000, lastRow + 500)}`,
  functionName: (id) => `ICP.${id}`,
  range: (from, to, firstRow, lastRow) => `${columnLetter(from)}${firstRow}:${columnLetter(to)}${lastRow ?? 1_048_576}`,
  sideBySide: (parts) => `HSTACK(${parts.join(', ')})`,
  textRow: (texts) => `{${texts.map(formulaText).join(',')}}`,
};

/**
 * The local preview (HyperFormula): Sheets' names, but every range closed; the model range reaches
 * PREVIEW_MODEL_SLACK rows past the model, so rows typed below it by hand are read too.
 */
export const PREVIEW_MODEL_SLACK = 20;
export const PREVIEW_DIALECT: FormulaDialect = {
  ...SHEETS_DIALECT,
  // HyperFormula reads `{A2:A9, E2:P9}` but does not recalculate it when a cell in those ranges
  // changes: column runs are joined with HSTACK.
  sideBySide: (parts) => `HSTACK(${parts.join(', ')})`,
  // One row past the data for a summary: a range that is exactly an array formula's result (the
  // ICP Tier column) makes HyperFormula throw "Unknown array" on the next recalculation in the browser.
  dataEnd: (lastRow, use) => (use === 'summary' ? lastRow + 1 : lastRow),
  modelReference: (sheetName, lastRow, lastColumn) =>
    `${quoteSheetName(sheetName)}!A1:${columnLetter(Math.max(8, lastColumn))}${Math.max(1, lastRow) + PREVIEW_MODEL_SLACK}`,
  range: (from, to, firstRow, lastRow) => `${columnLetter(from)}${firstRow}:${columnLetter(to)}${lastRow ?? firstRow}`,
};

export interface ScoreColumnPlan {
  /** 1-based columns for ICP Score, ICP Tier and ICP Why: the ones there already, else after the last column. */
  targets: number[];
  /** The prospect columns the formulas read (every column but the ICP ones). */
  dataColumns: number[];
}

/** Where the three ICP columns go on a sheet whose header row is `headers` (text, left to right). */
export function planScoreColumns(headers: readonly string[], sheetName: string, headerRow: number): ScoreColumnPlan {
  let next = headers.length + 1;
  const targets = SCORE_COLUMNS.map(({ header }) => findHeader(headers, header) || next++);
  const icp = new Set(targets);
  const dataColumns = headers.map((_, i) => i + 1).filter((column) => !icp.has(column));
  if (dataColumns.length === 0) throw new Error(messages.noProspectColumns(sheetName, headerRow));
  return { targets, dataColumns };
}

/**
 * The header row as a row of texts with each mapped prospect header replaced by the model's
 * Field, so the model itself stays untouched.
 */
export function mappedHeaders(headers: readonly string[], columns: readonly number[], fieldMap: Record<string, string>): string[] {
  const fieldFor = new Map<number, string>();
  for (const [field, header] of Object.entries(fieldMap)) {
    const column = findHeader(headers, header);
    if (column === 0 || !columns.includes(column)) {
      throw new Error(messages.mappedColumnMissing(field, header, headers));
    }
    fieldFor.set(column, field);
  }
  return columns.map((column) => fieldFor.get(column) ?? headers[column - 1] ?? '');
}

export interface ScoreFormulaRequest {
  headers: readonly string[];
  plan: ScoreColumnPlan;
  headerRow: number;
  /** The last row of prospect data; null = open-ended, where the host allows it. */
  lastRow: number | null;
  fieldMap: Record<string, string>;
  /** The model range as an argument, e.g. `'ICP Model'!A:H`. */
  modelReference: string;
}

/** The formula for each of SCORE_COLUMNS, in order. */
export function scoreFormulas(request: ScoreFormulaRequest, dialect: FormulaDialect): string[] {
  const { headers, plan, headerRow, lastRow, fieldMap, modelReference } = request;
  const runs = columnRuns(plan.dataColumns);
  const joined = (parts: string[]) => (parts.length === 1 ? parts[0]! : dialect.sideBySide(parts));
  const values = joined(runs.map(([from, to]) => dialect.range(from, to, headerRow + 1, lastRow)));
  const headerArg = Object.keys(fieldMap).length > 0
    ? dialect.textRow(mappedHeaders(headers, plan.dataColumns, fieldMap))
    : joined(runs.map(([from, to]) => dialect.range(from, to, headerRow, headerRow)));
  return SCORE_COLUMNS.map(({ id }) => `=${dialect.functionName(id)}(${values}, ${headerArg}, ${modelReference})`);
}

/** The tier summary sheet: title in A1, when and from what in A2, the ICP_SUMMARY table from A4. */
export const SUMMARY_LAYOUT = {
  titleRow: 1,
  sourceRow: 2,
  tableRow: 4,
  /** 1-based columns of the table formatted as percentages (Share, Win rate) and as an amount. */
  percentColumns: [3, 5],
  amountColumn: 6,
  /** The chart's series: Accounts (columns) and, with a won column, Win rate (a line on a second axis). */
  accountsColumn: 2,
  winRateColumn: 5,
} as const;

/** The title the summary sheet gets when the request's is blank. */
export const DEFAULT_SUMMARY_TITLE = 'ICP tier summary';

/** The title as a sheet name: the characters sheet names may not hold dropped, at most `maxLength` (Excel: 31). */
export function summarySheetBase(title: string, maxLength: number): string {
  return title.replace(/[\[\]*?:\\/]/g, ' ').trim().slice(0, maxLength).trim() || DEFAULT_SUMMARY_TITLE;
}

/** ICP_SUMMARY's arguments: tiers, model, then won and amount when given ("" holds won's place). */
export function summaryArguments(tiers: string, model: string, won: string | null, amount: string | null): string[] {
  const args = [tiers, model];
  if (won || amount) args.push(won ?? '""');
  if (amount) args.push(amount);
  return args;
}

/** A sheet name from the title that no sheet has yet: `Title`, `Title (2)`, … within `maxLength`. */
export function freeSheetName(title: string, maxLength: number, taken: (name: string) => boolean): string {
  const base = summarySheetBase(title, maxLength);
  let name = base;
  for (let n = 2; taken(name); n++) name = `${base.slice(0, maxLength - String(n).length - 3).trim()} (${n})`;
  return name;
}
