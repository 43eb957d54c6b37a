import { describe, expect, it } from 'vitest';
import { readModel, suggestHistoryColumns } from '../../../core/index.ts';
import { type DatedAccount, driftByQuarter } from '../../../core/learn/drift.ts';

const tiers = readModel([
  ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
  ['criterion', 'Size', 'Employees', 'at least', 100, 10],
  ['tier', 'Tier 1', '', '', 60, ''],
  ['tier', 'Tier 2', '', '', 30, ''],
]).tiers;

const day = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** `won` wins then `lost` losses in one tier, created on `created`, won deals closing after `cycle` days. */
function deals(tier: string, won: number, lost: number, created: string, cycle: number, amount = 1000): DatedAccount[] {
  return Array.from({ length: won + lost }, (_, i) => ({
    tier,
    outcome: i < won ? 1 : 0,
    amount: i < won ? amount : NaN,
    createdDay: day(created),
    closedDay: day(created) + cycle,
  }));
}

/** A steady quarter: Tier 1 wins 6 of 10, Tier 2 3 of 10 (45% overall), won deals close in 40 days. */
const steady = (created: string) => [...deals('Tier 1', 6, 4, created, 40), ...deals('Tier 2', 3, 7, created, 40)];

describe('drift by quarter of the created date', () => {
  const accounts = [
    ...steady('2024-02-01'),
    ...steady('2024-05-01'),
    ...steady('2024-08-01'),
    ...steady('2024-11-01'),
    // 2025 Q1: Tier 1 wins 2 of 10, Tier 2 4 of 10 (30% overall), won deals take 60 days.
    ...deals('Tier 1', 2, 8, '2025-02-01', 60),
    ...deals('Tier 2', 4, 6, '2025-02-01', 60),
    { tier: 'Tier 1', outcome: -1, amount: NaN, createdDay: day('2025-03-01'), closedDay: NaN },
    { tier: 'Tier 1', outcome: 1, amount: 5, createdDay: NaN, closedDay: NaN },
  ];
  const report = driftByQuarter(accounts, tiers, true);

  it('makes one row per quarter, oldest first, with its counts, win rate and median cycle', () => {
    expect(report.quarters.map((q) => q.quarter)).toEqual(['2024 Q1', '2024 Q2', '2024 Q3', '2024 Q4', '2025 Q1']);
    expect(report.quarters[0]).toMatchObject({ from: '2024-01-01', to: '2024-03-31', accounts: 20, won: 9, lost: 11, open: 0, winRate: 0.45, medianCycleDays: 40 });
    expect(report.quarters[4]).toMatchObject({ from: '2025-01-01', to: '2025-03-31', accounts: 21, won: 6, lost: 14, open: 1, winRate: 0.3, medianCycleDays: 60 });
    expect(report.undated).toBe(1);
  });

  it('shows each tier within a quarter, with revenue and average deal', () => {
    const tier1 = report.quarters[0]!.tiers.find((t) => t.tier === 'Tier 1')!;
    expect(tier1).toMatchObject({ accounts: 10, won: 6, lost: 4, winRate: 0.6, revenue: 6000, averageDeal: 1000 });
  });

  it('flags nothing while the quarters are steady', () => {
    for (const q of report.quarters.slice(0, 4)) expect(q.flags).toEqual([]);
  });

  it('flags the quarter where Tier 1 stops beating Tier 2, the win rate slides and cycles grow', () => {
    expect(report.quarters[4]!.flags).toEqual([
      { kind: 'tier order', message: 'Tier 1 won 20% of 10 decided, no better than Tier 2 at 40% of 10.' },
      { kind: 'win rate', message: 'Win rate 30% of 20 decided, down from 45% over the previous 4 quarters.' },
      { kind: 'cycle length', message: 'Median sales cycle 60 days over 6 won deals, up from 40 days over the previous 4 quarters.' },
    ]);
  });

  it('does not flag a small dip, or judge quarters with too few deals', () => {
    const dip = driftByQuarter([...steady('2024-02-01'), ...deals('Tier 1', 6, 4, '2024-05-01', 44), ...deals('Tier 2', 2, 8, '2024-05-01', 44)], tiers, false);
    // 40% against 45%: a drop of exactly 5 points is a slide; 8 of 20 is 40%. Cycle 44 against 40: +10%, not +15%.
    expect(dip.quarters[1]!.flags.map((f) => f.kind)).toEqual(['win rate']);
    const small = driftByQuarter([...steady('2024-02-01'), ...deals('Tier 1', 0, 4, '2024-05-01', 90), ...deals('Tier 2', 2, 2, '2024-05-01', 90)], tiers, false);
    expect(small.quarters[1]!.flags).toEqual([]);
  });
});

describe('suggesting history columns from headers', () => {
  it('finds the outcome, amount, created and closed columns by their usual names', () => {
    const headers = ['Account', 'Employees', 'Stage', 'Amount', 'Created Date', 'Close Date'];
    expect(suggestHistoryColumns(headers)).toEqual({
      outcome: { column: 2, header: 'Stage' },
      amount: { column: 3, header: 'Amount' },
      created: { column: 4, header: 'Created Date' },
      closed: { column: 5, header: 'Close Date' },
    });
  });

  it('prefers an exact name over one that merely contains a word, and gives each column one role', () => {
    const headers = ['Won amount', 'Deal status', 'Outcome', 'closed_on'];
    expect(suggestHistoryColumns(headers)).toEqual({
      outcome: { column: 2, header: 'Outcome' },
      amount: { column: 0, header: 'Won amount' },
      created: null,
      closed: { column: 3, header: 'closed_on' },
    });
  });

  it('never suggests a column the model reads as a Field', () => {
    const model = readModel([
      ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
      ['criterion', 'Status', 'Status', 'is any of', 'Active', 10],
    ]);
    expect(suggestHistoryColumns(['Status', 'Result'], model).outcome).toEqual({ column: 1, header: 'Result' });
    expect(suggestHistoryColumns(['Status'], model).outcome).toBeNull();
  });
});
