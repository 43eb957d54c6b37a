/**
 * Validation as you type: the edited rows read by the core exactly as a formula would read the
 * sheet, each problem placed on its row; then the Fields checked against the active sheet's
 * headers (warnings: the model may be meant for another sheet).
 */
import { type Model, bindModel, isModelError, rowsToModel } from '../core/index.ts';
import { type ModelDoc, coreRows } from './doc.ts';

export interface Problem {
  /** The editor row it is about, or null for the model as a whole. */
  rowId: number | null;
  /** The sheet row, as messages name it. */
  row: number;
  /** The model column: Kind, Name, Field, Rule, Value, Points, … */
  column: string;
  /** The cell's text. */
  value: string;
  message: string;
}

export interface Validation {
  /** The model when it has no errors. */
  model: Model | null;
  errors: Problem[];
  /** Fields with no column on the active sheet. */
  warnings: Problem[];
}

/** `Row 7: unknown rule "betwen" — did you mean "between"?` */
export function problemText(problem: Problem): string {
  return `Row ${problem.row}: ${problem.message}`;
}

/** A Field with no column, said short for its row: `Row 2: "Employees" is not a column of "Prospects".` */
export function warningText(problem: Problem, sheet: string | null): string {
  return `Row ${problem.row}: "${problem.value}" is not a column of "${sheet ?? 'this sheet'}"; pick one on the Score tab.`;
}

export function validateDoc(doc: ModelDoc, headers: readonly string[] | null = null): Validation {
  const rows = coreRows(doc);
  const idOf = new Map(rows.map((r) => [r.row, r.id]));
  const place = (issue: { row: number; column: string; value: string; message: string }): Problem => ({
    rowId: idOf.get(issue.row) ?? null,
    row: issue.row,
    column: issue.column,
    value: issue.value,
    message: issue.message,
  });
  let model: Model;
  try {
    model = rowsToModel(rows);
  } catch (error) {
    if (isModelError(error)) return { model: null, errors: error.issues.map(place), warnings: [] };
    throw error;
  }
  const warnings: Problem[] = [];
  if (headers && headers.length > 0) {
    try {
      bindModel(model, headers);
    } catch (error) {
      if (!isModelError(error)) throw error;
      warnings.push(...error.issues.map(place));
    }
  }
  return { model, errors: [], warnings };
}

/** Problems by editor row id. */
export function byRow(problems: readonly Problem[]): Map<number, Problem[]> {
  const map = new Map<number, Problem[]>();
  for (const problem of problems) {
    if (problem.rowId === null) continue;
    const list = map.get(problem.rowId) ?? [];
    list.push(problem);
    map.set(problem.rowId, list);
  }
  return map;
}
