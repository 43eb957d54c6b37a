/**
 * The what-if over a history table as the learner read it (issue #20, item 5): each deal scored
 * with the model so a tier can be a group, the columns that are not segments set aside, and the
 * groups a person can pick (the model's tiers, then the effort table's segments the what-if can
 * find). One place for `icp learn --what-if` (cli/what-if.ts) and the Learn tab's what-if
 * (ui/what-if-view.ts). Pure.
 */
import { EXCLUDED, type Model } from './model.ts';
import { bindModel, evaluateRow } from './score.ts';
import { headerKey } from './text.ts';
import type { Cell } from './values.ts';
import { type HistoryTable, tableRows } from './learn/table.ts';
import { type WhatIfAnswer, type WhatIfHistory, type WhatIfPlan, type WhatIfResult, findWhatIfGroup, whatIf } from './what-if.ts';

/** The history's columns by header name, as the learner names them (LearnColumns). */
export interface WhatIfColumns {
  outcome: string;
  amount: string | null;
  created?: string | null;
  closed?: string | null;
}

/** A history ready for what-ifs: the groups' rows, and each deal's outcome and amount. */
export interface ScoredHistory {
  history: WhatIfHistory;
  outcomes: Cell[];
  amounts: Cell[];
}

export const NEEDS_AMOUNT = 'the what-if needs the deal amount column to weigh what each group brought in';

/** The table scored with the model (tiers for every deal), or why there is no what-if (no amount column). */
export function scoreHistory(model: Model, table: HistoryTable, columns: WhatIfColumns, today?: Date): WhatIfAnswer<ScoredHistory> {
  const header = table.headers;
  const at = (name: string | null | undefined) => (name ? header.findIndex((h) => headerKey(String(h ?? '')) === headerKey(name)) : -1);
  const outcome = at(columns.outcome);
  const amount = at(columns.amount);
  if (amount < 0) return { ok: false, problem: NEEDS_AMOUNT };
  const rows = tableRows(table);
  const bound = bindModel(model, header, today ? { today } : {});
  const tiers = rows.map((row) => evaluateRow(bound, row).tier);
  const skip = [outcome, amount, at(columns.created), at(columns.closed)].filter((c) => c >= 0);
  const history = { header, rows, tiers, skip };
  return { ok: true, value: { history, outcomes: rows.map((row) => row[outcome] ?? null), amounts: rows.map((row) => row[amount] ?? null) } };
}

/** The what-if of a plan over a scored history. */
export function scoredWhatIf(plan: WhatIfPlan, scored: ScoredHistory): WhatIfAnswer<WhatIfResult> {
  return whatIf(plan, scored.history, scored.outcomes, scored.amounts);
}

/**
 * The groups to offer: the model's tiers that hold a deal (highest minimum first, as ICP_SUMMARY
 * orders them), Excluded when a deal is excluded, then each segment (the effort table's, in its
 * order) that the what-if finds by its name as one group, not a tier's name again.
 */
export function whatIfGroups(model: Model, scored: ScoredHistory, segments: readonly string[]): { tiers: string[]; segments: string[] } {
  const present = new Set(scored.history.tiers.map((t) => String(t ?? '')));
  const tiers = [...model.tiers.map((t) => t.name), EXCLUDED].filter((name) => present.has(name));
  const tierKeys = new Set(tiers.map(headerKey));
  const found = segments.filter((s, k) => segments.indexOf(s) === k && !tierKeys.has(headerKey(s)) && findWhatIfGroup(s, scored.history).ok);
  return { tiers, segments: found };
}
