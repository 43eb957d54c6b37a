import { describe, expect, it } from 'vitest';
import { type Cell, bindModel, readModel, scoreRows } from '../../../core/index.ts';
import { learnFromHistory } from '../../../core/learner.ts';
import { runBacktest } from '../../../core/learn/functions.ts';
import { tierMinimums } from '../../../core/learn/tiers.ts';
import { topQuarter, verdictOf } from '../../../core/learn/validate.ts';
import { GUESS_MODEL, PLANTED_HEADERS, plantedHistory } from '../../../support/learn/planted.ts';

const COLUMNS = { outcome: 'Outcome', amount: 'Amount', created: 'Created', closed: 'Closed' };

describe('the verdict sentence', () => {
  const comparison = (difference: number, pValue: number) => ({ first: 0.7, second: 0.7 + difference, difference, standardError: 0.01, z: 0, pValue });

  it('calls a gain beyond chance but below the minimum what it is, not "within what chance gives"', () => {
    const { verdict, sentence } = verdictOf(comparison(0.012, 0.001), 5000);
    expect(verdict).toBe('no better');
    expect(sentence).toContain('the gain (+0.01) is beyond chance (one-sided p = 0.001) but below the 0.02 a change must bring; keep the current model.');
    expect(sentence).not.toContain('within what chance gives');
    // Not shown better: it is the model tried, not "the suggested model".
    expect(sentence).toMatch(/^On 5000 held-out accounts the tried model reaches an AUC of 0\.71 against 0\.70 for the current model: /);
  });

  it('says a large gain that chance could give is within chance, with its p-value', () => {
    const { verdict, sentence } = verdictOf(comparison(0.03, 0.2), 80);
    expect(verdict).toBe('no better');
    expect(sentence).toContain('the difference (+0.03, one-sided p = 0.200) is within what chance gives');
  });

  it('calls a large gain beyond chance better', () => {
    expect(verdictOf(comparison(0.05, 0.0001), 900).verdict).toBe('better');
  });

  it('does not call better a model that itself ranks no better than a coin toss (current 0.42 → 0.46 on noise)', () => {
    const { verdict, sentence } = verdictOf({ first: 0.42, second: 0.46, difference: 0.04, standardError: 0.015, z: 2.6, pValue: 0.005 }, 500, 0.9);
    expect(verdict).toBe('no better');
    expect(sentence).toContain('higher, but the suggested model itself does not rank deals better than a coin toss beyond chance (one-sided p = 0.900 against an AUC of 0.5)');
  });
});

describe('the best-scored quarter', () => {
  const won = Uint8Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 1 : 0));
  const rows = Int32Array.from({ length: 100 }, (_, i) => i);

  it('is a quarter of the accounts even when every score ties, with wins counted pro rata', () => {
    const quarter = topQuarter(rows, () => 50, won);
    expect(quarter.shareOfAccounts).toBe(0.25);
    expect(quarter.shareOfWins).toBeCloseTo(0.25, 12);
  });

  it('takes the accounts above the cut whole and shares the tied places', () => {
    // 10 accounts score 90 (all won: rows 0, 4, …, 36), the other 90 tie at 10.
    const rank = (i: number) => (i % 4 === 0 && i < 40 ? 90 : 10);
    const quarter = topQuarter(rows, rank, won);
    expect(quarter.shareOfAccounts).toBe(0.25);
    // 10 wins above the cut, then 15 of the 90 tied places holding 15 wins: 15 × 15/90 = 2.5.
    expect(quarter.shareOfWins).toBeCloseTo((10 + 2.5) / 25, 12);
  });
});

describe('refitting the tier minimums', () => {
  const model = readModel(GUESS_MODEL);

  it('puts 15–35% of accounts in the top tier, the fewest that still hold 60% of the wins, and says the bar is met', () => {
    // 1,000 accounts scored 0–99.9: 7 in 10 of the best 200 won (140), 1 in 10 of the others (80). The best
    // 190 (scores ≥ 81) hold 133 of the 220 wins, 60.5%; the best 180 hold 126, 57%.
    const n = 1000;
    const scores = Float64Array.from({ length: n }, (_, i) => (i * 100) / n);
    const won = Uint8Array.from({ length: n }, (_, i) => (i >= 800 ? (i % 10 < 7 ? 1 : 0) : i % 10 < 1 ? 1 : 0));
    const refit = tierMinimums(model.tiers, scores, new Uint8Array(n), won, Int32Array.from({ length: n }, (_, i) => i))!;
    expect(refit.shareOfAccounts).toBeGreaterThanOrEqual(0.15);
    expect(refit.shareOfAccounts).toBeLessThanOrEqual(0.35);
    expect(refit.to).toBe(81);
    expect(refit.reached).toBe(true);
    expect(refit.sentence).toBe('Tier 1 from 81: it holds 19% of the training deals and 60% of their wins, which meets the bar (the best 15–35% hold at least 60% of wins).');
    const minimum = (tier: string) => refit.minimums.find((m) => m.tier === tier)!.to;
    expect(minimum('Tier 1')).toBe(81);
    // Lower tiers keep their proportion (40 of 70) and order.
    expect(minimum('Tier 2')).toBe(Math.round((40 * 81) / 70));
    expect(minimum('Tier 3')).toBe(0);
  });

  it('says when no minimum can reach the bar because the scores bunch up', () => {
    const n = 200;
    const scores = Float64Array.from({ length: n }, (_, i) => (i < 120 ? 0 : 100));
    const won = Uint8Array.from({ length: n }, (_, i) => i % 2);
    const refit = tierMinimums(model.tiers, scores, new Uint8Array(n), won, Int32Array.from({ length: n }, (_, i) => i))!;
    expect(refit.reached).toBe(false);
    expect(refit.sentence).toMatch(/^No whole minimum puts 15–35% of the training deals in Tier 1 \(the scores bunch up\).*the bar cannot be reached\.$/);
  });
});

describe('value, not only wins', () => {
  // Manufacturing wins as often as any industry, but its deals are eight times larger.
  const { grid } = plantedHistory({ rows: 4_000, seed: 3 });
  const industry = PLANTED_HEADERS.indexOf('Industry');
  const amount = PLANTED_HEADERS.indexOf('Amount');
  const valued = grid.map((row, i) => (i > 0 && row[industry] === 'Manufacturing' && row[amount] !== '' ? row.map((c, k) => (k === amount ? (c as number) * 8 : c)) : row));
  const learn = (weighBy: 'wins' | 'amount') => {
    const r = learnFromHistory({ modelGrid: GUESS_MODEL, historyGrid: valued, columns: COLUMNS, options: { weighBy } });
    if (!r.ok) throw new Error(r.problem);
    return r;
  };

  it('finds a segment that wins big deals only when deals are weighed by amount', () => {
    const manufacturing = (weighBy: 'wins' | 'amount') => learn(weighBy).suggestion.rows.find((r) => r.origin === 'found' && r.value === 'Manufacturing');
    expect(manufacturing('wins')).toBeUndefined();
    const weighed = manufacturing('amount')!;
    expect(weighed.suggestedPoints ?? weighed.triedPoints!).toBeGreaterThan(0);
  });

  it('shows effort against revenue per segment: share of accounts worked against share of won revenue', () => {
    const report = learn('wins');
    const row = report.effort.find((r) => r.segment === 'Industry = Manufacturing')!;
    const rows = valued.slice(1);
    const mine = rows.filter((r) => r[industry] === 'Manufacturing');
    const revenue = (list: Cell[][]) => list.reduce((sum, r) => sum + (r[amount] === '' ? 0 : (r[amount] as number)), 0);
    expect(row.accounts).toBe(mine.length);
    expect(row.shareOfAccounts).toBeCloseTo(mine.length / rows.length, 12);
    expect(row.shareOfRevenue!).toBeCloseTo(revenue(mine) / revenue(rows), 12);
    expect(row.shareOfRevenue!).toBeGreaterThan(2 * row.shareOfAccounts);
  });

  it('refuses to weigh by amount without an amount column, in a sentence', () => {
    expect(() => learnFromHistory({ modelGrid: GUESS_MODEL, historyGrid: valued, columns: { outcome: 'Outcome' }, options: { weighBy: 'amount' } })).toThrow(
      /weighing deals by amount needs the amount column/,
    );
  });
});

describe('score stability, newest deals against older ones', () => {
  it('is reported for a time split, and flags a history whose newest deals come from another mix', () => {
    const { grid } = plantedHistory({ rows: 3_000, seed: 5 });
    const closed = PLANTED_HEADERS.indexOf('Closed');
    const industry = PLANTED_HEADERS.indexOf('Industry');
    const sorted = [grid[0]!, ...grid.slice(1).sort((a, b) => String(a[closed]).localeCompare(String(b[closed])))];
    const steady = learnFromHistory({ modelGrid: GUESS_MODEL, historyGrid: sorted, columns: COLUMNS });
    // The newest third of deals are all SaaS: the model scores them differently.
    const shifted = sorted.map((row, i) => (i > 2_000 ? row.map((c, k) => (k === industry ? 'SaaS' : c)) : row));
    const moved = learnFromHistory({ modelGrid: GUESS_MODEL, historyGrid: shifted, columns: COLUMNS });
    if (!steady.ok || !moved.ok) throw new Error('not learned');
    expect(steady.validation.stability!.reading).toBe('stable');
    expect(moved.validation.stability!.reading).toBe('shifted');
    expect(moved.validation.stability!.sentence).toMatch(/^Population stability index of the current scores, newest against older deals: \d\.\d\d — the newest deals score differently/);
    const kfold = learnFromHistory({ modelGrid: GUESS_MODEL, historyGrid: sorted, columns: { outcome: 'Outcome' } });
    expect(kfold.ok && kfold.validation.stability).toBeNull();
  });
});

describe('time rules: the Learn tab against ICP_BACKTEST (issue 13)', () => {
  // Deals that were touched within 30 days of being created win more; the model reads "Last touch within 30 days".
  const { grid: base } = plantedHistory({ rows: 1_500, seed: 4 });
  const created = PLANTED_HEADERS.indexOf('Created');
  const outcome = PLANTED_HEADERS.indexOf('Outcome');
  const grid = base.map((row, i) => {
    if (i === 0) return [...row, 'Last touch'];
    const day = Date.parse(`${row[created]}T00:00:00Z`);
    const gap = row[outcome] === 'Closed Won' ? (i * 7) % 40 : (i * 13) % 200;
    return [...row, new Date(day - gap * 86_400_000).toISOString().slice(0, 10)];
  });
  const model = [
    ...GUESS_MODEL.slice(0, 5),
    ['criterion', 'Recent touch', 'Last touch', 'within days', 30, 20, '', ''],
    ...GUESS_MODEL.slice(5),
    ['setting', 'as of', '', '', '2026-06-30', '', '', ''],
  ];
  const result = learnFromHistory({ modelGrid: model, historyGrid: grid, columns: COLUMNS });
  if (!result.ok) throw new Error(result.problem);

  it('gives, beside its own AUC, the AUC ICP_BACKTEST gives on the same held-out deals, and says why they differ', () => {
    const { backtest, description, current } = result.validation;
    expect(backtest).not.toBeNull();
    const cut = /closed before (\d{4}-\d\d-\d\d)/.exec(description)![1]!;
    const closed = PLANTED_HEADERS.indexOf('Closed');
    const held = grid.slice(1).filter((r) => String(r[closed]) >= cut);
    const scores = scoreRows(bindModel(readModel(model), grid[0]!), held);
    const table = runBacktest([scores.map((s) => [s]), held.map((r) => [r[outcome]]), model], { serialDates: false });
    const backtestAuc = table.find((r) => r[0] === 'AUC')![1] as number;
    expect(backtest!.auc).toBeCloseTo(backtestAuc, 12);
    expect(Math.abs(backtestAuc - current.auc!)).toBeGreaterThan(0.02);
    expect(backtest!.sentence).toBe(
      `Time rules are judged here as of each deal's created date (current AUC ${current.auc!.toFixed(2)}); ICP_BACKTEST and the Backtest sheet judge them as of the model's as of day (2026-06-30), which gives ${backtestAuc.toFixed(2)} on the same held-out deals.`,
    );
  });

  it('says nothing of the kind when the model has no time rule', () => {
    const plain = learnFromHistory({ modelGrid: GUESS_MODEL, historyGrid: grid, columns: COLUMNS });
    expect(plain.ok && plain.validation.backtest).toBeNull();
  });
});
