/**
 * The Learn tab's what-if (issue #20, item 5) in headless Chromium at 300 px, on the standalone
 * panel's demo workbook: learn, move a share of the accounts worked from one group to another,
 * and read the projection; the sentence's numbers are those of the core's what-if over the same
 * rows, and on a small history those worked out by hand. The errors a person can make, and the
 * line shown without an amount column.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetGrid, readModel } from '../../core/index.ts';
import { tableFromGrid } from '../../core/learner.ts';
import { scoreHistory, scoredWhatIf } from '../../core/what-if-history.ts';
import { DEMO_HISTORY_SHEET, demoHistory, demoProspects } from '../../workbook/demo-workbook.ts';
import type { WireCell } from '../../workbook/host.ts';
import type { TestPage } from '../../support/browser/chromium.ts';
import { standalonePanelSuite } from '../browser/panel-page.ts';

const MODEL = 'ICP Model';
const B2B = presetGrid('b2b-saas') as WireCell[][];

const { open } = standalonePanelSuite({ ready: 'learn-sheet', height: 900, defaults: { step: 'learn' } });

async function learn(p: TestPage): Promise<void> {
  await p.getByTestId('learn-run').click();
  await p.getByTestId('learn-verdict').waitFor();
}

const options = (p: TestPage, testid: string) =>
  p.getByTestId(testid).evaluate((select: HTMLSelectElement) => [...select.options].map((o) => `${(o.parentElement as HTMLOptGroupElement).label}: ${o.value}`));

describe('the Learn tab’s what-if', { timeout: 60_000 }, () => {
  it('projects moving a share of the demo’s accounts worked between tiers and segments as the core does over the same rows', async () => {
    const history = demoHistory();
    const p = await open({ Prospects: demoProspects(), [DEMO_HISTORY_SHEET]: history, [MODEL]: B2B });
    await learn(p);
    await p.getByTestId('what-if').waitFor();
    const model = readModel(B2B);
    const tiers = model.tiers.map((t) => `Tiers: ${t.name}`);
    const from = await options(p, 'what-if-from');
    expect(from.slice(0, tiers.length)).toEqual(tiers);
    expect(from.some((o) => o.startsWith('Segments (effort table): '))).toBe(true);
    expect(await options(p, 'what-if-to')).toEqual(from);
    // Offered first: from the lowest tier to the top tier, 20%.
    expect(await p.getByTestId('what-if-from').inputValue()).toBe(model.tiers.at(-1)!.name);
    expect(await p.getByTestId('what-if-to').inputValue()).toBe(model.tiers[0]!.name);
    expect(await p.getByTestId('what-if-share').inputValue()).toBe('20');

    const scored = scoreHistory(model, tableFromGrid(history)!, { outcome: 'Stage', amount: 'Amount', created: 'Created', closed: 'Close date' });
    if (!scored.ok) throw new Error(scored.problem);
    const expected = (share: number, a: string, b: string) => {
      const answer = scoredWhatIf({ share, from: a, to: b }, scored.value);
      if (!answer.ok) throw new Error(answer.problem);
      return answer.value;
    };
    const first = expected(0.2, model.tiers.at(-1)!.name, model.tiers[0]!.name);
    expect(first.projection).toBeGreaterThan(0);
    expect(await p.getByTestId('what-if-sentence').textContent()).toBe(first.sentence);
    expect(await p.getByTestId('what-if-detail').textContent()).toBe(first.detail);

    // A segment of the effort table to a tier, 35%.
    const segment = from.find((o) => o.startsWith('Segments (effort table): '))!.replace('Segments (effort table): ', '');
    await p.getByTestId('what-if-from').selectOption(segment);
    await p.getByTestId('what-if-share').fill('35');
    const second = expected(0.35, segment, model.tiers[0]!.name);
    expect(await p.getByTestId('what-if-sentence').textContent()).toBe(second.sentence);
    expect(second.sentence).toMatch(new RegExp(`^Moving 35% of the accounts worked from ${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} to `));
    expect(await p.getByTestId('what-if-result').getAttribute('aria-live')).toBe('polite');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);

    // Labelled fields, reached with the keyboard.
    for (const [testid, label] of [['what-if-from', 'From'], ['what-if-to', 'To'], ['what-if-share', 'Share (%)']]) {
      expect(await p.getByTestId(testid!).evaluate((el: HTMLInputElement) => el.labels?.[0]?.querySelector('.cell-label')?.textContent)).toBe(label);
    }
    await p.getByTestId('what-if-to').focus();
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('what-if-share');

    if (process.env.PANEL_SCREENSHOT) {
      await p.getByTestId('what-if-from').selectOption(model.tiers.at(-1)!.name);
      await p.getByTestId('what-if-share').fill('20');
      await p.getByTestId('what-if').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 110));
      await p.screenshot({ path: path.resolve('docs/panel-what-if.png') });
    }
  });

  it('works out moving half of A to B by hand, and says what to change: the same group, a share out of range, a group with too few deals', async () => {
    // Segment A: 12 won at 1,000, 12 lost (yield 500; s² = 1,000² × 12 × 12 / (24 × 23) = 260,869.57).
    // Segment B: 18 won at 2,000, 6 lost (yield 1,500; s² = 2,000² × 18 × 6 / (24 × 23) = 782,608.70).
    // Moved: 50% of 24 = 12. Projection 12 × 1,000 = 12,000; s.e. 12 × √((260,869.57 + 782,608.70) / 24) = 2,502.17;
    // 90% range 12,000 ± 1.6449 × 2,502.17 = 7,884 to 16,116.
    // The b2b-saas preset's columns, so nothing needs mapping; the segments' deals spread over them.
    const rows: WireCell[][] = [['Account', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Segment', 'Stage', 'Amount']];
    const add = (segment: string, count: number, outcome: string, amount: WireCell) => {
      for (let i = 0; i < count; i++) {
        const k = rows.length;
        rows.push([`${segment}${k}`, 20 + 97 * k, k % 3 ? 'SaaS' : 'Retail', k % 2 ? 'HubSpot' : 'Zoho', k % 4 ? 'Seed' : 'Series B', k % 5 ? 'no' : 'yes', segment, outcome, amount]);
      }
    };
    add('A', 12, 'Won', 1000);
    add('A', 12, 'Lost', '');
    add('B', 18, 'Won', 2000);
    add('B', 6, 'Lost', '');
    add('C', 1, 'Won', 700);
    add('C', 20, '', '');
    const p = await open({ Prospects: demoProspects(), Deals: rows, [MODEL]: B2B });
    await p.getByTestId('learn-sheet').selectOption('Deals');
    await learn(p);
    await p.getByTestId('what-if').waitFor();
    const segments = (await options(p, 'what-if-from')).filter((o) => o.startsWith('Segments')).map((o) => o.replace('Segments (effort table): ', ''));
    expect(segments).toEqual(expect.arrayContaining(['Segment = A', 'Segment = B', 'Segment = C']));
    await p.getByTestId('what-if-from').selectOption('Segment = A');
    await p.getByTestId('what-if-to').selectOption('Segment = B');
    await p.getByTestId('what-if-share').fill('50');
    expect(await p.getByTestId('what-if-sentence').textContent()).toBe(
      'Moving 50% of the accounts worked from Segment = A to Segment = B (12 of 24): +12K won revenue (90% range +7.88K to +16.1K) over the same period.',
    );
    expect(await p.getByTestId('what-if-detail').textContent()).toBe(
      'Segment = B brought in 1.5K per account worked (24 decided deals, 18 won); Segment = A brought in 500 per account worked (24 decided deals, 12 won). The range (delta method) assumes the moved accounts win as Segment = B\'s did.',
    );

    const error = () => p.getByTestId('what-if-error').textContent();
    await p.getByTestId('what-if-to').selectOption('Segment = A');
    expect(await error()).toBe('From and To are the same group: pick two different groups.');
    expect(await p.getByTestId('what-if-sentence').count()).toBe(0);
    await p.getByTestId('what-if-to').selectOption('Segment = B');
    for (const share of ['0', '150', '']) {
      await p.getByTestId('what-if-share').fill(share);
      expect(await error()).toBe('The share must be more than 0% and at most 100% of the accounts worked.');
    }
    await p.getByTestId('what-if-share').fill('50');
    await p.getByTestId('what-if-from').selectOption('Segment = C');
    expect(await error()).toBe('"Segment = C" has 1 decided deal with an amount: too few to say what its accounts yield (2 at least).');
    expect(await p.getByTestId('what-if-error').evaluate((el) => el.closest('[aria-live="polite"]') !== null)).toBe(true);

    // Learning again starts the form afresh, on the new run's groups.
    await learn(p);
    await p.getByTestId('what-if-sentence').waitFor();
    expect(await p.getByTestId('what-if-share').inputValue()).toBe('20');
    expect(await p.getByTestId('what-if-from').inputValue()).not.toBe('Segment = C');
  });

  it('says the what-if needs the amount column when none is picked', async () => {
    const p = await open({ Prospects: demoProspects(), [DEMO_HISTORY_SHEET]: demoHistory(300), [MODEL]: B2B });
    await p.getByTestId('learn-amount').selectOption('-1');
    await learn(p);
    expect(await p.getByTestId('what-if-needs-amount').textContent()).toBe(
      'The what-if (moving accounts worked from one group to another) needs the amount column: pick it above and learn again.',
    );
    expect(await p.getByTestId('what-if').count()).toBe(0);
  });
});
