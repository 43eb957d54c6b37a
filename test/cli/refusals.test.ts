// Issue #18, items 7, 8, 10 and 11, through the built command: outputs that are one file, days
// that do not exist, empty lists and options, numbers written with an exponent, raw HTML and
// terminal escapes from files, a history too large to read, and a full disk behind stdout.
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gridToCsv } from '../../cli/learn.ts';
import { seededRandom } from '../../core/learn/stats.ts';
import { readModel } from '../../core/index.ts';
import { BIN, csvRows, fixture, icpBin, withTempDir } from '../fixtures/cli/run.ts';
import { GUESS_MODEL, plantedHistory } from '../../support/learn/planted.ts';

const MODEL = fixture('spec-model.csv');
const PROSPECTS = fixture('spec-prospects.csv');
const KITCHEN = fixture('kitchen-model.csv');

async function learnFiles(dir: string, rows = 400) {
  const model = path.join(dir, 'model.csv');
  const history = path.join(dir, 'history.csv');
  await writeFile(model, gridToCsv(GUESS_MODEL));
  await writeFile(history, gridToCsv(plantedHistory({ rows, seed: 1 }).grid));
  return { model, history };
}

describe('outputs that are one file (item 7)', () => {
  it('refuses -o and --report that name one file through a symbolic link, and writes nothing', async () => {
    await withTempDir(async (dir) => {
      const { model, history } = await learnFiles(dir);
      const out = path.join(dir, 'suggested.csv');
      const report = path.join(dir, 'report.md');
      // A link to a file not written yet …
      await symlink(out, report);
      const dangling = await icpBin(['learn', '-m', model, history, '-o', out, '--report', report]);
      expect(dangling.code).toBe(2);
      expect(dangling.stderr).toBe(
        `icp: the model output (-o) "${out}" and the report (--report) "${report}" name one file (the same file, through a link); one would overwrite the other. Nothing was written: give them different files\n`,
      );
      expect((await readdir(dir)).sort()).toEqual(['history.csv', 'model.csv', 'report.md']);
      // … and to one that exists.
      await writeFile(out, 'the previous model\n');
      const existing = await icpBin(['learn', '-m', model, history, '-o', report, '--report', out]);
      expect(existing.code).toBe(2);
      expect(existing.stderr).toContain('name one file (the same file, through a link)');
      expect(await readFile(out, 'utf8')).toBe('the previous model\n');
    });
  });
});

describe('days that do not exist (item 8)', () => {
  it.each([
    ['score', ['score', '-m', MODEL, PROSPECTS]],
    ['learn', ['learn', '-m', MODEL, PROSPECTS, '-o', 'never.csv']],
    ['sql', ['sql', '-m', MODEL, '-d', 'duckdb']],
  ])('icp %s refuses --today 2026-02-30 in one sentence', async (_, argv) => {
    const ran = await icpBin([...argv, '--today', '2026-02-30']);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toBe('icp: --today "2026-02-30" is not a date: February 2026 has 28 days; use a date such as 2026-02-28\n');
  });

  it('refuses a month that does not exist, and still takes a leap day', async () => {
    const month = await icpBin(['score', '-m', MODEL, PROSPECTS, '--today', '2026-13-01']);
    expect(month.stderr).toBe('icp: --today "2026-13-01" is not a date: there is no month 13; use a date such as 2026-09-30\n');
    expect((await icpBin(['score', '-m', MODEL, PROSPECTS, '--today', '2028-02-29'])).code).toBe(0);
  });
});

describe('an empty --dimensions list (item 8)', () => {
  it.each([
    ['score', ['score', '-m', KITCHEN, fixture('kitchen-prospects.csv')]],
    ['sql', ['sql', '-m', KITCHEN, '-d', 'postgres']],
  ])('icp %s refuses it and lists the model’s Dimension labels', async (_, argv) => {
    const ran = await icpBin([...argv, '--dimensions', '']);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/^icp: --dimensions is empty: give one or more of the model's Dimension labels, e\.g\. --dimensions "\w+" \(the model's Dimensions are "\w+"(, "\w+")* and "\w+"\), or leave it out for the whole score\n$/);
  });

  it('says so when the model has no Dimension labels', async () => {
    await withTempDir(async (dir) => {
      const model = path.join(dir, 'model.csv');
      await writeFile(model, 'Kind,Name,Field,Rule,Value,Points\ncriterion,Size,Employees,at least,100,10\n');
      const ran = await icpBin(['score', '-m', model, PROSPECTS, '--dimensions', ' , ']);
      expect(ran.stderr).toBe('icp: --dimensions is empty, and the model has no Dimension labels: leave --dimensions out for the whole score\n');
    });
  });
});

describe('numbers in the models icp writes (item 8)', () => {
  it('writes a band near 1e-8 in plain decimals, so the row found is in the model read back', async () => {
    await withTempDir(async (dir) => {
      // Deals with a small rate win more often: the learner finds "Rate at most 0.00000005".
      const random = seededRandom(7);
      const rows: (string | number)[][] = [['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Rate', 'Outcome']];
      for (let i = 0; i < 1500; i++) {
        const rate = Math.round(1 + random() * 99) * 1e-9;
        const won = random() < (rate < 4.9e-8 ? 0.5 : 0.25);
        rows.push([`Co ${i}`, 300, 'Retail', 'Zoho', 'Seed', rate.toFixed(10), won ? 'Closed Won' : 'Closed Lost']);
      }
      const model = path.join(dir, 'model.csv');
      const history = path.join(dir, 'history.csv');
      const out = path.join(dir, 'suggested.csv');
      await writeFile(model, gridToCsv(GUESS_MODEL));
      await writeFile(history, gridToCsv(rows));
      const ran = await icpBin(['learn', '-m', model, history, '-o', out, '--today', '2026-09-30']);
      expect(ran.stderr).toBe('');
      expect(ran.stdout).toMatch(/criterion Rate: Rate at most 0\.0000000\d+, \d+ points/);
      const text = await readFile(out, 'utf8');
      expect(text).not.toMatch(/\de-\d/);
      const rate = readModel(csvRows(text)).criteria.find((c) => c.name === 'Rate');
      expect(rate?.bands[0]?.operand).toMatchObject({ kind: 'number' });
      expect((await icpBin(['check', out])).code).toBe(0);
    });
  });
});

describe('text from files, shown elsewhere (item 10)', () => {
  it('writes categories from the history into the Markdown report as text, never as HTML', async () => {
    await withTempDir(async (dir) => {
      const { model } = await learnFiles(dir);
      const grid = plantedHistory({ rows: 3000, seed: 1 }).grid;
      const industry = grid[0]!.indexOf('Industry');
      const hostile = grid.map((row, i) => (i > 0 && row[industry] === 'Fintech' ? row.map((c, j) => (j === industry ? '<img src=x onerror=alert(1)></script>' : c)) : row));
      const history = path.join(dir, 'hostile.csv');
      await writeFile(history, gridToCsv(hostile));
      const report = path.join(dir, 'report.md');
      const ran = await icpBin(['learn', '-m', model, history, '-o', path.join(dir, 'out.csv'), '--report', report, '--today', '2026-09-30']);
      expect(ran.code).toBe(0);
      const markdown = await readFile(report, 'utf8');
      expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;');
      expect(markdown).not.toMatch(/<img|<\/script/i);
    });
  });

  it('shows terminal escapes from a header as text in error messages', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'crm.csv');
      await writeFile(file, 'Company,\u001b[2J\u001b[31mEmployees,Industry,"Tech\rstack",Funding stage,Has RevOps\nAcme,450,SaaS,HubSpot,Series B,yes\n');
      const ran = await icpBin(['score', '-m', MODEL, file]);
      expect(ran.code).toBe(2);
      expect(ran.stderr).toContain('"\\x1b[2J\\x1b[31mEmployees"');
      expect(ran.stderr).toContain('"Tech\\x0dstack"');
      expect(ran.stderr).not.toMatch(/[\u001b\r]/);
    });
  });
});

describe('plain sentences that say what to do (item 11)', () => {
  it('says --table is empty, and what to give', async () => {
    const ran = await icpBin(['sql', '-m', MODEL, '-d', 'duckdb', '--table', '']);
    expect(ran.stderr).toBe('icp: --table is empty: give the table to score, e.g. --table crm.accounts, or leave --table out to score the table "prospects"\n');
    const model = await icpBin(['score', '--model', '', PROSPECTS]);
    expect(model.stderr).toBe('icp: --model is empty: give the model file, e.g. --model model.csv\n');
  });

  it('refuses a history with no line break in its first 8 MB, without reading the rest', async () => {
    // icp learn streams its history (a 1,000,000-deal file is larger than one string can
    // hold), so size alone is no refusal; a file with no header line is.
    await withTempDir(async (dir) => {
      const { model } = await learnFiles(dir, 50);
      // 9 MB on one line, the rest never read.
      const history = path.join(dir, 'one-line.csv');
      await writeFile(history, 'x'.repeat(9 * 1024 * 1024));
      const ran = await icpBin(['learn', '-m', model, history, '-o', path.join(dir, 'out.csv')]);
      expect(ran.code).toBe(2);
      expect(ran.stderr).toBe(
        `icp: the history file "${history}" has no line break in its first 8 MB, so it has no header row: icp learn reads a CSV file with a header row and one row per deal (or an xlsx workbook)\n`,
      );
    });
  });

  it.each([
    ['sql', ['sql', '-m', MODEL, '-d', 'duckdb']],
    ['score', ['score', '-m', MODEL, PROSPECTS]],
    ['check', ['check', MODEL]],
  ])('says in one sentence that standard output is on a full disk (icp %s > /dev/full)', async (_, argv) => {
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', full, 'pipe'] });
      const err: Buffer[] = [];
      child.stderr!.on('data', (b: Buffer) => err.push(b));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(2);
      expect(Buffer.concat(err).toString()).toBe(
        'icp: cannot write to standard output: the disk is full. The output is incomplete; write it to a file on a disk with room instead (-o FILE), or free some space and run icp again.\n',
      );
    } finally {
      closeSync(full);
    }
  });
});
