/**
 * Drift signs that need the customer's columns (issue #20, item 6): churn clustering and expansion
 * flattening, each on a small generated history that plants the sign and on one where it is absent
 * (including the look-alikes the sign must not take for drift: a segment that merely grew, older
 * customers who simply had longer to expand, customers too new to have expanded).
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../core/index.ts';
import { customerDriftSigns } from '../../core/customer-drift.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
/** The middle of a quarter (key = year × 4 + quarter index) as ISO text. */
const midQuarter = (key: number) => new Date(Date.UTC(Math.floor(key / 4), (key % 4) * 3 + 1, 15)).toISOString().slice(0, 10);

interface Deal {
  closed: string;
  segment: string;
  churned: Cell;
  amount: Cell;
  arrNow: Cell;
}

function columns(deals: readonly Deal[]) {
  return {
    won: deals.map(() => 'Won'),
    amount: deals.map((d) => d.amount),
    closed: deals.map((d) => d.closed),
    churned: deals.map((d) => d.churned),
    arrNow: deals.map((d) => d.arrNow),
  };
}

/**
 * 12 quarters of won customers, 2023 Q1 to 2025 Q4. `mix(recent)` gives each segment's number of
 * customers in a quarter, `rate(segment, recent)` its churn rate; churned customers are the first
 * round(rate × count) of the segment in the quarter.
 */
function churnHistory(mix: (recent: boolean) => Record<string, number>, rate: (segment: string, recent: boolean) => number): Deal[] {
  const deals: Deal[] = [];
  for (let key = 2023 * 4; key < 2026 * 4; key++) {
    const recent = key >= 2025 * 4;
    for (const [segment, count] of Object.entries(mix(recent))) {
      const churned = Math.round(rate(segment, recent) * count);
      for (let k = 0; k < count; k++) deals.push({ closed: midQuarter(key), segment, churned: k < churned ? 'Churned' : 'Active', amount: 1000, arrNow: k < churned ? null : 1000 });
    }
  }
  return deals;
}

const even = () => ({ A: 20, B: 20, C: 20 });
const signsOf = (deals: Deal[], asOf?: string) =>
  customerDriftSigns({ columns: columns(deals), segmentings: [{ name: 'Segment', values: deals.map((d) => d.segment) }], ...(asOf ? { asOf: day(asOf) } : {}) });

describe('churn clustering', () => {
  it('is found when one segment holds a growing share of the churn, counted by hand', () => {
    // Before 2025: 20% churn in each segment, 4 a quarter each, 8 quarters: 32 of 96 churned are A's.
    // 2025: A churns 50% (10 a quarter), B and C 10% (2 a quarter): 40 of 56 are A's, while A is a third of the customers.
    const deals = churnHistory(even, (segment, recent) => (recent ? (segment === 'A' ? 0.5 : 0.1) : 0.2));
    const signs = signsOf(deals).filter((s) => s.kind === 'churn clustering');
    expect(signs).toEqual([
      {
        kind: 'churn clustering',
        message: 'Segment = A holds 71% of the churn among customers won in 2025 Q1–2025 Q4 (40 of 56 churned), up from 33% among those won before (32 of 96), while it is 33% of those customers.',
      },
    ]);
  });

  it('is absent when churn is spread as the customers are, or when a segment only grew', () => {
    expect(signsOf(churnHistory(even, () => 0.2)).filter((s) => s.kind === 'churn clustering')).toEqual([]);
    // A grows to 60% of the customers in 2025 and churns at the same 20%: more of the churn is A's, as more of the customers are.
    const grew = churnHistory((recent) => (recent ? { A: 36, B: 12, C: 12 } : even()), () => 0.2);
    expect(signsOf(grew).filter((s) => s.kind === 'churn clustering')).toEqual([]);
  });

  it('is absent with too few churned customers to judge', () => {
    const few = churnHistory(() => ({ A: 3, B: 3, C: 3 }), (segment, recent) => (recent ? (segment === 'A' ? 0.67 : 0) : 0.34));
    expect(signsOf(few)).toEqual([]);
  });
});

/**
 * 25 customers a quarter from 2022 Q1 to 2026 Q1, each of 1,000, whose ARR now grows by `growth`
 * a year from the close to the as-of day 2026-06-30; the 2026 Q1 customers have only ramped to 500.
 */
function expansionHistory(growth: (key: number) => number): Deal[] {
  const asOf = day('2026-06-30');
  const deals: Deal[] = [];
  for (let key = 2022 * 4; key <= 2026 * 4; key++) {
    const closed = midQuarter(key);
    const years = (asOf - day(closed)) / 365.25;
    for (let k = 0; k < 25; k++) {
      const arr = key === 2026 * 4 ? 500 : Math.round(1000 * growth(key) ** years);
      deals.push({ closed, segment: 'A', churned: 'Active', amount: 1000, arrNow: arr });
    }
  }
  return deals;
}

describe('expansion flattening', () => {
  it('is found when the newest judged cohorts keep less of their revenue a year', () => {
    // 2025 Q3 and Q4 (the newest cohorts at least 180 days old on 2026-06-30) shrink 5% a year; the four before grow 20%.
    const deals = expansionHistory((key) => (key >= 2025 * 4 + 2 ? 0.95 : 1.2));
    const signs = signsOf(deals, '2026-06-30');
    expect(signs.map((s) => s.kind)).toEqual(['expansion flattening']);
    expect(signs[0]!.message).toMatch(/^Customers won in 2025 Q3–2025 Q4 keep 95% of their revenue a year \(NRR 9\d% after 0\.\d years, 50 customers\), down from 120% a year for those won in 2024 Q3–2025 Q2 \(NRR 1\d\d% after 1\.\d years, 100\); customers won after 2026-01-01 are too new to judge\.$/);
  });

  it('is absent when every cohort grows alike, though older cohorts hold more than they closed at and the newest have barely ramped', () => {
    const deals = expansionHistory(() => 1.2);
    // Unannualized, the older cohorts keep far more (1.2 ^ 1.5 against 1.2 ^ 0.8): that is their age, not drift.
    expect(signsOf(deals, '2026-06-30')).toEqual([]);
  });

  it('reads a churned customer with a blank ARR now as 0, as the proof table does', () => {
    const deals = expansionHistory(() => 1.2).map((d) => (d.closed >= '2025-07-01' && d.closed < '2026-01-01' ? { ...d, churned: 'Churned', arrNow: null } : d));
    const signs = signsOf(deals, '2026-06-30');
    expect(signs.map((s) => s.kind)).toEqual(['expansion flattening']);
    expect(signs[0]!.message).toMatch(/keep 0% of their revenue a year \(NRR 0% after/);
  });
});

describe('expansion flattening and noise', () => {
  it('stays quiet on 40 histories where nothing changed but each customer grows differently and the cohorts are small', async () => {
    const { seededRandom } = await import('../../core/learn/stats.ts');
    let fired = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      // Every cohort trends +20% a year; each customer's ARR now is that trend times a spread of 0 to 2; 12 or 13 customers a quarter.
      const deals = expansionHistory(() => 1.2)
        .filter((_, i) => i % 2 === 0)
        .map((d) => (typeof d.arrNow === 'number' && d.closed < '2026-01-01' ? { ...d, arrNow: Math.round(d.arrNow * 2 * random()) } : d));
      if (signsOf(deals, '2026-06-30').length) fired++;
    }
    // Without the standard-error check, the 10-point fall alone fires on 13 of the 40.
    expect(fired).toBe(0);
  });
});
