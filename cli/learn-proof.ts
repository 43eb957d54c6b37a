/**
 * The proof table in `icp learn --report` (issue #20, item 2): the same table `icp proof` prints
 * and ICP_PROOF returns (core/proof.ts), once for the current model and once for the model icp
 * learn writes, over the history it learned from, so the report shows what the tiers mean
 * before and after. The churned and ARR now columns are found by their names, or named with the
 * goal's --churned and --arr-now.
 */
import { type Cell, type HistoryTable, type Model, type ProofColumns, bindModel, evaluateRow, headerKey, proofTable, readText, suggestCustomerColumns } from '../core/index.ts';
import type { LearnColumns } from '../core/learn/input.ts';
import { columnCells, tableRows } from '../core/learner.ts';
import { proofText } from './proof.ts';

/** The history's columns the proof reads, by header (null: none): the learner's own. */
type LearnProofColumns = LearnColumns;

/** The report's "Proof by tier" section: a table and its headline per model. */
export function learnProofSection(models: readonly { label: string; model: Model }[], table: HistoryTable, given: LearnProofColumns, today?: Date): string[] {
  const names = table.headers.map((h) => String(readText(h) ?? '').trim());
  const at = (name: string | null | undefined) => (name ? names.findIndex((n) => headerKey(n) === headerKey(name)) : -1);
  const deal = [at(given.outcome), at(given.amount), at(given.created), at(given.closed)].filter((c) => c >= 0);
  const found = suggestCustomerColumns(table.headers, { model: models[0]!.model, taken: deal });
  const churned = given.churned !== undefined && given.churned !== null ? at(given.churned) : (found.churned?.column ?? -1);
  const arrNow = given.arrNow !== undefined && given.arrNow !== null ? at(given.arrNow) : (found.arrNow?.column ?? -1);
  const cells = (column: number): Cell[] | undefined => (column < 0 ? undefined : columnCells(table, column));
  const columns: ProofColumns = { won: cells(at(given.outcome))!, amount: cells(at(given.amount)), created: cells(at(given.created)), closed: cells(at(given.closed)), churned: cells(churned), arrNow: cells(arrNow) };
  const rows = tableRows(table);
  const out = ['## Proof by tier', '', 'What the tiers mean on this history: the table `icp proof` prints, for each model.', ''];
  for (const { label, model } of models) {
    const bound = bindModel(model, table.headers, today ? { today } : {});
    const proof = proofTable(rows.map((row) => evaluateRow(bound, row).tier), model, columns);
    out.push(`### ${label}`, '', '```', proofText(proof.rows), '```', '', proof.headline, '');
  }
  return out;
}
