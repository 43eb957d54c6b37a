// `--map Field=Column` and `--map Field=`: the command line's column picker, and every Field
// without a column named at once, one per line.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRows, fixture, icp, withTempDir } from '../fixtures/cli/run.ts';

const MODEL = fixture('spec-model.csv');
const PROSPECTS = fixture('spec-prospects.csv');

/** The SPEC prospects with two columns named as another CRM names them. */
async function renamedProspects(dir: string): Promise<string> {
  const text = await readFile(PROSPECTS, 'utf8');
  const file = path.join(dir, 'crm.csv');
  await writeFile(file, text.replace('Company,Employees,Industry,Tech stack,', 'Company,Headcount,Industry,Technologies,'));
  return file;
}

const scoresAndTiers = (stdout: string) => csvRows(stdout).map((row) => row.slice(-3, -1));

describe('icp score with Fields missing from the file', () => {
  it('names every missing Field on its own line, with the nearest header, and writes nothing', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'p.csv');
      await writeFile(file, 'Company,Employee count,Industry,Tech,Funding\nAcme,450,SaaS,HubSpot,Series B\n');
      const out = path.join(dir, 'scored.csv');
      const ran = await icp(['score', '--model', MODEL, file, '-o', out]);
      expect(ran.code).toBe(2);
      expect(ran.stderr.split('\n')).toEqual([
        `icp: 4 problems with ${file}; nothing was scored:`,
        `  the Field "Employees" (model row 2) is not a column of ${file} — did you mean "Employee count"? Use --map "Employees=Employee count", or --map "Employees=" to score it as blank.`,
        `  the Field "Tech stack" (model row 4) is not a column of ${file} — did you mean "Tech"? Use --map "Tech stack=Tech", or --map "Tech stack=" to score it as blank.`,
        `  the Field "Funding stage" (model row 5) is not a column of ${file} — did you mean "Funding"? Use --map "Funding stage=Funding", or --map "Funding stage=" to score it as blank.`,
        `  the Field "Has RevOps" (model row 6) is not a column of ${file}. Use --map "Has RevOps=COLUMN", or --map "Has RevOps=" to score it as blank.`,
        `  (the columns of ${file} are "Company", "Employee count", "Industry", "Tech" and "Funding")`,
        '',
      ]);
      expect(existsSync(out)).toBe(false);
    });
  });
});

describe('icp score --map', () => {
  it('reads a Field from the column named, scoring exactly as if the column had the Field’s name; the output keeps the file’s headers', async () => {
    await withTempDir(async (dir) => {
      const file = await renamedProspects(dir);
      const mapped = await icp(['score', '-m', MODEL, file, '--map', 'Employees=Headcount', '--map', 'Tech stack=Technologies']);
      expect(mapped.stderr).toBe('');
      expect(mapped.code).toBe(0);
      expect(csvRows(mapped.stdout)[0]!.slice(0, 4)).toEqual(['Company', 'Headcount', 'Industry', 'Technologies']);
      const original = await icp(['score', '-m', MODEL, PROSPECTS]);
      expect(scoresAndTiers(mapped.stdout).slice(1)).toEqual(scoresAndTiers(original.stdout).slice(1));
      // Acme: 30 + 20 + 25 + 0 + 10 (SPEC §6).
      expect(csvRows(mapped.stdout)[1]!.slice(-3, -1)).toEqual(['85', 'Priority']);
    });
  });

  it('scores a Field mapped to nothing as blank, even where the file has that column', async () => {
    await withTempDir(async (dir) => {
      const file = await renamedProspects(dir);
      const ran = await icp(['score', '-m', MODEL, file, '--map', 'Employees=Headcount', '--map', 'Tech stack=']);
      expect(ran.code).toBe(0);
      // Acme without its HubSpot: 30 + 20 + 0 + 0 + 10 = 60 of a possible 100 (missing = zero).
      const acme = csvRows(ran.stdout)[1]!;
      expect(acme.slice(-3, -1)).toEqual(['60', 'Standard']);
      expect(acme.at(-1)).toContain('CRM 0/25 (Tech stack: blank)');
      const own = await icp(['score', '-m', MODEL, PROSPECTS, '--map', 'Tech stack=']);
      expect(csvRows(own.stdout)[1]!.slice(-3, -1)).toEqual(['60', 'Standard']);
    });
  });

  it('reads the mapped column even where the file also has a column of the Field’s own name', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'both.csv');
      await writeFile(file, 'Company,Employees,Headcount,Industry,Tech stack,Funding stage,Has RevOps\nAcme,5,450,SaaS,HubSpot,Series A,yes\n');
      // Employees = 5 misses the 200–2000 band: 20 + 25 + 10 = 55; Headcount = 450 earns its 30 too: 85.
      expect(csvRows((await icp(['score', '-m', MODEL, file])).stdout)[1]!.slice(-3, -1)).toEqual(['55', 'Standard']);
      expect(csvRows((await icp(['score', '-m', MODEL, file, '--map', 'Employees=Headcount'])).stdout)[1]!.slice(-3, -1)).toEqual(['85', 'Priority']);
    });
  });

  it('maps the override column a setting names', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'k.csv');
      await writeFile(file, (await readFile(fixture('kitchen-prospects.csv'), 'utf8')).replace(',Manual score,', ',Score by hand,'));
      const model = fixture('kitchen-model.csv');
      const refused = await icp(['score', '-m', model, file]);
      expect(refused.stderr).toContain('the Field "Manual score" (model row 27) is not a column of');
      const ran = await icp(['score', '-m', model, file, '--map', 'Manual score=Score by hand']);
      expect(ran.code).toBe(0);
      expect(ran.stdout).toBe((await icp(['score', '-m', model, fixture('kitchen-prospects.csv')])).stdout.replace(',Manual score,', ',Score by hand,'));
    });
  });

  it('maps the same on worker threads as in this thread', async () => {
    await withTempDir(async (dir) => {
      const file = await renamedProspects(dir);
      const args = ['score', '-m', MODEL, file, '--map', 'Employees=Headcount', '--map', 'Tech stack='];
      const threaded = await icp([...args, '--threads', '1']);
      expect(threaded.code).toBe(0);
      expect(threaded.stdout).toBe((await icp([...args, '--threads', '0'])).stdout);
    });
  });

  it('lists every bad mapping at once: no "=", an unknown Field, an unknown column, a Field mapped twice', async () => {
    const bad = await icp(['score', '-m', MODEL, PROSPECTS, '--map', 'Employees']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('icp: --map "Employees" is not valid: use --map "Field=Column" to read another column, or --map "Field=" to score the field as blank\n');
    const ran = await icp(['score', '-m', MODEL, PROSPECTS, '--map', 'Employes=Employees', '--map', 'Industry=Industy', '--map', 'Industry=']);
    expect(ran.code).toBe(2);
    expect(ran.stderr.split('\n')).toEqual([
      `icp: 3 problems with ${PROSPECTS}; nothing was scored:`,
      '  --map "Employes=Employees": the model has no Field "Employes" — did you mean "Employees"? (its Fields are "Employees", "Industry", "Tech stack", "Funding stage", "Has RevOps")',
      `  --map "Industry=Industy": ${PROSPECTS} has no column "Industy" — did you mean "Industry"?`,
      '  --map "Industry=": the Field "Industry" is mapped twice; give it one column',
      '',
    ]);
  });
});

describe('icp sql --map', () => {
  it('reads the mapped column by its own name, and finds every other missing Field at once', async () => {
    await withTempDir(async (dir) => {
      const file = await renamedProspects(dir);
      const ran = await icp(['sql', '-m', MODEL, '-d', 'duckdb', '--header-from', file, '--map', 'Employees=Headcount', '--map', 'Tech stack=Technologies']);
      expect(ran.stderr).toBe('');
      expect(ran.stdout).toContain('"Headcount"');
      expect(ran.stdout).toContain('"Technologies"');
      expect(ran.stdout).not.toContain('"Employees"');
      const missing = await icp(['sql', '-m', MODEL, '-d', 'duckdb', '--header-from', file]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(`icp: 2 problems with ${file}; no SQL was written:\n`);
      expect(missing.stderr).toContain('  the Field "Employees" (model row 2) is not a column of');
      expect(missing.stderr).toContain('did you mean "Technologies"? Use --map "Tech stack=Technologies".\n');
    });
  });

  it('refuses to skip a Field: SQL has no blank column to read', async () => {
    const ran = await icp(['sql', '-m', MODEL, '-d', 'duckdb', '--header-from', PROSPECTS, '--map', 'Tech stack=']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe('icp: 1 problem with --map:\n  --map "Tech stack=": icp sql cannot score a field as blank; map it to a column, or drop its rows from the model\n');
  });
});
