/**
 * The Learn tab in headless Chromium at 300 px, on the standalone page's in-memory workbook:
 * pick the history, learn, read the side-by-side, apply and save; and the refusals.
 */
import { readHistoryRows } from '../../workbook/history-sheet.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetGrid, readModel } from '../../core/index.ts';
import { DEMO_HISTORY_SHEET, demoHistory } from '../../workbook/demo-workbook.ts';
import type { WireCell } from '../../workbook/host.ts';
import type { TestPage } from '../../support/browser/chromium.ts';
import { standalonePanelSuite } from '../browser/panel-page.ts';
import { GUESS_MODEL, plantedHistory, shuffledOutcomes } from '../../support/learn/planted.ts';

const MODEL = 'ICP Model';
const HISTORY = 'ICP Model History';
const B2B = presetGrid('b2b-saas') as WireCell[][];
const PROSPECTS: WireCell[][] = [
  ['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Deal stage'],
  ['Acme', 450, 'SaaS', 'HubSpot', 'Series A', 'yes', 'Closed Won'],
  ['Beta', 50, 'Retail', 'Zoho', 'Seed', 'no', ''],
];

/** The standalone panel, open on the Learn tab. */
const { open } = standalonePanelSuite({ ready: 'learn-sheet', height: 900, defaults: { step: 'learn' } });

function sheet(p: TestPage, name: string): Promise<WireCell[][] | null> {
  return p.evaluate((n) => window.icpHost!.cells(n), name);
}

function calls(p: TestPage): Promise<string[]> {
  return p.evaluate(() => window.icpTest!.calls.map((c) => c.method));
}

async function selectedText(p: TestPage, testid: string): Promise<string> {
  return p.getByTestId(testid).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '');
}

function learnRow(p: TestPage, name: string) {
  return p.locator(`[data-testid="learn-row"][data-name="${name}"]`);
}

/** Apply's preview: every criterion going to 0 points ticked, then Apply. */
async function confirmApply(p: TestPage): Promise<void> {
  await p.getByTestId('learn-apply-preview').waitFor();
  for (const box of await p.getByTestId('learn-apply-confirm-zero').all()) await box.check();
  await p.getByTestId('learn-apply-confirm').click();
}

async function pointsOf(p: TestPage, name: string): Promise<{ current: number; suggested: number }> {
  const row = learnRow(p, name);
  return {
    current: Number(await row.getByTestId('learn-current').textContent()),
    suggested: Number(await row.getByTestId('learn-suggested').textContent()),
  };
}

/** Outcome counts of a history's Stage column, read by hand from its labels (not by the core). */
function countStages(grid: WireCell[][]): { won: number; lost: number; open: number; closedDashWon: number } {
  const stage = grid[0]!.indexOf('Stage');
  const counts = { won: 0, lost: 0, open: 0, closedDashWon: 0 };
  for (const row of grid.slice(1)) {
    const label = String(row[stage] ?? '');
    if (['Closed Won', 'Won', 'closed won'].includes(label)) counts.won++;
    else if (['Closed Lost', 'Lost'].includes(label)) counts.lost++;
    else if (label === 'Closed - Won') {
      counts.lost++;
      counts.closedDashWon++;
    } else counts.open++;
  }
  return counts;
}

/** A small history: `won` wins, `lost` losses, `open` blank outcomes, then `extra` rows with those labels. */
function smallHistory(won: number, lost: number, open: number, extra: WireCell[] = []): WireCell[][] {
  const rows: WireCell[][] = [['Company', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Outcome']];
  const add = (outcome: WireCell, i: number) =>
    rows.push([`Co ${rows.length}`, 100 + 37 * i, i % 2 ? 'SaaS' : 'Retail', i % 3 ? 'HubSpot' : 'Zoho', i % 4 ? 'Seed' : 'Series B', i % 5 ? 'no' : 'yes', outcome]);
  for (let i = 0; i < won; i++) add('Won', i);
  for (let i = 0; i < lost; i++) add('Lost', i + 1);
  for (let i = 0; i < open; i++) add('', i + 2);
  extra.forEach((label, i) => add(label, i + 3));
  return rows;
}

describe('the Learn tab in Chromium at 300 px', { timeout: 60_000 }, () => {
  it('suggests the history sheet and its columns, shows progress, then current and suggested side by side', async () => {
    const history = demoHistory();
    const p = await open({ Prospects: PROSPECTS, [DEMO_HISTORY_SHEET]: history, [MODEL]: B2B }, { latencyMs: 250 });
    // The largest sheet with an outcome column, and its columns by header name.
    expect(await p.getByTestId('learn-sheet').inputValue()).toBe(DEMO_HISTORY_SHEET);
    expect(await selectedText(p, 'learn-outcome')).toBe('Stage');
    expect(await selectedText(p, 'learn-amount')).toBe('Amount');
    expect(await selectedText(p, 'learn-created')).toBe('Created');
    expect(await selectedText(p, 'learn-closed')).toBe('Close date');

    // Every step the progress bar shows, as it is put on screen.
    await p.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { phases: string[] }).phases = seen;
      new MutationObserver(() => {
        const phase = document.querySelector('[data-testid="learn-progress"]')?.getAttribute('data-phase');
        if (phase && seen[seen.length - 1] !== phase) seen.push(phase);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await p.getByTestId('learn-run').click();
    const progress = p.getByTestId('learn-progress');
    await progress.waitFor();
    expect(await progress.getAttribute('data-phase')).toBe('sheet');
    expect(await p.getByTestId('learn-progress-label').textContent()).toBe(`Reading the rows of "${DEMO_HISTORY_SHEET}"…`);
    await p.getByTestId('learn-verdict').waitFor();
    expect(await progress.count()).toBe(0);
    // The host read, then each learning phase painted in turn (the page stays live between them).
    const phases = await p.evaluate(() => (window as unknown as { phases: string[] }).phases);
    expect(phases.slice(0, 6)).toEqual(['sheet', 'reading', 'lift', 'validating', 'fitting', 'drift']);

    const { won, lost, open: openDeals, closedDashWon } = countStages(history);
    expect(await p.getByTestId('learn-read').textContent()).toBe(`Read 1,000 rows of "${DEMO_HISTORY_SHEET}": ${won} won, ${lost} lost, ${openDeals} open or blank.`);
    expect(await p.getByTestId('learn-label').allTextContents()).toEqual([`“Closed - Won”: ${closedDashWon} rows, read as lost (did you mean Won?)`]);

    // Planted: RevOps is the strongest effect and the preset underrates it; Funding is harmful; Industry near neutral.
    const revOps = await pointsOf(p, 'RevOps');
    expect(revOps.current).toBe(10);
    expect(revOps.suggested).toBeGreaterThan(revOps.current);
    expect(await learnRow(p, 'RevOps').getAttribute('data-changed')).toBe('true');
    expect(revOps.suggested).toBeGreaterThan((await pointsOf(p, 'Industry')).suggested);
    expect((await pointsOf(p, 'Funding')).suggested).toBeLessThan(0);
    expect(await learnRow(p, 'Funding').getAttribute('data-status')).toBe('candidate exclusion');
    expect(await learnRow(p, 'Funding').getByTestId('learn-exclude').count()).toBe(1);

    expect(await p.getByTestId('learn-verdict').getAttribute('data-verdict')).toBe('better');
    const aucNow = Number(await p.getByTestId('learn-auc-current').textContent());
    const aucNew = Number(await p.getByTestId('learn-auc-suggested').textContent());
    expect(aucNew).toBeGreaterThan(aucNow);
    expect(await p.getByTestId('learn-tier').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tier')))).toEqual(['Priority', 'Standard']);
    expect(await p.getByTestId('learn-target').textContent()).toMatch(/^\s*Target: at least 60% of the wins in the top 15–35% of deals\. Current: (met|not met); suggested: (met|not met)\.\s*$/);
    // Created dates span 2024-01-01 to 2025-12-30: eight quarters; cycles lengthen in the last two.
    expect(await p.getByTestId('learn-quarter').count()).toBe(8);
    const lastQuarter = p.locator('[data-testid="learn-quarter"][data-quarter="2025 Q4"]');
    expect(await lastQuarter.locator('[data-testid="learn-flag"][data-kind="cycle length"]').count()).toBe(1);

    await learnRow(p, 'RevOps').getByTestId('learn-row-details').locator('summary').click();
    expect(await learnRow(p, 'RevOps').getByTestId('learn-row-note').textContent()).toMatch(/won \d+% of \d+ decided accounts it counted for/);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    expect(await sheet(p, MODEL)).toEqual(B2B);
  });

  it('applies the suggestion and saves it as a new version, the old one in the history, with a ticked row turned into an exclusion', async () => {
    const history = demoHistory();
    const p = await open({ Prospects: PROSPECTS, [DEMO_HISTORY_SHEET]: history, [MODEL]: B2B });
    await p.getByTestId('learn-run').click();
    await p.getByTestId('learn-verdict').waitFor();
    const shown = new Map<string, number>();
    for (const name of ['Company size', 'Industry', 'CRM', 'RevOps']) shown.set(name, (await pointsOf(p, name)).suggested);
    // The tier minimums refitted on the training deals, as the tab shows them.
    const minimums = new Map<string, number>();
    for (const tier of await p.getByTestId('learn-tier-minimum').all()) minimums.set((await tier.getAttribute('data-tier'))!, Number(await tier.getAttribute('data-minimum')));
    expect([...minimums.keys()]).toEqual(['Priority', 'Standard']);
    await learnRow(p, 'Funding').getByTestId('learn-exclude').check();
    expect(await learnRow(p, 'Funding').getByTestId('learn-suggested').textContent()).toBe('exclude');
    const { won, lost } = countStages(history);
    const note = `Learned from history: ${DEMO_HISTORY_SHEET}, ${won + lost} outcomes, AUC ${await p.getByTestId('learn-auc-current').textContent()} → ${await p.getByTestId('learn-auc-suggested').textContent()}`;
    expect(await p.getByTestId('learn-apply-note').inputValue()).toBe(note);

    await p.getByTestId('learn-apply').click();
    await confirmApply(p);
    await p.getByTestId('learn-applied').waitFor();
    expect(await p.getByTestId('learn-apply').isDisabled()).toBe(true);

    const saved = (await sheet(p, MODEL))!;
    const expected = B2B.map((row) => {
      if (row[0] === 'tier') return [...row.slice(0, 4), minimums.get(String(row[1])), ...row.slice(5)];
      if (row[0] !== 'criterion') return row;
      if (row[1] === 'Funding') return ['exclude', ...row.slice(1, 5), '', ...row.slice(6)];
      return [...row.slice(0, 5), shown.get(String(row[1])), ...row.slice(6)];
    });
    expect(saved).toEqual(expected);
    const versions = (await sheet(p, HISTORY))!;
    expect(versions).toHaveLength(2);
    expect(versions[1]!.slice(2, 5)).toEqual(['ana@example.com', note, MODEL]);
    expect(readHistoryRows(versions[1]!)).toEqual(B2B);

    // One undoable change in the editor, already saved.
    await p.getByTestId('tab-model').click();
    expect(await p.getByTestId('save-state').textContent()).toContain('Saved');
    expect(await p.getByTestId('undo-label').textContent()).toContain(`apply the model learned from "${DEMO_HISTORY_SHEET}"`);
    await p.getByTestId('undo').click();
    expect(await p.locator('[data-testid="criterion"][data-name="Funding"]').count()).toBe(1);
    expect(await p.getByTestId('dirty').count()).toBe(1);
  });

  it('on a conflict, shows the Model tab’s conflict view and saves over it with the learned note only when asked', async () => {
    // A host without change events that has not polled yet (Sheets between two polls): the panel
    // has not noticed the edit, so the save finds it.
    const p = await open({ Prospects: PROSPECTS, [DEMO_HISTORY_SHEET]: demoHistory(), [MODEL]: B2B }, { events: false, pollMs: 600_000 });
    await p.getByTestId('learn-run').click();
    await p.getByTestId('learn-verdict').waitFor();
    const revOps = (await pointsOf(p, 'RevOps')).suggested;
    // Someone edits the model sheet by hand after the panel read it.
    await p.evaluate(() => window.icpHost!.setCell('ICP Model', 2, 6, 35));
    await p.getByTestId('learn-apply').click();
    await confirmApply(p);
    await p.getByTestId('conflict').waitFor();
    expect(await p.getByTestId('tab-model').getAttribute('aria-selected')).toBe('true');
    expect(await p.getByTestId('diff-changed').count()).toBeGreaterThan(0);
    expect((await sheet(p, MODEL))![1]![5]).toBe(35);

    await p.getByTestId('conflict-overwrite').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect((await sheet(p, MODEL))!.find((r) => r[1] === 'RevOps')![5]).toBe(revOps);
    const versions = (await sheet(p, HISTORY))!;
    expect(versions).toHaveLength(2);
    expect(String(versions[1]![3])).toMatch(/^Learned from history: Closed deals, \d+ outcomes, AUC 0\.\d\d → 0\.\d\d$/);
    expect(readHistoryRows(versions[1]!)?.[1]?.[5]).toBe(35);
  });

  it('follows a model sheet edited by hand after learning, and will not apply the report learned on the old one', async () => {
    const p = await open({ Prospects: PROSPECTS, [DEMO_HISTORY_SHEET]: demoHistory(), [MODEL]: B2B });
    await p.getByTestId('learn-run').click();
    await p.getByTestId('learn-verdict').waitFor();
    await p.evaluate(() => window.icpHost!.setCell('ICP Model', 2, 6, 35));
    await p.getByTestId('learn-stale').waitFor();
    expect(await p.getByTestId('learn-apply').isDisabled()).toBe(true);
    expect(await p.getByTestId('notice-text').textContent()).toContain('was changed in the sheet; the panel now shows that version');
    expect((await sheet(p, MODEL))![1]![5]).toBe(35);
  });

  it('keeps the report while other tabs are open, and will not apply it to a model edited since', async () => {
    const p = await open({ Prospects: PROSPECTS, [DEMO_HISTORY_SHEET]: demoHistory(), [MODEL]: B2B });
    await p.getByTestId('learn-run').click();
    await p.getByTestId('learn-verdict').waitFor();
    await p.getByTestId('tab-model').click();
    await p.locator('[data-row="2"] [data-testid="cell-Points"]').fill('31');
    await p.getByTestId('tab-learn').click();
    await p.getByTestId('learn-stale').waitFor();
    expect(await p.getByTestId('learn-apply').isDisabled()).toBe(true);
    expect(await calls(p)).not.toContain('saveModel');
  });

  it('refuses a history with too few decided outcomes, giving the counts, and changes nothing', async () => {
    const p = await open({ Prospects: PROSPECTS, Deals: smallHistory(12, 8, 3), [MODEL]: B2B }, { active: 'Deals' });
    expect(await p.getByTestId('learn-sheet').inputValue()).toBe('Deals');
    expect(await selectedText(p, 'learn-outcome')).toBe('Outcome');
    await p.getByTestId('learn-run').click();
    const refusal = p.getByTestId('learn-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(
      'The outcome column has 20 decided outcomes (12 won, 8 lost; 3 open or blank): at least 30 are needed, with both wins and losses. Nothing was changed.',
    );
    expect(await p.getByTestId('learn-read').textContent()).toBe('Read 23 rows of "Deals": 12 won, 8 lost, 3 open or blank.');
    expect(await p.getByTestId('learn-apply').count()).toBe(0);
    expect(await sheet(p, MODEL)).toEqual(B2B);
    expect(await sheet(p, HISTORY)).toBeNull();
    expect(await calls(p)).not.toContain('saveModel');
  });

  it('refuses a history with only wins, giving the counts and the labels it did not know', async () => {
    const p = await open({ Prospects: PROSPECTS, Deals: smallHistory(40, 0, 0, ['#N/A', '#N/A']), [MODEL]: B2B });
    await p.getByTestId('learn-sheet').selectOption('Deals');
    await p.getByTestId('learn-run').click();
    await p.getByTestId('learn-refusal').waitFor();
    expect(await p.getByTestId('learn-refusal').textContent()).toBe(
      'The outcome column has 40 decided outcomes (40 won, 0 lost; 2 open or blank): both wins and losses are needed, and there are no losses. Nothing was changed.',
    );
    // #N/A is a spreadsheet error, not a label: read as open, and listed.
    expect(await p.getByTestId('learn-label').allTextContents()).toEqual(['“#N/A”: 2 rows, read as open']);
    expect(await sheet(p, MODEL)).toEqual(B2B);
  });

  it('lists outcome labels that are not known words as text, and asks for a column for a Field the history names differently', async () => {
    const deals = smallHistory(30, 25, 0, ['Win', 'Negotiation', 'Win', '<img src=x onerror=alert(1)>', 'Negotiation', 'Win']);
    deals[0]![1] = 'Employee Count';
    const p = await open({ Prospects: PROSPECTS, Deals: deals, [MODEL]: B2B });
    await p.getByTestId('learn-sheet').selectOption('Deals');
    expect(await p.getByTestId('learn-blocker').textContent()).toBe('Pick a column for "Employees".');
    expect(await p.getByTestId('learn-run').isDisabled()).toBe(true);
    const field = p.locator('[data-testid="learn-field-row"][data-field="Employees"]');
    expect(await field.getByTestId('learn-field-select').locator('option', { hasText: 'Employee Count' }).textContent()).toBe('Employee Count (closest name)');
    await field.getByTestId('learn-field-select').selectOption('Employee Count');
    expect(await p.getByTestId('learn-blocker').count()).toBe(0);
    await p.getByTestId('learn-run').click();
    await p.getByTestId('learn-verdict').waitFor();
    expect(await p.getByTestId('learn-read').textContent()).toBe('Read 61 rows of "Deals": 30 won, 31 lost, 0 open or blank.');
    expect(await p.getByTestId('learn-label').allTextContents()).toEqual([
      '“Win”: 3 rows, read as lost (did you mean Won?)',
      '“Negotiation”: 2 rows, read as lost',
      '“<img src=x onerror=alert(1)>”: 1 row, read as lost',
    ]);
    expect(await p.locator('.learn-labels img').count()).toBe(0);
  });

  it('says so when the history cannot be read, and stops the progress', async () => {
    const p = await open({ Prospects: PROSPECTS, [DEMO_HISTORY_SHEET]: demoHistory(200), [MODEL]: B2B }, { failures: { readRows: 'The sheet is too large.' } });
    await p.getByTestId('learn-run').click();
    await p.locator('[data-testid="notice"][data-kind="error"]').waitFor();
    expect(await p.getByTestId('notice-text').textContent()).toBe(`Reading the rows of "${DEMO_HISTORY_SHEET}" failed: The sheet is too large.`);
    expect(await p.getByTestId('learn-progress').count()).toBe(0);
    expect(await p.getByTestId('learn-run').isDisabled()).toBe(false);
  });

  it('waits for a model without problems', async () => {
    const broken = B2B.map((row) => (row[1] === 'CRM' ? [...row.slice(0, 3), 'containz', ...row.slice(4)] : row));
    const p = await open({ Prospects: PROSPECTS, [DEMO_HISTORY_SHEET]: demoHistory(200), [MODEL]: broken });
    expect(await p.getByTestId('learn-blocker').textContent()).toBe('The model has 1 problem: fix it on the Model tab first.');
    expect(await p.getByTestId('learn-run').isDisabled()).toBe(true);
  });

  it('shows the rows found in the history beside the model rows, with their evidence, and saves them as a new version', async () => {
    const history = plantedHistory({ rows: 2_000, seed: 1 }).grid as WireCell[][];
    const p = await open({ Prospects: PROSPECTS, Deals: history, [MODEL]: GUESS_MODEL as WireCell[][] });
    expect(await p.getByTestId('learn-sheet').inputValue()).toBe('Deals');
    await p.getByTestId('learn-run').click();
    await p.getByTestId('learn-verdict').waitFor();
    expect(await p.getByTestId('learn-verdict').getAttribute('data-verdict')).toBe('better');
    expect(await p.getByTestId('learn-suggestion-message').textContent()).toMatch(/^Suggested: a model that ranks held-out deals better/);
    const found = p.getByTestId('learn-found').getByTestId('learn-row');
    const values = await found.evaluateAll((rows) => rows.map((r) => r.querySelector('.learn-rule-text')!.textContent!.trim()));
    expect(values).toEqual(expect.arrayContaining(['Industry is any of Fintech', 'Industry is any of Agency']));
    // With 2,000 deals Agency is a candidate exclusion (its win rate's upper 95% bound is under half the overall rate,
    // not under a quarter): negative points, and a box to make it an exclude row.
    const agency = p.locator('[data-testid="learn-found"] [data-testid="learn-row"]').filter({ has: p.locator('.learn-rule-text', { hasText: /^Industry is any of Agency$/ }) });
    expect(await agency.getAttribute('data-status')).toBe('candidate exclusion');
    expect(await agency.getByTestId('learn-evidence').textContent()).toMatch(/^\d+ deals: \d+% won, against \d+% for the rest\.$/);
    expect(await agency.getByTestId('learn-stats').textContent()).toMatch(/^\d+ deals · won \d+% · lift 0\.\d\d · effect -\d\.\d\d ± 0\.\d\d$/);
    await agency.getByTestId('learn-exclude').check();
    const size = learnRow(p, 'Company size');
    expect(await size.getAttribute('data-origin')).toBe('moved');
    expect(await size.locator('.learn-was').textContent()).toBe('(was 200-2000)');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    if (process.env.PANEL_SCREENSHOT) {
      await p.evaluate(() => window.scrollTo(0, document.querySelector('[data-testid="learn-verdict"]')!.getBoundingClientRect().top + window.scrollY - 40));
      await p.screenshot({ path: path.resolve('docs/panel-learn-found.png') });
    }

    await p.getByTestId('learn-apply').click();
    await confirmApply(p);
    await p.getByTestId('learn-applied').waitFor();
    const saved = readModel((await sheet(p, MODEL))!);
    expect(saved.exclusions.map((e) => String(e.value))).toEqual(['Agency']);
    expect(saved.entries.some((e) => e.kind === 'criterion' && String(e.value) === 'Fintech' && e.points > 0)).toBe(true);
    const versions = (await sheet(p, HISTORY))!;
    expect(versions).toHaveLength(2);
    expect(readHistoryRows(versions[1]!)).toEqual(GUESS_MODEL);
  });

  it('offers no Apply when the suggestion is not better, only an explicit "apply anyway"', async () => {
    const history = shuffledOutcomes(plantedHistory({ rows: 2_000, seed: 1 }).grid, 2) as WireCell[][];
    const p = await open({ Prospects: PROSPECTS, Deals: history, [MODEL]: GUESS_MODEL as WireCell[][] });
    await p.getByTestId('learn-run').click();
    await p.getByTestId('learn-verdict').waitFor();
    expect(await p.getByTestId('learn-suggestion-message').textContent()).toMatch(/^The suggestion is the current model unchanged: /);
    expect(await p.getByTestId('learn-apply').count()).toBe(0);
    for (const status of await p.getByTestId('learn-points').getByTestId('learn-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))) {
      expect(['unchanged', 'thin']).toContain(status);
    }
    await p.getByTestId('learn-apply-anyway-bar').locator('summary').click();
    expect(await p.getByTestId('learn-apply-anyway').textContent()).toContain('Apply the suggestion anyway');
    expect(await sheet(p, MODEL)).toEqual(GUESS_MODEL);
  });

  it('fits 300 px without sideways scrolling, and saves a screenshot', async () => {
    const p = await open({ Prospects: PROSPECTS, [DEMO_HISTORY_SHEET]: demoHistory(), [MODEL]: B2B });
    await p.getByTestId('learn-run').click();
    await p.getByTestId('learn-verdict').waitFor();
    // The verdict just below the sticky tabs, then the points side by side.
    await p.evaluate(() => window.scrollTo(0, document.querySelector('[data-testid="learn-verdict"]')!.getBoundingClientRect().top + window.scrollY - 40));
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    const target = process.env.PANEL_SCREENSHOT ? path.resolve('docs/panel-learn.png') : path.join(mkdtempSync(path.join(tmpdir(), 'panel-')), 'panel-learn.png');
    await p.screenshot({ path: target });
    const png = readFileSync(target);
    expect(png.readUInt32BE(16)).toBe(300); // the PNG header's width
  });
});
