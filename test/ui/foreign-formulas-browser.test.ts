/**
 * Crossing hosts, in the shared panel (headless Chromium, 300 px): the notice that offers to convert
 * formulas in the other host's spelling, on the standalone page's in-memory workbook (whose own
 * spelling is Sheets') and on a host that says it is Excel or Sheets; and function names in the
 * host's own spelling elsewhere in the panel.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { presetGrid } from '../../core/index.ts';
import { buildPanelHtml } from '../../scripts/panel-html.mjs';
import type { WireCell } from '../../workbook/host.ts';
import type { MemoryHostOptions } from '../../workbook/memory-host.ts';
import { type TestPage, launchChromium, openPage } from '../../support/browser/chromium.ts';
import { type Served, serveHtml } from '../../support/browser/serve.ts';
import { configure, serveStandalonePanel } from '../browser/panel-page.ts';

const MODEL = 'ICP Model';
const PROSPECTS: WireCell[][] = [
  ['Company', 'Employees', 'Industry', 'ICP Score', 'ICP Tier', 'ICP Why'],
  ['Acme', 450, 'SaaS', 85, 'Priority', 'Company size 30/30'],
];
const SUMMARY: WireCell[][] = [['Tier summary'], ['Created 2026-09-30'], [], [], ['Tier', 'Accounts']];
const MODEL_GRID = presetGrid('b2b-saas') as WireCell[][];

let standalone: Served;
let hostPage: Served;
let browser: Browser;
let page: TestPage | undefined;

beforeAll(async () => {
  const html = await buildPanelHtml({ entry: 'test/fakes/panel-host-page.ts', title: 'Panel on a Sheets or Excel host (test)' });
  [standalone, hostPage, browser] = await Promise.all([serveStandalonePanel(), serveHtml(html), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await standalone?.close();
  await hostPage?.close();
});

afterEach(async () => {
  // No page error, no dialog (an injected alert would be one), no request leaving the page.
  const problems = page?.problems ?? [];
  await page?.context().close();
  page = undefined;
  expect(problems).toEqual([]);
});

/** The standalone page on a MemoryHost holding `sheets` and `formulas`. */
async function openStandalone(options: MemoryHostOptions): Promise<TestPage> {
  const config: MemoryHostOptions = { active: 'Prospects', user: 'ana@example.com', latencyMs: 20, ...options };
  page = await openPage(browser, standalone.url, {
    width: 300,
    init: configure,
    initArg: config,
  });
  await page.getByTestId('save-bar').waitFor();
  return page;
}

type Stub = NonNullable<Window['icpPanelHostStub']>;

/** The panel on a host of `kind`, its conversion methods a stand-in (or absent). */
async function openOnHost(kind: Stub['kind'], convert: Stub['convert']): Promise<TestPage> {
  const stub: Stub = { kind, sheets: { Prospects: PROSPECTS, [MODEL]: MODEL_GRID }, convert };
  page = await openPage(browser, hostPage.url, {
    width: 300,
    init: (s: Stub) => {
      window.icpPanelHostStub = s;
    },
    initArg: stub,
  });
  await page.getByTestId('save-bar').waitFor();
  return page;
}

async function idle(p: TestPage): Promise<void> {
  await p.getByTestId('busy').waitFor({ state: 'detached' });
}

const noticeText = (p: TestPage) => p.getByTestId('foreign-formulas-text').textContent();

describe('the notice on the in-memory workbook (Sheets spelling)', { timeout: 30_000 }, () => {
  const scoreFormula = (fn: string) => `=${fn}(A2:C, A1:C1, 'ICP Model'!A1:H)`;

  it('counts the formulas in Excel spelling, converts exactly those, and goes away', async () => {
    const formulas = {
      Prospects: { D2: scoreFormula('ICP.SCORE'), E2: scoreFormula('ICP.TIER'), F2: scoreFormula('ICP_EXPLAIN') },
      Summary: { A5: `=ICP.SUMMARY(Prospects!E2:E, 'ICP Model'!A:H)`, B1: '="ICP.SCORE(" & A1' },
    };
    const p = await openStandalone({ sheets: { Prospects: PROSPECTS, [MODEL]: MODEL_GRID, Summary: SUMMARY }, formulas });
    await p.getByTestId('foreign-formulas').waitFor();
    expect(await p.getByTestId('foreign-formulas').getAttribute('data-count')).toBe('3');
    expect(await noticeText(p)).toBe("3 formulas on 2 sheets (Prospects, Summary) use Excel's spelling, such as ICP.SCORE(. This preview needs ICP_SCORE(.");
    expect(await p.getByTestId('foreign-formulas-convert').textContent()).toBe('Convert all 3 to ICP_SCORE(');

    await idle(p);
    await p.getByTestId('foreign-formulas-convert').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect(await p.getByTestId('notice-text').textContent()).toBe('Converted 3 formulas on 2 sheets to ICP_SCORE( and the like. Nothing else was changed.');
    await p.getByTestId('foreign-formulas').waitFor({ state: 'detached' });

    const after = await p.evaluate(() => ({ prospects: window.icpHost!.formulas('Prospects'), summary: window.icpHost!.formulas('Summary'), cells: window.icpHost!.cells('Prospects') }));
    expect(after.prospects).toEqual({ D2: scoreFormula('ICP_SCORE'), E2: scoreFormula('ICP_TIER'), F2: scoreFormula('ICP_EXPLAIN') });
    expect(after.summary).toEqual({ A5: `=ICP_SUMMARY(Prospects!E2:E, 'ICP Model'!A:H)`, B1: '="ICP.SCORE(" & A1' });
    expect(after.cells).toEqual(PROSPECTS);
    // Looked again after converting, and found none.
    const calls = await p.evaluate(() => window.icpTest!.calls.map((c) => c.method).filter((m) => m.endsWith('ForeignFormulas')));
    expect(calls).toEqual(['findForeignFormulas', 'convertForeignFormulas', 'findForeignFormulas']);
  });

  it('shows no notice when every formula is already in this spelling', async () => {
    const p = await openStandalone({ sheets: { Prospects: PROSPECTS, [MODEL]: MODEL_GRID }, formulas: { Prospects: { D2: scoreFormula('ICP_SCORE'), E2: '="ICP.TIER("' } } });
    await idle(p);
    expect(await p.evaluate(() => window.icpTest!.calls.filter((c) => c.method === 'findForeignFormulas').length)).toBe(1);
    expect(await p.getByTestId('foreign-formulas').count()).toBe(0);
  });
});

describe('the notice on Excel and on Google Sheets', { timeout: 30_000 }, () => {
  it("in Excel names Google Sheets' spelling, shows the busy line while converting, and says how many cells changed", async () => {
    const p = await openOnHost('excel', { foreign: { formulas: 12, sheets: ['Leads', 'Q3 accounts'] }, latencyMs: 600 });
    await p.getByTestId('foreign-formulas').waitFor();
    expect(await noticeText(p)).toBe("12 formulas on 2 sheets (Leads, Q3 accounts) use Google Sheets' spelling, such as ICP_SCORE(. Excel needs ICP.SCORE(.");
    await idle(p);
    await p.getByTestId('foreign-formulas-convert').click();
    expect(await p.getByTestId('busy').textContent()).toBe("Converting the formulas to Excel's spelling…");
    expect(await p.getByTestId('foreign-formulas-convert').isDisabled()).toBe(true);
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect(await p.getByTestId('notice-text').textContent()).toBe('Converted 12 formulas on 2 sheets to ICP.SCORE( and the like. Nothing else was changed.');
    await p.getByTestId('foreign-formulas').waitFor({ state: 'detached' });
    expect(await p.evaluate(() => window.icpPanelHostCalls)).toEqual(['findForeignFormulas', 'convertForeignFormulas', 'findForeignFormulas']);
  });

  it("in Google Sheets names Excel's spelling, and shows a sheet name as text", async () => {
    const p = await openOnHost('sheets', { foreign: { formulas: 1, sheets: ['<img src=x onerror=alert(1)>'] } });
    await p.getByTestId('foreign-formulas').waitFor();
    expect(await noticeText(p)).toBe("1 formula on 1 sheet (<img src=x onerror=alert(1)>) uses Excel's spelling, such as ICP.SCORE(. Google Sheets needs ICP_SCORE(.");
    expect(await p.getByTestId('foreign-formulas-convert').textContent()).toBe('Convert it to ICP_SCORE(');
    expect(await p.locator('.icp-panel img').count()).toBe(0);
  });

  it('lists five sheets and counts the others', async () => {
    const sheets = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'];
    const p = await openOnHost('sheets', { foreign: { formulas: 7, sheets } });
    await p.getByTestId('foreign-formulas').waitFor();
    expect(await noticeText(p)).toBe("7 formulas on 7 sheets (S1, S2, S3, S4, S5 and 2 others) use Excel's spelling, such as ICP.SCORE(. Google Sheets needs ICP_SCORE(.");
  });

  it('says why when converting fails, and keeps the offer', async () => {
    const p = await openOnHost('excel', { foreign: { formulas: 2, sheets: ['Leads'] }, failConvert: 'The workbook is read-only.' });
    await p.getByTestId('foreign-formulas').waitFor();
    await idle(p);
    await p.getByTestId('foreign-formulas-convert').click();
    await p.locator('[data-testid="notice"][data-kind="error"]').waitFor();
    expect(await p.getByTestId('notice-text').textContent()).toBe("Converting the formulas to Excel's spelling failed: The workbook is read-only.");
    expect(await p.getByTestId('foreign-formulas').count()).toBe(1);
  });

  it('goes away on "Not now" without converting', async () => {
    const p = await openOnHost('excel', { foreign: { formulas: 2, sheets: ['Leads'] } });
    await p.getByTestId('foreign-formulas').waitFor();
    await p.getByTestId('foreign-formulas-dismiss').click();
    expect(await p.getByTestId('foreign-formulas').count()).toBe(0);
    expect(await p.evaluate(() => window.icpPanelHostCalls)).toEqual(['findForeignFormulas']);
  });

  it('shows no notice on a host that cannot convert, and asks it nothing', async () => {
    const p = await openOnHost('excel', null);
    await idle(p);
    expect(await p.getByTestId('foreign-formulas').count()).toBe(0);
    expect(await p.evaluate(() => window.icpPanelHostCalls)).toEqual([]);
  });

  it('shows no notice when the host finds none', async () => {
    const p = await openOnHost('sheets', { foreign: { formulas: 0, sheets: [] } });
    await idle(p);
    expect(await p.evaluate(() => window.icpPanelHostCalls)).toEqual(['findForeignFormulas']);
    expect(await p.getByTestId('foreign-formulas').count()).toBe(0);
  });
});

describe('function names in the panel', { timeout: 30_000 }, () => {
  it.each([
    ['excel', 'ICP.SUMMARY'],
    ['sheets', 'ICP_SUMMARY'],
  ] as const)('the Summary tab on %s names %s', async (kind, name) => {
    const p = await openOnHost(kind, null);
    await p.getByTestId('tab-summary').click();
    const hint = p.locator('.summary-view .hint').first();
    expect(await hint.textContent()).toBe(`A new sheet to share: accounts, share, wins, win rate and amount per tier (${name}), and a chart of accounts and win rate by tier.`);
  });
});
