/**
 * Excel data types through the built functions.js: functions.json keeps
 * allowCustomDataForDataTypeAny, so a cell holding an entity, a formatted number or an image
 * reaches the function as an object; it must score as the value the cell shows.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPEC_EXAMPLE, SPEC_HEADERS, SPEC_PROSPECT, modelGrid } from '../fixtures/workbook.ts';
import { type ExcelRuntime, callExcel, loadFunctionsJs } from '../../support/fakes/excel-functions.ts';

let runtime: ExcelRuntime;
beforeAll(() => {
  runtime = loadFunctionsJs();
});

const MODEL = modelGrid(SPEC_EXAMPLE);
/** Excel.CellValue shapes, as the Excel JavaScript API documents them. */
const entity = (text: string) => ({ type: 'Entity', text, properties: { Ticker: { type: 'String', basicValue: 'X' } }, basicType: 'Error', basicValue: '#VALUE!' });
const linked = (text: string) => ({ type: 'LinkedEntity', text, id: { entityId: 'x', serviceId: 268 }, basicType: 'Error', basicValue: '#VALUE!' });
const formatted = (n: number) => ({ type: 'FormattedNumber', basicValue: n, basicType: 'Double', numberFormat: '#,##0' });

describe('Excel data types in the functions', () => {
  it('keeps allowCustomDataForDataTypeAny in functions.json (so these objects do arrive)', () => {
    expect(JSON.parse(readFileSync('dist/excel/functions.json', 'utf8')).allowCustomDataForDataTypeAny).toBe(true);
  });

  it('scores an entity as its text and a formatted number as its number, as the plain cells score', () => {
    // SPEC §6: 450 employees, SaaS, HubSpot; Gong, Series A, yes → 85, Priority.
    const plain = [SPEC_PROSPECT];
    const typed = [[formatted(450), entity('SaaS'), 'HubSpot; Gong', linked('Series A'), { type: 'Boolean', basicValue: true, basicType: 'Boolean' }]];
    expect(callExcel(runtime, 'SCORE', [plain, [SPEC_HEADERS], MODEL])).toEqual([[85]]);
    expect(callExcel(runtime, 'SCORE', [typed, [SPEC_HEADERS], MODEL])).toEqual([[85]]);
    expect(callExcel(runtime, 'TIER', [typed, [SPEC_HEADERS], MODEL])).toEqual([['Priority']]);
    const why = callExcel(runtime, 'EXPLAIN', [typed, [SPEC_HEADERS], MODEL]) as string[][];
    expect(why[0]![0]).not.toContain('[object Object]');
    expect(why[0]![0]).toContain('Industry: SaaS');
  });

  it('reads an error value or an image as unreadable, never as "[object Object]"', () => {
    const typed = [[450, { type: 'Error', errorType: 'NotAvailable', basicType: 'Error', basicValue: '#N/A' }, { type: 'WebImage', address: 'https://x/y.png', basicType: 'Error', basicValue: '#VALUE!' }, 'Series B', 'yes']];
    const why = callExcel(runtime, 'EXPLAIN', [typed, [SPEC_HEADERS], MODEL]) as string[][];
    expect(why[0]![0]).not.toContain('[object Object]');
    // 30 + 0 + 0 + 15 + 10 of 100.
    expect(callExcel(runtime, 'SCORE', [typed, [SPEC_HEADERS], MODEL])).toEqual([[55]]);
  });
});
