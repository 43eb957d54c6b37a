/**
 * The ICP functions inside HyperFormula (preview/plugin.ts): real formulas in a real formula
 * engine, their results worked out by hand from the SPEC's B2B SaaS example (SPEC §6).
 */
import { type CellValue, DetailedCellError, HyperFormula, type RawCellContent } from 'hyperformula';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, presetGrid } from '../../core/index.ts';
import { toRawContent } from '../../preview/cells.ts';
import { registerIcpFunctions } from '../../preview/plugin.ts';
import { ENGINE_CONFIG } from '../../preview/workbook.ts';
import type { WireCell } from '../../workbook/host.ts';

// B2B SaaS: size 200–2000 = 30, industry 20, CRM 25, funding 15, RevOps 10; Priority ≥ 70, Standard ≥ 0.
const MODEL = presetGrid('b2b-saas') as WireCell[][];
const PROSPECTS: WireCell[][] = [
  ['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Outcome', 'Amount'],
  ['Acme', 450, 'SaaS', 'HubSpot; Gong', 'Series A', 'yes', 'Closed Won', 100], //  30+20+25+0+10 = 85
  ['Beta', 450, 'SaaS', 'HubSpot; Gong', '', 'yes', 'Closed Lost', 200], //       funding blank: still 85
  ['Cato', 50, 'Retail', 'Zoho', 'Seed', 'no', 'Won', 300], //                    nothing matches: 0
  ['', '', '', '', '', '', '', ''], //                                              blank row: blank results
  ['Dune', '201-500', 'software', 'Salesforce, Outreach', 'series c', 'x', '', 400], // 30+20+25+15+10 = 100
  ['Echo', '1,200', 'Mining', '', 'PE-backed', 'maybe', 'Closed Lost', 500], //      30+0+0+15+0 = 45
];
const SCORE = "=ICP_SCORE(Prospects!A2:F7, Prospects!A1:F1, 'ICP Model'!A1:H20)";

let engine: HyperFormula | undefined;

function build(sheets: Record<string, RawCellContent[][]>): HyperFormula {
  engine = HyperFormula.buildFromSheets(sheets, ENGINE_CONFIG);
  return engine;
}

function workbook(formulas: RawCellContent[][], model: WireCell[][] = MODEL, prospects: WireCell[][] = PROSPECTS): HyperFormula {
  const raw = (cells: WireCell[][]) => cells.map((row) => row.map(toRawContent));
  return build({ Prospects: raw(prospects), 'ICP Model': raw(model), Out: formulas });
}

/** Column `col` of the Out sheet, rows 0..n-1. */
function column(hf: HyperFormula, col: number, n: number): CellValue[] {
  const sheet = hf.getSheetId('Out')!;
  return Array.from({ length: n }, (_, row) => hf.getCellValue({ sheet, row, col }));
}

function cell(hf: HyperFormula, row: number, col: number): CellValue {
  return hf.getCellValue({ sheet: hf.getSheetId('Out')!, row, col });
}

beforeAll(() => registerIcpFunctions());
afterEach(() => {
  engine?.destroy();
  engine = undefined;
});

describe('the ICP function plugin', () => {
  it('registers every declared function under its Sheets name and its Excel name', () => {
    const names = HyperFormula.getRegisteredFunctionNames('enGB');
    for (const fn of FUNCTIONS) {
      expect(names).toContain(fn.sheetsName);
      expect(names).toContain(`ICP.${fn.id}`);
    }
  });

  it('is registered once however often the preview asks', () => {
    expect(() => registerIcpFunctions()).not.toThrow();
  });

  it('spills one score per prospect row from a single ICP_SCORE formula, blank for the blank row', () => {
    const hf = workbook([[SCORE]]);
    expect(column(hf, 0, 6)).toEqual([85, 85, 0, null, 100, 45]);
    expect(hf.getCellFormula({ sheet: hf.getSheetId('Out')!, row: 0, col: 0 })).toBe(SCORE);
  });

  it('answers to the Excel spelling ICP.SCORE with the same numbers', () => {
    const hf = workbook([[SCORE.replace('ICP_SCORE', 'ICP.SCORE')]]);
    expect(column(hf, 0, 6)).toEqual([85, 85, 0, null, 100, 45]);
  });

  it('gives tier labels with ICP_TIER', () => {
    const hf = workbook([[SCORE.replace('ICP_SCORE', 'ICP_TIER')]]);
    expect(column(hf, 0, 6)).toEqual(['Priority', 'Priority', 'Standard', null, 'Priority', 'Standard']);
  });

  it('scores one dimension alone when ICP_SCORE is given dimensions', () => {
    // Firmographics: size 30 + industry 20 = 50 possible.
    const hf = workbook([[SCORE.replace(')', ', "Firmographics")')]]);
    expect(column(hf, 0, 6)).toEqual([100, 100, 0, null, 100, 60]);
  });

  it('explains each row with ICP_EXPLAIN, as the core explains the same cells', () => {
    const hf = workbook([[SCORE.replace('ICP_SCORE', 'ICP_EXPLAIN')]]);
    const explain = FUNCTIONS.find((f) => f.id === 'EXPLAIN')!;
    const direct = explain.run([PROSPECTS.slice(1), [PROSPECTS[0]], MODEL], { serialDates: false }).map((row) => row[0]);
    expect(column(hf, 0, 6)).toEqual(direct.map((text) => (text === '' ? null : text)));
    expect(String(cell(hf, 0, 0))).toMatch(/^85 \(Priority\) = 85\/100 points: Company size 30\/30 \(Employees: 450\)/);
    expect(String(cell(hf, 5, 0))).toContain('Has RevOps');
  });

  it('names the persona of each title with ICP_PERSONA', () => {
    const titles: WireCell[][] = [['Title'], ['VP Sales'], ['Salesforce Admin'], ['Office Manager']];
    const hf = workbook([["=ICP_PERSONA(Prospects!A2:A4, 'ICP Model'!A1:H30)"]], presetGrid('tiered') as WireCell[][], titles);
    expect(column(hf, 0, 3)).toEqual(['Economic Buyer', 'Technical Evaluator', null]);
  });

  it('tables the tiers with ICP_SUMMARY over the ICP_TIER column, counting wins and won amounts', () => {
    const hf = workbook([
      [SCORE.replace('ICP_SCORE', 'ICP_TIER'), "=ICP_SUMMARY(A1:A6, 'ICP Model'!A1:H20, Prospects!G2:G7, Prospects!H2:H7)"],
    ]);
    const sheet = hf.getSheetId('Out')!;
    const table = Array.from({ length: 6 }, (_, row) => Array.from({ length: 6 }, (_, col) => hf.getCellValue({ sheet, row, col: col + 1 })));
    // Priority: Acme won, Beta lost, Dune open. Standard: Cato won, Echo lost. The blank row is no account.
    expect(table).toEqual([
      ['Tier', 'Accounts', 'Share', 'Won', 'Win rate', 'Amount'],
      ['Priority', 3, 0.6, 1, 0.5, 100],
      ['Standard', 2, 0.4, 1, 0.5, 300],
      ['Excluded', 0, 0, 0, null, 0],
      ['Total', 5, 1, 2, 0.5, 400],
      [null, null, null, null, null, null],
    ]);
  });

  it('returns a model error as #VALUE! carrying the core sentence that names the row and the rule', () => {
    const broken = MODEL.map((row) => [...row]);
    broken[2]![3] = 'betwen';
    const hf = workbook([[SCORE]], broken);
    const value = cell(hf, 0, 0);
    expect(value).toBeInstanceOf(DetailedCellError);
    expect((value as DetailedCellError).value).toBe('#VALUE!');
    expect((value as DetailedCellError).message).toContain('row 3');
    expect((value as DetailedCellError).message).toContain('unknown rule "betwen"');
  });

  it('returns a shape error naming the headers when they are narrower than the values', () => {
    const hf = workbook([[SCORE.replace('A1:F1', 'A1:E1')]]);
    const value = cell(hf, 0, 0) as DetailedCellError;
    expect(value.value).toBe('#VALUE!');
    expect(value.message).toContain('headers is 5 columns wide but values is 6');
  });

  it('reads a date the engine parsed (30/09/2026) as a date, like an ISO date written as text', () => {
    const model: WireCell[][] = [
      ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
      ['criterion', 'Recent touch', 'Last touch', 'within days', 30, 10],
      ['setting', 'as of', '', '', '2026-09-30', ''],
    ];
    const prospects: RawCellContent[][] = [['Last touch'], ['15/09/2026'], ['2026-09-20'], ['2026-06-01']];
    const hf = build({ Prospects: prospects, 'ICP Model': model.map((r) => r.map(toRawContent)), Out: [["=ICP_SCORE(Prospects!A2:A4, Prospects!A1:A1, 'ICP Model'!A1:F3)"]] });
    expect(hf.getCellValueDetailedType({ sheet: hf.getSheetId('Prospects')!, row: 1, col: 0 })).toBe('NUMBER_DATE');
    expect(column(hf, 0, 3)).toEqual([100, 100, 0]);
  });

  it('recalculates every score when a weight in the model sheet changes', () => {
    const hf = workbook([[SCORE]]);
    // Company size 30 → 60: possible 60+20+25+15+10 = 130; Acme earns 60+20+25+10 = 115 → 88.5.
    hf.setCellContents({ sheet: hf.getSheetId('ICP Model')!, row: 1, col: 5 }, 60);
    expect(column(hf, 0, 6)).toEqual([88.5, 88.5, 0, null, 100, 57.7]);
  });

  it('recalculates a row when one of its cells changes', () => {
    const hf = workbook([[SCORE]]);
    hf.setCellContents({ sheet: hf.getSheetId('Prospects')!, row: 3, col: 2 }, 'SaaS');
    expect(cell(hf, 2, 0)).toBe(20);
  });
});
