/** CSV/formula injection (OWASP): what icp writes or converts never starts like a formula. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvRows, fixture, icp, withTempDir } from '../fixtures/cli/run.ts';

const PROSPECTS = fixture('spec-prospects.csv');
const EVIL = '=HYPERLINK("http://evil.example","Priority")';

/** The SPEC §6 model with hostile tier labels. */
async function hostileModel(dir: string): Promise<string> {
  const text = (await readFile(fixture('spec-model.csv'), 'utf8'))
    .replace('tier,Priority,', `tier,"${EVIL.replace(/"/g, '""')}",`)
    .replace('tier,Standard,', 'tier,@SUM(1+1),');
  const file = path.join(dir, 'model.csv');
  await writeFile(file, text);
  return file;
}

describe('icp score never writes a live formula', () => {
  it('writes tier labels that start like formulas as text, in the CSV and in icp_why', async () => {
    await withTempDir(async (dir) => {
      const ran = await icp(['score', '-m', await hostileModel(dir), PROSPECTS]);
      expect(ran.code).toBe(0);
      const rows = csvRows(ran.stdout).slice(1).filter((row) => row[0] !== '');
      const tiers = new Set(rows.map((row) => row[7]));
      expect(tiers).toEqual(new Set([`'${EVIL}`, "'@SUM(1+1)"]));
      for (const row of rows) for (const field of row.slice(6)) expect(field).not.toMatch(/^[=+\-@\t\r]/);
      // The input's own fields are written back exactly as read.
      expect(ran.stdout.split('\n')[1]!.startsWith((await readFile(PROSPECTS, 'utf8')).split('\n')[1]!)).toBe(true);
    });
  });

  it('makes xlsx text that starts like a formula inert when it becomes CSV, and leaves numbers as numbers', async () => {
    await withTempDir(async (dir) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Prospects');
      sheet.addRow(['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Note']);
      sheet.addRow(['=1+1', 450, 'SaaS', '+cmd|" /C calc"!A0', '@SUM(A1)', 'yes', '-2+3']);
      sheet.addRow(['\tTabbed', -5, '-5', '-SUM(1)', '-1,200.50', 'no', '-']);
      sheet.addRow([{ formula: '1+1', result: 2 }, '+12%', 'Software', 'HubSpot', 'Series B', 'yes', 'plain']);
      const input = path.join(dir, 'prospects.xlsx');
      await book.xlsx.writeFile(input);
      const ran = await icp(['score', '-m', fixture('spec-model.csv'), input, '--no-why']);
      expect(ran.stderr).toBe('');
      const rows = csvRows(ran.stdout);
      expect(rows[1]!.slice(0, 7)).toEqual(["'=1+1", '450', 'SaaS', `'+cmd|" /C calc"!A0`, "'@SUM(A1)", 'yes', "'-2+3"]);
      expect(rows[2]!.slice(0, 7)).toEqual(["'\tTabbed", '-5', '-5', "'-SUM(1)", '-1,200.50', 'no', "'-"]);
      // A formula cell is its result; a signed number in text is a number, not a formula.
      expect(rows[3]!.slice(0, 2)).toEqual(['2', '+12%']);
    });
  });

  it('writes such text into an xlsx output as text cells, never formulas', async () => {
    await withTempDir(async (dir) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Prospects');
      sheet.addRow(['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps']);
      sheet.addRow(['=1+1', 450, 'SaaS', 'HubSpot', 'Series B', 'yes']);
      const input = path.join(dir, 'prospects.xlsx');
      await book.xlsx.writeFile(input);
      const out = path.join(dir, 'scored.xlsx');
      expect((await icp(['score', '-m', await hostileModel(dir), input, '-o', out])).code).toBe(0);
      const scored = new ExcelJS.Workbook();
      await scored.xlsx.readFile(out);
      const row = scored.worksheets[0]!.getRow(2);
      expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(1).value).toBe('=1+1');
      expect(row.getCell(8).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(8).value).toBe(EVIL);
    });
  });
});
