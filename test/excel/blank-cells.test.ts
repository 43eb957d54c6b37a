// Excel desktop passes a blank cell to a custom function as 0, Excel on the web as null. These
// pin the policy of core/zeros.ts (docs/excel.md): where a 0 reads as blank, and the
// one place it cannot (columns read by number or yes/no rules), through functions.js as built.
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../core/index.ts';
import { ZERO_POLICY, numericColumns, zerosAsBlankByKind } from '../../core/zeros.ts';
import { readModel } from '../../core/index.ts';
import { type RowTuple, modelGrid } from '../fixtures/workbook.ts';
import { type ExcelRuntime, asExcelPasses, callExcel, loadFunctionsJs } from '../../support/fakes/excel-functions.ts';

let runtime: ExcelRuntime;
beforeAll(() => {
  runtime = loadFunctionsJs();
});

const HEADERS = [['Company', 'Industry', 'Employees', 'Open deals', 'Has RevOps', 'Website', 'Override']];
const web = (grid: unknown[][]) => asExcelPasses(grid, 'web');
const desktop = (grid: unknown[][]) => asExcelPasses(grid, 'desktop');

function model(rows: RowTuple[]): unknown[][] {
  return modelGrid([...rows, ['tier', 'Fit', '', '', 50], ['tier', 'Other', '', '', 0]]);
}

function score(values: unknown[][], rows: RowTuple[]): unknown[][] {
  return callExcel(runtime, 'SCORE', [values, HEADERS, desktop(model(rows))]) as unknown[][];
}

describe('a 0 from Excel desktop', () => {
  it('reads as blank in a column only text rules read: "is blank" matches it as it matches a blank on the web', () => {
    const rows: RowTuple[] = [
      ['criterion', 'No website', 'Website', 'is blank', '', 10],
      ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 10],
    ];
    const row = ['Acme', 'SaaS', 300, 1, 'yes', '', ''];
    // No website 10 + SaaS 10 = 20 of 20.
    expect(score(web([row]) as unknown[][], rows)).toEqual([[100]]);
    expect(score(desktop([row]) as unknown[][], rows)).toEqual([[100]]);
  });

  it('makes a row of zeros a blank row with a blank result, on every function that takes rows', () => {
    const rows: RowTuple[] = [['criterion', 'Size', 'Employees', 'at most', 500, 10]];
    const zeros = [[0, 0, 0, 0, 0, 0, 0]];
    expect(score(zeros, rows)).toEqual([['']]);
    expect(callExcel(runtime, 'TIER', [zeros, HEADERS, desktop(model(rows))])).toEqual([['']]);
    expect(callExcel(runtime, 'EXPLAIN', [zeros, HEADERS, desktop(model(rows))])).toEqual([['']]);
  });

  it('stays 0 in a column a number rule reads, so "at most" matches a blank there on desktop (the documented difference)', () => {
    const rows: RowTuple[] = [
      ['criterion', 'Small pipeline', 'Open deals', 'at most', 2, 10],
      ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 10],
    ];
    const blankDeals = ['Acme', 'SaaS', 300, '', 'yes', 'acme.com', ''];
    // Web: Open deals blank earns 0 → 10 of 20 = 50. Desktop: the blank arrives as 0, which is at most 2 → 100.
    expect(score(web([blankDeals]) as unknown[][], rows)).toEqual([[50]]);
    expect(score(desktop([blankDeals]) as unknown[][], rows)).toEqual([[100]]);
    // A typed 0 is 0 on both.
    const typedZero = [['Acme', 'SaaS', 300, 0, 'yes', 'acme.com', '']];
    expect(score(typedZero, rows)).toEqual([[100]]);
  });

  it('stays "no" in a column a yes/no rule reads (a 0/1 flag column)', () => {
    const rows: RowTuple[] = [['criterion', 'No RevOps', 'Has RevOps', 'is false', '', 10], ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 10]];
    expect(score([['Acme', 'SaaS', 300, 1, 0, 'acme.com', '']], rows)).toEqual([[100]]);
    expect(score([['Acme', 'SaaS', 300, 1, 1, 'acme.com', '']], rows)).toEqual([[50]]);
  });

  it('in the override column is no override: the computed score stands', () => {
    const rows: RowTuple[] = [['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 10], ['setting', 'override', '', '', 'Override']];
    expect(score(desktop([['Acme', 'SaaS', 300, 1, 'yes', 'acme.com', '']]) as unknown[][], rows)).toEqual([[100]]);
    expect(score([['Acme', 'SaaS', 300, 1, 'yes', 'acme.com', 40]], rows)).toEqual([[40]]);
  });

  it('keeps "missing = skip" skipping a blank text field on desktop', () => {
    const rows: RowTuple[] = [
      ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 10],
      ['criterion', 'Website', 'Website', 'contains any', 'io', 10],
      ['setting', 'missing', '', '', 'skip'],
    ];
    // Website blank is skipped: 10 of 10.
    expect(score(desktop([['Acme', 'SaaS', 300, 1, 'yes', '', '']]) as unknown[][], rows)).toEqual([[100]]);
  });

  it('in a won column is an open deal, left out of the win rate', () => {
    const tiers = [['Fit'], ['Fit'], ['Other']];
    const won = [['Won'], [0], ['Lost']];
    const table = callExcel(runtime, 'SUMMARY', [tiers, desktop(model([['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 10]])), won]) as unknown[][];
    // Fit: 2 accounts, 1 won, the other open → win rate 1 of 1.
    expect(table[1]).toEqual(['Fit', 2, 2 / 3, 1, 1, 0]);
  });

  it('in a job title reads as no title', () => {
    const personas = desktop(model([['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 10], ['persona', 'Buyer', '', 'contains any', 'CRO']]));
    expect(callExcel(runtime, 'PERSONA', [[['CRO'], [0]], personas])).toEqual([['Buyer'], ['']]);
  });
});

describe('the zero policy for ICP.BACKTEST', () => {
  it('keeps a score of 0 and reads a 0 in the tier column beside it as no tier', () => {
    const [scores] = zerosAsBlankByKind(['scores', 'outcomes', 'model'], [[[0, 0], [85, 'Priority']], [['Won'], ['Lost']], [['Kind']]]);
    expect(scores).toEqual([[0, null], [85, 'Priority']]);
  });
});

describe('the zero policy', () => {
  it('reads the zeros of each parameter by what it declares it reads, never by its name', () => {
    // The declarations say what each argument holds; the policy follows from that alone.
    const policies = Object.fromEntries(FUNCTIONS.flatMap((f) => f.parameters.map((p) => [`${f.id}.${p.name}`, ZERO_POLICY[p.reads]])));
    expect(policies).toMatchObject({
      'SCORE.values': 'values',
      'SCORE.headers': 'headers',
      'SCORE.model': 'model',
      'SCORE.dimensions': 'blank',
      'PERSONA.title': 'blank',
      'SUMMARY.tiers': 'blank',
      'SUMMARY.won': 'blank',
      'SUMMARY.amount': 'keep',
      'BACKTEST.scores': 'scores',
      'BACKTEST.amount': 'keep',
      'LIFT.values': 'values',
      'LIFT.won': 'blank',
    });
  });

  it('keeps 0 exactly in the columns that number or yes/no rules read', () => {
    const read = readModel(
      modelGrid([
        ['criterion', 'Size', 'Employees', 'between', '1-9', 5],
        ['criterion', 'Flag', 'has_revops', 'is true', '', 5],
        ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 5],
        ['exclude', 'Busy', 'Open deals', 'at least', 10],
        ['criterion', 'Site', 'Website', 'is not blank', '', 5],
      ]),
    );
    expect([...numericColumns(read, HEADERS[0]!)].sort()).toEqual([2, 3, 4]);
  });

  it('keeps 0 in a column that only an and row reads with a number rule, and reads an and row’s 0 Points as the blank it was', () => {
    const rows: RowTuple[] = [
      ['criterion', 'Quiet SaaS', 'Industry', 'is any of', 'SaaS', 10],
      ['and', '', 'Open deals', 'at most', 0],
    ];
    expect([...numericColumns(readModel(model(rows)), HEADERS[0]!)]).toEqual([3]);
    // A typed 0 open deals meets "at most 0" on both platforms; the and row's blank Points arrive as 0 on desktop.
    const row = ['Acme', 'SaaS', 300, 0, 'yes', 'acme.com', ''];
    expect(callExcel(runtime, 'SCORE', [web([row]), HEADERS, web(model(rows))])).toEqual([[100]]);
    expect(callExcel(runtime, 'SCORE', [desktop([row]), HEADERS, desktop(model(rows))])).toEqual([[100]]);
  });
});
