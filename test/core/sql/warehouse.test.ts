/**
 * The SQL from `icp sql` on real tables as warehouses hold them: timestamps with a time zone,
 * column names as the engine folded them, and a table scored before.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { icp, withTempDir } from '../../fixtures/cli/run.ts';

const MODEL = [
  'Kind,Name,Field,Rule,Value,Points',
  'criterion,Size,Employees,at least,100,10',
  'criterion,Recent,Last Touch,within days,30,10',
  'setting,as of,,,2026-09-30,',
  'tier,Hot,,,60,',
].join('\n');

async function sql(dialect: string, extra: string[] = []): Promise<string> {
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'model.csv');
    await writeFile(file, MODEL);
    const ran = await icp(['sql', '-m', file, '-d', dialect, '-t', 'accounts', ...extra]);
    if (ran.code !== 0) throw new Error(ran.stderr);
    return ran.stdout;
  });
}

let duck: DuckDBConnection;
let pg: PGlite;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(`SET TimeZone = 'UTC'`);
  // Unquoted names, as most tables are made: DuckDB keeps their case, PostgreSQL folds them to lower case.
  const table = `CREATE TABLE accounts (id INTEGER, Employees INTEGER, last_touch TIMESTAMPTZ)`;
  const rows = `INSERT INTO accounts VALUES (1, 500, '2026-09-15 23:30:00+00'), (2, 500, '2026-06-01 08:00:00+00'), (3, 5, NULL)`;
  await duck.run(table);
  await duck.run(rows);
  pg = new PGlite();
  await pg.waitReady;
  await pg.exec(`SET TimeZone = 'UTC'; ${table.replace('TIMESTAMPTZ', 'timestamptz')}; ${rows}`);
}, 60_000);
afterAll(async () => {
  await pg?.close();
});

const EXPECTED = [
  [1, 100, 'Hot'],
  [2, 50, null],
  [3, 0, null],
];

async function duckRows(query: string, table = 'accounts'): Promise<unknown[][]> {
  const reader = await duck.runAndReadAll(`SELECT id, icp_score, icp_tier FROM (${query.replace(/"accounts"/g, table)}) ORDER BY id`);
  return reader.getRows().map((r) => [Number(r[0]), Number(r[1]), r[2]]);
}

describe('icp sql on warehouse tables', () => {
  it('reads a TIMESTAMPTZ / timestamptz column as its calendar day in date rules (DuckDB, PostgreSQL)', async () => {
    const columns = ['--columns', 'id,Employees,last_touch'];
    expect(await duckRows(await sql('duckdb', columns))).toEqual(EXPECTED);
    const result = await pg.query<{ id: number; icp_score: number; icp_tier: string | null }>(
      `SELECT id, icp_score, icp_tier FROM (${await sql('postgres', ['--columns', 'id,employees,last_touch'])}) AS s ORDER BY id`,
    );
    expect(result.rows.map((r) => [r.id, Number(r.icp_score), r.icp_tier])).toEqual(EXPECTED);
  });

  it('without a column list, resolves a Field as the engine resolves an unquoted name: Employees is employees in PostgreSQL, EMPLOYEES in Snowflake', async () => {
    // Fields must be names the engine can resolve: DuckDB matches any case, PostgreSQL folds to lower case.
    const model = MODEL.replace('Last Touch', 'last_touch');
    const make = async (dialect: string) =>
      withTempDir(async (dir) => {
        const file = path.join(dir, 'model.csv');
        await writeFile(file, model);
        return (await icp(['sql', '-m', file, '-d', dialect, '-t', 'accounts'])).stdout;
      });
    expect(await duckRows(await make('duckdb'))).toEqual(EXPECTED);
    const pgSql = await make('postgres');
    expect(pgSql).toContain('icp_src."employees"');
    const result = await pg.query<{ id: number; icp_score: number }>(`SELECT id, icp_score FROM (${pgSql}) AS s ORDER BY id`);
    expect(result.rows.map((r) => [r.id, Number(r.icp_score)])).toEqual(EXPECTED.map((e) => e.slice(0, 2)));
    expect(await make('snowflake')).toContain('icp_src."EMPLOYEES"');
  });

  it('re-scores a scored table: DuckDB makes no icp_score_1, PostgreSQL (columns from information_schema) does not fail', async () => {
    const columns = ['--columns', 'id,Employees,last_touch'];
    await duck.run(`CREATE OR REPLACE TABLE scored AS ${await sql('duckdb', columns)}`);
    // Without a column list: DuckDB leaves out the older outputs by name.
    const plain = await withTempDir(async (dir) => {
      const file = path.join(dir, 'model.csv');
      await writeFile(file, MODEL.replace('Last Touch', 'last_touch'));
      return (await icp(['sql', '-m', file, '-d', 'duckdb', '-t', 'scored'])).stdout;
    });
    await duck.run(`CREATE OR REPLACE TABLE rescored AS ${plain}`);
    const names = (await duck.runAndReadAll(`SELECT column_name FROM information_schema.columns WHERE table_name = 'rescored' ORDER BY ordinal_position`)).getRows().map((r) => r[0]);
    expect(names).toEqual(['id', 'Employees', 'last_touch', 'icp_score', 'icp_tier', 'icp_excluded_by']);
    expect(await duckRows('SELECT * FROM rescored')).toEqual(EXPECTED);

    await pg.exec(`CREATE TABLE scored AS ${await sql('postgres', ['--columns', 'id,employees,last_touch'])}`);
    const info = await pg.query<{ names: string }>(
      `SELECT string_agg(column_name, ',' ORDER BY ordinal_position) AS names FROM information_schema.columns WHERE table_name = 'scored'`,
    );
    expect(info.rows[0]!.names).toBe('id,employees,last_touch,icp_score,icp_tier,icp_excluded_by');
    const again = (await sql('postgres', ['--columns', info.rows[0]!.names])).replace(/"accounts"/g, 'scored');
    await pg.exec(`CREATE TABLE rescored AS ${again}`);
    const result = await pg.query<{ id: number; icp_score: number; icp_tier: string | null }>(`SELECT * FROM rescored ORDER BY id`);
    expect(Object.keys(result.rows[0]!)).toEqual(['id', 'employees', 'last_touch', 'icp_score', 'icp_tier', 'icp_excluded_by']);
    expect(result.rows.map((r) => [r.id, Number(r.icp_score), r.icp_tier])).toEqual(EXPECTED);
  });
});
