import { describe, expect, it } from 'vitest';
import { type Model, type RuleName, isModelError, readModel } from '../../../core/index.ts';
import { DIALECT_NAMES, modelToSql } from '../../../core/sql/index.ts';
import { SPEC_EXAMPLE, SPEC_HEADERS, modelGrid } from '../../fixtures/workbook.ts';

/** The SPEC §6 model with one row's rule changed in code, past the model reader's check. */
function withRule(row: number, rule: string | null): Model {
  const model = readModel(modelGrid(SPEC_EXAMPLE));
  const entry = model.entries.find((e) => e.row === row)!;
  entry.rule = rule as RuleName | null;
  return model;
}

function sqlError(model: Model): unknown {
  try {
    modelToSql(model, { dialect: 'duckdb', columns: SPEC_HEADERS });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('a rule that reaches the SQL export without a declaration', () => {
  // Before the rules table, a number rule the SQL did not know compiled as `=`, a text rule as
  // "contains all", without a word.
  it.each(DIALECT_NAMES)('is a model error naming its row and the nearest rule (%s)', (dialect) => {
    const model = withRule(2, 'at leest');
    expect(() => modelToSql(model, { dialect, columns: SPEC_HEADERS })).toThrow(
      'ICP model row 2: unknown rule "at leest" — did you mean "at least"?; no SQL was written',
    );
  });

  it('is a ModelError listing every such row, a text rule as well as a number rule', () => {
    const model = withRule(3, 'is one of');
    model.entries.find((e) => e.row === 2)!.rule = 'bigger than' as RuleName;
    const error = sqlError(model);
    expect(isModelError(error)).toBe(true);
    expect(isModelError(error) && error.issues.map((i) => [i.code, i.row, i.column, i.value])).toEqual([
      ['unknown_rule', 2, 'Rule', 'bigger than'],
      ['unknown_rule', 3, 'Rule', 'is one of'],
    ]);
  });

  it('is a model error when a criterion has no rule at all', () => {
    expect(() => modelToSql(withRule(6, null), { dialect: 'postgres', columns: SPEC_HEADERS })).toThrow(
      'ICP model row 6: a criterion row needs a Rule; no SQL was written',
    );
  });

  it('leaves a model read from a sheet alone: every rule the reader accepts has a SQL form', () => {
    expect(modelToSql(readModel(modelGrid(SPEC_EXAMPLE)), { dialect: 'duckdb', columns: SPEC_HEADERS })).toContain('icp_score');
  });
});
