/** Which history columns hold the outcome, the amount and the dates, suggested from header names. */
import { ShapeError } from '../errors.ts';
import type { Model } from '../model.ts';
import { headerKey, quoteList } from '../text.ts';
import { type Cell, readText } from '../values.ts';

export type HistoryColumnRole = 'outcome' | 'amount' | 'created' | 'closed';
export const HISTORY_COLUMN_ROLES: readonly HistoryColumnRole[] = ['outcome', 'amount', 'created', 'closed'];

export interface ColumnChoice {
  /** 0-based position in the header row. */
  column: number;
  header: string;
}

export type HistoryColumns = Record<HistoryColumnRole, ColumnChoice | null>;

/** Header keys (letters and digits, lower case) that name each role exactly, best first, then words a header may contain. */
const NAMES: Record<HistoryColumnRole, { exact: string[]; contains: string[] }> = {
  outcome: {
    exact: ['outcome', 'won', 'iswon', 'wonlost', 'winloss', 'closedwon', 'result', 'dealoutcome', 'stage', 'dealstage', 'stagename', 'opportunitystage', 'status', 'dealstatus'],
    contains: ['outcome', 'wonlost', 'winloss', 'won', 'result', 'stage', 'status'],
  },
  amount: {
    exact: ['amount', 'dealamount', 'opportunityamount', 'dealsize', 'dealvalue', 'contractvalue', 'acv', 'tcv', 'bookings', 'wonamount', 'closedamount', 'value'],
    contains: ['amount', 'dealsize', 'dealvalue', 'contractvalue', 'acv', 'bookings'],
  },
  created: {
    exact: ['createddate', 'created', 'createdon', 'createdat', 'datecreated', 'opportunitycreated', 'opendate', 'opened', 'openedon', 'dateopened'],
    contains: ['created', 'opened'],
  },
  closed: {
    exact: ['closedate', 'closeddate', 'closed', 'closedon', 'closedat', 'dateclosed', 'closingdate', 'wondate'],
    contains: ['closedate', 'closeddate', 'closedon', 'closingdate', 'dateclosed'],
  },
};

/**
 * Suggest the outcome, amount, created and closed columns from the header names. Columns a
 * model Field reads are never suggested; each column is suggested for one role at most.
 */
export function suggestHistoryColumns(headers: readonly Cell[], model?: Model): HistoryColumns {
  const used = new Set((model?.entries ?? []).map((e) => headerKey(e.field)).filter(Boolean));
  const keys = headers.map((h) => headerKey(readText(h) ?? ''));
  const taken = new Set<number>();
  const result = { outcome: null, amount: null, created: null, closed: null } as HistoryColumns;
  const free = (k: number) => !taken.has(k) && keys[k] !== '' && !used.has(keys[k]!);
  // Exact names first for every role, so "Won amount" goes to the amount before "won" claims it.
  for (const pass of ['exact', 'contains'] as const) {
    for (const role of HISTORY_COLUMN_ROLES) {
      if (result[role]) continue;
      const best = bestNamedColumn(keys, NAMES[role][pass], pass, free);
      if (best >= 0) {
        taken.add(best);
        result[role] = { column: best, header: (readText(headers[best]) ?? '').trim() };
      }
    }
  }
  return result;
}

/**
 * The free column whose header key comes first in `words` (exact: the key is the word; contains:
 * the key holds it); the leftmost column on a tie; -1 when none does.
 */
export function bestNamedColumn(keys: readonly string[], words: readonly string[], pass: 'exact' | 'contains', free: (k: number) => boolean): number {
  let best = -1;
  let bestRank = Infinity;
  keys.forEach((key, k) => {
    if (!free(k)) return;
    const rank = pass === 'exact' ? words.indexOf(key) : words.findIndex((word) => key.includes(word));
    if (rank >= 0 && rank < bestRank) {
      bestRank = rank;
      best = k;
    }
  });
  return best;
}

/** A column named by its header (matched as Fields are, SPEC §3) or its 0-based position. */
export function resolveColumn(headers: readonly Cell[], ref: string | number, role: string): ColumnChoice {
  const names = headers.map((h) => (readText(h) ?? '').trim());
  if (typeof ref === 'number') {
    if (Number.isInteger(ref) && ref >= 0 && ref < headers.length) return { column: ref, header: names[ref]! };
    throw new ShapeError('columns', `the ${role} column is number ${ref + 1}, but the history has ${headers.length} columns`);
  }
  const key = headerKey(ref);
  const column = names.findIndex((name) => headerKey(name) === key && key !== '');
  if (column < 0) {
    throw new ShapeError('columns', `the history has no "${ref}" column for the ${role}; its headers are ${quoteList(names.filter(Boolean)) || 'all blank'}`);
  }
  return { column, header: names[column]! };
}
