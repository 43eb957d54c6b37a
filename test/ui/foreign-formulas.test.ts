// Crossing hosts on the panel's side, in Node: the in-memory workbook's optional conversion
// methods, and the spelling of function names the panel shows per host.
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../core/index.ts';
import { EXCEL_DIALECT, SHEETS_DIALECT } from '../../workbook/sheet-layout.ts';
import { functionName } from '../../ui/foreign-formulas.ts';
import { MemoryHost } from '../../workbook/memory-host.ts';
import { failing } from '../workbook/faulty-port.ts';

const SHEETS: Record<string, string[][]> = { Leads: [['Company', 'Score', 'Tier']], Summary: [['Tier']], Notes: [['Note']] };

describe('the in-memory workbook crossing hosts', () => {
  it('finds the formulas in Excel spelling (it writes Sheets spelling), by cell and sheet', async () => {
    const host = new MemoryHost({
      sheets: SHEETS,
      formulas: {
        Leads: { B2: '=ICP.SCORE(A2:A, A1:A1, M!A:H)', C2: '=IF(ICP.TIER(A2:A, A1:A1, M!A:H)="x", ICP.SCORE(A2:A, A1:A1, M!A:H), 0)' },
        Summary: { A5: '=ICP_SUMMARY(Leads!C2:C, M!A:H)' },
        Notes: { A2: '="ICP.SCORE(" & A1', A3: '=ICP.EXPLAIN(A2:A, A1:A1, M!A:H)' },
      },
    });
    expect(await host.findForeignFormulas()).toEqual({ formulas: 3, sheets: ['Leads', 'Notes'] });
  });

  it('converts only those formulas, leaves cell values and other formulas, and converts once', async () => {
    const host = new MemoryHost({
      sheets: { Leads: [['Company', 'Score'], ['Acme', 85]] },
      formulas: { Leads: { B2: '=ICP.SCORE(A2:A, A1:A1, M!A:H)', C2: '=SUM(B2:B)', D2: '="ICP.SCORE("' } },
    });
    expect(await host.convertForeignFormulas()).toEqual({ formulas: 1, sheets: ['Leads'] });
    expect(host.formulas('Leads')).toEqual({ B2: '=ICP_SCORE(A2:A, A1:A1, M!A:H)', C2: '=SUM(B2:B)', D2: '="ICP.SCORE("' });
    expect(host.cells('Leads')).toEqual([['Company', 'Score'], ['Acme', 85]]);
    expect(await host.convertForeignFormulas()).toEqual({ formulas: 0, sheets: [] });
  });

  it('fails a conversion when told to, changing nothing', async () => {
    const host = new MemoryHost({ sheets: SHEETS, formulas: { Leads: { B2: '=ICP.SCORE(A2:A, A1:A1, M!A:H)' } } }, failing({ call: 'write', message: 'The workbook is read-only.' }));
    await expect(host.convertForeignFormulas()).rejects.toThrow('The workbook is read-only.');
    expect(host.formulas('Leads')).toEqual({ B2: '=ICP.SCORE(A2:A, A1:A1, M!A:H)' });
  });

  it('refuses formulas for a sheet it does not have, naming it', () => {
    expect(() => new MemoryHost({ sheets: SHEETS, formulas: { Laeds: { B2: '=ICP.SCORE(A1)' } } })).toThrow('There is no sheet named "Laeds" in this workbook');
  });
});

describe('function names as the panel spells them', () => {
  it.each(FUNCTIONS.map((f) => [f.id, f] as const))('%s: as the core declares it for Sheets and writes it for Excel', (_id, fn) => {
    expect(functionName('sheets', fn.id)).toBe(fn.sheetsName);
    expect(functionName('preview', fn.id)).toBe(SHEETS_DIALECT.functionName(fn.id));
    expect(functionName('excel', fn.id)).toBe(EXCEL_DIALECT.functionName(fn.id));
  });
});
