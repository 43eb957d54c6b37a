/**
 * The panel in headless Chromium at 300 px, on the standalone page's in-memory workbook:
 * what a person does in the sidebar, and what the workbook holds afterwards.
 */
import { readHistoryRows } from '../../workbook/history-sheet.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_NAMES, presetGrid } from '../../core/index.ts';
import type { WireCell } from '../../workbook/host.ts';
import type { TestPage } from '../../support/browser/chromium.ts';
import { standalonePanelSuite } from '../browser/panel-page.ts';

const MODEL = 'ICP Model';
const HISTORY = 'ICP Model History';
const PROSPECTS: WireCell[][] = [
  ['Company', 'Employee Count', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Deal stage', 'Amount'],
  ['Acme', 450, 'SaaS', 'HubSpot; Gong', 'Series A', 'yes', 'Closed Won', 50000],
  ['Beta', 50, 'Retail', 'Zoho', 'Seed', 'no', 'Closed Lost', 10000],
  ['Cato', 1200, 'Software', 'Salesforce', 'Series C', 'no', '', 30000],
  ['Dune', 300, 'Mining', '', '', '', '', ''],
];

const { open } = standalonePanelSuite({ ready: 'save-bar' });

function sheet(p: TestPage, name: string): Promise<WireCell[][] | null> {
  return p.evaluate((n) => window.icpHost!.cells(n), name);
}

function cell(p: TestPage, row: number, column: string) {
  return p.locator(`[data-row="${row}"] [data-testid="cell-${column}"]`);
}

function share(p: TestPage, criterion: string) {
  return p.locator(`[data-testid="criterion"][data-name="${criterion}"] [data-testid="criterion-share"]`);
}

async function idle(p: TestPage): Promise<void> {
  await p.getByTestId('busy').waitFor({ state: 'detached' });
}

const grid = (id: string) => presetGrid(id) as WireCell[][];

describe('the panel in Chromium at 300 px', { timeout: 30_000 }, () => {
  it('loads a preset, updates shares as a weight changes, names a bad rule on its row, and saves the model and its history', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('points-7') });
    await p.getByTestId('preset-select').selectOption('b2b-saas');
    await expect.poll(() => p.getByTestId('criterion').count()).toBe(5);
    // B2B SaaS: 30/20/25/15/10 of 100.
    expect(await share(p, 'Company size').textContent()).toContain('30%');

    await cell(p, 2, 'Points').fill('40');
    // Now 40 of 110 and 20 of 110.
    expect(await share(p, 'Company size').textContent()).toContain('36% (40 pts)');
    expect(await share(p, 'Industry').textContent()).toContain('18% (20 pts)');

    await cell(p, 3, 'Rule').fill('betwen');
    const issue = p.locator('[data-row="3"] [data-testid="row-issue"]');
    expect(await issue.textContent()).toBe('Row 3: unknown rule "betwen" — did you mean "between"?');
    expect(await cell(p, 3, 'Rule').getAttribute('aria-invalid')).toBe('true');

    await p.getByTestId('save').click();
    expect(await p.getByTestId('notice-text').textContent()).toMatch(/^Not saved: the model has 1 problem/);
    expect(await sheet(p, MODEL)).toEqual(grid('points-7'));

    await cell(p, 3, 'Rule').fill('is any of');
    await expect.poll(() => issue.count()).toBe(0);
    await p.getByTestId('save-note').fill('B2B SaaS, size weighted up');
    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();

    const saved = (await sheet(p, MODEL))!;
    expect(saved[1]).toEqual(['criterion', 'Company size', 'Employees', 'between', '200-2000', 40, 'Firmographics', '']);
    expect(saved[2]!.slice(3, 6)).toEqual(['is any of', 'SaaS, Software, Technology', 20]);
    const history = (await sheet(p, HISTORY))!;
    expect(history).toHaveLength(2);
    expect(history[1]!.slice(2, 5)).toEqual(['ana@example.com', 'B2B SaaS, size weighted up', MODEL]);
    expect(readHistoryRows(history[1]!)).toEqual(grid('points-7'));
    expect(await p.getByTestId('save-state').textContent()).toContain('Saved');

    await p.getByTestId('tab-history').click();
    const entry = p.getByTestId('history-entry');
    await entry.waitFor();
    expect(await entry.count()).toBe(1);
    expect(await entry.textContent()).toContain('B2B SaaS, size weighted up');
  });

  it('offers every rule with what it matches, and shows in an empty Value what the row’s rule takes', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') });
    // Every declared rule, a new one too.
    expect(await p.locator('#icp-rules option').evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value))).toEqual([...RULE_NAMES]);
    expect(await p.locator('#icp-rules option[value="between"]').getAttribute('label')).toBe('is a number in the range, ends inclusive');
    expect(await p.locator('#icp-persona-rules option').evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value))).toEqual([
      'is any of', 'is none of', 'contains any', 'contains all', 'contains none',
    ]);

    await cell(p, 2, 'Value').fill('');
    expect(await cell(p, 2, 'Value').getAttribute('placeholder')).toBe('e.g. 200-2000');
    await cell(p, 2, 'Rule').fill('is true');
    await expect.poll(() => cell(p, 2, 'Value').getAttribute('placeholder')).toBe('no Value needed');
    await cell(p, 2, 'Rule').fill('Within_Days');
    await expect.poll(() => cell(p, 2, 'Value').getAttribute('placeholder')).toBe('e.g. 90');
  });

  it('creates the model sheet on the first save when the workbook has none, with nothing put in the history', async () => {
    const p = await open({ Prospects: PROSPECTS });
    await p.getByTestId('no-model-sheet').waitFor();
    await p.getByTestId('tab-score').click();
    expect(await p.getByTestId('score-blocker').textContent()).toBe('Save the model first: the formulas read the "ICP Model" sheet.');
    await p.getByTestId('tab-model').click();
    await p.getByTestId('preset-select').selectOption('expansion');
    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect(await p.getByTestId('notice-text').textContent()).toBe('Created and saved "ICP Model".');
    expect(await sheet(p, MODEL)).toEqual(grid('expansion'));
    expect(await sheet(p, HISTORY)).toBeNull();
    expect(await p.getByTestId('no-model-sheet').count()).toBe(0);
  });

  it('opens an empty model on a start, not a problem; refuses to save it empty; shows the preset it loaded', async () => {
    const p = await open({ Prospects: PROSPECTS });
    await p.getByTestId('model-start').waitFor();
    await idle(p);
    expect(await p.getByTestId('problems').count()).toBe(0);
    expect(await p.getByTestId('notice').count()).toBe(0);
    expect(await p.getByTestId('save-state').textContent()).toBe('Not saved yet: Save creates "ICP Model".');
    expect(await p.getByTestId('no-model-sheet').textContent()).toBe('There is no "ICP Model" sheet yet: Save creates it.');

    // The Score tab's preview asks to start the model, not to fix it.
    await p.getByTestId('tab-score').click();
    await p.getByTestId('preview-run').click();
    expect(await p.getByTestId('preview-error').textContent()).toBe('Start the model first (Model tab): pick a preset or add a criterion, then preview.');
    await p.getByTestId('tab-model').click();

    // Only saving an empty model makes it a problem.
    await p.getByTestId('save').click();
    expect(await p.getByTestId('notice-text').textContent()).toBe('Not saved: the model has no rows yet. Pick a preset or add a criterion, then Save. The sheet is unchanged.');
    expect(await p.getByTestId('model-start').count()).toBe(0);
    expect(await p.getByTestId('problem').textContent()).toMatch(/^Row 1: the model has no criterion rows/);
    expect(await sheet(p, MODEL)).toBeNull();

    await p.getByTestId('preset-select').selectOption('tiered');
    await expect.poll(() => p.getByTestId('criterion').count()).toBeGreaterThan(0);
    expect(await p.getByTestId('preset-select').inputValue()).toBe('tiered');
    expect(await p.locator('.preset .cell-label').textContent()).toBe('Loaded from the preset');
    // Every Note box has a visible label (a tier's says what the note is for).
    const labels = await p.getByTestId('cell-Note').evaluateAll((inputs) => inputs.map((i) => i.closest('label')?.querySelector('.cell-label')?.textContent));
    expect(labels.length).toBeGreaterThan(5);
    expect(new Set(labels)).toEqual(new Set(['Note', 'Approach']));
    await p.getByTestId('undo').click();
    expect(await p.getByTestId('preset-select').inputValue()).toBe('');
    await p.getByTestId('model-start').waitFor();

    await p.getByTestId('start-criterion').click();
    expect(await p.getByTestId('criterion').count()).toBe(1);
    expect(await p.getByTestId('model-start').count()).toBe(0);
  });

  it('renders cell text as text: an injection attempt in the model, the sheet and the history stays text', async () => {
    const attack = '<img src=x onerror=alert(1)>';
    const model: WireCell[][] = [
      ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note'],
      ['criterion', attack, attack, 'is true', '', 10, attack, attack],
      ['criterion', 'Size', 'Employees', attack, '', 5, '', ''],
      ['tier', `<script>alert(2)</script>`, '', '', 50, '', '', attack],
    ];
    const p = await open({ Prospects: [['Company', attack], ['A', 'x']], [MODEL]: model });
    await p.getByTestId('criterion').first().waitFor();
    expect(await p.getByTestId('criterion-name').first().inputValue()).toBe(attack);
    expect(await p.getByTestId('criterion-dimension').first().inputValue()).toBe(attack);
    expect(await p.locator('[data-row="3"] [data-testid="row-issue"]').first().textContent()).toBe(
      `Row 3: unknown rule "${attack}" (use between, at least, at most, equals, is any of, is none of, contains any, contains all, contains none, is true, is false, is blank, is not blank, within days, decays over days)`,
    );
    await p.getByTestId('tab-score').click();
    await p.getByTestId('field-map').waitFor();
    expect(await p.locator('[data-testid="field-row"]').first().textContent()).toContain(attack);
    expect(await p.locator(`[data-testid="field-row"] option`, { hasText: attack }).count()).toBeGreaterThan(0);
    await p.getByTestId('tab-model').click();
    await p.getByTestId('problems').waitFor();
    expect(await p.locator('img, script:not(body > script)').count()).toBe(0);
    expect(await p.locator('#app script, #app img, #app iframe').count()).toBe(0);
    expect(await p.evaluate(() => document.body.innerText)).toContain(attack);
  });

  it('undoes the last change, step by step', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') });
    await cell(p, 2, 'Points').fill('45');
    await p.locator('[data-testid="criterion"][data-name="Industry"] [data-testid="criterion-remove"]').click();
    expect(await p.getByTestId('criterion').count()).toBe(4);
    expect(await p.getByTestId('undo-label').textContent()).toBe('Undo: remove criterion "Industry"');
    await p.getByTestId('undo').click();
    expect(await p.getByTestId('criterion').count()).toBe(5);
    expect(await cell(p, 2, 'Points').inputValue()).toBe('45');
    await p.getByTestId('undo').click();
    expect(await cell(p, 2, 'Points').inputValue()).toBe('30');
    expect(await p.getByTestId('undo').isDisabled()).toBe(true);
    expect(await p.getByTestId('dirty').count()).toBe(0);
  });

  it('moves a criterion and a band with the keyboard-reachable arrows', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') });
    await p.locator('[data-testid="criterion"][data-name="Industry"] [data-testid="criterion-up"]').click();
    const order = () => p.getByTestId('criterion').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')).slice(0, 2));
    await expect.poll(order).toEqual(['Industry', 'Company size']);
    await p.locator('[data-testid="criterion"][data-name="Company size"] [data-testid="add-band"]').click();
    // The new band is row 4 (after Industry on 2 and Company size on 3) and has the focus.
    // Focus moves after the render (an effect): wait for it rather than racing it on a busy machine.
    await expect.poll(() => p.evaluate(() => document.activeElement?.closest('[data-row]')?.getAttribute('data-row'))).toBe('4');
    await cell(p, 4, 'Value').fill('50-199');
    await cell(p, 4, 'Points').fill('15');
    await p.locator('[data-row="4"] [data-testid="row-up"]').click();
    await expect.poll(() => cell(p, 3, 'Value').inputValue()).toBe('50-199');
    expect(await p.getByTestId('problem').count()).toBe(0);
    expect(await p.getByTestId('row-issue').count()).toBe(0);
  });

  it('on a conflict, shows what changed in the sheet and saves over it only when asked', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') });
    await cell(p, 2, 'Points').fill('35');
    // Meanwhile someone else raises CRM to 30 and saves.
    await p.evaluate(() => window.icpHost!.setCell('ICP Model', 4, 6, 30));
    const theirs = await sheet(p, MODEL);
    await p.getByTestId('save').click();
    await p.getByTestId('conflict').waitFor();
    expect(await sheet(p, MODEL)).toEqual(theirs);
    const changed = await p.getByTestId('diff-changed').allTextContents();
    expect(changed).toHaveLength(2);
    expect(changed[0]).toContain('Points: sheet “30”, yours “35”');
    expect(changed[1]).toContain('Points: sheet “30”, yours “25”');

    await p.getByTestId('conflict-overwrite').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    const saved = (await sheet(p, MODEL))!;
    expect([saved[1]![5], saved[3]![5]]).toEqual([35, 25]);
    const history = (await sheet(p, HISTORY))!;
    expect(readHistoryRows(history[1]!)).toEqual(theirs);
  });

  it('on a conflict, loads the sheet’s version when asked, and Undo brings the edits back', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') });
    await cell(p, 2, 'Points').fill('35');
    await p.evaluate(() => window.icpHost!.setCell('ICP Model', 4, 6, 30));
    await p.getByTestId('save').click();
    await p.getByTestId('conflict-load-theirs').click();
    expect(await cell(p, 2, 'Points').inputValue()).toBe('30');
    expect(await cell(p, 4, 'Points').inputValue()).toBe('30');
    expect(await p.getByTestId('dirty').count()).toBe(0);
    await p.getByTestId('undo').click();
    expect(await cell(p, 2, 'Points').inputValue()).toBe('35');
    // Saving now goes over the version just loaded, without another conflict.
    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect((await sheet(p, MODEL))![1]![5]).toBe(35);
  });

  it('keeps the model sheet intact and the edits in the panel when the save fails', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') }, { failures: { saveModel: 'Service Spreadsheets timed out.' } });
    await cell(p, 2, 'Points').fill('35');
    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="error"]').waitFor();
    expect(await p.getByTestId('notice-text').textContent()).toBe(
      'The model could not be saved, so the sheet "ICP Model" was left as it was: Service Spreadsheets timed out. Your edits are still here.',
    );
    expect(await sheet(p, MODEL)).toEqual(grid('b2b-saas'));
    // No version was kept (the hidden history sheet this save made holds its header row only).
    expect((await sheet(p, HISTORY))?.slice(1) ?? []).toEqual([]);
    expect(await cell(p, 2, 'Points').inputValue()).toBe('35');
    expect(await p.getByTestId('dirty').count()).toBe(1);

    await p.evaluate(() => {
      window.icpTest!.failures = {};
    });
    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect((await sheet(p, MODEL))![1]![5]).toBe(35);
  });

  it('shows what it is doing during every host call', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') }, { latencyMs: 400 });
    await cell(p, 2, 'Points').fill('35');
    await p.getByTestId('save').click();
    expect(await p.getByTestId('busy').textContent()).toBe('Saving the model…');
    expect(await p.getByTestId('save').isDisabled()).toBe(true);
    await idle(p);
    await p.getByTestId('tab-score').click();
    await p.getByTestId('refresh-sheet').click();
    expect(await p.getByTestId('busy').textContent()).toBe('Reading the active sheet…');
    await idle(p);
  });

  it('scores the sheet with one formula per column after the user picks a column for an unmatched Field', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') });
    await p.getByTestId('tab-score').click();
    const employees = p.locator('[data-testid="field-row"][data-field="Employees"]');
    await employees.waitFor();
    expect(await employees.getAttribute('data-matched')).toBe('false');
    expect(await p.locator('[data-testid="field-row"][data-matched="true"]').count()).toBe(4);
    expect(await p.getByTestId('insert-scores').isDisabled()).toBe(true);
    expect(await p.getByTestId('score-blocker').textContent()).toBe('Pick a column for "Employees".');

    await employees.getByTestId('field-select').selectOption('Employee Count');
    await p.getByTestId('insert-scores').click();
    await p.getByTestId('score-result').waitFor();
    expect(await p.getByTestId('score-result').textContent()).toBe(
      'Wrote ICP Score, ICP Tier, ICP Why to "Prospects": one array formula each, in I2, J2, K2.',
    );
    const calls = await p.evaluate(() => window.icpTest!.calls.filter((c) => c.method === 'insertScoreColumns').map((c) => c.args[0]));
    expect(calls).toEqual([{ sheetName: 'Prospects', headerRow: 1, modelSheet: MODEL, fieldMap: { Employees: 'Employee Count' } }]);
    const cells = (await sheet(p, 'Prospects'))!;
    // By hand (SPEC §6): Acme 30+20+25+0+10 = 85 Priority; Beta 0 Standard;
    // Cato 30+20+25+15+0 = 90 Priority; Dune 30 Standard.
    expect(cells.slice(1).map((row) => [row[8], row[9]])).toEqual([[85, 'Priority'], [0, 'Standard'], [90, 'Priority'], [30, 'Standard']]);
  });

  it('previews the tier distribution with the unsaved model and follows edits without reading again', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') });
    await p.getByTestId('tab-score').click();
    await p.locator('[data-testid="field-row"][data-field="Employees"] [data-testid="field-select"]').selectOption('Employee Count');
    await p.getByTestId('preview-run').click();
    await p.getByTestId('preview-bar').first().waitFor();
    const counts = () => p.getByTestId('preview-bar').evaluateAll((els) => els.map((e) => [e.getAttribute('data-tier'), e.getAttribute('data-count')]));
    // Scores as in the scoring test: 85, 0, 90, 30.
    expect(await counts()).toEqual([['Priority', '2'], ['Standard', '2'], ['Excluded', '0'], ['No tier', '0']]);
    expect(await p.getByTestId('preview-used').textContent()).toContain('4 rows of "Prospects" scored with the model as edited');

    await p.getByTestId('tab-model').click();
    await cell(p, 7, 'Value').fill('95'); // Priority needs 95 now
    await p.getByTestId('tab-score').click();
    expect(await counts()).toEqual([['Priority', '0'], ['Standard', '4'], ['Excluded', '0'], ['No tier', '0']]);
    expect(await p.evaluate(() => window.icpTest!.calls.filter((c) => c.method === 'readRows').length)).toBe(1);
    expect(await sheet(p, MODEL)).toEqual(grid('b2b-saas'));
  });

  it('creates a tier summary sheet from the scored sheet, suggesting the won and amount columns', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') });
    await p.evaluate(() =>
      window.icpHost!.insertScoreColumns({ sheetName: 'Prospects', headerRow: 1, modelSheet: 'ICP Model', fieldMap: { Employees: 'Employee Count' } }),
    );
    await p.getByTestId('tab-summary').click();
    await p.getByTestId('summary-sheet').waitFor();
    expect(await p.getByTestId('summary-tier-column').inputValue()).toBe('ICP Tier');
    expect(await p.getByTestId('summary-won-column').inputValue()).toBe('Deal stage');
    expect(await p.getByTestId('summary-amount-column').inputValue()).toBe('Amount');
    expect(await p.getByTestId('summary-amount-note').textContent()).toBe(
      'Amount sums "Amount" over won rows ("Deal stage"): chosen because its name says deal amount ("Amount"). Change it above.',
    );
    await p.getByTestId('summary-title').fill('Tiers for the QBR');
    await p.getByTestId('summary-create').click();
    await p.getByTestId('summary-result').waitFor();
    expect(await p.getByTestId('summary-result').textContent()).toBe('Created the sheet "Tiers for the QBR".');
    const summary = (await sheet(p, 'Tiers for the QBR'))!;
    expect(summary[0]).toEqual(['Tiers for the QBR']);
    // Priority: Acme (won, 50000) and Cato (open); Standard: Beta (lost), Dune (open).
    expect(summary.slice(4, 6).map((r) => [r[0], r[1], r[3], r[5]])).toEqual([['Priority', 2, 1, 50000], ['Standard', 2, 0, 0]]);
  });

  it('says which version to restore when the save and putting the sheet back both fail, and lists it in History', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') }, { failures: { saveModel: 'Service Spreadsheets timed out.' } });
    await p.evaluate(() => {
      window.icpTest!.failRestore = 'Service Spreadsheets timed out again.';
    });
    await cell(p, 2, 'Points').fill('35');
    await cell(p, 3, 'Points').fill('15');
    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="error"]').waitFor();
    const message = await p.getByTestId('notice-text').textContent();
    expect(message).toContain('putting the sheet "ICP Model" back failed too (Service Spreadsheets timed out again)');
    expect(message).toContain(`The version it held is kept in the hidden "${HISTORY}" sheet as version 1: restore it from the panel's History.`);
    expect(await cell(p, 2, 'Points').inputValue()).toBe('35');
    await p.getByTestId('tab-history').click();
    await p.getByTestId('history-entry').waitFor();
    expect(await p.getByTestId('history-entry').count()).toBe(1);
    expect(readHistoryRows((await sheet(p, HISTORY))![1]!)).toEqual(grid('b2b-saas'));
  });

  it('never sums the company’s revenue as the amount, and says what Amount sums when one is picked', async () => {
    const accounts: WireCell[][] = [
      ['Company', 'Revenue', 'Employees', 'Outcome', 'ICP Tier'],
      ['Acme', '$204M', 450, 'Won', 'Priority'],
      ['Beta', '$1.2B', 50, 'Lost', 'Standard'],
    ];
    const p = await open({ Prospects: accounts, [MODEL]: grid('b2b-saas') });
    await p.getByTestId('tab-summary').click();
    await p.getByTestId('summary-sheet').waitFor();
    expect(await p.getByTestId('summary-amount-column').inputValue()).toBe('');
    expect(await p.getByTestId('summary-amount-note').textContent()).toBe(
      'No amount: no column is named like a deal amount (Amount, ACV, Deal size, Bookings…), so the summary leaves the Amount column blank. Pick the deal amount if the sheet has one; a company’s Revenue or Employees is not a deal amount.'.replace('’', "'"),
    );
    await p.getByTestId('summary-amount-column').selectOption('Revenue');
    expect(await p.getByTestId('summary-amount-note').textContent()).toBe('Amount sums "Revenue" over won rows ("Outcome"), as you picked.');
  });

  it('restores a version from the history into the editor as an unsaved change', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') });
    await cell(p, 2, 'Points').fill('35');
    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    await p.getByTestId('tab-history').click();
    await p.getByTestId('history-restore').click();
    await p.getByTestId('save-bar').waitFor();
    expect(await cell(p, 2, 'Points').inputValue()).toBe('30');
    expect(await p.getByTestId('dirty').count()).toBe(1);
    expect((await sheet(p, MODEL))![1]![5]).toBe(35);
  });

  it('is usable from the keyboard: arrow keys move between tabs, Enter in the note saves', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') });
    await p.getByTestId('tab-model').focus();
    await p.keyboard.press('ArrowRight');
    expect(await p.getByTestId('tab-score').getAttribute('aria-selected')).toBe('true');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tab-score');
    await p.keyboard.press('ArrowLeft');
    await cell(p, 2, 'Points').fill('33');
    await p.getByTestId('save-note').focus();
    await p.keyboard.type('typed note');
    await p.keyboard.press('Enter');
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect((await sheet(p, HISTORY))![1]![3]).toBe('typed note');
  });

  it('opens on the step it is asked for, with another model sheet name', async () => {
    const p = await open({ Prospects: PROSPECTS, 'Scoring v2': grid('b2b-saas') }, { step: 'score', modelSheet: 'Scoring v2' }, 'field-map');
    expect(await p.getByTestId('tab-score').getAttribute('aria-selected')).toBe('true');
    await p.getByTestId('tab-model').click();
    expect(await p.getByTestId('criterion').count()).toBe(5);
    expect(await p.getByTestId('no-model-sheet').count()).toBe(0);
  });

  it('says so when the model sheet cannot be read, and tries again when asked', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('b2b-saas') }, { failures: { readModel: 'Spreadsheet unavailable.' } }, 'retry');
    expect(await p.getByTestId('notice-text').textContent()).toBe('Reading the "ICP Model" sheet failed: Spreadsheet unavailable.');
    await p.evaluate(() => {
      window.icpTest!.failures = {};
    });
    await p.getByTestId('retry').click();
    await p.getByTestId('save-bar').waitFor();
    expect(await p.getByTestId('criterion').count()).toBe(5);
  });

  it('fits 300 px without sideways scrolling, and saves a screenshot', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: grid('tiered') });
    await cell(p, 3, 'Rule').fill('betwen');
    await p.getByTestId('row-issue').first().waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    const target = process.env.PANEL_SCREENSHOT ? path.resolve('docs/panel.png') : path.join(mkdtempSync(path.join(tmpdir(), 'panel-')), 'panel.png');
    await p.screenshot({ path: target });
    const png = readFileSync(target);
    expect(png.readUInt32BE(16)).toBe(300); // the PNG header's width
  });
});
