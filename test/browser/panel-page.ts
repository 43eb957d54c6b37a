/**
 * For a test file: the panel page built fresh (the same build as scripts/build-panel.mjs), served
 * on localhost, and opened in Chromium for each test (support/browser/ has the pieces).
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { buildPanelHtml } from '../../scripts/panel-html.mjs';
import type { WireCell } from '../../workbook/host.ts';
import type { MemoryHostOptions } from '../../workbook/memory-host.ts';
import { type OpenOptions, type TestPage, launchChromium, openPage } from '../../support/browser/chromium.ts';
import { type Served, serveHtml } from '../../support/browser/serve.ts';

/** The in-memory workbook's options, and where the panel opens. */
export type StandaloneConfig = Omit<MemoryHostOptions, 'sheets'> & { modelSheet?: string; step?: string; events?: boolean; pollMs?: number };

/**
 * For a test file: one server for the page built from `entry` and one browser for the file; after
 * each test the page is closed, and any page error, dialog or request outside the page fails that
 * test. `open` opens a fresh page with `openPage`'s options.
 */
export function pageSuite(entry: string, title: string) {
  let server: Served;
  let browser: Browser;
  let page: TestPage | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([buildPanelHtml({ entry, title }).then(serveHtml), launchChromium()]);
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

  return {
    async open(options: OpenOptions): Promise<TestPage> {
      page = await openPage(browser, server.url, options);
      return page;
    },
  };
}

/**
 * The standalone panel for a test file (pageSuite): `open` shows it, 300 px wide, on a workbook
 * made of `sheets` (Prospects active, a known user, 20 ms of latency per host call), and waits for
 * the test id `ready`.
 */
export function standalonePanelSuite(setup: { ready: string; height?: number; defaults?: StandaloneConfig }) {
  const suite = pageSuite('ui/standalone.ts', 'ICP scoring panel (test)');
  return {
    async open(sheets: Record<string, WireCell[][]>, options: StandaloneConfig = {}, ready = setup.ready): Promise<TestPage> {
      const config: StandaloneConfig & MemoryHostOptions = {
        sheets, active: 'Prospects', user: 'ana@example.com', latencyMs: 20, ...setup.defaults, ...options,
      };
      const page = await suite.open({
        width: 300,
        ...(setup.height ? { height: setup.height } : {}),
        init: (c: NonNullable<Window['icpStandalone']>) => {
          window.icpStandalone = c;
        },
        initArg: config,
      });
      await page.getByTestId(ready).waitFor();
      return page;
    },
  };
}
