import { describe, expect, it } from 'vitest';
import { readModel } from '../../../core/index.ts';
import { capturedByTopTiers, meetsTarget, tierTable } from '../../../core/learn/tiers.ts';

const tiers = readModel([
  ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
  ['criterion', 'Size', 'Employees', 'at least', 100, 10],
  ['tier', 'A', '', '', 80, ''],
  ['tier', 'B', '', '', 50, ''],
  ['tier', 'C', '', '', 0, ''],
]).tiers;

/** `n` accounts in `tier`, the first `won` of them won and the rest lost. */
const accounts = (tier: string, n: number, won: number) =>
  Array.from({ length: n }, (_, i) => ({ tier, outcome: i < won ? 1 : 0, amount: i < won ? 100 : NaN }));

describe('wins captured by the top tiers', () => {
  it('adds up account and win shares from the top tier down', () => {
    // 100 accounts, 50 wins: A 20 accounts with 16 wins, B 30 with 19, C 50 with 15.
    const table = tierTable([...accounts('A', 20, 16), ...accounts('B', 30, 19), ...accounts('C', 50, 15)], tiers, true);
    const captured = capturedByTopTiers(table, tiers);
    expect(captured.map((c) => c.through)).toEqual(['A', 'B', 'C']);
    expect(captured[0]!.shareOfAccounts).toBeCloseTo(0.2, 12);
    expect(captured[0]!.shareOfWins).toBeCloseTo(16 / 50, 12);
    expect(captured[1]!.shareOfAccounts).toBeCloseTo(0.5, 12);
    expect(captured[1]!.shareOfWins).toBeCloseTo(35 / 50, 12);
    expect(captured[2]!.shareOfWins).toBeCloseTo(1, 12);
  });

  it('meets the target when some top tiers hold 15–35% of accounts and at least 60% of wins', () => {
    // Tier A: 30% of accounts, 30 of 50 wins = 60%.
    const good = tierTable([...accounts('A', 30, 30), ...accounts('B', 30, 10), ...accounts('C', 40, 10)], tiers, false);
    expect(meetsTarget(capturedByTopTiers(good, tiers))).toBe(true);
    // Tier A: 40% of accounts holds 80% of wins, but no top slice falls within 15–35%.
    const tooBroad = tierTable([...accounts('A', 40, 40), ...accounts('B', 30, 5), ...accounts('C', 30, 5)], tiers, false);
    expect(meetsTarget(capturedByTopTiers(tooBroad, tiers))).toBe(false);
    // Tier A: 20% of accounts with 50% of wins: not enough.
    const tooFew = tierTable([...accounts('A', 20, 25), ...accounts('B', 40, 15), ...accounts('C', 40, 10)], tiers, false);
    expect(meetsTarget(capturedByTopTiers(tooFew, tiers))).toBe(false);
  });

  it('counts revenue over won accounts only, and leaves it unknown without an amount column', () => {
    const rows = [...accounts('A', 4, 3), { tier: 'A', outcome: -1, amount: 999 }];
    expect(tierTable(rows, tiers, true)[0]).toMatchObject({ accounts: 5, won: 3, lost: 1, winRate: 0.75, revenue: 300, averageDeal: 100 });
    expect(tierTable(rows, tiers, false)[0]).toMatchObject({ revenue: null, averageDeal: null });
  });
});
