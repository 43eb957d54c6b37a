/**
 * The proof table in the panel's Summary tab (300 px, headless Chromium, over the in-memory
 * workbook): the columns found by their names, the summary sheet with ICP_PROOF beside the
 * summary, and the table and headline shown in the panel, every cell worked out by hand (the
 * ICP_PROOF fixture's history, test/fixtures/function-calls.ts).
 */
import { describe, expect, it } from 'vitest';
import type { WireCell } from '../../workbook/host.ts';
import { standalonePanelSuite } from '../browser/panel-page.ts';
import { PROOF_EXPECTED, PROOF_HISTORY } from '../fixtures/function-calls.ts';
import { SPEC_EXAMPLE, modelGrid } from '../fixtures/workbook.ts';

const MODEL = 'ICP Model';
const iso = (cell: unknown) => (cell instanceof Date ? `${cell.getFullYear()}-${String(cell.getMonth() + 1).padStart(2, '0')}-${String(cell.getDate()).padStart(2, '0')}` : cell);
/** The fixture's history as a scored sheet whose columns are named as a CRM exports them. */
const DEALS: WireCell[][] = [
  ['Company', 'ICP Tier', 'Outcome', 'Amount', 'Created', 'Close date', 'Churned', 'ARR now'],
  ...PROOF_HISTORY.map((row, i) => [`Account ${i + 1}`, ...row.map(iso)] as WireCell[]),
];

const { open } = standalonePanelSuite({ ready: 'save-bar' });

describe('the proof table in the Summary tab', () => {
  it('finds the proof columns by name, writes ICP_PROOF beside the summary and shows the proof by hand in the panel', async () => {
    const p = await open({ Prospects: DEALS, [MODEL]: modelGrid(SPEC_EXAMPLE) as WireCell[][] });
    await p.getByTestId('tab-summary').click();
    await p.getByTestId('summary-sheet').waitFor();
    const picked = async (id: string) => p.getByTestId(id).inputValue();
    expect(await Promise.all(['won', 'amount', 'created', 'closed', 'churned', 'arr-now'].map((id) => picked(`summary-${id}-column`)))).toEqual([
      'Outcome', 'Amount', 'Created', 'Close date', 'Churned', 'ARR now',
    ]);
    await p.getByTestId('summary-title').fill('Proof: Q3');
    await p.getByTestId('summary-create').click();
    await p.getByTestId('proof').waitFor();
    // The sheet as created, named without the colon a sheet name cannot hold, and said so.
    expect(await p.getByTestId('summary-result').textContent()).toBe('Created the sheet "Proof - Q3".');
    expect(await p.getByTestId('notice-text').textContent()).toBe('Created the tier summary sheet "Proof - Q3", titled "Proof: Q3".');
    const formulas = await p.evaluate(() => window.icpHost!.formulas('Proof - Q3'));
    expect(formulas.H4).toBe("=ICP_PROOF('Prospects'!B2:B, 'ICP Model'!A:H, 'Prospects'!C2:C, 'Prospects'!D2:D, 'Prospects'!E2:E, 'Prospects'!F2:F, 'Prospects'!G2:G, 'Prospects'!H2:H)");

    // PROOF_EXPECTED as the panel writes it: whole percents, amounts grouped, – for a blank.
    const rows = await p.getByTestId('proof-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th span, td')].map((cell) => cell.textContent)));
    expect(rows).toEqual([
      ['Priority', '3 won · 1 lost · 1 open', '75%', '2,000', '20', '33%', '30%'],
      ['Standard', '3 won · 1 lost', '75%', '3,000', '4', '67%', '100%'],
      ['Excluded', '0 won · 1 lost', '0%', '–', '–', '–', '–'],
      ['Total', '6 won · 3 lost · 1 open', '67%', '2,500', '15', '50%', '72%'],
    ]);
    expect(await p.getByTestId('proof-headline').textContent()).toBe(PROOF_EXPECTED.at(-1)![0]);
    // The table fits the 300 px panel: nothing wider than the panel, nothing to scroll sideways.
    expect(await p.getByTestId('proof-table').evaluate((table) => table.getBoundingClientRect().right <= document.documentElement.clientWidth)).toBe(true);
    expect(await p.locator('.proof-scroll').evaluate((box) => box.scrollWidth <= box.clientWidth)).toBe(true);
  });

  it('offers the proof only with a won column, and shows it without a new sheet when asked', async () => {
    const p = await open({ Prospects: DEALS, [MODEL]: modelGrid(SPEC_EXAMPLE) as WireCell[][] });
    await p.getByTestId('tab-summary').click();
    await p.getByTestId('summary-sheet').waitFor();
    await p.getByTestId('summary-won-column').selectOption('');
    expect(await p.getByTestId('summary-show-proof').isDisabled()).toBe(true);
    expect(await p.getByTestId('proof-note').textContent()).toMatch(/^Pick the won column to add the proof table/);
    await p.getByTestId('summary-won-column').selectOption('Outcome');
    await p.getByTestId('summary-churned-column').selectOption('');
    await p.getByTestId('summary-show-proof').click();
    await p.getByTestId('proof').waitFor();
    const churn = await p.getByTestId('proof-row').evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[3]!.textContent));
    expect(churn).toEqual(['–', '–', '–', '–']);
    const sheets = await p.evaluate(() => window.icpHost!.sheetNames());
    expect(sheets).toEqual(['Prospects', MODEL]);
  });
});
