/**
 * The panel's two looks in headless Chromium at 300 px: the same components, themed by tokens
 * from the host's kind (Excel: Fluent 2; Sheets: Google's add-on style). The page is the shared
 * panel on a host that says it is Excel or Sheets (test/fakes/panel-host-page.ts). With
 * PANEL_SCREENSHOT=1 it rewrites docs/panel-excel.png and docs/panel-sheets.png.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetGrid } from '../../core/index.ts';
import type { Host, WireCell } from '../../workbook/host.ts';
import type { TestPage } from '../../support/browser/chromium.ts';
import { pageSuite } from '../browser/panel-page.ts';

const PROSPECTS: WireCell[][] = [
  ['Company', 'Employees', 'Revenue', 'Industry', 'Funding stage', 'Tech stack', 'Has RevOps', 'Title'],
  ['Acme', 450, '$80M', 'SaaS', 'Series B', 'HubSpot; Gong', 'yes', 'VP Sales'],
  ['Beta', 50, '$4M', 'Retail', 'Seed', 'Zoho', 'no', 'CEO'],
];
const MODEL = presetGrid('tiered') as WireCell[][];
const shots = process.env.PANEL_SCREENSHOT ? path.resolve('docs') : mkdtempSync(path.join(tmpdir(), 'panel-looks-'));

const suite = pageSuite('test/fakes/panel-host-page.ts', 'Panel on a Sheets or Excel host (test)');

async function openAs(kind: Host['kind']): Promise<TestPage> {
  const page = await suite.open({
    width: 300,
    height: 800,
    init: (stub: NonNullable<Window['icpPanelHostStub']>) => {
      window.icpPanelHostStub = stub;
    },
    initArg: { kind, sheets: { Prospects: PROSPECTS, 'ICP Model': MODEL }, convert: null },
  });
  await page.getByTestId('save-bar').waitFor();
  await page.getByTestId('busy').waitFor({ state: 'detached' });
  return page;
}

/** Computed styles of the things that make a look, read from the page. */
async function look(p: TestPage) {
  return p.evaluate(() => {
    const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
    const tab = getComputedStyle(document.querySelector('[data-testid="tab-model"]')!, '::after');
    return {
      theme: document.querySelector('.icp-panel')!.getAttribute('data-theme'),
      font: style('.icp-panel').fontFamily.split(',')[0]!.replace(/["']/g, '').trim(),
      fontSize: style('.icp-panel').fontSize,
      primary: style('[data-testid="save"]').backgroundColor,
      primaryWeight: style('[data-testid="save"]').fontWeight,
      primaryHeight: style('[data-testid="save"]').height,
      radius: style('[data-testid="save"]').borderTopLeftRadius,
      secondaryInk: style('[data-testid="undo"]').color,
      inputHeight: style('[data-testid="save-note"]').height,
      tabIndicator: [tab.height, tab.backgroundColor],
      card: style('[data-testid="criterion"]').borderTopLeftRadius,
      testids: [...document.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid')).join(' '),
      width: document.documentElement.scrollWidth,
    };
  });
}

describe('the panel looks native in each host, through theme tokens on the same components', { timeout: 30_000 }, () => {
  it('takes Fluent 2 in Excel and Google’s add-on style in Sheets, the same components at 300 px', async () => {
    let page = await openAs('excel');
    await page.locator('[data-row="3"] [data-testid="cell-Rule"]').fill('betwen');
    await page.getByTestId('row-issue').first().waitFor();
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    const excel = await look(page);
    await page.screenshot({ path: path.join(shots, 'panel-excel.png') });
    expect(excel).toMatchObject({
      theme: 'fluent',
      font: 'Segoe UI',
      fontSize: '14px',
      primary: 'rgb(15, 108, 189)',
      primaryWeight: '600',
      primaryHeight: '32px',
      radius: '4px',
      secondaryInk: 'rgb(36, 36, 36)',
      inputHeight: '32px',
      tabIndicator: ['3px', 'rgb(15, 108, 189)'],
      card: '4px',
    });
    // The first page is closed here; the suite closes (and checks) the last one.
    await page.context().close();

    page = await openAs('sheets');
    await page.locator('[data-row="3"] [data-testid="cell-Rule"]').fill('betwen');
    await page.getByTestId('row-issue').first().waitFor();
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    const sheets = await look(page);
    await page.screenshot({ path: path.join(shots, 'panel-sheets.png') });
    expect(sheets).toMatchObject({
      theme: 'google',
      font: 'Roboto',
      fontSize: '13px',
      primary: 'rgb(26, 115, 232)',
      primaryWeight: '500',
      primaryHeight: '36px',
      radius: '4px',
      secondaryInk: 'rgb(26, 115, 232)',
      inputHeight: '32px',
      tabIndicator: ['3px', 'rgb(26, 115, 232)'],
      card: '8px',
    });

    // One set of components: the same test ids in the same order, and neither scrolls sideways.
    expect(sheets.testids).toBe(excel.testids);
    expect([excel.width, sheets.width]).toEqual([300, 300]);
    for (const file of ['panel-excel.png', 'panel-sheets.png']) expect(readFileSync(path.join(shots, file)).readUInt32BE(16)).toBe(300);
  });
});
