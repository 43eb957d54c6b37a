/**
 * `icp learn --what-if` through the built command (node bin/icp.mjs): the projection of moving a
 * share of the accounts worked from one group to another, worked out by hand on a small history,
 * in the terminal and in the report; a group that is not there or a share that cannot move is a
 * sentence before any learning runs, and nothing is written.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { icpBin, withTempDir } from '../fixtures/cli/run.ts';

const MODEL = `Kind,Name,Field,Rule,Value,Points
criterion,Company size,Employees,between,200-2000,30
criterion,Industry,Industry,is any of,SaaS,20
tier,Priority,,,40,
tier,Standard,,,0,
`;

/**
 * Segment A: 10 won at 1,000 and 10 lost (yield 500). Segment B: 15 won at 2,000 and 5 lost
 * (yield 1,500). Segment C: 10 won at 500, 10 lost, 2 open.
 */
function history(): string {
  const lines = ['Company,Employees,Industry,Segment,Outcome,Amount'];
  const add = (segment: string, count: number, outcome: string, amount: string, employees: number, industry: string) => {
    for (let i = 0; i < count; i++) lines.push(`${segment}${lines.length},${employees + i},${industry},${segment},${outcome},${amount}`);
  };
  add('A', 10, 'Won', '1000', 300, 'SaaS');
  add('A', 10, 'Lost', '', 50, 'Retail');
  add('B', 15, 'Won', '2000', 400, 'Retail');
  add('B', 5, 'Lost', '', 20, 'SaaS');
  add('C', 10, 'Won', '500', 900, 'SaaS');
  add('C', 10, 'Lost', '', 5000, 'Retail');
  add('C', 2, '', '', 700, 'SaaS');
  return `${lines.join('\n')}\n`;
}

async function files(dir: string) {
  const model = path.join(dir, 'model.csv');
  const hist = path.join(dir, 'history.csv');
  await writeFile(model, MODEL);
  await writeFile(hist, history());
  return { model, history: hist, out: path.join(dir, 'suggested.csv'), report: path.join(dir, 'report.md') };
}

describe('icp learn --what-if', () => {
  it('prints the projection worked out by hand, and writes it in the report', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir);
      const ran = await icpBin(['learn', '--model', f.model, f.history, '-o', f.out, '--report', f.report, '--what-if', '50% from A to B', '--no-progress']);
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      // A: x = 1,000 × 10 and 0 × 10: mean 500, s² = 20 × 500² / 19, variance of the mean s² / 20 = 13,157.9.
      // B: x = 2,000 × 15 and 0 × 5: mean 1,500, s² = (15 × 500² + 5 × 1,500²) / 19, variance of the mean 39,473.7.
      // Moved 10: +10,000; s.e. 10 × √52,631.6 = 2,294.2; 90% range 10,000 ± 1.645 × 2,294.2 = 6,226 to 13,774.
      const sentence = 'Moving 50% of the accounts worked from A to B (10 of 20): +10K won revenue (90% range +6.23K to +13.8K) over the same period.';
      expect(ran.stdout).toContain(`${sentence}\nB brought in 1.5K per account worked (20 decided deals, 15 won); A brought in 500 per account worked (20 decided deals, 10 won).`);
      const report = await readFile(f.report, 'utf8');
      expect(report).toContain(`## What if\n\n${sentence}\n`);
    });
  });

  it('names the tiers when a group is not there, says what a share is, and writes nothing', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir);
      const unknown = await icpBin(['learn', '--model', f.model, f.history, '-o', f.out, '--what-if', '30% from SMB to B']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toBe(
        'icp: --what-if: no tier, column value or segment of the history is named "SMB": name a tier ("Priority", "Standard"), a value of a column ' +
          '("Segment = SMB", or the value alone when one column holds it) or a number range as the effort table writes it ("Employees 200–2000")\n',
      );
      const share = await icpBin(['learn', '--model', f.model, f.history, '-o', f.out, '--what-if', '130% from A to B']);
      expect(share.code).toBe(2);
      expect(share.stderr).toBe('icp: --what-if: 130% is not a share that can move: the share to move must be more than 0% and at most 100% (e.g. 30% or 0.3)\n');
      const noAmount = await icpBin(['learn', '--model', f.model, f.history, '-o', f.out, '--amount', '', '--what-if', '30% from A to B']);
      expect(noAmount.stderr).toBe('icp: --what-if needs the deal amount column to weigh what each group brought in: name it with --amount COLUMN\n');
      expect((await readdir(dir)).sort()).toEqual(['history.csv', 'model.csv']);
    });
  });
});
