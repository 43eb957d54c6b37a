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
import { type TestPage, launchChromium, openPage } from '../browser/chromium.ts';
import { parseCsvText } from './csv.ts';
import { type PreviewServer, freePort, portInUse, startPreviewServer } from './server.ts';

/** The README screenshot is rewritten only when asked (PREVIEW_SCREENSHOT=1); otherwise it goes to a temporary folder. */
const SCREENSHOT = process.env.PREVIEW_SCREENSHOT
  ? path.join('docs', 'preview.png')
  : path.join(mkdtempSync(path.join(tmpdir(), 'icp-preview-')), 'preview.png');
const prospects = parseCsvText(readFileSync(path.join(SAMPLES_DIR, SAMPLE_FILES.prospects), 'utf8'));
const modelRows = parseCsvText(readFileSync(path.join(SAMPLES_DIR, SAMPLE_FILES.model), 'utf8'));
const HEADERS = prospects[0]!;
const column = (header: string) => HEADERS.indexOf(header);
/** The model row edited in the panel: sheet row 2, "Company size" between 250-2500, 30 points. */
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
  expect(modelRows[SIZE_ROW - 1]!.slice(1, 6)).toEqual(['Company size', 'Employees', 'between', '250-2500', '30']);
  await buildPreview();
  [server, browser] = await Promise.all([startPreviewServer(await freePort()), launchChromium()]);
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
    await cell('M2').waitFor();
    expect(await page.getByTestId('sheet-tab').allTextContents()).toEqual([
      'Prospects', 'History', 'ICP Model', 'ICP Summary', 'Closed deals by tier', 'Backtest',
    ]);
    const expected = coreScores(original);
    expect(await cell('M1').textContent()).toBe('ICP Score');
    for (const row of [2, 3, 4, 5]) {
      expect(await cell(`M${row}`).textContent()).toBe(shown(expected[row - 2]!.score));
      expect(await cell(`N${row}`).textContent()).toBe(expected[row - 2]!.tier);
    }
    await goTo(1, 12);
    expect(await page.getByTestId('formula-bar').inputValue()).toMatch(/^=ICP_SCORE\(A2:L501, A1:L1, 'ICP Model'!A1:H\d+\)$/);
    await goTo(2, 12);
    // M3 is part of the array that M2 spills: the bar shows M2's formula.
    expect(await page.getByTestId('formula-bar').inputValue()).toMatch(/^=ICP_SCORE\(/);
    expect(await page.getByTestId('cell-value').textContent()).toBe(`(from M2) ${shown(expected[1]!.score)}`);
  });

  it('recalculates the scores and the summary when a weight is changed and saved in the panel', async () => {
    const before = coreScores(original);
    const after = coreScores(edited);
    const changed = after.findIndex((r, i) => r.score !== before[i]!.score);
    expect(changed).toBeGreaterThanOrEqual(0);
    const address = `M${changed + 2}`;
    expect(await cell(address).textContent()).toBe(shown(before[changed]!.score));

    const points = page.locator(`[data-row="${SIZE_ROW}"] [data-testid="cell-Points"]`);
    expect(await points.inputValue()).toBe('30');
    await points.fill(String(NEW_POINTS));
    await page.getByTestId('save-note').fill('Mid-size matters less');
    await page.getByTestId('save').click();
    await page.locator('[data-testid="notice"][data-kind="success"]').waitFor();

    await expect.poll(() => cell(address).textContent()).toBe(shown(after[changed]!.score));
    expect(await cell('M2').textContent()).toBe(shown(after[0]!.score));

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
    expect(await page.getByTestId('formula-bar').inputValue()).toMatch(/^=ICP_SUMMARY\(Prospects!N2:N501, 'ICP Model'!A1:H\d+\)$/);
  });

  it('saves a screenshot of the scored prospects beside the panel', async () => {
    await openSheet('Prospects');
    await goTo(1, 14); // O2: ICP Why, the explanation of the first prospect
    expect(await page.getByTestId('formula-bar').inputValue()).toMatch(/^=ICP_EXPLAIN\(/);
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

    await goTo(1, 1);
    await cell('B2').dblclick();
    const editor = page.getByTestId('cell-editor');
    await editor.fill('450');
    await editor.press('Enter');
    await expect.poll(() => cell('M2').textContent()).toBe(shown(expected!.score));
    expect(await cell('B2').textContent()).toBe('450');
    expect(await page.getByTestId('cell-address').textContent()).toBe('B3');
  });

  it('shows typed markup as text and makes no request outside the page', async () => {
    await cell('A3').dblclick();
    await page.getByTestId('cell-editor').fill('<img src=x onerror=alert(1)>');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('A3').textContent()).toBe('<img src=x onerror=alert(1)>');
    expect(await page.locator('[data-testid="grid"] img').count()).toBe(0);
    expect(page.problems).toEqual([]);
  });

  it('stops cleanly: exit code 0 and the port freed', async () => {
    await browser.close();
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    expect(await portInUse(server.port)).toBe(false);
  });
});
