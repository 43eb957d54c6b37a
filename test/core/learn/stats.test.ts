import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc, compareAuc, median, nonIncreasing, normalCdf, seededRandom } from '../../../core/learn/stats.ts';

/** AUC the slow way: every won–lost pair, a win counted 1, a tie ½. */
function pairwiseAuc(won: number[], lost: number[]): number {
  let sum = 0;
  for (const w of won) for (const l of lost) sum += w > l ? 1 : w === l ? 0.5 : 0;
  return sum / (won.length * lost.length);
}

const scores = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 40 });

describe('AUC', () => {
  it('is the share of won–lost pairs where the won account scores higher, ties counting half', () => {
    // Pairs: 3>1, 3>2, 2>1 win; 2=2 ties: (1 + 1 + 1 + 0.5) / 4.
    expect(auc([3, 2], [1, 2])).toBe(0.875);
  });

  it('agrees with counting every pair, on any scores with ties', () => {
    fc.assert(
      fc.property(scores, scores, (won, lost) => {
        expect(auc(won, lost)).toBeCloseTo(pairwiseAuc(won, lost), 12);
      }),
    );
  });

  it('is unknown when there are no wins or no losses', () => {
    expect(auc([], [1, 2])).toBeNull();
    expect(auc([1], [])).toBeNull();
  });
});

describe('comparing two AUCs on the same accounts (DeLong)', () => {
  function sample(n: number, seed: number) {
    const random = seededRandom(seed);
    const won: boolean[] = [];
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < n; i++) {
      const signal = random() < 0.4;
      won.push(signal ? random() < 0.7 : random() < 0.2);
      a.push(Math.round(random() * 5 + (signal ? 2 : 0)));
      b.push(Math.round(random() * 5 + (signal ? 3 : 0) + (random() < 0.5 ? 1 : 0)));
    }
    return { won, a, b };
  }

  it('measures each AUC as the one-model AUC does, and the difference between them', () => {
    const { won, a, b } = sample(300, 3);
    const c = compareAuc(a, b, won)!;
    expect(c.first).toBeCloseTo(auc(a.filter((_, i) => won[i]), a.filter((_, i) => !won[i]))!, 12);
    expect(c.second).toBeCloseTo(auc(b.filter((_, i) => won[i]), b.filter((_, i) => !won[i]))!, 12);
    expect(c.difference).toBeCloseTo(c.second - c.first, 12);
  });

  it('gives a standard error close to a bootstrap estimate of the same difference', () => {
    const { won, a, b } = sample(400, 11);
    const c = compareAuc(a, b, won)!;
    const random = seededRandom(99);
    const diffs: number[] = [];
    for (let k = 0; k < 1500; k++) {
      const idx = Array.from({ length: won.length }, () => Math.floor(random() * won.length));
      const r = compareAuc(idx.map((i) => a[i]!), idx.map((i) => b[i]!), idx.map((i) => won[i]!));
      if (r) diffs.push(r.difference);
    }
    const m = diffs.reduce((s, d) => s + d, 0) / diffs.length;
    const bootstrapSe = Math.sqrt(diffs.reduce((s, d) => s + (d - m) ** 2, 0) / (diffs.length - 1));
    expect(c.standardError / bootstrapSe).toBeGreaterThan(0.85);
    expect(c.standardError / bootstrapSe).toBeLessThan(1.15);
  });

  it('is symmetric: swapping the two scorings flips the sign of z', () => {
    const { won, a, b } = sample(200, 5);
    const ab = compareAuc(a, b, won)!;
    const ba = compareAuc(b, a, won)!;
    expect(ba.z).toBeCloseTo(-ab.z, 12);
    expect(ba.pValue).toBeCloseTo(1 - ab.pValue, 6);
  });

  it('finds no difference between a scoring and itself', () => {
    const { won, a } = sample(100, 8);
    const c = compareAuc(a, a, won)!;
    expect(c.difference).toBe(0);
    expect(c.z).toBe(0);
    expect(c.pValue).toBeCloseTo(0.5, 6);
  });

  it('cannot compare when the accounts are all won or all lost', () => {
    expect(compareAuc([1, 2], [2, 1], [true, true])).toBeNull();
  });
});

describe('the normal distribution function', () => {
  it('matches the tabulated values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
    expect(normalCdf(2.326348)).toBeCloseTo(0.99, 6);
  });
});

describe('non-increasing isotonic regression', () => {
  it('pools neighbours that go up into their weighted mean', () => {
    expect(nonIncreasing([1, 3, 2], [1, 1, 1])).toEqual([2, 2, 2]);
    expect(nonIncreasing([5, 1, 3], [1, 1, 1])).toEqual([5, 2, 2]);
    // Weighted: (1·3 + 4·1) / 4 = 1.75 for the pooled pair.
    expect(nonIncreasing([4, 1, 4], [1, 3, 1])).toEqual([4, 1.75, 1.75]);
  });

  it('never goes up, keeps the weighted total, and leaves a sequence that already never goes up alone', () => {
    const values = fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(values, fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 12, maxLength: 12 }), (v, w) => {
        const out = nonIncreasing(v, w);
        for (let i = 1; i < out.length; i++) expect(out[i]!).toBeLessThanOrEqual(out[i - 1]! + 1e-9);
        const total = (xs: number[]) => xs.reduce((s, x, i) => s + x * w[i]!, 0);
        expect(total(out)).toBeCloseTo(total(v), 6);
        const sortedDown = [...v].sort((a, b) => b - a);
        expect(nonIncreasing(sortedDown, w)).toEqual(sortedDown);
      }),
    );
  });
});

describe('small helpers', () => {
  it('take the median of odd and even lists', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('draw the same numbers from the same seed, and other numbers from another', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('an AUC against a coin toss', () => {
  it('is beyond chance for a scoring that separates, and not for one that ties or ranks at random', async () => {
    const { aucAboveChance } = await import('../../../core/learn/stats.ts');
    const won = Array.from({ length: 60 }, (_, i) => 50 + i);
    const lost = Array.from({ length: 60 }, (_, i) => i);
    expect(aucAboveChance(won, lost)).toBeLessThan(0.001);
    expect(aucAboveChance([1, 1, 1], [1, 1, 1])).toBe(1);
    const mixed = Array.from({ length: 60 }, (_, i) => i % 7);
    expect(aucAboveChance(mixed, mixed)).toBeGreaterThan(0.4);
    expect(aucAboveChance([], [1])).toBe(1);
  });
});

describe('the population stability index', () => {
  it('is near 0 for the same distribution, and above 0.25 when it has shifted', async () => {
    const { populationStability } = await import('../../../core/learn/stats.ts');
    const random = seededRandom(8);
    const before = Array.from({ length: 4000 }, () => Math.round(random() * 100));
    const same = Array.from({ length: 1000 }, () => Math.round(random() * 100));
    const shifted = Array.from({ length: 1000 }, () => Math.round(40 + random() * 60));
    expect(populationStability(before, same)!).toBeLessThan(0.02);
    expect(populationStability(before, shifted)!).toBeGreaterThan(0.25);
    // By hand: two bins, 50/50 expected, 90/10 actual (half a count added to each bin).
    const e = [...Array<number>(50).fill(0), ...Array<number>(50).fill(1)];
    const a = [...Array<number>(90).fill(0), ...Array<number>(10).fill(1)];
    const p = (n: number, total: number) => (n + 0.5) / (total + 1);
    const expected = (p(90, 100) - p(50, 100)) * Math.log(p(90, 100) / p(50, 100)) + (p(10, 100) - p(50, 100)) * Math.log(p(10, 100) / p(50, 100));
    expect(populationStability(e, a)!).toBeCloseTo(expected, 12);
  });
});
