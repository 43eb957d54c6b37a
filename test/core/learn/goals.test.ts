import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../core/errors.ts';
import { afterOutcomeHeaders, afterOutcomeWarning, goalOutcomes } from '../../../core/learn/goals.ts';
import { readAmounts, readDays } from '../../../core/learn/input.ts';
import { readOutcomeColumn } from '../../../core/learn/outcomes.ts';
import { type HistoryTable, tableFromGrid } from '../../../core/learn/table.ts';
import { GOAL_WORDS, foundEvidence } from '../../../core/learn/words.ts';
import { learnFromHistory } from '../../../core/learner.ts';
import { type Cell, readDay } from '../../../core/index.ts';
import { CUSTOMER_MODEL, customerBase } from '../../../support/learn/customers.ts';

const HEADERS = ['Account', 'Outcome', 'Amount', 'Closed', 'Churned', 'ARR now'];
const AS_OF = readDay('2026-12-01') as number;

function labels(goal: 'retained' | 'expansion', rows: Cell[][], minTenure = 180) {
  const history = tableFromGrid([HEADERS, ...rows]) as HistoryTable;
  const deals = readOutcomeColumn(history.columns[1]!).codes;
  return goalOutcomes({
    goal,
    history,
    deals,
    churned: 4,
    arrNow: 5,
    amounts: readAmounts(history, 2).values,
    closed: readDays(history, 3, false).values,
    asOf: AS_OF,
    minTenure,
    serialDates: false,
  });
}

describe('the retained goal', () => {
  // 2026-12-01 less 180 days is 2026-06-04: a won account that closed then or before can be judged.
  const rows: Cell[][] = [
    ['stayed', 'Won', 100, '2025-01-10', 'no', 120], // retained
    ['stayed, Active', 'Won', 100, '2026-06-04', 'Active', ''], // retained: 180 days exactly
    ['too recent', 'Won', 100, '2026-06-05', 'no', 100], // left out: 179 days
    ['churn blank', 'Won', 100, '2025-01-10', '', 90], // left out: churn not known
    ['churned yes', 'Won', 100, '2025-01-10', 'yes', ''], // against
    ['churn date', 'Won', 100, '2026-11-20', '2026-11-25', 0], // against, however recent
    ['lost', 'Lost', '', '2025-03-01', '', ''], // against
    ['open', '', '', '', '', ''], // left out, as an open deal (blank outcome) is
    ['no close date', 'Won', 100, '', 'no', 100], // left out: no close date
    ['churn unreadable', 'Won', 100, '2025-01-10', 'maybe', 100], // left out: churn not known
  ];

  it('counts a won account as retained only when read as not churned and 180 days a customer; lost and churned count against', () => {
    const { codes, reading } = labels('retained', rows);
    expect(Array.from(codes)).toEqual([1, 1, -1, -1, 0, 0, 0, -1, -1, -1]);
    expect(reading).toMatchObject({ positive: 2, negative: 3, churned: 2, unknown: 2, tooRecent: 1, noCloseDate: 1 });
    expect(reading.sentence).toBe(
      'Goal: retained. 2 won accounts stayed (read as not churned and closed at least 180 days before 2026-12-01); 3 accounts did not (1 lost, 2 churned). 2 won accounts left out: churn not known; 1 too recent to judge; 1 no close date.',
    );
  });

  it('judges every won account with a known churn when the tenure is 0, with or without a close date', () => {
    const { codes, reading } = labels('retained', rows, 0);
    expect(Array.from(codes)).toEqual([1, 1, 1, -1, 0, 0, 0, -1, 1, -1]);
    expect(reading.sentence).toContain('2 won accounts left out: churn not known.');
  });
});

describe('the expansion goal', () => {
  it('counts won accounts whose ARR now is above their amount; lost, open and unknown are left out', () => {
    const rows: Cell[][] = [
      ['grew', 'Won', 100, '2025-01-10', 'no', 120], // 1.2: for
      ['flat', 'Won', 100, '2025-01-10', 'no', 100], // 1.0: not above 1, against
      ['shrank', 'Won', 200, '2025-01-10', '', 150], // 0.75: against (churn not needed)
      ['churned, blank ARR', 'Won', 100, '2025-01-10', 'yes', ''], // 0: against
      ['blank ARR, not churned', 'Won', 100, '2025-01-10', 'no', ''], // left out
      ['no amount', 'Won', '', '2025-01-10', 'no', 150], // left out
      ['ARR text', 'Won', 100, '2025-01-10', 'no', 'n/a'], // left out
      ['lost', 'Lost', '', '2025-01-10', '', 300], // left out
      ['open', '', '', '', '', ''], // left out
    ];
    const { codes, reading } = labels('expansion', rows);
    expect(Array.from(codes)).toEqual([1, 0, 0, 0, -1, -1, -1, -1, -1]);
    expect(reading).toMatchObject({ positive: 1, negative: 3, unknown: 3 });
    expect(reading.sentence).toContain('3 won accounts left out: no amount or no ARR now.');
  });
});

describe('learning toward a goal', () => {
  const grid = customerBase({ rows: 400, seed: 3 });
  const columns = { outcome: 'Outcome', amount: 'Amount', created: 'Created', closed: 'Closed', churned: 'Churned', arrNow: 'ARR now' };
  const today = new Date(2026, 11, 1);

  it('refuses a goal whose column the history lacks, naming the column', () => {
    const base = { modelGrid: CUSTOMER_MODEL, historyGrid: grid, options: { today } };
    const without = (drop: Partial<typeof columns>) => ({ ...columns, ...Object.fromEntries(Object.keys(drop).map((k) => [k, null])) });
    const run = (goal: 'retained' | 'expansion' | 'value', cols: object) => () => learnFromHistory({ ...base, columns: cols as typeof columns, options: { today, goal } });
    expect(run('retained', without({ churned: '' }))).toThrow(new ShapeError('columns', 'learning toward retained needs the churned column (columns.churned)'));
    expect(run('retained', without({ closed: '' }))).toThrow(/needs the closed date column, to tell which won accounts have been customers 180 days \(columns\.closed, or minTenureDays 0\)/);
    expect(run('expansion', without({ arrNow: '' }))).toThrow(/learning toward expansion needs the ARR now column \(columns\.arrNow\)/);
    expect(run('expansion', without({ amount: '' }))).toThrow(/learning toward expansion needs the deal amount column \(columns\.amount\)/);
    expect(() => learnFromHistory({ ...base, columns, options: { today, goal: 'retained', weighBy: 'amount' } })).toThrow(/weighing deals by amount is the value goal/);
    expect(() => learnFromHistory({ ...base, columns: { ...columns, churned: 'Cancelled on' }, options: { today, goal: 'retained' } })).toThrow(/no "Cancelled on" column for the churned/);
  });

  it('reports what the goal counted and never learns from the churned or ARR now columns, whatever they are named', () => {
    const renamed = grid.map((row, i) => (i === 0 ? row.map((h) => (h === 'Churned' ? 'Left us' : h === 'ARR now' ? 'Revenue 2026' : h)) : row));
    const result = learnFromHistory({ modelGrid: CUSTOMER_MODEL, historyGrid: renamed, columns: { ...columns, churned: 'Left us', arrNow: 'Revenue 2026' }, options: { today, goal: 'expansion' } });
    if (!result.ok) throw new Error(result.problem);
    expect(result.settings.goal).toBe('expansion');
    expect(result.goal.sentence).toMatch(/^Goal: expansion\. Among won accounts with an amount and an ARR now, \d+ accounts grew/);
    expect(result.goal.positive + result.goal.negative).toBeLessThanOrEqual(result.outcomes.won);
    const left = result.leftOut.map((l) => l.header);
    expect(left).toEqual(expect.arrayContaining(['Left us', 'Revenue 2026']));
  });

  it('keeps the won goal as it was: the same report as leaving the goal out', () => {
    const plain = { modelGrid: CUSTOMER_MODEL, historyGrid: grid, columns: { outcome: 'Outcome', amount: 'Amount', created: 'Created', closed: 'Closed' } };
    const a = learnFromHistory({ ...plain, options: { today } });
    const b = learnFromHistory({ ...plain, options: { today, goal: 'won' } });
    expect(b).toEqual(a);
    const value = learnFromHistory({ ...plain, options: { today, goal: 'value' } });
    const weighed = learnFromHistory({ ...plain, options: { today, weighBy: 'amount' } });
    expect(value).toEqual(weighed);
  });
});

describe('the goal in words', () => {
  it('says a found segment of the retained goal stays so many times as often as the rest; the won wording is unchanged', () => {
    const stats = { accounts: 120, winRate: 0.54, restRate: 0.3, lift: 1.5 };
    expect(foundEvidence(stats, 0.36, 0.8, 0.2, GOAL_WORDS.retained)).toBe(
      '120 judged accounts, stayed 54% against 30% for the rest and 36% overall (lift 1.50; they stay 1.8× as often as the rest); effect +0.80 ± 0.20 log-odds next to the other rows',
    );
    expect(foundEvidence(stats, 0.36, 0.8, 0.2)).toBe('120 decided deals, won 54% against 30% for the rest and 36% overall (lift 1.50); effect +0.80 ± 0.20 log-odds next to the other rows');
  });

  it('warns about learned columns that look measured after the outcome, for the customer goals only', () => {
    expect(afterOutcomeHeaders(['Industry', 'Weekly active users', 'Product usage', 'NPS', 'Health score', 'Seats now', 'Employees', 'Healthcare vertical', 'Region'])).toEqual([
      'Weekly active users',
      'Product usage',
      'NPS',
      'Health score',
      'Seats now',
    ]);
    expect(afterOutcomeWarning('won', ['Product usage'])).toBeNull();
    expect(afterOutcomeWarning('retained', ['Industry'])).toBeNull();
    expect(afterOutcomeWarning('retained', ['Product usage'])).toMatch(/^"Product usage" looks measured after the outcome .*learning toward retained from it/);
  });
});
