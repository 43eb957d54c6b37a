/**
 * The proof table's parts the function fixtures (test/fixtures/function-calls.ts) do not reach:
 * how a churned cell reads, which headers are found as churned and ARR now, and the headline's
 * other sentences. Expectations are worked out by hand from issue #20's definitions.
 */
import { describe, expect, it } from 'vitest';
import { type Cell, proofTable, readChurned, readModel, suggestCustomerColumns, suggestWholeHistoryColumns } from '../../core/index.ts';
import { SPEC_EXAMPLE, modelGrid } from '../fixtures/workbook.ts';

const MODEL = readModel(modelGrid(SPEC_EXAMPLE));
const THREE_TIERS = readModel(modelGrid([...SPEC_EXAMPLE.filter((row) => row[0] !== 'tier'), ['tier', 'Gold', '', '', 80, ''], ['tier', 'Silver', '', '', 40, ''], ['tier', 'Bronze', '', '', 0, '']]));

describe('a churned cell', () => {
  it.each([
    ['yes', true], ['TRUE', true], [true, true], [1, true], ['1', true], ['Churned', true], [' cancelled ', true], ['Canceled', true],
    ['no', false], ['FALSE', false], [false, false], [0, false], ['0', false], ['Active', false], ['renewed', false],
    ['2025-03-01', true], [new Date(2025, 2, 1), true],
    ['', null], [null, null], ['#N/A', null], ['maybe', null], [45000, null],
  ] as [Cell, boolean | null][])('%j reads as %j', (cell, churned) => {
    expect(readChurned(cell)).toBe(churned);
  });

  it('is a date where the host passes dates as numbers (Excel): 45,000 is 2023-03-15, so churned', () => {
    expect(readChurned(45000, { serialDates: true })).toBe(true);
    expect(readChurned(0, { serialDates: true })).toBe(false);
  });
});

describe('the customer columns found by their header names', () => {
  it('finds Churned and ARR now, never a bare ARR, and never a column the model reads', () => {
    expect(suggestCustomerColumns(['Company', 'Churned', 'ARR now'])).toEqual({ churned: { column: 1, header: 'Churned' }, arrNow: { column: 2, header: 'ARR now' } });
    expect(suggestCustomerColumns(['Churn date', 'Current ARR'])).toEqual({ churned: { column: 0, header: 'Churn date' }, arrNow: { column: 1, header: 'Current ARR' } });
    expect(suggestCustomerColumns(['Cancellation reason', 'ARR'])).toEqual({ churned: { column: 0, header: 'Cancellation reason' }, arrNow: null });
    const reads = readModel(modelGrid([...SPEC_EXAMPLE, ['criterion', 'Churn risk', 'Churned', 'is true', '', 5]]));
    expect(suggestCustomerColumns(['Churned'], { model: reads }).churned).toBeNull();
  });

  it('beside the deal columns: each column has one role', () => {
    const found = suggestWholeHistoryColumns(['Account', 'Outcome', 'Amount', 'Created', 'Close date', 'Churned', 'ARR now']);
    expect(Object.fromEntries(Object.entries(found).map(([role, choice]) => [role, choice?.header ?? null]))).toEqual({
      outcome: 'Outcome', amount: 'Amount', created: 'Created', closed: 'Close date', churned: 'Churned', arrNow: 'ARR now',
    });
  });
});

/** `n` copies of each row. */
const times = (n: number, ...rows: Cell[][]): Cell[][] => Array.from({ length: n }, () => rows).flat();

function proofOf(rows: Cell[][], model = MODEL) {
  const column = (c: number) => (rows[0]!.length > c ? rows.map((row) => row[c]) : undefined);
  return proofTable(column(0)!, model, { won: column(1)!, amount: column(2), churned: column(3) });
}

describe('the headline', () => {
  it('compares what rests on enough deals and says what was left out and why', () => {
    // Priority: 40 decided, 20 won (amount 1,000 each) → 0.5; Standard: 30 decided, 6 won (500) → 0.2.
    // Win rate 0.5 / 0.2 = 2.5×; deal size left out: the rest has 6 won deals with an amount.
    const proof = proofOf([...times(20, ['Priority', 'Won', 1000], ['Priority', 'Lost', 1000]), ...times(6, ['Standard', 'Won', 500]), ...times(24, ['Standard', 'Lost', ''])]);
    expect(proof.headline).toBe(
      'Priority wins 2.5× as often as the rest. Left out, on too few deals: deal size (20 won deals with an amount in Priority, 6 in the rest; 20 are needed on each side).',
    );
  });

  it('says smaller, fewer and slower when the top tier does worse, and takes every other tier as the rest, Excluded left out', () => {
    // Gold: 30 won (amount 900, churned yes for 15, no for 15: 0.5) and 10 lost. Silver and Bronze: 20 won
    // each (amount 1,000; churned no for all but 4 in each → 8 of 40 = 0.2) and 20 lost each.
    // Excluded: 50 won, left out of the rest. Win rate 0.75 / 0.5 = 1.5×; deals 900 / 1,000 − 1 = −10%;
    // churn 0.5 against 0.2: 30 points fewer kept.
    const rows = [
      ...times(15, ['Gold', 'Won', 900, 'yes'], ['Gold', 'Won', 900, 'no']),
      ...times(10, ['Gold', 'Lost', '', '']),
      ...times(4, ['Silver', 'Won', 1000, 'yes'], ['Bronze', 'Won', 1000, 'yes']),
      ...times(16, ['Silver', 'Won', 1000, 'no'], ['Bronze', 'Won', 1000, 'no']),
      ...times(20, ['Silver', 'Lost', '', ''], ['Bronze', 'Lost', '', '']),
      ...times(50, ['Excluded', 'Won', 5, 'yes']),
    ];
    expect(proofOf(rows, THREE_TIERS).headline).toBe('Gold wins 1.5× as often as the rest, has 10% smaller deals and keeps 30 points fewer of its customers.');
  });

  it('says so when there is one tier, or none', () => {
    const single = readModel(modelGrid([...SPEC_EXAMPLE.filter((row) => row[0] !== 'tier'), ['tier', 'All', '', '', 0, '']]));
    expect(proofOf([['All', 'Won']], single).headline).toBe('All is the only tier: there is no other tier to compare it with.');
    const none = readModel(modelGrid(SPEC_EXAMPLE.filter((row) => row[0] !== 'tier')));
    expect(proofOf([['Excluded', 'Won']], none).headline).toBe('There are no tiers to compare.');
  });

  it('leaves NRR out without an ARR now column, even where churned accounts would count 0', () => {
    const proof = proofOf([['Priority', 'Won', 1000, 'yes']]);
    expect(proof.rows[0]).toMatchObject({ churnRate: 1, nrr: null });
  });
});
