import type { DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Model, RULES, type Rule, type RuleName, isModelError, readModel } from '../../../core/index.ts';
import type { Operand } from '../../../core/rules.ts';
import { DIALECT_NAMES, modelToSql } from '../../../core/sql/index.ts';
import { isoDay, parseIsoDay } from '../../../core/values.ts';
import { TODAY, coreOutcomes, differences, duckDbOutcomes, openDuckDb, postgresOutcomes, sqlFor } from '../../fixtures/cli/engines.ts';
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

const AS_OF = parseIsoDay(TODAY)!;

/**
 * Cells on and around the edges of a rule's Value, as text (how a warehouse column holds them):
 * the numbers at and beside a range's ends or a number, the days at and beside a window's end,
 * each term alone, in other words, or glued to a word; yes and no words; blanks and junk.
 */
function edgeCells(rule: Rule, operand: Operand): string[] {
  const around = (n: number) => [n, n - 1, n + 1, n - 0.5, n + 0.5, n * 0.999, n * 1.001];
  const ago = (days: number) => isoDay(AS_OF - days);
  const cells = ['', ' ', 'junk', '#N/A'];
  switch (rule.reader) {
    case 'number': {
      const edges = operand.kind === 'range' ? [operand.low, operand.high, (operand.low + operand.high) / 2] : operand.kind === 'number' ? [operand.value] : [];
      return [...cells, '0', ...edges.flatMap(around).map(String)];
    }
    case 'day': {
      const n = operand.kind === 'number' ? operand.value : 0;
      const ages = [0, -1, 1, Math.floor(n), Math.ceil(n), Math.floor(n) + 1, Math.ceil(n) - 1, Math.round(n / 2), Math.round(n * 1074), Math.round(n * 1076)];
      return [...cells, ...ages.map(ago), `${ago(n)}T23:59:00Z`];
    }
    case 'text': {
      const terms = operand.kind === 'terms' ? operand.terms : [];
      const forms = (t: string) => [t, t.toUpperCase(), `  ${t}  `, `${t} and more`, `more, ${t}`, `x${t}`, `${t}x`];
      return [...cells, ...terms.flatMap(forms), terms.join('; '), 'nothing of the kind'];
    }
    case 'boolean':
      return [...cells, 'yes', 'no', 'TRUE', 'false', 'x', '1', '0', 'maybe'];
    case 'presence':
      return [...cells, 'x', '0', '#n/a  '];
  }
}

/** One criterion with the rule and a Value, over the column V, and the edge cells of that Value. */
function cases(rule: Rule): { grid: string[][]; rows: string[][] }[] {
  const values = rule.examples.length > 0 ? rule.examples : [''];
  return values.map((value) => {
    const grid = [['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'], ['criterion', 'C', 'V', rule.name, value, '10']];
    const operand = readModel(grid).criteria[0]!.bands[0]!.operand;
    return { grid, rows: edgeCells(rule, operand).map((cell) => [cell, 'keeps the row from being blank']) };
  });
}

const HEADERS = ['V', 'Other'];

describe("each rule's SQL form matches as its match test does, on the edges of its SPEC examples", () => {
  let duck: DuckDBConnection;
  let pg: PGlite;
  beforeAll(async () => {
    [duck, pg] = await Promise.all([openDuckDb(), PGlite.create()]);
  }, 60_000);
  afterAll(async () => {
    duck?.closeSync();
    await pg?.close();
  });

  it.each(RULES.map((r) => [r.name, r] as const))('%s, in DuckDB and PostgreSQL', async (_name, rule) => {
    for (const { grid, rows } of cases(rule)) {
      const expected = coreOutcomes(grid, HEADERS, rows);
      expect(differences(expected, await duckDbOutcomes(duck, sqlFor(grid, 'duckdb', HEADERS), HEADERS, rows), rows), grid[1]!.join(' ')).toEqual([]);
      expect(differences(expected, await postgresOutcomes(pg, sqlFor(grid, 'postgres', HEADERS), HEADERS, rows), rows), grid[1]!.join(' ')).toEqual([]);
      // The edges tell matching from not matching.
      expect(new Set(expected.map((o) => (o.score ?? 0) > 0)).size, grid[1]!.join(' ')).toBe(2);
    }
  });
});
