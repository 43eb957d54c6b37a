// The server functions in dist/sheets/Code.js, loaded in a vm over the in-memory Apps Script
// stand-in, called through a google.script.run-like bridge (JSON both ways, Dates refused).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, ModelSnapshot, SaveResult, ScoreColumnsResult, SheetInfo } from '../../workbook/host.ts';
import { SPEC_EXAMPLE, modelGrid } from '../fixtures/workbook.ts';
import { type FakeValue, createAppsScript, midnight } from '../fakes/apps-script.ts';
import { callTopLevel, loadCodeJs, runServer } from '../../support/fakes/code-js.ts';
import { formulaCall } from '../fakes/formulas.ts';

const PROSPECT_HEADERS = ['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps'];
/** Scores worked out by hand from SPEC §4 and §6 (the model is SPEC §6's). */
const PROSPECTS: FakeValue[][] = [
  PROSPECT_HEADERS,
  ['Acme', 450, 'SaaS', 'HubSpot; Gong', 'Series A', 'yes'], // 30+20+25+0+10 = 85, Priority
  ['Bolt', 5000, 'Retail', '', 'Series B', 'no'], // 0+0+0+15+0 = 15, Standard
  ['Cog', '1,200', 'software', 'Salesforce', 'Public', 'TRUE'], // 30+20+25+15+10 = 100, Priority
];

function workbook(options: { email?: string } = {}) {
  const apps = createAppsScript({
    email: options.email ?? 'ana@example.com',
    htmlFiles: { Sidebar: readFileSync('dist/sheets/Sidebar.html', 'utf8') },
  });
  const script = loadCodeJs(apps.globals);
  const ss = apps.spreadsheet;
  const run = <T>(name: string, ...args: unknown[]) => runServer(script, name, args) as T;
  return { apps, script, ss, run };
}

function withModel(rows: FakeValue[][] = modelGrid(SPEC_EXAMPLE) as FakeValue[][]) {
  const book = workbook();
  const prospects = book.ss._addSheet('Prospects', PROSPECTS);
  const model = book.ss._addSheet('ICP Model', rows);
  return { ...book, prospects, model };
}

const saveOk = (result: SaveResult) => {
  if (!result.ok) throw new Error(`save failed: ${JSON.stringify(result)}`);
  return result;
};

describe('reading the model and the sheets', () => {
  it('reads the model sheet as rows with dates as ISO text, and null when there is none', () => {
    const { run } = withModel([...modelGrid(SPEC_EXAMPLE), ['setting', 'as of', '', '', midnight(2026, 9, 30)]] as FakeValue[][]);
    const snapshot = run<ModelSnapshot>('readModel', 'ICP Model');
    expect(snapshot.rows[0]).toEqual(['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note']);
    expect(snapshot.rows[8]!.slice(0, 5)).toEqual(['setting', 'as of', '', '', '2026-09-30']);
    expect(snapshot.version).toMatch(/\S/);
    expect(run('readModel', 'No such sheet')).toBeNull();
  });

  it('finds the header row below a title row and counts the rows under it', () => {
    const { ss, run } = workbook();
    ss._addSheet('Leads', [['Q3 leads from the fair'], [], PROSPECT_HEADERS, ...PROSPECTS.slice(1)]);
    ss._addSheet('Empty');
    const [leads, empty] = run<SheetInfo[]>('listSheets');
    expect(leads).toEqual({ name: 'Leads', headerRow: 3, headers: PROSPECT_HEADERS, dataRows: 3 });
    expect(empty).toEqual({ name: 'Empty', headerRow: 0, headers: [], dataRows: 0 });
  });

  it('leaves the hidden history sheet out of the sheet list', () => {
    const { run } = withModel();
    saveOk(run('saveModel', { sheetName: 'ICP Model', rows: modelGrid(SPEC_EXAMPLE), baseVersion: run<ModelSnapshot>('readModel', 'ICP Model').version, note: '' }));
    expect(run<SheetInfo[]>('listSheets').map((s) => s.name)).toEqual(['Prospects', 'ICP Model']);
  });

  it('describes the active sheet', () => {
    const { ss, run, prospects } = withModel();
    ss.setActiveSheet(prospects);
    expect(run<SheetInfo>('activeSheet')).toEqual({ name: 'Prospects', headerRow: 1, headers: PROSPECT_HEADERS, dataRows: 3 });
  });

  it('reads up to the asked number of rows for previews, dates as ISO text', () => {
    const { ss, run } = workbook();
    ss._addSheet('Visits', [['Company', 'Last visit'], ['Acme', midnight(2026, 9, 1)], ['Bolt', ''], ['Cog', 'x']]);
    expect(run('readRows', 'Visits', 2)).toEqual({ headers: ['Company', 'Last visit'], rows: [['Acme', '2026-09-01'], ['Bolt', '']], icpColumns: [] });
    expect(() => run('readRows', 'Nope', 2)).toThrow(/There is no sheet named "Nope" in this workbook; its sheets are "Visits"\./);
  });
});

describe('saving the model', () => {
  const edited = () => {
    const grid = modelGrid(SPEC_EXAMPLE);
    grid[1]![5] = 40; // Company size: 30 → 40 points
    return grid;
  };

  it('writes the rows, keeps the replaced version in a hidden history sheet, and returns the new version', () => {
    const { ss, run, model } = withModel();
    const before = run<ModelSnapshot>('readModel', 'ICP Model');
    const result = saveOk(run('saveModel', { sheetName: 'ICP Model', rows: edited(), baseVersion: before.version, note: 'Bigger weight on size' }));
    expect(model.getRange('F2').getValue()).toBe(40);
    expect(result.version).toBe(run<ModelSnapshot>('readModel', 'ICP Model').version);
    expect(result.version).not.toBe(before.version);

    const history = ss.getSheetByName('ICP Model History')!;
    expect(history.isSheetHidden()).toBe(true);
    const [entry] = run<HistoryEntry[]>('listHistory', 'ICP Model');
    expect(entry).toMatchObject({ who: 'ana@example.com', note: 'Bigger weight on size', rows: 7 });
    expect(new Date(entry!.when).toISOString()).toBe(entry!.when);
    expect(run<ModelSnapshot>('readHistory', 'ICP Model', entry!.id).rows).toEqual(before.rows);
  });

  it('does not leave the user on the history sheet it creates', () => {
    const { ss, run, prospects } = withModel();
    ss.setActiveSheet(prospects);
    saveOk(run('saveModel', { sheetName: 'ICP Model', rows: edited(), baseVersion: run<ModelSnapshot>('readModel', 'ICP Model').version, note: '' }));
    expect(ss.getActiveSheet().getName()).toBe('Prospects');
  });

  it('creates the model sheet when there is none, without a history entry', () => {
    const { ss, run } = workbook();
    saveOk(run('saveModel', { sheetName: 'ICP Model', rows: modelGrid(SPEC_EXAMPLE), baseVersion: null, note: 'From preset' }));
    expect(ss.getSheetByName('ICP Model')!.getRange('A2:F2').getValues()).toEqual([['criterion', 'Company size', 'Employees', 'between', '200-2000', 30]]);
    expect(run('listHistory', 'ICP Model')).toEqual([]);
  });

  it('refuses to overwrite a model changed since the panel read it, and returns the current one', () => {
    const { run, model } = withModel();
    const loaded = run<ModelSnapshot>('readModel', 'ICP Model');
    model.getRange('F3').setValue(25); // someone edits Industry by hand meanwhile
    const sheetBefore = model._contents();
    const result = run<SaveResult>('saveModel', { sheetName: 'ICP Model', rows: edited(), baseVersion: loaded.version, note: '' });
    expect(result).toMatchObject({ ok: false, reason: 'conflict' });
    expect(result.ok === false && result.reason === 'conflict' && result.current.rows[2]![5]).toBe(25);
    expect(model._contents()).toEqual(sheetBefore);
    expect(run('listHistory', 'ICP Model')).toEqual([]);
  });

  it('validates with the core first and writes nothing for a bad model', () => {
    const { run, model } = withModel();
    const bad = modelGrid(SPEC_EXAMPLE);
    bad[3]![3] = 'betwen';
    const sheetBefore = model._contents();
    const result = run<SaveResult>('saveModel', { sheetName: 'ICP Model', rows: bad, baseVersion: run<ModelSnapshot>('readModel', 'ICP Model').version, note: '' });
    expect(result).toEqual({ ok: false, reason: 'error', message: 'Nothing was saved: ICP model row 4: unknown rule "betwen" — did you mean "between"?' });
    expect(model._contents()).toEqual(sheetBefore);
  });

  it('writes nothing while another save holds the document lock', () => {
    const { apps, run, model } = withModel();
    apps.lock._heldElsewhere = true;
    const sheetBefore = model._contents();
    const result = run<SaveResult>('saveModel', { sheetName: 'ICP Model', rows: edited(), baseVersion: run<ModelSnapshot>('readModel', 'ICP Model').version, note: '' });
    expect(result).toMatchObject({ ok: false, reason: 'error', message: expect.stringMatching(/^Someone else is saving the model right now/) });
    expect(model._contents()).toEqual(sheetBefore);
  });

  it('releases the lock after saving', () => {
    const { apps, run } = withModel();
    saveOk(run('saveModel', { sheetName: 'ICP Model', rows: edited(), baseVersion: run<ModelSnapshot>('readModel', 'ICP Model').version, note: '' }));
    expect(apps.lock.hasLock()).toBe(false);
  });

  it('leaves the model sheet exactly as it was when the write fails halfway', () => {
    // Formulas, a date, text that looks like a formula and a comment column beyond the model's.
    const rows = [
      ...modelGrid([...SPEC_EXAMPLE, ['setting', 'as of', '', '', '2026-09-30']]).map((row) => [...row, '']),
    ] as FakeValue[][];
    rows[8]![4] = midnight(2026, 9, 30);
    rows[1]![8] = '=1+1';
    rows[2]![7] = '=not a formula';
    const { run, model, ss } = withModel(rows);
    model.getRange('H3').setValue("'=not a formula"); // stored as text, as a person would type it
    const sheetBefore = model._contents();
    const valuesBefore = model.getDataRange().getValues();
    const shorter = modelGrid(SPEC_EXAMPLE.slice(0, 3)); // fewer rows: the save must clear the rest
    model._failNextWrite(0, undefined, 1); // the second row of cells written fails
    const result = run<SaveResult>('saveModel', { sheetName: 'ICP Model', rows: shorter, baseVersion: run<ModelSnapshot>('readModel', 'ICP Model').version, note: '' });
    expect(result).toMatchObject({ ok: false, reason: 'error', message: expect.stringContaining('was left as it was: Service Spreadsheets timed out') });
    expect(model._contents()).toEqual(sheetBefore);
    expect(model.getDataRange().getValues()).toEqual(valuesBefore);
    expect(ss.getSheetByName('ICP Model History')?.getLastRow() ?? 1).toBe(1);
  });

  it('touches nothing in the model when keeping the history fails first', () => {
    const { run, model, ss } = withModel();
    const base = run<ModelSnapshot>('readModel', 'ICP Model');
    saveOk(run('saveModel', { sheetName: 'ICP Model', rows: edited(), baseVersion: base.version, note: 'first' }));
    const sheetBefore = model._contents();
    ss.getSheetByName('ICP Model History')!._failNextWrite(0, 'Service error: Spreadsheets');
    const result = run<SaveResult>('saveModel', { sheetName: 'ICP Model', rows: modelGrid(SPEC_EXAMPLE), baseVersion: run<ModelSnapshot>('readModel', 'ICP Model').version, note: 'second' });
    expect(result).toMatchObject({ ok: false, reason: 'error' });
    expect(model._contents()).toEqual(sheetBefore);
    expect(run<HistoryEntry[]>('listHistory', 'ICP Model').map((e) => e.note)).toEqual(['first']);
  });

  it('deletes a model sheet it created when the write fails', () => {
    const { ss, run } = workbook();
    ss._addSheet('Prospects', PROSPECTS);
    const insert = ss.insertSheet.bind(ss);
    ss.insertSheet = (name?: string) => {
      const sheet = insert(name);
      sheet._failNextWrite(0);
      return sheet;
    };
    const result = run<SaveResult>('saveModel', { sheetName: 'ICP Model', rows: modelGrid(SPEC_EXAMPLE), baseVersion: null, note: '' });
    expect(result).toMatchObject({ ok: false, reason: 'error' });
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Prospects']);
  });

  it('keeps text that starts with = as text, in the model and in the history', () => {
    const { run, model } = withModel();
    const rows = edited();
    rows[1]![7] = '=IMPORTXML("https://example.com", "//a")';
    saveOk(run('saveModel', { sheetName: 'ICP Model', rows, baseVersion: run<ModelSnapshot>('readModel', 'ICP Model').version, note: '=HYPERLINK("x")' }));
    expect(model.getRange('H2').getFormula()).toBe('');
    expect(model.getRange('H2').getValue()).toBe('=IMPORTXML("https://example.com", "//a")');
    expect(run<HistoryEntry[]>('listHistory', 'ICP Model')[0]!.note).toBe('=HYPERLINK("x")');
  });

  it('keeps text Sheets would read as a date or a percent exactly as typed (a 10-20 band, 20%)', () => {
    const { run } = withModel();
    const rows = edited();
    rows[1]![4] = '10-20'; // typed into a cell, Sheets would make this October 20
    rows.push(['criterion', 'Growth', 'Growth', 'at least', '20%', 5, '', '']);
    saveOk(run('saveModel', { sheetName: 'ICP Model', rows, baseVersion: run<ModelSnapshot>('readModel', 'ICP Model').version, note: '' }));
    const saved = run<ModelSnapshot>('readModel', 'ICP Model').rows;
    expect(saved[1]![4]).toBe('10-20');
    expect(saved.at(-1)![4]).toBe('20%');
  });

  it('keeps a model longer than one cell can hold in the history, split across cells of 50,000 characters at most', () => {
    const long = modelGrid(
      Array.from({ length: 900 }, (_, i) => ['criterion', `Criterion ${i}`, 'Industry', 'is any of', `Term ${i}, another term ${i}, a third term`, 1, 'Firmographics', 'A note long enough to make the JSON large'] as const).map((row) => [...row]),
    ) as FakeValue[][];
    const { ss, run } = withModel(long);
    saveOk(run('saveModel', { sheetName: 'ICP Model', rows: modelGrid(SPEC_EXAMPLE), baseVersion: run<ModelSnapshot>('readModel', 'ICP Model').version, note: 'shrink' }));
    const history = ss.getSheetByName('ICP Model History')!;
    const cells = history.getRange(2, 1, 1, history.getLastColumn()).getValues()[0]!;
    expect(JSON.stringify(long).length).toBeGreaterThan(100_000);
    expect(cells.length).toBeGreaterThan(8);
    expect(cells.every((cell) => String(cell).length <= 50_000)).toBe(true);
    const [entry] = run<HistoryEntry[]>('listHistory', 'ICP Model');
    expect(entry!.rows).toBe(900);
    expect(run<ModelSnapshot>('readHistory', 'ICP Model', entry!.id).rows).toEqual(long);
  });

  it('lists versions newest first, and restoring one is saving its rows again', () => {
    const { run, model } = withModel();
    const v1 = run<ModelSnapshot>('readModel', 'ICP Model');
    const r1 = saveOk(run('saveModel', { sheetName: 'ICP Model', rows: edited(), baseVersion: v1.version, note: 'first' }));
    saveOk(run('saveModel', { sheetName: 'ICP Model', rows: modelGrid(SPEC_EXAMPLE.slice(0, 2)), baseVersion: r1.version, note: 'second' }));
    const entries = run<HistoryEntry[]>('listHistory', 'ICP Model');
    expect(entries.map((e) => [e.note, e.rows])).toEqual([['second', 7], ['first', 7]]);
    const old = run<ModelSnapshot>('readHistory', 'ICP Model', entries[1]!.id);
    saveOk(run('saveModel', { sheetName: 'ICP Model', rows: old.rows, baseVersion: run<ModelSnapshot>('readModel', 'ICP Model').version, note: 'restore' }));
    expect(run<ModelSnapshot>('readModel', 'ICP Model').rows).toEqual(v1.rows);
    expect(model.getRange('F2').getValue()).toBe(30);
    expect(() => run('readHistory', 'ICP Model', 'no-such-id')).toThrow('There is no saved version "no-such-id" of the model "ICP Model" in the "ICP Model History" sheet.');
  });

  it('rejects a request the panel could not have meant, with a sentence', () => {
    const { run } = withModel();
    const result = run<SaveResult>('saveModel', { sheetName: 'ICP Model', rows: 'not rows', baseVersion: null, note: '' });
    expect(result).toMatchObject({ ok: false, reason: 'error', message: expect.stringMatching(/^The panel sent a model to save the workbook cannot read at rows: .* Nothing was saved\.$/) });
  });
});

describe('scoring a sheet with array formulas', () => {
  /** What the formula in a cell computes, evaluated with Code.js's own custom functions. */
  function computed(book: ReturnType<typeof withModel>, sheetName: string, a1: string): unknown {
    const sheet = book.ss.getSheetByName(sheetName)!;
    const { name, args } = formulaCall(sheet.getRange(a1).getFormula(), sheet, book.ss);
    return callTopLevel(book.script, name, args);
  }

  it('writes ICP Score, ICP Tier and ICP Why as one array formula each, over ranges that leave them out', () => {
    const book = withModel();
    const result = book.run<ScoreColumnsResult>('insertScoreColumns', { sheetName: 'Prospects', headerRow: 1, modelSheet: 'ICP Model', fieldMap: {} });
    expect(result).toEqual({ columns: ['ICP Score', 'ICP Tier', 'ICP Why'], formulaCells: ['G2', 'H2', 'I2'] });
    expect(book.prospects.getRange('G1:I1').getValues()).toEqual([['ICP Score', 'ICP Tier', 'ICP Why']]);
    expect(book.prospects.getRange('G2').getFormula()).toBe("=ICP_SCORE(A2:F, A1:F1, 'ICP Model'!A:H)");
    expect(book.prospects.getRange('H2').getFormula()).toBe("=ICP_TIER(A2:F, A1:F1, 'ICP Model'!A:H)");
    expect(book.prospects.getRange('I2').getFormula()).toBe("=ICP_EXPLAIN(A2:F, A1:F1, 'ICP Model'!A:H)");
    expect(book.prospects.getRange('G3:I4').getFormulas().flat().every((f) => f === '')).toBe(true);
    expect(computed(book, 'Prospects', 'G2')).toEqual([[85], [15], [100]]);
    expect(computed(book, 'Prospects', 'H2')).toEqual([['Priority'], ['Standard'], ['Priority']]);
  });

  it('reuses the ICP columns when run again, and clears what would block the results from spilling', () => {
    const book = withModel();
    const request = { sheetName: 'Prospects', headerRow: 1, modelSheet: 'ICP Model', fieldMap: {} };
    book.run('insertScoreColumns', request);
    book.prospects.getRange('G3').setValue(12); // a stale value typed below the formula
    const again = book.run<ScoreColumnsResult>('insertScoreColumns', request);
    expect(again.formulaCells).toEqual(['G2', 'H2', 'I2']);
    expect(book.prospects.getLastColumn()).toBe(9);
    expect(book.prospects.getRange('G3').getValue()).toBe('');
  });

  it('leaves out ICP columns that sit between prospect columns', () => {
    const { ss, ...rest } = workbook();
    ss._addSheet('ICP Model', modelGrid(SPEC_EXAMPLE) as FakeValue[][]);
    ss._addSheet('Moved', PROSPECTS.map((row, r) => [...row.slice(0, 3), r === 0 ? 'ICP Score' : '', ...row.slice(3)]));
    const book = { ss, ...rest } as ReturnType<typeof withModel>;
    const result = book.run<ScoreColumnsResult>('insertScoreColumns', { sheetName: 'Moved', headerRow: 1, modelSheet: 'ICP Model', fieldMap: {} });
    expect(result.formulaCells).toEqual(['D2', 'H2', 'I2']);
    expect(ss.getSheetByName('Moved')!.getRange('D2').getFormula()).toBe("=ICP_SCORE({A2:C, E2:G}, {A1:C1, E1:G1}, 'ICP Model'!A:H)");
    expect(computed(book, 'Moved', 'D2')).toEqual([[85], [15], [100]]);
  });

  it('passes the header row as an array literal with mapped fields substituted, leaving the model untouched', () => {
    const book = withModel();
    book.prospects.getRange('B1').setValue('Headcount');
    book.prospects.getRange('F1').setValue('RevOps team?');
    const modelBefore = book.model._contents();
    book.run('insertScoreColumns', { sheetName: 'Prospects', headerRow: 1, modelSheet: 'ICP Model', fieldMap: { Employees: 'Headcount', 'Has RevOps': 'RevOps team?' } });
    expect(book.prospects.getRange('G2').getFormula()).toBe(
      `=ICP_SCORE(A2:F, {"Company", "Employees", "Industry", "Tech stack", "Funding stage", "Has RevOps"}, 'ICP Model'!A:H)`,
    );
    expect(computed(book, 'Prospects', 'G2')).toEqual([[85], [15], [100]]);
    expect(book.model._contents()).toEqual(modelBefore);
  });

  it('quotes sheet names, and finds a header row below a title', () => {
    const { ss, run, script } = workbook();
    ss._addSheet("Ana's model", modelGrid(SPEC_EXAMPLE) as FakeValue[][]);
    ss._addSheet('Fair leads', [['Leads from the fair'], [], ...PROSPECTS], { columns: 6 });
    const result = run<ScoreColumnsResult>('insertScoreColumns', { sheetName: 'Fair leads', headerRow: 3, modelSheet: "Ana's model", fieldMap: {} });
    expect(result.formulaCells).toEqual(['G4', 'H4', 'I4']);
    const sheet = ss.getSheetByName('Fair leads')!;
    expect(sheet.getMaxColumns()).toBeGreaterThanOrEqual(9);
    expect(sheet.getRange('G4').getFormula()).toBe("=ICP_SCORE(A4:F, A3:F3, 'Ana''s model'!A:H)");
    const { name, args } = formulaCall(sheet.getRange('G4').getFormula(), sheet, ss);
    expect(callTopLevel(script, name, args)).toEqual([[85], [15], [100]]);
  });

  it('names a mapped column that is not there', () => {
    const book = withModel();
    expect(() => book.run('insertScoreColumns', { sheetName: 'Prospects', headerRow: 1, modelSheet: 'ICP Model', fieldMap: { Employees: 'Staff' } })).toThrow(
      /^The Field "Employees" is mapped to the column "Staff", but the sheet has no such column; its headers are "Company", "Employees"/,
    );
  });
});

describe('the tier summary sheet', () => {
  function scoredBook() {
    const book = withModel();
    const sheet = book.ss._addSheet('Scored', [
      ['Company', 'Stage', 'Amount', 'ICP Tier'],
      ['Acme', 'Closed Won', 1000, 'Priority'],
      ['Bolt', 'Lost', 500, 'Standard'],
      ['Cog', '', 200, 'Priority'],
      ['Dim', 'yes', 300, 'Excluded'],
    ]);
    return { ...book, sheet };
  }

  it('creates a titled, dated sheet with ICP_SUMMARY over the scored sheet', () => {
    const book = scoredBook();
    const { sheetName } = book.run<{ sheetName: string }>('createSummarySheet', {
      scoredSheet: 'Scored', tierColumn: 'ICP Tier', wonColumn: 'Stage', amountColumn: 'Amount', modelSheet: 'ICP Model', title: 'Q3 pipeline by tier',
    });
    expect(sheetName).toBe('Q3 pipeline by tier');
    const summary = book.ss.getSheetByName(sheetName)!;
    expect(book.ss.getActiveSheet()).toBe(summary);
    expect(summary.getRange('A1').getValue()).toBe('Q3 pipeline by tier');
    const today = new Date().toISOString().slice(0, 10);
    expect(summary.getRange('A2').getValue()).toMatch(new RegExp(`^Created ${today} \\d\\d:\\d\\d from the sheet "Scored" and the model "ICP Model"\\.$`));
    expect(summary.getRange('A4').getFormula()).toBe("=ICP_SUMMARY('Scored'!D2:D, 'ICP Model'!A:H, 'Scored'!B2:B, 'Scored'!C2:C)");
    const { name, args } = formulaCall(summary.getRange('A4').getFormula(), summary, book.ss);
    // Priority: Acme won, Cog open → 1 of 1 decided, amount 1000. Standard: Bolt lost. Excluded: Dim won, 300.
    expect(callTopLevel(book.script, name, args)).toEqual([
      ['Tier', 'Accounts', 'Share', 'Won', 'Win rate', 'Amount'],
      ['Priority', 2, 0.5, 1, 1, 1000],
      ['Standard', 1, 0.25, 0, 0, 0],
      ['Excluded', 1, 0.25, 1, 1, 300],
      ['Total', 4, 1, 2, 2 / 3, 1300],
    ]);
  });

  it('adds a chart of accounts as columns and win rate as a line on a second axis, Total left out', () => {
    const book = scoredBook();
    const { sheetName } = book.run<{ sheetName: string }>('createSummarySheet', {
      scoredSheet: 'Scored', tierColumn: 'ICP Tier', wonColumn: 'Stage', modelSheet: 'ICP Model', title: 'Summary',
    });
    const [chart, ...others] = book.ss.getSheetByName(sheetName)!.getCharts();
    expect(others).toEqual([]);
    expect(chart!._type).toBe('COMBO');
    // Header row 4, then Priority, Standard, Excluded (rows 5–7); Total (row 8) is not charted.
    expect(chart!.getRanges().map((r) => r.getA1Notation())).toEqual(['A4:B7', 'E4:E7']);
    expect(chart!.getNumHeaders()).toBe(1);
    expect(chart!.getOptions().get('series')).toEqual({ 0: { type: 'bars', targetAxisIndex: 0 }, 1: { type: 'line', targetAxisIndex: 1, pointSize: 6 } });
  });

  it('without a won column, leaves won out of the formula but keeps the amount in its place', () => {
    const book = scoredBook();
    const { sheetName } = book.run<{ sheetName: string }>('createSummarySheet', { scoredSheet: 'Scored', tierColumn: 'ICP Tier', amountColumn: 'Amount', modelSheet: 'ICP Model', title: 'Amounts' });
    const summary = book.ss.getSheetByName(sheetName)!;
    expect(summary.getRange('A4').getFormula()).toBe(`=ICP_SUMMARY('Scored'!D2:D, 'ICP Model'!A:H, "", 'Scored'!C2:C)`);
    const { name, args } = formulaCall(summary.getRange('A4').getFormula(), summary, book.ss);
    expect((callTopLevel(book.script, name, args) as unknown[][]).at(-1)).toEqual(['Total', 4, 1, '', '', 2000]);
    expect(summary.getCharts()[0]!.getRanges().map((r) => r.getA1Notation())).toEqual(['A4:B7']);
  });

  it('writes a title that looks like a formula (or a number) as the text typed, never as a formula', () => {
    for (const title of ['=HYPERLINK("http://evil.example","Priority")', '@SUM(1+1)', '+1-2', '2026']) {
      const book = scoredBook();
      const { sheetName } = book.run<{ sheetName: string }>('createSummarySheet', { scoredSheet: 'Scored', tierColumn: 'ICP Tier', modelSheet: 'ICP Model', title });
      const summary = book.ss.getSheetByName(sheetName)!;
      expect(summary.getRange('A1').getFormula(), title).toBe('');
      expect(summary.getRange('A1').getValue(), title).toBe(title);
    }
  });

  it('gives a second summary of the same title its own sheet name', () => {
    const book = scoredBook();
    const request = { scoredSheet: 'Scored', tierColumn: 'ICP Tier', modelSheet: 'ICP Model', title: 'Tiers' };
    book.run('createSummarySheet', request);
    expect(book.run('createSummarySheet', request)).toEqual({ sheetName: 'Tiers (2)' });
  });

  it('says which column is missing', () => {
    const book = withModel();
    expect(() => book.run('createSummarySheet', { scoredSheet: 'Prospects', tierColumn: 'ICP Tier', modelSheet: 'ICP Model', title: 'x' })).toThrow(
      'The sheet "Prospects" has no "ICP Tier" column; its headers are "Company", "Employees", "Industry", "Tech stack", "Funding stage", "Has RevOps". Score the sheet first, or pick another column.',
    );
  });
});

describe('the add-on menu', () => {
  it('builds the menu in AuthMode.NONE and touches nothing else', () => {
    const { apps, script, ss } = workbook();
    ss._addSheet('Prospects', PROSPECTS);
    apps.setAuthMode('NONE');
    callTopLevel(script, 'onOpen', [{ authMode: 'NONE' }]);
    const [menu, ...others] = apps.ui._menus;
    expect(others).toEqual([]);
    expect(menu!._added).toBe(true);
    expect(menu!._items.map((i) => i.caption)).toEqual(['Open ICP panel', 'Score this sheet', 'Create tier summary', 'New model from preset']);
    expect(apps.ui._sidebars).toEqual([]);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Prospects']);
  });

  it('installs the same menu', () => {
    const { apps, script } = workbook();
    callTopLevel(script, 'onInstall', [{ authMode: 'FULL' }]);
    expect(apps.ui._menus[0]!._items).toHaveLength(4);
  });

  it('names a top-level function for every item, each opening the panel on its step', () => {
    const { apps, script } = workbook();
    callTopLevel(script, 'onOpen', [{}]);
    const steps = apps.ui._menus[0]!._items.map((item) => {
      callTopLevel(script, item.functionName, []);
      const sidebar = apps.ui._sidebars.at(-1)!;
      expect(sidebar.getTitle()).toBe('ICP Scoring');
      return /<div id="app" data-step="([a-z]+)">/.exec(sidebar.getContent())?.[1];
    });
    expect(steps).toEqual(['model', 'score', 'summary', 'presets']);
  });
});
