/**
 * Lowering one weight lowers the possible total every score is out of, so most scores rise: the
 * panel says so where the weight is edited, in the Model tab's live figures, and when it saves,
 * in Chromium at 300 px.
 */
import { describe, expect, it } from 'vitest';
import { presetGrid } from '../../core/index.ts';
import type { WireCell } from '../../workbook/host.ts';
import type { TestPage } from '../../support/browser/chromium.ts';
import { standalonePanelSuite } from '../browser/panel-page.ts';

const MODEL = 'ICP Model';
const PROSPECTS: WireCell[][] = [
  ['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Region'],
  ['Acme', 450, 'SaaS', 'HubSpot', 'Series A', 'yes', 'EMEA'],
];
/** The B2B SaaS preset (30 + 20 + 25 + 15 + 10) and a 10-point Region criterion: 110 possible. */
const MODEL_110 = [...(presetGrid('b2b-saas') as WireCell[][]), ['criterion', 'Region', 'Region', 'is any of', 'EMEA', 10, 'Firmographics', '']];

const { open } = standalonePanelSuite({ ready: 'save-bar' });

const points = (p: TestPage, row: number) => p.locator(`[data-row="${row}"] [data-testid="cell-Points"]`);
const card = (p: TestPage, name: string) => p.locator(`[data-testid="criterion"][data-name="${name}"]`);

describe('the possible total, as a weight changes', { timeout: 30_000 }, () => {
  it('says the scores are out of a total that fell, on the criterion edited and in the total, and again when saved', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: MODEL_110 });
    expect(await p.getByTestId('possible-total').textContent()).toBe('possible total 110 pts');
    expect(await p.getByTestId('possible-change').count()).toBe(0);

    await points(p, 2).fill('15');
    expect(await p.getByTestId('possible-total').textContent()).toBe('possible total 95 pts (was 110)');
    const said = 'Scores are out of the possible total, which fell from 110 to 95 pts: a prospect whose points are unchanged now scores 16% higher.';
    expect(await card(p, 'Company size').getByTestId('possible-change').textContent()).toBe(said);
    expect(await p.getByTestId('possible-change').count()).toBe(1);

    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect(await p.getByTestId('notice-text').textContent()).toBe(`Saved "${MODEL}". The version it replaced is in the history. ${said}`);
    // Saved: the total is the sheet's again; nothing left to explain in the editor.
    expect(await p.getByTestId('possible-total').textContent()).toBe('possible total 95 pts');
    expect(await p.getByTestId('possible-change').count()).toBe(0);
  });

  it('says the scores fall when a weight raises the total, and says it beside the total when the criterion is gone', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: MODEL_110 });
    await points(p, 6).fill('25');
    expect(await card(p, 'RevOps').getByTestId('possible-change').textContent()).toBe(
      'Scores are out of the possible total, which rose from 110 to 125 pts: a prospect whose points are unchanged now scores 12% lower.',
    );
    await points(p, 6).fill('10');
    expect(await p.getByTestId('possible-change').count()).toBe(0);

    await card(p, 'Region').getByTestId('criterion-remove').click();
    expect(await p.getByTestId('possible-total').textContent()).toBe('possible total 100 pts (was 110)');
    expect(await p.getByTestId('section-criterion').getByTestId('possible-change').first().textContent()).toBe(
      'Scores are out of the possible total, which fell from 110 to 100 pts: a prospect whose points are unchanged now scores 10% higher.',
    );
  });
});
