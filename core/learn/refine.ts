/**
 * The tried model: the current worksheet with its points refitted, segments found in the history
 * added as ordinary rows (criterion bands, `exclude` rows) and a numeric band moved where the
 * data says so, and the tier minimums refitted. Everything here is chosen on the training
 * accounts it is given; validation (validate.ts) judges it on accounts it never saw.
 */
import { type Model, findModelHeader, readModel, safeReadModel } from '../model.ts';
import { bindModel } from '../score.ts';
import { headerKey, normalizeText } from '../text.ts';
import { type Cell, type DayNumber, readText } from '../values.ts';
import { type Discovery, type FineClassing, type ScreenedSegment, discoverSegments } from './discover.ts';
import { type HistoryFeatures, currentPoints, designMatrix, readFeatures, scoreAccounts } from './features.ts';
import { type SparseRows, fitCompressed, logLoss } from './logistic.ts';
import { type SuggestedRow, suggestPoints } from './suggest.ts';
import { seededRandom, shuffle } from './stats.ts';
import { TARGET_ACCOUNTS, TARGET_WINS } from './tiers.ts';

/** A found segment stays only when its effect, next to every other row, clears this z (p < 0.01 two-sided). */
const Z_KEEP = 2.576;
/** A clearly losing segment whose win rate is at most this share of the overall rate becomes an exclude row. */
const EXCLUDE_LIFT = 0.5;
/** Found segments taken into the joint fit at most (the strongest first). */
const MAX_FOUND = 24;
/** The penalties cross-validation chooses from, and its folds. */
export const LAMBDAS = [0.3, 3, 30, 300] as const;
const INNER_FOLDS = 3;
/** Training accounts the penalty is chosen on at most. */
const LAMBDA_SAMPLE = 8_000;

export interface RefineContext {
  modelGrid: Cell[][];
  model: Model;
  headers: Cell[];
  rows: Cell[][];
  asOf: (DayNumber | null)[] | undefined;
  bindOptions: { serialDates: boolean; today?: Date };
  current: HistoryFeatures;
  currentX: SparseRows;
  won: Uint8Array;
  weights: Float64Array | null;
  fine: FineClassing | null;
  minSupport: number;
  /** A fixed penalty; null chooses one by cross-validation on the training accounts. */
  lambda: number | null;
  seed: number;
}

export interface TierRefit {
  /** The top tier's name, its minimum before and after. */
  tier: string;
  from: number;
  to: number;
  /** On the training accounts, under the tried points: the share of accounts at or above the new minimum, and of wins. */
  shareOfAccounts: number;
  shareOfWins: number | null;
  /** The best 15–35% of accounts hold ≥ 60% of wins. */
  reached: boolean;
  sentence: string;
  /** Every tier's minimum after the refit, highest first. */
  minimums: { tier: string; from: number; to: number }[];
}

export interface Candidate {
  grid: Cell[][];
  model: Model;
  features: HistoryFeatures;
  /** Every account's score under the tried worksheet (NaN none). */
  scores: Float64Array;
  rows: SuggestedRow[];
  tiers: TierRefit | null;
  lambda: number;
  discovery: Discovery | null;
  converged: boolean;
  /** Training accounts and wins. */
  trained: number;
  trainedWon: number;
}

/** The current design matrix with the found segments' indicators appended as columns. */
function withSegments(base: SparseRows, segments: readonly ScreenedSegment[]): SparseRows {
  if (segments.length === 0) return base;
  const n = base.start.length - 1;
  let extra = 0;
  for (const s of segments) for (let i = 0; i < n; i++) extra += s.match[i]!;
  const start = new Int32Array(n + 1);
  const cols = new Int32Array(base.cols.length + extra);
  const vals = new Float64Array(base.cols.length + extra);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (let k = base.start[i]!; k < base.start[i + 1]!; k++) {
      cols[at] = base.cols[k]!;
      vals[at++] = base.vals[k]!;
    }
    for (let j = 0; j < segments.length; j++) {
      if (segments[j]!.match[i]) {
        cols[at] = base.width + j;
        vals[at++] = 1;
      }
    }
    start[i + 1] = at;
  }
  return { start, cols, vals, width: base.width + segments.length };
}

/** The L2 penalty with the lowest cross-validated log-loss on the training accounts. */
export function chooseLambda(x: SparseRows, won: Uint8Array, train: Int32Array, weights: Float64Array | null, seed: number): number {
  // A sample of the training accounts is enough to choose a penalty (and keeps 50,000 deals fast).
  const order = shuffle(Array.from(train), seededRandom(seed)).slice(0, LAMBDA_SAMPLE);
  const foldOf = new Int32Array(order.length);
  order.forEach((_, k) => (foldOf[k] = k % INNER_FOLDS));
  let best: number = LAMBDAS[0];
  let bestLoss = Infinity;
  const folds = Array.from({ length: INNER_FOLDS }, (_, f) => ({
    fit: Int32Array.from(order.filter((_, k) => foldOf[k] !== f)),
    held: Int32Array.from(order.filter((_, k) => foldOf[k] === f)),
    start: undefined as number[] | undefined,
  }));
  for (const lambda of LAMBDAS) {
    let loss = 0;
    for (const fold of folds) {
      // Each fold starts from its fit at the previous penalty: a few Newton steps instead of a full fit.
      const model = fitCompressed(x, won, fold.fit, { lambda, ...(weights ? { weights } : {}), ...(fold.start ? { start: fold.start } : {}) });
      fold.start = [model.intercept, ...model.coefficients];
      loss += logLoss(model, x, won, fold.held, weights ?? undefined);
    }
    if (loss < bestLoss - 1e-12) {
      bestLoss = loss;
      best = lambda;
    }
  }
  return best;
}

/** Found segments that keep a clear effect next to the model's rows and each other (backward elimination). */
function selectSegments(ctx: RefineContext, train: Int32Array, found: ScreenedSegment[], lambda: number) {
  let kept = [...found];
  let start: number[] | undefined;
  for (;;) {
    const x = withSegments(ctx.currentX, kept);
    const fit = fitCompressed(x, ctx.won, train, { lambda, ...(ctx.weights ? { weights: ctx.weights } : {}), ...(start ? { start } : {}) });
    if (kept.length === 0) return { kept, fit };
    let weakest = -1;
    let weakestZ = Infinity;
    kept.forEach((_, j) => {
      const c = ctx.currentX.width + j;
      const se = fit.standardErrors[c]!;
      const z = se > 0 && Number.isFinite(se) ? Math.abs(fit.coefficients[c]!) / se : 0;
      if (z < weakestZ) {
        weakestZ = z;
        weakest = j;
      }
    });
    if (weakestZ >= Z_KEEP) return { kept, fit };
    // Segments with no effect at all (|z| < 1) go together; then the weakest one at a time, since two
    // segments that say the same thing share their effect and each looks weaker than it is.
    const zOf = (j: number) => {
      const c = ctx.currentX.width + j;
      const se = fit.standardErrors[c]!;
      return se > 0 && Number.isFinite(se) ? Math.abs(fit.coefficients[c]!) / se : 0;
    };
    const drop = new Set(kept.map((_, j) => j).filter((j) => zOf(j) < 1));
    if (drop.size === 0) drop.add(weakest);
    kept = kept.filter((_, j) => !drop.has(j));
    // The next fit starts where this one ended, without the dropped columns.
    start = [fit.intercept, ...fit.coefficients].filter((_, j) => !drop.has(j - 1 - ctx.currentX.width));
  }
}

const NUMBER_RULES = new Set(['between', 'at least', 'at most']);

function overlaps(a: Uint8Array, rows: Int32Array, factorOf: (i: number) => number): boolean {
  for (let r = 0; r < rows.length; r++) if (a[rows[r]!] && factorOf(rows[r]!) > 0) return true;
  return false;
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function evidence(s: ScreenedSegment, overall: number, effect: number, se: number): string {
  return `${s.accounts} decided deals, won ${percent(s.winRate)} against ${percent(overall)} overall (lift ${s.lift.toFixed(2)}); effect ${effect >= 0 ? '+' : ''}${effect.toFixed(2)} ± ${se.toFixed(2)} log-odds next to the other rows`;
}

/** Build the tried model from the training accounts. */
export function buildCandidate(ctx: RefineContext, train: Int32Array): Candidate {
  const steps = candidateSteps(ctx, train);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** The same, one step at a time: it yields between discovery, the penalty, selection and the points, so a page can paint. */
export function* candidateSteps(ctx: RefineContext, train: Int32Array): Generator<void, Candidate> {
  const { won, weights, minSupport } = ctx;
  let trainedWon = 0;
  for (let r = 0; r < train.length; r++) trainedWon += won[train[r]!]!;
  const overall = train.length ? trainedWon / train.length : 0;
  const discovery = ctx.fine ? discoverSegments(ctx.fine, train, won, minSupport, weights) : null;
  // A found segment that matches exactly the accounts a model row matches is that row: it adds nothing.
  const existing = [...ctx.current.bands.map((_, b) => (i: number) => ctx.current.factor[i * ctx.current.bands.length + b]! > 0),
    ...ctx.current.exclusions.map((_, e) => (i: number) => ctx.current.excludedBy[i * ctx.current.exclusions.length + e] === 1)];
  const same = (match: Uint8Array, test: (i: number) => boolean) => {
    for (let r = 0; r < train.length; r++) if ((match[train[r]!] === 1) !== test(train[r]!)) return false;
    return true;
  };
  const screened = (discovery?.segments ?? []).filter((s) => !existing.some((test) => same(s.match, test))).slice(0, MAX_FOUND);
  // The inner folds use a fixed seed: the penalty should not move with the seed of the validation folds.
  yield;
  const lambda = ctx.lambda ?? chooseLambda(withSegments(ctx.currentX, screened), won, train, weights, 0x5eed);
  yield;
  const { kept, fit } = selectSegments(ctx, train, screened, lambda);
  yield;

  // Grid surgery: the current worksheet, moved bands, found rows after the last criterion / exclude row (and its `and` rows).
  const grid = ctx.modelGrid.map((row) => [...row]);
  const { headerIndex, columns } = findModelHeader(grid);
  let noteColumn = columns.get('Note');
  if (noteColumn === undefined) {
    noteColumn = Math.max(...grid.map((r) => r.length), 0);
    grid[headerIndex]![noteColumn] = 'Note';
  }
  const col = (name: 'Kind' | 'Name' | 'Field' | 'Rule' | 'Value' | 'Points' | 'Dimension') => columns.get(name);
  const moved = new Map<number, { value: Cell; was: string; segment: ScreenedSegment }>();
  const added: { cells: Cell[]; segment: ScreenedSegment; exclude: boolean }[] = [];
  const taken = new Set(ctx.model.criteria.map((c) => normalizeText(c.name)));
  const criterionFor = new Map<number, string>();
  // A value of a column that a criterion of the model reads only with `is any of` (and does not list)
  // joins that criterion as one more band: a cell holds one value, so the bands exclude each other.
  const joinable = (segment: ScreenedSegment): string | null => {
    const key = headerKey(segment.header);
    const value = normalizeText(String(segment.value));
    const criterion = ctx.model.criteria.find(
      (c) =>
        c.bands.length > 0 &&
        c.bands.every((b) => b.conditions.length === 0 && headerKey(b.field) === key && b.rule === 'is any of' && b.operand.kind === 'terms' && !b.operand.terms.some((t) => normalizeText(t) === value)),
    );
    return criterion ? criterion.name : null;
  };
  kept.forEach((segment, j) => {
    const c = ctx.currentX.width + j;
    const beta = fit.coefficients[c]!;
    const se = fit.standardErrors[c]!;
    if (segment.kind === 'band') {
      // A criterion of one numeric row on the same column whose band overlaps: move it.
      const key = headerKey(segment.header);
      const target = ctx.current.criteria.find((crit) => {
        if (crit.bands.length !== 1) return false;
        const entry = ctx.current.bands[crit.bands[0]!]!;
        return entry.conditions.length === 0 && headerKey(entry.field) === key && NUMBER_RULES.has(entry.rule ?? '') && entry.points > 0 && beta > 0;
      });
      if (target) {
        const b = target.bands[0]!;
        const entry = ctx.current.bands[b]!;
        const B = ctx.current.bands.length;
        if (!moved.has(entry.row) && overlaps(segment.match, train, (i) => ctx.current.factor[i * B + b]!)) {
          moved.set(entry.row, { value: segment.value, was: String(readText(entry.value) ?? ''), segment });
          return;
        }
      }
    }
    const exclude = beta + Z_KEEP * se < 0 && segment.winRate <= EXCLUDE_LIFT * overall;
    const cells: Cell[] = [];
    let name: string;
    if (exclude) name = segment.label;
    else if (segment.kind === 'term') name = segment.label;
    else if (segment.kind === 'value' && joinable(segment)) name = joinable(segment)!;
    else {
      if (!criterionFor.has(segment.column)) {
        let base = segment.kind === 'recency' ? `${segment.header} recency` : segment.header;
        if (taken.has(normalizeText(base))) base = `${base} (found)`;
        taken.add(normalizeText(base));
        criterionFor.set(segment.column, base);
      }
      name = criterionFor.get(segment.column)!;
    }
    const set = (column: number | undefined, value: Cell) => {
      if (column !== undefined) cells[column] = value;
    };
    set(col('Kind'), exclude ? 'exclude' : 'criterion');
    set(col('Name'), name);
    set(col('Field'), segment.header);
    set(col('Rule'), segment.rule);
    set(col('Value'), segment.value);
    set(col('Points'), exclude ? '' : 1);
    set(col('Dimension'), 'Found in history');
    set(noteColumn, `Found in history: ${evidence(segment, overall, beta, se)}.`);
    for (let k = 0; k < cells.length; k++) cells[k] ??= '';
    added.push({ cells, segment, exclude });
  });
  for (const [row, move] of moved) grid[row - 1]![col('Value')!] = move.value;
  const lastRule = grid.reduce((last, row, k) => {
    const kind = normalizeText(String(readText(row[col('Kind')!]) ?? ''));
    return k > headerIndex && (kind === 'criterion' || kind === 'exclude' || kind === 'and') ? k : last;
  }, headerIndex);
  grid.splice(lastRule + 1, 0, ...added.map((a) => a.cells));
  const foundAt = new Map<number, { segment: ScreenedSegment; exclude: boolean }>();
  added.forEach((a, k) => foundAt.set(lastRule + 2 + k, a));

  // Fit the points of the whole tried worksheet as it will be scored. Should the found rows make
  // the worksheet invalid (a name a tier already uses, say), they are left out rather than fail.
  const readOptions = { serialDates: ctx.bindOptions.serialDates };
  const first = safeReadModel(grid, readOptions);
  let tried: Model;
  if (first.success) tried = first.data;
  else {
    if (added.length === 0 && moved.size === 0) throw first.error;
    grid.splice(lastRule + 1, added.length);
    for (const [row, move] of moved) grid[row - 1]![col('Value')!] = ctx.modelGrid[row - 1]![col('Value')!] ?? move.was;
    foundAt.clear();
    moved.clear();
    tried = readModel(grid, readOptions);
  }
  const triedFeatures = readFeatures(bindModel(tried, ctx.headers, { ...ctx.bindOptions, ignoreOverride: true }), ctx.rows, ctx.asOf);
  yield;
  const x = designMatrix(triedFeatures, currentPoints(triedFeatures));
  const suggestion = suggestPoints(triedFeatures, x, won, train, { lambda, minSupport, weights, freeRows: new Set(foundAt.keys()) });
  const pointsColumn = col('Points')!;
  const drop = new Set<number>();
  triedFeatures.bands.forEach((entry, b) => {
    const points = suggestion.usable ? suggestion.points[b]! : entry.points;
    grid[entry.row - 1]![pointsColumn] = points;
    if (foundAt.has(entry.row) && points === 0) drop.add(entry.row);
  });
  // Rows that earned nothing are left out: a found row with 0 points would only be noise on the sheet.
  const keptRows = grid.map((_, k) => k + 1).filter((row) => !drop.has(row));
  const newRowOf = new Map(keptRows.map((row, k) => [row, k + 1]));
  const finalGrid = keptRows.map((row) => grid[row - 1]!);
  const finalModel = readModel(finalGrid, readOptions);
  // Without dropped rows the final worksheet matches exactly what the tried one matched: only points and tier minimums differ.
  const features =
    drop.size === 0
      ? { ...triedFeatures, model: finalModel, bands: finalModel.criteria.flatMap((c) => c.bands) }
      : readFeatures(bindModel(finalModel, ctx.headers, { ...ctx.bindOptions, ignoreOverride: true }), ctx.rows, ctx.asOf);
  const scores = scoreAccounts(features, currentPoints(features));
  const tiers = refitTiers(finalModel, finalGrid, scores, features.excluded, won, train, col('Value')!);

  const rows: SuggestedRow[] = [];
  for (const r of suggestion.rows) {
    if (drop.has(r.row)) continue;
    const found = foundAt.get(r.row);
    const move = moved.get(r.row);
    const row: SuggestedRow = { ...r, row: newRowOf.get(r.row)! };
    if (found) {
      row.origin = 'found';
      row.currentPoints = null;
      row.change = null;
      row.status = found.exclude ? 'new exclusion' : 'new';
      const s = found.segment;
      row.accounts = s.accounts;
      row.won = s.won;
      row.winRate = s.winRate;
      row.lift = s.lift;
      row.note = found.exclude
        ? `Found in history, a clearly losing segment: ${evidence(s, overall, r.coefficient, r.standardError ?? NaN)}. Suggested as an exclude row.`
        : `Found in history: ${evidence(s, overall, r.coefficient, r.standardError ?? NaN)}.`;
    } else if (move) {
      row.origin = 'moved';
      row.previousValue = move.was;
      row.value = String(move.value);
      row.status = 'moved';
      row.note = `Band moved from ${move.was} to ${String(move.value)}: in the history the band ${String(move.value)} ${evidenceShort(move.segment, overall)}. ${r.note}`;
    }
    rows.push(row);
  }
  return {
    grid: finalGrid,
    model: finalModel,
    features,
    scores,
    rows,
    tiers,
    lambda,
    discovery,
    converged: suggestion.converged,
    trained: train.length,
    trainedWon,
  };
}

function evidenceShort(s: ScreenedSegment, overall: number): string {
  return `held ${s.accounts} decided deals that won ${percent(s.winRate)} against ${percent(overall)} overall`;
}

/**
 * Refit the tier minimums on the training accounts: the top tier's minimum is the highest whole
 * score that puts 15–35% of accounts in it with at least 60% of the wins (else the one in that band
 * that captures the most wins); lower tiers keep their
 * proportion to it. Writes the minimums into `grid` (the Value cells of the tier rows).
 */
export function refitTiers(
  model: Model,
  grid: Cell[][],
  scores: Float64Array,
  excluded: Uint8Array,
  won: Uint8Array,
  train: Int32Array,
  valueColumn: number,
): TierRefit | null {
  const tiers = model.tiers;
  if (tiers.length === 0 || train.length === 0) return null;
  let wins = 0;
  const atLeast = new Float64Array(102);
  const winsAtLeast = new Float64Array(102);
  for (let r = 0; r < train.length; r++) {
    const i = train[r]!;
    wins += won[i]!;
    const s = excluded[i] || Number.isNaN(scores[i]!) ? -1 : scores[i]!;
    if (s < 0) continue;
    // Accounts scoring at least t, for every whole t ≤ s (scores are rounded to one decimal).
    const top = Math.floor(s);
    atLeast[top]!++;
    winsAtLeast[top]! += won[i]!;
  }
  for (let t = 100; t >= 0; t--) {
    atLeast[t]! += atLeast[t + 1]!;
    winsAtLeast[t]! += winsAtLeast[t + 1]!;
  }
  const n = train.length;
  const top = tiers[0]!;
  // Within 15–35% of accounts: the highest minimum (the most concentrated top tier) that holds ≥ 60% of the
  // wins; when none does, the one that captures the most wins.
  let best = -1;
  let most = -1;
  for (let t = 1; t <= 100; t++) {
    const share = atLeast[t]! / n;
    if (share < TARGET_ACCOUNTS[0] - 1e-9 || share > TARGET_ACCOUNTS[1] + 1e-9) continue;
    if (wins && winsAtLeast[t]! / wins >= TARGET_WINS - 1e-9) best = t;
    if (most < 0 || winsAtLeast[t]! > winsAtLeast[most]!) most = t;
  }
  if (best < 0) best = most;
  const feasible = best > 0;
  if (!feasible) {
    // No whole minimum lands in 15–35% (scores bunch up): the one closest to the band (the highest of equals).
    let closest = Infinity;
    for (let t = 1; t <= 100; t++) {
      const share = atLeast[t]! / n;
      const off = share < TARGET_ACCOUNTS[0] ? TARGET_ACCOUNTS[0] - share : share > TARGET_ACCOUNTS[1] ? share - TARGET_ACCOUNTS[1] : 0;
      if (off <= closest + 1e-12) {
        closest = Math.min(closest, off);
        best = t;
      }
    }
  }
  const shareOfAccounts = atLeast[best]! / n;
  const shareOfWins = wins ? winsAtLeast[best]! / wins : null;
  const reached = feasible && shareOfWins !== null && shareOfWins >= TARGET_WINS - 1e-9;
  // Lower tiers keep their proportion to the top minimum, each below the one above.
  const minimums: TierRefit['minimums'] = [{ tier: top.name, from: top.min, to: best }];
  let above = best;
  for (const tier of tiers.slice(1)) {
    let to = tier.min === 0 ? 0 : Math.round((tier.min * best) / Math.max(top.min, 1e-9));
    to = Math.min(to, above - 1);
    if (to < 0) return null;
    minimums.push({ tier: tier.name, from: tier.min, to });
    above = to;
  }
  if (minimums.filter((m) => m.to === 0).length > 1) return null;
  for (const [k, tier] of tiers.entries()) grid[tier.row - 1]![valueColumn] = minimums[k]!.to;
  const p = (v: number | null) => (v === null ? '–' : percent(v));
  const sentence = reached
    ? `${top.name} from ${best}: it holds ${p(shareOfAccounts)} of the training deals and ${p(shareOfWins)} of their wins, which meets the bar (the best 15–35% hold at least 60% of wins).`
    : feasible
      ? `${top.name} from ${best}: it holds ${p(shareOfAccounts)} of the training deals and ${p(shareOfWins)} of their wins; no minimum reaches the bar of 60% of wins in 15–35% of deals with these points.`
      : `No whole minimum puts 15–35% of the training deals in ${top.name} (the scores bunch up); ${best} comes closest with ${p(shareOfAccounts)} of deals and ${p(shareOfWins)} of wins, so the bar cannot be reached.`;
  return { tier: top.name, from: top.min, to: best, shareOfAccounts, shareOfWins, reached, sentence, minimums };
}

/** Weights for value weighting: a won deal weighs its amount over the mean won amount (1 when blank); a lost deal 1. */
export function valueWeights(won: Uint8Array, amount: Float64Array, rows: Int32Array): Float64Array {
  let sum = 0;
  let count = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    if (won[i] && Number.isFinite(amount[i]!) && amount[i]! > 0) {
      sum += amount[i]!;
      count++;
    }
  }
  const mean = count ? sum / count : 1;
  return Float64Array.from(won, (w, i) => (w && Number.isFinite(amount[i]!) && amount[i]! > 0 ? amount[i]! / mean : 1));
}

