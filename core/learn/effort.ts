/**
 * Effort against revenue: per group of every column (and four groups of neighbouring bins of each
 * number or date column), the share of the accounts worked against the share of wins and of won
 * revenue — the "52% of effort on a segment that produced 18% of revenue" audit.
 */
import { type FineClassing, formatNumber } from './fine.ts';
import { WON } from './outcomes.ts';

/** Effort against revenue: per group of every column, the share of accounts worked and the share of wins and won revenue. */
export interface EffortRow {
  segment: string;
  field: string;
  accounts: number;
  shareOfAccounts: number;
  won: number;
  shareOfWins: number | null;
  /** Null without an amount column. */
  revenue: number | null;
  shareOfRevenue: number | null;
}

/** At most this many effort rows: the largest gaps between effort and return. */
const EFFORT_ROWS = 20;

export function effortTable(fine: FineClassing, codes: Int8Array, amount: Float64Array | null, minShare = 0.03): EffortRow[] {
  const n = fine.accounts;
  let totalWon = 0;
  let totalRevenue = 0;
  const revenueOf = (i: number) => (amount && Number.isFinite(amount[i]!) ? amount[i]! : 0);
  for (let i = 0; i < n; i++) {
    if (codes[i] !== WON) continue;
    totalWon++;
    totalRevenue += revenueOf(i);
  }
  const rows: EffortRow[] = [];
  const push = (segment: string, field: string, accounts: number, won: number, revenue: number) => {
    if (accounts < minShare * n) return;
    rows.push({
      segment,
      field,
      accounts,
      shareOfAccounts: accounts / n,
      won,
      shareOfWins: totalWon ? won / totalWon : null,
      revenue: amount ? revenue : null,
      shareOfRevenue: amount && totalRevenue > 0 ? revenue / totalRevenue : null,
    });
  };
  for (const column of fine.columns) {
    const size = column.groups.length;
    const accounts = new Float64Array(size);
    const won = new Float64Array(size);
    const revenue = new Float64Array(size);
    // Per distinct cell first (CRM columns repeat their values), then per group.
    const cells = column.groupOfCode.length;
    const perCode = new Float64Array(cells);
    const wonCode = new Float64Array(cells);
    const revenueCode = new Float64Array(cells);
    for (let i = 0; i < n; i++) {
      const code = column.codes[i]!;
      perCode[code]!++;
      if (codes[i] === WON) {
        wonCode[code]!++;
        revenueCode[code]! += revenueOf(i);
      }
    }
    const tally = (g: number, code: number) => {
      accounts[g]! += perCode[code]!;
      won[g]! += wonCode[code]!;
      revenue[g]! += revenueCode[code]!;
    };
    for (let code = 0; code < cells; code++) {
      if (perCode[code] === 0) continue;
      const g = column.groupOfCode[code]!;
      if (g >= 0) tally(g, code);
      if (column.terms) for (let k = column.terms.start[code]!; k < column.terms.start[code + 1]!; k++) tally(column.terms.list[k]!, code);
    }
    column.groups.forEach((group, g) => push(group.label, column.profile.header, accounts[g]!, won[g]!, revenue[g]!));
    if (column.numeric) quarterGroups(column, n, codes, revenueOf, push);
  }
  const gap = (r: EffortRow) => r.shareOfAccounts - (r.shareOfRevenue ?? r.shareOfWins ?? 0);
  return rows.sort((a, b) => Math.abs(gap(b)) - Math.abs(gap(a))).slice(0, EFFORT_ROWS);
}

/** Four groups of neighbouring bins, about a quarter of the accounts each. */
function quarterGroups(
  column: FineClassing['columns'][number],
  n: number,
  codes: Int8Array,
  revenueOf: (i: number) => number,
  push: (segment: string, field: string, accounts: number, won: number, revenue: number) => void,
): void {
  const { cuts, bin, recency } = column.numeric!;
  const bins = cuts.length + 1;
  const edges = [0, Math.round(bins / 4), Math.round(bins / 2), Math.round((3 * bins) / 4), bins].filter((e, k, a) => k === 0 || e > a[k - 1]!);
  const header = column.profile.header;
  for (let k = 0; k + 1 < edges.length; k++) {
    const from = edges[k]!;
    const to = edges[k + 1]! - 1;
    const low = from === 0 ? null : cuts[from - 1]!;
    const high = to === bins - 1 ? null : cuts[to]!;
    const unit = recency ? ' days old' : '';
    const name = low === null ? `${header} < ${formatNumber(high!)}${unit}` : high === null ? `${header} ≥ ${formatNumber(low)}${unit}` : `${header} ${formatNumber(low)}–${formatNumber(high)}${unit}`;
    let accounts = 0;
    let won = 0;
    let revenue = 0;
    for (let i = 0; i < n; i++) {
      if (bin[i]! < from || bin[i]! > to) continue;
      accounts++;
      if (codes[i] === WON) {
        won++;
        revenue += revenueOf(i);
      }
    }
    push(name, header, accounts, won, revenue);
  }
}
