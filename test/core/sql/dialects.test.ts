import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import nodeSqlParser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { isIcpError, readModel } from '../../../core/index.ts';
import { DIALECTS, posixGroups } from '../../../core/sql/dialects.ts';
import { DIALECT_NAMES, modelToSql } from '../../../core/sql/index.ts';
import { HEADERS, modelArb } from '../../fixtures/cli/random.ts';
import { csvRows, fixture } from '../../fixtures/cli/run.ts';
import { SPEC_COMBINATIONS, caseModel } from '../../fixtures/combinations.ts';

const { Parser } = nodeSqlParser;

async function kitchen() {
  const model = readModel(csvRows(await readFile(fixture('kitchen-model.csv'), 'utf8')));
  const columns = csvRows(await readFile(fixture('kitchen-prospects.csv'), 'utf8'))[0]!;
  return { model, columns };
}

describe('the SQL of each dialect', () => {
  // Snapshots: a change to the generated SQL shows up in review. DuckDB and PostgreSQL are
  // also run for real (sql.duckdb, sql.postgres tests); BigQuery and Snowflake are not.
  it.each(DIALECT_NAMES)('for %s matches its reviewed snapshot', async (dialect) => {
    const { model, columns } = await kitchen();
    const sql = modelToSql(model, { dialect, table: 'crm.prospects', columns });
    await expect(sql).toMatchFileSnapshot(`../../fixtures/cli/sql/kitchen.${dialect}.sql`);
  });

  it.each(DIALECT_NAMES)('for %s joins a row and its and rows with AND, a blank or unreadable one FALSE, never NULL (snapshot)', async (dialect) => {
    const sql = modelToSql(readModel(caseModel(SPEC_COMBINATIONS)), { dialect, table: 'crm.prospects', columns: SPEC_COMBINATIONS.headers });
    expect(sql).toContain('(COALESCE(');
    await expect(sql).toMatchFileSnapshot(`../../fixtures/cli/sql/combination.${dialect}.sql`);
  });

  it.each([
    ['bigquery', 'BigQuery'],
    ['snowflake', 'Snowflake'],
  ] as const)('for %s parses as %s for random models', (dialect, database) => {
    const parser = new Parser();
    fc.assert(
      fc.property(modelArb, (grid) => {
        const sql = modelToSql(readModel(grid), { dialect, table: 'prospects', columns: HEADERS });
        expect(() => parser.astify(sql, { database })).not.toThrow();
      }),
      // node-sql-parser takes 50–200 ms per query here (more under load): 12 models keep this test
      // to a few seconds on a loaded 2-core machine (60 took 18 s). Run more with FC_NUM_RUNS=500
      // when changing a dialect.
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 12) },
    );
  });

  it('uses CURRENT_DATE when the model has no "as of" and no day is given', async () => {
    const grid = [
      ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
      ['criterion', 'Recent', 'Last visit', 'within days', '30', '10'],
    ];
    expect(modelToSql(readModel(grid), { dialect: 'bigquery' })).toContain("DATE_DIFF(CURRENT_DATE(), DATE '1970-01-01', DAY)");
    expect(modelToSql(readModel(grid), { dialect: 'duckdb', today: '2026-09-30' })).toContain('(20726 - icp_1_last_visit_day)');
  });

  it('quotes table names part by part, in each dialect’s own way', () => {
    const grid = [
      ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
      ['criterion', 'Size', 'Employees', 'at least', '10', '10'],
    ];
    const model = readModel(grid);
    expect(modelToSql(model, { dialect: 'bigquery', table: 'my-project.crm.accounts' })).toContain('FROM `my-project`.`crm`.`accounts` AS icp_src');
    expect(modelToSql(model, { dialect: 'snowflake', table: 'CRM."Odd ""name"""' })).toContain('FROM "CRM"."""Odd ""');
    expect(modelToSql(model, { dialect: 'duckdb', from: "read_csv('p.csv')" })).toContain("FROM read_csv('p.csv') AS icp_src");
  });

  it('refuses an unknown dialect and a day that is not a date, in sentences', () => {
    const model = readModel([
      ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
      ['criterion', 'Size', 'Employees', 'at least', '10', '10'],
    ]);
    const attempt = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return isIcpError(error) ? error.message : 'not an ICP error';
      }
      return 'no error';
    };
    expect(attempt(() => modelToSql(model, { dialect: 'oracle' as 'duckdb' }))).toBe('the SQL option "dialect" is not valid; use one of duckdb, postgres, bigquery, snowflake');
    expect(attempt(() => modelToSql(model, { dialect: 'duckdb', today: '30/09/2026' }))).toBe('today must be a date such as 2026-09-30, not "30/09/2026"');
  });
});

describe('dialect details', () => {
  it('turns non-capturing groups into plain ones for Snowflake and finds the capturing one', () => {
    expect(posixGroups('^(?:a|b)(c+)(?:d)$')).toEqual({ text: '^(a|b)(c+)(d)$', group: 2 });
    expect(posixGroups('[(?:](x)')).toEqual({ text: '[(?:](x)', group: 1 });
    expect(posixGroups('(?:^|[^[:alnum:]])(?:a\\(b)(?:[^[:alnum:]]|$)')).toEqual({ text: '(^|[^[:alnum:]])(a\\(b)([^[:alnum:]]|$)', group: 1 });
  });

  it('writes string literals each engine reads back to the same text', () => {
    const text = "it's \\ \u00a0x\n";
    expect(DIALECTS.duckdb.string(text)).toBe("'it''s \\ \u00a0x\n'");
    // An escape string: the same text whether standard_conforming_strings is on or off.
    expect(DIALECTS.postgres.string(text)).toBe("E'it''s \\\\ \u00a0x\n'");
    expect(DIALECTS.postgres.string("it's")).toBe("'it''s'");
    expect(DIALECTS.bigquery.string(text)).toBe("'it\\'s \\\\ \\u00A0x\\u000A'");
    expect(DIALECTS.snowflake.string(text)).toBe("'it\\'s \\\\ \\u00A0x\\u000A'");
  });

  it('quotes identifiers with the dialect’s quote doubled or escaped', () => {
    expect(DIALECTS.postgres.ident('Tech "stack"')).toBe('"Tech ""stack"""');
    expect(DIALECTS.bigquery.ident('Tech `stack`')).toBe('`Tech \\`stack\\``');
  });
});
