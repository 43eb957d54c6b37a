/**
 * The rest of a customer's life in a history table (issue #20): whether the account churned and
 * what it pays now (ARR now), beside the deal columns the learner finds (outcome, amount, created,
 * closed: core/learn/columns.ts). The columns are found by their header names, as the outcome is;
 * each can be named instead (`--churned`, `--arr-now`, the panel's pickers). Pure.
 */
import { type ColumnChoice, type HistoryColumns, suggestHistoryColumns } from './learn/columns.ts';
import type { Model } from './model.ts';
import { headerKey, normalizeText } from './text.ts';
import { type Cell, type ReadOptions, UNREADABLE, type Unreadable, isBlank, isErrorText, parseIsoDay, readBoolean, readText } from './values.ts';

export type CustomerColumnRole = 'churned' | 'arrNow';
export const CUSTOMER_COLUMN_ROLES: readonly CustomerColumnRole[] = ['churned', 'arrNow'];

/** Every column of a history the proof table reads: the deal's and the customer's. */
export type WholeHistoryColumns = HistoryColumns & Record<CustomerColumnRole, ColumnChoice | null>;

/**
 * Header keys (letters and digits, lower case) that name each role exactly, best first, then
 * words a header may contain. A bare "ARR" is not taken for ARR now: it is as often the deal's ARR
 * (its amount) or the company's revenue.
 */
const NAMES: Record<CustomerColumnRole, { exact: string[]; contains: string[] }> = {
  churned: {
    exact: ['churned', 'churn', 'ischurned', 'haschurned', 'churndate', 'churnedon', 'churnedat', 'datechurned', 'churnstatus', 'cancelled', 'canceled', 'cancellationdate', 'canceldate', 'cancelledon', 'canceledon'],
    contains: ['churn', 'cancel'],
  },
  arrNow: {
    exact: ['arrnow', 'currentarr', 'arrtoday', 'arrcurrent', 'latestarr', 'arrlatest', 'customerarr', 'arrnowusd'],
    contains: ['arrnow', 'currentarr', 'arrtoday', 'latestarr'],
  },
};

/**
 * The churned and ARR now columns, suggested from the header names. Columns a model Field reads,
 * and the columns in `taken` (0-based: the outcome, amount and dates already found), are never
 * suggested; each column is suggested for one role at most.
 */
export function suggestCustomerColumns(headers: readonly Cell[], options: { model?: Model; taken?: Iterable<number> } = {}): Record<CustomerColumnRole, ColumnChoice | null> {
  const used = new Set((options.model?.entries ?? []).map((e) => headerKey(e.field)).filter(Boolean));
  const keys = headers.map((h) => headerKey(readText(h) ?? ''));
  const taken = new Set(options.taken ?? []);
  const result: Record<CustomerColumnRole, ColumnChoice | null> = { churned: null, arrNow: null };
  for (const pass of ['exact', 'contains'] as const) {
    for (const role of CUSTOMER_COLUMN_ROLES) {
      if (result[role]) continue;
      const words = NAMES[role][pass];
      let best = -1;
      let bestRank = Infinity;
      keys.forEach((key, k) => {
        if (taken.has(k) || key === '' || used.has(key)) return;
        const rank = pass === 'exact' ? words.indexOf(key) : words.findIndex((word) => key.includes(word));
        if (rank >= 0 && rank < bestRank) [best, bestRank] = [k, rank];
      });
      if (best >= 0) {
        taken.add(best);
        result[role] = { column: best, header: (readText(headers[best]) ?? '').trim() };
      }
    }
  }
  return result;
}

/** The outcome, amount, created, closed, churned and ARR now columns, each found by its header name. */
export function suggestWholeHistoryColumns(headers: readonly Cell[], model?: Model): WholeHistoryColumns {
  const deal = suggestHistoryColumns(headers, model);
  const taken = Object.values(deal).flatMap((choice) => (choice ? [choice.column] : []));
  return { ...deal, ...suggestCustomerColumns(headers, { ...(model ? { model } : {}), taken }) };
}

const CHURNED_WORDS = new Set(['churned', 'churn', 'cancelled', 'canceled', 'cancelled account', 'lost customer']);
const STAYED_WORDS = new Set(['active', 'renewed', 'retained', 'current', 'not churned', 'customer']);

/**
 * A churned cell: true (churned), false (still a customer), or null (not known). yes / TRUE / 1 /
 * Churned / Cancelled or a date (the churn date) mean churned; no / FALSE / 0 / Active / Renewed
 * mean not; a blank, an error or any other text is not known. A number other than 0 and 1 is a
 * date only where the host passes dates as numbers (Excel); elsewhere it is not known.
 */
export function readChurned(cell: Cell, options: ReadOptions = {}): boolean | null {
  if (isBlank(cell) || isErrorText(cell)) return null;
  if (typeof cell === 'object' && cell !== null) return Number.isFinite((cell as Date).getTime());
  const flag = readBoolean(cell);
  if (flag !== UNREADABLE) return flag;
  if (typeof cell === 'number') return options.serialDates && Number.isFinite(cell) && cell >= 1 ? true : null;
  const word = normalizeText(String(cell));
  if (CHURNED_WORDS.has(word)) return true;
  if (STAYED_WORDS.has(word)) return false;
  return parseIsoDay(String(cell)) === undefined ? null : true;
}

/**
 * An account's ARR now from its cell read as a number (core/values.ts `readNumber`) and its churned
 * cell read: the number, or 0 for a churned account whose ARR now is blank (it pays nothing now);
 * null when not known (blank and not churned, or text that is not a number).
 */
export function arrNowValue(read: number | null | Unreadable, churned: boolean | null): number | null {
  if (typeof read === 'number') return read;
  return read === null && churned === true ? 0 : null;
}
