import { describe, expect, it } from 'vitest';
import { type Cell, FUNCTIONS, findFunction, isIcpError } from '../../../core/index.ts';
import { LIFT_HEADERS, LIFT_MODEL, liftHistory } from '../../fixtures/learn/hand.ts';

const host = { serialDates: false, today: new Date(2026, 8, 30) };
const run = (name: string, args: unknown[]) => findFunction(name)!.run(args, host);
const column = (cells: Cell[]) => cells.map((c) => [c]);

function errorOf(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    expect(isIcpError(error)).toBe(true);
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('ICP_LIFT', () => {
  const { values, won } = liftHistory();

  it('counts won and lost accounts per model row, with win rates when matched and not, and the lift', () => {
    // Decided: 54, 25 won → overall 25/54. Open rows and the blank row are left out.
    // Size (A, B): 20 won 10 lost → 2/3; not (C, D, F): 5 won 19 lost → 5/24; lift (2/3)/(25/54) = 1.44.
    // CRM (A, C, F): 20 won 16 lost → 5/9; not (B, D): 5 won 13 lost → 5/18; lift (5/9)/(25/54) = 1.2; 18 not matched → thin.
    // Gambling (D): 0 won 8 lost; not: 25 won 21 lost → 25/46; lift 0; 8 matched → thin.
    const out = run('ICP_LIFT', [values, [LIFT_HEADERS], column(won), LIFT_MODEL]);
    expect(out[0]).toEqual(['Model row', 'Kind', 'Name', 'Rule', 'Value', 'Points', 'Won', 'Lost', 'Win rate if matched', 'Win rate if not', 'Lift', 'Evidence']);
    const [size, crm, gambling] = out.slice(1);
    expect(size!.slice(0, 8)).toEqual([2, 'criterion', 'Company size', 'between', '200-2000', 30, 20, 10]);
    expect(size![8]).toBeCloseTo(2 / 3, 12);
    expect(size![9]).toBeCloseTo(5 / 24, 12);
    expect(size![10]).toBeCloseTo(1.44, 12);
    expect(size![11]).toBe('ok');
    expect(crm!.slice(0, 8)).toEqual([3, 'criterion', 'CRM', 'contains any', 'Salesforce', 20, 20, 16]);
    expect(crm![8]).toBeCloseTo(5 / 9, 12);
    expect(crm![9]).toBeCloseTo(5 / 18, 12);
    expect(crm![10]).toBeCloseTo(1.2, 12);
    expect(crm![11]).toBe('thin: 36 matched, 18 not');
    expect(gambling!.slice(0, 9)).toEqual([4, 'exclude', 'Gambling', 'is any of', 'Gambling', '', 0, 8, 0]);
    expect(gambling![9]).toBeCloseTo(25 / 46, 12);
    expect(gambling![10]).toBe(0);
    expect(gambling![11]).toBe('thin: 8 matched, 46 not');
    expect(out).toHaveLength(4);
  });

  it('adds a note row naming outcome labels that were not known words', () => {
    const relabelled = won.map((w) => (w === 'Closed Lost' ? 'Churned' : w));
    const out = run('ICP_LIFT', [values, [LIFT_HEADERS], column(relabelled), LIFT_MODEL]);
    expect(out).toHaveLength(5);
    expect(out[4]![0]).toBe('Note');
    expect(out[4]![1]).toContain('"Churned" (29 rows) was read as lost');
    expect(out[4]).toHaveLength(12);
  });

  it('refuses fewer than 30 decided outcomes with the counts', () => {
    // The first 29 rows: all of A (15 won, 5 lost) and 9 of B (5 won, then 4 lost).
    const error = errorOf(() => run('ICP_LIFT', [values.slice(0, 29), [LIFT_HEADERS], column(won.slice(0, 29)), LIFT_MODEL]));
    expect(error.message).toContain('29 decided outcomes (20 won, 9 lost; 0 open or blank)');
  });

  it('says so when won does not cover the same rows as values', () => {
    const error = errorOf(() => run('ICP_LIFT', [values, [LIFT_HEADERS], column(won.slice(1)), LIFT_MODEL]));
    expect(error.message).toBe(`won has ${won.length - 1} cells but values has ${values.length}; select the same rows`);
  });
});

describe('ICP_BACKTEST', () => {
  // 10 scored 85 (8 won, 2 lost), 20 scored 40 (5 won, 15 lost), 2 open at 85, 2 blank scores.
  const scores: Cell[] = [...Array<Cell>(12).fill(85), ...Array<Cell>(20).fill(40), '', ''];
  const won: Cell[] = [
    ...Array<Cell>(8).fill('Won'), 'Lost', 'Lost', '', '',
    ...Array<Cell>(5).fill('Won'), ...Array<Cell>(15).fill('Lost'),
    'Won', 'Won',
  ];
  const amount: Cell[] = [...Array<Cell>(12).fill(1000), ...Array<Cell>(20).fill('$500'), 9999, 9999];

  it('tabulates each tier, Excluded, the total and the AUC', () => {
    // AUC: 13 × 17 = 221 pairs. Wins at 85: 8 × 15 beat the 40s = 120, 8 × 2 ties at 85 = 8;
    // wins at 40: 5 × 15 ties = 37.5. (120 + 8 + 37.5) / 221.
    const out = run('ICP_BACKTEST', [column(scores), column(won), LIFT_MODEL, column(amount)]);
    expect(out[5]![1]).toBeCloseTo(165.5 / 221, 12);
    out[5]![1] = 'checked';
    expect(out).toEqual([
      ['Tier', 'Accounts', 'Won', 'Lost', 'Win rate', 'Revenue', 'Share of wins'],
      ['Priority', 12, 8, 2, 0.8, 8000, 8 / 13],
      ['Standard', 20, 5, 15, 0.25, 2500, 5 / 13],
      ['Excluded', 0, 0, 0, '', 0, 0],
      ['Total', 32, 13, 17, 13 / 30, 10500, 1],
      ['AUC', 'checked', '', '', '', '', ''],
    ]);
  });

  it('leaves revenue blank without an amount, and counts the label Excluded as excluded and lowest', () => {
    const withExcluded = [...scores.slice(0, 32), 'Excluded', 'Excluded'];
    const wonExcluded = [...won.slice(0, 32), 'Lost', 'Lost'];
    const out = run('ICP_BACKTEST', [column(withExcluded), column(wonExcluded), LIFT_MODEL]);
    expect(out[3]).toEqual(['Excluded', 2, 0, 2, 0, '', 0]);
    expect(out[1]![5]).toBe('');
    // Two more lost accounts, below every score: each of the 13 wins beats both, 26 more pairs, out of 13 × 19.
    expect(out[5]![0]).toBe('AUC');
    expect(out[5]![1]).toBeCloseTo((165.5 + 26) / (13 * 19), 12);
  });

  it('puts scores below every tier minimum in a (no tier) row', () => {
    const model = LIFT_MODEL.filter((row) => row[1] !== 'Standard');
    const out = run('ICP_BACKTEST', [column(scores), column(won), model]);
    expect(out.map((r) => r[0])).toEqual(['Tier', 'Priority', '(no tier)', 'Excluded', 'Total', 'AUC']);
    expect(out[2]!.slice(0, 4)).toEqual(['(no tier)', 20, 5, 15]);
  });

  it('refuses a column with only wins, giving the counts', () => {
    const error = errorOf(() => run('ICP_BACKTEST', [column(scores), column(scores.map(() => 'Won')), LIFT_MODEL]));
    expect(error.message).toContain('32 decided outcomes (32 won, 0 lost; 0 open or blank): both wins and losses are needed, and there are no losses.');
  });
});

describe('the declarations', () => {
  it('declare ICP_BACKTEST and ICP_LIFT once each, with their arguments in order', () => {
    const names = (id: string) => FUNCTIONS.find((f) => f.id === id)!.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name));
    expect(names('BACKTEST')).toEqual(['scores', 'won', 'model', '[amount]']);
    expect(names('LIFT')).toEqual(['values', 'headers', 'won', 'model']);
    expect(FUNCTIONS.filter((f) => f.sheetsName === 'ICP_BACKTEST' || f.sheetsName === 'ICP_LIFT')).toHaveLength(2);
  });
});
