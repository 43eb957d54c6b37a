/**
 * The preview's Host over HyperFormula (preview/host.ts): the rules every host keeps (validate,
 * refuse on conflict, keep history, roll back a failed write), with real formulas recalculating.
 * Scores are worked out by hand from the B2B SaaS model (SPEC §6).
 */
import { HyperFormula } from 'hyperformula';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { presetGrid } from '../../core/index.ts';
import { toRawContent } from '../../preview/cells.ts';
import { HyperFormulaHost, type WorkbookChange } from '../../preview/host.ts';
import { registerIcpFunctions } from '../../preview/plugin.ts';
import { ENGINE_CONFIG } from '../../preview/workbook.ts';
import { HISTORY_SHEET, type WireCell } from '../../workbook/host.ts';
import { fingerprint } from '../../workbook/memory-host.ts';
import { FaultyPort } from '../workbook/faulty-port.ts';

const MODEL = 'ICP Model';
// Size 200–2000 = 30, industry 20, CRM 25, funding 15, RevOps 10; Priority ≥ 70, Standard ≥ 0.
const B2B = presetGrid('b2b-saas') as WireCell[][];
const PROSPECTS: WireCell[][] = [
  ['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Outcome', 'Amount'],
  ['Acme', 450, 'SaaS', 'HubSpot; Gong', 'Series A', 'yes', 'Closed Won', 100], //   85
  ['Beta', 450, 'SaaS', 'HubSpot; Gong', '', 'yes', 'Closed Lost', 200], //         85
  ['Cato', 50, 'Retail', 'Zoho', 'Seed', 'no', 'Won', 300], //                      0
  ['Dune', '201-500', 'software', 'Salesforce, Outreach', 'series c', 'x', '', 400], // 100
];
const NOW = new Date('2026-03-01T10:00:00Z');

let host: HyperFormulaHost | undefined;
/** The host's port, to make a call fail. */
let port: FaultyPort;

function workbook(prospects: WireCell[][] = PROSPECTS, model: WireCell[][] = B2B, options: ConstructorParameters<typeof HyperFormulaHost>[1] = {}) {
  const raw = (cells: WireCell[][]) => cells.map((row) => row.map(toRawContent));
  const engine = HyperFormula.buildFromSheets({ Prospects: raw(prospects), [MODEL]: raw(model) }, ENGINE_CONFIG);
  host = new HyperFormulaHost(engine, { active: 'Prospects', user: 'ana@example.com', now: () => NOW, ...options }, (inner) => (port = new FaultyPort(inner)));
  return host;
}

async function scored(prospects: WireCell[][] = PROSPECTS, model: WireCell[][] = B2B, options = {}) {
  const h = workbook(prospects, model, options);
  await h.insertScoreColumns({ sheetName: 'Prospects', headerRow: 1, modelSheet: MODEL, fieldMap: {} });
  return h;
}

/** A column of a sheet by its header, below the header. */
function columnOf(h: HyperFormulaHost, sheet: string, header: string): WireCell[] {
  const cells = h.values(sheet);
  const index = cells[0]!.indexOf(header);
  if (index < 0) throw new Error(`no ${header} on ${sheet}`);
  return cells.slice(1).map((row) => row[index] ?? '');
}

function formulaAt(h: HyperFormulaHost, sheet: string, a1: string): string | undefined {
  const address = h.engine.simpleCellAddressFromString(a1, h.engine.getSheetId(sheet)!);
  return address ? h.engine.getCellFormula(address) : undefined;
}

async function save(h: HyperFormulaHost, rows: WireCell[][], note = '') {
  const read = await h.readModel(MODEL);
  return h.saveModel({ sheetName: MODEL, rows, baseVersion: read?.version ?? null, note });
}

function withPoints(model: WireCell[][], row: number, points: number): WireCell[][] {
  return model.map((r, i) => (i === row ? r.map((cell, c) => (c === 5 ? points : cell)) : [...r]));
}

beforeAll(() => registerIcpFunctions());
afterEach(() => {
  host?.engine.destroy();
  host = undefined;
});

describe('the preview host: scoring a sheet', () => {
  it('writes ICP Score, ICP Tier and ICP Why after the last header as one array formula each', async () => {
    const h = workbook();
    const result = await h.insertScoreColumns({ sheetName: 'Prospects', headerRow: 1, modelSheet: MODEL, fieldMap: {} });
    expect(result).toEqual({ columns: ['ICP Score', 'ICP Tier', 'ICP Why'], formulaCells: ['I2', 'J2', 'K2'] });
    // The model range reaches 20 blank rows past the model's 8 rows.
    expect(formulaAt(h, 'Prospects', 'I2')).toBe("=ICP_SCORE(A2:H5, A1:H1, 'ICP Model'!A1:H28)");
    expect(formulaAt(h, 'Prospects', 'J2')).toBe("=ICP_TIER(A2:H5, A1:H1, 'ICP Model'!A1:H28)");
    expect(formulaAt(h, 'Prospects', 'K2')).toBe("=ICP_EXPLAIN(A2:H5, A1:H1, 'ICP Model'!A1:H28)");
    expect(formulaAt(h, 'Prospects', 'I3')).toBeUndefined();
    expect(columnOf(h, 'Prospects', 'ICP Score')).toEqual([85, 85, 0, 100]);
    expect(columnOf(h, 'Prospects', 'ICP Tier')).toEqual(['Priority', 'Priority', 'Standard', 'Priority']);
    expect(String(columnOf(h, 'Prospects', 'ICP Why')[2])).toMatch(/^0 \(Standard\) = 0\/100 points/);
  });

  it('reuses the three columns when the sheet is scored again', async () => {
    const h = await scored();
    await h.insertScoreColumns({ sheetName: 'Prospects', headerRow: 1, modelSheet: MODEL, fieldMap: {} });
    expect(h.values('Prospects')[0]).toEqual([...PROSPECTS[0]!, 'ICP Score', 'ICP Tier', 'ICP Why']);
  });

  it('reuses ICP columns that stand beside the account name, reading every other column around them', async () => {
    // The preview's sample layout: Company, then the ICP columns, then the prospect columns.
    const beside = PROSPECTS.map((row, r) => [row[0]!, ...(r === 0 ? ['ICP Score', 'ICP Tier', 'ICP Why'] : ['', '', '']), ...row.slice(1)]);
    const h = workbook(beside);
    const result = await h.insertScoreColumns({ sheetName: 'Prospects', headerRow: 1, modelSheet: MODEL, fieldMap: {} });
    expect(result.formulaCells).toEqual(['B2', 'C2', 'D2']);
    expect(formulaAt(h, 'Prospects', 'B2')).toBe("=ICP_SCORE(HSTACK(A2:A5, E2:K5), HSTACK(A1:A1, E1:K1), 'ICP Model'!A1:H28)");
    expect(columnOf(h, 'Prospects', 'ICP Score')).toEqual([85, 85, 0, 100]);
    expect(columnOf(h, 'Prospects', 'ICP Tier')).toEqual(['Priority', 'Priority', 'Standard', 'Priority']);
    expect(h.values('Prospects')[0]!.slice(0, 5)).toEqual(['Company', 'ICP Score', 'ICP Tier', 'ICP Why', 'Employees']);
    // The joined ranges still recalculate: Cato's industry typed as SaaS is +20 of 100.
    h.setCellInput('Prospects', 3, 5, 'SaaS');
    expect(columnOf(h, 'Prospects', 'ICP Score')[2]).toBe(20);
  });

  it('passes the header row as an array literal with the picked column renamed, leaving the model alone', async () => {
    const renamed = PROSPECTS.map((row, i) => (i === 0 ? row.map((h) => (h === 'Employees' ? 'Headcount' : h)) : row));
    const h = workbook(renamed);
    await h.insertScoreColumns({ sheetName: 'Prospects', headerRow: 1, modelSheet: MODEL, fieldMap: { Employees: 'Headcount' } });
    expect(formulaAt(h, 'Prospects', 'I2')).toBe(
      `=ICP_SCORE(A2:H5, {"Company", "Employees", "Industry", "Tech stack", "Funding stage", "Has RevOps", "Outcome", "Amount"}, 'ICP Model'!A1:H28)`,
    );
    expect(columnOf(h, 'Prospects', 'ICP Score')).toEqual([85, 85, 0, 100]);
    expect(h.values(MODEL)).toEqual(B2B);
  });

  it('recalculates a score when a person edits a prospect cell', async () => {
    const h = await scored();
    h.setCellInput('Prospects', 3, 2, 'SaaS'); // Cato's industry: +20 of 100
    expect(columnOf(h, 'Prospects', 'ICP Score')[2]).toBe(20);
    h.setCellInput('Prospects', 3, 1, '300'); // typed as a number: +30
    expect(columnOf(h, 'Prospects', 'ICP Score')[2]).toBe(50);
  });
});

describe('the preview host: saving the model', () => {
  it('saves over the version it read, recalculates every score, and keeps that version in the hidden history sheet', async () => {
    const h = await scored();
    // Company size 30 → 60: possible 130; Acme 115 → 88.5, Cato 0, Dune 130 → 100.
    const v2 = withPoints(B2B, 1, 60);
    expect(await save(h, v2, 'Size matters more')).toEqual({ ok: true, version: fingerprint(v2) });
    expect(h.values(MODEL)).toEqual(v2);
    expect(columnOf(h, 'Prospects', 'ICP Score')).toEqual([88.5, 88.5, 0, 100]);
    // `rows` counts the replaced version's model rows below its header (B2B: 7), as every host does.
    expect(await h.listHistory(MODEL)).toEqual([{ id: '1', when: NOW.toISOString(), who: 'ana@example.com', note: 'Size matters more', rows: 7 }]);
    expect((await h.readHistory(MODEL, '1')).rows).toEqual(B2B);
    expect(h.visibleSheets()).not.toContain(HISTORY_SHEET);
    expect((await h.listSheets()).map((s) => s.name)).toEqual(['Prospects', MODEL]);
  });

  it('lists the versions newest first across several saves', async () => {
    const h = await scored();
    await save(h, withPoints(B2B, 1, 40), 'first');
    await save(h, withPoints(B2B, 1, 50), 'second');
    expect((await h.listHistory(MODEL)).map((e) => [e.id, e.note])).toEqual([['2', 'second'], ['1', 'first']]);
    expect((await h.readHistory(MODEL, '2')).rows[1]![5]).toBe(40);
  });

  it('refuses a model the core cannot read, with the core sentence, and leaves the sheet alone', async () => {
    const h = await scored();
    const broken = B2B.map((row, i) => (i === 2 ? row.map((cell, c) => (c === 3 ? 'betwen' : cell)) : [...row]));
    const result = await save(h, broken);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.reason === 'error' && result.message).toMatch(/^Nothing was saved: .*unknown rule "betwen"/);
    expect(h.values(MODEL)).toEqual(B2B);
    expect(h.historyRows()).toEqual([]);
  });

  it('answers conflict with the current rows when the sheet changed since the panel read it, writing nothing', async () => {
    const h = await scored();
    const read = await h.readModel(MODEL);
    h.setCellInput(MODEL, 1, 5, '35'); // someone edits the sheet by hand
    const result = await h.saveModel({ sheetName: MODEL, rows: withPoints(B2B, 1, 60), baseVersion: read!.version, note: '' });
    const current = withPoints(B2B, 1, 35);
    expect(result).toEqual({ ok: false, reason: 'conflict', current: { sheetName: MODEL, rows: current, version: fingerprint(current) } });
    expect(h.values(MODEL)).toEqual(current);
    expect(h.historyRows()).toEqual([]);
  });

  it('leaves the model, the history and every score as they were when the write fails half-way', async () => {
    const h = await scored();
    await save(h, withPoints(B2B, 1, 40), 'kept');
    const before = { model: h.values(MODEL), history: h.values(HISTORY_SHEET), scores: columnOf(h, 'Prospects', 'ICP Score') };
    port.faults.push({ call: 'write', sheet: MODEL, when: 'halfway', message: 'the connection dropped' });
    const result = await save(h, withPoints(B2B, 1, 60));
    expect(result).toEqual({ ok: false, reason: 'error', message: 'The model could not be saved, so the sheet "ICP Model" was left as it was: the connection dropped' });
    expect(h.values(MODEL)).toEqual(before.model);
    expect(h.values(HISTORY_SHEET)).toEqual(before.history);
    expect(columnOf(h, 'Prospects', 'ICP Score')).toEqual(before.scores);
  });

  it('stretches every formula over a model that grows past the rows they read', async () => {
    const h = await scored();
    // 8 model rows + 20 slack = rows 1–28. Add 25 persona rows, then a criterion on row 34.
    const personas: WireCell[][] = Array.from({ length: 25 }, (_, i) => ['persona', `P${i}`, 'Title', 'contains any', `Role ${i}`, '', '', '']);
    const longer = [...B2B, ...personas, ['criterion', 'Won before', 'Outcome', 'is any of', 'Closed Won', 100, 'History', '']];
    expect(await save(h, longer)).toMatchObject({ ok: true });
    // Possible 100 + 100; Acme 85 + 100 → 92.5, Beta 85 → 42.5, Dune 100 → 50.
    expect(columnOf(h, 'Prospects', 'ICP Score')).toEqual([92.5, 42.5, 0, 50]);
    expect(formulaAt(h, 'Prospects', 'I2')).toMatch(/'ICP Model'!A1:H(\d+)\)$/);
    expect(Number(/H(\d+)\)$/.exec(formulaAt(h, 'Prospects', 'I2')!)![1])).toBeGreaterThanOrEqual(longer.length);
  });

  it('keeps text as text: a note that looks like a formula and a value with a percent sign', async () => {
    const h = await scored();
    const rows = B2B.map((row, i) => (i === 1 ? ['criterion', 'Company size', 'Employees', 'at least', '20%', 30, 'Firmographics', '=1+1'] : [...row]));
    expect(await save(h, rows)).toMatchObject({ ok: true });
    expect(h.values(MODEL)[1]).toEqual(['criterion', 'Company size', 'Employees', 'at least', '20%', 30, 'Firmographics', '=1+1']);
    expect(formulaAt(h, MODEL, 'H2')).toBeUndefined();
  });

  it('creates the model sheet when there is none, from a null base version', async () => {
    const engine = HyperFormula.buildFromSheets({ Prospects: PROSPECTS.map((r) => r.map(toRawContent)) }, ENGINE_CONFIG);
    host = new HyperFormulaHost(engine);
    const changes: WorkbookChange[] = [];
    host.onChange((c) => changes.push(c));
    expect(await host.readModel(MODEL)).toBeNull();
    expect(await host.saveModel({ sheetName: MODEL, rows: B2B, baseVersion: null, note: '' })).toMatchObject({ ok: true });
    expect(host.values(MODEL)).toEqual(B2B);
    expect(host.historyRows()).toEqual([]);
    expect(changes).toEqual([{ kind: 'sheets' }]);
  });
});

describe('the preview host: the rest of the panel’s calls', () => {
  it('creates a titled, dated summary sheet with one ICP_SUMMARY formula and makes it the active sheet', async () => {
    const h = await scored();
    const changes: WorkbookChange[] = [];
    h.onChange((c) => changes.push(c));
    const request = { scoredSheet: 'Prospects', tierColumn: 'ICP Tier', wonColumn: 'Outcome', amountColumn: 'Amount', modelSheet: MODEL, title: 'Q1 tiers' };
    expect(await h.createSummarySheet(request)).toEqual({ sheetName: 'Q1 tiers' });
    // HyperFormula drops the quotes a sheet name does not need.
    // Ranges run one row past the data (preview/host.ts: HyperFormula fails on a range that is exactly an array result).
    expect(formulaAt(h, 'Q1 tiers', 'A4')).toBe("=ICP_SUMMARY(Prospects!J2:J6, 'ICP Model'!A1:H28, Prospects!G2:G6, Prospects!H2:H6)");
    // Priority: Acme won, Beta lost, Dune open; Standard: Cato won.
    expect(h.values('Q1 tiers')).toEqual([
      ['Q1 tiers', '', '', '', '', ''],
      [`Created ${NOW.toISOString().slice(0, 16).replace('T', ' ')} from the sheet "Prospects" and the model "ICP Model".`, '', '', '', '', ''],
      ['', '', '', '', '', ''],
      ['Tier', 'Accounts', 'Share', 'Won', 'Win rate', 'Amount'],
      ['Priority', 3, 0.75, 1, 0.5, 100],
      ['Standard', 1, 0.25, 1, 1, 300],
      ['Excluded', 0, 0, 0, '', 0],
      ['Total', 4, 1, 2, 2 / 3, 400],
    ].map((row) => row.map((cell) => (typeof cell === 'number' ? expect.closeTo(cell, 10) : cell))));
    expect(h.activeSheetName()).toBe('Q1 tiers');
    expect(changes).toEqual([{ kind: 'sheets' }, { kind: 'active', sheet: 'Q1 tiers' }]);
    expect(await h.createSummarySheet(request)).toEqual({ sheetName: 'Q1 tiers (2)' });
  });

  it('names the columns there are when a summary asks for one that is not', async () => {
    const h = await scored();
    await expect(h.createSummarySheet({ scoredSheet: 'Prospects', tierColumn: 'Tier', modelSheet: MODEL, title: 'x' })).rejects.toThrow(
      /The sheet "Prospects" has no "Tier" column; its headers are "Company", "Employees"/,
    );
  });

  it('reads the active sheet, its header row and rows with computed scores', async () => {
    const h = await scored();
    expect(await h.activeSheet()).toEqual({
      name: 'Prospects',
      headerRow: 1,
      headers: [...(PROSPECTS[0] as string[]), 'ICP Score', 'ICP Tier', 'ICP Why'],
      dataRows: 4,
    });
    const { rows } = await h.readRows('Prospects', 2);
    expect(rows.map((row) => row[8])).toEqual([85, 85]);
    h.setActive(MODEL);
    expect((await h.activeSheet())?.name).toBe(MODEL);
    expect(() => h.setActive('Nowhere')).toThrow('There is no sheet named "Nowhere" in this workbook; its sheets are "Prospects", "ICP Model".');
  });

  it('makes what a person types a formula, a number, or text, as a spreadsheet does', () => {
    const h = workbook();
    h.setCellInput('Prospects', 1, 8, '=1+1');
    h.setCellInput('Prospects', 2, 8, '450');
    h.setCellInput('Prospects', 3, 8, "'450");
    expect(columnOf(h, 'Prospects', '').slice(0, 3)).toEqual([2, 450, '450']);
  });
});
