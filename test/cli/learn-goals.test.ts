import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gridToCsv } from '../../cli/learn.ts';
import { type Cell, type Model, presetGrid, readModel } from '../../core/index.ts';
import { csvRows, icpBin, withTempDir } from '../fixtures/cli/run.ts';
import { CHURN_SEGMENT, CUSTOMER_MODEL, CUSTOMER_TODAY, EXPANSION_SEGMENT, customerBase } from '../../support/learn/customers.ts';

async function files(dir: string, history: Cell[][], model: Cell[][] = CUSTOMER_MODEL) {
  const paths = { model: path.join(dir, 'model.csv'), history: path.join(dir, 'history.csv'), out: path.join(dir, 'suggested.csv'), report: path.join(dir, 'report.md') };
  await writeFile(paths.model, gridToCsv(model));
  await writeFile(paths.history, gridToCsv(history));
  return paths;
}

/** The rows a learned model added (its Dimension is "Found in history"), as Field, Kind, Value and Points. */
function foundRows(model: Model) {
  const found = model.entries.filter((e) => (e.kind === 'criterion' || e.kind === 'exclude') && e.dimension === 'Found in history');
  return found.map((e) => ({ field: e.field, kind: e.kind, value: String(e.value), points: e.kind === 'criterion' ? e.points : null, rule: e.rule }));
}

const planted = customerBase({ rows: 3_000, seed: 1 });

describe('icp learn --goal retained', () => {
  it('suggests excluding exactly the segment that churns, and says what the goal counted and left out', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir, planted);
      const ran = await icpBin(['learn', '--model', f.model, f.history, '-o', f.out, '--report', f.report, '--goal', 'retained', '--today', CUSTOMER_TODAY]);
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      expect(ran.stdout).toMatch(/^Columns: outcome "Outcome", amount "Amount", created "Created", closed "Closed", churned "Churned"\.\n/);
      expect(ran.stdout).toMatch(/\nGoal: retained\. [\d,]+ won accounts stayed \(read as not churned and closed at least 180 days before 2026-12-01\); [\d,]+ accounts did not \([\d,]+ lost, [\d,]+ churned\)\. \d+ won accounts left out: churn not known; \d+ too recent to judge\.\n/);
      expect(ran.stdout).toMatch(/\nSuggested: a model that ranks held-out accounts better by whether they stay/);
      const written = readModel(csvRows(await readFile(f.out, 'utf8')));
      const rows = foundRows(written);
      const note = written.exclusions.find((e) => String(e.value) === CHURN_SEGMENT)?.note;
      expect(note).toMatch(/^Found in history: churned or lost \d+% of the time against \d+% for the rest; \d+ judged accounts, stayed \d+% against \d+% for the rest and \d+% overall \(lift 0\.\d\d; they stay 0\.\d× as often as the rest\)/);
      // The one segment found is the churning industry, written as an exclusion (or negative points).
      expect(rows.filter((r) => r.kind === 'exclude' || (r.points ?? 0) < 0)).toEqual([expect.objectContaining({ field: 'Industry', value: CHURN_SEGMENT })]);
      expect(rows.every((r) => r.field === 'Industry' && r.value.includes(CHURN_SEGMENT))).toBe(true);
      const report = await readFile(f.report, 'utf8');
      expect(report).toContain('| Row | Kind | Name | Rule | Points | Status | Accounts | Retention rate | Rest |');
      expect(report).toContain('| Churned | whether the customer churned: known only after the deal was won');
    });
  });

  // The bench counts how many of 100 shuffled bases change the model (npm run bench -- learn); three here.
  it.each([1, 2, 3])('suggests nothing when the churn is noise (churned and ARR now shuffled among the won accounts, seed %i)', async (seed) => {
    await withTempDir(async (dir) => {
      const f = await files(dir, customerBase({ rows: 1_500, seed: 10 + seed, shuffleChurn: seed }));
      const ran = await icpBin(['learn', '--model', f.model, f.history, '-o', f.out, '--goal', 'retained', '--today', CUSTOMER_TODAY]);
      expect(ran.code).toBe(0);
      expect(ran.stdout).toMatch(/\nThe suggestion is the current model unchanged: /);
      expect(await readFile(f.out, 'utf8')).toBe(await readFile(f.model, 'utf8'));
    });
  });
});

describe('icp learn --goal expansion with the expansion preset', () => {
  it('learns which won accounts grow: the expanding industry gains points, and usage measured today is flagged', async () => {
    await withTempDir(async (dir) => {
      const f = await files(dir, planted, presetGrid('expansion'));
      const ran = await icpBin(['learn', '--model', f.model, f.history, '-o', f.out, '--goal', 'expansion', '--today', CUSTOMER_TODAY]);
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain('churned "Churned", ARR now "ARR now".');
      expect(ran.stdout).toMatch(/\nGoal: expansion\. Among won accounts with an amount and an ARR now, [\d,]+ accounts grew \(NRR, ARR now ÷ amount, above 100%\) and [\d,]+ did not; lost and open deals are left out\./);
      expect(ran.stdout).toMatch(/\nSuggested: a model that ranks held-out accounts better by whether they grow/);
      expect(ran.stdout).toMatch(/\nNote: "Weekly active users" looks measured after the outcome/);
      const rows = foundRows(readModel(csvRows(await readFile(f.out, 'utf8'))));
      expect(rows).toContainEqual(expect.objectContaining({ field: 'Industry', kind: 'criterion', value: EXPANSION_SEGMENT }));
      expect(rows.find((r) => r.value === EXPANSION_SEGMENT)!.points).toBeGreaterThan(0);
      // Nothing found in the preset's noise columns.
      expect(rows.every((r) => r.field === 'Industry')).toBe(true);
    });
  });
});

describe('icp learn --goal errors', () => {
  const drop = (names: string[]) => planted.map((row) => row.filter((_, c) => !names.includes(String(planted[0]![c]))));
  const cases: [string, Cell[][], string[], RegExp][] = [
    ['retained without a churned column', drop(['Churned']), ['--goal', 'retained'], /--goal retained needs the churned column, and the history file ".*" has none found by its name: name it with --churned COLUMN/],
    ['retained without a close date', planted, ['--goal', 'retained', '--closed', ''], /--goal retained needs the closed date column, to tell which won accounts have been customers 180 days, .* name it with --closed COLUMN, or give --min-tenure 0/],
    ['expansion without ARR now', drop(['ARR now']), ['--goal', 'expansion'], /--goal expansion needs the ARR now column, .* name it with --arr-now COLUMN/],
    ['expansion without an amount', planted, ['--goal', 'expansion', '--amount', ''], /--goal expansion needs the deal amount column, .* name it with --amount COLUMN/],
    ['a churned column that is not there', planted, ['--goal', 'retained', '--churned', 'Cancelled on'], /has no "Cancelled on" column for --churned; its headers are "Account"/],
    ['--weigh-by amount with another goal', planted, ['--goal', 'retained', '--weigh-by', 'amount'], /--weigh-by amount is --goal value, so it cannot go with --goal retained/],
    ['an unknown goal', planted, ['--goal', 'growth'], /--goal.*won, retained, value or expansion/],
    ['--min-tenure without the retained goal', planted, ['--min-tenure', '90'], /--min-tenure is for --goal retained/],
  ];
  it.each(cases)('%s', async (_, history, flags, message) => {
    await withTempDir(async (dir) => {
      const f = await files(dir, history.slice(0, 80));
      const ran = await icpBin(['learn', '--model', f.model, f.history, '-o', f.out, ...flags]);
      expect(ran.code).not.toBe(0);
      expect(ran.stderr).toMatch(message);
      expect(ran.stdout).toBe('');
    });
  });
});
