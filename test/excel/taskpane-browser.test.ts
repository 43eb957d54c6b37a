/**
 * The built Excel task pane (dist/excel/taskpane.html) in headless Chromium, served as
 * `npm run serve:excel` serves it (over http here), with office.js from the @microsoft/office-js
 * package. There is no Office host, so Office.onReady gives host null and the page runs as the
 * standalone preview on an in-memory workbook: load a preset, edit, validate.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../scripts/serve-excel.mjs';
import { type TestPage, launchChromium, openPage } from '../../support/browser/chromium.ts';

let browser: Browser;
let base: string;
let close: () => Promise<void>;
let page: TestPage | undefined;

beforeAll(async () => {
  const server = createServer(createHandler({ site: 'dist/excel' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
});

/**
 * office.js, loaded outside Office, may try to open Microsoft's telemetry frame. openPage blocks
 * every request that leaves the local server (and lists it); that one is expected and harmless,
 * and each test shows the page works with it blocked.
 */
const OFFICE_TELEMETRY = /^request to https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\//;

afterEach(async () => {
  // No page error, no dialog, and no request leaving the local server but office.js's telemetry.
  const problems = (page?.problems ?? []).filter((problem) => !OFFICE_TELEMETRY.test(problem));
  await page?.context().close();
  page = undefined;
  expect(problems).toEqual([]);
});

function cell(p: TestPage, row: number, column: string) {
  return p.locator(`[data-row="${row}"] [data-testid="cell-${column}"]`);
}

describe('the Excel task pane outside Office', { timeout: 30_000 }, () => {
  it('loads office.js from the local server, finds no Office host, and runs the panel as a preview', async () => {
    page = await openPage(browser, `${base}taskpane.html`, { width: 320 });
    await page.getByTestId('preview-notice').waitFor();
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
    expect(loaded).toContain(`${base}office-js/office.js`);
    expect(await page.evaluate(() => document.documentElement.dataset.mode)).toBe('preview');
    // office.js ran and answered: no host.
    expect(await page.evaluate(() => typeof (window as { Office?: unknown }).Office)).toBe('object');
    // The custom functions loaded into the page as they would in the shared runtime (no CustomFunctions here, so none registered).
    expect(await page.evaluate(() => typeof (window as { IcpExcelFunctions?: unknown }).IcpExcelFunctions)).toBe('object');
    await page.getByTestId('no-model-sheet').waitFor();
  });

  it('loads a preset, edits it, and validates as the person types', async () => {
    page = await openPage(browser, `${base}taskpane.html`, { width: 320 });
    const p = page;
    await p.getByTestId('preview-notice').waitFor();
    await p.getByTestId('preset-select').selectOption('b2b-saas');
    await expect.poll(() => p.getByTestId('criterion').count()).toBe(5);
    // The demo sheet calls it "Employee Count": a warning, not a problem.
    expect(await p.getByTestId('problem').count()).toBe(0);
    expect(await p.getByTestId('warnings').textContent()).toContain('1 Field is not a column of "Prospects"');

    await cell(p, 3, 'Rule').fill('betwen');
    const issue = p.locator('[data-row="3"] [data-testid="row-issue"]');
    expect(await issue.textContent()).toBe('Row 3: unknown rule "betwen" — did you mean "between"?');
    expect(await cell(p, 3, 'Rule').getAttribute('aria-invalid')).toBe('true');

    await cell(p, 3, 'Rule').fill('is any of');
    await expect.poll(() => issue.count()).toBe(0);
    await cell(p, 2, 'Points').fill('40');
    expect(await p.locator('[data-testid="criterion"][data-name="Company size"] [data-testid="criterion-share"]').textContent()).toContain('36% (40 pts)');
    expect(await p.getByTestId('problem').count()).toBe(0);

    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    const saved = await p.evaluate(() => window.icpHost!.cells('ICP Model'));
    expect(saved![1]).toEqual(['criterion', 'Company size', 'Employees', 'between', '200-2000', 40, 'Firmographics', '']);
  });
});
