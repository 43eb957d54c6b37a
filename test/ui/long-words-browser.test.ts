/** Unbroken words in the model (a Dimension, a Name, a tier) never make the 300 px panel scroll sideways. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WireCell } from '../../workbook/host.ts';
import type { TestPage } from '../../support/browser/chromium.ts';
import { standalonePanelSuite } from '../browser/panel-page.ts';

const PROSPECTS: WireCell[][] = [
  ['Company', 'Employees', 'Industry'],
  ['Acme', 450, 'SaaS'],
];

function model(word: string): WireCell[][] {
  return [
    ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note'],
    ['criterion', 'Size', 'Employees', 'between', '200-2000', 30, word, ''],
    ['criterion', `Industry${word}`, 'Industry', 'is any of', `SaaS, ${word}`, 20, 'Firmographics', word],
    ['tier', `Priority${word.slice(0, 5000)}`, '', '', 70, '', '', word],
    ['tier', 'Standard', '', '', 0, '', '', ''],
  ];
}

const { open } = standalonePanelSuite({ ready: 'save-bar' });

/** How wide the page would scroll, and the widest element that sticks out past 300 px. */
async function widths(p: TestPage): Promise<{ scroll: number; widest: string }> {
  return p.evaluate(() => {
    let widest = '';
    let most = 0;
    for (const element of document.querySelectorAll('body *')) {
      const right = element.getBoundingClientRect().right;
      if (right > most) {
        most = right;
        widest = `${element.tagName.toLowerCase()}.${String(element.className)} (${Math.round(right)} px)`;
      }
    }
    return { scroll: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), widest: most > 300 ? widest : '' };
  });
}

describe('the panel at 300 px with one unbroken word', { timeout: 30_000 }, () => {
  for (const length of [40, 200_000]) {
    it(`of ${length.toLocaleString('en-US')} characters wraps or cuts it, and never scrolls sideways`, async () => {
      const word = 'x'.repeat(length);
      const p = await open({ Prospects: PROSPECTS, 'ICP Model': model(word) });
      await p.getByTestId('criterion').first().waitFor();
      expect(await widths(p)).toEqual({ scroll: 300, widest: '' });
      for (const tab of ['score', 'summary', 'history']) {
        await p.getByTestId(`tab-${tab}`).click();
        await p.waitForTimeout(100);
        expect(await widths(p), tab).toEqual({ scroll: 300, widest: '' });
      }
      await p.getByTestId('tab-model').click();
      if (length === 40) await p.screenshot({ path: path.join(mkdtempSync(path.join(tmpdir(), 'panel-')), 'long-word.png') });
    });
  }
});

describe('the panel at 300 px with everyday text', { timeout: 30_000 }, () => {
  it('never breaks a one-word button label across lines to make room', async () => {
    const p = await open({ Prospects: [['Company', 'Employees'], ['Acme', 450]], 'ICP Model': model('Firmographics') });
    for (const tab of ['model', 'score', 'summary', 'learn', 'history']) {
      await p.getByTestId(`tab-${tab}`).click();
      await p.waitForTimeout(100);
      const broken = await p.evaluate(() =>
        [...document.querySelectorAll('button')]
          .filter((b) => b.offsetParent !== null && /^\S+$/.test(b.textContent!.trim()))
          .filter((b) => {
            const range = document.createRange();
            range.selectNodeContents(b);
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
          })
          .map((b) => b.textContent!.trim()),
      );
      expect(broken, tab).toEqual([]);
    }
  });
});

