/**
 * The local preview with a keyboard and a screen reader: the real server (`npm start`'s), headless
 * Chromium at 1400×900. The grid is an ARIA grid (rows, cells, headers, the selected cell named by
 * aria-activedescendant) that Tab and Shift+Tab leave; from the top of the page the keyboard alone
 * reaches the panel's tabs, the Learn button and Save, and comes back out; Ctrl+S saves; and
 * axe-core finds no serious or critical WCAG 2.1 A/AA violation in either look of the panel.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPreview } from '../../scripts/build-preview.mjs';
import { loadAxe, seriousViolations } from '../browser/axe.ts';
import { type TestPage, launchChromium, openPage } from '../../support/browser/chromium.ts';
import { type PreviewServer, freePort, startPreviewServer } from '../../support/preview-server.ts';

let server: PreviewServer;
let browser: Browser;
let page: TestPage;

beforeAll(async () => {
  await buildPreview();
  [server, browser] = await Promise.all([startPreviewServer(await freePort()), launchChromium()]);
  page = await openPage(browser, server.url, { width: 1400, height: 900 });
  await page.locator('[data-testid="grid"] td[data-cell="B2"]').waitFor();
  await page.getByTestId('save-bar').waitFor();
  await loadAxe(page);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The focused element: its test id, else its tag. */
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);
const address = () => page.getByTestId('cell-address').textContent();

/** Presses `key` until the focus is on `testid` (at most `most` times); the presses it took. */
async function pressTo(key: string, testid: string, most: number): Promise<number> {
  for (let presses = 1; presses <= most; presses++) {
    await page.keyboard.press(key);
    if ((await focused()) === testid) return presses;
  }
  throw new Error(`${most} presses of ${key} did not reach ${testid} (the focus is on ${await focused()})`);
}

describe('the preview with the keyboard and a screen reader', { timeout: 30_000 }, () => {
  it('from the top of the page reaches the panel’s tabs and the Learn button with the keyboard alone, and comes back out', async () => {
    // Nothing has had the focus yet; the keyboard starts at the page's top (its header).
    expect(await focused()).toBe('BODY');
    await page.mouse.click(700, 10);
    // The look switch, the formula bar, the grid, the open sheet's tab: then the panel.
    expect(await pressTo('Tab', 'grid', 6)).toBeLessThanOrEqual(4);
    expect(await pressTo('Tab', 'tab-model', 3)).toBe(2);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('tab-learn');
    expect(await page.getByTestId('tab-learn').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('learn-run').waitFor();
    expect(await page.getByTestId('learn-run').isEnabled()).toBe(true);
    expect(await pressTo('Tab', 'learn-run', 15)).toBeLessThanOrEqual(12);
    // And back out of the panel to the grid.
    expect(await pressTo('Shift+Tab', 'grid', 20)).toBeLessThanOrEqual(16);
  });

  it('exposes the grid as rows and cells: the selected cell named by the grid, its column header and its row number', async () => {
    const grid = page.getByTestId('grid');
    expect(await grid.getAttribute('role')).toBe('grid');
    expect(await grid.getAttribute('aria-label')).toBe('Sheet Prospects');
    expect(Number(await grid.getAttribute('aria-rowcount'))).toBeGreaterThan(500);
    await page.locator('[data-testid="grid"] td[data-cell="B2"]').click();
    const active = await grid.getAttribute('aria-activedescendant');
    const cell = page.locator(`#${active}`);
    expect(await cell.getAttribute('data-cell')).toBe('B2');
    expect(await cell.getAttribute('role')).toBe('gridcell');
    expect(await cell.getAttribute('aria-selected')).toBe('true');
    expect(await cell.textContent()).toMatch(/^\d+(\.\d)?$/);
    // The cell's row and column, as a screen reader finds them: the row's header, the column's header.
    const { row, columnHeader, rowHeader, corner } = await cell.evaluate((td) => {
      const tr = td.closest('[role="row"]')!;
      const index = td.getAttribute('aria-colindex');
      const head = document.querySelector(`[data-testid="grid"] [role="columnheader"][aria-colindex="${index}"]`)!;
      return {
        row: tr.getAttribute('aria-rowindex'),
        columnHeader: head.getAttribute('aria-label') ?? head.textContent,
        rowHeader: tr.querySelector('[role="rowheader"]')!.textContent,
        corner: document.querySelector('[data-testid="grid"] [role="columnheader"][aria-colindex="1"]')!.textContent,
      };
    });
    expect({ row, columnHeader, rowHeader, corner }).toEqual({ row: '3', columnHeader: 'B: ICP Score', rowHeader: '2', corner: 'Row' });
    // Every row holds cells, and every cell is in a row (axe: aria-required-children / parent).
    expect(await page.locator('[data-testid="grid"] [role="row"] > :not([role="gridcell"], [role="columnheader"], [role="rowheader"])').count()).toBe(0);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator(`#${await grid.getAttribute('aria-activedescendant')}`).getAttribute('data-cell')).toBe('B3');
  });

  it('moves the selection with the arrow keys and leaves the grid with Tab and Shift+Tab; Tab moves right only while editing', async () => {
    await page.locator('[data-testid="grid"] td[data-cell="A2"]').click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await address()).toBe('B3');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('sheet-tab');
    expect(await address()).toBe('B3');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('grid');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('formula-bar');
    await page.keyboard.press('Tab');
    // Editing, Tab commits and moves right, as in a spreadsheet; Escape cancels an edit.
    await page.locator('[data-testid="grid"] td[data-cell="F3"]').click();
    await page.keyboard.press('F2');
    expect(await focused()).toBe('cell-editor');
    await page.keyboard.press('Tab');
    expect([await focused(), await address()]).toEqual(['grid', 'G3']);
  });

  it('has no serious or critical WCAG 2.1 A/AA violation with the panel in the Google Sheets look', async () => {
    expect(await page.locator('.icp-panel').getAttribute('data-theme')).toBe('google');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('has no serious or critical WCAG 2.1 A/AA violation with the panel in the Excel look', async () => {
    await page.getByTestId('look-excel').click();
    expect(await page.locator('.icp-panel').getAttribute('data-theme')).toBe('fluent');
    expect(await seriousViolations(page)).toEqual([]);
  });
  it('reaches Save past every field with Skip to Save, and saves with Ctrl+S', async () => {
    await page.getByTestId('grid').focus();
    expect(await pressTo('Tab', 'tab-learn', 3)).toBe(2);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('tab-model');
    // A weight changed (a save with nothing changed writes nothing), then back on the tab.
    await page.locator('[data-row="2"] [data-testid="cell-Points"]').fill('24');
    await page.getByTestId('tab-model').focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('skip-to-save');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('save');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('save-note');
    await page.keyboard.type('Saved from the keyboard');
    // The sample workbook has no history yet: the save makes it, with this note.
    await page.keyboard.press('Control+s');
    await page.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect((await page.evaluate(() => window.icpPreview!.values('ICP Model History'))).flat()).toContain('Saved from the keyboard');
    expect((await page.evaluate(() => window.icpPreview!.values('ICP Model')))[1]![5]).toBe(24);
    // 25 points down to 24 of the sample's 110: the notice also says why the scores move.
    expect(await page.getByTestId('announcement').textContent()).toBe(
      'Saved "ICP Model". The version it replaced is in the history. ' +
        'Scores are out of the possible total, which fell from 110 to 109 pts: a prospect whose points are unchanged now scores 0.9% higher.',
    );
  });
});
