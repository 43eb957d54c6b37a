/**
 * The panel notices a model sheet changed by hand, in Chromium at 300 px: through the workbook's
 * change events, on a poll where the host has none (as in Google Sheets), and when it regains
 * focus; and it keeps a person's unsaved edits when the sheet changes under them.
 */
import { describe, expect, it } from 'vitest';
import { presetGrid } from '../../core/index.ts';
import type { WireCell } from '../../workbook/host.ts';
import type { TestPage } from '../../support/browser/chromium.ts';
import { standalonePanelSuite } from '../browser/panel-page.ts';

const MODEL = 'ICP Model';
const PROSPECTS: WireCell[][] = [
  ['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps'],
  ['Acme', 450, 'SaaS', 'HubSpot; Gong', 'Series B', 'yes'],
];
const b2b = () => presetGrid('b2b-saas') as WireCell[][];

const { open } = standalonePanelSuite({ ready: 'save-bar' });

/** Row 3 of the b2b-saas preset is the Industry criterion; column 4 is its Rule. */
async function breakRuleByHand(p: TestPage): Promise<void> {
  await p.evaluate(() => window.icpHost!.setCell('ICP Model', 3, 4, 'betwen'));
}

async function expectBrokenRuleShown(p: TestPage): Promise<void> {
  const notice = p.getByTestId('notice-text');
  await expect.poll(() => notice.textContent(), { timeout: 5000 }).toContain('was changed in the sheet and now has 1 problem');
  expect(await p.locator('[data-row="3"] [data-testid="row-issue"]').textContent()).toBe('Row 3: unknown rule "betwen" — did you mean "between"?');
  expect(await p.getByTestId('valid').count()).toBe(0);
  expect(await p.locator('[data-row="3"] [data-testid="cell-Rule"]').inputValue()).toBe('betwen');
}

describe('the panel and a model sheet changed outside it', { timeout: 30_000 }, () => {
  it('hears the workbook’s change event and shows the sheet’s own problem', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: b2b() });
    await p.getByTestId('valid').waitFor();
    await breakRuleByHand(p);
    await expectBrokenRuleShown(p);
  });

  it('polls a host that has no change events (Google Sheets) and shows the problem', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: b2b() }, { events: false, pollMs: 250 });
    await p.getByTestId('valid').waitFor();
    await breakRuleByHand(p);
    await expectBrokenRuleShown(p);
  });

  it('looks again when the panel regains focus, before the next poll', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: b2b() }, { events: false, pollMs: 600_000 });
    await p.getByTestId('valid').waitFor();
    await breakRuleByHand(p);
    // No poll for ten minutes, and no event: nothing has been noticed yet.
    await p.waitForTimeout(300);
    expect(await p.getByTestId('valid').count()).toBe(1);
    await p.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expectBrokenRuleShown(p);
  });

  it('shows a fixed sheet as fixed, and a valid change as the version now shown', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: b2b() });
    await breakRuleByHand(p);
    await expectBrokenRuleShown(p);
    await p.evaluate(() => window.icpHost!.setCell('ICP Model', 3, 4, 'is any of'));
    await expect.poll(() => p.getByTestId('notice-text').textContent()).toContain('the panel now shows that version');
    await p.getByTestId('valid').waitFor();
    await p.evaluate(() => window.icpHost!.setCell('ICP Model', 2, 6, 45));
    await expect.poll(() => p.locator('[data-row="2"] [data-testid="cell-Points"]').inputValue()).toBe('45');
  });

  it('keeps unsaved edits when the sheet changes under them, and says so; Save then shows both versions', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: b2b() });
    await p.locator('[data-row="2"] [data-testid="cell-Points"]').fill('35');
    await p.evaluate(() => window.icpHost!.setCell('ICP Model', 4, 6, 30));
    await expect.poll(() => p.getByTestId('notice-text').textContent()).toContain('was changed in the sheet while you were editing here');
    expect(await p.locator('[data-row="2"] [data-testid="cell-Points"]').inputValue()).toBe('35');
    expect(await p.locator('[data-row="4"] [data-testid="cell-Points"]').inputValue()).toBe('25');
    await p.getByTestId('save').click();
    await p.getByTestId('conflict').waitFor();
  });

  it('does not mistake its own save for a change made by hand', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: b2b() });
    await p.locator('[data-row="2"] [data-testid="cell-Points"]').fill('35');
    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    await p.evaluate(() => window.dispatchEvent(new Event('focus')));
    await p.waitForTimeout(300);
    expect(await p.locator('[data-testid="notice"]').getAttribute('data-kind')).toBe('success');
  });
});
