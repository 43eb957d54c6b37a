// `npm run bench -- preview`: the local preview's formula engine (HyperFormula) on the sample
// workbook, and on the sample prospects repeated to 10,000 rows: building the workbook (every ICP
// formula evaluated once), a model save (every dependent formula recalculated), one prospect cell
// edited. Then in headless Chromium: from navigation to the scored grid, and from Save to the new
// score on screen.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HyperFormulaHost } from '../preview/host.ts';
import { buildPreviewWorkbook } from '../preview/workbook.ts';
import { SAMPLE_FILES, SAMPLES_DIR } from '../samples/generate.ts';
import { buildPreview } from '../scripts/build-preview.mjs';
import { hasChromium, launchChromium, openPage } from '../support/browser/chromium.ts';
import { freePort, startPreviewServer } from '../support/preview-server.ts';

const read = (file: string) => readFileSync(path.join(SAMPLES_DIR, file), 'utf8');
const peakRssMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The sample prospects repeated until there are `rows` of them (header once). */
function prospectsOf(rows: number): string {
  const [header, ...body] = read(SAMPLE_FILES.prospects).trimEnd().split('\n');
  return `${[header, ...Array.from({ length: rows }, (_, i) => body[i % body.length])].join('\n')}\n`;
}

function line(label: string, rows: number, ms: number): void {
  const rate = Math.round((rows / ms) * 1000).toLocaleString('en-US');
  console.log(`${label.padEnd(52)} ${String(rows).padStart(6)} rows ${ms.toFixed(0).padStart(6)} ms ${rate.padStart(9)} rows/s  peak RSS ${peakRssMb()} MB`);
}

async function engine(prospectRows: number): Promise<void> {
  const samples = { prospects: prospectsOf(prospectRows), history: read(SAMPLE_FILES.history), model: read(SAMPLE_FILES.model) };
  const rows = prospectRows + 1000;
  let started = performance.now();
  const host: HyperFormulaHost = await buildPreviewWorkbook(samples);
  line(`build the workbook, ${prospectRows} prospects + 1,000 deals`, rows, performance.now() - started);

  const saves: number[] = [];
  for (let i = 0; i < 5; i++) {
    const snapshot = (await host.readModel('ICP Model'))!;
    const edited = snapshot.rows.map((row, r) => (r === 1 ? row.map((cell, c) => (c === 5 ? 30 - (i % 2) * 25 : cell)) : row));
    started = performance.now();
    const result = await host.saveModel({ sheetName: 'ICP Model', rows: edited, baseVersion: snapshot.version, note: '' });
    saves.push(performance.now() - started);
    if (!result.ok) throw new Error('the save failed');
  }
  line('save a weight: every ICP formula recalculated (median)', rows, median(saves));

  const edits: number[] = [];
  // The Employees column (the ICP columns stand beside the company name, so it is not column B).
  const employees = host.values('Prospects')[0]!.indexOf('Employees');
  if (employees < 0) throw new Error('no Employees column on Prospects');
  for (let i = 0; i < 5; i++) {
    started = performance.now();
    host.setCellInput('Prospects', 1, employees, String(300 + i * 500));
    edits.push(performance.now() - started);
  }
  line('edit one prospect cell: its sheet recalculated (median)', prospectRows, median(edits));
  host.engine.destroy();
}

/** The page's own marks (preview/main.ts), in ms since navigation started. */
interface PageMarks {
  script: number;
  workbook: number;
  grid: number;
  firstScreen: number;
  complete: number;
}

async function browser(): Promise<void> {
  if (!hasChromium) {
    console.log('preview in Chromium: skipped (no Chromium at /usr/bin/chromium)');
    return;
  }
  await buildPreview();
  const [server, chromium] = await Promise.all([startPreviewServer(await freePort()), launchChromium()]);
  try {
    // Page to grid, five times, each in a fresh browser context (nothing cached: the server sends
    // no-store): from page.goto to the first ICP Score cell showing a score, and the page's marks.
    const walls: number[] = [];
    const marks: PageMarks[] = [];
    for (let i = 0; i < 5; i++) {
      const context = await chromium.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(server.url, { waitUntil: 'commit' });
      await page.waitForFunction(() => /^\d/.test(document.querySelector('td[data-cell="B2"]')?.textContent ?? ''), null, { polling: 'raf' });
      walls.push(performance.now() - started);
      await page.waitForFunction(() => performance.getEntriesByName('icp:complete').length > 0);
      const at = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
      marks.push({ script: at['icp:script']!, workbook: at['icp:workbook']!, grid: at['icp:grid']!, firstScreen: at['icp:first-screen']!, complete: at['icp:complete']! });
      await context.close();
    }
    const mid = (pick: (m: PageMarks) => number) => median(marks.map(pick)).toFixed(0);
    console.log(
      `preview in Chromium, page to grid (medians of 5 loads, fresh context, ms since navigation start): first screen with scores painted ${mid((m) => m.firstScreen)} · ` +
        `a test harness reads the first score ${median(walls).toFixed(0)} (runs ${walls.map((w) => w.toFixed(0)).join(', ')})`,
    );
    console.log(
      `  where the time goes: script fetched, compiled and running ${mid((m) => m.script)} · sheets built and the prospects scored ${mid((m) => m.workbook)} · ` +
        `grid and panel drawn ${mid((m) => m.grid)} · first screen painted ${mid((m) => m.firstScreen)} · closed deals scored too (page free) ${mid((m) => m.complete)}`,
    );

    const page = await openPage(chromium, server.url, { width: 1400, height: 900 });
    await page.locator('td[data-cell="B2"]').waitFor();
    const before = await page.locator('td[data-cell="B2"]').textContent();
    await page.locator('[data-row="2"] [data-testid="cell-Points"]').fill('5');
    const started = performance.now();
    await page.getByTestId('save').click();
    await page.waitForFunction((old) => document.querySelector('td[data-cell="B2"]')?.textContent !== old, before);
    const save = performance.now() - started;
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    console.log(
      `preview in Chromium: Save to new score on screen ${save.toFixed(0)} ms · ` +
        `page JS heap ${(heap / 2 ** 20).toFixed(0)} MB · bundle ${(readFileSync('dist/preview/preview.js').length / 1024).toFixed(0)} KB`,
    );
  } finally {
    await chromium.close();
    await server.stop();
  }
}

export default async function (): Promise<void> {
  // PREVIEW_BENCH=browser runs only the page measurements.
  if (process.env.PREVIEW_BENCH !== 'browser') {
    await engine(500);
    await engine(10_000);
  }
  await browser();
}
