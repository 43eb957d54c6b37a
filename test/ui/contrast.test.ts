/**
 * Contrast from the theme tokens (ui/panel.css), for every look the file defines: each pair of
 * tokens the panel draws one on the other must reach WCAG 2.1's ratio, 4.5:1 for text (1.4.3) and
 * 3:1 for the parts of controls and graphics a person must see (1.4.11). A new look (a new
 * `[data-theme='…']` block) is checked as soon as it is written. axe checks the rendered pages
 * (test/ui/a11y-browser.test.ts); this checks what every page is made of, including states axe
 * never sees (a hovered button, a notice of each kind).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(new URL('../../ui/panel.css', import.meta.url), 'utf8');

/** The custom properties of one rule, by its exact selector. */
function tokensOf(selector: string): Record<string, string> {
  const at = CSS.indexOf(`${selector} {`);
  if (at < 0) throw new Error(`no rule "${selector}" in ui/panel.css`);
  const body = CSS.slice(at, CSS.indexOf('}', at));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

/** Every look: the base tokens with the look's own over them. */
function looks(): Record<string, Record<string, string>> {
  const base = tokensOf('.icp-panel');
  const themes = [...CSS.matchAll(/\.icp-panel\[data-theme='([\w-]+)'\] \{/g)].map((m) => m[1]!);
  return Object.fromEntries([['default', base], ...themes.map((t) => [t, { ...base, ...tokensOf(`.icp-panel[data-theme='${t}']`) }])]);
}

/** A token's colour: var() followed, the colour taken from a value such as `2px solid #000000`. */
function colour(tokens: Record<string, string>, name: string, seen: string[] = []): string {
  const value = tokens[name];
  if (value === undefined) throw new Error(`the token ${name} is not defined`);
  if (seen.includes(name)) throw new Error(`the token ${name} refers to itself`);
  const ref = /var\((--[\w-]+)\)/.exec(value);
  if (ref) return colour(tokens, ref[1]!, [...seen, name]);
  const hex = /#[0-9a-f]{3,8}\b/i.exec(value);
  if (!hex) throw new Error(`the token ${name} (${value}) holds no colour`);
  return hex[0];
}

/** WCAG 2.1 relative luminance of #rgb or #rrggbb. */
function luminance(hex: string): number {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join('') : hex.slice(1, 7);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** Text drawn in the first token on the second, where the panel draws it. */
const TEXT: [string, string, string][] = [
  ['--ink', '--surface', 'text'],
  ['--ink', '--soft', 'text on a card, the info box'],
  ['--ink', '--hover', 'a hovered button'],
  ['--ink', '--bad-soft', 'the problems box'],
  ['--ink', '--warn-soft', 'the warnings box, the formulas notice'],
  ['--ink', '--good-soft', 'a better verdict'],
  ['--muted', '--surface', 'hints, labels, inactive tabs'],
  ['--muted', '--soft', 'hints on a card, the busy line'],
  ['--muted', '--bad-soft', 'evidence on a harmful row'],
  ['--muted', '--warn-soft', 'hints in the formulas notice'],
  ['--muted', '--good-soft', 'hints in a better verdict'],
  ['--secondary-ink', '--surface', 'a button'],
  ['--secondary-ink', '--hover', 'a hovered button'],
  ['--accent-text', '--surface', '"+ Band", "+ Criterion"'],
  ['--accent-text', '--soft', 'the share and "+ Band" on a card'],
  ['--accent-text', '--add-hover', 'a hovered "+ Band"'],
  ['--tab-ink', '--surface', 'the open tab'],
  ['--accent-ink', '--accent', 'Save and the other main buttons'],
  ['--accent-ink', '--accent-hover', 'a hovered main button'],
  ['--bad', '--surface', 'a problem on its row'],
  ['--bad', '--soft', 'a problem on a card'],
  ['--bad', '--bad-soft', 'the error notice, the problems list, a −N on a harmful row'],
  ['--warn', '--surface', 'unsaved changes, a warning'],
  ['--warn', '--warn-soft', 'the warnings summary'],
  ['--good', '--surface', 'saved, a raised point'],
  ['--good', '--good-soft', 'the success notice'],
];

/** Parts a person must see to use or read the panel, drawn on the second token. */
const PARTS: [string, string, string][] = [
  ['--line-input-bottom', '--surface', 'the edge of a field'],
  ['--line-input-bottom', '--soft', 'the edge of a field on a card'],
  ['--focus-ring', '--surface', 'the focus ring'],
  ['--focus-ring', '--soft', 'the focus ring on a card'],
  ['--accent', '--surface', 'the open tab’s indicator, a focused field'],
  ['--accent', '--soft', 'a tier bar on its track'],
  ['--bad', '--soft', 'the Excluded bar on its track'],
  ['--muted', '--soft', 'the No tier bar on its track'],
  ['--bad', '--surface', 'the edge of a field with a problem'],
];

describe('the panel’s theme tokens have enough contrast in every look', () => {
  const all = looks();

  it('finds the looks in ui/panel.css', () => {
    expect(Object.keys(all)).toEqual(['default', 'fluent', 'google']);
  });

  for (const [look, tokens] of Object.entries(all)) {
    it(`${look}: text reaches 4.5:1 and the parts of controls 3:1`, () => {
      const short = [
        ...TEXT.map(([fg, bg, where]) => ({ fg, bg, where, need: 4.5 })),
        ...PARTS.map(([fg, bg, where]) => ({ fg, bg, where, need: 3 })),
      ]
        .map((pair) => ({ ...pair, ratio: contrast(colour(tokens, pair.fg), colour(tokens, pair.bg)) }))
        .filter((pair) => pair.ratio < pair.need)
        .map((p) => `${p.fg} on ${p.bg} (${p.where}): ${p.ratio.toFixed(2)}:1, needs ${p.need}:1`);
      expect(short).toEqual([]);
    });
  }

  it('computes WCAG ratios: black on white 21:1, Google’s old blue on its card 4.27:1', () => {
    expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrast('#1a73e8', '#f8f9fa')).toBeCloseTo(4.27, 2);
    expect(contrast('#777777', '#777777')).toBe(1);
  });
});
