/**
 * PostgreSQL string literals from `icp sql` mean the same whatever standard_conforming_strings
 * is (PGlite runs PostgreSQL 18), so a crafted model name can never break out of its literal;
 * and a NUL in model text is a model error before any SQL is made.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { icp, withTempDir } from '../../fixtures/cli/run.ts';

const BREAKOUT = "x\\' || version() || '";
const csvField = (text: string) => `"${text.replace(/"/g, '""')}"`;
const MODEL = [
  'Kind,Name,Field,Rule,Value,Points',
  `criterion,Path,Industry,contains any,${csvField("C:\\temp\\, it's, a\\b")},10`,
  'criterion,Size,Employees,at least,100,10',
  `exclude,${csvField(BREAKOUT)},Industry,is any of,${csvField("a\\'b")}`,
  `tier,${csvField("Back\\slash 'tier'")},,,50,`,
].join('\n');

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await db.waitReady;
  await db.exec(`CREATE TABLE prospects ("Industry" text, "Employees" text, row_id integer)`);
  await db.query(`INSERT INTO prospects VALUES ($1, '500', 1), ($2, '500', 2), ('saas', '5', 3)`, ["we use c:\\temp\\ daily", "a\\'b"]);
}, 60_000);
afterAll(async () => {
  await db.close();
});

async function sqlFor(model: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'model.csv');
    await writeFile(file, model);
    return icp(['sql', '-m', file, '-d', 'postgres', '--columns', 'Industry,Employees,row_id']);
  });
}

describe('PostgreSQL string literals from icp sql', () => {
  for (const setting of ['on', 'off']) {
    it(`score alike with standard_conforming_strings = ${setting}, the crafted name read as plain text`, async () => {
      const { stdout: sql } = await sqlFor(MODEL);
      await db.exec(`SET standard_conforming_strings = ${setting}; SET escape_string_warning = off`);
      try {
        const result = await db.query<{ icp_score: number; icp_tier: string | null; icp_excluded_by: string | null }>(
          `SELECT icp_score, icp_tier, icp_excluded_by FROM (${sql}) AS scored ORDER BY row_id`,
        );
        expect(result.rows.map((r) => [Number(r.icp_score), r.icp_tier, r.icp_excluded_by])).toEqual([
          [100, "Back\\slash 'tier'", null],
          [0, 'Excluded', BREAKOUT],
          [0, null, null],
        ]);
      } finally {
        await db.exec('RESET standard_conforming_strings; RESET escape_string_warning');
      }
    });
  }

  it('refuses a NUL in model text as a model error naming the row and cell', async () => {
    const ran = await sqlFor(`${MODEL}\nexclude,Nul\u0000here,Industry,is any of,x`);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/^icp: ICP model row 6: Name holds a NUL character \(U\+0000/);
  });
});

describe('icp check', () => {
  it('reports a NUL in model text, naming the row and the cell', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'model.csv');
      await writeFile(file, `${MODEL}\ncriterion,Odd,Industry,is any of,${csvField('a\u0000b')},5`);
      const ran = await icp(['check', '-m', file]);
      expect(ran.code).toBe(1);
      expect(ran.stdout).toContain(`${file} row 6, Value: Value holds a NUL character (U+0000`);
    });
  });
});
