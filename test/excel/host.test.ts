// The Excel Host (excel-addin/excel-host.ts) over an in-memory workbook behind Excel.run, built on
// office-addin-mock (test/fakes/excel-workbook.ts): reading a property that was not loaded fails,
// changes apply at sync, a sync can fail half-way.
import { describe, expect, it } from 'vitest';
import { HISTORY_CHUNK, encodeHistoryRow } from '../../workbook/history-sheet.ts';
import { presetGrid } from '../../core/index.ts';
import { excelHost } from '../../excel-addin/excel-host.ts';
import type { ModelSnapshot, SaveResult, WireCell } from '../../workbook/host.ts';
import { SPEC_EXAMPLE, modelGrid } from '../fixtures/workbook.ts';
import { type ExcelValue, FakeExcelWorkbook } from '../fakes/excel-workbook.ts';
import { serialOf } from '../../support/fakes/excel-functions.ts';

const MODEL = 'ICP Model';
const HISTORY = 'ICP Model History';
const PROSPECTS: ExcelValue[][] = [
  ['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Stage', 'Amount'],
  ['Acme', 450, 'SaaS', 'HubSpot; Gong', 'Series A', 'yes', 'Closed Won', 50000],
  ['Beta', '', 'Retail', 'Zoho', 'Seed', '', 'Closed Lost', 10000],
  ['Cato', 1200, 'Software', 'Salesforce', 'Series C', 'no', '', 30000],
];
const spec = () => modelGrid(SPEC_EXAMPLE) as ExcelValue[][];

function setup(sheets: Record<string, ExcelValue[][]> = { Prospects: PROSPECTS, [MODEL]: spec() }) {
  const book = new FakeExcelWorkbook(sheets, 'Prospects' in sheets ? 'Prospects' : undefined);
  let n = 0;
  const host = excelHost({ run: book.run, now: () => new Date('2026-09-30T12:34:00Z'), newId: () => `v${++n}` });
  return { book, host };
}

function ok(result: SaveResult): { ok: true; version: string } {
  if (!result.ok) throw new Error(`save failed: ${JSON.stringify(result)}`);
  return result;
}

describe('the model sheet', () => {
  it('reads as rows, and as null when there is no such sheet', async () => {
    const { host } = setup({ Prospects: PROSPECTS });
    expect(await host.readModel(MODEL)).toBeNull();
    const { host: withModel } = setup();
    const snapshot = (await withModel.readModel(MODEL))!;
    expect(snapshot.rows).toEqual(modelGrid(SPEC_EXAMPLE));
    expect(snapshot.version).toBe((await withModel.readModel(MODEL))!.version);
  });

  it('sends a date cell as ISO text, the way Sheets sends its dates', async () => {
    const { book, host } = setup();
    book.setCell(MODEL, 9, 1, { value: 'setting' });
    book.setCell(MODEL, 9, 2, { value: 'as of' });
    book.setCell(MODEL, 9, 5, { value: serialOf(new Date(2026, 8, 30)), format: 'yyyy-mm-dd' });
    const rows = (await host.readModel(MODEL))!.rows;
    expect(rows[8]!.slice(0, 5)).toEqual(['setting', 'as of', '', '', '2026-09-30']);
  });

  it('saves rows as written: text stays text (no date from "1-9", no formula from "=…"), numbers stay numbers', async () => {
    const { book, host } = setup({ Prospects: PROSPECTS });
    const rows = modelGrid([...SPEC_EXAMPLE, ['criterion', 'Tiny', 'Employees', 'between', '1-9', -5, '', '=HYPERLINK("x")']]) as WireCell[][];
    ok(await host.saveModel({ sheetName: MODEL, rows, baseVersion: null, note: 'first' }));
    expect(book.values(MODEL)).toEqual(rows);
    expect(book.formula(MODEL, 'H9')).toBeUndefined();
    // The first save replaces nothing, so there is no history yet.
    expect(book.sheetNames()).not.toContain(HISTORY);
  });

  it('keeps the replaced version in a hidden history sheet, newest first, and reads it back to restore', async () => {
    const { book, host } = setup();
    const v1 = (await host.readModel(MODEL))!;
    const r1 = ok(await host.saveModel({ sheetName: MODEL, rows: modelGrid(SPEC_EXAMPLE.slice(0, 3)) as WireCell[][], baseVersion: v1.version, note: 'smaller' }));
    ok(await host.saveModel({ sheetName: MODEL, rows: modelGrid(SPEC_EXAMPLE.slice(0, 2)) as WireCell[][], baseVersion: r1.version, note: 'smaller still' }));
    expect(book.visibility(HISTORY)).toBe('Hidden');
    expect(book.frozenRows(HISTORY)).toBe(1);
    expect(book.values(HISTORY)![0]!.slice(0, 6)).toEqual(['Version', 'When', 'Who', 'Note', 'Model sheet', 'Rows']);
    const entries = await host.listHistory(MODEL);
    expect(entries).toEqual([
      { id: 'v2', when: '2026-09-30T12:34:00.000Z', who: '', note: 'smaller still', rows: 3 },
      { id: 'v1', when: '2026-09-30T12:34:00.000Z', who: '', note: 'smaller', rows: 7 },
    ]);
    const old = await host.readHistory(MODEL, 'v1');
    expect(old.rows).toEqual(v1.rows);
    await expect(host.readHistory(MODEL, 'nope')).rejects.toThrow('There is no saved version "nope" of the model "ICP Model" in the "ICP Model History" sheet.');
    expect((await host.listSheets()).map((s) => s.name)).toEqual(['Prospects', MODEL]);
  });

  it('reads a history row written in longer pieces (as Sheets wrote them before), joining every piece', async () => {
    const long = presetGrid('b2b-saas') as WireCell[][];
    const cells = encodeHistoryRow({ id: 'old', when: '2026-01-01T00:00:00.000Z', who: 'ana@example.com', note: 'from Sheets', sheetName: MODEL, rows: long }, 100);
    expect(cells.length).toBeGreaterThan(8);
    const { host } = setup({ Prospects: PROSPECTS, [MODEL]: spec(), [HISTORY]: [['Version', 'When', 'Who', 'Note', 'Model sheet', 'Rows', 'Model'], cells] });
    expect((await host.listHistory(MODEL))[0]).toMatchObject({ id: 'old', who: 'ana@example.com', note: 'from Sheets' });
    expect((await host.readHistory(MODEL, 'old')).rows).toEqual(long);
    expect(HISTORY_CHUNK).toBeLessThanOrEqual(32_767);
  });

  it('refuses to save over a hand edit made since the panel read the sheet, and writes nothing', async () => {
    const { book, host } = setup();
    const before = (await host.readModel(MODEL))!;
    book.setCell(MODEL, 2, 6, { value: 35 });
    const result = await host.saveModel({ sheetName: MODEL, rows: modelGrid(SPEC_EXAMPLE.slice(0, 2)) as WireCell[][], baseVersion: before.version, note: 'mine' });
    expect(result.ok).toBe(false);
    const current = (result as { current: ModelSnapshot }).current;
    expect(current.rows[1]![5]).toBe(35);
    expect(book.values(MODEL)![1]![5]).toBe(35);
    expect(book.sheetNames()).not.toContain(HISTORY);
  });

  it('refuses a model the core cannot read, naming the problem, and writes nothing', async () => {
    const { book, host } = setup();
    const rows = modelGrid([...SPEC_EXAMPLE, ['criterion', 'Size', 'Employees', 'betwen', '1-9', 5]]) as WireCell[][];
    const result = await host.saveModel({ sheetName: MODEL, rows, baseVersion: (await host.readModel(MODEL))!.version, note: '' });
    expect(result).toEqual({ ok: false, reason: 'error', message: 'Nothing was saved: ICP model row 9: unknown rule "betwen" — did you mean "between"?' });
    expect(book.values(MODEL)).toEqual(spec());
  });

  it('puts the sheet back exactly (a formula beside the model included) and drops the history row when a write fails half-way', async () => {
    const { book, host } = setup();
    const first = modelGrid(SPEC_EXAMPLE.slice(0, 3)) as WireCell[][];
    ok(await host.saveModel({ sheetName: MODEL, rows: first, baseVersion: (await host.readModel(MODEL))!.version, note: 'first' }));
    // (The fake does not evaluate formulas: the cell's value stays blank.)
    book.setCell(MODEL, 2, 10, { value: '', formula: '=F2' });
    const before = book.values(MODEL);
    const historyBefore = book.values(HISTORY);
    // The history row goes through; the model write applies one change of several, then the connection drops.
    book.failSyncSkip = 1;
    book.failSyncAfter = 1;
    const result = await host.saveModel({ sheetName: MODEL, rows: modelGrid(SPEC_EXAMPLE.slice(0, 2)) as WireCell[][], baseVersion: (await host.readModel(MODEL))!.version, note: 'lost' });
    expect(result).toMatchObject({ ok: false, reason: 'error' });
    expect((result as { message: string }).message).toMatch(/^The model could not be saved, so the sheet "ICP Model" was left as it was: The connection to the workbook was lost/);
    expect(book.values(MODEL)).toEqual(before);
    expect(book.formula(MODEL, 'J2')).toBe('=F2');
    expect(book.values(HISTORY)).toEqual(historyBefore);
  });
});

describe('the prospect sheets', () => {
  it('lists visible sheets with their header rows, found below a title row', async () => {
    const { host } = setup({ Leads: [['Q3 leads'], [], ['Company', 'Employees'], ['Acme', 450], ['Beta', 20]], [MODEL]: spec() });
    const [leads] = await host.listSheets();
    expect(leads).toEqual({ name: 'Leads', headerRow: 3, headers: ['Company', 'Employees'], dataRows: 2 });
    expect(await host.activeSheet()).toEqual(leads);
  });

  it('reads up to `limit` rows below the header, dates as ISO text, trailing blank rows dropped', async () => {
    const { book, host } = setup({ Prospects: [['Company', 'Last touch'], ['Acme', 46295], ['Beta', ''], ['', '']] });
    book.setCell('Prospects', 2, 2, { value: 46295, format: 'm/d/yyyy' });
    expect(await host.readRows('Prospects', 5)).toEqual({ headers: ['Company', 'Last touch'], rows: [['Acme', '2026-09-30'], ['Beta', '']], icpColumns: [] });
    expect((await host.readRows('Prospects', 1)).rows).toEqual([['Acme', '2026-09-30']]);
  });
});

describe('Score this sheet', () => {
  it('writes ICP Score, ICP Tier and ICP Why as one ICP.* formula each over the data rows, and reuses them when run again', async () => {
    const { book, host } = setup();
    const result = await host.insertScoreColumns({ sheetName: 'Prospects', headerRow: 1, modelSheet: MODEL, fieldMap: {} });
    expect(result).toEqual({ columns: ['ICP Score', 'ICP Tier', 'ICP Why'], formulaCells: ['I2', 'J2', 'K2'] });
    expect(book.values('Prospects')![0]!.slice(8)).toEqual(['ICP Score', 'ICP Tier', 'ICP Why']);
    const model = "'ICP Model'!A1:H1000";
    expect(book.formula('Prospects', 'I2')).toBe(`=ICP.SCORE(A2:H4, A1:H1, ${model})`);
    expect(book.formula('Prospects', 'J2')).toBe(`=ICP.TIER(A2:H4, A1:H1, ${model})`);
    expect(book.formula('Prospects', 'K2')).toBe(`=ICP.EXPLAIN(A2:H4, A1:H1, ${model})`);
    // Something typed below a formula would block the spill: it is cleared.
    book.setCell('Prospects', 4, 9, { value: 'typed' });
    const again = await host.insertScoreColumns({ sheetName: 'Prospects', headerRow: 1, modelSheet: MODEL, fieldMap: { Employees: 'Employees' } });
    expect(again.formulaCells).toEqual(['I2', 'J2', 'K2']);
    expect(book.values('Prospects')![3]![8]).toBe('');
    expect(book.formula('Prospects', 'I2')).toBe(
      `=ICP.SCORE(A2:H4, {"Company","Employees","Industry","Tech stack","Funding stage","Has RevOps","Stage","Amount"}, ${model})`,
    );
  });
});

describe('Create tier summary', () => {
  it('adds a titled, dated sheet with ICP.SUMMARY over the scored rows, number formats, and a chart of accounts and win rate', async () => {
    const scored = PROSPECTS.map((row, i) => [...row, i === 0 ? 'ICP Tier' : ['Priority', 'Standard', 'Priority'][i - 1]!]);
    const { book, host } = setup({ Scored: scored, [MODEL]: spec() });
    const { sheetName } = await host.createSummarySheet({ scoredSheet: 'Scored', tierColumn: 'ICP Tier', wonColumn: 'Stage', amountColumn: 'Amount', modelSheet: MODEL, title: 'Q3: tiers / wins' });
    expect(sheetName).toBe('Q3  tiers   wins');
    expect(book.activeSheet()).toBe(sheetName);
    const values = book.values(sheetName)!;
    expect(values[0]![0]).toBe('Q3: tiers / wins');
    expect(values[1]![0]).toBe('Created 2026-09-30 12:34 from the sheet "Scored" and the model "ICP Model".');
    expect(book.formula(sheetName, 'A4')).toBe("=ICP.SUMMARY('Scored'!I2:I4, 'ICP Model'!A1:H1000, 'Scored'!G2:G4, 'Scored'!H2:H4)");
    // Priority, Standard, Excluded, Total: four rows under the header.
    expect(['C5', 'C8', 'E5', 'E8'].map((a1) => book.numberFormat(sheetName, a1))).toEqual(['0.0%', '0.0%', '0.0%', '0.0%']);
    expect(book.numberFormat(sheetName, 'F8')).toBe('#,##0');
    expect(book.numberFormat(sheetName, 'C9')).toBeUndefined();
    expect(book.charts(sheetName)).toEqual([
      {
        type: 'ColumnClustered',
        source: `${sheetName}!A4:B7`,
        seriesBy: 'Columns',
        title: 'Accounts and win rate by tier',
        position: 'H4',
        series: [{ name: 'Win rate', values: `${sheetName}!E5:E7`, chartType: 'Line', axisGroup: 'Secondary' }],
      },
    ]);
    const second = await host.createSummarySheet({ scoredSheet: 'Scored', tierColumn: 'ICP Tier', modelSheet: MODEL, title: 'Q3: tiers / wins' });
    expect(second.sheetName).toBe('Q3  tiers   wins (2)');
    expect(book.formula(second.sheetName, 'A4')).toBe("=ICP.SUMMARY('Scored'!I2:I4, 'ICP Model'!A1:H1000)");
  });

  it('names the columns there are when asked for one that is not', async () => {
    const { host } = setup();
    await expect(host.createSummarySheet({ scoredSheet: 'Prospects', tierColumn: 'ICP Tier', modelSheet: MODEL, title: 'T' })).rejects.toThrow(
      /^The sheet "Prospects" has no "ICP Tier" column; its headers are "Company", "Employees"/,
    );
  });
});

describe('a workbook from Google Sheets', () => {
  it('finds the formulas with Sheets names and converts exactly those names to ICP.*', async () => {
    const { book, host } = setup({ Prospects: PROSPECTS, [MODEL]: spec(), Notes: [['see'], ['']] });
    book.setCell('Prospects', 2, 9, { value: 85, formula: "=ICP_SCORE(A2:H1000, A1:H1, 'ICP Model'!A1:H1000)", format: '0.0' });
    book.setCell('Prospects', 2, 10, { value: 'Priority', formula: '=IF(ICP_TIER(A2:H2,A1:H1,M)="x","ICP_TIER(",MY_ICP_TIER(1))' });
    // Already in Excel's spelling: neither counted nor written.
    book.setCell('Prospects', 2, 11, { value: 'Why', formula: "=ICP.EXPLAIN(A2:H1000, A1:H1, 'ICP Model'!A1:H1000)" });
    book.setCell('Notes', 2, 1, { value: 'ICP_SCORE(A1)' });
    // Text that starts with "=" (written behind an apostrophe) is not a formula.
    book.setCell('Notes', 3, 1, { value: '=ICP_SCORE(A1)' });
    expect(await host.findForeignFormulas()).toEqual({ formulas: 2, sheets: ['Prospects'] });
    expect(await host.convertForeignFormulas()).toEqual({ formulas: 2, sheets: ['Prospects'] });
    expect(book.formula('Prospects', 'I2')).toBe("=ICP.SCORE(A2:H1000, A1:H1, 'ICP Model'!A1:H1000)");
    expect(book.formula('Prospects', 'J2')).toBe('=IF(ICP.TIER(A2:H2,A1:H1,M)="x","ICP_TIER(",MY_ICP_TIER(1))');
    expect(book.formula('Prospects', 'K2')).toBe("=ICP.EXPLAIN(A2:H1000, A1:H1, 'ICP Model'!A1:H1000)");
    // A converted cell keeps its number format.
    expect(book.numberFormat('Prospects', 'I2')).toBe('0.0');
    expect(book.values('Notes')![1]![0]).toBe('ICP_SCORE(A1)');
    expect(book.values('Notes')![2]![0]).toBe('=ICP_SCORE(A1)');
    expect(book.formula('Notes', 'A3')).toBeUndefined();
    expect(await host.findForeignFormulas()).toEqual({ formulas: 0, sheets: [] });
  });

  it('converts nothing and says so in a workbook already in Excel spelling', async () => {
    const { book, host } = setup();
    book.setCell('Prospects', 2, 9, { value: 85, formula: "=ICP.SCORE(A2:H1000, A1:H1, 'ICP Model'!A1:H1000)" });
    expect(await host.convertForeignFormulas()).toEqual({ formulas: 0, sheets: [] });
    expect(book.formula('Prospects', 'I2')).toBe("=ICP.SCORE(A2:H1000, A1:H1, 'ICP Model'!A1:H1000)");
  });
});

describe('blank cells Excel desktop would pass as 0', () => {
  it('are counted in the columns that number or yes/no rules read, and only there', async () => {
    const { host } = setup();
    // Employees (between) has one blank, Has RevOps (is true) one; Tech stack is read by a text rule.
    expect(await host.blankNumericCells('Prospects', MODEL)).toEqual([
      { header: 'Employees', blanks: 1 },
      { header: 'Has RevOps', blanks: 1 },
    ]);
  });
});
