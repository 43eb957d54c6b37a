/**
 * What changed: every row of the tried model, its effect quarter by quarter (the log odds ratio
 * of won when it matches against when it does not), and whether its effect in the newest quarter
 * differs from its effect before, beyond chance over every row judged and by enough to matter —
 * a segment fading, growing or turned around.
 */
import { fill, keep } from './arrays.ts';
import type { BandVector } from './features.ts';
import { quarterBounds, quarterKey } from './drift.ts';

/** Each account's quarter (year × 4 + quarter − 1) from its day; -1 where it has none. */
export function quartersOf(day: Float64Array): Int32Array {
  const cache = new Map<number, number>();
  return fill(Int32Array, day.length, (i) => {
    const d = day[i]!;
    if (!Number.isFinite(d)) return -1;
    let q = cache.get(d);
    if (q === undefined) cache.set(d, (q = quarterKey(d)));
    return q;
  });
}
import { zFor } from './screen.ts';
import { CHANGE_ALPHA, MIN_EFFECT } from './thresholds.ts';
import { listing, signed } from './words.ts';

export interface QuarterEffect {
  quarter: string;
  /** Decided deals the row matched in the quarter, and how many won. */
  deals: number;
  won: number;
  /** Log odds ratio (matched vs not, ½ added to each cell) and its standard error; null with no deal on one side. */
  effect: number | null;
  standardError: number | null;
}

export interface EffectSpan {
  effect: number;
  standardError: number;
  deals: number;
}

export interface ChangeRow {
  row: number;
  name: string;
  segment: string;
  quarters: QuarterEffect[];
  earlier: EffectSpan;
  newest: EffectSpan;
  /** (newest − earlier) ÷ its standard error. */
  z: number;
  changed: boolean;
  direction: 'steady' | 'fading' | 'growing' | 'reversed';
  sentence: string;
}

export interface Changes {
  /** Which date places a deal in a quarter. */
  basis: 'closed' | 'created';
  /** The newest quarter (or the two newest, when the newest holds few deals). */
  newest: string;
  /** Their quarter numbers (year × 4 + quarter − 1). */
  window: number[];
  rows: ChangeRow[];
  /** The rows whose effect changed, as a sentence (empty when none did). */
  sentence: string;
}

interface Cells {
  wm: number;
  lm: number;
  wr: number;
  lr: number;
}

function effectOf(c: Cells): { effect: number; standardError: number } {
  const cells = [c.wm, c.lm, c.wr, c.lr].map((v) => v + 0.5) as [number, number, number, number];
  return { effect: Math.log((cells[0] * cells[3]) / (cells[1] * cells[2])), standardError: Math.sqrt(cells.reduce((s, v) => s + 1 / v, 0)) };
}

export interface ChangeInput {
  row: number;
  name: string;
  segment: string;
  match: BandVector;
}

/** The effect of each row by quarter over the decided deals with a date, and which rows changed in the newest quarter. */
export function whatChanged(rows: readonly ChangeInput[], decided: Int32Array, won: Uint8Array, quarter: Int32Array, basis: Changes['basis'], minSupport: number): Changes | null {
  const dated = keep(decided, (i) => quarter[i]! >= 0);
  if (dated.length === 0) return null;
  const perQuarter = new Map<number, number>();
  for (let r = 0; r < dated.length; r++) perQuarter.set(quarter[dated[r]!]!, (perQuarter.get(quarter[dated[r]!]!) ?? 0) + 1);
  const keys = [...perQuarter.keys()].sort((a, b) => a - b);
  if (keys.length < 2) return null;
  // The newest quarter, with the one before when it holds too few deals to judge a row.
  const newestKeys = perQuarter.get(keys[keys.length - 1]!)! >= 4 * minSupport || keys.length < 3 ? [keys[keys.length - 1]!] : keys.slice(-2);
  const isNewest = new Set(newestKeys);
  const bar = zFor(CHANGE_ALPHA / Math.max(1, rows.length));
  const out = rows.map((r) => changeRow(r, dated, keys, isNewest, won, quarter, bar, minSupport));
  const changed = out.filter((r) => r.changed);
  const newest = newestKeys.map((k) => quarterBounds(k).label).join(' and ');
  return {
    basis,
    newest,
    window: newestKeys,
    rows: out,
    sentence: changed.length ? `In ${newest}, ${listing(changed.map((r) => `${r.segment} (${r.direction})`))} changed: see the effect by quarter.` : '',
  };
}

function changeRow(r: ChangeInput, dated: Int32Array, keys: readonly number[], isNewest: ReadonlySet<number>, won: Uint8Array, quarter: Int32Array, bar: number, minSupport: number): ChangeRow {
  // Per quarter (by its place in keys): won and lost when matched, won and lost when not.
  const first = keys[0]!;
  const cells = new Float64Array((keys[keys.length - 1]! - first + 1) * 4);
  for (let r2 = 0; r2 < dated.length; r2++) {
    const i = dated[r2]!;
    const slot = (quarter[i]! - first) * 4 + (r.match[i]! > 0 ? 0 : 2) + (won[i] ? 0 : 1);
    cells[slot]!++;
  }
  const early: Cells = { wm: 0, lm: 0, wr: 0, lr: 0 };
  const late: Cells = { wm: 0, lm: 0, wr: 0, lr: 0 };
  const cellsOf = (k: number): Cells => {
    const at = (k - first) * 4;
    return { wm: cells[at]!, lm: cells[at + 1]!, wr: cells[at + 2]!, lr: cells[at + 3]! };
  };
  for (const k of keys) {
    const c = cellsOf(k);
    const side = isNewest.has(k) ? late : early;
    side.wm += c.wm;
    side.lm += c.lm;
    side.wr += c.wr;
    side.lr += c.lr;
  }
  const quarters = keys.map((k) => {
    const c = cellsOf(k);
    const both = c.wm + c.lm > 0 && c.wr + c.lr > 0;
    const e = both ? effectOf(c) : null;
    return { quarter: quarterBounds(k).label, deals: c.wm + c.lm, won: c.wm, effect: e?.effect ?? null, standardError: e?.standardError ?? null };
  });
  const earlier = { ...effectOf(early), deals: early.wm + early.lm };
  const newest = { ...effectOf(late), deals: late.wm + late.lm };
  const difference = newest.effect - earlier.effect;
  const z = difference / Math.sqrt(earlier.standardError ** 2 + newest.standardError ** 2);
  const judged = newest.deals >= minSupport && earlier.deals >= minSupport;
  const changed = judged && Math.abs(z) >= bar && Math.abs(difference) >= MIN_EFFECT;
  const direction: ChangeRow['direction'] = !changed
    ? 'steady'
    : Math.sign(newest.effect) !== Math.sign(earlier.effect) && Math.abs(newest.effect) >= MIN_EFFECT && Math.abs(earlier.effect) >= MIN_EFFECT
      ? 'reversed'
      : Math.abs(newest.effect) < Math.abs(earlier.effect)
        ? 'fading'
        : 'growing';
  const sentence = changed
    ? `${r.segment}: effect ${signed(earlier.effect)} log-odds before, ${signed(newest.effect)} in the newest deals (${direction}; z = ${signed(z)}).`
    : judged
      ? `${r.segment}: steady (${signed(earlier.effect)} before, ${signed(newest.effect)} in the newest deals).`
      : `${r.segment}: too few deals in the newest quarter to judge.`;
  return { row: r.row, name: r.name, segment: r.segment, quarters, earlier, newest, z, changed, direction, sentence };
}
