// `and` rows through the built `icp` command: `icp score` scores the shared combination cases as
// every other engine does, `icp check` lists every misplaced or malformed and row by its row, and
// `icp sql` carries the conditions.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMBINATION_CASES, SPEC_COMBINATIONS, caseModel, cellText } from '../fixtures/combinations.ts';
import { csvRows, withTempDir } from '../fixtures/cli/run.ts';

const exec = promisify(execFile);
const bin = path.resolve('bin/icp.mjs');

beforeAll(async () => {
  const build = (await import('../../scripts/build-cli.mjs' as string)) as { default: (o: { quiet: boolean }) => Promise<void> };
  await build.default({ quiet: true });
}, 60_000);

/** Runs the built command; a non-zero exit is an answer too. */
async function icpBuilt(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const csv = (rows: unknown[][]) => Papa.unparse(rows.map((row) => row.map((cell) => cellText(cell as string))));

describe('icp score with and rows (the built command)', () => {
  it.each(COMBINATION_CASES.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    await withTempDir(async (dir) => {
      const model = path.join(dir, 'model.csv');
      const prospects = path.join(dir, 'prospects.csv');
      await writeFile(model, csv(caseModel(c)));
      await writeFile(prospects, csv([c.headers, ...c.rows]));
      const ran = await icpBuilt(['score', '--model', model, prospects]);
      expect(ran.stderr).toBe('');
      const rows = csvRows(ran.stdout).slice(1);
      const width = c.headers.length;
      const outcomes = rows.map((r) => ({
        score: r[width] === '' ? null : Number(r[width]),
        tier: r[width + 1],
        excludedBy: /^Excluded: (.*) \(/.exec(r[width + 2] ?? '')?.[1] ?? '',
      }));
      expect(outcomes).toEqual(c.expected);
    });
  });
});

describe('icp check with and rows', () => {
  it('lists every misplaced or malformed and row by its row, with what to do', async () => {
    await withTempDir(async (dir) => {
      const model = path.join(dir, 'model.csv');
      await writeFile(model, [
        'Kind,Name,Field,Rule,Value,Points',
        'and,,Region,is any of,EMEA,',
        'criterion,Fintech,Industry,is any of,Fintech,20',
        'and,EMEA,Region,is any of,EMEA,',
        'and,,Region,is any of,EMEA,5',
        'and,,Last touch,decays over days,30,',
        'tier,Hot,,,70,',
        'and,,Region,is any of,EMEA,',
      ].join('\n'));
      const ran = await icpBuilt(['check', '--model', model]);
      expect(ran.code).toBe(1);
      const lines = ran.stdout.trim().split('\n');
      expect(lines.map((line) => line.replace(model, 'model.csv').split(':')[0])).toEqual([
        'model.csv row 2, Kind',
        'model.csv row 4, Name',
        'model.csv row 5, Points',
        'model.csv row 6, Rule',
        'model.csv row 8, Kind',
        '5 problems in model.csv.',
      ]);
      expect(lines[0]).toContain('there is none above it; move it directly under the criterion or exclude row it narrows, or delete it');
      expect(lines[4]).toContain('row 7 above it is a tier row');
    });
  });

  it('counts the conditions of a valid model', async () => {
    await withTempDir(async (dir) => {
      const model = path.join(dir, 'model.csv');
      await writeFile(model, csv(caseModel(SPEC_COMBINATIONS)));
      const ran = await icpBuilt(['check', '--model', model, '--columns', SPEC_COMBINATIONS.headers.join(',')]);
      expect(ran.stdout).toContain('the model is valid. 2 criteria (2 rows, 1 condition), 1 exclusion (1 condition), 2 tiers');
      expect(ran.code).toBe(0);
    });
  });
});

describe('--map with and rows', () => {
  it('reads a Field that only an and row names from the column mapped, in icp score and icp sql', async () => {
    await withTempDir(async (dir) => {
      const model = path.join(dir, 'model.csv');
      const prospects = path.join(dir, 'prospects.csv');
      const headers = SPEC_COMBINATIONS.headers.map((h) => (h === 'Region' ? 'Territory' : h));
      await writeFile(model, csv(caseModel(SPEC_COMBINATIONS)));
      await writeFile(prospects, csv([headers, ...SPEC_COMBINATIONS.rows]));
      const unmapped = await icpBuilt(['score', '--model', model, prospects]);
      expect(unmapped.stderr).toContain('the Field "Region" (model row 3) is not a column of');
      const ran = await icpBuilt(['score', '--model', model, prospects, '--map', 'Region=Territory', '--no-why']);
      expect(csvRows(ran.stdout).slice(1).map((r) => r[4] === '' ? null : Number(r[4]))).toEqual(SPEC_COMBINATIONS.expected.map((e) => e.score));
      const sql = await icpBuilt(['sql', '--model', model, '--dialect', 'duckdb', '--map', 'Region=Territory']);
      expect(sql.stdout).toContain('icp_src."Territory"');
      expect(sql.stdout).not.toContain('"Region"');
    });
  });
});

describe('icp sql with and rows', () => {
  it('joins a row and its conditions with AND, each false where it cannot be read', async () => {
    await withTempDir(async (dir) => {
      const model = path.join(dir, 'model.csv');
      await writeFile(model, csv(caseModel(SPEC_COMBINATIONS)));
      const ran = await icpBuilt(['sql', '--model', model, '--dialect', 'postgres', '--columns', SPEC_COMBINATIONS.headers.join(',')]);
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain("-- Fintech in EMEA (model rows 2, 3)\n    CASE WHEN (COALESCE(icp_1_industry_text IN ('fintech'), FALSE) AND COALESCE(icp_2_region_text IN ('emea'), FALSE))");
    });
  });
});
