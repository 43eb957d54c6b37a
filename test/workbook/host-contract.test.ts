/**
 * The host contract, run on all four hosts: the same workbook in, the same cells, formulas,
 * history rows and messages out. A save that loses nothing (history first, only changed cells
 * written, an edit typed meanwhile is a conflict, a failed write put back, a failed put-back still
 * recoverable), restoring from the history, reading the model, the sheets and the active sheet,
 * scoring a sheet below a title row, formulas from the other host, the tier summary: every request
 * the panel makes. test/workbook/port-faults.test.ts makes each port call of each request fail.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelSnapshot, SaveResult, WireCell } from '../../workbook/host.ts';
import { HISTORY_SHEET } from '../../workbook/host.ts';
import { LEARN_ROWS } from '../../ui/learn-logic.ts';
import { readModel } from '../../core/index.ts';
import { SPEC_COMBINATIONS, caseModel } from '../fixtures/combinations.ts';
import { SPEC_EXAMPLE, modelGrid } from '../fixtures/workbook.ts';
import { HOST_NAMES, type HostHandle, type HostName, openHost } from './hosts.ts';

const MODEL = 'ICP Model';
const PROSPECT_HEADERS = ['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps'];
/** Scores by hand from SPEC §4 and §6: Acme 85 Priority, Bolt 15 Standard, Cog 100 Priority. */
const PROSPECTS: WireCell[][] = [
  PROSPECT_HEADERS,
  ['Acme', 450, 'SaaS', 'HubSpot; Gong', 'Series A', 'yes'],
  ['Bolt', 5000, 'Retail', '', 'Series B', 'no'],
  ['Cog', 1200, 'software', 'Salesforce', 'Public', 'TRUE'],
];
/** The same table under a title row and a blank row, as exports often have it. */
const TITLED: WireCell[][] = [['Q3 leads from the fair'], [], ...PROSPECTS];
const SPEC_MODEL = modelGrid(SPEC_EXAMPLE) as WireCell[][];
const OWNERS: WireCell[][] = [['Criterion', 'Owner'], ['Company size', 'Dana'], ['Industry', 'Lee']];
/** SPEC §1's combinations (test/fixtures/combinations.ts): and rows under a criterion band and under an exclusion. */
const COMBINED = caseModel(SPEC_COMBINATIONS) as WireCell[][];

/** The model with one cell changed: row `row` (1-based, header = 1), column `column`. */
function withCell(rows: readonly WireCell[][], row: number, column: number, value: WireCell): WireCell[][] {
  return rows.map((cells, r) => (r === row - 1 ? cells.map((cell, c) => (c === column - 1 ? value : cell)) : [...cells]));
}

/** Lets what the change set going (events, timers) finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

let open: HostHandle | undefined;
afterEach(() => {
  open?.dispose();
  open = undefined;
});

function workbook(name: HostName, extra: Record<string, WireCell[][]> = {}): HostHandle {
  open = openHost(name, { Prospects: PROSPECTS, [MODEL]: SPEC_MODEL, ...extra });
  return open;
}

async function saveOver(h: HostHandle, change: (rows: WireCell[][]) => WireCell[][], note = ''): Promise<{ base: ModelSnapshot; result: SaveResult; rows: WireCell[][] }> {
  const base = (await h.host.readModel(MODEL))!;
  const rows = change(base.rows);
  const result = await h.host.saveModel({ sheetName: MODEL, rows, baseVersion: base.version, note });
  return { base, result, rows };
}

const okVersion = (result: SaveResult) => {
  if (!result.ok) throw new Error(`the save failed: ${JSON.stringify(result)}`);
  return result.version;
};

describe.each(HOST_NAMES)('the %s host keeps the host contract', (name) => {
  describe('saving the model', () => {
    it('writes the rows, and keeps the version it replaced in the hidden history sheet', async () => {
      const h = workbook(name);
      const { base, result, rows } = await saveOver(h, (r) => withCell(r, 2, 6, 35), 'Size matters more');
      expect(okVersion(result)).toBe((await h.host.readModel(MODEL))!.version);
      expect(h.values(MODEL)).toEqual(rows);
      expect(h.isHidden(HISTORY_SHEET)).toBe(true);
      expect(h.versions().map((v) => ({ note: v.note, sheetName: v.sheetName, rows: v.rows }))).toEqual([
        { note: 'Size matters more', sheetName: MODEL, rows: base.rows },
      ]);
      const [entry] = await h.host.listHistory(MODEL);
      expect(entry).toMatchObject({ note: 'Size matters more', rows: 7 });
    });

    it('answers a conflict with what the sheet holds when it changed since the panel read it, writing nothing', async () => {
      const h = workbook(name);
      const base = (await h.host.readModel(MODEL))!;
      h.edit(MODEL, 3, 6, 25); // someone types Industry's points by hand
      const result = await h.host.saveModel({ sheetName: MODEL, rows: withCell(base.rows, 2, 6, 35), baseVersion: base.version, note: '' });
      const edited = withCell(SPEC_MODEL, 3, 6, 25);
      expect(result).toEqual({ ok: false, reason: 'conflict', current: { sheetName: MODEL, rows: edited, version: (await h.host.readModel(MODEL))!.version } });
      expect(h.values(MODEL)).toEqual(edited);
      expect(h.versions()).toEqual([]);
    });

    it('treats an edit typed between the version check and the write as a conflict, losing neither', async () => {
      const h = workbook(name);
      const base = (await h.host.readModel(MODEL))!;
      h.afterNextRead(MODEL, () => h.edit(MODEL, 3, 6, 25));
      const result = await h.host.saveModel({ sheetName: MODEL, rows: withCell(base.rows, 2, 6, 35), baseVersion: base.version, note: 'mine' });
      const edited = withCell(SPEC_MODEL, 3, 6, 25);
      expect(result.ok === false && result.reason).toBe('conflict');
      expect(result.ok === false && result.reason === 'conflict' && result.current.rows).toEqual(edited);
      expect(h.values(MODEL)).toEqual(edited);
      expect(h.versions()).toEqual([]);
    });

    it('refuses a model the core cannot read with the same sentence, touching nothing', async () => {
      const h = workbook(name);
      const { result } = await saveOver(h, (r) => withCell(r, 2, 4, 'betwen'));
      expect(result).toEqual({ ok: false, reason: 'error', message: 'Nothing was saved: ICP model row 2: unknown rule "betwen" — did you mean "between"?' });
      expect(h.values(MODEL)).toEqual(SPEC_MODEL);
    });

    it('refuses a request the panel could not have sent with the same sentence', async () => {
      const h = workbook(name);
      const result = await h.host.saveModel({ sheetName: MODEL, rows: 'not rows', baseVersion: null, note: '' } as never);
      expect(result).toMatchObject({ ok: false, reason: 'error' });
      expect(result.ok === false && result.reason === 'error' && result.message).toMatch(
        /^The panel sent a model to save the workbook cannot read at rows: .+ Nothing was saved\.$/,
      );
    });

    it('puts the sheet back as it was, and keeps no version, when the write fails half-way', async () => {
      const h = workbook(name);
      h.failModelWrite(MODEL);
      // Three rows change: the write stops after the first.
      const { result } = await saveOver(h, (r) => withCell(withCell(withCell(r, 2, 6, 35), 4, 6, 5), 6, 6, 1));
      expect(result.ok === false && result.reason === 'error' && result.message).toMatch(/^The model could not be saved, so the sheet "ICP Model" was left as it was: /);
      expect(h.values(MODEL)).toEqual(SPEC_MODEL);
      expect(h.versions()).toEqual([]);
    });

    it('keeps the replaced version in the history, and says where, when putting the sheet back fails too', async () => {
      const h = workbook(name);
      h.failModelWrite(MODEL, { restoreFails: true });
      const { base, result } = await saveOver(h, (r) => withCell(withCell(withCell(r, 2, 6, 35), 4, 6, 5), 6, 6, 1), 'lost?');
      const [entry] = await h.host.listHistory(MODEL);
      expect(entry).toBeDefined();
      expect(result).toEqual({
        ok: false,
        reason: 'error',
        message: expect.stringContaining(`The version it held is kept in the hidden "${HISTORY_SHEET}" sheet as version ${entry!.id}: restore it from the panel's History.`),
      });
      expect((await h.host.readHistory(MODEL, entry!.id)).rows).toEqual(base.rows);
    });

    it('writes text as the text it is: a label starting with "=", a band that looks like a date, a percentage', async () => {
      const h = workbook(name);
      const { result, rows } = await saveOver(h, (r) => withCell(withCell(withCell(r, 2, 2, '=HYPERLINK("x")'), 2, 5, '10-20'), 5, 8, '20%'));
      okVersion(result);
      expect(h.values(MODEL)).toEqual(rows);
      expect(h.formula(MODEL, 'B2')).toBeUndefined();
    });

    it('keeps a cell filled to the host\'s limit (50,000 characters in Sheets, 32,767 in Excel), and saves the model around it', async () => {
      const long = 'x'.repeat(name === 'excel' ? 32_767 : 50_000);
      const h = workbook(name);
      h.edit(MODEL, 2, 8, long);
      const { base, result } = await saveOver(h, (r) => withCell(r, 3, 6, 25));
      okVersion(result);
      expect(h.values(MODEL)![1]![7]).toBe(long);
      expect(h.values(MODEL)![2]![5]).toBe(25);
      expect(h.versions().map((v) => v.rows)).toEqual([base.rows]);
    });

    it('refuses a text longer than a cell holds before touching anything', async () => {
      const h = workbook(name);
      const { result } = await saveOver(h, (r) => withCell(r, 2, 8, 'y'.repeat(60_000)));
      expect(result.ok === false && result.reason === 'error' && result.message).toMatch(/^Nothing was saved: cell H2 of the model would hold 60,000 characters, and a cell of this workbook holds at most [\d,]+\.$/);
      expect(h.values(MODEL)).toEqual(SPEC_MODEL);
      expect(h.versions()).toEqual([]);
    });

    it('keeps the formulas in the Note and extra columns it did not change', async () => {
      const h = workbook(name, { Owners: OWNERS });
      const note = '=VLOOKUP(B2, Owners!A:B, 2, FALSE)';
      const extra = '=VLOOKUP(B3, Owners!A:B, 2, FALSE)';
      h.edit(MODEL, 1, 9, 'Owner');
      h.setFormula(MODEL, 2, 8, note, 'Dana');
      h.setFormula(MODEL, 3, 9, extra, 'Lee');
      const { result } = await saveOver(h, (r) => withCell(r, 4, 6, 30));
      okVersion(result);
      expect(h.formula(MODEL, 'H2')).toBe(note);
      expect(h.formula(MODEL, 'I3')).toBe(extra);
      expect(h.values(MODEL)![3]![5]).toBe(30);
    });

    it('restores a version from the history by saving its rows as the new version', async () => {
      const h = workbook(name);
      okVersion((await saveOver(h, (r) => withCell(r, 2, 6, 35), 'v2')).result);
      const [entry] = await h.host.listHistory(MODEL);
      const old = await h.host.readHistory(MODEL, entry!.id);
      expect(old.rows).toEqual(SPEC_MODEL);
      const current = (await h.host.readModel(MODEL))!;
      okVersion(await h.host.saveModel({ sheetName: MODEL, rows: old.rows, baseVersion: current.version, note: 'restored' }));
      expect(h.values(MODEL)).toEqual(SPEC_MODEL);
      expect((await h.host.listHistory(MODEL)).map((e) => e.note)).toEqual(['restored', 'v2']);
      await expect(h.host.readHistory(MODEL, 'no-such-version')).rejects.toThrow(
        `There is no saved version "no-such-version" of the model "ICP Model" in the "${HISTORY_SHEET}" sheet.`,
      );
    });

    it('creates the model sheet on the first save, with nothing put in the history', async () => {
      open = openHost(name, { Prospects: PROSPECTS });
      const h = open;
      expect(await h.host.readModel(MODEL)).toBeNull();
      okVersion(await h.host.saveModel({ sheetName: MODEL, rows: SPEC_MODEL, baseVersion: null, note: '' }));
      expect(h.values(MODEL)).toEqual(SPEC_MODEL);
      expect(await h.host.listHistory(MODEL)).toEqual([]);
    });
  });

  describe('a model with and rows', () => {
    /** Each and row's owner, as the core reads the sheet: `2 ← 3` (the row it narrows ← the and row). */
    const owners = (grid: WireCell[][] | null) => {
      const model = readModel(grid);
      return [...model.criteria.flatMap((c) => c.bands), ...model.exclusions].flatMap((e) => e.conditions.map((c) => `${e.row} ← ${c.row}`));
    };

    it('saves each and row directly under its owner, and keeps the version it replaced whole', async () => {
      const h = workbook(name);
      const { base, result } = await saveOver(h, () => COMBINED, 'combinations');
      okVersion(result);
      expect(h.values(MODEL)).toEqual(COMBINED);
      expect(owners(h.values(MODEL))).toEqual(['2 ← 3', '5 ← 6']);
      // A condition added under the Size band: every row below moves down, each and row with its owner.
      const more = [...COMBINED.slice(0, 4), ['and', '', 'Region', 'is none of', 'APAC', '', '', ''], ...COMBINED.slice(4)];
      okVersion((await saveOver(h, () => more, 'one more')).result);
      expect(h.values(MODEL)).toEqual(more);
      expect(owners(h.values(MODEL))).toEqual(['2 ← 3', '4 ← 5', '6 ← 7']);
      expect(h.versions().map((v) => v.rows)).toEqual([base.rows, COMBINED]);
    });

    it('restores a version with and rows, each under its owner again', async () => {
      const h = workbook(name, { [MODEL]: COMBINED });
      // The exclusion (with its condition) moved above the criteria, and the Fintech condition removed.
      const moved = [COMBINED[0]!, COMBINED[4]!, COMBINED[5]!, COMBINED[1]!, COMBINED[3]!, ...COMBINED.slice(6)];
      okVersion((await saveOver(h, () => moved, 'moved')).result);
      expect(owners(h.values(MODEL))).toEqual(['2 ← 3']);
      const [entry] = await h.host.listHistory(MODEL);
      const old = await h.host.readHistory(MODEL, entry!.id);
      expect(old.rows).toEqual(COMBINED);
      const current = (await h.host.readModel(MODEL))!;
      okVersion(await h.host.saveModel({ sheetName: MODEL, rows: old.rows, baseVersion: current.version, note: 'restored' }));
      expect(h.values(MODEL)).toEqual(COMBINED);
      expect(owners(h.values(MODEL))).toEqual(['2 ← 3', '5 ← 6']);
    });

    it('converts the formulas over a model with and rows, leaving the model as it was', async () => {
      const h = workbook(name, { [MODEL]: COMBINED, Leads: [['Company', 'Industry', 'Region', 'Employees', 'Score'], ['Ledger', 'Fintech', 'EMEA', 450, ''], ['Koala', 'Fintech', 'APAC', 450, '']] });
      const [theirs, ours] = name === 'excel' ? ['ICP_SCORE', 'ICP.SCORE'] : ['ICP.SCORE', 'ICP_SCORE'];
      const formula = (fn: string) => `=${fn}(A2:D3, A1:D1, 'ICP Model'!A1:H9)`;
      h.setFormula('Leads', 2, 5, formula(theirs), '');
      expect(await h.host.convertForeignFormulas!()).toEqual({ formulas: 1, sheets: ['Leads'] });
      expect(h.formula('Leads', 'E2')).toBe(formula(ours));
      expect(h.values(MODEL)).toEqual(COMBINED);
      // The preview calculates: Ledger is Fintech in EMEA (20) and 450 employees (20) of 40; Koala is not in EMEA.
      if (name === 'preview') expect(h.values('Leads')!.slice(1).map((r) => r[4])).toEqual([100, 50]);
    });
  });

  describe('reading the sheets', () => {
    it('reads the model sheet as the panel loads it, and null where there is none', async () => {
      const h = workbook(name);
      const snapshot = (await h.host.readModel(MODEL))!;
      expect(snapshot).toEqual({ sheetName: MODEL, rows: SPEC_MODEL, version: (await h.host.readModel(MODEL))!.version });
      expect(await h.host.readModel('No model here')).toBeNull();
    });

    it('describes the sheet the user is on, its header row found below a title row', async () => {
      const h = workbook(name, { Leads: TITLED });
      h.activate('Leads');
      expect(await h.host.activeSheet()).toEqual({ name: 'Leads', headerRow: 3, headers: PROSPECT_HEADERS, dataRows: 3 });
      h.activate(MODEL);
      expect(await h.host.activeSheet()).toMatchObject({ name: MODEL, headerRow: 1, dataRows: SPEC_MODEL.length - 1 });
    });

    it('finds the header row below a title row', async () => {
      const h = workbook(name, { Leads: TITLED });
      const leads = (await h.host.listSheets()).find((s) => s.name === 'Leads');
      expect(leads).toEqual({ name: 'Leads', headerRow: 3, headers: PROSPECT_HEADERS, dataRows: 3 });
      expect(await h.host.readRows('Leads', 2)).toEqual({ headers: PROSPECT_HEADERS, rows: PROSPECTS.slice(1, 3), icpColumns: [] });
      await expect(h.host.readRows('Laeds', 2)).rejects.toThrow('There is no sheet named "Laeds" in this workbook; its sheets are ');
    });

    it('names the columns whose cells hold ICP functions (the Learn tab never learns from them), in either spelling', async () => {
      const h = workbook(name, { Leads: TITLED });
      await h.host.insertScoreColumns({ sheetName: 'Leads', headerRow: 3, modelSheet: MODEL, fieldMap: {} });
      // A fit score typed by hand on every row (the other host's spelling too), and a formula that only mentions the names.
      h.setFormula('Leads', 4, 6, `=ICP.SCORE(A4:E4, A3:E3, '${MODEL}'!A1:H20)`, 80);
      h.setFormula('Leads', 5, 6, `=ICP_SCORE(A5:E5, A3:E3, '${MODEL}'!A1:H20)`, 10);
      h.setFormula('Leads', 4, 5, '=UPPER("ICP_SCORE(")', 'ICP_SCORE(');
      expect((await h.host.readRows('Leads', 10)).icpColumns).toEqual([5, 6, 7, 8]);
    });

    it('reads as many rows as the Learn tab asks for, and refuses more with the same sentence', async () => {
      const h = workbook(name);
      expect((await h.host.readRows('Prospects', LEARN_ROWS)).rows).toEqual(PROSPECTS.slice(1));
      await expect(h.host.readRows('Prospects', LEARN_ROWS + 1)).rejects.toThrow(
        'The panel sent a row limit the workbook cannot read: at most 100000 allowed.',
      );
    });
  });

  describe('score this sheet', () => {
    it('writes the three columns beside the table below its title row, one formula each in the same cells', async () => {
      const h = workbook(name, { Leads: TITLED });
      const result = await h.host.insertScoreColumns({ sheetName: 'Leads', headerRow: 3, modelSheet: MODEL, fieldMap: {} });
      expect(result).toEqual({ columns: ['ICP Score', 'ICP Tier', 'ICP Why'], formulaCells: ['G4', 'H4', 'I4'] });
      expect(h.values('Leads')![2]!.slice(6)).toEqual(['ICP Score', 'ICP Tier', 'ICP Why']);
      const names = name === 'excel' ? ['ICP.SCORE', 'ICP.TIER', 'ICP.EXPLAIN'] : ['ICP_SCORE', 'ICP_TIER', 'ICP_EXPLAIN'];
      ['G4', 'H4', 'I4'].forEach((cell, i) => {
        // Values from row 4, the header row 3, the model sheet: spelled as the host spells ranges.
        expect(h.formula('Leads', cell)).toMatch(new RegExp(`^=${names[i]!.replace('.', '\\.')}\\(A4:F\\d*, A3:F3, 'ICP Model'!A1?:H\\d*\\)$`));
      });
      const again = await h.host.insertScoreColumns({ sheetName: 'Leads', headerRow: 3, modelSheet: MODEL, fieldMap: {} });
      expect(again.formulaCells).toEqual(['G4', 'H4', 'I4']);
    });

    it('says the sheet is empty when there is nothing to score', async () => {
      const h = workbook(name, { Empty: [] });
      await expect(h.host.insertScoreColumns({ sheetName: 'Empty', headerRow: 1, modelSheet: MODEL, fieldMap: {} })).rejects.toThrow(
        'The sheet "Empty" is empty: there are no prospect rows to score.',
      );
    });
  });

  describe('formulas from the other host', () => {
    it('finds the formulas in the other host\'s spelling and rewrites only their names', async () => {
      const h = workbook(name, { Leads: [['Company', 'Employees', 'Score'], ['Acme', 450, ''], ['Bolt', 20, '']] });
      const [theirs, ours] = name === 'excel' ? ['ICP_SCORE', 'ICP.SCORE'] : ['ICP.SCORE', 'ICP_SCORE'];
      const formula = (fn: string) => `=${fn}(A2:B3, A1:B1, 'ICP Model'!A1:H8)`;
      h.setFormula('Leads', 2, 3, formula(theirs), '');
      h.setFormula('Leads', 1, 5, '=UPPER("ICP.SCORE and ICP_SCORE")', '');
      expect(await h.host.findForeignFormulas!()).toEqual({ formulas: 1, sheets: ['Leads'] });
      expect(await h.host.convertForeignFormulas!()).toEqual({ formulas: 1, sheets: ['Leads'] });
      expect(h.formula('Leads', 'C2')).toBe(formula(ours));
      expect(h.formula('Leads', 'E1')).toBe('=UPPER("ICP.SCORE and ICP_SCORE")');
      expect(await h.host.findForeignFormulas!()).toEqual({ formulas: 0, sheets: [] });
    });
  });

  describe('the model sheet changed outside the panel', () => {
    it('tells a watcher when the model sheet\'s cells change, where the host has change events (a Sheets sidebar hears none: the panel polls)', async () => {
      const h = workbook(name);
      if (name === 'sheets') return expect(h.host.watchModel).toBeUndefined();
      let heard = 0;
      const off = await h.host.watchModel!(MODEL, () => heard++);
      h.edit('Prospects', 2, 2, 451);
      await settle();
      expect(heard).toBe(0);
      h.edit(MODEL, 3, 6, 25);
      await vi.waitFor(() => expect(heard).toBe(1));
      off!();
      h.edit(MODEL, 3, 6, 20);
      await settle();
      expect(heard).toBe(1);
    });
  });

  describe('the user goes to another sheet', () => {
    it('tells a watcher, where the host has an event for it (a Sheets sidebar hears none: the panel looks on focus and polls), and activeSheet answers the new sheet', async () => {
      const h = workbook(name, { Leads: TITLED });
      if (name === 'sheets') {
        expect(h.host.watchActiveSheet).toBeUndefined();
        h.activate('Leads');
        return expect((await h.host.activeSheet())?.name).toBe('Leads');
      }
      let heard = 0;
      const off = await h.host.watchActiveSheet!(() => heard++);
      h.edit('Prospects', 2, 2, 451);
      await settle();
      expect(heard).toBe(0);
      h.activate('Leads');
      await vi.waitFor(() => expect(heard).toBe(1));
      expect(await h.host.activeSheet()).toMatchObject({ name: 'Leads', headerRow: 3 });
      off!();
      h.activate('Prospects');
      await settle();
      expect(heard).toBe(1);
    });
  });

  describe('tier summary', () => {
    const scored: WireCell[][] = [['Company', 'ICP Tier', 'Won'], ['Acme', 'Priority', 'Won'], ['Bolt', 'Standard', 'Lost'], ['Cog', 'Priority', '']];

    it('writes the title and source as text and ICP_SUMMARY at A4, on a sheet named after the title', async () => {
      const h = workbook(name, { Scored: scored });
      const request = { scoredSheet: 'Scored', tierColumn: 'ICP Tier', wonColumn: 'Won', modelSheet: MODEL, title: '=Q3 tiers' };
      expect(await h.host.createSummarySheet(request)).toEqual({ sheetName: '=Q3 tiers' });
      const cells = h.values('=Q3 tiers')!;
      expect(cells[0]![0]).toBe('=Q3 tiers');
      expect(cells[1]![0]).toMatch(/^Created 2026-\d\d-\d\d \d\d:\d\d from the sheet "Scored" and the model "ICP Model"\.$/);
      const spelled = name === 'excel' ? 'ICP.SUMMARY' : 'ICP_SUMMARY';
      expect(h.formula('=Q3 tiers', 'A4')).toMatch(new RegExp(`^=${spelled.replace('.', '\\.')}\\('?Scored'?!B2:B\\d*, 'ICP Model'!A1?:H\\d*, '?Scored'?!C2:C\\d*\\)$`));
      expect(h.formula('=Q3 tiers', 'A5')).toBeUndefined();
      expect((await h.host.createSummarySheet(request)).sheetName).toBe('=Q3 tiers (2)');
    });

    it('shows Share and Win rate as percentages and Amount grouped, on every row of the table and no other cell', async () => {
      const h = workbook(name, { Scored: [...scored.map((row, i) => [...row, i === 0 ? 'Amount' : 1000 * i])] });
      const { sheetName } = await h.host.createSummarySheet({ scoredSheet: 'Scored', tierColumn: 'ICP Tier', wonColumn: 'Won', amountColumn: 'Amount', modelSheet: MODEL, title: 'Tiers' });
      // The table under its header at row 4: the SPEC model's tiers Priority and Standard, then
      // Excluded and Total (SPEC §5), rows 5 to 8; nothing below.
      const last = 8;
      for (let row = 5; row <= last; row++) {
        expect([h.numberFormat(sheetName, `C${row}`), h.numberFormat(sheetName, `E${row}`), h.numberFormat(sheetName, `F${row}`)]).toEqual(['0.0%', '0.0%', '#,##0']);
        expect([h.numberFormat(sheetName, `B${row}`), h.numberFormat(sheetName, `D${row}`)]).toEqual([undefined, undefined]);
      }
      expect([h.numberFormat(sheetName, 'C4'), h.numberFormat(sheetName, `C${last + 1}`)]).toEqual([undefined, undefined]);
    });

    it('names the headers there are when the tier column is not on the sheet', async () => {
      const h = workbook(name, { Scored: scored });
      await expect(h.host.createSummarySheet({ scoredSheet: 'Scored', tierColumn: 'Tier', modelSheet: MODEL, title: 'T' })).rejects.toThrow(
        'The sheet "Scored" has no "Tier" column; its headers are "Company", "ICP Tier", "Won". Score the sheet first, or pick another column.',
      );
    });
  });
});
