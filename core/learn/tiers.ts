/** Win rate, revenue and wins captured by tier: the table behind validation, drift and ICP_BACKTEST. */
import { EXCLUDED, type Tier } from '../model.ts';
import { LOST, WON } from './outcomes.ts';

/** The label for accounts whose score is below every tier minimum (or that have no score). */
export const NO_TIER = '(no tier)';

/** The share of wins the top tiers should capture, and the band of accounts they should do it in. */
export const TARGET_WINS = 0.6;
export const TARGET_ACCOUNTS: readonly [number, number] = [0.15, 0.35];

export interface TierRow {
  tier: string;
  accounts: number;
  won: number;
  lost: number;
  /** Won ÷ (won + lost); null when nothing is decided. */
  winRate: number | null;
  /** Sum of the amount over won accounts; null without an amount column. */
  revenue: number | null;
  /** Revenue ÷ won accounts with an amount; null when there are none. */
  averageDeal: number | null;
  shareOfAccounts: number;
  /** This tier's wins ÷ all wins; null when there are no wins. */
  shareOfWins: number | null;
}

/** The top tiers taken together, from Tier 1 down to `through`. */
export interface CapturedRow {
  through: string;
  shareOfAccounts: number;
  shareOfWins: number | null;
}

/** One account as the tier table sees it. */
export interface TieredAccount {
  tier: string;
  /** 1 won, 0 lost, -1 open. */
  outcome: number;
  /** NaN when blank or unreadable. */
  amount: number;
}

/**
 * One row per model tier (highest first), then `(no tier)` when any account is below every tier,
 * then Excluded. `withAmount` says whether an amount column was given at all.
 */
export function tierTable(accounts: readonly TieredAccount[], tiers: readonly Tier[], withAmount: boolean): TierRow[] {
  const labels = [...tiers.map((t) => t.name), NO_TIER, EXCLUDED];
  const tally = new Map(labels.map((l) => [l, { accounts: 0, won: 0, lost: 0, revenue: 0, paid: 0 }]));
  let totalWon = 0;
  for (const account of accounts) {
    const t = tally.get(account.tier) ?? tally.get(NO_TIER)!;
    t.accounts++;
    if (account.outcome === WON) {
      t.won++;
      totalWon++;
      if (Number.isFinite(account.amount)) {
        t.revenue += account.amount;
        t.paid++;
      }
    } else if (account.outcome === LOST) t.lost++;
  }
  return labels
    .filter((l) => l !== NO_TIER || tally.get(l)!.accounts > 0)
    .map((tier) => {
      const t = tally.get(tier)!;
      return {
        tier,
        accounts: t.accounts,
        won: t.won,
        lost: t.lost,
        winRate: t.won + t.lost > 0 ? t.won / (t.won + t.lost) : null,
        revenue: withAmount ? t.revenue : null,
        averageDeal: withAmount && t.paid > 0 ? t.revenue / t.paid : null,
        shareOfAccounts: accounts.length ? t.accounts / accounts.length : 0,
        shareOfWins: totalWon ? t.won / totalWon : null,
      };
    });
}

/** Cumulative shares from the top tier down, over the model's tiers (not `(no tier)`, not Excluded). */
export function capturedByTopTiers(rows: readonly TierRow[], tiers: readonly Tier[]): CapturedRow[] {
  const out: CapturedRow[] = [];
  let accounts = 0;
  let wins: number | null = 0;
  for (const tier of tiers) {
    const row = rows.find((r) => r.tier === tier.name);
    if (!row) continue;
    accounts += row.shareOfAccounts;
    wins = row.shareOfWins === null || wins === null ? null : wins + row.shareOfWins;
    out.push({ through: tier.name, shareOfAccounts: accounts, shareOfWins: wins });
  }
  return out;
}

/** True when some top tiers hold 15–35% of accounts and at least 60% of the wins. */
export function meetsTarget(captured: readonly CapturedRow[]): boolean {
  const eps = 1e-9;
  return captured.some(
    (c) =>
      c.shareOfAccounts >= TARGET_ACCOUNTS[0] - eps &&
      c.shareOfAccounts <= TARGET_ACCOUNTS[1] + eps &&
      c.shareOfWins !== null &&
      c.shareOfWins >= TARGET_WINS - eps,
  );
}
