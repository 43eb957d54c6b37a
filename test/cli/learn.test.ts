import { execFile } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridToCsv } from '../../cli/learn.ts';
import { type Cell, readModel } from '../../core/index.ts';
import { csvRows, icp, withTempDir } from '../fixtures/cli/run.ts';
import { GUESS_MODEL, plantedHistory, shuffledOutcomes } from '../../support/learn/planted.ts';
import { GUESSES, INTERACTION, generate } from '../../support/learn/shapes.ts';

const planted = plantedHistory({ rows: 3_000, seed: 1 }).grid;

async function files(dir: string, history: Cell[][] = planted) {
  const model = path.join(dir, 'model.csv');
  const historyFile = path.join(dir, 'history.csv');
  await writeFile(model, gridToCsv(GUESS_MODEL));
  await writeFile(historyFile, gridToCsv(history));
  return { model, history: historyFile, out: path.join(dir, 'suggested.csv'), report: path.join(dir, 'report.md') };
}

describe('icp learn', () => {
  it('writes the suggested model with the rows found in the history, and prints the verdict, AUCs, tiers and new rows', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir);
      const ran = await icp(['learn', '--model', f.model, f.history, '-o', f.out, '--report', f.report]);
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      expect(ran.stdout).toMatch(/^Columns: outcome "Outcome", amount "Amount", created "Created", closed "Closed"\.\nApply the suggestion, with \d+ segments? found in the history: it ranks \d+ held-out deals the learning never saw better than the current model \(AUC 0\.\d\d → 0\.\d\d\)\.\nSuggested: a model that ranks held-out deals better/);
      expect(ran.stdout).toMatch(/\nWhat to do:\n( {2}.*\n)* {2}Fintech accounts win \d\.\d× as often as the rest: give them \d+ points\. \d+ deals: \d+% won, against \d+% for the rest\.\n/);
      expect(ran.stdout).toMatch(/Held-out AUC: current 0\.\d\d, suggested 0\.\d\d\. Learned from the \d+ deals closed before/);
      expect(ran.stdout).toMatch(/\n {2}Tier 1 +\d+ deals, \d+% won/);
      expect(ran.stdout).toMatch(/\n {2}exclude {3}Industry = Agency: Industry is any of Agency, exclude points; \d+ deals · won \d+% · lift 0\.\d\d · effect -\d\.\d\d ± 0\.\d\d/);
      expect(ran.stdout).toMatch(/\n {2}criterion Company size: Employees between [\d.KM]+-[\d.KM]+ \(was 200-2000\)/);
      expect(ran.stdout).toContain(`Wrote ${f.out}: the suggested model.`);
      const written = csvRows(await readFile(f.out, 'utf8'));
      const model = readModel(written);
      expect(model.exclusions.map((e) => String(e.value))).toContain('Agency');
      expect(model.entries.some((e) => e.kind === 'criterion' && String(e.value) === 'Fintech' && e.points > 0)).toBe(true);
      const report = await readFile(f.report, 'utf8');
      expect(report).toMatch(/^# Learned from history\.csv\n/);
      expect(report).toContain('## Rows and their evidence');
      expect(report).toMatch(/\n## What to do\n\n(- .*\n)*- Fintech accounts win \d\.\d× as often as the rest: give them \d+ points\./);
      expect(report).toContain('## Effort against revenue');
      expect(report).toMatch(/\| \d+ \| criterion \| Industry \| Industry is any of Fintech \| \d+ \| new \| \d+ \| \d+% \| \d+% \| \d\.\d\d \| \+\d\.\d\d ± 0\.\d\d \|/);
      expect(report).toContain('## What changed');
      expect(report).toContain('## Columns not learned from');
      // Nothing but the two outputs is left in the folder (the temporary files were renamed).
      expect((await readdir(dir)).sort()).toEqual(['history.csv', 'model.csv', 'report.md', 'suggested.csv']);
    });
  });

  it('writes the current model unchanged when the outcomes are noise, and says so', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir, shuffledOutcomes(planted, 3));
      const ran = await icp(['learn', '--model', f.model, f.history, '-o', f.out]);
      expect(ran.code).toBe(0);
      expect(ran.stdout).toMatch(/\nThe suggestion is the current model unchanged: /);
      expect(ran.stdout).toMatch(/^Columns: .*\nKeep the current model: the suggestion did not rank \d+ held-out deals better beyond chance/);
      expect(ran.stdout).toContain(`Wrote ${f.out}: the current model unchanged.`);
      expect(await readFile(f.out, 'utf8')).toBe(await readFile(f.model, 'utf8'));
      const anyway = await icp(['learn', '--model', f.model, f.history, '-o', f.out, '--anyway']);
      expect(anyway.stdout).toContain('the model tried, as asked (--anyway), although it was not shown to be better.');
    });
  });

  it('reads an xlsx history like icp score does, with columns named by flags', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir);
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Deals');
      const renamed = planted.map((row, i) => (i === 0 ? row.map((h) => (h === 'Outcome' ? 'Result of deal' : h)) : row));
      for (const row of renamed) sheet.addRow(row.map((c) => (typeof c === 'string' && /^\d{4}-\d\d-\d\d$/.test(c) ? new Date(`${c}T00:00:00Z`) : c)));
      const xlsx = path.join(dir, 'history.xlsx');
      await book.xlsx.writeFile(xlsx);
      const ran = await icp(['learn', '--model', f.model, xlsx, '-o', f.out, '--outcome', 'Result of deal', '--amount', '']);
      expect(ran.stderr).toBe('');
      expect(ran.stdout).toMatch(/^Columns: outcome "Result of deal", created "Created", closed "Closed"\./);
      expect(ran.stdout).toMatch(/Suggested: a model that ranks held-out deals better/);
    });
  });

  it('refuses to write over the model or the history, and writes nothing when the history is too small', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir, planted.slice(0, 20));
      const over = await icp(['learn', '--model', f.model, f.history, '-o', f.model]);
      expect(over.code).toBe(2);
      expect(over.stderr).toMatch(/^icp: the output ".*model\.csv" is the model file ".*model\.csv"; writing it would overwrite what is being read\. Nothing was written/);
      const overHistory = await icp(['learn', '--model', f.model, f.history, '-o', f.out, '--report', f.history]);
      expect(overHistory.stderr).toMatch(/^icp: the output ".*history\.csv" is the history file/);
      const small = await icp(['learn', '--model', f.model, f.history, '-o', f.out]);
      expect(small.code).toBe(2);
      expect(small.stderr).toMatch(/^icp learn: The outcome column has 19 decided outcomes/);
      expect((await readdir(dir)).sort()).toEqual(['history.csv', 'model.csv']);
      const missing = await icp(['learn', '--model', f.model, f.history]);
      expect(missing.stderr).toMatch(/give the file to write the suggested model to/);
    });
  });

  it('says in one sentence when the output cannot be written, and leaves no file behind', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir);
      const ran = await icp(['learn', '--model', f.model, f.history, '-o', path.join(dir, 'no such folder', 'out.csv')]);
      expect(ran.code).toBe(2);
      expect(ran.stderr).toMatch(/^icp: cannot write ".*out\.csv"/);
      expect((await readdir(dir)).sort()).toEqual(['history.csv', 'model.csv']);
    });
  });
});

describe('icp learn on a history icp score has scored', () => {
  it('teaches what the unscored history teaches: icp_score, icp_tier and icp_why are named and left out', async () => {
    await withTempDir(async (dir) => {
      const scored = path.join(dir, 'scored.csv');
      const plain = path.join(dir, 'plain.csv');
      const fromScored = path.join(dir, 'from-scored.csv');
      const score = await icp(['score', '-m', 'samples/model.csv', 'samples/history.csv', '-o', scored, '--today', '2026-06-30']);
      expect(score.code).toBe(0);
      const args = ['--model', 'samples/model.csv', '--today', '2026-06-30'];
      const a = await icp(['learn', ...args, 'samples/history.csv', '-o', plain]);
      const b = await icp(['learn', ...args, scored, '-o', fromScored]);
      expect(b.code).toBe(0);
      expect(await readFile(fromScored, 'utf8')).toBe(await readFile(plain, 'utf8'));
      expect(b.stdout.replace(/\n {2}icp_\w+: [^\n]*/g, '').replace('\n\nNot learned from:', '').replace(fromScored, 'OUT')).toBe(a.stdout.replace(plain, 'OUT'));
      for (const column of ['icp_score', 'icp_tier', 'icp_why']) expect(b.stdout).toMatch(new RegExp(`\\n {2}${column}: written by ICP scoring`));
    });
  });
});

describe('icp learn finds a pair', () => {
  it('writes it as a criterion row and its and row (SPEC §1), and icp check reads the written model with no problem', async () => {
    await withTempDir(async (dir) => {
      const model = path.join(dir, 'model.csv');
      const history = path.join(dir, 'history.csv');
      const out = path.join(dir, 'suggested.csv');
      await writeFile(model, gridToCsv(GUESSES.interaction));
      await writeFile(history, gridToCsv(generate(INTERACTION, 6_000, 7).grid));
      const ran = await icp(['learn', '--model', model, history, '-o', out, '--today', '2026-06-30']);
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      const rows = csvRows(await readFile(out, 'utf8'));
      const kind = rows[0]!.indexOf('Kind');
      const at = rows.findIndex((r) => r[kind] === 'and');
      expect(at, rows.map((r) => r.join(',')).join('\n')).toBeGreaterThan(1);
      const [head, and] = [rows[at - 1]!, rows[at]!];
      expect(head[kind]).toMatch(/^(criterion|exclude)$/);
      expect([...head, ...and].join(' ')).toMatch(/Fintech/);
      expect([...head, ...and].join(' ')).toMatch(/EMEA/);
      const check = await icp(['check', '--model', out, '--header-from', history]);
      expect(check.stderr).toBe('');
      expect(check.code).toBe(0);
      expect(check.stdout).toMatch(/: the model is valid\. .*\(\d+ rows, [1-9]\d* conditions?\)/);
    });
  });
});

describe('icp learn progress', () => {
  it('draws a progress bar on standard error when asked (or in a terminal), ending at 100%', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir);
      const ran = await icp(['learn', '--model', f.model, f.history, '-o', f.out, '--progress']);
      expect(ran.code).toBe(0);
      expect(ran.stderr).toMatch(/^\r\[\.+\]\s+0%\s+reading/);
      expect(ran.stderr).toMatch(/\r\[#{24}\] 100%\s+done\s*\n$/);
      const quiet = await icp(['learn', '--model', f.model, f.history, '-o', f.out, '--no-progress'], { tty: true });
      expect(quiet.stderr).toBe('');
    });
  });
});

describe('the built icp learn', () => {
  beforeAll(async () => {
    const build = (await import('../../scripts/build-cli.mjs' as string)) as { default: (o: { quiet: boolean }) => Promise<void> };
    await build.default({ quiet: true });
  }, 60_000);

  it('writes the same model and prints the same report as the command run from source', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir);
      const built = path.join(dir, 'built.csv');
      const ran = await promisify(execFile)(process.execPath, [path.resolve('bin/icp.mjs'), 'learn', '-m', f.model, f.history, '-o', built]);
      const source = await icp(['learn', '-m', f.model, f.history, '-o', f.out]);
      expect(ran.stdout.replace(built, 'OUT')).toBe(source.stdout.replace(f.out, 'OUT'));
      expect(await readFile(built, 'utf8')).toBe(await readFile(f.out, 'utf8'));
    });
  }, 30_000);
});

describe('icp learn on the sample history (issue 21)', () => {
  it('adopts a suggestion that names the segments the sample plants: healthcare, Series A in North America, review-site intent losing', async () => {
    await withTempDir(async (dir) => {
      const out = path.join(dir, 'suggested.csv');
      const ran = await icp(['learn', '--model', 'samples/model.csv', 'samples/history.csv', '-o', out]);
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain(`Wrote ${out}: the suggested model.`);
      expect(ran.stdout).toMatch(/\n {2}Healthcare accounts win \d\.\d× as often as the rest: give them \d+ points\./);
      expect(ran.stdout).toMatch(/\n {2}North America and Series A accounts win \d\.\d× as often as the rest: give them \d+ points\./);
      const model = readModel(csvRows(await readFile(out, 'utf8')));
      const healthcare = model.entries.find((e) => e.kind === 'criterion' && /^healthcare$/i.test(String(e.value)));
      expect(healthcare?.points).toBeGreaterThan(0);
      // The combination is written as a criterion and its and row.
      const and = model.entries.findIndex((e) => e.kind === 'and' && /series a|north america/i.test(String(e.value)));
      expect(and).toBeGreaterThan(0);
      expect(model.entries[and - 1]!.points).toBeGreaterThan(0);
      const review = model.entries.find((e) => e.kind === 'criterion' && e.name === 'Review-site activity');
      expect(review?.points).toBeLessThan(0);
    });
  });
});
