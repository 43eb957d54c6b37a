/**
 * `icp learn --what-if "30% from SMB to Mid-Market"`: the effort audit as a plan (issue #20,
 * item 5). The history's deals are scored with the model (so a tier can be a group), the two
 * groups are found by name, and the core projects the won revenue the move would have brought
 * (core/what-if.ts: yields, the delta method's 90% range; core/what-if-history.ts: the history
 * scored, shared with the panel's Learn tab). Checked before the learning runs, so a group that is
 * not there is an answer at once.
 */
import type { HistoryTable, Model } from '../core/index.ts';
import { type WhatIfResult, parseWhatIf } from '../core/what-if.ts';
import { type WhatIfColumns, scoreHistory, scoredWhatIf } from '../core/what-if-history.ts';
import { CliError } from './files.ts';

export type { WhatIfColumns };

/** The what-if over the history icp learn read (its table: the header and each deal's row); a CliError naming what is wrong. */
export function historyWhatIf(text: string, model: Model, table: HistoryTable, columns: WhatIfColumns, today?: Date): WhatIfResult {
  const plan = parseWhatIf(text);
  if (!plan.ok) throw new CliError(`--what-if: ${plan.problem}`);
  const scored = scoreHistory(model, table, columns, today);
  if (!scored.ok) throw new CliError('--what-if needs the deal amount column to weigh what each group brought in: name it with --amount COLUMN');
  const answer = scoredWhatIf(plan.value, scored.value);
  if (!answer.ok) throw new CliError(`--what-if: ${answer.problem}`);
  return answer.value;
}
