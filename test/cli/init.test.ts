// `icp init`: a starter workbook that opens with exceljs (as Excel and a Sheets import read the
// file) and that `icp score` scores as it stands.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Cell, PRESETS, headerKey, presetGrid, readModel } from '../../core/index.ts';
import { rowCells } from '../fixtures/cli/exceljs-cells.ts';
import { csvRows, icp, withTempDir } from '../fixtures/cli/run.ts';

async function openBook(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

function sheetRows(book: ExcelJS.Workbook, name: string): Cell[][] {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet "${name}"`);
  const rows: Cell[][] = [];
  sheet.eachRow((row) => rows.push(rowCells(row.values)));
  return rows;
}

describe('icp init', () => {
  it('writes Prospects, ICP Model (the b2b-saas preset by default) and Closed deals, in that order', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'starter.xlsx');
      const ran = await icp(['init', file]);
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain(`icp score --model ${file} ${file}`);
      const book = await openBook(file);
      expect(book.worksheets.map((w) => w.name)).toEqual(['Prospects', 'ICP Model', 'Closed deals']);
      const model = sheetRows(book, 'ICP Model');
      expect(model).toEqual(presetGrid('b2b-saas').map((row) => row.map((c) => (c === '' ? null : c))).map(trimEnd));
      const prospects = sheetRows(book, 'Prospects');
      expect(prospects[0]).toEqual(['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps']);
      expect(prospects).toHaveLength(13);
      const deals = sheetRows(book, 'Closed deals');
      expect(deals[0]).toEqual([...prospects[0]!, 'Outcome', 'Amount', 'Created', 'Closed']);
      expect(deals.length).toBeGreaterThan(31);
      // Dates are real date cells (a Sheets import keeps them dates), each deal closed after it was created.
      const dateCells = book.getWorksheet('Closed deals')!.getColumn(9).values.filter((v) => v !== undefined && v !== null).slice(1);
      expect(dateCells.every((v) => v instanceof Date)).toBe(true);
      for (const row of deals.slice(1)) {
        expect(['Closed Won', 'Closed Lost']).toContain(row[6]);
        expect(typeof row[7]).toBe('number');
        expect(String(row[9]) >= String(row[8]), `${row[0]}: closed ${row[9]} before created ${row[8]}`).toBe(true);
      }
      expect(new Set(deals.slice(1).map((r) => r[6])).size).toBe(2);
      expect(await readdir(dir)).toEqual(['starter.xlsx']);
    });
  });

  it.each(PRESETS.map((p) => [p.id] as const))('--preset %s: every Field of the model is a Prospects header, and icp score scores it as written', async (id) => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, `${id}.xlsx`);
      expect((await icp(['init', file, '--preset', id])).code).toBe(0);
      const book = await openBook(file);
      const model = readModel(sheetRows(book, 'ICP Model'));
      const headers = sheetRows(book, 'Prospects')[0]!.map((h) => headerKey(String(h)));
      for (const entry of model.entries.filter((e) => e.kind === 'criterion' || e.kind === 'exclude')) {
        expect(headers, entry.field).toContain(headerKey(entry.field));
      }
      const scored = await icp(['score', '--model', file, file]);
      expect(scored.stderr).toBe('');
      expect(scored.code).toBe(0);
      const rows = csvRows(scored.stdout);
      const at = rows[0]!.indexOf('icp_score');
      const scores = rows.slice(1).map((r) => Number(r[at]));
      expect(scores).toHaveLength(12);
      expect(scores.every((s) => s >= 0 && s <= 100)).toBe(true);
      // The samples spread over the tiers rather than all landing in one.
      expect(new Set(rows.slice(1).map((r) => r[at + 1])).size).toBeGreaterThan(1);
      const deals = await icp(['score', '--model', file, '--sheet', 'Closed deals', file, '--no-why']);
      expect(deals.code).toBe(0);
    });
  });

  it('shows values the model writes as percentages as percentages, and dates as dates', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'p7.xlsx');
      expect((await icp(['init', file, '--preset', 'points-7'])).code).toBe(0);
      const sheet = (await openBook(file)).getWorksheet('Prospects')!;
      const headers = rowCells(sheet.getRow(1).values);
      // Growth rate: Headcount growth at least 20% (preset points-7).
      expect(sheet.getColumn(headers.indexOf('Headcount growth') + 1).numFmt).toBe('0%');
      expect(sheet.getColumn(headers.indexOf('Industry') + 1).numFmt).toBeFalsy();
    });
  });

  it('refuses to replace an existing file and leaves it as it was; --force replaces it', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'mine.xlsx');
      await writeFile(file, 'my own work');
      const refused = await icp(['init', file]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(`icp: "${file}" already exists; choose another name, or add --force to replace it\n`);
      expect(await readFile(file, 'utf8')).toBe('my own work');
      expect((await icp(['init', file, '--force'])).code).toBe(0);
      expect((await openBook(file)).worksheets).toHaveLength(3);
      expect(await readdir(dir)).toEqual(['mine.xlsx']);
    });
  });

  it('says what is wrong with a bad preset, a missing name or a name that is not .xlsx', async () => {
    await withTempDir(async (dir) => {
      const bad = await icp(['init', path.join(dir, 'a.xlsx'), '--preset', 'b2b']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toBe(`icp: there is no preset "b2b"; the presets are ${PRESETS.map((p) => p.id).join(', ')}\n`);
      expect((await icp(['init'])).stderr).toBe('icp: give the workbook to write, e.g. icp init starter.xlsx\n');
      expect((await icp(['init', path.join(dir, 'starter.csv')])).stderr).toContain('name it with .xlsx, e.g.');
      expect(await readdir(dir)).toEqual([]);
      const nowhere = path.join(dir, 'no-such-folder', 'starter.xlsx');
      expect((await icp(['init', nowhere])).stderr).toBe(`icp: cannot write "${nowhere}": there is no folder "${path.dirname(nowhere)}"\n`);
    });
  });
});

function trimEnd(row: Cell[]): Cell[] {
  const out = [...row];
  while (out.length && out[out.length - 1] === null) out.pop();
  return out;
}
