import { describe, expect, it } from 'vitest';
import { HISTORY_SHEET, type WireCell } from '../../workbook/host.ts';
import { MemoryHost, columnLetter, fingerprint } from '../../workbook/memory-host.ts';
import { failing } from '../workbook/faulty-port.ts';

const HEADER = ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note'];
const MODEL_V1: WireCell[][] = [
  HEADER,
  ['criterion', 'Company size', 'Employees', 'between', '200-2000', 30, 'Firmographics', ''],
  ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS, Software', 20, 'Firmographics', ''],
  ['tier', 'Priority', '', '', 70, '', '', ''],
  ['tier', 'Standard', '', '', 0, '', '', ''],
];
const MODEL_V2: WireCell[][] = MODEL_V1.map((row, i) => (i === 1 ? ['criterion', 'Company size', 'Employees', 'between', '200-2000', 40, 'Firmographics', ''] : row));
const PROSPECTS: WireCell[][] = [
  ['Company', 'Employee Count', 'Industry', 'Won?'],
  ['Acme', 450, 'SaaS', 'Closed Won'],
  ['Beta', 50, 'Retail', 'Closed Lost'],
  ['', '', '', ''],
  ['Gamma', 1000, 'Mining', ''],
];

function workbook(options: ConstructorParameters<typeof MemoryHost>[0] = {}, wrap?: ConstructorParameters<typeof MemoryHost>[1]) {
  return new MemoryHost({ sheets: { Prospects: PROSPECTS, 'ICP Model': MODEL_V1 }, active: 'Prospects', user: 'ana@example.com', ...options }, wrap);
}

describe('the in-memory host: saving the model', () => {
  it('saves over the version it read and keeps that version in the hidden history sheet', async () => {
    const host = workbook({ now: () => new Date('2026-03-01T10:00:00Z') });
    const read = await host.readModel('ICP Model');
    const result = await host.saveModel({ sheetName: 'ICP Model', rows: MODEL_V2, baseVersion: read!.version, note: 'Raise company size' });
    expect(result).toEqual({ ok: true, version: fingerprint(MODEL_V2) });
    expect(host.cells('ICP Model')).toEqual(MODEL_V2);
    expect(host.isHidden(HISTORY_SHEET)).toBe(true);
    const history = await host.listHistory('ICP Model');
    // `rows` counts the replaced version's model rows below its header, as every host does.
    expect(history).toEqual([{ id: '1', when: '2026-03-01T10:00:00.000Z', who: 'ana@example.com', note: 'Raise company size', rows: 4 }]);
    expect((await host.readHistory('ICP Model', '1')).rows).toEqual(MODEL_V1);
  });

  it('keeps every previous version, newest first, across several saves', async () => {
    const host = workbook();
    let version = (await host.readModel('ICP Model'))!.version;
    const versions = [MODEL_V2, MODEL_V1, MODEL_V2];
    for (const [i, rows] of versions.entries()) {
      const result = await host.saveModel({ sheetName: 'ICP Model', rows, baseVersion: version, note: `save ${i + 1}` });
      if (!result.ok) throw new Error('save refused');
      version = result.version;
    }
    const history = await host.listHistory('ICP Model');
    expect(history.map((h) => h.note)).toEqual(['save 3', 'save 2', 'save 1']);
    const replaced = await Promise.all(history.map((h) => host.readHistory('ICP Model', h.id)));
    // save 1 replaced V1, save 2 replaced V2, save 3 replaced V1 again.
    expect(replaced.map((s) => s.rows)).toEqual([MODEL_V1, MODEL_V2, MODEL_V1]);
  });

  it('refuses a save whose base version is not the sheet’s, writes nothing, and returns what the sheet holds', async () => {
    const host = workbook();
    const read = await host.readModel('ICP Model');
    host.setCell('ICP Model', 3, 6, 25); // someone edits Industry's points by hand
    const result = await host.saveModel({ sheetName: 'ICP Model', rows: MODEL_V2, baseVersion: read!.version, note: '' });
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'conflict') throw new Error('expected a conflict');
    expect(result.current.rows[2]![5]).toBe(25);
    expect(result.current.version).not.toBe(read!.version);
    expect(host.cells('ICP Model')![1]![5]).toBe(30);
    expect(await host.listHistory('ICP Model')).toEqual([]);
  });

  it('treats a null base version as "there is no sheet yet": creating works, overwriting an existing sheet conflicts', async () => {
    const fresh = new MemoryHost({ sheets: { Prospects: PROSPECTS } });
    expect(await fresh.readModel('ICP Model')).toBeNull();
    expect((await fresh.saveModel({ sheetName: 'ICP Model', rows: MODEL_V1, baseVersion: null, note: '' })).ok).toBe(true);
    expect(await fresh.listHistory('ICP Model')).toEqual([]);
    const again = await fresh.saveModel({ sheetName: 'ICP Model', rows: MODEL_V2, baseVersion: null, note: '' });
    expect(again.ok === false && again.reason).toBe('conflict');
  });

  it('leaves the model sheet and the history exactly as they were when the write fails half-way', async () => {
    const host = workbook({}, failing({ call: 'write', sheet: 'ICP Model', when: 'halfway', message: 'The connection dropped.' }));
    const read = await host.readModel('ICP Model');
    const result = await host.saveModel({ sheetName: 'ICP Model', rows: MODEL_V2, baseVersion: read!.version, note: 'x' });
    expect(result).toEqual({ ok: false, reason: 'error', message: 'The model could not be saved, so the sheet "ICP Model" was left as it was: The connection dropped.' });
    expect(host.cells('ICP Model')).toEqual(MODEL_V1);
    // The hidden history sheet made for this save stays, with no version in it, as on every host.
    expect(host.historyRows()).toEqual([]);
    expect((await host.readModel('ICP Model'))!.version).toBe(read!.version);
  });

  it('validates before writing: a model with a bad rule is refused with the core’s sentence naming the row', async () => {
    const host = workbook();
    const read = await host.readModel('ICP Model');
    const bad = MODEL_V1.map((row, i) => (i === 2 ? ['criterion', 'Industry', 'Industry', 'is anyof', 'SaaS', 20, '', ''] : row));
    const result = await host.saveModel({ sheetName: 'ICP Model', rows: bad, baseVersion: read!.version, note: '' });
    expect(result.ok === false && result.reason === 'error' && result.message).toMatch(/row 3: unknown rule "is anyof"/);
    expect(host.cells('ICP Model')).toEqual(MODEL_V1);
  });

  it('runs one save at a time: of two saves from the same version, the second conflicts', async () => {
    const host = workbook({ latencyMs: 5 });
    const read = await host.readModel('ICP Model');
    const [first, second] = await Promise.all([
      host.saveModel({ sheetName: 'ICP Model', rows: MODEL_V2, baseVersion: read!.version, note: 'a' }),
      host.saveModel({ sheetName: 'ICP Model', rows: MODEL_V1.slice(0, 4), baseVersion: read!.version, note: 'b' }),
    ]);
    expect(first.ok).toBe(true);
    expect(second.ok === false && second.reason).toBe('conflict');
  });
});

describe('the in-memory host: sheets, score columns and summaries', () => {
  it('describes the active sheet by its header row and the rows below it, to the last that holds anything', async () => {
    const host = new MemoryHost({ sheets: { Leads: [[], ['Name', 'Employees'], ['A', 1], [], ['B', 2]] } });
    expect(await host.activeSheet()).toEqual({ name: 'Leads', headerRow: 2, headers: ['Name', 'Employees'], dataRows: 3 });
    // A preview drops the blank rows it ends on, as every host does.
    expect(await host.readRows('Leads', 2)).toEqual({ headers: ['Name', 'Employees'], rows: [['A', 1]], icpColumns: [] });
  });

  it('lists only visible sheets (the history sheet is hidden)', async () => {
    const host = workbook();
    const read = await host.readModel('ICP Model');
    await host.saveModel({ sheetName: 'ICP Model', rows: MODEL_V2, baseVersion: read!.version, note: '' });
    expect((await host.listSheets()).map((s) => s.name)).toEqual(['Prospects', 'ICP Model']);
  });

  it('writes ICP Score, ICP Tier and ICP Why as one formula each, substituting the picked header for its Field', async () => {
    const host = workbook();
    const result = await host.insertScoreColumns({ sheetName: 'Prospects', headerRow: 1, modelSheet: 'ICP Model', fieldMap: { Employees: 'Employee Count' } });
    expect(result).toEqual({ columns: ['ICP Score', 'ICP Tier', 'ICP Why'], formulaCells: ['E2', 'F2', 'G2'] });
    const formulas = host.formulas('Prospects');
    expect(Object.keys(formulas)).toEqual(['E2', 'F2', 'G2']);
    expect(formulas.E2).toBe(`=ICP_SCORE(A2:D, {"Company", "Employees", "Industry", "Won?"}, 'ICP Model'!A:H)`);
    const cells = host.cells('Prospects')!;
    expect(cells[0]).toEqual(['Company', 'Employee Count', 'Industry', 'Won?', 'ICP Score', 'ICP Tier', 'ICP Why']);
    // Acme: 450 employees (30) + SaaS (20) = 50 of 50 → 100, Priority. Beta: 0 → Standard.
    // Gamma: 1000 employees (30), Mining (0) → 60, Standard. The blank row stays blank.
    expect(cells.slice(1).map((row) => [row[4], row[5]])).toEqual([[100, 'Priority'], [0, 'Standard'], ['', ''], [60, 'Standard']]);
  });

  it('scoring again reuses the ICP columns instead of adding more', async () => {
    const host = workbook();
    const request = { sheetName: 'Prospects', headerRow: 1, modelSheet: 'ICP Model', fieldMap: { Employees: 'Employee Count' } };
    await host.insertScoreColumns(request);
    const again = await host.insertScoreColumns(request);
    expect(again.formulaCells).toEqual(['E2', 'F2', 'G2']);
    expect(host.cells('Prospects')![0]).toHaveLength(7);
  });

  it('creates a titled, dated summary sheet with ICP_SUMMARY over the scored sheet and a chart', async () => {
    const host = workbook({ now: () => new Date('2026-03-01T10:00:00Z') });
    await host.insertScoreColumns({ sheetName: 'Prospects', headerRow: 1, modelSheet: 'ICP Model', fieldMap: { Employees: 'Employee Count' } });
    const { sheetName } = await host.createSummarySheet({
      scoredSheet: 'Prospects',
      tierColumn: 'ICP Tier',
      wonColumn: 'Won?',
      modelSheet: 'ICP Model',
      title: 'Q1 tiers',
    });
    expect(sheetName).toBe('Q1 tiers');
    const cells = host.cells(sheetName)!;
    expect(cells[0]).toEqual(['Q1 tiers']);
    expect(cells[1]).toEqual(['Created 2026-03-01 10:00 from the sheet "Prospects" and the model "ICP Model".']);
    // Priority: Acme (won). Standard: Beta (lost), Gamma (open) → 1 decided, 0 won.
    expect(cells[3]).toEqual(['Tier', 'Accounts', 'Share', 'Won', 'Win rate', 'Amount']);
    expect(cells.slice(4).map((row) => row.slice(0, 5))).toEqual([
      ['Priority', 1, 1 / 3, 1, 1],
      ['Standard', 2, 2 / 3, 0, 0],
      ['Excluded', 0, 0, 0, ''],
      ['Total', 3, 1, 1, 0.5],
    ]);
    expect(host.formulas(sheetName)).toEqual({ A4: `=ICP_SUMMARY('Prospects'!F2:F, 'ICP Model'!A:H, 'Prospects'!D2:D)` });
    expect(host.charts(sheetName)).toHaveLength(1);
  });

  it('names the missing column when the summary’s tier column is not on the sheet', async () => {
    const host = workbook();
    await expect(
      host.createSummarySheet({ scoredSheet: 'Prospects', tierColumn: 'ICP Tier', modelSheet: 'ICP Model', title: 'T' }),
    ).rejects.toThrow('The sheet "Prospects" has no "ICP Tier" column; its headers are "Company", "Employee Count", "Industry", "Won?". Score the sheet first, or pick another column.');
  });

  it('answers a call whose port call fails with that failure’s message', async () => {
    const host = workbook({}, failing({ call: 'sheets', message: 'Service unavailable.' }));
    await expect(host.listSheets()).rejects.toThrow('Service unavailable.');
  });

  it('spells columns as a sheet does', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
