/** A full disk while `icp` writes: one plain sentence, and the target as it was (injected write failure). */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fixture, icp, withTempDir } from '../fixtures/cli/run.ts';

/** Every file opened for writing accepts `room` bytes, then fails as a full disk does. */
const disk = vi.hoisted(() => ({ room: Infinity }));
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  const open: typeof fs.open = async (...args: Parameters<typeof fs.open>) => {
    const handle = await fs.open(...args);
    if (!String(args[1]).includes('w')) return handle;
    let written = 0;
    const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<{ bytesWritten: number }>;
    (handle as unknown as { write: unknown }).write = async (...a: unknown[]) => {
      const bytes = a[0] as Uint8Array;
      if (written + bytes.length > disk.room) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const result = await write(...a);
      written += result.bytesWritten;
      return result;
    };
    return handle;
  };
  return { ...fs, default: { ...fs, open }, open };
});

const MODEL = fixture('spec-model.csv');

describe('icp on a full disk', () => {
  it('says the disk is full in one sentence, keeps the old output and leaves no temporary file', async () => {
    await withTempDir(async (dir) => {
      const input = path.join(dir, 'prospects.csv');
      const rows = Array.from({ length: 5_000 }, (_, i) => `Co ${i},${i % 3000},SaaS,HubSpot,Series B,yes`);
      await writeFile(input, `Company,Employees,Industry,Tech stack,Funding stage,Has RevOps\n${rows.join('\n')}\n`);
      const target = path.join(dir, 'scored.csv');
      await writeFile(target, 'the previous results\n');
      disk.room = 100_000;
      try {
        const ran = await icp(['score', '-m', MODEL, input, '-o', target, '--threads', '0']);
        expect(ran.code).toBe(2);
        expect(ran.stderr).toBe(`icp: cannot write "${target}": the disk is full. Nothing was written there; "${target}" is as it was before. Free some space, or write to another disk, and run icp again.\n`);
        const sql = await icp(['sql', '-m', MODEL, '-d', 'postgres', '-o', path.join(dir, 'score.sql')]);
        disk.room = 10;
        const small = await icp(['sql', '-m', MODEL, '-d', 'postgres', '-o', path.join(dir, 'score2.sql')]);
        expect(sql.code).toBe(0);
        expect(small.stderr).toContain('the disk is full.');
      } finally {
        disk.room = Infinity;
      }
      expect(await readFile(target, 'utf8')).toBe('the previous results\n');
      expect((await readdir(dir)).sort()).toEqual(['prospects.csv', 'score.sql', 'scored.csv']);
    });
  });

  it('says the same when scoring on worker threads, with chunks still in flight', async () => {
    await withTempDir(async (dir) => {
      const input = path.join(dir, 'prospects.csv');
      const rows = Array.from({ length: 60_000 }, (_, i) => `Co ${i},${i % 3000},SaaS,HubSpot,Series B,yes`);
      await writeFile(input, `Company,Employees,Industry,Tech stack,Funding stage,Has RevOps\n${rows.join('\n')}\n`);
      const target = path.join(dir, 'scored.csv');
      disk.room = 100_000;
      try {
        const ran = await icp(['score', '-m', MODEL, input, '-o', target, '--threads', '2']);
        expect(ran.code).toBe(2);
        expect(ran.stderr).toBe(`icp: cannot write "${target}": the disk is full. Nothing was written there; "${target}" is as it was before. Free some space, or write to another disk, and run icp again.\n`);
      } finally {
        disk.room = Infinity;
      }
      expect(await readdir(dir)).toEqual(['prospects.csv']);
    });
  });
});
