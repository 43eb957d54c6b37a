/**
 * `and` rows in the panel, in headless Chromium at 300 px on the standalone page's in-memory
 * workbook: conditions under their band or exclusion, added, edited with live validation, moved
 * and deleted with their row, and saved directly under it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WireCell } from '../../workbook/host.ts';
import type { TestPage } from '../../support/browser/chromium.ts';
import { standalonePanelSuite } from '../browser/panel-page.ts';

const MODEL = 'ICP Model';
const PROSPECTS: WireCell[][] = [
  ['Company', 'Industry', 'Region', 'Employee Count', 'Title'],
  ['Ledger', 'Fintech', 'EMEA', 450, 'CRO'],
  ['Corner shop', 'Retail', 'EMEA', 30, 'Owner'],
];
const HEADER = ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note'];
const COMBINED: WireCell[][] = [
  HEADER,
  ['criterion', 'Fintech in EMEA', 'Industry', 'is any of', 'Fintech', 20, 'Firmographics', ''],
  ['and', '', 'Region', 'is any of', 'EMEA', '', '', ''],
  ['criterion', 'Size', 'Employee Count', 'at least', 100, 20, 'Firmographics', ''],
  ['exclude', 'Tiny retailers', 'Industry', 'is any of', 'Retail', '', '', ''],
  ['and', '', 'Employee Count', 'at most', 50, '', '', ''],
  ['tier', 'Priority', '', '', 75, '', '', ''],
  ['persona', 'Buyer', 'Title', 'contains any', 'CRO', '', '', ''],
  ['setting', 'missing', '', '', 'zero', '', '', ''],
];

const { open } = standalonePanelSuite({ ready: 'save-bar' });

function sheet(p: TestPage): Promise<WireCell[][] | null> {
  return p.evaluate((n) => window.icpHost!.cells(n), MODEL);
}

/** The model-row card of a sheet row (a band, an exclusion, a tier, …). */
const card = (p: TestPage, row: number) => p.locator(`[data-testid="model-row"][data-row="${row}"]`);
const condition = (p: TestPage, row: number) => p.locator(`[data-testid="condition"][data-row="${row}"]`);

/** Kind and the Name or Field of each saved row: the sheet's order at a glance (rows a shorter model left blank dropped). */
async function savedOrder(p: TestPage): Promise<string[]> {
  const saved = (await sheet(p))!;
  return saved.slice(1).filter((r) => r.some((c) => c !== '' && c !== null)).map((r) => `${String(r[0])}:${String(r[1] || r[2])}`);
}

async function save(p: TestPage): Promise<void> {
  await p.getByTestId('save').click();
  await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
}

describe('conditions (and rows) in the panel at 300 px', { timeout: 30_000 }, () => {
  it('shows each band’s and exclusion’s conditions under it; tier, persona and setting rows offer none', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: COMBINED });
    await p.getByTestId('valid').waitFor();
    expect(await card(p, 2).locator('[data-testid="condition"]').count()).toBe(1);
    expect(await condition(p, 3).locator('[data-testid="cell-Field"]').inputValue()).toBe('Region');
    expect(await card(p, 4).locator('[data-testid="condition"]').count()).toBe(0);
    expect(await card(p, 5).locator('[data-testid="condition"][data-row="6"] [data-testid="cell-Value"]').inputValue()).toBe('50');
    // Two bands and the exclusion offer a condition; the tier, persona and setting rows do not.
    expect(await p.getByTestId('add-condition').count()).toBe(3);
    for (const row of [7, 8, 9]) expect(await card(p, row).getByTestId('add-condition').count()).toBe(0);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  });

  it('adds a condition to a band, validates it as it is typed, and saves it directly under its band', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: COMBINED });
    await card(p, 4).getByTestId('add-condition').click();
    // The new row is sheet row 5, under the Size band; the rows below move down one.
    const added = condition(p, 5);
    await added.waitFor();
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cell-Field');
    await added.locator('[data-testid="cell-Field"]').fill('Region');
    await added.locator('[data-testid="cell-Rule"]').fill('decays over days');
    await added.locator('[data-testid="cell-Value"]').fill('30');
    const issue = added.getByTestId('row-issue');
    expect(await issue.textContent()).toBe(
      'Row 5: an "and" row cannot use "decays over days": a condition matches or not, it scales no points; use "within days", or put the decay on the criterion row',
    );
    expect(await added.locator('[data-testid="cell-Rule"]').getAttribute('aria-invalid')).toBe('true');
    await added.locator('[data-testid="cell-Rule"]').fill('is none of');
    await added.locator('[data-testid="cell-Value"]').fill('APAC');
    await expect.poll(() => issue.count()).toBe(0);
    await p.getByTestId('valid').waitFor();
    await save(p);
    const saved = (await sheet(p))!;
    expect(saved.slice(3, 6).map((r) => r.slice(0, 6))).toEqual([
      ['criterion', 'Size', 'Employee Count', 'at least', 100, 20],
      ['and', '', 'Region', 'is none of', 'APAC', ''],
      ['exclude', 'Tiny retailers', 'Industry', 'is any of', 'Retail', ''],
    ]);
  });

  it('edits a condition in place, and names a Field the prospect sheet lacks as on any row', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: COMBINED });
    const value = condition(p, 3).locator('[data-testid="cell-Value"]');
    await value.fill('EMEA, North America');
    await condition(p, 3).locator('[data-testid="cell-Field"]').fill('Regoin');
    const warning = condition(p, 3).getByTestId('row-warning');
    expect(await warning.textContent()).toBe('Row 3: "Regoin" is not a column of "Prospects"; pick one on the Score tab.');
    await condition(p, 3).locator('[data-testid="cell-Field"]').fill('Region');
    await expect.poll(() => warning.count()).toBe(0);
    await save(p);
    expect((await sheet(p))![2]!.slice(0, 5)).toEqual(['and', '', 'Region', 'is any of', 'EMEA, North America']);
  });

  it('moves a criterion, a band and an exclusion together with their conditions', async () => {
    const model: WireCell[][] = [
      HEADER,
      ['criterion', 'Size', 'Employee Count', 'at least', 500, 20, '', ''],
      ['and', '', 'Region', 'is any of', 'EMEA', '', '', ''],
      ['criterion', 'Size', 'Employee Count', 'at least', 100, 10, '', ''],
      ['criterion', 'Fintech', 'Industry', 'is any of', 'Fintech', 20, '', ''],
      ['exclude', 'Tiny retailers', 'Industry', 'is any of', 'Retail', '', '', ''],
      ['and', '', 'Employee Count', 'at most', 50, '', '', ''],
      ['exclude', 'Competitor', 'Industry', 'is any of', 'Gambling', '', '', ''],
    ];
    const p = await open({ Prospects: PROSPECTS, [MODEL]: model });
    // The 20-point band (with its condition) below the 10-point band.
    await card(p, 2).getByTestId('row-down').click();
    expect(await condition(p, 4).locator('[data-testid="cell-Field"]').inputValue()).toBe('Region');
    // The Size criterion below Fintech, both its bands and the condition with it.
    await p.locator('[data-testid="criterion"][data-name="Size"]').getByTestId('criterion-down').click();
    // The first exclusion below the second.
    await card(p, 6).getByTestId('row-down').click();
    await p.getByTestId('valid').waitFor();
    await save(p);
    expect(await savedOrder(p)).toEqual([
      'criterion:Fintech',
      'criterion:Size',
      'criterion:Size',
      'and:Region',
      'exclude:Competitor',
      'exclude:Tiny retailers',
      'and:Employee Count',
    ]);
    expect((await sheet(p))![3]!.slice(4, 6)).toEqual([500, 20]);
  });

  it('deletes one condition, or a row with all its conditions, and undoes that', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: COMBINED });
    await condition(p, 3).getByTestId('condition-remove').click();
    await expect.poll(() => card(p, 2).locator('[data-testid="condition"]').count()).toBe(0);
    // The exclusion is now row 4 and its condition row 5: removing the exclusion removes both.
    await card(p, 4).getByTestId('row-remove').click();
    await expect.poll(() => p.getByTestId('condition').count()).toBe(0);
    await save(p);
    expect(await savedOrder(p)).toEqual(['criterion:Fintech in EMEA', 'criterion:Size', 'tier:Priority', 'persona:Buyer', 'setting:missing']);
    await p.getByTestId('undo').click();
    await expect.poll(() => p.getByTestId('condition').count()).toBe(1);
    expect(await condition(p, 5).locator('[data-testid="cell-Value"]').inputValue()).toBe('50');
  });

  it('shows an and row under a tier as out of place with the problem on its row, until it is removed', async () => {
    const model: WireCell[][] = [...COMBINED.slice(0, 7), ['and', 'EMEA', 'Region', 'is any of', 'EMEA', 5, '', ''], ...COMBINED.slice(7)];
    const p = await open({ Prospects: PROSPECTS, [MODEL]: model });
    const section = p.getByTestId('section-misplaced');
    await section.waitFor();
    const issues = section.getByTestId('row-issue');
    expect(await issues.allTextContents()).toEqual([
      'Row 8: an "and" row has no Name: it is a condition of the row above it; clear the Name, or make the row a criterion or exclude row of its own',
      'Row 8: an "and" row has no Points: the criterion row above it earns its points when all its conditions match; clear the Points',
      'Row 8: an "and" row narrows the criterion or exclude row above it, but row 7 above it is a tier row; move it directly under the criterion or exclude row it narrows, or delete it',
    ]);
    expect(await p.getByTestId('problem').count()).toBe(3);
    await section.getByTestId('row-remove').click();
    await p.getByTestId('valid').waitFor();
    expect(await p.getByTestId('section-misplaced').count()).toBe(0);
  });

  it('fits 300 px with conditions open, and saves screenshots', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: COMBINED });
    await p.getByTestId('valid').waitFor();
    const shot = async (name: string, scrollTo: string, docs = false) => {
      await p.evaluate((selector) => {
        (document.activeElement as HTMLElement | null)?.blur();
        document.querySelector(selector)?.scrollIntoView();
      }, scrollTo);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
      const target = docs && process.env.PANEL_SCREENSHOT ? path.resolve(`docs/${name}`) : path.join(mkdtempSync(path.join(tmpdir(), 'panel-')), name);
      await p.screenshot({ path: target });
      expect(readFileSync(target).readUInt32BE(16)).toBe(300);
    };
    await shot('panel-conditions.png', '[data-testid="section-criterion"] h3', true);
    // A condition being typed, with its problem on its row; and the exclusion's condition below.
    await card(p, 4).getByTestId('add-condition').click();
    await condition(p, 5).locator('[data-testid="cell-Field"]').fill('Region');
    await condition(p, 5).getByTestId('row-issue').waitFor();
    await shot('panel-conditions-typing.png', '[data-testid="criterion"][data-name="Size"]');
  });
});
