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
  const labels = model.tiers.map((t) => t.name);
  const tallies = new Map<string, Tally>();
  const keyOf = new Map<string, string>(labels.map((l) => [normalizeText(l), l]));
  keyOf.set(normalizeText(EXCLUDED), EXCLUDED);
  const tally = (label: string): Tally => {
    let t = tallies.get(label);
    if (!t) tallies.set(label, (t = { accounts: 0, won: 0, lost: 0, amount: 0 }));
    return t;
  };
  tiers.forEach((cell, i) => {
    if (isBlank(cell) || isErrorText(cell)) return;
    const text = (readText(cell) ?? '').trim();
    const label = keyOf.get(normalizeText(text)) ?? text;
    const t = tally(label);
    t.accounts++;
    const outcome = won ? readOutcome(won[i]) : 'open';
    if (outcome === 'won') t.won++;
    if (outcome === 'lost') t.lost++;
    const value = amount ? readNumber(amount[i] ?? null) : null;
    if (typeof value === 'number' && (!won || outcome === 'won')) t.amount += value;
  });
  const unknown = [...tallies.keys()].filter((l) => !labels.includes(l) && l !== EXCLUDED);
  const order = [...labels, ...unknown, EXCLUDED];
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
  const empty: Tally = { accounts: 0, won: 0, lost: 0, amount: 0 };
  return [...order.map((label) => row(label, tallies.get(label) ?? empty)), row('Total', total)];
}
