/**
 * What `learnFromHistory` is given, checked field by field, and the history read once: its
 * columns resolved, outcomes, amounts and dates read per distinct cell.
 */
import * as z from 'zod/mini';
import { ShapeError } from '../errors.ts';
import { type Cell, UNREADABLE, readDay, readNumber } from '../values.ts';
import { type HistoryColumnRole, resolveColumn } from './columns.ts';
import { lookup } from './arrays.ts';
import type { HistoryTable } from './table.ts';
import type { Goal } from './words.ts';
import { tableFromGrid } from './table.ts';

export type LearnPhase = 'reading' | 'lift' | 'validating' | 'fitting' | 'drift' | 'done';

export interface LearnProgress {
  phase: LearnPhase;
  /** 0–1 over the whole run. */
  fraction: number;
}

export interface LearnOptions {
  /** Excel passes dates as serial numbers. */
  serialDates?: boolean;
  /** The day time rules count back from for accounts with no created date (default: the model's `as of`, else today). */
  today?: Date;
  /** Seed for the k-fold shuffle. Default 1. */
  seed?: number;
  /** Folds for k-fold validation. Default 5. */
  folds?: number;
  /** L2 penalty of the fit. Default: chosen by cross-validation on the training accounts. */
  lambda?: number;
  /** Look for segments in every history column (default true); false only refits the model's own rows. */
  discover?: boolean;
  /** `amount`: weigh each won deal by its amount (over the mean won amount), so segments that win big deals count more. Default `wins`. The same as the goal `value`. */
  weighBy?: 'wins' | 'amount';
  /** What counts as reaching the goal (core/learn/goals.ts): won (default), retained, value or expansion. */
  goal?: Goal;
  /** The retained goal: days a won account must have been a customer before the as-of day to be judged. Default 180. */
  minTenureDays?: number;
  /** Decided accounts a row needs with it and without it to be judged. Default 20. */
  minSupport?: number;
  /** Columns (0-based) the host found holding ICP functions: never learned from. */
  icpColumns?: number[];
}

export type ColumnRef = string | number;

export interface LearnInput {
  /** The scoring worksheet, header row included. */
  modelGrid: unknown;
  /** The history: a header row (its first non-blank row), then one row per account or deal. */
  historyGrid?: unknown;
  /** Or the history as a table (the CLI streams a file into one); one of the two is given. */
  history?: HistoryTable;
  /** The outcome column (required) and optional amount, created and closed columns, by header or 0-based position. */
  columns: { outcome: ColumnRef; amount?: ColumnRef | null; created?: ColumnRef | null; closed?: ColumnRef | null; churned?: ColumnRef | null; arrNow?: ColumnRef | null };
  onProgress?: (progress: LearnProgress) => void;
  options?: LearnOptions;
}

// Checked field by field with the zod schemas the core already bundles (custom and primitives):
// a z.object schema here would add 7 KB to every host bundle.
const grid = z.custom<Cell[][]>((v) => Array.isArray(v) && v.every((row) => Array.isArray(row)), { message: 'must be a range: rows of cells' });
const table = z.custom<HistoryTable>(
  (v) => {
    const t = v as HistoryTable;
    return (
      typeof v === 'object' && v !== null && Array.isArray(t.headers) && Number.isInteger(t.rows) && Array.isArray(t.columns) && t.columns.length === t.headers.length &&
      t.columns.every((c) => Array.isArray(c.values) && c.codes instanceof Int32Array && c.codes.length === t.rows && c.codes.every((k) => k >= 0 && k < c.values.length))
    );
  },
  { message: 'must be a history table: headers, and for each column its values and one code per row' },
);
const columnRef = z.custom<string | number>((v) => typeof v === 'string' || (Number.isInteger(v) && (v as number) >= 0), {
  message: 'must be a header or a column number from 0',
});
const whole = (low: number, high: number) =>
  z.custom<number>((v) => Number.isInteger(v) && (v as number) >= low && (v as number) <= high, { message: `must be a whole number from ${low} to ${high}` });
/** Each input field, and whether it may be left out (undefined; null too for columns). */
const FIELDS: [path: string, schema: z.ZodMiniType, optional: boolean][] = [
  ['historyGrid', grid, true],
  ['history', table, true],
  ['columns.outcome', columnRef, false],
  ['columns.amount', columnRef, true],
  ['columns.created', columnRef, true],
  ['columns.closed', columnRef, true],
  ['columns.churned', columnRef, true],
  ['columns.arrNow', columnRef, true],
  ['onProgress', z.custom((v) => typeof v === 'function', { message: 'must be a function' }), true],
  ['options.serialDates', z.boolean(), true],
  ['options.today', z.date(), true],
  ['options.seed', whole(-(2 ** 31), 2 ** 31), true],
  ['options.folds', whole(2, 20), true],
  ['options.lambda', z.custom<number>((v) => typeof v === 'number' && v > 0 && Number.isFinite(v), { message: 'must be a number above 0' }), true],
  ['options.minSupport', whole(1, 1e9), true],
  ['options.discover', z.boolean(), true],
  ['options.weighBy', z.enum(['wins', 'amount']), true],
  ['options.goal', z.enum(['won', 'retained', 'value', 'expansion']), true],
  ['options.minTenureDays', whole(0, 36_500), true],
  ['options.icpColumns', z.custom<number[]>((v) => Array.isArray(v) && v.every((c) => Number.isInteger(c) && c >= 0), { message: 'must be column numbers from 0' }), true],
];

/** The input checked, with the history as a table. */
export function checkInput(input: unknown): LearnInput & { history: HistoryTable } {
  const at = (path: string): unknown =>
    path.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), input);
  if (typeof at('columns') !== 'object' || at('columns') === null) {
    throw new ShapeError('columns', 'learning from history: columns is not valid (it must name at least the outcome column)');
  }
  for (const [path, schema, optional] of FIELDS) {
    const value = at(path);
    if (optional && (value === undefined || (value === null && path.startsWith('columns.')))) continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message;
      const why = message && message !== 'Invalid input' ? message : 'wrong type';
      throw new ShapeError(path.split('.')[0]!, `learning from history: ${path} is not valid (${why})`);
    }
  }
  const given = input as LearnInput;
  if (given.history) return given as LearnInput & { history: HistoryTable };
  if (given.historyGrid === undefined) throw new ShapeError('historyGrid', 'learning from history: historyGrid is not valid (must be a range: rows of cells)');
  const history = tableFromGrid(given.historyGrid as Cell[][]);
  if (!history) throw new ShapeError('historyGrid', 'the history is empty; it needs a header row and one row per account');
  return { ...given, history };
}

export interface LearnColumns {
  outcome: string;
  amount: string | null;
  created: string | null;
  closed: string | null;
  churned?: string | null;
  arrNow?: string | null;
}

/** The customer's columns the goals read (core/customer.ts), named by the input. */
export type CustomerRole = 'churned' | 'arrNow';
const CUSTOMER_LABEL: Record<CustomerRole, string> = { churned: 'churned', arrNow: 'ARR now' };

/** The picked columns: their positions and headers. */
export function resolveColumns(headers: readonly Cell[], refs: LearnInput['columns']): { at: Record<HistoryColumnRole | CustomerRole, number | null>; names: LearnColumns } {
  const column = (role: HistoryColumnRole | CustomerRole) => {
    const ref = refs[role];
    return ref === undefined || ref === null ? null : resolveColumn(headers, ref, role === 'churned' || role === 'arrNow' ? CUSTOMER_LABEL[role] : role);
  };
  const churned = column('churned');
  const arrNow = column('arrNow');
  const customer = { churned: churned?.column ?? null, arrNow: arrNow?.column ?? null };
  const customerNames = { ...(churned ? { churned: churned.header } : {}), ...(arrNow ? { arrNow: arrNow.header } : {}) };
  const outcome = column('outcome')!;
  const amount = column('amount');
  const created = column('created');
  const closed = column('closed');
  return {
    at: { outcome: outcome.column, amount: amount?.column ?? null, created: created?.column ?? null, closed: closed?.column ?? null, ...customer },
    names: { outcome: outcome.header, amount: amount?.header ?? null, created: created?.header ?? null, closed: closed?.header ?? null, ...customerNames },
  };
}

/** A column read per distinct cell: a number per account (NaN where blank or unreadable), and how many cells could not be read. */
export function readColumn(history: HistoryTable, column: number, read: (cell: Cell) => number | null | typeof UNREADABLE): { values: Float64Array; unreadable: number } {
  const { values, codes } = history.columns[column]!;
  const perCode = values.map(read);
  let unreadable = 0;
  const table = Float64Array.from(perCode, (v) => (typeof v === 'number' ? v : NaN));
  const out = lookup(Float64Array, codes, table);
  const counts = new Float64Array(values.length);
  for (let i = 0; i < codes.length; i++) counts[codes[i]!]!++;
  perCode.forEach((v, k) => {
    if (v === UNREADABLE) unreadable += counts[k]!;
  });
  return { values: out, unreadable };
}

export const readDays = (history: HistoryTable, column: number, serialDates: boolean) => readColumn(history, column, (cell) => readDay(cell, { serialDates }));
export const readAmounts = (history: HistoryTable, column: number) => readColumn(history, column, readNumber);
