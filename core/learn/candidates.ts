/**
 * Segments found in the history become indicators over every account, matched exactly as the
 * worksheet rows that express them will match: each segment is written as a row of a scratch
 * worksheet, read and bound by the core, and matched on the table (a pair is its two rows, both
 * matching, as an `and` row reads). Candidates that match the same deals as a model row, or as a
 * stronger candidate, are that row, and are left out.
 */
import { readModel, safeReadModel } from '../model.ts';
import { bindModel } from '../score.ts';
import type { Cell, DayNumber } from '../values.ts';
import { type BandVector, type HistoryFeatures, readFeatures } from './features.ts';
import { type Considered, type Part, type Sample, type Segment, type SegmentStats, considered, segmentStats } from './screen.ts';
import { fill } from './arrays.ts';
import type { HistoryTable } from './table.ts';

/** A segment with its match over every account. */
export interface Materialized {
  segment: Segment;
  /** 1 where the account matches (a pair: both rows). */
  factor: BandVector;
  /** Where the segment's (first) row read a value: under `missing = skip`, where its criterion counts. */
  read: Uint8Array;
  /** Its 2×2 statistics recomputed from the exact match on the training deals. */
  stats: SegmentStats;
}

export interface MatchContext {
  table: HistoryTable;
  headers: Cell[];
  asOf: (DayNumber | null)[] | undefined;
  bindOptions: { serialDates: boolean; today?: Date };
}

const partKey = (p: Part) => `${p.column}\u0001${p.rule}\u0001${String(p.value)}`;

/** Match every part (single segments and pairs' rows) once, through a scratch worksheet the core reads. */
export function matchParts(ctx: MatchContext, parts: readonly Part[]): Map<string, { factor: BandVector; read: Uint8Array }> {
  const unique = [...new Map(parts.map((p) => [partKey(p), p])).values()];
  if (unique.length === 0) return new Map();
  const header = ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'];
  let kept = unique;
  const grid = () => [header, ...kept.map((p, k) => ['criterion', `c${k}`, p.header, p.rule, p.value, 1])];
  let read = safeReadModel(grid(), { serialDates: ctx.bindOptions.serialDates });
  if (!read.success) {
    // A value the worksheet cannot hold as written is no candidate: leave those rows out.
    const bad = new Set(read.error.issues.map((issue) => issue.row - 2));
    kept = kept.filter((_, k) => !bad.has(k));
    if (kept.length === 0) return new Map();
    read = { success: true, data: readModel(grid(), { serialDates: ctx.bindOptions.serialDates }) };
  }
  const features = readFeatures(bindModel(read.data, ctx.headers, { ...ctx.bindOptions, ignoreOverride: true }), ctx.table, ctx.asOf);
  const out = new Map<string, { factor: BandVector; read: Uint8Array }>();
  kept.forEach((p, k) => out.set(partKey(p), { factor: features.factor[k]!, read: features.read[k]! }));
  return out;
}

/** The 2×2 statistics of an exact match on the training deals. */
export function statsOf(factor: BandVector, sample: Sample): SegmentStats {
  let n = 0;
  let wins = 0;
  let count = 0;
  let won = 0;
  const { rows, won: y, weights } = sample;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    if (!(factor[i]! > 0)) continue;
    const w = y[i] && weights ? weights[i]! : 1;
    n += w;
    wins += y[i]! * w;
    count++;
    won += y[i]!;
  }
  return segmentStats(n, wins, count, won, sample.totals);
}

function both(a: BandVector, b: BandVector): Uint8Array {
  return fill(Uint8Array, a.length, (i) => (a[i]! > 0 && b[i]! > 0 ? 1 : 0));
}

/** Matches of the segments (pairs through both their rows); segments the worksheet could not hold are left out, with why. */
export function materialize(ctx: MatchContext, segments: readonly Segment[], sample: Sample, dropped: Considered[]): Materialized[] {
  const parts = segments.flatMap((s) => s.parts ?? [s as Part]);
  const matched = matchParts(ctx, parts);
  const out: Materialized[] = [];
  for (const segment of segments) {
    const [first, second] = segment.parts ?? [segment, null];
    const a = matched.get(partKey(first));
    const b = second ? matched.get(partKey(second)) : null;
    if (!a || b === undefined) {
      dropped.push(considered(segment, segment.stats, segment.bar, 'its Value cannot be written as a worksheet row'));
      continue;
    }
    const factor = b ? both(a.factor, b.factor) : a.factor;
    out.push({ segment, factor, read: a.read, stats: statsOf(factor, sample) });
  }
  return out;
}

/** Whether two matches agree on every training deal. */
function sameOn(a: BandVector, b: BandVector, rows: Int32Array): boolean {
  for (let r = 0; r < rows.length; r++) if (a[rows[r]!]! > 0 !== b[rows[r]!]! > 0) return false;
  return true;
}

function supportOn(f: BandVector, rows: Int32Array): number {
  let n = 0;
  for (let r = 0; r < rows.length; r++) if (f[rows[r]!]! > 0) n++;
  return n;
}

/**
 * Leave out candidates that match exactly the deals a model row matches (they are that row) or a
 * stronger candidate matches. Returns the candidates kept, and the others with the reason.
 */
export function distinct(candidates: readonly Materialized[], current: HistoryFeatures, sample: Sample): { kept: Materialized[]; dropped: Considered[] } {
  const rows = sample.rows;
  const model = [
    ...current.bands.map((entry, b) => ({ entry, factor: current.factor[b]! as BandVector })),
    ...current.exclusions.map((entry, e) => ({ entry, factor: current.excludedBy[e]! as BandVector })),
  ].map((m) => ({ ...m, support: supportOn(m.factor, rows) }));
  const kept: (Materialized & { support: number })[] = [];
  const dropped: Considered[] = [];
  for (const candidate of candidates) {
    const support = supportOn(candidate.factor, rows);
    const twin = model.find((m) => m.support === support && sameOn(m.factor, candidate.factor, rows));
    if (twin) {
      dropped.push(considered(candidate.segment, candidate.stats, candidate.segment.bar, `matches the same deals as model row ${twin.entry.row} ("${twin.entry.name}")`));
      continue;
    }
    const stronger = kept.find((k) => k.support === support && sameOn(k.factor, candidate.factor, rows));
    if (stronger) {
      dropped.push(considered(candidate.segment, candidate.stats, candidate.segment.bar, `matches the same deals as "${stronger.segment.label}"`));
      continue;
    }
    kept.push({ ...candidate, support });
  }
  return { kept, dropped };
}
