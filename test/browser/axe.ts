/**
 * axe-core (the npm dev dependency) in a test page: its source is evaluated in the page (through
 * the DevTools protocol, so a page's Content-Security-Policy does not stop it), then it audits the
 * page against WCAG 2.1 A and AA. `seriousViolations` gives the serious and critical ones as
 * sentences a failing test prints: the rule, what it says, and the elements it found.
 *
 *   expect(await seriousViolations(page)).toEqual([]);
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Puts axe in the page (once; a suite may do it in its setup, the audit does it if not done). */
export async function loadAxe(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
}

/** Runs axe on the page (or under `selector`) and gives its WCAG 2.1 A/AA violations. */
export async function axeViolations(page: Page, selector?: string): Promise<Violation[]> {
  await loadAxe(page);
  return page.evaluate(
    async ({ tags, selector }) => {
      const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Violation[] }> } }).axe;
      const result = await axe.run(selector ? { include: [selector] } : document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
    },
    { tags: WCAG21_AA, selector },
  );
}

/** The serious and critical violations, one sentence each with up to five of the elements found. */
export async function seriousViolations(page: Page, selector?: string): Promise<string[]> {
  const violations = await axeViolations(page, selector);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const shown = v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)})` : ''}`);
      return `${v.impact} ${v.id}: ${v.help} — ${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}: ${shown.join('; ')}`;
    });
}
