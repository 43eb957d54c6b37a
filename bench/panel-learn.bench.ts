// `npm run bench -- panel-learn`: the Learn tab in headless Chromium on a 50,000-row history
// (the demo history's generator, B2B SaaS preset): from the click to the side-by-side on screen,
// and the longest main-thread task (the learning runs on the panel's main thread; tasks under 50 ms are not counted).
import { presetGrid } from '../core/index.ts';
import { hasChromium, launchChromium, openPage } from '../support/browser/chromium.ts';
import { serveStandalonePage } from '../support/browser/panel.ts';
import { demoHistory } from '../workbook/demo-workbook.ts';

const ROWS = 50_000;

function peakRssMb(): string {
  return (process.resourceUsage().maxRSS / 1024).toFixed(0);
}

export default async function (): Promise<void> {
  if (!hasChromium) {
    console.log('panel-learn: skipped (no Chromium at /usr/bin/chromium)');
    return;
  }
  const [server, browser] = await Promise.all([serveStandalonePage(), launchChromium()]);
  try {
    for (const rows of [1_000, ROWS]) {
      const sheets = { 'Closed deals': demoHistory(rows), 'ICP Model': presetGrid('b2b-saas') };
      const page = await openPage(browser, server.url, {
        width: 300,
        init: (config: NonNullable<Window['icpStandalone']>) => {
          window.icpStandalone = config;
          (window as unknown as { longest: number }).longest = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
              const w = window as unknown as { longest: number };
              w.longest = Math.max(w.longest, entry.duration);
            }
          }).observe({ type: 'longtask', buffered: true });
        },
        initArg: { sheets, active: 'Closed deals', latencyMs: 0, step: 'learn' },
      });
      await page.getByTestId('learn-run').waitFor();
      await page.waitForTimeout(500);
      await page.evaluate(() => ((window as unknown as { longest: number }).longest = 0));
      const started = performance.now();
      await page.getByTestId('learn-run').click();
      await page.getByTestId('learn-verdict').waitFor({ timeout: 60_000 });
      const ms = performance.now() - started;
      const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
      const learned = await page.getByTestId('learn-time').textContent();
      const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
      console.log(
        `panel learn ${rows.toLocaleString('en-US')} rows: click to side-by-side ${ms.toFixed(0)} ms · ${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s · ` +
          `longest main-thread task ${longest.toFixed(0)} ms · panel says "${learned}" · page JS heap ${(heap / 2 ** 20).toFixed(0)} MB · peak RSS (node) ${peakRssMb()} MB`,
      );
      await page.context().close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
