// dist/excel/functions.js as Excel's shared runtime runs it: one script in a vm, with a stand-in
// for the CustomFunctions runtime. Driven by the same fixture table as the Sheets functions, on
// both of Excel's ways of passing a blank cell: null (Excel on the web) and 0 (desktop).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../core/index.ts';
import { FUNCTION_CALLS } from '../fixtures/function-calls.ts';
import { SPEC_EXAMPLE, modelGrid } from '../fixtures/workbook.ts';
import {
  CustomFunctionsError,
  type ExcelRuntime,
  type Platform,
  asExcelPasses,
  callExcel,
  loadFunctionsJs,
  serialOf,
} from '../../support/fakes/excel-functions.ts';

let runtime: ExcelRuntime;

beforeAll(() => {
  runtime = loadFunctionsJs();
});

/** The Excel id of a Sheets name: ICP_SCORE → SCORE. */
const idOf = (sheetsName: string) => FUNCTIONS.find((f) => f.sheetsName === sheetsName)!.id;

function errorOf(run: () => unknown): CustomFunctionsError {
  try {
    run();
  } catch (error) {
    return error as CustomFunctionsError;
  }
  throw new Error('expected the call to throw');
}

describe('functions.js registrations', () => {
  it('registers every declared function with CustomFunctions.associate, once, under its id', () => {
    expect([...runtime.registered.keys()].sort()).toEqual(FUNCTIONS.map((f) => f.id).sort());
  });

  it('registers exactly the ids that functions.json describes, with every parameter a matrix and every result a matrix', () => {
    const metadata = JSON.parse(readFileSync('dist/excel/functions.json', 'utf8')) as {
      functions: { id: string; name: string; parameters: { name: string; dimensionality: string; optional?: boolean }[]; result: { dimensionality: string } }[];
    };
    expect(metadata.functions.map((f) => f.id).sort()).toEqual([...runtime.registered.keys()].sort());
    for (const fn of FUNCTIONS) {
      const described = metadata.functions.find((f) => f.id === fn.id)!;
      expect(described.name).toBe(fn.id);
      expect(described.parameters.map((p) => [p.name, Boolean(p.optional)])).toEqual(fn.parameters.map((p) => [p.name, Boolean(p.optional)]));
      expect(described.parameters.every((p) => p.dimensionality === 'matrix')).toBe(true);
      expect(described.result.dimensionality).toBe('matrix');
    }
  });
});

describe.each(['web', 'desktop'] as Platform[])('the shared fixture table, blank cells passed as Excel on the %s passes them', (platform) => {
  it.each(FUNCTION_CALLS.map((c) => [c.title, c] as const))('%s', (_title, call) => {
    const args = call.args.map((arg) => asExcelPasses(arg, platform));
    const run = () => callExcel(runtime, idOf(call.name), args);
    if ('error' in call.expected) {
      const error = errorOf(run);
      // A CustomFunctions.Error: #VALUE! with the core's sentence in the cell's error menu.
      expect(error).toBeInstanceOf(CustomFunctionsError);
      expect(error.code).toBe('#VALUE!');
      expect(error.message).toMatch(call.expected.error);
      expect(error.message).not.toMatch(/\n\s+at /);
    } else {
      expect(run()).toEqual(call.expected);
    }
  });
});

describe('Excel specifics', () => {
  const headers = [['Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Last visit']];
  const base = [450, 'SaaS', 'HubSpot; Gong', 'Series A', 'yes'];
  const recent = modelGrid([...SPEC_EXAMPLE, ['criterion', 'Recent visit', 'Last visit', 'within days', 90, 15], ['setting', 'as of', '', '', '2026-09-30']]);

  it('reads date serials in a date rule (Excel passes dates as numbers)', () => {
    // 2026-08-15 is 46 days before as-of: 85 + 15 = 100 of 115 → 87.0; 2026-01-01 (272 days) earns nothing: 73.9.
    const values = [[...base, serialOf(new Date(2026, 7, 15))], [...base, serialOf(new Date(2026, 0, 1))]];
    expect(serialOf(new Date(2026, 7, 15))).toBe(46249);
    expect(callExcel(runtime, 'SCORE', [values, headers, recent])).toEqual([[87], [73.9]]);
  });

  it('reads a model whose "as of" is a date serial, as a date typed in Excel is', () => {
    const model = modelGrid([...SPEC_EXAMPLE, ['criterion', 'Recent visit', 'Last visit', 'within days', 90, 15], ['setting', 'as of', '', '', serialOf(new Date(2026, 8, 30))]]);
    expect(callExcel(runtime, 'SCORE', [[[...base, serialOf(new Date(2026, 7, 15))]], headers, model])).toEqual([[87]]);
  });

  it('returns "" for every blank result, never null (Excel shows null as 0)', () => {
    const rows = [[...base, null], [null, null, null, null, null, null], [0, 0, 0, 0, 0, 0]];
    const results = ['SCORE', 'TIER', 'EXPLAIN'].map((id) => callExcel(runtime, id, [rows, headers, recent]) as unknown[][]);
    for (const column of results) {
      expect(column[1]).toEqual(['']);
      expect(column[2]).toEqual(['']);
    }
    expect(results.flat(2).some((cell) => cell === null || cell === undefined)).toBe(false);
  });

  it('cuts a long error sentence at a word, ending with an ellipsis, to at most 255 characters', () => {
    const bad = modelGrid(Array.from({ length: 6 }, (_, i) => ['criterion', `Size ${i}`, 'Employees', 'betwen the two numbers written in the Value column', '1-9', 5] as const).map((r) => [...r]));
    const error = errorOf(() => callExcel(runtime, 'SCORE', [[[450]], [['Employees']], bad]));
    expect(error.message.length).toBeLessThanOrEqual(255);
    expect(error.message).toMatch(/^ICP model row 2: unknown rule "betwen the two numbers/);
    expect(error.message.endsWith('…')).toBe(true);
  });

  it('says which argument is missing when a required one is left out', () => {
    const error = errorOf(() => callExcel(runtime, 'SCORE', [[[450]]]));
    expect(error.message).toMatch(/^ICP\.SCORE needs its headers argument: The header row over those columns/);
  });

  it('gives one blank result per blank row of a long range, as a range past the data passes them', () => {
    const rows = [[...base, null], ...Array.from({ length: 500 }, () => [0, 0, 0, 0, 0, 0])];
    const column = callExcel(runtime, 'SCORE', [rows, headers, recent]) as unknown[][];
    expect(column).toHaveLength(501);
    expect(column.slice(1).every((row) => row[0] === '')).toBe(true);
  });
});
