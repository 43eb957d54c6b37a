import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cell, FUNCTIONS, bindModel, evaluateRow, isIcpError, readModel, roundScore, scoreRows } from '../../core/index.ts';
import { type RowTuple, modelGrid } from '../fixtures/workbook.ts';

const FIELDS = ['Employees', 'Industry', 'Stack', 'Funded', 'Last touch'];

/** Cells as CRM exports give them: numbers, messy text, ranges, yes/no, dates, errors, blanks. */
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom<Cell>('', null, '  ', '#N/A', 'yes', 'no', 'TRUE', 'x', 'SaaS', 'saas ', 'Retail', 'HubSpot; Gong',
    'Salesforce', 'Microsoft', '201-500', '$1.2M', '5,000+', 'lots', '2026-09-01', '2025-01-15', 'Series B'),
  fc.integer({ min: -1000, max: 100_000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.date({ min: new Date(2020, 0, 1), max: new Date(2030, 0, 1), noInvalidDate: false }),
  fc.string(),
);

const ruleRowArb: fc.Arbitrary<[string, Cell]> = fc.constantFrom<[string, Cell]>(
  ['between', '200-2000'], ['between', '$1M-$50M'], ['at least', 100], ['at most', '5k'], ['equals', 3],
  ['is any of', 'SaaS, Software'], ['is none of', 'Retail'], ['contains any', 'HubSpot, Salesforce'],
  ['contains all', 'Gong; HubSpot'], ['contains none', 'Microsoft'], ['is true', ''], ['is false', ''],
  ['is blank', ''], ['is not blank', ''], ['within days', 90], ['decays over days', 30],
);

const criterionArb = fc.record({
  name: fc.constantFrom('A', 'B', 'C', 'D'),
  field: fc.constantFrom(...FIELDS),
  rule: ruleRowArb,
  points: fc.integer({ min: -30, max: 60 }),
  dimension: fc.constantFrom('Fit', 'Intent', ''),
});

const modelArb = fc
  .record({
    criteria: fc.array(criterionArb, { minLength: 1, maxLength: 10 }),
    exclusions: fc.array(fc.record({ field: fc.constantFrom(...FIELDS), rule: ruleRowArb }), { maxLength: 2 }),
    missing: fc.constantFrom('zero', 'skip'),
    tiers: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { maxLength: 4 }),
  })
  .map(({ criteria, exclusions, missing, tiers }) => {
    const tuples: RowTuple[] = criteria.map((c) => ['criterion', c.name, c.field, c.rule[0], c.rule[1], c.points, c.dimension]);
    tuples.push(['criterion', 'Anchor', 'Industry', 'is any of', 'SaaS', 10]); // at least one positive
    exclusions.forEach((e, i) => tuples.push(['exclude', `X${i}`, e.field, e.rule[0], e.rule[1]]));
    tiers.forEach((min, i) => tuples.push(['tier', `T${i}`, '', '', min]));
    tuples.push(['setting', 'missing', '', '', missing], ['setting', 'as of', '', '', '2026-09-30']);
    return readModel(modelGrid(tuples));
  });

const rowsArb = fc.array(fc.array(cellArb, { minLength: FIELDS.length, maxLength: FIELDS.length }), { minLength: 1, maxLength: 30 });

describe('properties of scoring, over random models and rows', () => {
  it('a score is within 0–100, or blank only where the SPEC allows it', () => {
    fc.assert(
      fc.property(modelArb, rowsArb, (model, rows) => {
        const bound = bindModel(model, FIELDS);
        for (const row of rows) {
          const result = evaluateRow(bound, row);
          if (result.score === null) {
            const allBlank = row.every((c) => c === '' || c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
            expect(allBlank || model.settings.missing === 'skip').toBe(true);
          } else {
            expect(result.score).toBeGreaterThanOrEqual(0);
            expect(result.score).toBeLessThanOrEqual(100);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the explained points add up to the score exactly', () => {
    fc.assert(
      fc.property(modelArb, rowsArb, (model, rows) => {
        const bound = bindModel(model, FIELDS);
        for (const row of rows) {
          const result = evaluateRow(bound, row, true);
          if (result.blank || result.excludedBy) continue;
          const earned = result.criteria.reduce((sum, c) => sum + c.earned, 0);
          const possible = result.criteria.reduce((sum, c) => sum + c.possible, 0);
          expect(earned).toBe(result.earned);
          expect(possible).toBe(result.possible);
          const expected = possible > 0 ? roundScore(Math.min(100, Math.max(0, (100 * earned) / possible))) : null;
          expect(result.score).toBe(expected);
          // Each criterion earns at most its possible points, and a matched row's points are the model's.
          for (const c of result.criteria) expect(c.earned).toBeLessThanOrEqual(c.possible + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('row order changes nothing', () => {
    fc.assert(
      fc.property(modelArb, rowsArb, fc.integer(), (model, rows, seed) => {
        const bound = bindModel(model, FIELDS);
        const order = rows.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
        const shuffled = order.map((i) => rows[i]!);
        const direct = scoreRows(bound, rows);
        const viaShuffle = scoreRows(bindModel(model, FIELDS), shuffled);
        order.forEach((original, position) => expect(viaShuffle[position]).toBe(direct[original]));
      }),
      { numRuns: 200 },
    );
  });
});

describe('robustness of the spreadsheet functions', () => {
  const model = modelGrid([['criterion', 'A', 'Industry', 'is any of', 'SaaS', 10], ['tier', 'Top', '', '', 50]]);
  const anything = fc.oneof(
    fc.anything(),
    fc.array(fc.array(cellArb)),
    fc.array(cellArb),
    fc.constant(model),
    fc.array(fc.array(fc.anything(), { maxLength: 3 }), { maxLength: 3 }),
  );

  it('no input of any shape makes a function throw anything but its own named errors', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FUNCTIONS), fc.array(anything, { maxLength: 5 }), fc.boolean(), (fn, args, useModel) => {
        const callArgs = [...args];
        if (useModel) callArgs[fn.id === 'PERSONA' || fn.id === 'SUMMARY' ? 1 : 2] = model;
        try {
          const out = fn.run(callArgs, { serialDates: false });
          expect(Array.isArray(out)).toBe(true);
          for (const row of out) expect(Array.isArray(row)).toBe(true);
        } catch (error) {
          if (!isIcpError(error)) throw error;
          expect((error as Error).message).not.toMatch(/\n\s+at /); // a sentence, not a stack
        }
      }),
      { numRuns: 1000 },
    );
  });
});
