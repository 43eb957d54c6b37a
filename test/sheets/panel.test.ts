/**
 * The Sheets sidebar in headless Chromium at 300 px: dist/sheets/Sidebar.html as the menu item
 * serves it, with google.script.run bridged to the server functions of the vm-hosted Code.js over
 * the in-memory spreadsheet. What a person does in the sidebar, and what the spreadsheet holds after.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { presetGrid } from '../../core/index.ts';
import { launchChromium } from '../../support/browser/chromium.ts';
import { type Served, serveHtml } from '../../support/browser/serve.ts';
import { type FakeAppsScript, type FakeValue, createAppsScript } from '../fakes/apps-script.ts';
import { type AppsScriptContext, callTopLevel, loadCodeJs } from '../../support/fakes/code-js.ts';
import { formulaCall } from '../fakes/formulas.ts';
import { bridgeTo, installScriptRun } from '../fakes/script-run.ts';

const MODEL = 'ICP Model';
const HISTORY = 'ICP Model History';
const PROSPECTS: FakeValue[][] = [
  ['Company', 'Employee Count', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps'],
  ['Acme', 450, 'SaaS', 'HubSpot; Gong', 'Series A', 'yes'],
  ['Beta', 50, 'Retail', 'Zoho', 'Seed', 'no'],
  ['Cato', 1200, 'Software', 'Salesforce', 'Series C', 'no'],
];

const DEALS: FakeValue[][] = PROSPECTS.map((row, i) => [...row, ...[['Deal stage', 'Amount'], ['Closed Won', 50000], ['Closed Lost', 10000], ['', 30000]][i]!]);

interface Sidebar {
  page: Page;
  apps: FakeAppsScript;
  script: AppsScriptContext;
  problems: string[];
}

let browser: Browser;
const opened: { sidebar: Sidebar; server: Served }[] = [];

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  const problems = opened.flatMap(({ sidebar }) => sidebar.problems);
  for (const { sidebar, server } of opened.splice(0)) {
    await sidebar.page.context().close();
    await server.close();
  }
  // No page error, no dialog, no request leaving the page, no failed bridge call, in any test.
  expect(problems).toEqual([]);
});

/**
 * A spreadsheet holding `sheets`; the sidebar opened from the menu (its HTML is what
 * HtmlService hands to the Ui), served on localhost, 300 px wide as Sheets shows it.
 */
async function openSidebar(
  sheets: Record<string, FakeValue[][]>,
  menuItem = 'icpOpenPanel',
  before: (script: AppsScriptContext) => void = () => {},
): Promise<Sidebar> {
  const apps = createAppsScript({ email: 'ana@example.com', htmlFiles: { Sidebar: readFileSync('dist/sheets/Sidebar.html', 'utf8') } });
  for (const [name, rows] of Object.entries(sheets)) apps.spreadsheet._addSheet(name, rows);
  const script = loadCodeJs(apps.globals);
  before(script);
  callTopLevel(script, menuItem, []);
  const server = await serveHtml(apps.ui._sidebars.at(-1)!.getContent());

  const context = await browser.newContext({ viewport: { width: 300, height: 800 } });
  const page = await context.newPage();
  const sidebar: Sidebar = { page, apps, script, problems: [] };
  opened.push({ sidebar, server });
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith(server.url)) return route.continue();
    sidebar.problems.push(`request to ${route.request().url()}`);
    return route.abort();
  });
  page.on('pageerror', (error) => sidebar.problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    sidebar.problems.push(`dialog: ${dialog.type()} "${dialog.message()}"`);
    void dialog.dismiss();
  });
  const bridge = bridgeTo(script);
  await page.exposeFunction('__icpBridge', async (name: string, argsJson: string) => {
    try {
      return await bridge(name, argsJson);
    } catch (error) {
      if (/cannot carry/.test((error as Error).message)) sidebar.problems.push((error as Error).message);
      throw error;
    }
  });
  await page.addInitScript(installScriptRun, '__icpBridge');
  await page.goto(server.url);
  await page.locator('[role="tab"][aria-selected="true"]').waitFor();
  return sidebar;
}

const grid = (id: string) => presetGrid(id) as FakeValue[][];
const cell = (p: Page, row: number, column: string) => p.locator(`[data-row="${row}"] [data-testid="cell-${column}"]`);
const share = (p: Page, criterion: string) => p.locator(`[data-testid="criterion"][data-name="${criterion}"] [data-testid="criterion-share"]`);

describe('the Sheets sidebar in Chromium, over Code.js', { timeout: 60_000 }, () => {
  // One test per menu item (each opens the built sidebar afresh, about 2 s).
  const opened = async (menuItem: string) => (await openSidebar({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') }, menuItem)).page;
  const selected = (p: Page) => p.locator('[role="tab"][aria-selected="true"]').getAttribute('data-testid');
  for (const [menuItem, tab] of [['icpOpenPanel', 'tab-model'], ['icpScoreSheet', 'tab-score'], ['icpCreateSummary', 'tab-summary']] as const) {
    it(`opens on the step of the menu item chosen: ${menuItem} opens ${tab}`, async () => {
      expect(await selected(await opened(menuItem))).toBe(tab);
    });
  }

  it('opens on the step of the menu item chosen: icpNewModel opens the Model tab with the preset list focused', async () => {
    const presets = await opened('icpNewModel');
    expect(await selected(presets)).toBe('tab-model');
    await expect.poll(() => presets.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('preset-select');
  });

  it('loads a preset, changes a weight, names a bad row, saves, and the model and history sheets change', async () => {
    const { page: p, apps } = await openSidebar({ Prospects: PROSPECTS, [MODEL]: grid('points-7') });
    await p.getByTestId('save-bar').waitFor();
    const modelSheet = apps.spreadsheet.getSheetByName(MODEL)!;
    const before = modelSheet._contents();

    await p.getByTestId('preset-select').selectOption('b2b-saas');
    await expect.poll(() => p.getByTestId('criterion').count()).toBe(5);
    await cell(p, 2, 'Points').fill('40');
    // B2B SaaS is 30/20/25/15/10 of 100; with 40 for size: 40 of 110.
    expect(await share(p, 'Company size').textContent()).toContain('36% (40 pts)');

    await cell(p, 3, 'Rule').fill('betwen');
    expect(await p.locator('[data-row="3"] [data-testid="row-issue"]').textContent()).toBe('Row 3: unknown rule "betwen" — did you mean "between"?');
    await p.getByTestId('save').click();
    expect(await p.getByTestId('notice-text').textContent()).toMatch(/^Not saved: the model has 1 problem/);
    expect(modelSheet._contents()).toEqual(before);

    await cell(p, 3, 'Rule').fill('is any of');
    await p.getByTestId('save-note').fill('B2B SaaS, size weighted up');
    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();

    expect(modelSheet.getRange('A2:F3').getValues()).toEqual([
      ['criterion', 'Company size', 'Employees', 'between', '200-2000', 40],
      ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS, Software, Technology', 20],
    ]);
    const history = apps.spreadsheet.getSheetByName(HISTORY)!;
    expect(history.isSheetHidden()).toBe(true);
    const entry = history.getRange(2, 1, 1, 7).getValues()[0]!;
    expect(entry.slice(2, 6)).toEqual(['ana@example.com', 'B2B SaaS, size weighted up', MODEL, grid('points-7').length - 1]);
    expect(JSON.parse(String(entry[6]))).toEqual(grid('points-7'));

    await p.getByTestId('tab-history').click();
    await p.getByTestId('history-entry').waitFor();
    expect(await p.getByTestId('history-entry').textContent()).toContain('B2B SaaS, size weighted up');

    // Restoring the version loads it into the editor; saving it puts the sheet back as it was.
    await p.getByTestId('history-restore').click();
    await p.getByTestId('save-note').fill('Back to the points model');
    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect(modelSheet._contents()).toEqual(before);
    expect(history.getLastRow()).toBe(3);
  });

  it('scores the sheet with one array formula per column, which compute the SPEC scores', async () => {
    const { page: p, apps, script } = await openSidebar({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') }, 'icpScoreSheet');
    await p.getByTestId('tab-score').click();
    await p.locator('[data-testid="field-row"][data-field="Employees"] [data-testid="field-select"]').selectOption('Employee Count');
    await p.getByTestId('insert-scores').click();
    await p.getByTestId('score-result').waitFor();
    expect(await p.getByTestId('score-result').textContent()).toBe('Wrote ICP Score, ICP Tier, ICP Why to "Prospects": one array formula each, in G2, H2, I2.');

    const sheet = apps.spreadsheet.getSheetByName('Prospects')!;
    expect(sheet.getRange('G2:I4').getFormulas().flat().filter(Boolean)).toHaveLength(3);
    const { name, args } = formulaCall(sheet.getRange('G2').getFormula(), sheet, apps.spreadsheet);
    // By hand (SPEC §6): Acme 30+20+25+0+10 = 85; Beta 0; Cato 30+20+25+15+0 = 90.
    expect(callTopLevel(script, name, args)).toEqual([[85], [0], [90]]);
  });

  it('creates a tier summary sheet with its formula and chart from the summary step', async () => {
    const scored = (script: AppsScriptContext) =>
      callTopLevel(script, 'insertScoreColumns', [{ sheetName: 'Prospects', headerRow: 1, modelSheet: MODEL, fieldMap: { Employees: 'Employee Count' } }]);
    const { page: p, apps } = await openSidebar({ Prospects: DEALS, [MODEL]: grid('b2b-saas') }, 'icpCreateSummary', scored);
    await p.getByTestId('summary-sheet').waitFor();
    await expect.poll(() => p.getByTestId('summary-tier-column').inputValue()).toBe('ICP Tier');
    await p.getByTestId('summary-won-column').selectOption('Deal stage');
    await p.getByTestId('summary-amount-column').selectOption('Amount');
    await p.getByTestId('summary-title').fill('Tiers for the QBR');
    await p.getByTestId('summary-create').click();
    await p.getByTestId('summary-result').waitFor();
    expect(await p.getByTestId('summary-result').textContent()).toBe('Created the sheet "Tiers for the QBR".');
    const summary = apps.spreadsheet.getSheetByName('Tiers for the QBR')!;
    expect(summary.getRange('A4').getFormula()).toBe("=ICP_SUMMARY('Prospects'!J2:J, 'ICP Model'!A:H, 'Prospects'!G2:G, 'Prospects'!H2:H)");
    expect(summary.getCharts().map((chart) => chart.getRanges().map((r) => r.getA1Notation()))).toEqual([['A4:B7', 'E4:E7']]);
  });

  it('offers to convert formulas made in Excel, and rewrites only those cells of the spreadsheet', async () => {
    const excelScore = "=ICP.SCORE(A2:F4, A1:F1, 'ICP Model'!A1:H1000)";
    const leads: FakeValue[][] = [
      [...PROSPECTS[0]!, 'ICP Score', 'Check'],
      [...PROSPECTS[1]!, excelScore, '=IF(G2>50, "ICP.TIER(", "")'],
      ...PROSPECTS.slice(2),
    ];
    const { page: p, apps } = await openSidebar({ Prospects: leads, [MODEL]: grid('b2b-saas') });
    const sheet = apps.spreadsheet.getSheetByName('Prospects')!;
    const before = sheet._contents();
    await p.getByTestId('foreign-formulas').waitFor();
    expect(await p.getByTestId('foreign-formulas-text').textContent()).toBe(
      "1 formula on 1 sheet (Prospects) uses Excel's spelling, such as ICP.SCORE(. Google Sheets needs ICP_SCORE(.",
    );
    await p.getByTestId('busy').waitFor({ state: 'detached' });
    await p.getByTestId('foreign-formulas-convert').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect(await p.getByTestId('notice-text').textContent()).toBe('Converted 1 formula on 1 sheet to ICP_SCORE( and the like. Nothing else was changed.');
    await p.getByTestId('foreign-formulas').waitFor({ state: 'detached' });
    expect(sheet._written).toEqual(['G2']);
    const after = sheet._contents();
    expect(after[1]![6]).toBe("=ICP_SCORE(A2:F4, A1:F1, 'ICP Model'!A1:H1000)");
    after[1]![6] = before[1]![6]!;
    expect(after).toEqual(before);
  });

  it('keeps an injection attempt as text, in the panel and in the sheet it saves', async () => {
    const attack = '<img src=x onerror=alert(1)>';
    const model: FakeValue[][] = [
      ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note'],
      ['criterion', attack, 'Industry', 'is any of', 'SaaS', 10, attack, attack],
      ['tier', '<script>alert(2)</script>', '', '', 50, '', '', attack],
    ];
    const { page: p, apps } = await openSidebar({ Prospects: [['Company', attack, 'Industry'], ['A', 'x', 'SaaS']], [MODEL]: model });
    await p.getByTestId('criterion').first().waitFor();
    expect(await p.getByTestId('criterion-name').first().inputValue()).toBe(attack);
    await p.getByTestId('tab-score').click();
    await p.getByTestId('field-map').waitFor();
    await p.getByTestId('tab-model').click();
    expect(await p.locator('#app img, #app script, #app iframe').count()).toBe(0);

    await cell(p, 2, 'Points').fill('12');
    await cell(p, 2, 'Note').fill('=HYPERLINK("http://example.com")');
    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    const saved = apps.spreadsheet.getSheetByName(MODEL)!;
    expect(saved.getRange('B2').getValue()).toBe(attack);
    expect(saved.getRange('H2').getFormula()).toBe('');
    expect(saved.getRange('H2').getValue()).toBe('=HYPERLINK("http://example.com")');
  });

  it('notices the model sheet edited by hand when it regains focus (a sidebar hears no events), and names its problem', async () => {
    const { page: p, apps } = await openSidebar({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') });
    await p.getByTestId('save-bar').waitFor();
    // Someone types a bad rule into the Industry row's Rule cell, in the sheet itself.
    apps.spreadsheet.getSheetByName(MODEL)!.getRange(3, 4).setValue('betwen');
    await p.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => p.getByTestId('notice-text').textContent(), { timeout: 5000 }).toContain('was changed in the sheet and now has 1 problem');
    expect(await p.locator('[data-row="3"] [data-testid="row-issue"]').textContent()).toBe('Row 3: unknown rule "betwen" — did you mean "between"?');
    expect(await p.getByTestId('valid').count()).toBe(0);
  });

  it('fits 300 px and saves a screenshot', async () => {
    const { page: p } = await openSidebar({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') });
    await cell(p, 3, 'Rule').fill('betwen');
    await p.getByTestId('row-issue').first().waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    const target = process.env.SHEETS_SCREENSHOT
      ? path.resolve('docs/sheets-panel.png')
      : path.join(mkdtempSync(path.join(tmpdir(), 'sheets-panel-')), 'sheets-panel.png');
    await p.screenshot({ path: target });
    expect(readFileSync(target).readUInt32BE(16)).toBe(300); // the PNG header's width
  });
});
