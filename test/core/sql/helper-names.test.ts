// The query's own names (the table alias, the steps, the helper columns) never collide with the
// table's columns (issue #18, item 9): a table with a column named icp_src broke PostgreSQL
// ("type text is not composite"). The SQL is made by the built command, then run for real.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreOutcomes, differences, duckDbOutcomes, openDuckDb, postgresOutcomes } from '../../fixtures/cli/engines.ts';
import { csvRows, fixture, icpBin, withTempDir } from '../../fixtures/cli/run.ts';

let db: PGlite;
let duck: DuckDBConnection;
beforeAll(async () => {
  db = new PGlite();
  await db.waitReady;
  duck = await openDuckDb();
}, 60_000);
afterAll(async () => {
  await db.close();
  duck.closeSync();
});

const MODEL = fixture('kitchen-model.csv');
/** The kitchen model's columns, and columns named like every kind of name the query uses. */
const TAKEN = ['icp_src', 'icp_row', 'icp_step1', 'icp_step2', 'icp_1_employee_count_raw', 'icp_c1_best', 'icp_reason', 'icp_earned', 'icp_blank', 'ICP_COMPUTED'];

async function kitchen(): Promise<{ grid: string[][]; headers: string[]; rows: string[][] }> {
  const grid = csvRows(await readFile(MODEL, 'utf8'));
  const prospects = csvRows(await readFile(fixture('kitchen-prospects.csv'), 'utf8'));
  const headers = [...prospects[0]!, ...TAKEN];
  const rows = prospects.slice(1).map((row) => [...row, ...TAKEN.map((name, i) => `${name} ${i}`)]);
  return { grid, headers, rows };
}

async function sql(dialect: string, columns?: readonly string[]): Promise<string> {
  return withTempDir(async (dir) => {
    const argv = ['sql', '-m', MODEL, '-d', dialect, '--today', '2026-09-30'];
    if (columns) {
      const header = path.join(dir, 'header.csv');
      await writeFile(header, `${columns.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')}\n`);
      argv.push('--header-from', header);
    }
    const ran = await icpBin(argv);
    expect(ran.stderr).toBe('');
    return ran.stdout;
  });
}

describe('a table with columns named like the query’s own names', () => {
  it('scores as the core does on PostgreSQL, with the columns given', async () => {
    const { grid, headers, rows } = await kitchen();
    const query = await sql('postgres', ['row_id', ...headers]);
    const actual = await postgresOutcomes(db, query, headers, rows);
    expect(differences(coreOutcomes(grid, headers, rows), actual, rows)).toEqual([]);
  });

  it('scores as the core does on DuckDB, with the columns given', async () => {
    const { grid, headers, rows } = await kitchen();
    const query = await sql('duckdb', ['row_id', ...headers]);
    const actual = await duckDbOutcomes(duck, query, headers, rows);
    expect(differences(coreOutcomes(grid, headers, rows), actual, rows)).toEqual([]);
  });

  it('keeps the table’s own columns, those named icp_… included, in the output', async () => {
    const { headers, rows } = await kitchen();
    const query = await sql('duckdb', ['row_id', ...headers]);
    await duckDbOutcomes(duck, query, headers, rows.slice(0, 1));
    const reader = await duck.runAndReadAll(`SELECT * FROM (${query}) LIMIT 1`);
    expect(reader.columnNames()).toEqual(['row_id', ...headers, 'icp_score', 'icp_tier', 'icp_excluded_by']);
  });

  it('runs on PostgreSQL without a column list when a column is named icp_src', async () => {
    const { grid, headers, rows } = await kitchen();
    const kept = headers.filter((h) => h === 'icp_src' || (!h.startsWith('icp') && !h.startsWith('ICP')));
    const cut = rows.map((row) => row.filter((_, i) => kept.includes(headers[i]!)));
    // Without a column list a plain Field is an unquoted name, which PostgreSQL folds to lower case.
    const plain = kept.map((h) => (/^[A-Za-z_]\w*$/.test(h) ? h.toLowerCase() : h));
    const query = await sql('postgres');
    const actual = await postgresOutcomes(db, query, plain, cut);
    expect(differences(coreOutcomes(grid, plain, cut), actual, cut)).toEqual([]);
  });
});
