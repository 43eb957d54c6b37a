/**
 * L2-regularized logistic regression fitted by Newton's method (iteratively reweighted least
 * squares) on sparse rows. The models here have at most a few dozen indicator columns and each
 * account sets only a handful of them, so each Newton step costs one pass over the nonzeros
 * and a Cholesky solve of a small dense system.
 */

/** Rows of a sparse design matrix: row i's entries are cols/vals[start[i] .. start[i+1]). */
export interface SparseRows {
  start: Int32Array;
  cols: Int32Array;
  /** The entries' values; null when every entry is 1 (indicators only). */
  vals: Float64Array | null;
  /** Number of columns (the intercept is not one of them). */
  width: number;
}

export interface LogisticFit {
  intercept: number;
  coefficients: Float64Array;
  /** Standard errors from the inverse of the penalized Hessian at the solution. */
  standardErrors: Float64Array;
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  /** The L2 penalty on the coefficients (not the intercept): the fit maximizes loglik − λ/2·Σβ². */
  lambda: number;
  maxIterations?: number;
  /** Stop when no parameter moves by more than this. */
  tolerance?: number;
  /** A weight per row index (default 1): a row standing for several deals, or a deal weighed by its value. */
  weights?: ArrayLike<number>;
  /** Starting values (intercept, then coefficients), e.g. a previous fit's: fewer Newton steps. */
  start?: ArrayLike<number>;
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** In-place Cholesky factorization of a symmetric positive definite matrix (row-major, n×n). */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= a[j * n + k]! ** 2;
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / l;
    }
  }
  return true;
}

/** Solve L·Lᵀ·x = b with the factor from `cholesky`. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/**
 * Fit P(won) = σ(b₀ + Σ βⱼ·xⱼ) on the rows listed in `rows` (indexes into X and y).
 * Parameter 0 is the intercept; parameter j+1 is column j.
 */
export function fitLogistic(x: SparseRows, y: ArrayLike<number>, rows: Int32Array, options: LogisticOptions): LogisticFit {
  const p = x.width + 1;
  const { lambda } = options;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-7;
  const theta = new Float64Array(p);
  const weights = options.weights;
  const weightOf = (row: number) => (weights ? weights[row]! : 1);
  let wins = 0;
  let total = 0;
  for (let r = 0; r < rows.length; r++) {
    wins += weightOf(rows[r]!) * y[rows[r]!]!;
    total += weightOf(rows[r]!);
  }
  const rate = Math.min(Math.max(wins / Math.max(total, 1e-12), 1e-6), 1 - 1e-6);
  theta[0] = Math.log(rate / (1 - rate));
  if (options.start && options.start.length === p) for (let j = 0; j < p; j++) theta[j] = options.start[j]!;

  const vals = x.vals;
  const linear = (row: number, params: Float64Array): number => {
    let eta = params[0]!;
    for (let k = x.start[row]!; k < x.start[row + 1]!; k++) eta += params[x.cols[k]! + 1]! * (vals ? vals[k]! : 1);
    return eta;
  };
  const objective = (params: Float64Array): number => {
    let value = 0;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const eta = linear(row, params);
      const share = y[row]!;
      value -= weightOf(row) * (share * softplus(-eta) + (1 - share) * softplus(eta));
    }
    let penalty = 0;
    for (let j = 1; j < p; j++) penalty += params[j]! ** 2;
    return value - (lambda / 2) * penalty;
  };

  const hessian = new Float64Array(p * p);
  const gradient = new Float64Array(p);
  const accumulate = () => {
    hessian.fill(0);
    gradient.fill(0);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const prob = sigmoid(linear(row, theta));
      const weight = weightOf(row);
      const residual = weight * (y[row]! - prob);
      const w = weight * Math.max(prob * (1 - prob), 1e-12);
      const from = x.start[row]!;
      const to = x.start[row + 1]!;
      gradient[0]! += residual;
      hessian[0]! += w;
      for (let a = from; a < to; a++) {
        const ca = x.cols[a]! + 1;
        const va = vals ? vals[a]! : 1;
        gradient[ca]! += residual * va;
        hessian[ca * p]! += w * va;
        for (let b = from; b <= a; b++) {
          const cb = x.cols[b]! + 1;
          const hi = Math.max(ca, cb);
          const lo = Math.min(ca, cb);
          hessian[hi * p + lo]! += w * va * (vals ? vals[b]! : 1);
        }
      }
    }
    for (let j = 1; j < p; j++) {
      gradient[j]! -= lambda * theta[j]!;
      hessian[j * p + j]! += lambda;
    }
    // Mirror the lower triangle; a tiny ridge on the intercept keeps an empty fit solvable.
    for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) hessian[j * p + i] = hessian[i * p + j]!;
    hessian[0]! += 1e-9;
  };

  let current = objective(theta);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    accumulate();
    if (!cholesky(hessian, p)) break;
    const step = choleskySolve(hessian, p, gradient);
    let scale = 1;
    const next = new Float64Array(p);
    let value = -Infinity;
    for (let halvings = 0; halvings < 30; halvings++) {
      for (let j = 0; j < p; j++) next[j] = theta[j]! + scale * step[j]!;
      value = objective(next);
      if (value >= current - 1e-12) break;
      scale /= 2;
    }
    let moved = 0;
    for (let j = 0; j < p; j++) moved = Math.max(moved, Math.abs(next[j]! - theta[j]!));
    theta.set(next);
    current = value;
    if (moved < tolerance) {
      converged = true;
      break;
    }
  }

  accumulate();
  const standardErrors = new Float64Array(p - 1);
  if (cholesky(hessian, p)) {
    const unit = new Float64Array(p);
    for (let j = 1; j < p; j++) {
      unit.fill(0);
      unit[j] = 1;
      standardErrors[j - 1] = Math.sqrt(Math.max(0, choleskySolve(hessian, p, unit)[j]!));
    }
  } else {
    standardErrors.fill(Infinity);
  }
  return { intercept: theta[0]!, coefficients: theta.slice(1), standardErrors, iterations, converged };
}

/** The distinct rows of a design matrix, and which one each row is (computed once per matrix). */
interface Patterns {
  rows: SparseRows;
  of: Int32Array;
}

const patternCache = new WeakMap<SparseRows, Patterns>();

function patternsOf(x: SparseRows): Patterns {
  const cached = patternCache.get(x);
  if (cached) return cached;
  const n = x.start.length - 1;
  // Rows are keyed by a numeric hash of their entries; a hash hit is checked entry by entry, and a
  // row that only shares the hash simply stays a pattern of its own (still exact).
  const index = new Map<number, number>();
  const start = new Int32Array(n + 1);
  const cols = new Int32Array(x.cols.length);
  const vals = x.vals ? new Float64Array(x.vals.length) : null;
  const of = new Int32Array(n);
  let patterns = 0;
  let at = 0;
  const same = (p: number, from: number, to: number) => {
    if (start[p + 1]! - start[p]! !== to - from) return false;
    for (let k = 0; k < to - from; k++) if (cols[start[p]! + k] !== x.cols[from + k] || (vals && vals[start[p]! + k] !== x.vals![from + k])) return false;
    return true;
  };
  for (let i = 0; i < n; i++) {
    const from = x.start[i]!;
    const to = x.start[i + 1]!;
    let h1 = 0x811c9dc5;
    let h2 = 0x9e3779b9;
    for (let k = from; k < to; k++) {
      const c = x.cols[k]!;
      const v = x.vals ? Math.round(x.vals[k]! * 1e9) : 1;
      h1 = Math.imul(h1 ^ c, 0x01000193) ^ Math.imul(v, 0x85ebca6b);
      h2 = Math.imul(h2 ^ (c + 0x632be5ab), 0xc2b2ae35) + v;
    }
    const key = (h1 >>> 0) * 2 ** 21 + ((h2 >>> 0) & 0x1fffff);
    const p = index.get(key);
    if (p !== undefined && same(p, from, to)) {
      of[i] = p;
      continue;
    }
    if (p === undefined) index.set(key, patterns);
    for (let k = from; k < to; k++) {
      cols[at] = x.cols[k]!;
      if (vals) vals[at] = x.vals![k]!;
      at++;
    }
    start[patterns + 1] = at;
    of[i] = patterns++;
  }
  const result = { rows: { start: start.slice(0, patterns + 1), cols: cols.slice(0, at), vals: vals ? vals.slice(0, at) : null, width: x.width }, of };
  patternCache.set(x, result);
  return result;
}

/**
 * Rows with the same entries fitted as one row standing for all of them: a history of 50,000 deals
 * over a few dozen indicators holds far fewer distinct patterns, so each Newton step costs a pass
 * over the patterns instead of the deals. Gives the same fit as fitting every row.
 */
export function fitCompressed(x: SparseRows, y: ArrayLike<number>, rows: Int32Array, options: LogisticOptions): LogisticFit {
  const { rows: patterns, of } = patternsOf(x);
  const count = patterns.start.length - 1;
  const weight = new Float64Array(count);
  const wins = new Float64Array(count);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const w = options.weights ? options.weights[i]! : 1;
    weight[of[i]!]! += w;
    wins[of[i]!]! += w * y[i]!;
  }
  const used: number[] = [];
  for (let p = 0; p < count; p++) if (weight[p]! > 0) used.push(p);
  const share = Float64Array.from(wins, (won, p) => (weight[p]! > 0 ? won / weight[p]! : 0));
  return fitLogistic(patterns, share, Int32Array.from(used), { ...options, weights: weight });
}

/** The mean log-loss of a fit on the listed rows (weighted like the fit). */
export function logLoss(fit: Pick<LogisticFit, 'intercept' | 'coefficients'>, x: SparseRows, y: ArrayLike<number>, rows: Int32Array, weights?: ArrayLike<number>): number {
  let loss = 0;
  let total = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    let eta = fit.intercept;
    for (let k = x.start[i]!; k < x.start[i + 1]!; k++) eta += fit.coefficients[x.cols[k]!]! * (x.vals ? x.vals[k]! : 1);
    const w = weights ? weights[i]! : 1;
    loss += w * (y[i]! * softplus(-eta) + (1 - y[i]!) * softplus(eta));
    total += w;
  }
  return total > 0 ? loss / total : 0;
}
