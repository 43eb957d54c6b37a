/**
 * The learning procedure, applied to a set of decided deals D: discovery (screening every column
 * and pair), the choices (penalty, recency weighting, which found rows stay, which pairs add on
 * held-out deals), then the points of the whole tried model and its tier minimums. Everything is
 * chosen on D alone and described in feature terms (rows with their match over every account and
 * their points): validation runs it on the older deals and judges it on the newest; the model
 * written is the same procedure run on every decided deal, and only then written as a worksheet.
 */
import { type Model, type ModelEntry, type Tier } from '../model.ts';
import { headerKey, normalizeText } from '../text.ts';
import { type MatchContext, type Materialized, distinct, materialize } from './candidates.ts';
import { fill } from './arrays.ts';
import type { FeatureRow } from './feature-row.ts';
import { complements, cutCostsRanking } from './complement.ts';
import { whatChanged } from './changes.ts';
import { buildDesign, columnSupport, fitDesign } from './design.ts';
import { type Discovery, discoverSegments } from './discover.ts';
import type { BandVector, HistoryFeatures, Scorable } from './features.ts';
import { scoreAccounts } from './features.ts';
import type { FineClassing } from './fine.ts';
import { type Points, clearlyHarmful, fitPoints } from './points.ts';
import { type Considered, type Part, type Sample, type Segment, considered, sampleOf } from './screen.ts';
import { addsOnHeldOut, chooseHalfLife, chooseLambda, eliminate, innerSplit, recencyWeights } from './selection.ts';
import { EXCLUDE_RATE_SHARE, MAX_FOUND, MIN_FOUND_POINTS, Z95, Z_KEEP, Z_NONE } from './thresholds.ts';
import { type TierRefit, tierMinimums } from './tiers.ts';

export interface ProcedureContext extends MatchContext {
  model: Model;
  current: HistoryFeatures;
  /** 1 won, 0 lost (open deals are never in D). */
  won: Uint8Array;
  /** Value weighting: each won deal's weight (its amount over the mean), or null. */
  valueWeights: Float64Array | null;
  /** The day each deal counts as of for recency (closed, else created); NaN unknown. */
  day: Float64Array;
  /** That day's quarter (year × 4 + quarter − 1); -1 unknown. */
  quarter: Int32Array;
  fine: FineClassing | null;
  minSupport: number;
  /** A fixed penalty; null chooses one by cross-validation. */
  lambda: number | null;
}

export type { FeatureRow };

export interface Tried {
  rows: FeatureRow[];
  criteria: { name: string; bands: number[] }[];
  exclusions: FeatureRow[];
  scorable: Scorable;
  points: Float64Array;
  /** Every account's score under the tried points (NaN none). */
  scores: Float64Array;
  tiers: TierRefit | null;
  /** The tiers with their refitted minimums. */
  tierList: Tier[];
  lambda: number;
  halfLifeDays: number | null;
  converged: boolean;
  unscaled: boolean;
  discovery: Discovery | null;
  /** Segments that passed screening but were not kept, with why. */
  dropped: Considered[];
  trained: number;
  trainedWon: number;
}

/** The Wilson upper 95% bound of a win rate. */
export function wilsonUpper(won: number, n: number): number {
  if (n <= 0) return 1;
  const p = won / n;
  const z2 = Z95 * Z95;
  return (p + z2 / (2 * n) + Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

/**
 * The documented rule for an exclusion: clearly harmful next to the other rows, and the upper 95%
 * bound of its win rate below a share of the overall rate — a quarter for a segment found in the
 * history to become an exclude row, a half for a row to be named a candidate exclusion (a person
 * decides).
 */
export function isExclusion(row: Pick<FeatureRow, 'coefficient' | 'standardError' | 'support' | 'wins'>, overall: number, share = EXCLUDE_RATE_SHARE): boolean {
  return clearlyHarmful(row.coefficient, row.standardError) && wilsonUpper(row.wins, row.support) < share * overall;
}

/** The procedure on the decided deals D, one step at a time (a page can paint between them). */
export function* procedure(ctx: ProcedureContext, D: Int32Array, seed: number): Generator<void, Tried> {
  const sample = sampleOf(D, ctx.won, ctx.valueWeights);
  const discovery = ctx.fine ? discoverSegments(ctx.fine, sample, { minSupport: ctx.minSupport, pairs: true }) : null;
  const dropped: Considered[] = [];
  const offered = discovery?.segments ?? [];
  for (const s of offered.slice(MAX_FOUND)) dropped.push(considered(s, s.stats, s.bar, `not among the ${MAX_FOUND} strongest segments taken into the fit`));
  const materialized = materialize(ctx, withParts(offered.slice(0, MAX_FOUND)), sample, dropped);
  const unique = distinct(materialized, ctx.current, sample);
  dropped.push(...unique.dropped);
  yield;

  // The model's rows and every candidate as its own column: the penalty, the recency weighting and the rows kept are chosen here.
  const candidates = unique.kept;
  const first = ctx.current.factor.length + ctx.current.excludedBy.length;
  const design = buildDesign(ctx.current, ctx.current.bands.map((b) => b.points), candidates.map((c) => c.factor));
  const lambda = ctx.lambda ?? chooseLambda(design, ctx.won, D, ctx.valueWeights, 0x5eed);
  const inner = innerSplit(D, ctx.won, ctx.day, seed);
  const halfLifeDays = chooseHalfLife(design, ctx.won, inner, ctx.day, ctx.valueWeights, lambda, seed);
  const weights = recencyWeights(D, ctx.day, halfLifeDays, ctx.valueWeights, ctx.won.length);
  yield;
  // A number column's classes refine a column that passed the bar: they stay unless they show no effect at all
  // next to the others (the penalty shrinks the weak ones, as a one-hot regression would); other found rows need 99%.
  const keepBar = (column: number) => (candidates[column - first]!.segment.family ? Z_NONE : Z_KEEP);
  const { kept: keptColumns, dropped: weak } = eliminate(design, ctx.won, D, weights, lambda, first, keepBar);
  for (const [column, z] of weak) {
    const c = candidates[column - first]!;
    if (c.segment.key.startsWith('part:')) continue;
    dropped.push(considered(c.segment, c.stats, c.segment.bar, `no clear effect next to the other rows (|z| ${z.toFixed(2)} < ${keepBar(column).toFixed(2)})`));
  }
  const innerWeights = recencyWeights(inner.older, ctx.day, halfLifeDays, ctx.valueWeights, ctx.won.length);
  // Pairs, strongest first, each judged beyond the rows kept, the pairs taken before it, and its two parts.
  const singles = keptColumns.filter((column) => !candidates[column - first]!.segment.parts);
  const pairs = keptColumns.filter((column) => candidates[column - first]!.segment.parts).sort((a, b) => Math.abs(candidates[b - first]!.stats.z) - Math.abs(candidates[a - first]!.stats.z));
  const taken: number[] = [];
  for (const column of pairs) {
    const c = candidates[column - first]!;
    const parts = c.segment.parts!.map((p) => candidates.findIndex((m) => m.segment.key === partSegmentKey(p)) + first).filter((k) => k >= first);
    const columns = [...new Set([...Array.from({ length: first }, (_, k) => k), ...singles, ...taken, ...parts, column])].sort((a, b) => a - b);
    if (addsOnHeldOut(design, ctx.won, inner, innerWeights, lambda, columns, column)) taken.push(column);
    else dropped.push(considered(c.segment, c.stats, c.segment.bar, 'a pair that did not predict held-out deals better than its two parts'));
  }
  const kept = [...singles, ...taken];
  const found = kept.map((column) => candidates[column - first]!).filter((c) => !c.segment.key.startsWith('part:'));
  yield;
  return finish(ctx, D, found, { lambda, halfLifeDays, weights, discovery, dropped, sample });
}

/** The key a pair's part has as a segment of its own. */
function partSegmentKey(p: Part): string {
  return `part:${p.column}:${p.rule}:${String(p.value)}`.toLowerCase();
}

/** The segments, and each pair's two parts as segments of their own (so a pair is judged beyond them). */
function withParts(segments: readonly Segment[]): Segment[] {
  const out = [...segments];
  const parts = new Map<string, Segment>();
  for (const s of segments) {
    for (const p of s.parts ?? []) {
      const key = partSegmentKey(p);
      if (!parts.has(key)) parts.set(key, { ...p, key, stats: s.stats, bar: s.bar });
    }
  }
  return [...out, ...parts.values()];
}

interface Chosen {
  lambda: number;
  halfLifeDays: number | null;
  weights: Float64Array | null;
  discovery: Discovery | null;
  dropped: Considered[];
  sample: Sample;
}

/** The tried model from the rows kept: assembled, fitted, turned into points, exclusions and tier minimums. */
function finish(ctx: ProcedureContext, D: Int32Array, found: Materialized[], chosen: Chosen): Tried {
  const assembled = assemble(ctx, found);
  const { rows, criteria, exclusions } = assembled;
  const scorable = () => toScorable(ctx, rows, criteria, exclusions);
  const provisional = rows.map((r) => r.currentPoints ?? 100 * r.coefficient);
  const all = [...rows, ...exclusions];
  // Rows whose effect changed in the newest deals are split in two columns, before and in the
  // newest deals, each with its own effect (each pulled toward 0 by the penalty): their points follow the newest.
  const drift = whatChanged(all.map((row, j) => ({ row: j, name: row.name, segment: row.name, match: row.factor })), D, ctx.won, ctx.quarter, 'closed', ctx.minSupport);
  const changed = (drift?.rows ?? []).filter((r) => r.changed).map((r) => r.row);
  const window = new Set(drift?.window ?? []);
  const inWindow = (i: number) => window.has(ctx.quarter[i]!);
  const base = scorable();
  const split = new Map(changed.map((j) => [j, all[j]!.factor]));
  const before = (f: BandVector): BandVector =>
    f instanceof Uint8Array ? fill(Uint8Array, f.length, (i) => (inWindow(i) ? 0 : f[i]!)) : fill(Float64Array, f.length, (i) => (inWindow(i) ? 0 : f[i]!));
  const fitted: Scorable = {
    ...base,
    factor: base.factor.map((f, b) => (split.has(b) ? before(f) : f)),
    excludedBy: base.excludedBy.map((e, k) => (split.has(rows.length + k) ? (before(e) as Uint8Array) : e)),
  };
  const recentColumns = changed.map((j) => fill(Uint8Array, all[j]!.factor.length, (i) => (all[j]!.factor[i]! > 0 && inWindow(i) ? 1 : 0)));
  const design = buildDesign(fitted, provisional, recentColumns);
  const fit = fitDesign(design, ctx.won, D, { lambda: chosen.lambda, weights: chosen.weights });
  // Deals each row counted for: its column, plus its newest-deals column when it was split.
  const counted = columnSupport(design, ctx.won, D);
  const support = counted.support.slice(0, all.length);
  const wins = counted.wins.slice(0, all.length);
  changed.forEach((j, k) => {
    support[j]! += counted.support[all.length + k]!;
    wins[j]! += counted.wins[all.length + k]!;
  });
  const n = D.length;
  const trainedWon = chosen.sample.totals.won;
  const overall = n ? trainedWon / n : 0;
  all.forEach((row, j) => {
    row.coefficient = fit.coefficients[j]!;
    row.standardError = fit.standardErrors[j]!;
    row.support = support[j]!;
    row.wins = wins[j]!;
    row.thin = support[j]! < ctx.minSupport || n - support[j]! < ctx.minSupport;
  });
  changed.forEach((j, k) => {
    const row = all[j]!;
    const extra = all.length + k;
    row.recent = { before: row.coefficient, now: fit.coefficients[extra]!, since: drift!.newest };
    row.coefficient = fit.coefficients[extra]!;
    row.standardError = fit.standardErrors[extra]!;
  });
  // A found segment that clearly loses and whose deals hardly ever win is a hard disqualifier.
  for (const row of [...rows]) if (row.origin === 'found' && !row.thin && isExclusion(row, overall)) toExclusion(assembled, row);
  let points = pointsOf(assembled);
  // Found rows too small to matter are left out; the others' points are scaled again (the fit stands).
  for (let round = 0; round < 3; round++) {
    const small = assembled.rows.filter((r, b) => r.origin === 'found' && Math.abs(points.points[b]!) < MIN_FOUND_POINTS);
    if (small.length === 0) break;
    for (const row of small) {
      chosen.dropped.push(considered(row.segment!, row.stats!, row.segment!.bar, `its points round to ${Math.round(points.points[assembled.rows.indexOf(row)]!)}: too small to matter`));
      remove(assembled, row);
    }
    points = pointsOf(assembled);
  }
  const losing = assembled.rows.some((r) => r.origin === 'found' && r.coefficient < 0 && !r.segment?.parts);
  if (losing && cutCostsRanking(toScorable(ctx, assembled.rows, assembled.criteria, assembled.exclusions), points.points, ctx.won, D)) {
    points = writeOtherWayRound(ctx, assembled, chosen.sample) ?? points;
  }
  assembled.rows.forEach((row, b) => (row.points = points.points[b]!));
  const final = toScorable(ctx, assembled.rows, assembled.criteria, assembled.exclusions);
  const pointVector = Float64Array.from(points.points);
  const scores = scoreAccounts(final, pointVector);
  const tiers = tierMinimums(ctx.model.tiers, scores, final.excluded, ctx.won, D);
  const tierList = ctx.model.tiers.map((t, k) => ({ ...t, min: tiers ? tiers.minimums[k]!.to : t.min }));
  return {
    rows: assembled.rows,
    criteria: assembled.criteria,
    exclusions: assembled.exclusions,
    scorable: final,
    points: pointVector,
    scores,
    tiers,
    tierList,
    lambda: chosen.lambda,
    halfLifeDays: chosen.halfLifeDays,
    converged: fit.converged,
    unscaled: points.unscaled,
    discovery: chosen.discovery,
    dropped: chosen.dropped,
    trained: n,
    trainedWon,
  };
}

/** The losing values of found criteria written the other way round (complement.ts); the new points, or null when none could be. */
function writeOtherWayRound(ctx: ProcedureContext, m: Assembled, sample: Sample): Points | null {
  const rewritten = complements(ctx, m.rows, m.criteria, sample);
  if (rewritten.size === 0) return null;
  for (const [criterion, { shift, rows }] of rewritten) {
    const bands = criterion.bands.map((b) => m.rows[b]!);
    for (const row of bands) row.coefficient += shift;
    // The most losing row now stands at 0: the complement says it.
    for (const row of bands) if (Math.abs(row.coefficient) < 1e-12) remove(m, row);
    // A criterion of one term or group is named after what now earns its points.
    if (rows[0]!.segment!.kind !== 'value') {
      const name = `${rows[0]!.field} without ${rows[0]!.complementOf!.map((l) => l.replace(/^.*? (has|=) /, '')).join(', ')}`;
      for (const b of criterion.bands) m.rows[b]!.name = name;
      criterion.name = name;
    }
    // The criterion, or (when its only row was the one now at 0) a new one of the same name: one criterion either way.
    let target = m.criteria.find((c) => c === criterion || c.name === criterion.name);
    if (!target) m.criteria.push((target = { name: criterion.name, bands: [] }));
    for (const row of rows) {
      m.rows.push({ ...row, name: criterion.name });
      target.bands.push(m.rows.length - 1);
    }
  }
  return pointsOf(m);
}

function pointsOf(m: Assembled): Points {
  return fitPoints({
    criteria: m.criteria,
    current: m.rows.map((r) => r.currentPoints),
    coefficients: m.rows.map((r) => r.coefficient),
    standardErrors: m.rows.map((r) => r.standardError),
    thin: m.rows.map((r) => r.thin),
    support: m.rows.map((r) => r.support),
  });
}

interface Assembled {
  rows: FeatureRow[];
  criteria: { name: string; bands: number[] }[];
  exclusions: FeatureRow[];
}

/** Takes a criterion row out of its criterion (dropping a criterion left empty), renumbering the others. */
function remove(m: Assembled, row: FeatureRow): void {
  const at = m.rows.indexOf(row);
  m.rows.splice(at, 1);
  for (const c of m.criteria) c.bands = c.bands.filter((b) => b !== at).map((b) => (b > at ? b - 1 : b));
  m.criteria = m.criteria.filter((c) => c.bands.length > 0);
}

function toExclusion(m: Assembled, row: FeatureRow): void {
  remove(m, row);
  row.kind = 'exclude';
  row.name = row.segment!.label;
  m.exclusions.push(row);
}

/** The scoring view of the rows: factors by criterion, exclusions, and where each criterion read a value. */
function toScorable(ctx: ProcedureContext, rows: readonly FeatureRow[], criteria: Assembled['criteria'], exclusions: readonly FeatureRow[]): Scorable {
  const n = ctx.current.accounts;
  const read = criteria.map((c) => {
    const model = ctx.current.criteria.findIndex((m) => normalizeText(m.name) === normalizeText(c.name));
    const found = c.bands.map((b) => rows[b]!.read).filter((r): r is Uint8Array => r !== null);
    if (found.length === 0 && model >= 0) return ctx.current.read[model]!;
    const any = model >= 0 ? Uint8Array.from(ctx.current.read[model]!) : new Uint8Array(n);
    for (const r of found) for (let i = 0; i < n; i++) any[i] = any[i]! | r[i]!;
    return any;
  });
  const excludedBy = exclusions.map((e) => (e.factor instanceof Uint8Array ? e.factor : fill(Uint8Array, n, (i) => (e.factor[i]! > 0 ? 1 : 0))));
  const excluded = new Uint8Array(n);
  for (const e of excludedBy) for (let i = 0; i < n; i++) excluded[i] = excluded[i]! | e[i]!;
  return { accounts: n, factor: rows.map((r) => r.factor), criteria, read, excludedBy, excluded, skipBlank: ctx.current.skipBlank };
}

const NUMBER_RULES = new Set(['between', 'at least', 'at most']);

function blankRow(): Omit<FeatureRow, 'origin' | 'kind' | 'name' | 'field' | 'rule' | 'value' | 'factor'> {
  return { and: null, entry: null, segment: null, stats: null, read: null, currentPoints: null, coefficient: 0, standardError: Infinity, support: 0, wins: 0, thin: false, points: null, recent: null };
}

/** A row the model has (a criterion's band, or an exclusion) as a row of the tried model. */
function modelRow(kind: FeatureRow['kind'], entry: ModelEntry, factor: BandVector, currentPoints: number | null): FeatureRow {
  return { ...blankRow(), origin: 'model', kind, name: entry.name, field: entry.field, rule: entry.rule ?? '', value: entry.value, entry, factor, currentPoints };
}

/**
 * The tried model in feature terms: the model's rows, a one-row numeric criterion moved to the
 * strongest class found on its column (the column's other classes join it as bands), a value
 * joining the criterion that reads its column with `is any of`, and new criteria for the rest
 * (one per column; a term, a recency band or a pair on its own).
 */
function assemble(ctx: ProcedureContext, found: readonly Materialized[]): Assembled {
  const { current, model } = ctx;
  const rows: FeatureRow[] = current.bands.map((entry, b) => modelRow('criterion', entry, current.factor[b]!, entry.points));
  const criteria = current.criteria.map((c) => ({ name: c.name, bands: [...c.bands] }));
  const exclusions: FeatureRow[] = current.exclusions.map((entry, e) => modelRow('exclude', entry, current.excludedBy[e]!, null));
  const taken = new Set([...model.criteria, ...model.exclusions, ...model.tiers, ...model.personas].map((x) => normalizeText(x.name)));
  const uniqueName = (base: string) => {
    let name = taken.has(normalizeText(base)) ? `${base} (found)` : base;
    for (let k = 2; taken.has(normalizeText(name)); k++) name = `${base} (found ${k})`;
    taken.add(normalizeText(name));
    return name;
  };
  const foundRow = (m: Materialized, name: string): FeatureRow => ({
    ...blankRow(),
    origin: 'found',
    kind: 'criterion',
    name,
    field: m.segment.header,
    rule: m.segment.rule,
    value: m.segment.value,
    and: m.segment.parts?.[1] ?? null,
    segment: m.segment,
    stats: m.stats,
    factor: m.factor,
    read: m.read,
    coefficient: m.stats.logOdds,
  });
  const addTo = (criterion: number, row: FeatureRow) => criteria[criterion]!.bands.push(rows.push(row) - 1);
  const byColumn = new Map<number, number>();
  const moves = movesFor(ctx, found);
  for (const m of found) {
    const move = moves.get(m);
    if (move) {
      const { criterion, band } = move;
      if (band !== null) {
        const row = rows[band]!;
        Object.assign(row, { origin: 'moved', rule: m.segment.rule, value: m.segment.value, segment: m.segment, stats: m.stats, factor: m.factor });
      } else addTo(criterion, foundRow(m, criteria[criterion]!.name));
      continue;
    }
    const join = m.segment.kind === 'value' && !m.segment.parts ? joinable(model, m.segment) : -1;
    if (join >= 0) {
      addTo(join, foundRow(m, criteria[join]!.name));
      continue;
    }
    const own = m.segment.parts || m.segment.kind === 'term' || m.segment.kind === 'recency';
    if (!own && byColumn.has(m.segment.column)) {
      addTo(byColumn.get(m.segment.column)!, foundRow(m, criteria[byColumn.get(m.segment.column)!]!.name));
      continue;
    }
    const name = uniqueName(own ? (m.segment.kind === 'recency' ? `${m.segment.header} recency` : m.segment.label) : m.segment.header);
    criteria.push({ name, bands: [] });
    if (!own) byColumn.set(m.segment.column, criteria.length - 1);
    addTo(criteria.length - 1, foundRow(m, name));
  }
  return { rows, criteria, exclusions };
}

/**
 * Numeric bands found on a column that a one-row criterion of the model reads with `between`,
 * `at least` or `at most` (and positive points): the strongest class overlapping its band moves
 * that row (band: its index), the column's other classes join the criterion (band: null).
 */
function movesFor(ctx: ProcedureContext, found: readonly Materialized[]): Map<Materialized, { criterion: number; band: number | null }> {
  const moves = new Map<Materialized, { criterion: number; band: number | null }>();
  const { current } = ctx;
  const byColumn = new Map<number, Materialized[]>();
  for (const m of found) if (m.segment.kind === 'band' && !m.segment.parts) byColumn.set(m.segment.column, [...(byColumn.get(m.segment.column) ?? []), m]);
  for (const [, bands] of byColumn) {
    const key = headerKey(bands[0]!.segment.header);
    const criterion = current.criteria.findIndex((c) => {
      if (c.bands.length !== 1) return false;
      const entry = current.bands[c.bands[0]!]!;
      return entry.conditions.length === 0 && headerKey(entry.field) === key && NUMBER_RULES.has(entry.rule ?? '') && entry.points > 0;
    });
    if (criterion < 0) continue;
    const band = current.criteria[criterion]!.bands[0]!;
    const overlapping = bands.filter((m) => overlaps(m.factor, current.factor[band]!));
    if (overlapping.length === 0) continue;
    const strongest = overlapping.reduce((a, b) => (b.stats.logOdds > a.stats.logOdds ? b : a));
    if (strongest.stats.logOdds <= 0) continue;
    for (const m of bands) moves.set(m, { criterion, band: m === strongest ? band : null });
  }
  return moves;
}

function overlaps(a: BandVector, b: BandVector): boolean {
  for (let i = 0; i < a.length; i++) if (a[i]! > 0 && b[i]! > 0) return true;
  return false;
}

/**
 * A value of a column that a criterion of the model reads only with `is any of` (and does not
 * list) joins that criterion as one more band: a cell holds one value, so the bands exclude each
 * other and the criterion's possible points stay what an account can earn. -1 when none does.
 */
function joinable(model: Model, segment: Segment): number {
  const key = headerKey(segment.header);
  const value = normalizeText(String(segment.value));
  return model.criteria.findIndex(
    (c) =>
      c.bands.length > 0 &&
      c.bands.every((b) => b.conditions.length === 0 && headerKey(b.field) === key && b.rule === 'is any of' && b.operand.kind === 'terms' && !b.operand.terms.some((t) => normalizeText(t) === value)),
  );
}
