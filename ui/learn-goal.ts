/**
 * The Learn tab's goal picker (issue #20): learn toward wins (default), customers who stay
 * (retained) or customers who grow (expansion). The churned and ARR now columns are found by their
 * header names, as `icp proof` and `icp learn` find them (core/customer.ts); a goal whose column
 * the sheet lacks is offered disabled, saying which column it needs. Kept apart from
 * learn-view.ts so the view only places it and passes its choice to the learner.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { suggestCustomerColumns } from '../core/index.ts';
import { type HistoryChoice, NO_COLUMN } from './learn-logic.ts';

export type PanelGoal = 'retained' | 'expansion';

/** The churned and ARR now columns of a history sheet, never one of the deal columns picked. */
export function goalColumns(headers: readonly string[], choice: HistoryChoice) {
  const taken = [choice.outcome, choice.amount, choice.created, choice.closed].filter((c) => c !== NO_COLUMN);
  return suggestCustomerColumns(headers, { taken });
}

/** What the learner is given for the goal: its columns and the option (nothing for wins). */
export function goalInput(goal: PanelGoal | undefined, headers: readonly string[], choice: HistoryChoice) {
  if (!goal) return { columns: {}, options: {} };
  const found = goalColumns(headers, choice);
  return { columns: { churned: found.churned?.column ?? null, arrNow: found.arrNow?.column ?? null }, options: { goal } };
}

export function GoalSelect(props: { headers: readonly string[]; choice: HistoryChoice; goal: PanelGoal | undefined; onGoal: (goal: PanelGoal | undefined) => void }): VNode {
  const { churned, arrNow } = goalColumns(props.headers, props.choice);
  const amount = props.choice.amount !== NO_COLUMN;
  const stay = churned ? `Customers who stay (churned: ${churned.header})` : 'Customers who stay (needs a Churned column)';
  const grow = arrNow && amount ? `Customers who grow (ARR now: ${arrNow.header})` : 'Customers who grow (needs Amount and ARR now columns)';
  return html`<label class="cell wide">
    <span class="cell-label">Learn toward</span>
    <select data-testid="learn-goal" value=${props.goal ?? 'won'} onChange=${(e: Event) => {
      const value = (e.currentTarget as HTMLSelectElement).value;
      props.onGoal(value === 'retained' || value === 'expansion' ? value : undefined);
    }}>
      <option value="won">Wins</option>
      <option value="retained" disabled=${!churned}>${stay}</option>
      <option value="expansion" disabled=${!arrNow || !amount}>${grow}</option>
    </select>
  </label>`;
}
