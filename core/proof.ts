/**
 * The proof table (issue #20): per tier, how the accounts bought, how much, how fast, whether they
 * stayed and whether they grew, and one headline sentence comparing the top tier with the others.
 * One computation, shown by ICP_PROOF, the tier summary sheet, `icp proof` and the Learn report.
 *
 * - win rate = won ÷ (won + lost);
 * - average won amount over won rows with a readable amount;
 * - median sales cycle (closed − created, in days) over won rows with both dates (a close before
 *   the creation is no cycle), the mean of the two middle values for an even count;
 * - churn rate over won rows whose churned cell is known: the share read as churned;
 * - NRR = Σ ARR now ÷ Σ amount over won rows with an amount and an ARR now (a churned account with
 *   a blank ARR now counts 0).
 * A value with no rows to stand on is null (a blank cell), never 0. Pure.
 */
import { arrNowValue, readChurned } from './customer.ts';
import { median } from './learn/stats.ts';
import { EXCLUDED, type Model } from './model.ts';
import { checkAmountTotal, readOutcome, tierGrouping } from './summary.ts';
import { type Cell, type ReadOptions, readDay, readNumber } from './values.ts';

export const PROOF_HEADER = ['Tier', 'Accounts', 'Won', 'Lost', 'Win rate', 'Average won amount', 'Median sales cycle (days)', 'Churn rate', 'NRR'] as const;

/** Fewer decided deals than this on either side and the headline leaves the win rate out. */
export const MIN_DECIDED_TO_COMPARE = 30;
/** Fewer won deals with the values than this on either side and deal size, cycle, churn and NRR are left out. */
export const MIN_WON_TO_COMPARE = 20;

export interface ProofRow {
  tier: string;
  accounts: number;
  won: number;
  lost: number;
  /** Fractions (0.42, not 42); null where no row stands under them. */
  winRate: number | null;
  avgWonAmount: number | null;
  medianCycleDays: number | null;
  churnRate: number | null;
  nrr: number | null;
}

/** The history's columns, each a list as long as `tiers`; only `won` is required. */
export interface ProofColumns {
  won: readonly Cell[];
  amount?: readonly Cell[] | undefined;
  created?: readonly Cell[] | undefined;
  closed?: readonly Cell[] | undefined;
  churned?: readonly Cell[] | undefined;
  arrNow?: readonly Cell[] | undefined;
}

export interface Proof {
  /** A row per tier (as ICP_SUMMARY orders them), then Excluded, then Total. */
  rows: ProofRow[];
  headline: string;
}

/** What a group of accounts (a tier, the top tier, the rest, all) adds up to. */
class Tally {
  accounts = 0;
  won = 0;
  lost = 0;
  amountSum = 0;
  amounts = 0;
  cycles: number[] = [];
  known = 0;
  churned = 0;
  arrSum = 0;
  arrBase = 0;
  arrRows = 0;

  row(tier: string): ProofRow {
    const decided = this.won + this.lost;
    return {
      tier,
      accounts: this.accounts,
      won: this.won,
      lost: this.lost,
      winRate: decided > 0 ? this.won / decided : null,
      avgWonAmount: this.amounts > 0 ? checkAmountTotal(this.amountSum) / this.amounts : null,
      medianCycleDays: median(this.cycles),
      churnRate: this.known > 0 ? this.churned / this.known : null,
      nrr: this.arrRows > 0 && checkAmountTotal(this.arrBase) !== 0 ? checkAmountTotal(this.arrSum) / this.arrBase : null,
    };
  }
}

/** One account's values, read once. */
export interface ProofAccount {
  outcome: 'won' | 'lost' | 'open';
  amount: number | null;
  /** The close day (days since 1970-01-01), null when blank or unreadable. */
  closed: number | null;
  cycle: number | null;
  churned: boolean | null;
  arrNow: number | null;
}

/** Row i of the proof's columns as one account (the drift signs of core/customer-drift.ts read them so too). */
export function readProofAccount(i: number, columns: ProofColumns, options: ReadOptions): ProofAccount {
  const outcome = readOutcome(columns.won[i]);
  const number = (list: readonly Cell[] | undefined) => {
    const value = list ? readNumber(list[i] ?? null) : null;
    return typeof value === 'number' ? value : null;
  };
  const day = (list: readonly Cell[] | undefined) => {
    const value = list ? readDay(list[i] ?? null, options) : null;
    return typeof value === 'number' ? value : null;
  };
  const created = day(columns.created);
  const closed = day(columns.closed);
  const cycle = created !== null && closed !== null && closed >= created ? closed - created : null;
  const churned = columns.churned ? readChurned(columns.churned[i] ?? null, options) : null;
  const arrNow = columns.arrNow ? arrNowValue(readNumber(columns.arrNow[i] ?? null), churned) : null;
  return { outcome, amount: number(columns.amount), closed, cycle, churned, arrNow };
}

function add(t: Tally, a: ProofAccount): void {
  t.accounts++;
  if (a.outcome === 'lost') t.lost++;
  if (a.outcome !== 'won') return;
  t.won++;
  if (a.amount !== null) {
    t.amountSum += a.amount;
    t.amounts++;
  }
  if (a.cycle !== null) t.cycles.push(a.cycle);
  if (a.churned !== null) {
    t.known++;
    if (a.churned) t.churned++;
  }
  if (a.amount !== null && a.arrNow !== null) {
    t.arrSum += a.arrNow;
    t.arrBase += a.amount;
    t.arrRows++;
  }
}

/**
 * The proof table of a history: `tiers` (each account's tier label, as ICP_TIER writes it) and
 * the columns over the same rows. Blank tier cells are not accounts.
 */
export function proofTable(tiers: readonly Cell[], model: Model, columns: ProofColumns, options: ReadOptions = {}): Proof {
  const { labelAt, order } = tierGrouping(tiers, model);
  const tallies = new Map(order.map((label) => [label, new Tally()]));
  const total = new Tally();
  const top = order.find((label) => label !== EXCLUDED) ?? null;
  const sides = { top: new Tally(), rest: new Tally() };
  labelAt.forEach((label, i) => {
    if (label === null) return;
    const account = readProofAccount(i, columns, options);
    add(tallies.get(label)!, account);
    add(total, account);
    if (label === EXCLUDED || top === null) return;
    add(label === top ? sides.top : sides.rest, account);
  });
  const given = {
    amount: columns.amount !== undefined,
    cycle: columns.created !== undefined && columns.closed !== undefined,
    churn: columns.churned !== undefined,
    nrr: columns.amount !== undefined && columns.arrNow !== undefined,
  };
  const others = order.filter((label) => label !== EXCLUDED && label !== top);
  return {
    rows: [...order.map((label) => tallies.get(label)!.row(label)), total.row('Total')],
    headline: top === null ? 'There are no tiers to compare.' : others.length === 0 ? `${top} is the only tier: there is no other tier to compare it with.` : headline(top, sides.top, sides.rest, given),
  };
}

// ---- the headline --------------------------------------------------------------------------

interface Comparison {
  /** What is compared, in the "left out" list: `deal size`. */
  what: string;
  /** The rows it rests on: `won deals with an amount`. */
  unit: string;
  need: number;
  counts: [top: number, rest: number];
  /** The verb phrase when compared: `has 48% larger deals`. */
  phrase: () => string;
}

const percent = (fraction: number) => `${Math.round(Math.abs(fraction) * 100)}%`;

function winPhrase(top: number, rest: number): string {
  if (rest === 0) return top === 0 ? 'wins no more often than the rest (neither won a deal)' : `wins ${percent(top)} of its decided deals, where the rest won none`;
  return `wins ${(top / rest).toFixed(1)}× as often as the rest`;
}

function sizePhrase(top: number, rest: number): string {
  if (rest <= 0) return `has deals of ${Math.round(top).toLocaleString('en-US')} on average against ${Math.round(rest).toLocaleString('en-US')}`;
  const change = top / rest - 1;
  if (Math.round(change * 100) === 0) return 'has deals of the same size';
  return `has ${percent(change)} ${change > 0 ? 'larger' : 'smaller'} deals`;
}

function cyclePhrase(top: number, rest: number): string {
  if (rest <= 0) return `closes in a median ${top} days against ${rest}`;
  const faster = 1 - top / rest;
  if (Math.round(faster * 100) === 0) return 'closes as fast';
  return `closes ${percent(faster)} ${faster > 0 ? 'faster' : 'slower'}`;
}

function churnPhrase(top: number, rest: number): string {
  const points = Math.round((rest - top) * 100);
  if (points === 0) return 'keeps as many of its customers';
  return `keeps ${Math.abs(points)} point${Math.abs(points) === 1 ? '' : 's'} ${points > 0 ? 'more' : 'fewer'} of its customers`;
}

function joined(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * "Tier 1 wins 2.1× as often as the rest, has 48% larger deals, closes 35% faster, keeps 28 points
 * more of its customers and has a net revenue retention of 118% against 96%." A comparison resting
 * on too few deals on either side is left out, and the sentence says which and why. A comparison
 * whose column was not given is left out silently.
 */
function headline(top: string, t: Tally, r: Tally, given: { amount: boolean; cycle: boolean; churn: boolean; nrr: boolean }): string {
  const a = t.row(top);
  const b = r.row('the rest');
  const comparisons: Comparison[] = [
    { what: 'win rate', unit: 'decided deals', need: MIN_DECIDED_TO_COMPARE, counts: [t.won + t.lost, r.won + r.lost], phrase: () => winPhrase(a.winRate ?? 0, b.winRate ?? 0) },
  ];
  if (given.amount) comparisons.push({ what: 'deal size', unit: 'won deals with an amount', need: MIN_WON_TO_COMPARE, counts: [t.amounts, r.amounts], phrase: () => sizePhrase(a.avgWonAmount!, b.avgWonAmount!) });
  if (given.cycle) comparisons.push({ what: 'sales cycle', unit: 'won deals with both dates', need: MIN_WON_TO_COMPARE, counts: [t.cycles.length, r.cycles.length], phrase: () => cyclePhrase(a.medianCycleDays!, b.medianCycleDays!) });
  if (given.churn) comparisons.push({ what: 'churn', unit: 'won deals with a churned cell', need: MIN_WON_TO_COMPARE, counts: [t.known, r.known], phrase: () => churnPhrase(a.churnRate!, b.churnRate!) });
  if (given.nrr) {
    comparisons.push({
      what: 'net revenue retention',
      unit: 'won deals with an amount and an ARR now',
      need: MIN_WON_TO_COMPARE,
      counts: [t.arrRows, r.arrRows],
      phrase: () => (a.nrr === null || b.nrr === null ? 'has no net revenue retention to compare' : `has a net revenue retention of ${percent(a.nrr)} against ${percent(b.nrr)}`),
    });
  }
  const enough = (c: Comparison) => c.counts[0] >= c.need && c.counts[1] >= c.need;
  const made = comparisons.filter(enough).map((c) => c.phrase());
  const left = comparisons
    .filter((c) => !enough(c))
    .map((c) => `${c.what} (${c.counts[0]} ${c.counts[0] === 1 ? c.unit.replace('deals', 'deal') : c.unit} in ${top}, ${c.counts[1]} in the rest; ${c.need} are needed on each side)`);
  if (made.length === 0) return `Too few deals to compare ${top} with the rest: ${left.join('; ')}.`;
  const sentence = `${top} ${joined(made)}.`;
  return left.length ? `${sentence} Left out, on too few deals: ${left.join('; ')}.` : sentence;
}
