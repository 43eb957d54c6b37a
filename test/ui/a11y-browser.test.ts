/**
 * The panel with a keyboard and a screen reader, in headless Chromium at 300 px on the standalone
 * page, in both looks (Excel's Fluent and Google's): axe-core finds no serious or critical WCAG 2.1
 * A/AA violation on any tab, with problems and notices showing, nor after a Learn run; the long
 * actions say their outcome in the one polite status region and leave the focus on their button or
 * their result; Ctrl+S saves; Skip to Save reaches the save bar; the sticky tabs and save bar
 * never hide the field the focus is on; the page's main landmark stays and the headings go down one
 * level at a time; a checkbox has the look's 2 px focus ring; and what the colours show is also said
 * in words (the tier bars, the points' signs, the arrows between values).
 */
import { describe, expect, it } from 'vitest';
import { presetGrid } from '../../core/index.ts';
import { DEMO_HISTORY_SHEET, demoHistory, demoProspects } from '../../workbook/demo-workbook.ts';
import type { WireCell } from '../../workbook/host.ts';
import { seriousViolations } from '../browser/axe.ts';
import type { TestPage } from '../../support/browser/chromium.ts';
import { standalonePanelSuite } from '../browser/panel-page.ts';

const MODEL = 'ICP Model';
const HISTORY = 'ICP Model History';
/** The standalone page's demo prospects: "Employee Count" is not the presets' Employees Field, so the Model tab warns. */
const PROSPECTS = demoProspects();
const B2B = presetGrid('b2b-saas') as WireCell[][];
const LOOKS = [
  { theme: 'google', name: 'Google Sheets' },
  { theme: 'fluent', name: 'Excel' },
] as const;

const { open } = standalonePanelSuite({ ready: 'save-bar', height: 800 });

const sheet = (p: TestPage, name: string) => p.evaluate((n) => window.icpHost!.cells(n), name);
const focused = (p: TestPage) => p.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);
const idle = (p: TestPage) => p.getByTestId('busy').waitFor({ state: 'detached' });
/** The sentence the status region holds now. */
const said = (p: TestPage) => p.getByTestId('status').getByTestId('announcement').textContent();

async function tab(p: TestPage, name: string, ready: string): Promise<void> {
  await p.getByTestId(`tab-${name}`).click();
  await p.getByTestId(ready).waitFor();
  await idle(p);
}

describe('axe-core finds no serious or critical WCAG 2.1 A/AA violation in the panel at 300 px', { timeout: 30_000 }, () => {
  for (const look of LOOKS) {
    it(`${look.name} look: the Model tab with a problem, the warnings open and a refusal`, async () => {
      const p = await open({ Prospects: PROSPECTS, [MODEL]: B2B }, { theme: look.theme });
      expect(await p.locator('.icp-panel').getAttribute('data-theme')).toBe(look.theme);
      await p.getByTestId('warnings').locator('summary').click();
      await p.locator('[data-row="3"] [data-testid="cell-Rule"]').fill('betwen');
      await p.getByTestId('save').click();
      await p.locator('[data-testid="notice"][data-kind="error"]').waitFor();
      await p.getByTestId('row-issue').waitFor();
      expect(await seriousViolations(p)).toEqual([]);
    });

    it(`${look.name} look: the Score, Summary and History tabs, with their results`, async () => {
      const p = await open({ Prospects: PROSPECTS, [MODEL]: B2B }, { theme: look.theme, step: 'score' }, 'insert-scores');
      await p.getByTestId('field-select').selectOption('Employee Count');
      await p.getByTestId('preview-run').click();
      await p.getByTestId('preview').waitFor();
      await p.getByTestId('insert-scores').click();
      await p.getByTestId('score-result').waitFor();
      expect(await seriousViolations(p)).toEqual([]);
      await tab(p, 'summary', 'summary-sheet');
      expect(await seriousViolations(p)).toEqual([]);
      await tab(p, 'history', 'history-empty');
      expect(await seriousViolations(p)).toEqual([]);
    });

    it(`${look.name} look: the Learn tab after a Learn run`, async () => {
      const p = await open({ Prospects: PROSPECTS, [DEMO_HISTORY_SHEET]: demoHistory(), [MODEL]: B2B }, { theme: look.theme, step: 'learn', latencyMs: 0 }, 'learn-sheet');
      await p.getByTestId('learn-run').click();
      await p.getByTestId('learn-verdict').waitFor();
      // Every Details fold open and an exclusion ticked where one is offered: everything the tab can show.
      await p.locator('.learn-result details').evaluateAll((folds) => folds.forEach((fold) => ((fold as HTMLDetailsElement).open = true)));
      const exclude = p.getByTestId('learn-exclude');
      if ((await exclude.count()) > 0) await exclude.first().check();
      expect(await seriousViolations(p)).toEqual([]);
    });
  }
});

describe('long actions say their outcome in the one status region, and keep the focus', { timeout: 30_000 }, () => {
  it('has one polite status region; an error is an alert of its own', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: B2B });
    const regions = await p.locator('.icp-panel [role="status"], .icp-panel [aria-live]').evaluateAll((els) => els.map((e) => `${e.getAttribute('role')} ${e.getAttribute('aria-live')}`));
    expect(regions).toEqual(['status polite']);
    await p.locator('[data-row="3"] [data-testid="cell-Rule"]').fill('betwen');
    await p.getByTestId('save').click();
    expect(await p.getByTestId('notice').getAttribute('role')).toBe('alert');
    // A notice that is not an error is no region of its own: the status region reads it.
    await p.locator('[data-row="3"] [data-testid="cell-Rule"]').fill('is any of');
    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect(await p.getByTestId('notice').getAttribute('role')).toBeNull();
    expect(await said(p)).toBe(await p.getByTestId('notice-text').textContent());
    expect(await focused(p)).toBe('save');
  });

  it('Score this sheet and Preview tiers: the outcome read out, the focus back on the button', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: B2B }, { step: 'score', latencyMs: 120 }, 'insert-scores');
    await p.getByTestId('field-select').selectOption('Employee Count');
    await p.getByTestId('preview-run').focus();
    await p.keyboard.press('Enter');
    await p.getByTestId('preview').waitFor();
    await idle(p);
    // The counts read out are the bars on screen.
    const bars = await p.getByTestId('preview-bar').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-tier')} ${e.getAttribute('data-count')}`));
    expect(bars.length).toBeGreaterThan(2);
    expect(await said(p)).toBe(`Scored ${PROSPECTS.length - 1} rows of "Prospects" with the model as edited: ${bars.join(', ')}.`);
    await expect.poll(() => focused(p)).toBe('preview-run');

    await p.getByTestId('insert-scores').focus();
    await p.keyboard.press('Enter');
    await p.getByTestId('score-result').waitFor();
    await idle(p);
    expect(await said(p)).toBe(await p.getByTestId('score-result').textContent());
    expect(await said(p)).toMatch(/^Wrote ICP Score, ICP Tier, ICP Why to "Prospects"/);
    await expect.poll(() => focused(p)).toBe('insert-scores');
  });

  it('Create summary: the sheet made read out, the focus back on the button', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: B2B }, { step: 'summary', latencyMs: 120 }, 'summary-sheet');
    await p.evaluate(() =>
      window.icpHost!.insertScoreColumns({ sheetName: 'Prospects', headerRow: 1, modelSheet: 'ICP Model', fieldMap: { Employees: 'Employee Count' } }),
    );
    await p.getByTestId('summary-refresh').click();
    await expect.poll(() => p.getByTestId('summary-tier-column').inputValue()).toBe('ICP Tier');
    await p.getByTestId('summary-title').fill('Tiers for the QBR');
    await p.getByTestId('summary-create').focus();
    await p.keyboard.press('Enter');
    await p.getByTestId('summary-result').waitFor();
    await idle(p);
    expect(await said(p)).toBe('Created the tier summary sheet "Tiers for the QBR".');
    expect(await sheet(p, 'Tiers for the QBR')).not.toBeNull();
    await expect.poll(() => focused(p)).toBe('summary-create');
  });

  it('Restore: the version loaded read out, the focus on the Model tab it opens', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: B2B }, { latencyMs: 120 });
    await p.locator('[data-row="2"] [data-testid="cell-Points"]').fill('35');
    await p.getByTestId('save').click();
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    await tab(p, 'history', 'history-restore');
    await p.getByTestId('history-restore').focus();
    await p.keyboard.press('Enter');
    await p.getByTestId('save-bar').waitFor();
    await idle(p);
    expect(await said(p)).toMatch(/^Loaded the version replaced .+ into the editor\. Save to make it the current model; Undo to go back\.$/);
    await expect.poll(() => focused(p)).toBe('tab-model');
    expect(await p.getByTestId('tab-model').getAttribute('aria-selected')).toBe('true');
  });

  it('Learn: the outcome read out, the focus on the result’s heading (never left on the page)', async () => {
    const p = await open({ Prospects: PROSPECTS, [DEMO_HISTORY_SHEET]: demoHistory(), [MODEL]: B2B }, { step: 'learn' }, 'learn-sheet');
    await p.getByTestId('learn-run').focus();
    await p.keyboard.press('Enter');
    await p.getByTestId('learn-verdict').waitFor();
    const now = await p.getByTestId('learn-auc-current').textContent();
    const suggested = await p.getByTestId('learn-auc-suggested').textContent();
    const verdict = await p.getByTestId('learn-verdict').getAttribute('data-verdict');
    expect(await said(p)).toMatch(new RegExp(`^Learned from [\\d,]+ decided deals in "${DEMO_HISTORY_SHEET}": AUC ${now} now and ${suggested} suggested \\(${verdict}\\)`));
    await expect.poll(() => focused(p)).toBe('learn-result-heading');
    expect(await p.getByTestId('learn-result-heading').textContent()).toBe('Learning result');
  });
});

describe('saving from the keyboard', { timeout: 30_000 }, () => {
  it('Ctrl+S saves from any field, with the text still being typed in it, and Cmd+S too', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: B2B });
    // The Dimension takes its text on change (blur or Enter): Ctrl+S must not save without it.
    const dimension = p.locator('[data-testid="criterion"][data-name="Industry"] [data-testid="criterion-dimension"]');
    await dimension.fill('Market');
    await p.keyboard.press('Control+s');
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect((await sheet(p, MODEL))!.filter((row) => row[1] === 'Industry').map((row) => row[6])).toEqual(['Market']);
    expect((await sheet(p, HISTORY))!).toHaveLength(2);

    // Typing in a field that takes its text as it is typed: the focus stays in it.
    await p.getByTestId('notice-close').click();
    await p.locator('[data-row="2"] [data-testid="cell-Points"]').fill('29');
    await p.keyboard.press('Control+s');
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect((await sheet(p, MODEL))![1]![5]).toBe(29);
    await expect.poll(() => focused(p)).toBe('cell-Points');

    await p.getByTestId('notice-close').click();
    await p.locator('[data-row="2"] [data-testid="cell-Points"]').fill('31');
    await p.getByTestId('tab-score').click();
    await p.keyboard.press('Meta+s');
    await p.locator('[data-testid="notice"][data-kind="success"]').waitFor();
    expect((await sheet(p, MODEL))![1]![5]).toBe(31);
  });

  it('Skip to Save is the Model tab’s first stop and lands on Save', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: B2B });
    await p.getByTestId('tab-model').focus();
    await p.keyboard.press('Tab');
    expect(await focused(p)).toBe('skip-to-save');
    // Drawn while it has the focus, so a sighted keyboard user sees it.
    expect((await p.getByTestId('skip-to-save').boundingBox())!.width).toBeGreaterThan(100);
    await p.keyboard.press('Enter');
    expect(await focused(p)).toBe('save');
    expect(await p.getByTestId('save').getAttribute('aria-keyshortcuts')).toBe('Control+S Meta+S');
  });

  it('never hides the focused field under the sticky tabs or the save bar, through the Model tab and back', async () => {
    const p = await open({ Prospects: PROSPECTS, [MODEL]: presetGrid('tiered') as WireCell[][] });
    /** Where the focus is, if the tabs or the save bar cover it. */
    const covered = () =>
      p.evaluate(() => {
        const field = document.activeElement as HTMLElement;
        const box = field.getBoundingClientRect();
        const tabs = document.querySelector('.tabs')!.getBoundingClientRect();
        const bar = document.querySelector('.save-bar')!.getBoundingClientRect();
        return box.top < tabs.bottom || box.bottom > bar.top ? `${field.getAttribute('data-testid')} ${field.getAttribute('aria-label') ?? ''}` : null;
      });
    // The keyboard itself, for the first stops (a preset's first criterion ends at the save bar).
    await p.getByTestId('tab-model').focus();
    const pressed: (string | null)[] = [];
    for (let i = 0; i < 16; i++) {
      await p.keyboard.press('Tab');
      pressed.push(await covered());
    }
    expect(pressed.filter(Boolean)).toEqual([]);
    // Then every stop of the tab, forwards and back, focused as the keyboard focuses it (scrolled
    // into view by the browser); the same covered fields as with Tab when the padding is missing.
    const swept = await p.evaluate(() => {
      const stops = [...document.querySelectorAll<HTMLElement>('.tabpanel :is(input, select, button, summary, [tabindex="0"])')].filter(
        (e) => !e.closest('.save-bar') && !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0,
      );
      const tabs = document.querySelector('.tabs')!;
      const bar = document.querySelector('.save-bar')!;
      const hidden: string[] = [];
      for (const field of [...stops, ...[...stops].reverse()]) {
        field.focus();
        const box = field.getBoundingClientRect();
        if (box.top < tabs.getBoundingClientRect().bottom || box.bottom > bar.getBoundingClientRect().top) hidden.push(`${field.getAttribute('data-testid')} ${field.getAttribute('aria-label') ?? ''}`);
      }
      return { stops: stops.length, hidden };
    });
    expect(swept.stops).toBeGreaterThan(150);
    expect(swept.hidden).toEqual([]);
    // The save bar's own controls are always in view: focusing them scrolls nothing.
    const scrolled = await p.evaluate(() => {
      window.scrollTo(0, 0);
      document.querySelector<HTMLElement>('[data-testid="save-note"]')!.focus();
      const note = window.scrollY;
      document.querySelector<HTMLElement>('[data-testid="save"]')!.focus();
      return [note, window.scrollY];
    });
    expect(scrolled).toEqual([0, 0]);
  });
});

/** Every heading a screen reader lists (visually hidden ones too; not those display:none), in page order. */
const headings = (p: TestPage) =>
  p.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')].filter((h) => h.getClientRects().length > 0).map((h) => ({ level: Number(h.tagName[1]), text: h.textContent!.trim() })),
  );
/** Levels that jump: a heading more than one level below the one before it. */
const jumps = (list: { level: number; text: string }[]) =>
  list.flatMap((h, i) => (i > 0 && h.level > list[i - 1]!.level + 1 ? [`h${list[i - 1]!.level} "${list[i - 1]!.text}" → h${h.level} "${h.text}"`] : []));

describe('landmarks, headings, focus rings and meaning beyond colour', { timeout: 30_000 }, () => {
  it('keeps the page’s one main landmark, and goes down the headings one level at a time on every tab', async () => {
    const p = await open({ Prospects: PROSPECTS, [DEMO_HISTORY_SHEET]: demoHistory(), [MODEL]: B2B }, { latencyMs: 0 });
    // The tab panel is a div inside the page's <main>, never the <main> itself (which hid the landmark).
    expect(await p.evaluate(() => [...document.querySelectorAll('main, [role="main"]')].map((m) => `${m.tagName} ${m.getAttribute('role')} ${m.contains(document.querySelector('.icp-panel'))}`))).toEqual([
      'MAIN null true',
    ]);
    expect(await p.locator('[role="tabpanel"]').evaluate((e) => e.tagName)).toBe('DIV');
    const seen: string[] = [];
    for (const [name, ready] of [['model', 'save-bar'], ['score', 'insert-scores'], ['summary', 'summary-sheet'], ['learn', 'learn-run'], ['history', 'history-empty']] as const) {
      await tab(p, name, ready);
      if (name === 'learn') {
        await p.getByTestId('learn-run').click();
        await p.getByTestId('learn-verdict').waitFor();
      }
      const list = await headings(p);
      expect(list.slice(0, 2).map((h) => h.level)).toEqual([1, 2]);
      expect(list[0]!.text).toBe('ICP scoring');
      expect(list.filter((h) => h.level <= 2)).toHaveLength(2);
      expect(jumps(list), name).toEqual([]);
      seen.push(`${name}: ${list.length}`);
    }
    expect(seen).toHaveLength(5);
  });

  for (const look of LOOKS) {
    it(`${look.name} look: draws the panel’s 2 px focus ring clear of a checkbox`, async () => {
      const p = await open({ Prospects: PROSPECTS, [DEMO_HISTORY_SHEET]: demoHistory(), [MODEL]: B2B }, { theme: look.theme, step: 'learn', latencyMs: 0 }, 'learn-sheet');
      // Reached with the keyboard, as a keyboard user reaches it (so :focus-visible applies).
      await p.getByTestId('learn-discover').focus();
      await p.keyboard.press('Shift+Tab');
      await p.keyboard.press('Tab');
      expect(await focused(p)).toBe('learn-discover');
      const ring = await p.evaluate(() => {
        const box = getComputedStyle(document.activeElement!);
        // The look's --focus-ring (whose contrast test/ui/contrast.test.ts checks) drawn on a probe.
        const probe = document.createElement('span');
        probe.style.outline = 'var(--focus-ring)';
        document.querySelector('.icp-panel')!.append(probe);
        const token = getComputedStyle(probe).outlineColor;
        probe.remove();
        return { style: box.outlineStyle, width: parseFloat(box.outlineWidth), offset: parseFloat(box.outlineOffset), sameColour: box.outlineColor === token };
      });
      expect(ring).toEqual({ style: 'solid', width: 2, offset: 2, sameColour: true });
    });
  }

  it('says in words what the colours show: the tier bars’ tiers and counts, the points’ signs, the arrows read as words', async () => {
    const p = await open({ Prospects: PROSPECTS, [DEMO_HISTORY_SHEET]: demoHistory(), [MODEL]: B2B }, { step: 'score', latencyMs: 0 }, 'insert-scores');
    await p.getByTestId('field-select').selectOption('Employee Count');
    await p.getByTestId('preview-run').click();
    await p.getByTestId('preview').waitFor();
    const bars = await p.getByTestId('preview-bar').evaluateAll((els) => els.map((e) => ({ tier: e.getAttribute('data-tier')!, count: e.getAttribute('data-count')!, text: (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim() })));
    expect(bars.length).toBeGreaterThan(2);
    // As laid out (each part a box of its own, read apart): the tier's name, then its count.
    for (const bar of bars) expect(bar.text.startsWith(`${bar.tier} ${bar.count}`), bar.text).toBe(true);

    await tab(p, 'learn', 'learn-run');
    await p.getByTestId('learn-run').click();
    await p.getByTestId('learn-verdict').waitFor();
    const changes = await p.getByTestId('learn-change').allTextContents();
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(change).toMatch(/^[+−-]\d/);
    // An "→" standing between two values (30 → 16) is hidden, with words beside it that a screen
    // reader reads (an aria-label on a span is not read); arrows inside a sentence are read as text.
    const arrows = await p.evaluate(() => {
      const out: string[] = [];
      const walk = document.createTreeWalker(document.querySelector('.icp-panel')!, NodeFilter.SHOW_TEXT);
      let between = 0;
      for (let node = walk.nextNode(); node; node = walk.nextNode()) {
        if (node.textContent!.trim() !== '→') continue;
        between++;
        const hidden = node.parentElement!.closest('[aria-hidden="true"]');
        // The words beside it: visually hidden ("suggested") or shown ("Suggested"), read either way.
        const words = hidden?.nextElementSibling?.textContent?.trim() || null;
        if (!hidden || !words) out.push(`${node.parentElement!.tagName}: ${node.textContent}`);
      }
      return { between: between > 0, loose: out, labelled: document.querySelectorAll('.icp-panel [aria-label*="→"]').length };
    });
    expect(arrows).toEqual({ between: true, loose: [], labelled: 0 });
  });
});
