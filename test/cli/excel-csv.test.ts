// A scored CSV that Excel opens right: a UTF-8 byte-order mark in front of files, so "—" in a
// tier label is not read in the legacy code page ("â€”"), and a BOM'd CSV read back as data.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvRows, fixture, icp, withTempDir } from '../fixtures/cli/run.ts';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const EM_DASH = Buffer.from('—', 'utf8');
const PROSPECTS = fixture('spec-prospects.csv');

/** The SPEC model with a tier label as the tiered preset writes them: "Tier 1 — Ideal". */
async function dashModel(dir: string): Promise<string> {
  const file = path.join(dir, 'model.csv');
  const text = (await readFile(fixture('spec-model.csv'), 'utf8')).replace('tier,Priority,', 'tier,Tier 1 — Ideal,');
  await writeFile(file, text);
  return file;
}

describe('the CSV icp score writes', () => {
  it('starts a file named by -o with the UTF-8 byte-order mark once, with the tier label in UTF-8', async () => {
    await withTempDir(async (dir) => {
      const out = path.join(dir, 'scored.csv');
      expect((await icp(['score', '-m', await dashModel(dir), PROSPECTS, '-o', out])).code).toBe(0);
      const bytes = await readFile(out);
      expect(bytes.subarray(0, 3)).toEqual(BOM);
      expect(bytes.subarray(3, 10).toString('utf8')).toBe('Company');
      expect(bytes.includes(EM_DASH)).toBe(true);
      const rows = csvRows(bytes.subarray(3).toString('utf8'));
      expect(rows[1]!.slice(6, 8)).toEqual(['85', 'Tier 1 — Ideal']);
    });
  });

  it('writes no BOM to standard output (it feeds other programs) unless --bom, and none to a file with --no-bom', async () => {
    await withTempDir(async (dir) => {
      const model = await dashModel(dir);
      expect((await icp(['score', '-m', model, PROSPECTS])).stdout.startsWith('Company,')).toBe(true);
      expect((await icp(['score', '-m', model, PROSPECTS, '--bom'])).stdout.startsWith('\uFEFFCompany,')).toBe(true);
      const out = path.join(dir, 'plain.csv');
      await icp(['score', '-m', model, PROSPECTS, '-o', out, '--no-bom']);
      expect((await readFile(out)).subarray(0, 7).toString('utf8')).toBe('Company');
    });
  });

  it('scores its own BOM’d output again: the BOM is not part of the first header, and is written once', async () => {
    await withTempDir(async (dir) => {
      const model = await dashModel(dir);
      const first = path.join(dir, 'first.csv');
      const second = path.join(dir, 'second.csv');
      await icp(['score', '-m', model, PROSPECTS, '-o', first]);
      const ran = await icp(['score', '-m', model, first, '-o', second]);
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      const text = await readFile(second, 'utf8');
      expect(text.startsWith('\uFEFFCompany,')).toBe(true);
      expect(text.slice(1)).not.toContain('\uFEFF');
      const rows = csvRows(text.slice(1));
      // The first pass's columns come along as data; the new ones are appended after them.
      expect(rows[0]!.slice(-6)).toEqual(['icp_score', 'icp_tier', 'icp_why', 'icp_score', 'icp_tier', 'icp_why']);
      expect(rows[1]!.slice(-3, -1)).toEqual(['85', 'Tier 1 — Ideal']);
      // A BOM'd file also serves as a header file: the first column is "Company", not "\uFEFFCompany".
      const check = await icp(['check', '-m', model, '--header-from', first]);
      expect(check.code).toBe(0);
    });
  });

  it('puts the BOM in front of CSV written from an xlsx input too', async () => {
    await withTempDir(async (dir) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Leads');
      for (const row of csvRows(await readFile(PROSPECTS, 'utf8'))) sheet.addRow(row);
      const input = path.join(dir, 'leads.xlsx');
      await book.xlsx.writeFile(input);
      const out = path.join(dir, 'scored.csv');
      expect((await icp(['score', '-m', await dashModel(dir), input, '-o', out])).code).toBe(0);
      const bytes = await readFile(out);
      expect(bytes.subarray(0, 3)).toEqual(BOM);
      expect(bytes.includes(EM_DASH)).toBe(true);
    });
  });
});
