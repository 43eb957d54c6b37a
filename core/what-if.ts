/**
 * The effort audit as a plan (issue #20, item 5): what moving a share of the accounts worked from
 * one group of the history (a tier, a column's value or a number range, as the effort table names
 * its segments) to another would have brought in won revenue, over the same period.
 *
 * - accounts worked = the group's decided deals (won or lost; open deals are not work done yet);
 * - yield = the group's won amount ÷ its accounts worked, i.e. the mean over its decided deals of
 *   x = the amount for a won deal and 0 for a lost one (a won deal with no readable amount is left
 *   out of the group, counted in `unpriced`: it would pull the yield down by an amount nobody wrote);
 * - moved = share × the source's accounts worked, rounded to whole accounts;
 * - projection = moved × (yield of the target − yield of the source).
 *
 * The 90% range is the delta method: each yield is a mean, with variance s² ÷ n (s² the sample
 * variance of its x, n its accounts worked); the two groups are independent, so the projection's
 * standard error is moved × √(s²_to ÷ n_to + s²_from ÷ n_from), and the range is the projection
 * ± 1.645 standard errors. Smaller groups give wider ranges. It assumes the moved accounts would
 * win as the target's accounts did (no diminishing returns), which a plan should say. Pure.
 */
import { EXCLUDED } from './model.ts';
import { readOutcome } from './summary.ts';
import { headerKey } from './text.ts';
import { type Cell, isBlank, readNumber, readText } from './values.ts';

/** The z of a two-sided 90% range. */
export const WHAT_IF_Z = 1.6448536269514722;

export interface WhatIfPlan {
  /** The share of the source's accounts worked that moves, 0 < share ≤ 1. */
  share: number;
  from: string;
  to: string;
}

export type WhatIfAnswer<T> = { ok: true; value: T } | { ok: false; problem: string };

const BAD_SHARE = 'the share to move must be more than 0% and at most 100% (e.g. 30% or 0.3)';
const SHAPE =
  'write the what-if as "30% from SMB to Mid-Market" (a share, then from one group to another) or "from=SMB,to=Mid-Market,share=0.3"';

function readShare(text: string): WhatIfAnswer<number> {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(text);
  if (!m) return { ok: false, problem: `"${text.trim()}" is not a share: ${BAD_SHARE}` };
  const share = Number(m[1]) / (m[2] ? 100 : 1);
  if (!(share > 0 && share <= 1)) return { ok: false, problem: `${text.trim()} is not a share that can move: ${BAD_SHARE}` };
  return { ok: true, value: share };
}

/** "30% from SMB to Mid-Market", "0.3 from SMB to Mid-Market" or "from=SMB,to=Mid-Market,share=0.3". */
export function parseWhatIf(text: string): WhatIfAnswer<WhatIfPlan> {
  const keyed = /^\s*(?:from|to|share)\s*=/i.test(text);
  let share: string;
  let from: string;
  let to: string;
  if (keyed) {
    const parts = new Map<string, string>();
    for (const part of text.split(/,(?=\s*(?:from|to|share)\s*=)/i)) {
      const eq = part.indexOf('=');
      const key = part.slice(0, eq).trim().toLowerCase();
      if (parts.has(key)) return { ok: false, problem: `"${key}=" is given twice in the what-if; ${SHAPE}` };
      parts.set(key, part.slice(eq + 1).trim());
    }
    const missing = ['from', 'to', 'share'].filter((k) => !parts.get(k));
    if (missing.length) return { ok: false, problem: `the what-if has no ${missing.map((k) => `${k}=`).join(' or ')}; ${SHAPE}` };
    [share, from, to] = [parts.get('share')!, parts.get('from')!, parts.get('to')!];
  } else {
    const m = /^\s*(\S+)\s+(?:of\s+(?:the\s+)?accounts(?:\s+worked)?\s+)?from\s+(.+?)\s+to\s+(.+?)\s*$/i.exec(text);
    if (!m) return { ok: false, problem: `"${text.trim()}" is not a what-if: ${SHAPE}` };
    [share, from, to] = [m[1]!, m[2]!, m[3]!];
  }
  const read = readShare(share);
  if (!read.ok) return read;
  if (headerKey(from) === headerKey(to)) return { ok: false, problem: `the what-if moves accounts from "${from}" to itself; name two different groups` };
  return { ok: true, value: { share: read.value, from, to } };
}

/** A group of the history: its name as the user gave it and which rows it holds. */
export interface WhatIfGroup {
  name: string;
  match: (row: number) => boolean;
}

/** The history the groups are found in: its header, its rows, each row's tier (blank: none). */
export interface WhatIfHistory {
  header: readonly Cell[];
  rows: readonly (readonly Cell[])[];
  tiers: readonly Cell[];
  /** Columns that are not segments (the outcome, amount, dates…): never searched for a bare value. */
  skip?: readonly number[];
}

const text = (cell: Cell) => headerKey(readText(cell) ?? '');

type Compare = (v: number) => boolean;

/** "≥ 200", "< 50", "200–2000", "200-2000", "= Healthcare", ": Healthcare": the test on a cell. */
function condition(rest: string): ((cell: Cell) => boolean) | null {
  const r = rest.trim();
  const num = (s: string) => {
    const n = readNumber(s.trim());
    return typeof n === 'number' ? n : null;
  };
  const numeric = (test: Compare) => (cell: Cell) => {
    const v = readNumber(cell);
    return typeof v === 'number' && test(v);
  };
  let m = /^(≥|>=|>|≤|<=|<)\s*(.+)$/.exec(r);
  if (m) {
    const x = num(m[2]!);
    if (x === null) return null;
    const tests: Record<string, Compare> = { '≥': (v) => v >= x, '>=': (v) => v >= x, '>': (v) => v > x, '≤': (v) => v <= x, '<=': (v) => v <= x, '<': (v) => v < x };
    return numeric(tests[m[1]!]!);
  }
  m = /^(-?[\d.,]+[kKmM]?)\s*(?:–|-|to)\s*(-?[\d.,]+[kKmM]?)$/.exec(r);
  if (m) {
    const [low, high] = [num(m[1]!), num(m[2]!)];
    if (low === null || high === null) return null;
    return numeric((v) => v >= low && v <= high);
  }
  m = /^(?:=|:|is)\s*(.+)$/.exec(r);
  if (m) {
    const want = headerKey(m[1]!);
    return (cell) => text(cell) === want;
  }
  return null;
}

/**
 * The rows a name stands for: a tier (its label, or the start of it: "Tier 1"), "Column = Value"
 * or a number range of a column as the effort table writes them ("Employees 200–2000",
 * "Employees ≥ 5000"), or a bare value of one column ("SMB").
 */
export function findWhatIfGroup(name: string, history: WhatIfHistory): WhatIfAnswer<WhatIfGroup> {
  const key = headerKey(name);
  const labels = [...new Set(history.tiers.filter((t) => !isBlank(t)).map((t) => String(readText(t) ?? '')))];
  const exact = labels.filter((l) => headerKey(l) === key);
  const tierHits = exact.length ? exact : labels.filter((l) => key !== '' && headerKey(l).startsWith(key));
  if (tierHits.length === 1) {
    const want = headerKey(tierHits[0]!);
    return { ok: true, value: { name: tierHits[0]!, match: (i) => text(history.tiers[i] ?? null) === want } };
  }
  // A column's header at the start of the name, the longest that fits.
  const headers = history.header.map((h) => String(readText(h) ?? '').trim());
  const byLength = headers.map((h, c) => ({ h, c })).filter(({ h }) => h !== '' && name.trim().toLowerCase().startsWith(h.toLowerCase())).sort((a, b) => b.h.length - a.h.length);
  for (const { h, c } of byLength) {
    const test = condition(name.trim().slice(h.length));
    if (test) return { ok: true, value: { name: name.trim(), match: (i) => test(history.rows[i]?.[c] ?? null) } };
  }
  const skip = new Set(history.skip ?? []);
  const columns = headers.map((_, c) => c).filter((c) => !skip.has(c) && history.rows.some((row) => text(row[c] ?? null) === key && key !== ''));
  if (columns.length === 1) {
    const c = columns[0]!;
    return { ok: true, value: { name: name.trim(), match: (i) => text(history.rows[i]?.[c] ?? null) === key } };
  }
  if (columns.length > 1) {
    const names = columns.map((c) => `"${headers[c]} = ${name.trim()}"`);
    return { ok: false, problem: `"${name.trim()}" is a value of ${columns.length} columns; name one: ${names.join(' or ')}` };
  }
  if (tierHits.length > 1) return { ok: false, problem: `"${name.trim()}" could be the tier ${tierHits.map((l) => `"${l}"`).join(' or ')}; name it whole` };
  const tiers = labels.filter((l) => l !== EXCLUDED).map((l) => `"${l}"`);
  return {
    ok: false,
    problem:
      `no tier, column value or segment of the history is named "${name.trim()}": name a tier (${tiers.join(', ') || 'none scored'}), ` +
      'a value of a column ("Segment = SMB", or the value alone when one column holds it) or a number range as the effort table writes it ("Employees 200–2000")',
  };
}

/** A group's yield: what its accounts worked brought in, with the uncertainty of the mean. */
export interface GroupYield {
  name: string;
  /** Decided deals (won or lost) with a readable amount when won. */
  accountsWorked: number;
  won: number;
  wonAmount: number;
  /** Won amount ÷ accounts worked; null with no account worked. */
  yield: number | null;
  /** The yield's variance (s² ÷ n); null under 2 accounts worked. */
  variance: number | null;
  /** Won deals left out because their amount is blank or unreadable. */
  unpriced: number;
}

/** The yield of the rows `match` holds, from their outcome and amount cells. */
export function groupYield(name: string, outcomes: readonly Cell[], amounts: readonly Cell[], match: (row: number) => boolean): GroupYield {
  const xs: number[] = [];
  let won = 0;
  let unpriced = 0;
  for (let i = 0; i < outcomes.length; i++) {
    if (!match(i)) continue;
    const outcome = readOutcome(outcomes[i] ?? null);
    if (outcome === 'open') continue;
    if (outcome === 'lost') {
      xs.push(0);
      continue;
    }
    const amount = readNumber(amounts[i] ?? null);
    if (typeof amount !== 'number') {
      unpriced++;
      continue;
    }
    won++;
    xs.push(amount);
  }
  const n = xs.length;
  const total = xs.reduce((a, b) => a + b, 0);
  const mean = n ? total / n : null;
  let variance: number | null = null;
  if (n >= 2 && mean !== null) variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) / n;
  return { name, accountsWorked: n, won, wonAmount: total, yield: mean, variance, unpriced };
}

export interface WhatIfResult {
  plan: WhatIfPlan;
  from: GroupYield;
  to: GroupYield;
  /** Whole accounts moved: share × the source's accounts worked, rounded. */
  moved: number;
  projection: number;
  standardError: number;
  low: number;
  high: number;
  /** "Moving 30% of the accounts worked from SMB to Mid-Market (84 of 280): +580K won revenue (90% range …) over the same period." */
  sentence: string;
  /** Each group's yield and what it stands on. */
  detail: string;
}

/** The projection and its 90% range (delta method), or why there is none. */
export function projectWhatIf(plan: WhatIfPlan, from: GroupYield, to: GroupYield): WhatIfAnswer<WhatIfResult> {
  for (const g of [from, to]) {
    if (g.accountsWorked < 2) {
      return { ok: false, problem: `"${g.name}" has ${g.accountsWorked} decided deal${g.accountsWorked === 1 ? '' : 's'} with an amount: too few to say what its accounts yield (2 at least)` };
    }
  }
  const moved = Math.round(plan.share * from.accountsWorked);
  if (moved === 0) return { ok: false, problem: `${percentText(plan.share)} of the ${from.accountsWorked} accounts worked in "${from.name}" is not one account; move a larger share` };
  const projection = moved * (to.yield! - from.yield!);
  const standardError = moved * Math.sqrt(to.variance! + from.variance!);
  const low = projection - WHAT_IF_Z * standardError;
  const high = projection + WHAT_IF_Z * standardError;
  const sentence =
    `Moving ${percentText(plan.share)} of the accounts worked from ${from.name} to ${to.name} (${moved} of ${from.accountsWorked}): ` +
    `${signedAmount(projection)} won revenue (90% range ${signedAmount(low)} to ${signedAmount(high)}) over the same period.`;
  const one = (g: GroupYield) =>
    `${g.name} brought in ${shortAmount(g.yield!)} per account worked (${g.accountsWorked} decided deals, ${g.won} won${g.unpriced ? `; ${g.unpriced} won without an amount left out` : ''})`;
  const detail = `${one(to)}; ${one(from)}. The range (delta method) assumes the moved accounts win as ${to.name}'s did.`;
  return { ok: true, value: { plan, from, to, moved, projection, standardError, low, high, sentence, detail } };
}

/** The whole what-if over a history: the plan's two groups found, their yields, the projection. */
export function whatIf(plan: WhatIfPlan, history: WhatIfHistory, outcomes: readonly Cell[], amounts: readonly Cell[]): WhatIfAnswer<WhatIfResult> {
  const from = findWhatIfGroup(plan.from, history);
  if (!from.ok) return from;
  const to = findWhatIfGroup(plan.to, history);
  if (!to.ok) return to;
  return projectWhatIf(plan, groupYield(from.value.name, outcomes, amounts, from.value.match), groupYield(to.value.name, outcomes, amounts, to.value.match));
}

function percentText(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** 580K, 1.2M, 950: three significant digits at most. */
export function shortAmount(value: number): string {
  const a = Math.abs(value);
  const [div, unit] = a >= 1e9 ? [1e9, 'B'] : a >= 1e6 ? [1e6, 'M'] : a >= 1e3 ? [1e3, 'K'] : [1, ''];
  const scaled = a / div;
  const digits = scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2;
  const shown = Number(scaled.toFixed(digits)).toString();
  return `${value < 0 ? '-' : ''}${shown}${unit}`;
}

function signedAmount(value: number): string {
  const shown = shortAmount(value);
  return shown.startsWith('-') || /^0$/.test(shown) ? shown : `+${shown}`;
}
