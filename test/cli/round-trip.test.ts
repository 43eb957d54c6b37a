// A model file written by icp reads back as the same model (issue #18, item 3): text that starts
// like a formula keeps its guard apostrophe in the file, and every model reader takes the
// apostrophe before = + - @ as the guard, as spreadsheets do, so the text after it is the value.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { gridToCsv } from '../../cli/learn.ts';
import { starterWorkbook } from '../../cli/starter.ts';
import { type Cell, PRESETS, presetGrid, readModel } from '../../core/index.ts';
import { csvRows, icp, icpBin, withTempDir } from '../fixtures/cli/run.ts';

const TODAY = '2026-09-30';

/** The preset's Closed deals from the starter workbook: 60 deals, too few to move the model. */
function deals(preset: string): Cell[][] {
  const { deals: table } = starterWorkbook(preset, new Date(Date.UTC(2026, 8, 30)));
  return [table.headers, ...table.rows.map((row) => row.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c)))];
}

/**
 * A model with labels and values a spreadsheet would run as formulas, as Google Sheets exports
 * it (the text itself, no apostrophe), and one text that really starts with an apostrophe and
 * a formula sign (written with its own guard: `''=literal`).
 */
const HOSTILE_CSV = `${gridToCsv(presetGrid('b2b-saas')).trimEnd()}
exclude,Competitor,Company,is any of,@rival,,,"=HYPERLINK(""http://x"",""note"")"
exclude,Other,Industry,is any of,-Other,,,
criterion,+Plus,Tech stack,contains any,''=literal,5,@dim,-starts with a dash
tier,=Hot,,,95,,,
`;

async function learnUnchanged(dir: string, model: string, history: string, out: string) {
  const ran = await icpBin(['learn', '-m', model, history, '-o', out, '--today', TODAY, '--no-progress']);
  expect(ran.stderr).toBe('');
  expect(ran.code).toBe(0);
  expect(ran.stdout).toContain(`Wrote ${out}: the current model unchanged.`);
  return readFile(out, 'utf8');
}

describe('a model icp learn leaves unchanged comes back the same model', () => {
  it.each(PRESETS.map((p) => p.id))('for the preset %s, twice over', async (preset) => {
    await withTempDir(async (dir) => {
      const model = path.join(dir, 'model.csv');
      const history = path.join(dir, 'deals.csv');
      await writeFile(model, gridToCsv(presetGrid(preset)));
      await writeFile(history, gridToCsv(deals(preset)));
      const once = await learnUnchanged(dir, model, history, path.join(dir, 'once.csv'));
      expect(readModel(csvRows(once))).toEqual(readModel(csvRows(await readFile(model, 'utf8'))));
      const twice = await learnUnchanged(dir, path.join(dir, 'once.csv'), history, path.join(dir, 'twice.csv'));
      expect(twice).toBe(once);
    });
  });

  it('for labels and values that start like formulas: the file keeps the guard, the model keeps the text', async () => {
    await withTempDir(async (dir) => {
      const model = path.join(dir, 'model.csv');
      const history = path.join(dir, 'deals.csv');
      await writeFile(model, HOSTILE_CSV);
      await writeFile(history, gridToCsv(deals('b2b-saas')));
      const once = await learnUnchanged(dir, model, history, path.join(dir, 'once.csv'));
      // In the file, every such text is guarded (a spreadsheet opening it runs nothing) …
      expect(once).toContain("'@rival");
      expect(once).toContain("'-Other");
      expect(once).toContain(`"'=HYPERLINK(""http://x"",""note"")"`);
      expect(once).toContain("'=Hot");
      // … and a text written with its own guard (''=literal, the text '=literal) stays so.
      expect(once).toContain("''=literal");
      const read = readModel(csvRows(once));
      expect(read).toEqual(readModel(csvRows(HOSTILE_CSV)));
      expect(read.exclusions.map((e) => e.value)).toEqual(['@rival', '-Other']);
      expect(read.exclusions[0]!.note).toBe('=HYPERLINK("http://x","note")');
      expect(read.tiers.map((t) => t.name)).toContain('=Hot');
      expect(read.criteria.find((c) => c.name === '+Plus')!.bands[0]!).toMatchObject({ value: "'=literal", dimension: '@dim', note: '-starts with a dash' });
      const twice = await learnUnchanged(dir, path.join(dir, 'once.csv'), history, path.join(dir, 'twice.csv'));
      expect(twice).toBe(once);

      // The round-tripped model still excludes "@rival" and "-Other".
      const prospects = path.join(dir, 'prospects.csv');
      await writeFile(prospects, 'Company,Employees,Industry,Tech stack,Funding stage,Has RevOps\n@rival,450,SaaS,HubSpot,Series B,yes\nAcme,450,-Other,HubSpot,Series B,yes\nBeta,450,SaaS,HubSpot,Series B,yes\n');
      const scored = await icpBin(['score', '-m', path.join(dir, 'twice.csv'), prospects, '--no-why']);
      expect(scored.stderr).toBe('');
      expect(csvRows(scored.stdout).slice(1).map((r) => r.slice(6, 8))).toEqual([
        ['0', 'Excluded'],
        ['0', 'Excluded'],
        // 100 of the 105 possible: the +Plus criterion's term is not in Beta's tech stack.
        ['95.2', "'=Hot"],
      ]);
    });
  });
});

describe('the model sheet icp init writes', () => {
  it.each(PRESETS.map((p) => p.id))('reads back as the preset %s, in a spreadsheet and in icp', async (preset) => {
    await withTempDir(async (dir) => {
      const starter = path.join(dir, 'starter.xlsx');
      expect((await icpBin(['init', starter, '--preset', preset])).code).toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(starter);
      const grid: Cell[][] = [];
      book.getWorksheet('ICP Model')!.eachRow((row, n) => {
        grid[n - 1] = (row.values as Cell[]).slice(1);
      });
      expect(readModel(grid)).toEqual(readModel(presetGrid(preset)));
      // icp reads the sheet as the same model as the preset's CSV: the same SQL, row for row.
      const csv = path.join(dir, 'model.csv');
      await writeFile(csv, gridToCsv(presetGrid(preset)));
      const fromSheet = await icpBin(['sql', '-m', starter, '-d', 'duckdb', '--today', TODAY]);
      expect(fromSheet.stderr).toBe('');
      // The reference: the preset's CSV read by the command run from source.
      expect(fromSheet.stdout).toBe((await icp(['sql', '-m', csv, '-d', 'duckdb', '--today', TODAY])).stdout);
    });
  });
});
