/**
 * The effort audit as a plan (issue #20, item 5): the what-if's yields, projection and 90% range
 * worked out by hand, the range widening when the groups are small, and the errors a person gets
 * for a group that is not there or a share that cannot move.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../core/index.ts';
import { WHAT_IF_Z, findWhatIfGroup, groupYield, parseWhatIf, projectWhatIf, shortAmount, whatIf } from '../../core/what-if.ts';

const HEADER = ['Company', 'Segment', 'Plan', 'Employees', 'Outcome', 'Amount'];

/**
 * Segment A: won 100, won 300, lost, lost (x = 100, 300, 0, 0), one open deal and one won deal
 * with no amount (left out). Segment B: won 500, lost, won 400, won 300, lost (x = 500, 0, 400,
 * 300, 0). Tiers: A rows "Tier 2 — Good", B rows "Tier 1 — Ideal".
 */
const ROWS: Cell[][] = [
  ['a1', 'A', 'Pro', 10, 'Won', 100],
  ['a2', 'A', 'Pro', 20, 'Closed Won', '300'],
  ['a3', 'A', 'Basic', 30, 'Lost', 999],
  ['a4', 'A', 'Basic', 40, 'Closed Lost', null],
  ['a5', 'A', 'Basic', 50, null, 700],
  ['a6', 'A', 'Basic', 60, 'Won', null],
  ['b1', 'B', 'Pro', 200, 'Won', 500],
  ['b2', 'B', 'Basic', 300, 'Lost', 50],
  ['b3', 'B', 'Pro', 400, 'Won', '$400'],
  ['b4', 'B', 'Pro', 500, 'Won', 300],
  ['b5', 'B', 'Basic', 2000, 'Lost', null],
];
const TIERS: Cell[] = ROWS.map((row) => (row[1] === 'A' ? 'Tier 2 — Good' : 'Tier 1 — Ideal'));
const history = (rows = ROWS, tiers = TIERS) => ({ header: HEADER, rows, tiers, skip: [4, 5] });
const outcomes = (rows = ROWS) => rows.map((r) => r[4]!);
const amounts = (rows = ROWS) => rows.map((r) => r[5]!);

function plan(text: string) {
  const parsed = parseWhatIf(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
}

describe('the what-if (effort audit as a plan)', () => {
  it('projects moving half of A to B as worked out by hand, with the delta method’s 90% range', () => {
    // A: mean 100; s² = (0² + 200² + 100² + 100²) / 3 = 20,000; variance of the mean 20,000 / 4 = 5,000.
    // B: mean 240; s² = (260² + 240² + 160² + 60² + 240²) / 4 = 53,000; variance of the mean 10,600.
    // Moved: 50% of 4 = 2. Projection 2 × (240 − 100) = 280; s.e. 2 × √15,600 = 249.80.
    const answer = whatIf(plan('50% from Segment = A to B'), history(), outcomes(), amounts());
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const r = answer.value;
    expect(r.from).toMatchObject({ accountsWorked: 4, won: 2, wonAmount: 400, yield: 100, unpriced: 1 });
    expect(r.from.variance).toBeCloseTo(5000, 9);
    expect(r.to).toMatchObject({ accountsWorked: 5, won: 3, wonAmount: 1200, yield: 240, unpriced: 0 });
    expect(r.to.variance).toBeCloseTo(10600, 9);
    expect(r.moved).toBe(2);
    expect(r.projection).toBeCloseTo(280, 9);
    expect(r.standardError).toBeCloseTo(249.79992, 4);
    expect(r.low).toBeCloseTo(280 - 1.6448536 * 249.79992, 3);
    expect(r.high).toBeCloseTo(280 + 1.6448536 * 249.79992, 3);
    expect(r.sentence).toBe('Moving 50% of the accounts worked from Segment = A to B (2 of 4): +280 won revenue (90% range -131 to +691) over the same period.');
    expect(r.detail).toContain('B brought in 240 per account worked (5 decided deals, 3 won)');
    expect(r.detail).toContain('Segment = A brought in 100 per account worked (4 decided deals, 2 won; 1 won without an amount left out)');
  });

  it('names a tier by its label or its start, a number range as the effort table writes it, and a bare value of one column', () => {
    const tier = findWhatIfGroup('Tier 1', history());
    expect(tier.ok && tier.value.name).toBe('Tier 1 — Ideal');
    const rows = (name: string) => {
      const g = findWhatIfGroup(name, history());
      if (!g.ok) throw new Error(g.problem);
      return ROWS.map((r, i) => (g.value.match(i) ? r[0] : null)).filter(Boolean);
    };
    expect(rows('tier 2 — good')).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
    expect(rows('Employees 200–500')).toEqual(['b1', 'b2', 'b3', 'b4']);
    expect(rows('Employees 200-500')).toEqual(['b1', 'b2', 'b3', 'b4']);
    expect(rows('Employees ≥ 2000')).toEqual(['b5']);
    expect(rows('Employees < 30')).toEqual(['a1', 'a2']);
    expect(rows('Plan: pro')).toEqual(['a1', 'a2', 'b1', 'b3', 'b4']);
    expect(rows('B')).toEqual(['b1', 'b2', 'b3', 'b4', 'b5']);
  });

  it('reads the plan as a sentence or as keys', () => {
    expect(parseWhatIf('30% from SMB to Mid-Market')).toEqual({ ok: true, value: { share: 0.3, from: 'SMB', to: 'Mid-Market' } });
    expect(parseWhatIf('0.3 of the accounts worked from SMB to Mid-Market')).toEqual({ ok: true, value: { share: 0.3, from: 'SMB', to: 'Mid-Market' } });
    expect(parseWhatIf('from=Employees 200-2000, to=Tier 1, share=0.25')).toEqual({ ok: true, value: { share: 0.25, from: 'Employees 200-2000', to: 'Tier 1' } });
  });

  it('widens the range when the groups are small: the same deals ten times over give a range about √10 narrower per account moved', () => {
    const many = Array.from({ length: 10 }, () => ROWS).flat();
    const manyTiers = Array.from({ length: 10 }, () => TIERS).flat();
    const small = whatIf(plan('50% from A to B'), history(), outcomes(), amounts());
    const large = whatIf(plan('50% from A to B'), history(many, manyTiers), outcomes(many), amounts(many));
    if (!small.ok || !large.ok) throw new Error('no projection');
    // Same yields, so the same projection per account moved…
    expect(large.value.projection / large.value.moved).toBeCloseTo(small.value.projection / small.value.moved, 9);
    expect(large.value.moved).toBe(20);
    // …and a range per account moved over three times wider for the small groups.
    const width = (r: typeof small.value) => (r.high - r.low) / r.moved;
    expect(width(small.value)).toBeGreaterThan(3 * width(large.value));
    // By hand for the large groups: A's 40 deals, s² = 4,000,000 × 10 / 39 … each variance of the mean is (Σ(x − mean)²) / (n − 1) / n.
    const aSquares = 10 * (0 ** 2 + 200 ** 2 + 100 ** 2 + 100 ** 2);
    const bSquares = 10 * (260 ** 2 + 240 ** 2 + 160 ** 2 + 60 ** 2 + 240 ** 2);
    const se = 20 * Math.sqrt(aSquares / 39 / 40 + bSquares / 49 / 50);
    expect(large.value.high - large.value.low).toBeCloseTo(2 * WHAT_IF_Z * se, 6);
  });

  it('says clearly when a group is not there, is ambiguous, or is too small, and when the share cannot move', () => {
    const problem = (text: string, h = history()) => {
      const parsed = parseWhatIf(text);
      if (!parsed.ok) return parsed.problem;
      const answer = whatIf(parsed.value, h, outcomes(h.rows as Cell[][]), amounts(h.rows as Cell[][]));
      return answer.ok ? '' : answer.problem;
    };
    expect(problem('30% from SMB to B')).toBe(
      'no tier, column value or segment of the history is named "SMB": name a tier ("Tier 2 — Good", "Tier 1 — Ideal"), ' +
        'a value of a column ("Segment = SMB", or the value alone when one column holds it) or a number range as the effort table writes it ("Employees 200–2000")',
    );
    expect(problem('30% from A to Nowhere')).toContain('is named "Nowhere"');
    expect(problem('30% from Pro to B')).toBe(''); // one column (Plan) holds Pro
    const twoColumns = history([...ROWS, ['x', 'Pro', 'Pro', 1, 'Won', 1]], [...TIERS, 'Tier 1 — Ideal']);
    expect(problem('30% from Pro to B', twoColumns)).toBe('"Pro" is a value of 2 columns; name one: "Segment = Pro" or "Plan = Pro"');
    expect(problem('150% from A to B')).toBe('150% is not a share that can move: the share to move must be more than 0% and at most 100% (e.g. 30% or 0.3)');
    expect(problem('0% from A to B')).toBe('0% is not a share that can move: the share to move must be more than 0% and at most 100% (e.g. 30% or 0.3)');
    expect(problem('lots from A to B')).toBe('"lots" is not a share: the share to move must be more than 0% and at most 100% (e.g. 30% or 0.3)');
    expect(problem('30% of SMB into Mid-Market')).toMatch(/^"30% of SMB into Mid-Market" is not a what-if: write the what-if as "30% from SMB to Mid-Market"/);
    expect(problem('from=A,share=0.3')).toMatch(/^the what-if has no to=;/);
    expect(problem('30% from A to a')).toBe('the what-if moves accounts from "A" to itself; name two different groups');
    expect(problem('30% from Employees ≥ 2000 to A')).toBe('"Employees ≥ 2000" has 1 decided deal with an amount: too few to say what its accounts yield (2 at least)');
    expect(problem('10% from A to B')).toBe('10% of the 4 accounts worked in "A" is not one account; move a larger share');
  });

  it('shows amounts short, with three significant digits at most', () => {
    expect([shortAmount(580_000), shortAmount(1_234_567), shortAmount(-52_500), shortAmount(950), shortAmount(3_230.4)]).toEqual(['580K', '1.23M', '-52.5K', '950', '3.23K']);
  });

  it('leaves open deals out of the accounts worked', () => {
    const y = groupYield('A', outcomes(), amounts(), (i) => ROWS[i]![1] === 'A');
    expect(y.accountsWorked).toBe(4);
    const noneWorked = projectWhatIf({ share: 0.5, from: 'A', to: 'B' }, { ...y, accountsWorked: 0, yield: null, variance: null }, y);
    expect(noneWorked).toEqual({ ok: false, problem: '"A" has 0 decided deals with an amount: too few to say what its accounts yield (2 at least)' });
  });
});
