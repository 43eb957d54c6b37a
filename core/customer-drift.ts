/**
 * Drift signs that need the customer's columns (issue #20, item 6), beside the learner's win-rate,
 * cycle and tier-order signs (core/learn/drift.ts). Cohorts are the quarters in which customers
 * were won (the close date of won deals).
 *
 * - **Churn clustering**: one segment (a tier, or a value of a column) holds a growing share of
 *   the churn: among the churned customers of the newest 4 cohorts, its share is at least 15
 *   points above its share among the churned customers of the cohorts before, beyond chance (a
 *   two-proportion z of 3 or more), and at least 10 points above its share of those cohorts'
 *   customers (a segment that merely grew churns more in number, not in share of its customers).
 *   Each side needs 10 churned customers.
 * - **Expansion flattening**: the net revenue retention of the newest cohorts falls. Customers
 *   won fewer than 180 days before the as-of day are left out (too new to have expanded); the
 *   newest 2 of the remaining cohorts are compared with the 4 before them. Older customers have had
 *   longer to grow, so each side's NRR (Σ ARR now ÷ Σ amount, a churned customer with a blank ARR
 *   now at 0, as the proof table reads it) is annualized over its amount-weighted mean age:
 *   NRR^(1 ÷ years). A fall of 10 points or more, and of 2 standard errors or more of the
 *   annualized log NRR (the ratio's delta method), is the sign. Each side needs 20 customers.
 * Pure.
 */
import { type ProofColumns, readProofAccount } from './proof.ts';
import { type Cell, type ReadOptions, isoDay, readText } from './values.ts';

export type CustomerSignKind = 'churn clustering' | 'expansion flattening';

export interface CustomerSign {
  kind: CustomerSignKind;
  message: string;
}

export const CHURN_COHORTS = 4;
export const CHURN_MIN = 10;
export const CHURN_SHARE_RISE = 0.15;
export const CHURN_OVER_CUSTOMERS = 0.1;
export const CHURN_Z = 3;
export const NRR_MIN_AGE_DAYS = 180;
export const NRR_RECENT_COHORTS = 2;
export const NRR_BEFORE_COHORTS = 4;
export const NRR_MIN = 20;
export const NRR_FALL = 0.1;
export const NRR_Z = 2;

/** A segmenting of the history: its name ("Tier", "Segment") and each row's value (blank: none). */
export interface Segmenting {
  name: string;
  values: readonly Cell[];
}

export interface CustomerDriftInput {
  columns: ProofColumns;
  segmentings: readonly Segmenting[];
  /** The as-of day (days since 1970-01-01); default: the latest close day of the history. */
  asOf?: number;
  options?: ReadOptions;
}

interface Customer {
  cohort: number;
  closed: number;
  amount: number | null;
  churned: boolean | null;
  arrNow: number | null;
  row: number;
}

const quarterOf = (day: number) => {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
};
const quarterName = (key: number) => `${Math.floor(key / 4)} Q${(key % 4) + 1}`;
const span = (keys: readonly number[]) => (keys.length === 1 ? quarterName(keys[0]!) : `${quarterName(keys[0]!)}–${quarterName(keys[keys.length - 1]!)}`);
const pct = (v: number) => `${Math.round(v * 100)}%`;

function customers(input: CustomerDriftInput): Customer[] {
  const out: Customer[] = [];
  for (let i = 0; i < input.columns.won.length; i++) {
    const a = readProofAccount(i, input.columns, input.options ?? {});
    if (a.outcome !== 'won' || a.closed === null) continue;
    out.push({ cohort: quarterOf(a.closed), closed: a.closed, amount: a.amount, churned: a.churned, arrNow: a.arrNow, row: i });
  }
  return out;
}

/** The signs found, churn clustering first; none when the columns or the deals are too few. */
export function customerDriftSigns(input: CustomerDriftInput): CustomerSign[] {
  const won = customers(input);
  const signs: CustomerSign[] = [];
  if (input.columns.churned) for (const s of input.segmentings) signs.push(...churnClustering(won, s));
  if (input.columns.arrNow && input.columns.amount) {
    const asOf = input.asOf ?? won.reduce((latest, c) => Math.max(latest, c.closed), -Infinity);
    const sign = expansionFlattening(won, asOf);
    if (sign) signs.push(sign);
  }
  return signs;
}

function label(cell: Cell | undefined): string | null {
  const text = readText(cell ?? null)?.trim();
  return text ? text : null;
}

function churnClustering(won: readonly Customer[], segmenting: Segmenting): CustomerSign[] {
  const known = won.filter((c) => c.churned !== null);
  const keys = [...new Set(known.map((c) => c.cohort))].sort((a, b) => a - b);
  if (keys.length <= CHURN_COHORTS) return [];
  const recentKeys = keys.slice(-CHURN_COHORTS);
  const first = recentKeys[0]!;
  const recent = known.filter((c) => c.cohort >= first);
  const before = known.filter((c) => c.cohort < first);
  const churnedRecent = recent.filter((c) => c.churned);
  const churnedBefore = before.filter((c) => c.churned);
  const n1 = churnedRecent.length;
  const n0 = churnedBefore.length;
  if (n1 < CHURN_MIN || n0 < CHURN_MIN) return [];
  const values = [...new Set(known.map((c) => label(segmenting.values[c.row])).filter((v): v is string => v !== null))];
  const signs: CustomerSign[] = [];
  for (const value of values) {
    const inIt = (c: Customer) => label(segmenting.values[c.row]) === value;
    const a1 = churnedRecent.filter(inIt).length;
    const a0 = churnedBefore.filter(inIt).length;
    const p1 = a1 / n1;
    const p0 = a0 / n0;
    const customersShare = recent.filter(inIt).length / recent.length;
    const pooled = (a1 + a0) / (n1 + n0);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
    const z = se > 0 ? (p1 - p0) / se : 0;
    if (p1 - p0 >= CHURN_SHARE_RISE - 1e-9 && z >= CHURN_Z && p1 >= customersShare + CHURN_OVER_CUSTOMERS - 1e-9) {
      const who = segmenting.name ? `${segmenting.name} = ${value}` : value;
      signs.push({
        kind: 'churn clustering',
        message:
          `${who} holds ${pct(p1)} of the churn among customers won in ${span(recentKeys)} (${a1} of ${n1} churned), ` +
          `up from ${pct(p0)} among those won before (${a0} of ${n0}), while it is ${pct(customersShare)} of those customers.`,
      });
    }
  }
  return signs;
}

/**
 * Σ ARR now ÷ Σ amount annualized over the amount-weighted mean age, and the standard error of
 * its logarithm (the ratio estimator's delta-method variance Σ(y − R·x)² ÷ (n(n − 1) x̄²), over
 * R², over years²); null with no amount.
 */
function annualizedNrr(side: readonly Customer[], asOf: number): { nrr: number; annual: number; years: number; logSe: number } | null {
  let arr = 0;
  let base = 0;
  let ageWeighted = 0;
  for (const c of side) {
    arr += c.arrNow!;
    base += c.amount!;
    ageWeighted += c.amount! * (asOf - c.closed);
  }
  if (!(base > 0)) return null;
  const n = side.length;
  const nrr = arr / base;
  const years = ageWeighted / base / 365.25;
  const residuals = side.reduce((sum, c) => sum + (c.arrNow! - nrr * c.amount!) ** 2, 0);
  const ratioSe = Math.sqrt(residuals / (n * (n - 1)) / (base / n) ** 2);
  return { nrr, annual: nrr ** (1 / years), years, logSe: nrr > 0 ? ratioSe / nrr / years : Infinity };
}

function expansionFlattening(won: readonly Customer[], asOf: number): CustomerSign | null {
  const mature = won.filter((c) => asOf - c.closed >= NRR_MIN_AGE_DAYS && c.amount !== null && c.amount > 0 && c.arrNow !== null);
  const keys = [...new Set(mature.map((c) => c.cohort))].sort((a, b) => a - b);
  if (keys.length < NRR_RECENT_COHORTS + 1) return null;
  const recentKeys = keys.slice(-NRR_RECENT_COHORTS);
  const beforeKeys = keys.slice(-NRR_RECENT_COHORTS - NRR_BEFORE_COHORTS, -NRR_RECENT_COHORTS);
  const recent = mature.filter((c) => recentKeys.includes(c.cohort));
  const before = mature.filter((c) => beforeKeys.includes(c.cohort));
  if (recent.length < NRR_MIN || before.length < NRR_MIN) return null;
  const now = annualizedNrr(recent, asOf);
  const then = annualizedNrr(before, asOf);
  if (!now || !then || now.annual > then.annual - NRR_FALL + 1e-9) return null;
  // Beyond chance: the fall of the annualized log NRR is NRR_Z standard errors or more (none kept when nothing is left).
  if (now.nrr > 0) {
    const z = (Math.log(then.annual) - Math.log(now.annual)) / Math.hypot(now.logSe, then.logSe);
    if (!(z >= NRR_Z)) return null;
  }
  return {
    kind: 'expansion flattening',
    message:
      `Customers won in ${span(recentKeys)} keep ${pct(now.annual)} of their revenue a year (NRR ${pct(now.nrr)} after ${now.years.toFixed(1)} years, ${recent.length} customers), ` +
      `down from ${pct(then.annual)} a year for those won in ${span(beforeKeys)} (NRR ${pct(then.nrr)} after ${then.years.toFixed(1)} years, ${before.length}); ` +
      `customers won after ${isoDay(asOf - NRR_MIN_AGE_DAYS)} are too new to judge.`,
  };
}
