import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRows, fixture, icp, withTempDir } from '../fixtures/cli/run.ts';

const MODEL = fixture('spec-model.csv');
const PROSPECTS = fixture('spec-prospects.csv');

/** Columns of a scored row: the input's six, then score, tier, why. */
const SCORE = 6;
const TIER = 7;
const WHY = 8;

describe('icp score', () => {
  it('appends the score, tier and why of the SPEC §6 worked example to every row', async () => {
    const ran = await icp(['score', '--model', MODEL, PROSPECTS]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const rows = csvRows(ran.stdout);
    expect(rows[0]).toEqual(['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'icp_score', 'icp_tier', 'icp_why']);
    const byCompany = new Map(rows.slice(1).map((r) => [r[0], r]));
    // 30 + 20 + 25 + 0 + 10: Series A is not a listed funding stage.
    expect(byCompany.get('Acme')!.slice(SCORE, WHY)).toEqual(['85', 'Priority']);
    // A blank Funding stage earns 0 but still counts in the possible 100 (missing = zero).
    expect(byCompany.get('Beta')!.slice(SCORE, WHY)).toEqual(['85', 'Priority']);
    // Only the funding stage matches: 15 of 100; "12,000" is above the 200–2000 band.
    expect(byCompany.get('Gamma')!.slice(SCORE, WHY)).toEqual(['15', 'Standard']);
    // 201-500 reads as its midpoint; case and "salesforce, outreach" as whole words match: 100.
    expect(byCompany.get('Delta')!.slice(SCORE, WHY)).toEqual(['100', 'Priority']);
    // 1.2k = 1,200 employees (30) + Technology (20) + Public (15) = 65.
    expect(byCompany.get('Epsilon')!.slice(SCORE, WHY)).toEqual(['65', 'Standard']);
    expect(byCompany.get('Acme')![WHY]).toContain('85 (Priority)');
    expect(byCompany.get('Acme')![WHY]).toContain('Funding 0/15 (Funding stage: Series A)');
  });

  it('keeps every input row, and gives a blank line blank results', async () => {
    const ran = await icp(['score', '--model', MODEL, PROSPECTS]);
    const rows = csvRows(ran.stdout);
    expect(rows).toHaveLength(7);
    expect(rows[5]).toEqual(['', '', '', '', '', '', '', '', '']);
  });

  it('writes each record back exactly as it was read, quotes included', async () => {
    const ran = await icp(['score', '--model', MODEL, PROSPECTS, '--no-why']);
    const input = (await readFile(PROSPECTS, 'utf8')).split('\n');
    const output = ran.stdout.split('\n');
    expect(output[1]).toBe(`${input[1]},85,Priority,`);
    expect(output[4]).toBe(`${input[4]},100,Priority,`);
  });

  it('reports rows with the wrong number of fields by line, and still writes them unscored', async () => {
    const ran = await icp(['score', '--model', MODEL, fixture('bad-rows.csv')]);
    expect(ran.code).toBe(1);
    // Line 2–3 is one record with a line break inside quotes: the short row is on line 4.
    expect(ran.stderr).toContain('bad-rows.csv line 4: 3 fields where the header has 6; written unscored');
    expect(ran.stderr).toContain('bad-rows.csv line 5: 7 fields where the header has 6; written unscored');
    expect(ran.stderr).toContain('2 problems');
    const rows = csvRows(ran.stdout);
    expect(rows.map((r) => r[0])).toEqual(['Company', 'Acme', 'Short', 'Long', 'Delta']);
    expect(rows[2]).toEqual(['Short', '450', 'SaaS', '', '', '', '', '', 'Not scored: line 4 has 3 fields where the header has 6; written unscored.']);
    // The long row keeps its extra value: every record is written back exactly as read.
    expect(ran.stdout.split('\r\n')).toContain('Long,450,SaaS,HubSpot,Series B,yes,extra,,,Not scored: line 5 has 7 fields where the header has 6; written unscored.');
    expect(rows[1]!.slice(SCORE, WHY)).toEqual(['85', 'Priority']);
    expect(rows[1]![3]).toBe('HubSpot;\r\nGong');
  });

  it('leaves the why column empty with --no-why', async () => {
    const rows = csvRows((await icp(['score', '-m', MODEL, PROSPECTS, '--no-why'])).stdout);
    expect(rows.slice(1).map((r) => r[WHY])).toEqual(['', '', '', '', '', '']);
  });

  it('scores standard input when the file is -', async () => {
    const ran = await icp(['score', '--model', MODEL, '-'], { stdin: await readFile(PROSPECTS, 'utf8') });
    expect(ran.stdout).toBe((await icp(['score', '--model', MODEL, PROSPECTS])).stdout);
  });

  it('writes to the file named by -o', async () => {
    await withTempDir(async (dir) => {
      const out = path.join(dir, 'scored.csv');
      const ran = await icp(['score', '--model', MODEL, PROSPECTS, '-o', out]);
      expect(ran.stdout).toBe('');
      expect(csvRows(await readFile(out, 'utf8'))[1]!.slice(SCORE, WHY)).toEqual(['85', 'Priority']);
    });
  });

  it('scores a sub-score over the Dimension labels given', async () => {
    const rows = csvRows((await icp(['score', '-m', MODEL, PROSPECTS, '--dimensions', 'Firmographics'])).stdout);
    // Acme: 30 + 20 of the 50 firmographic points.
    expect(rows[1]!.slice(SCORE, WHY)).toEqual(['100', 'Priority']);
    // Gamma: 12,000 employees and Retail earn none of them.
    expect(rows[3]!.slice(SCORE, WHY)).toEqual(['0', 'Standard']);
  });

  it('stops before writing anything when the model has an error, and says which row', async () => {
    const ran = await icp(['score', '--model', fixture('broken-model.csv'), PROSPECTS]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/^icp: ICP model row 2: unknown rule "betwen" — did you mean "between"\?/);
  });

  it('names a Field that is not a column of the prospects file, and the columns that are', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'p.csv');
      await writeFile(file, 'Company,Employees,Industry\nAcme,450,SaaS\n');
      const ran = await icp(['score', '--model', MODEL, file]);
      expect(ran.code).toBe(2);
      expect(ran.stderr).toContain(`\n  the Field "Tech stack" (model row 4) is not a column of ${file}. Use --map "Tech stack=COLUMN", or --map "Tech stack=" to score it as blank.\n`);
      expect(ran.stderr).toContain(`\n  (the columns of ${file} are "Company", "Employees" and "Industry")\n`);
    });
  });

  it('says plainly when the prospects file does not exist', async () => {
    const ran = await icp(['score', '--model', MODEL, 'nowhere.csv']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe('icp: cannot read the prospects file "nowhere.csv": there is no such file\n');
  });

  it('draws a progress bar with rows per second on stderr when asked, and none otherwise', async () => {
    const shown = await icp(['score', '-m', MODEL, PROSPECTS, '--progress']);
    expect(shown.stderr).toMatch(/\r\[#+\] 100% {2}6 rows {2}[\d,]+ rows\/s/);
    expect(shown.stderr.endsWith('\n')).toBe(true);
    expect((await icp(['score', '-m', MODEL, PROSPECTS])).stderr).toBe('');
    expect((await icp(['score', '-m', MODEL, PROSPECTS], { tty: true })).stderr).toContain('rows/s');
  });

  it('prints rows, time, rows per second and peak memory with --stats', async () => {
    const ran = await icp(['score', '-m', MODEL, PROSPECTS, '--stats']);
    expect(ran.stderr).toMatch(/^icp score: 6 rows in [\d.]+ s \([\d,]+ rows\/s\), peak memory \d+ MB\n$/);
  });

  it('gives the same output on worker threads as in this thread, over many chunks', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'many.csv');
      const lines = ['Company,Employees,Industry,Tech stack,Funding stage,Has RevOps'];
      const industries = ['SaaS', 'Retail', 'software', ''];
      for (let i = 0; i < 40_000; i++) {
        const stack = i % 7 === 0 ? '"HubSpot,\nGong"' : i % 3 ? 'Salesforce' : 'Excel';
        lines.push(`Co ${i},${(i * 37) % 4000},${industries[i % 4]},${stack},Series ${'ABCDE'[i % 5]},${i % 2 ? 'yes' : 'no'}`);
      }
      lines.push('Bad,1,2');
      await writeFile(file, `${lines.join('\n')}\n`);
      const threaded = await icp(['score', '-m', MODEL, file, '--threads', '2']);
      const inline = await icp(['score', '-m', MODEL, file, '--threads', '0']);
      expect(threaded.stdout.length).toBeGreaterThan(3 << 20);
      expect(threaded.stdout).toBe(inline.stdout);
      // 40,000 records, 5,715 of them on two lines: the short row is on line 45,717.
      expect(threaded.stderr).toContain('many.csv line 45717: 3 fields where the header has 6');
      expect(threaded.stderr).toBe(inline.stderr);
    });
  }, 60_000);
});

describe('icp arguments', () => {
  it('explains itself with --help and exits 0', async () => {
    const ran = await icp(['--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('icp score --model model.csv prospects.csv');
  });

  it('refuses an unknown command, naming the real ones', async () => {
    const ran = await icp(['scroe']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe('icp: unknown command "scroe"; the commands are score, sql, check, init and learn (icp --help explains them)\n');
  });

  it('asks for the model when --model is missing', async () => {
    const ran = await icp(['score', PROSPECTS]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe('icp: give the model file with --model model.csv\n');
  });

  it('refuses an unknown option', async () => {
    const ran = await icp(['score', '--model', MODEL, PROSPECTS, '--colour']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain("Unknown option '--colour'");
  });

  it('refuses a date that is not ISO', async () => {
    const ran = await icp(['score', '--model', MODEL, PROSPECTS, '--today', '30/09/2026']);
    expect(ran.stderr).toBe('icp: --today "30/09/2026" is not a date: use a date such as 2026-09-30\n');
  });
});
