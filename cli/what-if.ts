/**
 * `icp learn --what-if "30% from SMB to Mid-Market"`: the effort audit as a plan (issue #20,
 * item 5). The history's deals are scored with the model (so a tier can be a group), the two
 * groups are found by name, and the core projects the won revenue the move would have brought
 * (core/what-if.ts: yields, the delta method's 90% range). Checked before the learning runs, so a
 * group that is not there is an answer at once.
 */
import { type Cell, type HistoryTable, type Model, bindModel, evaluateRow, headerKey } from '../core/index.ts';
import { tableRows } from '../core/learner.ts';
import { type WhatIfResult, parseWhatIf, whatIf } from '../core/what-if.ts';
import { CliError } from './files.ts';

export interface WhatIfColumns {
  outcome: string;
  amount: string | null;
  created?: string | null;
  closed?: string | null;
}

/** The what-if over the history icp learn read (its table: the header and each deal's row); a CliError naming what is wrong. */
export function historyWhatIf(text: string, model: Model, table: HistoryTable, columns: WhatIfColumns, today?: Date): WhatIfResult {
  const plan = parseWhatIf(text);
  if (!plan.ok) throw new CliError(`--what-if: ${plan.problem}`);
  const header = table.headers;
  const at = (name: string | null | undefined) => (name ? header.findIndex((h) => headerKey(String(h ?? '')) === headerKey(name)) : -1);
  const outcome = at(columns.outcome);
  const amount = at(columns.amount);
  if (amount < 0) throw new CliError('--what-if needs the deal amount column to weigh what each group brought in: name it with --amount COLUMN');
  const rows = tableRows(table);
  const bound = bindModel(model, header, today ? { today } : {});
  const tiers = rows.map((row) => evaluateRow(bound, row).tier);
  const skip = [outcome, amount, at(columns.created), at(columns.closed)].filter((c) => c >= 0);
  const answer = whatIf(plan.value, { header, rows, tiers, skip }, rows.map((row) => row[outcome] ?? null), rows.map((row) => row[amount] ?? null));
  if (!answer.ok) throw new CliError(`--what-if: ${answer.problem}`);
  return answer.value;
}
