// Crossing hosts into Google Sheets: the server functions findForeignFormulas and
// convertForeignFormulas in dist/sheets/Code.js, in a vm over the in-memory Apps Script stand-in,
// called as google.script.run calls them; and the sidebar's Host calling them.
import { afterEach, describe, expect, it } from 'vitest';
import { sheetsHost } from '../../sheets-addon/client.ts';
import type { ForeignFormulas } from '../../workbook/host.ts';
import { type FakeSheet, type FakeValue, createAppsScript } from '../fakes/apps-script.ts';
import { loadCodeJs, runServer } from '../../support/fakes/code-js.ts';
import { bridgeTo, installScriptRun } from '../fakes/script-run.ts';

const MODEL = "'ICP Model'!A1:H1000";
/** What Excel wrote into a workbook, and what Sheets needs instead (worked out by hand). */
const EXCEL_SCORE = `=ICP.SCORE(A2:F40, A1:F1, ${MODEL})`;
const SHEETS_SCORE = `=ICP_SCORE(A2:F40, A1:F1, ${MODEL})`;
const EXCEL_TIER = `=ICP.TIER(A2:F40, A1:F1, ${MODEL})`;
const SHEETS_TIER = `=ICP_TIER(A2:F40, A1:F1, ${MODEL})`;
/** A string literal that merely reads like a call, beside a real call. */
const MIXED = '=IF(G2="", "ICP.SCORE(", ICP.TIER(A2:F2, A1:F1, M!A:H))';
const MIXED_CONVERTED = '=IF(G2="", "ICP.SCORE(", ICP_TIER(A2:F2, A1:F1, M!A:H))';
/** Formulas that must not change: text only, Sheets' own spelling, a longer name, a sheet name. */
const UNTOUCHED = [
  '=IF(A2="", "ICP.SCORE(", "")',
  `=ICP_EXPLAIN(A2:F40, A1:F1, ${MODEL})`,
  '=MY.ICP.SCORE(A1)',
  "='ICP.SCORE(1)'!A1",
  '=SUM(B2:B40)',
];

function spreadsheet() {
  const apps = createAppsScript();
  const script = loadCodeJs(apps.globals);
  const run = <T>(name: string) => runServer(script, name, []) as T;
  return { apps, ss: apps.spreadsheet, run };
}

/** Every cell of a sheet: value, formula and number format, for before/after comparisons. */
function everything(sheet: FakeSheet): { values: FakeValue[][]; formulas: string[][]; formats: string[][] } {
  const range = sheet.getDataRange();
  return { values: range.getValues(), formulas: range.getFormulas(), formats: range.getNumberFormats() };
}

describe('formulas in Excel spelling in a Google Sheets spreadsheet', () => {
  it('are counted by cell, with the sheets they are on, in workbook order', () => {
    const { ss, run } = spreadsheet();
    ss._addSheet('Leads', [['Company', 'Score', 'Tier'], ['Acme', EXCEL_SCORE, EXCEL_TIER], ['Bolt', '', MIXED]]);
    ss._addSheet('Notes', [[UNTOUCHED[0]!], [UNTOUCHED[1]!], [UNTOUCHED[2]!], [UNTOUCHED[3]!]]);
    ss._addSheet('Summary', [['Tiers'], [`=ICP.SUMMARY(Leads!C2:C, ${MODEL})`]]);
    ss._addSheet('Empty');
    expect(run<ForeignFormulas>('findForeignFormulas')).toEqual({ formulas: 4, sheets: ['Leads', 'Summary'] });
  });

  it('are not counted when they are text, or hold the name only inside quotes', () => {
    const { ss, run } = spreadsheet();
    const notes = ss._addSheet('Notes', [['Comment'], ['']]);
    // Text typed behind an apostrophe: Sheets keeps it as text, not a formula.
    notes.getRange(2, 1).setValue(`'${EXCEL_SCORE}`);
    ss._addSheet('Quotes', [[UNTOUCHED[0]!], [UNTOUCHED[3]!]]);
    expect(run<ForeignFormulas>('findForeignFormulas')).toEqual({ formulas: 0, sheets: [] });
  });

  it('are converted by rewriting exactly their cells, keeping number formats; nothing else is written', () => {
    const { ss, run } = spreadsheet();
    const leads = ss._addSheet('Leads', [
      ['Company', 'Employees', 'Score', 'Tier', 'Check', 'Total'],
      ['Acme', 450, EXCEL_SCORE, EXCEL_TIER, MIXED, UNTOUCHED[4]!],
    ]);
    leads._format(2, 3, '0.0');
    const notes = ss._addSheet('Notes', UNTOUCHED.slice(0, 4).map((formula) => [formula]));
    const notesBefore = everything(notes);
    const leadsBefore = everything(leads);

    expect(run<ForeignFormulas>('convertForeignFormulas')).toEqual({ formulas: 3, sheets: ['Leads'] });

    expect(leads._written.sort()).toEqual(['C2', 'D2', 'E2']);
    expect(notes._written).toEqual([]);
    const after = everything(leads);
    expect(after.formulas[1]).toEqual(['', '', SHEETS_SCORE, SHEETS_TIER, MIXED_CONVERTED, UNTOUCHED[4]]);
    expect(after.formulas[0]).toEqual(leadsBefore.formulas[0]);
    expect(after.values).toEqual(leadsBefore.values);
    expect(after.formats).toEqual(leadsBefore.formats);
    expect(after.formats[1]![2]).toBe('0.0');
    expect(everything(notes)).toEqual(notesBefore);
  });

  it('copied down a column are converted in every row that holds one, and a value typed between them stays', () => {
    const { ss, run } = spreadsheet();
    const rows: FakeValue[][] = [['Company', 'Score']];
    for (let r = 2; r <= 6; r++) rows.push([`Co ${r}`, `=ICP.SCORE(A${r}:F${r}, A1:F1, ${MODEL})`]);
    rows.push(['Co 7', 55]); // typed by hand: a value, not a formula
    rows.push(['Co 8', `=ICP.SCORE(A8:F8, A1:F1, ${MODEL})`]);
    const leads = ss._addSheet('Leads', rows);
    expect(run<ForeignFormulas>('convertForeignFormulas')).toEqual({ formulas: 6, sheets: ['Leads'] });
    expect(leads._written).toEqual(['B2', 'B3', 'B4', 'B5', 'B6', 'B8']);
    const formulas = leads.getRange(2, 2, 7, 1).getFormulas().map((row) => row[0]);
    expect(formulas).toEqual([2, 3, 4, 5, 6, 0, 8].map((r) => (r ? `=ICP_SCORE(A${r}:F${r}, A1:F1, ${MODEL})` : '')));
    expect(leads.getRange('B7').getValue()).toBe(55);
  });

  it('are converted once: converting again finds nothing and writes nothing', () => {
    const { ss, run } = spreadsheet();
    const leads = ss._addSheet('Leads', [['Score'], [EXCEL_SCORE]]);
    run('convertForeignFormulas');
    leads._written.length = 0;
    expect(run<ForeignFormulas>('convertForeignFormulas')).toEqual({ formulas: 0, sheets: [] });
    expect(run<ForeignFormulas>('findForeignFormulas')).toEqual({ formulas: 0, sheets: [] });
    expect(leads._written).toEqual([]);
    expect(leads.getRange('A2').getFormula()).toBe(SHEETS_SCORE);
  });

  it('are converted under the document lock: while a save holds it, nothing is converted and the panel is told why', () => {
    const { apps, ss, run } = spreadsheet();
    const leads = ss._addSheet('Leads', [['Score'], [EXCEL_SCORE]]);
    apps.lock._heldElsewhere = true;
    expect(() => run('convertForeignFormulas')).toThrow(
      'Someone else is changing this spreadsheet right now (saving the model, say), so no formula was converted; try again in a moment.',
    );
    expect(leads._written).toEqual([]);
    apps.lock._heldElsewhere = false;
    expect(run<ForeignFormulas>('convertForeignFormulas')).toEqual({ formulas: 1, sheets: ['Leads'] });
    expect(apps.lock.hasLock()).toBe(false);
  });
});

describe('the sidebar host', () => {
  const global = globalThis as Record<string, unknown>;
  afterEach(() => {
    delete global.google;
    delete global.__icpBridge;
  });

  it('finds and converts through google.script.run', async () => {
    const { apps } = spreadsheet();
    const leads = apps.spreadsheet._addSheet('Leads', [['Score'], [EXCEL_SCORE]]);
    global.__icpBridge = bridgeTo(loadCodeJs(apps.globals));
    installScriptRun('__icpBridge');
    const host = sheetsHost();
    expect(await host.findForeignFormulas!()).toEqual({ formulas: 1, sheets: ['Leads'] });
    expect(await host.convertForeignFormulas!()).toEqual({ formulas: 1, sheets: ['Leads'] });
    expect(leads.getRange('A2').getFormula()).toBe(SHEETS_SCORE);
  });
});
