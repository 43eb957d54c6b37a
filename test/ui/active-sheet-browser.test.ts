/**
 * The Score tab follows the sheet the user is on, in Chromium at 300 px: through the workbook's
 * event where the host has one, on a poll or when the panel regains focus where it has none (as in
 * Google Sheets), and Score this sheet never writes to a sheet the panel no longer shows.
 */
import { describe, expect, it } from 'vitest';
import { presetGrid } from '../../core/index.ts';
import type { WireCell } from '../../workbook/host.ts';
import type { TestPage } from '../../support/browser/chromium.ts';
import { standalonePanelSuite } from '../browser/panel-page.ts';

const MODEL = 'ICP Model';
const HEADERS = ['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps'];
const PROSPECTS: WireCell[][] = [HEADERS, ['Acme', 450, 'SaaS', 'HubSpot; Gong', 'Series A', 'yes']];
/** Another sheet of prospects, with a column the model does not read and three rows. */
const LEADS: WireCell[][] = [
  [...HEADERS, 'Owner'],
  ['Bolt', 5000, 'Retail', '', 'Series B', 'no', 'Dana'],
  ['Cog', 1200, 'software', 'Salesforce', 'Public', 'TRUE', 'Lee'],
  ['Dune', 300, 'SaaS', 'HubSpot', 'Series C', 'yes', ''],
];
const sheets = () => ({ Prospects: PROSPECTS, Leads: LEADS, [MODEL]: presetGrid('b2b-saas') as WireCell[][] });

const { open } = standalonePanelSuite({ ready: 'active-sheet', defaults: { step: 'score' } });

const shown = (p: TestPage) => p.getByTestId('active-sheet').textContent();
const goTo = (p: TestPage, sheet: string) => p.evaluate((name) => window.icpHost!.setActive(name), sheet);
const cells = (p: TestPage, sheet: string) => p.evaluate((name) => window.icpHost!.cells(name), sheet);
const written = (p: TestPage) => p.evaluate(() => window.icpTest!.calls.filter((c) => c.method === 'insertScoreColumns').map((c) => (c.args[0] as { sheetName: string }).sheetName));

describe('the Score tab and the sheet the user is on', { timeout: 30_000 }, () => {
  it('follows the workbook’s event to another sheet, and scores that sheet', async () => {
    const p = await open(sheets());
    await expect.poll(() => shown(p)).toBe('Prospects: header row 1, 1 row');
    await goTo(p, 'Leads');
    await expect.poll(() => shown(p), { timeout: 2000 }).toBe('Leads: header row 1, 3 rows');
    await p.getByTestId('insert-scores').click();
    await p.getByTestId('score-result').waitFor();
    expect(await p.getByTestId('score-result').textContent()).toBe('Wrote ICP Score, ICP Tier, ICP Why to "Leads": one array formula each, in H2, I2, J2.');
    expect(await written(p)).toEqual(['Leads']);
    expect((await cells(p, 'Prospects'))![0]).toEqual(HEADERS);
  });

  it('polls a host that has no such event (Google Sheets)', async () => {
    const p = await open(sheets(), { events: false, pollMs: 250 });
    await expect.poll(() => shown(p)).toBe('Prospects: header row 1, 1 row');
    await goTo(p, 'Leads');
    await expect.poll(() => shown(p), { timeout: 2000 }).toBe('Leads: header row 1, 3 rows');
  });

  it('looks again when the panel regains focus, before the next poll', async () => {
    const q = await open(sheets(), { events: false, pollMs: 600_000 });
    await expect.poll(() => shown(q)).toBe('Prospects: header row 1, 1 row');
    await goTo(q, 'Leads');
    await q.waitForTimeout(300);
    expect(await shown(q)).toBe('Prospects: header row 1, 1 row');
    await q.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => shown(q), { timeout: 2000 }).toBe('Leads: header row 1, 3 rows');
  });

  it('writes nothing when the user went to another sheet the panel has not seen yet, and shows that sheet to score', async () => {
    // No event and no poll before the click: the panel still shows Prospects.
    const p = await open(sheets(), { events: false, pollMs: 600_000 });
    await expect.poll(() => shown(p)).toBe('Prospects: header row 1, 1 row');
    await p.getByTestId('insert-scores').waitFor();
    await goTo(p, 'Leads');
    await p.getByTestId('insert-scores').click();
    await expect.poll(() => p.getByTestId('notice-text').textContent()).toBe(
      'Nothing was written: you are on "Leads" now, not "Prospects". Check its columns below, then choose Score this sheet again.',
    );
    expect(await shown(p)).toBe('Leads: header row 1, 3 rows');
    expect(await written(p)).toEqual([]);
    expect((await cells(p, 'Prospects'))![0]).toEqual(HEADERS);
    expect((await cells(p, 'Leads'))![0]).toEqual([...HEADERS, 'Owner']);
    await p.getByTestId('insert-scores').click();
    await p.getByTestId('score-result').waitFor();
    expect(await written(p)).toEqual(['Leads']);
  });
});
