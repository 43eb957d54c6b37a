// `and` rows (SPEC §1): how the model reader groups them, every misplaced or malformed one it
// reports, and how scoring, sub-scores, explanations and the lift table honour them.
import { describe, expect, it } from 'vitest';
import { type Cell, ModelError, bindModel, evaluateRow, findFunction, readModel, writeModel } from '../../core/index.ts';
import { COMBINATION_CASES, SPEC_COMBINATIONS, caseModel } from '../fixtures/combinations.ts';
import { type RowTuple, SPEC_EXAMPLE, modelGrid } from '../fixtures/workbook.ts';

function issuesOf(tuples: RowTuple[]): ModelError['issues'] {
  try {
    readModel(modelGrid(tuples));
  } catch (error) {
    if (error instanceof ModelError) return error.issues;
    throw error;
  }
  throw new Error('the model was accepted');
}

const FINTECH: RowTuple[] = [
  ['criterion', 'Fintech in EMEA', 'Industry', 'is any of', 'Fintech', 20],
  ['and', '', 'Region', 'is any of', 'EMEA'],
];

describe('reading and rows', () => {
  it('gives each criterion band and exclusion the and rows under it, in order', () => {
    const model = readModel(caseModel(SPEC_COMBINATIONS));
    const [fintech, size] = model.criteria;
    expect(fintech!.bands[0]!.conditions.map((c) => [c.row, c.field, c.rule])).toEqual([[3, 'Region', 'is any of']]);
    expect(size!.bands[0]!.conditions).toEqual([]);
    expect(model.exclusions[0]!.conditions.map((c) => [c.row, c.field, c.rule, c.value])).toEqual([[6, 'Employees', 'at most', 50]]);
    // An and row adds nothing to the possible total and is no criterion of its own.
    expect(model.criteria.map((c) => [c.name, c.possible])).toEqual([['Fintech in EMEA', 20], ['Size', 20]]);
  });

  it('gives each band of a criterion its own and rows, across blank-Kind spacer rows and through earlier and rows', () => {
    const grid = modelGrid([
      ['criterion', 'Fit', 'Employees', 'between', '250-2500', 30],
      ['and', '', 'Revenue', 'between', '$50M-$500M'],
      ['', 'a comment', '', '', ''],
      ['and', '', 'Funding stage', 'is any of', 'Series B'],
      ['criterion', 'Fit', 'Employees', 'between', '100-250', 15],
      ['criterion', 'Fit', 'Employees', 'between', '2500-5000', 15],
      ['and', '', 'Region', 'is any of', 'EMEA', '', 'ignored dimension', 'a note may explain it'],
    ]);
    const [fit] = readModel(grid).criteria;
    expect(fit!.bands.map((b) => b.conditions.map((c) => c.row))).toEqual([[3, 5], [], [8]]);
    expect(fit!.dimension).toBe('');
  });

  it('reports an and row with nothing above it, or under a tier, persona or setting row, naming its row and what to do', () => {
    const issues = issuesOf([
      ['and', '', 'Region', 'is any of', 'EMEA'],
      ...SPEC_EXAMPLE,
      ['and', '', 'Region', 'is any of', 'EMEA'],
      ['persona', 'Buyer', 'Title', 'contains any', 'CRO'],
      ['and', '', 'Region', 'is any of', 'EMEA'],
      ['setting', 'missing', '', '', 'skip'],
      ['', '', '', '', ''],
      ['and', '', 'Region', 'is any of', 'EMEA'],
    ]);
    expect(issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['misplaced_condition', 2, 'Kind'],
      ['misplaced_condition', 10, 'Kind'],
      ['misplaced_condition', 12, 'Kind'],
      ['misplaced_condition', 15, 'Kind'],
    ]);
    expect(issues[0]!.message).toBe(
      'an "and" row narrows the criterion or exclude row above it, and there is none above it; move it directly under the criterion or exclude row it narrows, or delete it',
    );
    expect(issues[1]!.message).toContain('row 9 above it is a tier row; move it directly under the criterion or exclude row it narrows');
    expect(issues[2]!.message).toContain('row 11 above it is a persona row');
    expect(issues[3]!.message).toContain('row 13 above it is a setting row');
  });

  it('reports an and row with a Name, Points or the rule decays over days', () => {
    const issues = issuesOf([
      ...FINTECH,
      ['and', 'EMEA', 'Region', 'is any of', 'EMEA'],
      ['and', '', 'Region', 'is any of', 'EMEA', 5],
      ['and', '', 'Last touch', 'decays over days', 30],
    ]);
    expect(issues.map((i) => [i.code, i.row, i.column, i.value])).toEqual([
      ['condition_name', 4, 'Name', 'EMEA'],
      ['condition_points', 5, 'Points', '5'],
      ['condition_rule', 6, 'Rule', 'decays over days'],
    ]);
    expect(issues[0]!.message).toContain('clear the Name, or make the row a criterion or exclude row of its own');
    expect(issues[1]!.message).toContain('clear the Points');
    expect(issues[2]!.message).toContain('use "within days"');
  });

  it('reports the ordinary Field, Rule and Value problems of an and row', () => {
    const issues = issuesOf([
      ...FINTECH,
      ['and', '', '', 'is any of', 'EMEA'],
      ['and', '', 'Region', '', 'EMEA'],
      ['and', '', 'Region', 'is any off', 'EMEA'],
      ['and', '', 'Employees', 'between', 'many'],
    ]);
    expect(issues.map((i) => [i.code, i.row])).toEqual([
      ['missing_field', 4],
      ['missing_rule', 5],
      ['unknown_rule', 6],
      ['invalid_value', 7],
    ]);
    expect(issues[0]!.message).toBe('an "and" row needs a Field: the prospect column it reads');
    expect(issues[2]!.message).toContain('did you mean "is any of"?');
  });

  it('leaves an and row under a row with its own problem to that problem', () => {
    const issues = issuesOf([
      ['criterion', 'Fintech', 'Industry', 'is any off', 'Fintech', 20],
      ['and', '', 'Region', 'is any of', 'EMEA'],
      ['criterio', 'Typo', 'Industry', 'is any of', 'SaaS', 10],
      ['and', '', 'Region', 'is any of', 'EMEA'],
    ]);
    expect(issues.map((i) => [i.code, i.row])).toEqual([['unknown_rule', 2], ['unknown_kind', 4]]);
  });

  it('names a Field of an and row with no column when the model is bound', () => {
    const model = readModel(modelGrid(FINTECH));
    expect(() => bindModel(model, ['Industry', 'Regoin'])).toThrow(/^ICP model row 3: field "Region" is not a column here/);
  });

  it('writes each and row directly under its owner, spacer rows left out', () => {
    const grid = modelGrid([
      ['criterion', 'Fit', 'Employees', 'between', '250-2500', 30],
      ['', 'a comment', '', '', ''],
      ['and', '', 'Revenue', 'between', '$50M-$500M', '', '', 'why'],
      ['exclude', 'Tiny retailers', 'Industry', 'is any of', 'Retail'],
      ['and', '', 'Employees', 'at most', 50],
    ]);
    const written = writeModel(readModel(grid));
    expect(written.slice(1).map((row) => row.slice(0, 6))).toEqual([
      ['criterion', 'Fit', 'Employees', 'between', '250-2500', 30],
      ['and', '', 'Revenue', 'between', '$50M-$500M', ''],
      ['exclude', 'Tiny retailers', 'Industry', 'is any of', 'Retail', ''],
      ['and', '', 'Employees', 'at most', 50, ''],
    ]);
    expect(written[2]![7]).toBe('why');
    expect(readModel(written).criteria[0]!.bands[0]!.conditions).toHaveLength(1);
  });
});

describe('scoring and rows', () => {
  it.each(COMBINATION_CASES.map((c) => [c.title, c] as const))('%s', (_title, c) => {
    const bound = bindModel(readModel(caseModel(c)), c.headers, { today: new Date(2026, 8, 30) });
    const outcomes = c.rows.map((row) => {
      const r = evaluateRow(bound, row);
      return { score: r.score, tier: r.tier, excludedBy: r.excludedBy?.reason ?? '' };
    });
    expect(outcomes).toEqual(c.expected);
  });

  it('scores a dimension sub-score with the conditions of its criteria', () => {
    const model = readModel(modelGrid([
      ['criterion', 'Fintech in EMEA', 'Industry', 'is any of', 'Fintech', 20, 'Fit'],
      ['and', '', 'Region', 'is any of', 'EMEA', '', 'Intent'],
      ['criterion', 'Size', 'Employees', 'at least', 100, 20, 'Size'],
    ]));
    expect(model.dimensions).toEqual(['Fit', 'Size']);
    const fit = bindModel(model, ['Industry', 'Region', 'Employees'], { dimensions: ['Fit'] });
    expect(evaluateRow(fit, ['Fintech', 'EMEA', 5]).score).toBe(100);
    expect(evaluateRow(fit, ['Fintech', 'APAC', 500]).score).toBe(0);
  });

  it('chooses the best band among those whose conditions all match', () => {
    const bound = bindModel(readModel(modelGrid([
      ['criterion', 'Size', 'Employees', 'at least', 100, 30],
      ['and', '', 'Region', 'is any of', 'EMEA'],
      ['criterion', 'Size', 'Employees', 'at least', 100, 10],
      ['criterion', 'Size', 'Employees', 'at least', 100, 20],
      ['and', '', 'Region', 'is any of', 'APAC'],
    ])), ['Employees', 'Region']);
    expect([['500', 'EMEA'], ['500', 'APAC'], ['500', 'LATAM'], ['5', 'EMEA']].map((r) => evaluateRow(bound, r).earned)).toEqual([30, 20, 10, 0]);
  });
});

describe('ICP_LIFT with and rows', () => {
  it('counts an account as matching a row only when its conditions match too, and shows them with the Value', () => {
    // 40 accounts: Fintech in EMEA won 10 of 10; Fintech elsewhere won 0 of 10; others won 10 of 20.
    const values: Cell[][] = [];
    const won: Cell[][] = [];
    for (let i = 0; i < 40; i++) {
      const [industry, region, outcome] = i < 10 ? ['Fintech', 'EMEA', 'Won'] : i < 20 ? ['Fintech', 'APAC', 'Lost'] : ['SaaS', 'EMEA', i % 2 ? 'Won' : 'Lost'];
      values.push([industry, region]);
      won.push([outcome]);
    }
    const model = modelGrid([...FINTECH, ['criterion', 'Fintech', 'Industry', 'is any of', 'Fintech', 5]]);
    const out = findFunction('ICP_LIFT')!.run([values, [['Industry', 'Region']], won, model], { serialDates: false }) as Cell[][];
    // Model row, Kind, Name, Rule, Value, Points, Won, Lost, …
    expect(out[1]!.slice(0, 8)).toEqual([2, 'criterion', 'Fintech in EMEA', 'is any of', 'Fintech and Region is any of EMEA', 20, 10, 0]);
    expect(out[2]!.slice(0, 8)).toEqual([4, 'criterion', 'Fintech', 'is any of', 'Fintech', 5, 10, 10]);
    expect(out).toHaveLength(3);
  });
});
