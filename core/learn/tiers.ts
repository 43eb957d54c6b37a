/** Win rate, revenue and wins captured by tier: the table behind validation, drift and ICP_BACKTEST. */
import { EXCLUDED, type Tier } from '../model.ts';
import { LOST, WON } from './outcomes.ts';
import { percent } from './words.ts';

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

export interface TierRefit {
  /** The top tier's name, its minimum before and after. */
  tier: string;
  from: number;
  to: number;
  /** On the learning deals, under the tried points: the share of deals at or above the new minimum, and of wins. */
  shareOfAccounts: number;
  shareOfWins: number | null;
  /** The best 15–35% of deals hold ≥ 60% of wins. */
  reached: boolean;
  sentence: string;
  /** Every tier's minimum after the refit, highest first. */
  minimums: { tier: string; from: number; to: number }[];
}

/** Deals scoring at least each whole score t (0–100) and the wins among them, over the listed deals. */
function atLeast(scores: Float64Array, excluded: Uint8Array, won: Uint8Array, rows: Int32Array) {
  const deals = new Float64Array(102);
  const wins = new Float64Array(102);
  let total = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    total += won[i]!;
    const s = excluded[i] || Number.isNaN(scores[i]!) ? -1 : scores[i]!;
    if (s < 0) continue;
    // Scores are rounded to one decimal: a deal scoring s counts for every whole t ≤ s.
    deals[Math.floor(s)]!++;
    wins[Math.floor(s)]! += won[i]!;
  }
  for (let t = 100; t >= 0; t--) {
    deals[t]! += deals[t + 1]!;
    wins[t]! += wins[t + 1]!;
  }
  return { deals, wins, total };
}

/**
 * Refit the tier minimums on the learning deals: the top tier's minimum is the highest whole
 * score that puts 15–35% of deals in it with at least 60% of the wins (else the one in that band
 * that captures the most wins; else, when scores bunch up, the closest); lower tiers keep their
 * proportion to it, each below the one above. Null when there are no tiers or no sensible refit.
 */
export function tierMinimums(tiers: readonly Tier[], scores: Float64Array, excluded: Uint8Array, won: Uint8Array, rows: Int32Array): TierRefit | null {
  if (tiers.length === 0 || rows.length === 0) return null;
  const { deals, wins, total } = atLeast(scores, excluded, won, rows);
  const n = rows.length;
  const share = (t: number) => deals[t]! / n;
  const inBand = (t: number) => share(t) >= TARGET_ACCOUNTS[0] - 1e-9 && share(t) <= TARGET_ACCOUNTS[1] + 1e-9;
  let best = -1;
  let most = -1;
  for (let t = 1; t <= 100; t++) {
    if (!inBand(t)) continue;
    if (total && wins[t]! / total >= TARGET_WINS - 1e-9) best = t;
    if (most < 0 || wins[t]! > wins[most]!) most = t;
  }
  if (best < 0) best = most;
  const feasible = best > 0;
  if (!feasible) {
    let closest = Infinity;
    for (let t = 1; t <= 100; t++) {
      const off = share(t) < TARGET_ACCOUNTS[0] ? TARGET_ACCOUNTS[0] - share(t) : share(t) > TARGET_ACCOUNTS[1] ? share(t) - TARGET_ACCOUNTS[1] : 0;
      if (off <= closest + 1e-12) {
        closest = Math.min(closest, off);
        best = t;
      }
    }
  }
  const top = tiers[0]!;
  const minimums: TierRefit['minimums'] = [{ tier: top.name, from: top.min, to: best }];
  let above = best;
  for (const tier of tiers.slice(1)) {
    const to = Math.min(tier.min === 0 ? 0 : Math.round((tier.min * best) / Math.max(top.min, 1e-9)), above - 1);
    if (to < 0) return null;
    minimums.push({ tier: tier.name, from: tier.min, to });
    above = to;
  }
  if (minimums.filter((m) => m.to === 0).length > 1) return null;
  const shareOfAccounts = share(best);
  const shareOfWins = total ? wins[best]! / total : null;
  const reached = feasible && shareOfWins !== null && shareOfWins >= TARGET_WINS - 1e-9;
  const sentence = reached
    ? `${top.name} from ${best}: it holds ${percent(shareOfAccounts)} of the training deals and ${percent(shareOfWins)} of their wins, which meets the bar (the best 15–35% hold at least 60% of wins).`
    : feasible
      ? `${top.name} from ${best}: it holds ${percent(shareOfAccounts)} of the training deals and ${percent(shareOfWins)} of their wins; no minimum reaches the bar of 60% of wins in 15–35% of deals with these points.`
      : `No whole minimum puts 15–35% of the training deals in ${top.name} (the scores bunch up); ${best} comes closest with ${percent(shareOfAccounts)} of deals and ${percent(shareOfWins)} of wins, so the bar cannot be reached.`;
  return { tier: top.name, from: top.min, to: best, shareOfAccounts, shareOfWins, reached, sentence, minimums };
}
