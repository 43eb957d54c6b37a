import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvRows, fixture, icp, withTempDir } from '../fixtures/cli/run.ts';

const MODEL = fixture('spec-model.csv');
const PROSPECTS = fixture('spec-prospects.csv');

describe('icp score on xlsx files', () => {
  async function workbooks(dir: string) {
    const model = new ExcelJS.Workbook();
    model.addWorksheet('Notes').addRow(['This sheet is not the model']);
    const sheet = model.addWorksheet('ICP Model');
    const rows = (await readFile(MODEL, 'utf8')).trim().split('\n').map((line) => csvRows(line)[0]!);
    for (const row of rows) sheet.addRow(row.map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell)));
    sheet.addRow(['criterion', 'Recent visit', 'Last visit', 'within days', 30, 10]);
    sheet.addRow(['setting', 'as of', '', '', new Date(Date.UTC(2026, 8, 30))]);
    const modelFile = path.join(dir, 'model.xlsx');
    await model.xlsx.writeFile(modelFile);

    const prospects = new ExcelJS.Workbook();
    const p = prospects.addWorksheet('Prospects');
    p.addRow(['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Last visit']);
    p.addRow(['Acme', 450, 'SaaS', 'HubSpot', 'Series B', true, new Date(Date.UTC(2026, 8, 15))]);
    p.addRow(['Beta', 150, 'Retail', null, 'Seed', false, new Date(Date.UTC(2026, 0, 1))]);
    const prospectsFile = path.join(dir, 'prospects.xlsx');
    await prospects.xlsx.writeFile(prospectsFile);
    return { modelFile, prospectsFile };
  }

  it('reads numbers, yes/no cells and dates from both workbooks and writes CSV', async () => {
    await withTempDir(async (dir) => {
      const { modelFile, prospectsFile } = await workbooks(dir);
      const ran = await icp(['score', '--model', modelFile, prospectsFile, '--no-why']);
      expect(ran.stderr).toBe('');
      const rows = csvRows(ran.stdout);
      // Acme meets all six criteria (visited 15 days before 2026-09-30): 110 of 110.
      expect(rows[1]).toEqual(['Acme', '450', 'SaaS', 'HubSpot', 'Series B', 'TRUE', '2026-09-15', '100', 'Priority', '']);
      expect(rows[2]!.slice(7, 9)).toEqual(['0', 'Standard']);
    });
  });

  it('writes an xlsx file when -o names one', async () => {
    await withTempDir(async (dir) => {
      const { modelFile, prospectsFile } = await workbooks(dir);
      const out = path.join(dir, 'scored.xlsx');
      expect((await icp(['score', '--model', modelFile, prospectsFile, '-o', out])).code).toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(out);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(1).getCell(8).value).toBe('icp_score');
      expect(sheet.getRow(2).getCell(8).value).toBe(100);
      expect(sheet.getRow(2).getCell(9).value).toBe('Priority');
      expect(String(sheet.getRow(2).getCell(10).value)).toContain('Recent visit 10/10');
    });
  });
});

it('refuses to write xlsx from a CSV input, saying what to do instead', async () => {
  const ran = await icp(['score', '--model', MODEL, PROSPECTS, '-o', 'scored.xlsx']);
  expect(ran.code).toBe(2);
  expect(ran.stderr).toContain('an .xlsx output needs an .xlsx input');
});

describe('icp sql', () => {
  it('prints one SELECT over the table, with the score, tier and exclusion columns', async () => {
    const ran = await icp(['sql', '--model', MODEL, '--dialect', 'postgres', '--table', 'crm.accounts']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^WITH\n/);
    expect(ran.stdout).toContain('FROM "crm"."accounts" AS icp_src');
    expect(ran.stdout).toMatch(/AS icp_score,\n.*AS icp_tier,\n.*AS icp_excluded_by\nFROM icp_step\d+\n$/s);
  });

  it('resolves Fields against the header of a CSV file, as the sheet matches headers', async () => {
    await withTempDir(async (dir) => {
      const header = path.join(dir, 'header.csv');
      await writeFile(header, 'company,employees,INDUSTRY,tech_stack,funding-stage,has_revops\n');
      const ran = await icp(['sql', '-m', MODEL, '-d', 'duckdb', '--header-from', header]);
      expect(ran.stdout).toContain('icp_src."tech_stack"');
      expect(ran.stdout).toContain('icp_src."funding-stage"');
      expect(ran.stdout).not.toContain('"Tech stack"');
    });
  });

  it('names a Field that is not among the columns given', async () => {
    const ran = await icp(['sql', '-m', MODEL, '-d', 'duckdb', '--columns', 'Employees,Industry']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('\n  the Field "Tech stack" (model row 4) is not a column of the --columns list. Use --map "Tech stack=COLUMN".\n');
  });

  it('refuses a dialect it does not know, listing the ones it does', async () => {
    const ran = await icp(['sql', '-m', MODEL, '-d', 'oracle']);
    expect(ran.stderr).toBe('icp: --dialect "oracle" is not valid: use one of duckdb, postgres, bigquery, snowflake\n');
    expect(ran.code).toBe(2);
  });

  it('writes the SQL to the file named by -o', async () => {
    await withTempDir(async (dir) => {
      const out = path.join(dir, 'score.sql');
      await icp(['sql', '-m', MODEL, '-d', 'bigquery', '-t', 'proj.crm.accounts', '-o', out]);
      expect(await readFile(out, 'utf8')).toContain('FROM `proj`.`crm`.`accounts` AS icp_src');
    });
  });
});

describe('icp check', () => {
  it('prints every problem of a broken model, one line each, and exits 1', async () => {
    const ran = await icp(['check', fixture('broken-model.csv')]);
    expect(ran.code).toBe(1);
    const lines = ran.stdout.trim().split('\n');
    const file = fixture('broken-model.csv');
    expect(lines).toEqual([
      `${file} row 2, Rule: unknown rule "betwen" — did you mean "between"?`,
      `${file} row 3, Value: rule "is any of" needs a list of terms in Value, like "SaaS, Software"`,
      `${file} row 4, Points: Points must be a number, not "lots"`,
      `${file} row 5, Value: tier "Priority" needs its minimum score (0–100) in Value, not "170"`,
      `${file} row 6, Value: setting "missing" must be "zero" or "skip", not "sometimes"`,
      `5 problems in ${file}.`,
    ]);
  });

  it('summarizes a valid model and exits 0', async () => {
    const ran = await icp(['check', '--model', MODEL]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe(
      `${MODEL}: the model is valid. 5 criteria (5 rows), 0 exclusions, 2 tiers (Priority ≥ 70, Standard ≥ 0), 0 personas; missing = zero, as of today.\n`,
    );
  });

  it('checks every Field against a header row when given one', async () => {
    await withTempDir(async (dir) => {
      const header = path.join(dir, 'header.csv');
      await writeFile(header, 'Company,Employees,Industry\n');
      const ran = await icp(['check', '--model', MODEL, '--header-from', header]);
      expect(ran.code).toBe(1);
      expect(ran.stdout).toContain('row 4, Field: field "Tech stack" is not a column here');
      expect(ran.stdout).toContain('row 6, Field: field "Has RevOps" is not a column here');
      expect((await icp(['check', '--model', MODEL, '--header-from', PROSPECTS])).code).toBe(0);
    });
  });
});

describe('the built icp command', () => {
  const exec = promisify(execFile);
  const bin = path.resolve('bin/icp.mjs');
  beforeAll(async () => {
    const build = (await import('../../scripts/build-cli.mjs' as string)) as { default: (o: { quiet: boolean }) => Promise<void> };
    await build.default({ quiet: true });
  }, 60_000);

  it('scores a file exactly as the command run from source does', async () => {
    const { stdout } = await exec(process.execPath, [bin, 'score', '--model', MODEL, PROSPECTS]);
    expect(stdout).toBe((await icp(['score', '--model', MODEL, PROSPECTS])).stdout);
  });

  it('exits 2 with one sentence on a model error', async () => {
    const failed = await exec(process.execPath, [bin, 'check', '--model', 'missing.csv']).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: 'icp: cannot read the model file "missing.csv": there is no such file\n' });
  });

  it('scores on worker threads from the bundle', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'big.csv');
      const rows = Array.from({ length: 30_000 }, (_, i) => `Co ${i},${(i * 13) % 3000},SaaS,HubSpot,Series B,${i % 2 ? 'yes' : 'no'}`);
      await writeFile(file, `Company,Employees,Industry,Tech stack,Funding stage,Has RevOps\n${rows.join('\n')}\n`);
      const threaded = await exec(process.execPath, [bin, 'score', '-m', MODEL, file, '--threads', '2'], { maxBuffer: 1 << 28 });
      const inline = await icp(['score', '-m', MODEL, file, '--threads', '0']);
      expect(threaded.stdout).toBe(inline.stdout);
    });
  }, 60_000);
});
