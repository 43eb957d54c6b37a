import { describe, expect, it } from 'vitest';
import { type SparseRows, cholesky, choleskySolve, fitLogistic } from '../../../core/learn/logistic.ts';
import { seededRandom } from '../../../core/learn/stats.ts';

/** Sparse rows from dense rows (zeros dropped). */
function sparse(dense: number[][], width: number): SparseRows {
  const start = [0];
  const cols: number[] = [];
  const vals: number[] = [];
  for (const row of dense) {
    row.forEach((v, j) => {
      if (v !== 0) {
        cols.push(j);
        vals.push(v);
      }
    });
    start.push(cols.length);
  }
  return { start: Int32Array.from(start), cols: Int32Array.from(cols), vals: Float64Array.from(vals), width };
}

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('logistic regression', () => {
  // One yes/no feature. Without it: 10 won, 30 lost; with it: 30 won, 10 lost.
  const dense = [...Array.from({ length: 40 }, () => [0]), ...Array.from({ length: 40 }, () => [1])];
  const y = Uint8Array.from([
    ...Array.from({ length: 40 }, (_, i) => (i < 10 ? 1 : 0)),
    ...Array.from({ length: 40 }, (_, i) => (i < 30 ? 1 : 0)),
  ]);

  it('recovers the log odds and log odds ratio of a two-by-two table when unpenalized', () => {
    const fit = fitLogistic(sparse(dense, 1), y, all(80), { lambda: 1e-10 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(10 / 30), 6);
    expect(fit.coefficients[0]!).toBeCloseTo(Math.log(30 / 10) - Math.log(10 / 30), 6);
  });

  it("gives the standard error of Woolf's formula, √(1/a + 1/b + 1/c + 1/d)", () => {
    const fit = fitLogistic(sparse(dense, 1), y, all(80), { lambda: 1e-10 });
    expect(fit.standardErrors[0]!).toBeCloseTo(Math.sqrt(1 / 10 + 1 / 30 + 1 / 30 + 1 / 10), 5);
  });

  it('fits only the rows it is given', () => {
    // Rows 0–9 (won, no feature) and 40–79 (the feature): the no-feature group is all won.
    const rows = Int32Array.from([...Array.from({ length: 10 }, (_, i) => i), ...Array.from({ length: 40 }, (_, i) => 40 + i)]);
    const fit = fitLogistic(sparse(dense, 1), y, rows, { lambda: 1 });
    expect(fit.intercept).toBeGreaterThan(2);
    expect(fit.coefficients[0]!).toBeLessThan(0);
  });

  it('sets the penalized gradient to zero at its solution', () => {
    const random = seededRandom(4);
    const width = 6;
    const rows: number[][] = Array.from({ length: 500 }, () => Array.from({ length: width }, () => (random() < 0.3 ? 1 : 0)));
    const truth = [1.5, -1, 0.5, 0, 0, 2];
    const won = Uint8Array.from(rows, (r) => (random() < 1 / (1 + Math.exp(-(-0.5 + r.reduce((s, v, j) => s + v * truth[j]!, 0)))) ? 1 : 0));
    const lambda = 2;
    const fit = fitLogistic(sparse(rows, width), won, all(500), { lambda });
    const gradient = new Array(width + 1).fill(0);
    rows.forEach((r, i) => {
      const eta = fit.intercept + r.reduce((s, v, j) => s + v * fit.coefficients[j]!, 0);
      const residual = won[i]! - 1 / (1 + Math.exp(-eta));
      gradient[0] += residual;
      r.forEach((v, j) => (gradient[j + 1] += residual * v));
    });
    for (let j = 0; j < width; j++) gradient[j + 1] -= lambda * fit.coefficients[j]!;
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-5);
  });

  it('stays finite when a feature separates won from lost perfectly', () => {
    const separating = Uint8Array.from(dense, (r) => r[0]!);
    const fit = fitLogistic(sparse(dense, 1), separating, all(80), { lambda: 1 });
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[0]!)).toBe(true);
    expect(fit.coefficients[0]!).toBeGreaterThan(3);
  });
});

describe('Cholesky', () => {
  it('solves a symmetric positive definite system', () => {
    // A = [[4, 2], [2, 3]], b = [2, 1] → x = [0.5, 0].
    const a = Float64Array.from([4, 2, 2, 3]);
    expect(cholesky(a, 2)).toBe(true);
    const x = choleskySolve(a, 2, Float64Array.from([2, 1]));
    expect(x[0]!).toBeCloseTo(0.5, 12);
    expect(x[1]!).toBeCloseTo(0, 12);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toBe(false);
  });
});

describe('fitting distinct rows once (fitCompressed)', () => {
  it('gives the fit of every row, weighted or not, on any subset, from any start', async () => {
    const { fitCompressed } = await import('../../../core/learn/logistic.ts');
    const random = seededRandom(3);
    // 600 rows over 4 columns with repeats, a decay-like fraction, and rows that share nothing.
    const dense = Array.from({ length: 600 }, () => [random() < 0.5 ? 1 : 0, random() < 0.3 ? 1 : 0, random() < 0.2 ? 0.5 : 0, random() < 0.1 ? 1 : 0]);
    const y = Uint8Array.from(dense, (row) => (random() < 0.2 + 0.4 * row[0]! + 0.2 * row[1]! ? 1 : 0));
    const x = sparse(dense, 4);
    const rows = Int32Array.from({ length: 450 }, (_, i) => i + 100);
    const weights = Float64Array.from(dense, (_, i) => 1 + (i % 5) / 2);
    for (const options of [{ lambda: 1 }, { lambda: 3, weights }, { lambda: 0.5, start: [0.1, 0.2, -0.3, 0.4, 0] }]) {
      const plain = fitLogistic(x, y, rows, options);
      const compressed = fitCompressed(x, y, rows, options);
      expect(compressed.intercept).toBeCloseTo(plain.intercept, 8);
      compressed.coefficients.forEach((c, j) => expect(c).toBeCloseTo(plain.coefficients[j]!, 8));
      compressed.standardErrors.forEach((se, j) => expect(se).toBeCloseTo(plain.standardErrors[j]!, 8));
    }
  });
});
