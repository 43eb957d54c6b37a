/**
 * For a test file: the panel page built fresh (the same build as scripts/build-panel.mjs), served
 * on localhost, and opened in Chromium for each test (support/browser/ has the pieces).
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { buildPanelHtml } from '../../scripts/panel-html.mjs';
import type { WireCell } from '../../workbook/host.ts';
import type { RequestName } from '../../workbook/requests.ts';
import type { StandaloneOptions } from '../../ui/standalone-page.ts';
import { type OpenOptions, type TestPage, launchChromium, openPage } from '../../support/browser/chromium.ts';
import { type Served, serveHtml } from '../../support/browser/serve.ts';

/** The standalone panel page with the tests' hands on it (test/fakes/standalone-page.ts). */
export const STANDALONE_TEST_PAGE = 'test/fakes/standalone-page.ts';

export async function serveStandalonePanel(): Promise<Served> {
  const html = await buildPanelHtml({ entry: STANDALONE_TEST_PAGE, title: 'ICP scoring panel (test)' });
  return serveHtml(html);
}

/** The in-memory workbook's options, where the panel opens, and the Host calls that fail (window.icpTest). */
export type StandaloneConfig = Omit<StandaloneOptions, 'sheets'> & { failures?: Partial<Record<RequestName, string>> };

/** Puts a test's configuration where the page reads it, before the page loads. */
export function configure({ failures, ...config }: StandaloneConfig & { sheets?: StandaloneOptions['sheets'] }): void {
  window.icpStandalone = config;
  window.icpTestFailures = failures ?? {};
}

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
  const suite = pageSuite(STANDALONE_TEST_PAGE, 'ICP scoring panel (test)');
  return {
    async open(sheets: Record<string, WireCell[][]>, options: StandaloneConfig = {}, ready = setup.ready): Promise<TestPage> {
      const config: StandaloneConfig & StandaloneOptions = {
        sheets, active: 'Prospects', user: 'ana@example.com', latencyMs: 20, ...setup.defaults, ...options,
      };
      const page = await suite.open({
        width: 300,
        ...(setup.height ? { height: setup.height } : {}),
        init: configure,
        initArg: config,
      });
      await page.getByTestId(ready).waitFor();
      return page;
    },
  };
}
