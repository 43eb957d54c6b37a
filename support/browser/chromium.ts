/**
 * Headless Chromium for tests: Debian's /usr/bin/chromium driven by playwright-core (no browser
 * download). Shared by every test that drives a page.
 *
 *   const browser = await launchChromium();
 *   const page = await openPage(browser, url, { width: 300 });
 *   …
 *   await browser.close();
 *
 * `openPage` fails the test on any request that leaves the page (the panel makes none), on
 * uncaught page errors, and on dialogs (alert/confirm), which it records in `page.problems`.
 */
import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Whether the browser is installed (tests use `describe.skipIf(!hasChromium)` only where a CI may lack it). */
export const hasChromium = existsSync(CHROMIUM_PATH);

/**
 * `showScrollbars`: draw scrollbars as a desktop browser does (playwright hides them in headless
 * mode by default), for tests and screenshots that are about them.
 */
export function launchChromium(options: { showScrollbars?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    ...(options.showScrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
  });
}

export interface TestPage extends Page {
  /** Page errors, dialogs and outside requests seen so far, as sentences. */
  problems: string[];
}

export interface OpenOptions {
  width?: number;
  height?: number;
  /** Runs in the page before its own scripts (e.g. to set `window.icpStandalone`), given `initArg`. */
  init?: (arg: never) => void;
  initArg?: unknown;
}

/** A new page at `url`, its viewport `width` px wide; only `url`'s own origin may be requested. */
export async function openPage(browser: Browser, url: string, options: OpenOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 300, height: options.height ?? 800 } });
  const page = (await context.newPage()) as TestPage;
  page.problems = [];
  const origin = new URL(url).origin;
  await page.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(origin) || target.startsWith('data:')) return route.continue();
    page.problems.push(`request to ${target}`);
    return route.abort();
  });
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    page.problems.push(`dialog: ${dialog.type()} "${dialog.message()}"`);
    void dialog.dismiss();
  });
  if (options.init) await page.addInitScript(options.init as (arg: unknown) => void, options.initArg);
  await page.goto(url);
  return page;
}
