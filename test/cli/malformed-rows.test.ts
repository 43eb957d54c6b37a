/** Malformed CSV records: every input byte kept, the line named in plain words, later records scored. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRows, fixture, icp, withTempDir } from '../fixtures/cli/run.ts';

const MODEL = fixture('spec-model.csv');
const HEADER = 'Company,Employees,Industry,Tech stack,Funding stage,Has RevOps';

async function scoreText(text: string, extra: string[] = []) {
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'p.csv');
    await writeFile(file, text);
    return icp(['score', '-m', MODEL, file, '--no-why', ...extra]);
  });
}

describe('icp score on malformed records', () => {
  it('writes a record with more fields than the header back exactly, extra values included', async () => {
    const ran = await scoreText(`${HEADER}\nLong,450,SaaS,HubSpot,Series B,yes,"extra, quoted",more\nAcme,450,SaaS,HubSpot,Series B,yes\n`);
    const lines = ran.stdout.split('\n');
    expect(lines[1]).toBe('Long,450,SaaS,HubSpot,Series B,yes,"extra, quoted",more,,,Not scored: line 2 has 8 fields where the header has 6; written unscored.');
    expect(lines[2]).toBe('Acme,450,SaaS,HubSpot,Series B,yes,100,Priority,');
  });

  for (const threads of ['0', '2']) {
    it(`keeps an unterminated quote's line, names it, and scores the records after it (threads ${threads})`, async () => {
      const good = (i: number) => `Co ${i},450,SaaS,HubSpot,Series B,yes`;
      const broken = 'Broken,450,"SaaS,HubSpot,Series B,yes';
      const input = [HEADER, good(1), broken, good(2), good(3), ''].join('\n');
      const ran = await scoreText(input, ['--threads', threads]);
      expect(ran.code).toBe(1);
      expect(ran.stderr).not.toMatch(/malformed|Trailing quote|unterminated/i);
      expect(ran.stderr).toContain('p.csv line 3: a quote mark that opens a field and never closes; the line is written as read');
      const lines = ran.stdout.split('\n');
      expect(lines[1]).toBe(`${good(1)},100,Priority,`);
      // Every byte of the broken line, the quote closed at its end, the columns padded to the header's width.
      expect(lines[2]!.startsWith(`${broken}",,,,,,"Not scored: line 3 has a quote mark that opens`)).toBe(true);
      expect(lines[3]).toBe(`${good(2)},100,Priority,`);
      expect(lines[4]).toBe(`${good(3)},100,Priority,`);
      const rows = csvRows(ran.stdout);
      expect(rows).toHaveLength(5);
      expect(rows.every((row) => row.length === 9)).toBe(true);
      expect(rows[2]![2]).toBe('SaaS,HubSpot,Series B,yes');
    });
  }

  it('resynchronises after several broken lines, and when the broken line is the last', async () => {
    const input = `${HEADER}\nA,1,"x\nB,450,SaaS,HubSpot,Series B,yes\nC,"y,1\nD,450,SaaS,HubSpot,Series B,yes\nE,"z`;
    const ran = await scoreText(input);
    const rows = csvRows(ran.stdout);
    expect(rows.map((r) => [r[0], r[6]])).toEqual([
      ['Company', 'icp_score'],
      ['A', ''],
      ['B', '100'],
      ['C', ''],
      ['D', '100'],
      ['E', ''],
    ]);
    expect(ran.stderr).toContain('line 2:');
    expect(ran.stderr).toContain('line 4:');
    expect(ran.stderr).toContain('line 6:');
  });

  it('still reads a quoted field with a line break inside as one record', async () => {
    const ran = await scoreText(`${HEADER}\nAcme,450,SaaS,"HubSpot;\nGong",Series B,yes\n`);
    expect(ran.code).toBe(0);
    expect(csvRows(ran.stdout)[1]).toEqual(['Acme', '450', 'SaaS', 'HubSpot;\nGong', 'Series B', 'yes', '100', 'Priority', '']);
  });
});
