/** ICP_SUMMARY (SPEC §5): accounts, share, wins, win rate and amount per tier. */
import { ShapeError } from './errors.ts';
import { EXCLUDED, type Model } from './model.ts';
import { normalizeText } from './text.ts';
import { type Cell, isBlank, isErrorText, readNumber, readText } from './values.ts';

/**
 * A sum of amounts past what a spreadsheet number holds (±1.8 × 10^308) is an error, the same
 * in every host, instead of ±Infinity (Sheets) or a blank (Excel).
 */
export function checkAmountTotal(total: number): number {
  if (!Number.isFinite(total)) {
    throw new ShapeError(
      'amount',
      'the amounts add up to more than a spreadsheet number can hold (beyond ±1.8 × 10^308), so no total can be shown; look in the amount column for a value far too large',
    );
  }
  return total;
}

export const SUMMARY_HEADER = ['Tier', 'Accounts', 'Share', 'Won', 'Win rate', 'Amount'] as const;

const WON_WORDS = new Set(['won', 'closed won', 'closed-won', 'closedwon', 'true', 'yes', 'y', '1']);

/** An outcome cell: 'won', 'lost', or 'open' (blank: still open, left out of win rates). */
export function readOutcome(cell: Cell): 'won' | 'lost' | 'open' {
  if (isBlank(cell) || isErrorText(cell)) return 'open';
  if (cell === true || cell === 1) return 'won';
  const word = normalizeText(readText(cell) ?? '');
  return WON_WORDS.has(word) ? 'won' : 'lost';
}

export interface SummaryRow {
  tier: string;
  accounts: number;
  /** Share of all accounts, 0–1. */
  share: number;
  won: number | null;
  /** Won over decided (won + lost), 0–1; null when nothing is decided or `won` was not given. */
  winRate: number | null;
  /** The amounts summed (over won rows when `won` is given); null when no amount column was given. */
  amount: number | null;
}

interface Tally {
  accounts: number;
  won: number;
  lost: number;
  amount: number;
}

/** Each account's tier label (null: a blank tier cell, not an account) and the tables' row order. */
export interface TierGrouping {
  labelAt: (string | null)[];
  /** The model's tiers (highest first), then tier labels the model does not know, then Excluded. */
  order: string[];
}

/**
 * The tier of each account as the tables show it: a model tier or Excluded in the model's own
 * spelling (any case), any other label as typed. Blank tier cells are not accounts (a whole-column
 * range ends in them). ICP_SUMMARY and ICP_PROOF order their rows by it.
 */
export function tierGrouping(tiers: readonly Cell[], model: Model): TierGrouping {
  const labels = model.tiers.map((t) => t.name);
  const keyOf = new Map<string, string>(labels.map((l) => [normalizeText(l), l]));
  keyOf.set(normalizeText(EXCLUDED), EXCLUDED);
  const unknown = new Set<string>();
  const labelAt = tiers.map((cell) => {
    if (isBlank(cell) || isErrorText(cell)) return null;
    const text = (readText(cell) ?? '').trim();
    const label = keyOf.get(normalizeText(text));
    if (label) return label;
    unknown.add(text);
    return text;
  });
  return { labelAt, order: [...labels, ...unknown, EXCLUDED] };
}

/**
 * One row per model tier (highest first), then any tier labels the model does not know,
 * then Excluded, then Total. Blank tier cells are not accounts (a whole-column range ends in them).
 */
export function summarize(
  tiers: readonly Cell[],
  model: Model,
  won?: readonly Cell[],
  amount?: readonly Cell[],
): SummaryRow[] {
  const { labelAt, order } = tierGrouping(tiers, model);
  const tallies = new Map<string, Tally>(order.map((label) => [label, { accounts: 0, won: 0, lost: 0, amount: 0 }]));
  labelAt.forEach((label, i) => {
    if (label === null) return;
    const t = tallies.get(label)!;
    t.accounts++;
    const outcome = won ? readOutcome(won[i]) : 'open';
    if (outcome === 'won') t.won++;
    if (outcome === 'lost') t.lost++;
    const value = amount ? readNumber(amount[i] ?? null) : null;
    if (typeof value === 'number' && (!won || outcome === 'won')) t.amount += value;
  });
  const total: Tally = { accounts: 0, won: 0, lost: 0, amount: 0 };
  for (const t of tallies.values()) {
    total.accounts += t.accounts;
    total.won += t.won;
    total.lost += t.lost;
    total.amount += t.amount;
  }
  checkAmountTotal(total.amount);
  for (const t of tallies.values()) checkAmountTotal(t.amount);
  const row = (tier: string, t: Tally): SummaryRow => ({
    tier,
    accounts: t.accounts,
    share: total.accounts ? t.accounts / total.accounts : 0,
    won: won ? t.won : null,
    winRate: won && t.won + t.lost > 0 ? t.won / (t.won + t.lost) : null,
    amount: amount ? t.amount : null,
  });
  return [...order.map((label) => row(label, tallies.get(label)!)), row('Total', total)];
}
