/**
 * `icp learn --report` carries the proof table (issue #20, item 2): for the current model and for
 * the model icp learn writes, each the table `icp proof` prints for that model file over the same
 * history, so what the report says the tiers mean is what the written model's tiers mean.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { icp, withTempDir } from '../fixtures/cli/run.ts';

const TODAY = ['--today', '2026-06-30'];

/** The proof table and headline under a "### label" heading of the report. */
function section(report: string, label: string): string {
  const start = report.indexOf(`### ${label}`);
  expect(start, `the report has a "${label}" proof`).toBeGreaterThanOrEqual(0);
  const body = report.slice(start).split('\n').slice(2);
  const end = body.findIndex((line, i) => i > 0 && line.startsWith('#'));
  return body.slice(0, end < 0 ? undefined : end).filter((line) => line !== '```').join('\n').trim();
}

/** What `icp proof` prints after its "Columns:" line: the table and the headline. */
async function proofOf(model: string): Promise<string> {
  const ran = await icp(['proof', '--model', model, 'samples/history.csv', ...TODAY]);
  expect(ran.code, ran.stderr).toBe(0);
  const text = ran.stdout.split('\n').slice(2).join('\n');
  return text.split('\nDrift signs:')[0]!.trim();
}

describe('icp learn --report: the proof by tier', () => {
  it('shows the current and the written model as icp proof shows each over the same history', async () => {
    await withTempDir(async (dir) => {
      const out = path.join(dir, 'learned.csv');
      const reportFile = path.join(dir, 'report.md');
      const ran = await icp(['learn', '--model', 'samples/model.csv', 'samples/history.csv', '-o', out, '--report', reportFile, '--no-progress', '--anyway', ...TODAY]);
      expect(ran.code, ran.stderr).toBe(0);
      const report = await readFile(reportFile, 'utf8');
      expect(report).toContain('## Proof by tier');
      expect(section(report, 'The current model')).toBe(await proofOf('samples/model.csv'));
      // With --anyway a model is written whatever the verdict: the suggestion when adopted, else the model tried.
      const written = /### (The suggested model \(written\)|The model tried, written as asked \(--anyway\))/.exec(report)?.[1];
      expect(written, 'the report has the written model\'s proof').toBeDefined();
      expect(section(report, written!)).toBe(await proofOf(out));
      expect(section(report, written!)).not.toBe(section(report, 'The current model'));
    });
  });
});
