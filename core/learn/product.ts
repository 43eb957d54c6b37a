/**
 * The columns a history must not be learned from, each with the reason a person reads: the
 * product's own answers (ICP Score, ICP Tier, ICP Why, ICP Persona as the hosts write them,
 * icp_score, icp_tier, icp_why from `icp score`, icp_excluded_by from `icp sql`, a dimension's
 * sub-score, any column the host says holds ICP functions), the model's manual override, the deal
 * columns (outcome, amount, dates) and headers no Field could name. Learning from the product's
 * answers would teach the current model back to itself; a CRM's own "Lead score" is data.
 */
import type { Model } from '../model.ts';
import { headerKey } from '../text.ts';
import { type Cell, readText } from '../values.ts';
import { suggestCustomerColumns } from '../customer.ts';
import { HISTORY_COLUMN_ROLES, type HistoryColumnRole, suggestHistoryColumns } from './columns.ts';
import { unnameable } from './fine.ts';

export interface LeftOut {
  column: number;
  header: string;
  /** Why it is not learned from, as a sentence fragment: "written by ICP scoring (the score)…". */
  why: string;
}

/** Header keys (as Fields match headers) of the columns the product writes, and what each holds. */
const PRODUCT_HEADERS: Record<string, string> = {
  icpscore: 'the score',
  icptier: 'the tier',
  icpwhy: 'the explanation',
  icppersona: 'the persona',
  icpexcludedby: 'the exclusion reason',
};

const ANSWER = 'learning from it would teach the current model back to itself';

/** Why a header names one of the product's answers, or null. */
export function productHeader(header: string, model: Model): string | null {
  const key = headerKey(header);
  const what = PRODUCT_HEADERS[key];
  if (what) return `written by ICP scoring (${what}): ${ANSWER}`;
  for (const dimension of model.dimensions) {
    const d = headerKey(dimension);
    if (!d) continue;
    if ([`icp${d}`, `${d}score`, `icp${d}score`, `icpscore${d}`, `${d}subscore`, `icp${d}subscore`].includes(key)) {
      return `written by ICP scoring (the ${dimension} sub-score): ${ANSWER}`;
    }
  }
  return null;
}

const ROLE_WHY: Record<HistoryColumnRole, string> = {
  outcome: 'the outcome being learned',
  amount: 'the deal amount: filled in only for won deals, it would "predict" every win',
  created: 'the created date: it places deals in time (drift, recency), it does not describe the prospect',
  closed: 'the closed date: it places deals in time (the held-out split), it does not describe the prospect',
};

export interface LeftOutInput {
  headers: readonly Cell[];
  model: Model;
  /** The outcome, amount, created, closed, churned and ARR now columns picked. */
  picked: Partial<Record<HistoryColumnRole | 'churned' | 'arrNow', number | null>>;
  /** Columns the host found holding ICP functions (0-based). */
  icpColumns: readonly number[];
}

/** Every column that is not learned from, with why; the others are searched. */
export function leftOutColumns(input: LeftOutInput): LeftOut[] {
  const { headers, model } = input;
  const out = new Map<number, string>();
  const name = (column: number) => (readText(headers[column]) ?? '').trim();
  for (const role of HISTORY_COLUMN_ROLES) {
    const column = input.picked[role];
    if (column !== null && column !== undefined) out.set(column, ROLE_WHY[role]);
  }
  // A column merely named like a deal column is left out too, unless the model reads it as a Field.
  const fields = new Set(model.entries.filter((e) => e.kind === 'criterion' || e.kind === 'exclude' || e.kind === 'and').map((e) => headerKey(e.field)));
  const named = suggestHistoryColumns(headers);
  for (const role of HISTORY_COLUMN_ROLES) {
    const column = named[role]?.column;
    if (column !== undefined && !out.has(column) && !fields.has(headerKey(name(column)))) out.set(column, `named like ${ROLE_WHY[role].split(':')[0]}`);
  }
  // The churned and ARR now columns (core/customer.ts) are written once a deal is won and has lived:
  // they tell what happened after the outcome, not who the prospect was. A Field of the model is kept.
  const customer = suggestCustomerColumns(headers, { model, taken: [...out.keys()] });
  const why = {
    churned: 'whether the customer churned: known only after the deal was won, it is not a trait of the prospect',
    arrNow: "the account's revenue now: known only after the deal was won, it is not a trait of the prospect",
  };
  for (const role of ['churned', 'arrNow'] as const) {
    const picked = input.picked[role];
    if (picked !== null && picked !== undefined) out.set(picked, why[role]);
    const named = customer[role]?.column;
    if (named !== undefined && !out.has(named)) out.set(named, why[role]);
  }
  const override = model.settings.override ? headerKey(model.settings.override) : null;
  const icp = new Set(input.icpColumns);
  headers.forEach((_, column) => {
    if (out.has(column)) return;
    const header = name(column);
    const product = productHeader(header, model);
    if (product) out.set(column, product);
    else if (icp.has(column)) out.set(column, `its cells hold ICP functions: ${ANSWER}`);
    else if (override && headerKey(header) === override) out.set(column, "the model's manual override: sales enter it, often knowing how the deal went, so it carries the outcome");
    else {
      const why = unnameable(headers, column);
      if (why) out.set(column, why);
    }
  });
  return [...out.entries()].sort((a, b) => a[0] - b[0]).map(([column, why]) => ({ column, header: name(column) || `(column ${column + 1})`, why }));
}
