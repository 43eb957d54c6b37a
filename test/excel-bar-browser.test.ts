/**
 * The Excel bar (above the panel in Excel) in headless Chromium, on a stand-in for the Excel host:
 * the offer to convert Google Sheets formula names, the warning about blank cells Excel desktop
 * passes as 0, and cell text shown as text.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildPanelHtml } from '../scripts/panel-html.mjs';
import { type TestPage, launchChromium, openPage } from './browser/chromium.ts';
import { type Served, serveHtml } from './browser/serve.ts';

let server: Served;
let browser: Browser;
let page: TestPage | undefined;

beforeAll(async () => {
  const html = await buildPanelHtml({ entry: 'test/fakes/excel-bar-page.ts', title: 'Excel bar (test)' });
  [server, browser] = await Promise.all([serveHtml(html), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  const problems = page?.problems ?? [];
  await page?.context().close();
  page = undefined;
  expect(problems).toEqual([]);
});

type Stub = NonNullable<Window['icpExcelBarStub']>;

async function open(stub: Stub): Promise<TestPage> {
  page = await openPage(browser, server.url, {
    width: 300,
    init: (s: Stub) => {
      window.icpExcelBarStub = s;
    },
    initArg: stub,
  });
  await page.getByTestId('excel-check').waitFor();
  await page.locator('[data-testid="excel-check"]:not([disabled])').waitFor();
  return page;
}

describe('the Excel bar', { timeout: 30_000 }, () => {
  it('offers to convert formulas with Google Sheets names, converts on a click, and says what it changed', async () => {
    const p = await open({ foreign: { formulas: 3, sheets: ['Leads', '<img src=x onerror=alert(1)>'] }, active: 'Leads', blanks: [] });
    const offer = p.getByTestId('convert-offer');
    expect(await offer.textContent()).toContain('This workbook has 3 formulas with Google Sheets names (such as ICP_SCORE) in Leads, <img src=x onerror=alert(1)>.');
    await p.getByTestId('convert-formulas').click();
    expect(await p.getByTestId('convert-result').textContent()).toContain('Converted 3 formulas in 2 sheets; nothing else was changed.');
    await expect.poll(() => p.getByTestId('convert-offer').count()).toBe(0);
    expect(await p.evaluate(() => window.icpExcelBarCalls)).toContain('convertSheetsFormulas');
  });

  it('says so when converting fails, and keeps the offer', async () => {
    const p = await open({ foreign: { formulas: 1, sheets: ['Leads'] }, active: 'Leads', blanks: [], failConvert: 'The workbook is read-only.' });
    await p.getByTestId('convert-formulas').click();
    expect(await p.getByTestId('excel-problem').textContent()).toBe('Converting the formulas failed: The workbook is read-only.');
    expect(await p.getByTestId('convert-offer').count()).toBe(1);
  });

  it('warns about blank cells in the active sheet that Excel desktop would pass as 0, column by column', async () => {
    const p = await open({ foreign: { formulas: 0, sheets: [] }, active: 'Leads', blanks: [{ header: 'Employees', blanks: 3 }, { header: 'Has RevOps', blanks: 1 }] });
    const warning = p.getByTestId('blank-warning');
    expect(await warning.textContent()).toContain('On Leads, these columns have blank cells and are read by number or yes/no rules');
    expect(await p.getByTestId('blank-column').allTextContents()).toEqual(['Employees: 3 blank cells', 'Has RevOps: 1 blank cell']);
    expect(await p.getByTestId('convert-offer').count()).toBe(0);
    expect(await p.evaluate(() => window.icpExcelBarCalls)).toContain('blankNumericCells Leads ICP Model');
  });

  it('shows nothing to act on for a workbook with neither', async () => {
    const p = await open({ foreign: { formulas: 0, sheets: [] }, active: 'Leads', blanks: [] });
    expect(await p.getByTestId('convert-offer').count()).toBe(0);
    expect(await p.getByTestId('blank-warning').count()).toBe(0);
  });
});
