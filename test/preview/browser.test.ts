/**
 * The local preview as a newcomer sees it after `npm start`: the real server (a child process),
 * headless Chromium at 1400×900, the grid of the sample workbook beside the panel. A weight
 * changed and saved in the panel recalculates the scores and the summary; a prospect cell edited
 * in the grid recalculates its score. Every expected value is the core scoring the committed CSV
 * rows directly, with the same edit applied. Takes a 1400×900 screenshot; with PREVIEW_SCREENSHOT=1
 * it rewrites docs/preview.png, the README's.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cell, bindModel, evaluateRow, readModel, summarize } from '../../core/index.ts';
import { SAMPLE_FILES, SAMPLES_DIR } from '../../samples/generate.ts';
import { buildPreview } from '../../scripts/build-preview.mjs';
import { type TestPage, launchChromium, openPage } from '../../support/browser/chromium.ts';
import { parseCsvText } from './csv.ts';
import { type PreviewServer, freePort, portInUse, startPreviewServer } from '../../support/preview-server.ts';

/** The README screenshot is rewritten only when asked (PREVIEW_SCREENSHOT=1); otherwise it goes to a temporary folder. */
const SCREENSHOT = process.env.PREVIEW_SCREENSHOT
  ? path.join('docs', 'preview.png')
  : path.join(mkdtempSync(path.join(tmpdir(), 'icp-preview-')), 'preview.png');
const prospects = parseCsvText(readFileSync(path.join(SAMPLES_DIR, SAMPLE_FILES.prospects), 'utf8'));
const modelRows = parseCsvText(readFileSync(path.join(SAMPLES_DIR, SAMPLE_FILES.model), 'utf8'));
const HEADERS = prospects[0]!;
const column = (header: string) => HEADERS.indexOf(header);
/** The model row edited in the panel: sheet row 2, "Company size" between 250-2500, 25 points. */
const SIZE_ROW = 2;
const NEW_POINTS = 5;

/** The core's score and tier for every prospect under a model, straight from the CSV text. */
function coreScores(model: Cell[][], rows: Cell[][] = prospects.slice(1)) {
  const bound = bindModel(readModel(model), HEADERS);
  return rows.map((row) => evaluateRow(bound, row));
}

/** The grid shows scores as the engine holds them: one decimal at most. */
const shown = (score: number | null) => (score === null ? '' : String(score));

const original = modelRows as Cell[][];
const edited = original.map((row, i) => (i === SIZE_ROW - 1 ? row.map((cell, c) => (c === 5 ? NEW_POINTS : cell)) : row));

let server: PreviewServer;
let browser: Browser;
let page: TestPage;

beforeAll(async () => {
  expect(modelRows[SIZE_ROW - 1]!.slice(1, 6)).toEqual(['Company size', 'Employees', 'between', '250-2500', '25']);
  await buildPreview();
  // Scrollbars drawn as a desktop browser draws them: the test checks the grid shows one.
  [server, browser] = await Promise.all([startPreviewServer(await freePort()), launchChromium({ showScrollbars: true })]);
  page = await openPage(browser, server.url, { width: 1400, height: 900 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const cell = (address: string) => page.locator(`[data-testid="grid"] td[data-cell="${address}"]`);
const tab = (sheet: string) => page.locator(`[data-testid="sheet-tab"][data-sheet="${sheet}"]`);

async function openSheet(sheet: string): Promise<void> {
  await tab(sheet).click();
  await expect.poll(() => tab(sheet).getAttribute('aria-selected')).toBe('true');
}

/** Selects a cell with the keyboard, from A1, and waits for the address box to show it. */
async function goTo(row: number, columnIndex: number): Promise<void> {
  await cell('A1').click();
  for (let r = 0; r < row; r++) await page.keyboard.press('ArrowDown');
  for (let c = 0; c < columnIndex; c++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.getByTestId('cell-address').textContent()).toBe(`${String.fromCharCode(65 + columnIndex)}${row + 1}`);
}

describe('the local preview in Chromium', { timeout: 60_000 }, () => {
  it('opens on the scored prospects, each score a real formula giving what the core gives', async () => {
    await cell('B2').waitFor();
    expect(await page.getByTestId('sheet-tab').allTextContents()).toEqual([
      'Prospects', 'Closed deals', 'ICP Model', 'ICP Summary', 'Closed deals by tier', 'Backtest',
    ]);
    const expected = coreScores(original);
    // The ICP columns stand beside the account name; the formulas read every other column.
    expect(await page.locator('[data-testid="grid"] thead td').evaluateAll((tds) => tds.slice(0, 6).map((td) => td.textContent))).toEqual([
      'Company', 'ICP Score', 'ICP Tier', 'ICP Why', 'ICP Persona', 'Employees',
    ]);
    for (const row of [2, 3, 4, 5]) {
      expect(await cell(`B${row}`).textContent()).toBe(shown(expected[row - 2]!.score));
      expect(await cell(`C${row}`).textContent()).toBe(expected[row - 2]!.tier);
    }
    await goTo(1, 1);
    expect(await page.getByTestId('formula-bar').inputValue()).toMatch(/^=ICP_SCORE\(HSTACK\(A2:A501, E2:P501\), HSTACK\(A1:A1, E1:P1\), 'ICP Model'!A1:H\d+\)$/);
    await goTo(2, 1);
    // B3 is part of the array that B2 spills: the bar shows B2's formula.
    expect(await page.getByTestId('formula-bar').inputValue()).toMatch(/^=ICP_SCORE\(/);
    expect(await page.getByTestId('cell-value').textContent()).toBe(`(from B2) ${shown(expected[1]!.score)}`);
  });

  it('shows the ICP scores on the first screen, beside the frozen account name, with every column reachable', async () => {
    const grid = page.getByTestId('grid');
    const box = (await grid.boundingBox())!;
    expect(await grid.evaluate((g) => [g.scrollLeft, g.scrollTop])).toEqual([0, 0]);
    const inView = async (address: string) => {
      const b = (await cell(address).boundingBox())!;
      return b.x >= box.x && b.y >= box.y && b.x + b.width <= box.x + box.width && b.y + b.height <= box.y + box.height && b.x + b.width <= 1400 && b.y + b.height <= 900;
    };
    expect(await cell('B1').textContent()).toBe('ICP Score');
    for (const address of ['A1', 'B1', 'C1', 'D1', 'E1', 'A2', 'B2', 'C2', 'B20', 'C20']) expect(await inView(address), address).toBe(true);
    expect(await cell('B2').textContent()).toMatch(/^\d+(\.\d)?$/);
    expect(await cell('C2').textContent()).not.toBe('');
    // A horizontal scrollbar takes room under the rows, and the last column can be scrolled to,
    // with the account name still beside it.
    const [bar, wider] = await grid.evaluate((g) => [(g as HTMLElement).offsetHeight - g.clientHeight, g.scrollWidth > g.clientWidth] as const);
    expect(bar).toBeGreaterThan(0);
    expect(wider).toBe(true);
    const lastColumn = String.fromCharCode(65 + HEADERS.length + 3);
    expect(await cell(`${lastColumn}1`).textContent()).toBe(HEADERS.at(-1));
    await grid.evaluate((g) => g.scrollTo({ left: g.scrollWidth }));
    await expect.poll(() => inView(`${lastColumn}1`)).toBe(true);
    expect(await inView('A2')).toBe(true);
    await grid.evaluate((g) => g.scrollTo({ left: 0 }));
  });

  it('scores the closed deals right after the first screen: Closed deals, its summary and the backtest fill in', async () => {
    await openSheet('Closed deals');
    await expect.poll(() => cell('B2').textContent()).toMatch(/^\d+(\.\d)?$/);
    expect(await cell('C1').textContent()).toBe('ICP Tier');
    await openSheet('Backtest');
    await expect.poll(() => cell('I3').textContent()).toBe('Model row');
    expect(await page.evaluate(() => performance.getEntriesByName('icp:complete').length)).toBe(1);
    await openSheet('Prospects');
  });

  it('has the panel’s Score tab follow the sheet tab clicked in the grid', async () => {
    await page.getByTestId('tab-score').click();
    const shownSheet = () => page.getByTestId('active-sheet').textContent();
    await expect.poll(shownSheet).toBe('Prospects: header row 1, 500 rows');
    await openSheet('Closed deals');
    await expect.poll(shownSheet).toBe('Closed deals: header row 1, 1000 rows');
    await openSheet('Prospects');
    await expect.poll(shownSheet).toBe('Prospects: header row 1, 500 rows');
    await page.getByTestId('tab-model').click();
  });

  it('recalculates the scores and the summary when a weight is changed and saved in the panel', async () => {
    const before = coreScores(original);
    const after = coreScores(edited);
    const changed = after.findIndex((r, i) => r.score !== before[i]!.score);
    expect(changed).toBeGreaterThanOrEqual(0);
    const address = `B${changed + 2}`;
    expect(await cell(address).textContent()).toBe(shown(before[changed]!.score));

    const points = page.locator(`[data-row="${SIZE_ROW}"] [data-testid="cell-Points"]`);
    expect(await points.inputValue()).toBe('25');
    await points.fill(String(NEW_POINTS));
    await page.getByTestId('save-note').fill('Mid-size matters less');
    await page.getByTestId('save').click();
    await page.locator('[data-testid="notice"][data-kind="success"]').waitFor();

    await expect.poll(() => cell(address).textContent()).toBe(shown(after[changed]!.score));
    // The changed score flashes, so the save is seen to do something; the company name does not.
    expect(await cell(address).getAttribute('class')).toContain('pv-changed');
    expect(await cell(`A${changed + 2}`).getAttribute('class')).not.toContain('pv-changed');
    expect(await cell('B2').textContent()).toBe(shown(after[0]!.score));

    // The ICP Summary sheet: ICP_SUMMARY over the tier column, recalculated too.
    const model = readModel(edited);
    const summary = summarize(after.map((r) => r.tier), model);
    const oldSummary = summarize(before.map((r) => r.tier), readModel(original));
    expect(summary[0]!.accounts).not.toBe(oldSummary[0]!.accounts);
    await openSheet('ICP Summary');
    expect(await cell('A4').textContent()).toBe('Tier');
    for (const [i, row] of summary.entries()) {
      expect(await cell(`A${5 + i}`).textContent()).toBe(row.tier);
      expect(await cell(`B${5 + i}`).textContent()).toBe(String(row.accounts));
    }
    await goTo(4, 0);
    // One row past the 500 prospects: HyperFormula fails on a range that is exactly an array result.
    expect(await page.getByTestId('formula-bar').inputValue()).toMatch(/^=ICP_SUMMARY\(Prospects!C2:C502, 'ICP Model'!A1:H\d+\)$/);
  });

  it('switches the panel between the Sheets and the Excel look, keeping what is typed in it', async () => {
    const panel = page.locator('.icp-panel');
    expect(await panel.getAttribute('data-theme')).toBe('google');
    await page.getByTestId('save-note').fill('half-written note');
    await page.getByTestId('look-excel').click();
    expect(await panel.getAttribute('data-theme')).toBe('fluent');
    expect(await page.getByTestId('look-excel').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('save-note').inputValue()).toBe('half-written note');
    expect(new URL(page.url()).searchParams.get('look')).toBe('excel');
    await page.getByTestId('look-sheets').click();
    expect(await panel.getAttribute('data-theme')).toBe('google');
    await page.getByTestId('save-note').fill('');
  });

  it('saves a screenshot of the scored prospects beside the panel', async () => {
    await openSheet('Prospects');
    await goTo(1, 3); // D2: ICP Why, the explanation of the first prospect
    expect(await page.getByTestId('formula-bar').inputValue()).toMatch(/^=ICP_EXPLAIN\(/);
    // After the save's flash has faded.
    await expect.poll(() => page.locator('.pv-changed').count(), { timeout: 5000 }).toBe(0);
    await page.screenshot({ path: SCREENSHOT });
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16–23.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1400, 900]);
  });

  it('recalculates a prospect’s score when one of its cells is edited in the grid', async () => {
    await openSheet('Prospects');
    const employees = column('Employees');
    // A size that falls in the 250–2500 band (now 5 points) for the first prospect.
    const row = [...prospects[1]!];
    row[employees] = '450';
    const [expected] = coreScores(edited, [row]);
    const [current] = coreScores(edited, [prospects[1]!]);
    expect(expected!.score).not.toBe(current!.score);

    const address = String.fromCharCode(65 + employees + 4); // after the four ICP columns
    await cell(`${address}2`).dblclick();
    const editor = page.getByTestId('cell-editor');
    await editor.fill('450');
    await editor.press('Enter');
    await expect.poll(() => cell('B2').textContent()).toBe(shown(expected!.score));
    expect(await cell(`${address}2`).textContent()).toBe('450');
    expect(await page.getByTestId('cell-address').textContent()).toBe(`${address}3`);
  });

  it('shows typed markup as text and makes no request outside the page', async () => {
    await cell('A3').dblclick();
    await page.getByTestId('cell-editor').fill('<img src=x onerror=alert(1)>');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('A3').textContent()).toBe('<img src=x onerror=alert(1)>');
    expect(await page.locator('[data-testid="grid"] img').count()).toBe(0);
    expect(page.problems).toEqual([]);
  });

  it('stores a weight typed into the ICP Model sheet whole, by typing over a cell or after F2', async () => {
    await openSheet('ICP Model');
    const model = () => page.evaluate(() => window.icpPreview!.values('ICP Model'));
    // F2 is the Points cell of row 2: a narrow column, whose wider editor used to scroll the grid,
    // and the redraw that followed committed the edit after its first key.
    expect(await cell('F1').textContent()).toBe('Points');
    await cell('F2').click();
    await page.keyboard.type('25');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('F2').textContent()).toBe('25');
    expect(await page.getByTestId('cell-value').textContent()).not.toContain('Unknown array');
    expect((await model())[1]![5]).toBe(25);
    // F2 (the key) edits the cell as it is: typing appends.
    await cell('F3').click();
    await page.keyboard.press('F2');
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('F3').textContent()).toBe('155');
    expect((await model())[2]![5]).toBe(155);
    expect(page.problems).toEqual([]);
  });

  it('notices the model sheet broken by hand: the panel names the problem the score cells show, and follows the fix', async () => {
    await openSheet('ICP Model');
    // D3 is the Rule of sheet row 3 (Company size, between 100-250).
    expect(await cell('D1').textContent()).toBe('Rule');
    expect(await cell('D3').textContent()).toBe('between');
    await cell('D3').click();
    await page.keyboard.type('betwen');
    await page.keyboard.press('Enter');
    // The engine took the edit without failing (HyperFormula used to throw "Unknown array" here).
    expect(await page.getByTestId('cell-value').textContent()).not.toContain('Unknown array');
    await expect.poll(() => page.getByTestId('notice-text').textContent(), { timeout: 5000 }).toContain('was changed in the sheet and now has 1 problem');
    expect(await page.locator('[data-row="3"] [data-testid="row-issue"]').textContent()).toBe('Row 3: unknown rule "betwen" — did you mean "between"?');
    expect(await page.getByTestId('valid').count()).toBe(0);
    await openSheet('Prospects');
    expect(await cell('B2').textContent()).toMatch(/^#/);

    await openSheet('ICP Model');
    await cell('D3').click();
    await page.keyboard.type('between');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('notice-text').textContent()).toContain('the panel now shows that version');
    await page.getByTestId('valid').waitFor();
    await openSheet('Prospects');
    await expect.poll(() => cell('B2').textContent()).toMatch(/^\d/);
    expect(page.problems).toEqual([]);
  });

  it('stops cleanly: exit code 0 and the port freed', async () => {
    await browser.close();
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    expect(await portInUse(server.port)).toBe(false);
  });
});
