/** `icp` never loses data: outputs that are inputs are refused, and outputs appear only when complete. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { link, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, icp, withTempDir } from '../fixtures/cli/run.ts';

const MODEL = fixture('spec-model.csv');
const PROSPECTS = fixture('spec-prospects.csv');

describe('icp score refuses to write over what it reads', () => {
  it('refuses -o naming the prospects file, and leaves it whole', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'big.csv');
      const before = await readFile(PROSPECTS);
      await writeFile(file, before);
      const ran = await icp(['score', '-m', MODEL, file, '-o', file]);
      expect(ran.code).toBe(2);
      expect(ran.stderr).toBe(
        `icp: the output "${file}" is the prospects file "${file}"; writing it would overwrite what is being read. Nothing was written: give another output file, e.g. -o scored.csv\n`,
      );
      expect(await readFile(file)).toEqual(before);
    });
  });

  it('refuses the same file reached through a hard link or a symbolic link', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'prospects.csv');
      const before = await readFile(PROSPECTS);
      await writeFile(file, before);
      await link(file, path.join(dir, 'hard.csv'));
      await symlink(file, path.join(dir, 'soft.csv'));
      for (const name of ['hard.csv', 'soft.csv', `./../${path.basename(dir)}/prospects.csv`]) {
        const ran = await icp(['score', '-m', MODEL, file, '-o', path.join(dir, name)]);
        expect(ran.code, name).toBe(2);
        expect(ran.stderr, name).toContain('is the prospects file');
      }
      expect(await readFile(file)).toEqual(before);
    });
  });

  it('refuses -o naming the model file, for score and for sql', async () => {
    await withTempDir(async (dir) => {
      const model = path.join(dir, 'model.csv');
      const before = await readFile(MODEL);
      await writeFile(model, before);
      const scored = await icp(['score', '-m', model, PROSPECTS, '-o', model]);
      expect(scored.stderr).toContain(`is the model file "${model}"`);
      const sql = await icp(['sql', '-m', model, '-d', 'duckdb', '-o', model]);
      expect(sql.code).toBe(2);
      expect(sql.stderr).toContain(`is the model file "${model}"`);
      expect(await readFile(model)).toEqual(before);
    });
  });

  it('still writes to a new file, and over an older output, keeping its permissions', async () => {
    await withTempDir(async (dir) => {
      const out = path.join(dir, 'scored.csv');
      await writeFile(out, 'old\n', { mode: 0o640 });
      const ran = await icp(['score', '-m', MODEL, PROSPECTS, '-o', out]);
      expect(ran.code).toBe(0);
      expect((await readFile(out, 'utf8')).split('\n')[0]).toContain('icp_score');
      expect((await stat(out)).mode & 0o777).toBe(0o640);
      expect((await readdir(dir)).sort()).toEqual(['scored.csv']);
    });
  });
});

describe('icp score -o naming a pipe or a device', () => {
  it('writes into it in place, never renaming a file over it', async () => {
    await withTempDir(async (dir) => {
      const fifo = path.join(dir, 'pipe');
      await promisify(execFile)('mkfifo', [fifo]);
      const reading = readFile(fifo, 'utf8');
      const ran = await icp(['score', '-m', MODEL, PROSPECTS, '--no-why', '-o', fifo]);
      expect(ran.code).toBe(0);
      expect((await reading).split('\n')[1]).toBe('Acme,450,SaaS,"HubSpot; Gong",Series A,yes,85,Priority,');
      expect((await stat(fifo)).isFIFO()).toBe(true);
      expect(await readdir(dir)).toEqual(['pipe']);
    });
  });
});

describe('a run of the built icp command stopped half way', () => {
  // The bundle `npm run build` made (npm test builds first), as a user runs it. Not rebuilt here:
  // another test file may be loading it at the same moment.
  const bin = path.resolve('bin/icp.mjs');
  beforeAll(() => {
    if (!existsSync('dist/cli/icp.mjs')) throw new Error('dist/cli/icp.mjs is missing: run `npm run build` first (npm test does)');
  });

  async function stopMidWrite(signal: NodeJS.Signals): Promise<{ dir: string; entries: string[]; target: string }> {
    return withTempDir(async (dir) => {
      const input = path.join(dir, 'big.csv');
      const rows = Array.from({ length: 150_000 }, (_, i) => `Co ${i},${(i * 13) % 3000},SaaS,HubSpot,Series B,${i % 2 ? 'yes' : 'no'}`);
      await writeFile(input, `Company,Employees,Industry,Tech stack,Funding stage,Has RevOps\n${rows.join('\n')}\n`);
      const target = path.join(dir, 'scored.csv');
      await writeFile(target, 'the previous results\n');
      const child: ChildProcess = spawn(process.execPath, [bin, 'score', '-m', MODEL, input, '-o', target, '--threads', '1'], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      // Wait until the temporary output holds data, then stop the run.
      for (let waited = 0; ; waited += 5) {
        const temp = (await readdir(dir)).find((name) => name.startsWith('.scored.csv.icp-'));
        if (temp && (await stat(path.join(dir, temp)).catch(() => undefined))?.size) break;
        if (waited > 20_000) throw new Error('the run never started writing');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      child.kill(signal);
      await exited;
      return { dir, entries: (await readdir(dir)).sort(), target: await readFile(target, 'utf8') };
    });
  }

  it('killed outright (SIGKILL), leaves the target as it was', async () => {
    const { target, entries } = await stopMidWrite('SIGKILL');
    expect(target).toBe('the previous results\n');
    expect(entries.filter((e) => !e.startsWith('.scored.csv.icp-'))).toEqual(['big.csv', 'scored.csv']);
  }, 30_000);

  it('interrupted (SIGTERM), leaves the target as it was and removes its temporary file', async () => {
    const { target, entries } = await stopMidWrite('SIGTERM');
    expect(target).toBe('the previous results\n');
    expect(entries).toEqual(['big.csv', 'scored.csv']);
  }, 30_000);

  it('writes the SQL with -o in one piece too', async () => {
    await withTempDir(async (dir) => {
      const out = path.join(dir, 'score.sql');
      await promisify(execFile)(process.execPath, [bin, 'sql', '-m', MODEL, '-d', 'duckdb', '-o', out]);
      expect(await readFile(out, 'utf8')).toMatch(/^WITH\n/);
      expect(await readdir(dir)).toEqual(['score.sql']);
    });
  });
});
