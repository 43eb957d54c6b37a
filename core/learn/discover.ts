/**
 * Discovery on the training deals: every group of the fine classing screened against its
 * column's share of the noise bar (screen.ts), a number column's coarse classes (its staircase
 * of bands) when the column passes, a date column's best recency band, and pairs of groups
 * (pairs.ts). Returns the segments that passed, and every one looked at but not kept, with why.
 */
import type { ColumnProfile, FineClassing, FineColumn } from './fine.ts';
import { type PairScreening, pairParts, screenPairs } from './pairs.ts';
import {
  type Considered,
  type Part,
  type Sample,
  type Segment,
  type SegmentStats,
  bandPart,
  bestBand,
  binStats,
  considered,
  coarseClasses,
  groupPart,
  matters,
  segmentStats,
  tallyBins,
  tallyGroups,
  trendZ,
  zFor,
} from './screen.ts';
import { SCREEN_ALPHA, SINGLE_ALPHA_SHARE } from './thresholds.ts';

export interface Discovery {
  profiles: ColumnProfile[];
  /** Segments looked at (values, terms, bands, trends, blanks) and pairs looked at. */
  looked: number;
  pairLooked: number;
  /** The lowest and highest |z| a single segment had to clear (the bar rises with what its column offered), and the pairs' bar. */
  bar: number;
  barHigh: number;
  pairBar: number;
  /** Segments that passed (singles and pairs), strongest first. */
  segments: Segment[];
  /** Pairs that passed, with their interaction statistics. */
  pairs: PairScreening['passed'];
  /** Looked at but not passed, strongest first (at most CONSIDERED_SHOWN). */
  considered: Considered[];
}

/** Considered segments kept for the report, the strongest first. */
const CONSIDERED_SHOWN = 60;

const fixed = (v: number) => v.toFixed(2);

/** What one column offers the screening: its looks, each with the share of the column's α it gets. */
interface ColumnLooks {
  column: FineColumn;
  /** Groups with enough deals on each side. */
  groups: number[];
  numeric: boolean;
}

function testable(column: FineColumn, sample: Sample, minSupport: number): { looks: ColumnLooks; tally: ReturnType<typeof tallyGroups> } {
  const tally = tallyGroups(column, sample);
  const { count } = sample.totals;
  const groups = column.groups.map((_, g) => g).filter((g) => tally.count[g]! >= minSupport && count - tally.count[g]! >= minSupport);
  return { looks: { column, groups, numeric: column.numeric !== null }, tally };
}

/** Screen one column's groups, each against its share of the column's α. */
function screenGroups(looks: ColumnLooks, tally: ReturnType<typeof tallyGroups>, sample: Sample, alpha: number, out: Segment[], notKept: Considered[]): number {
  const { column } = looks;
  // yes and no of a column with no blank are one split seen from both sides: one look, the winning side.
  const complementary = column.profile.type === 'yes/no' && !column.groups.some((g) => g.kind === 'blank');
  let groups = looks.groups;
  if (complementary && groups.length === 2) {
    const rate = (g: number) => tally.wins[g]! / Math.max(tally.n[g]!, 1e-12);
    groups = [rate(groups[0]!) >= rate(groups[1]!) ? groups[0]! : groups[1]!];
  }
  const bar = zFor(alpha / Math.max(1, groups.length));
  for (const g of groups) {
    const part = groupPart(column, column.groups[g]!);
    const stats = segmentStats(tally.n[g]!, tally.wins[g]!, tally.count[g]!, tally.won[g]!, sample.totals);
    judge({ ...part, key: `${column.profile.column}:${part.kind}:${String(part.value).toLowerCase()}`, stats, bar }, out, notKept);
  }
  return groups.length;
}

function judge(segment: Segment, out: Segment[], notKept: Considered[]): void {
  const { stats, bar } = segment;
  if (Math.abs(stats.z) < bar) notKept.push(considered(segment, stats, bar, `below the noise bar: |z| ${fixed(Math.abs(stats.z))} < ${fixed(bar)}`));
  else if (!matters(stats)) notKept.push(considered(segment, stats, bar, `too small an effect to matter: ${fixed(stats.effect)} log-odds (smoothed) against the ${fixed(0.2)} a row needs`));
  else out.push(segment);
}

/**
 * A number column: a trend test and a band search, each with half of the column's α (a third
 * each with its blank group). When either passes, the column's coarse classes become its
 * segments: every class but the one that wins least, which the others are measured against.
 * A date column offers its best recency band ("within N days").
 */
function screenNumeric(column: FineColumn, sample: Sample, alpha: number, minSupport: number, out: Segment[], notKept: Considered[]): number {
  const bins = tallyBins(column, sample);
  const { recency } = column.numeric!;
  const band = bestBand(column, bins, sample.totals, minSupport);
  if (!band) return 0;
  const looks = band.looked + (recency ? 0 : 1);
  const families = recency ? 1 : 2;
  const bandBar = zFor(alpha / families / Math.max(1, band.looked));
  const trendBar = zFor(alpha / families);
  const best = bandPart(column, band.i, band.j);
  const bandStats = binStats(bins, band.i, band.j, sample.totals);
  const key = (i: number, j: number) => `${column.profile.column}:bins:${i}-${j}`;
  if (recency) {
    judge({ ...best, key: key(band.i, band.j), stats: bandStats, bar: bandBar }, out, notKept);
    return looks;
  }
  const trend = trendZ(bins);
  const passed = Math.sqrt(Math.max(0, band.g)) >= bandBar || Math.abs(trend) >= trendBar;
  if (!passed) {
    notKept.push(considered(best, bandStats, bandBar, `below the noise bar: |z| ${fixed(Math.sqrt(Math.max(0, band.g)))} < ${fixed(bandBar)} for its best band, trend |z| ${fixed(Math.abs(trend))} < ${fixed(trendBar)}`));
    return looks;
  }
  const classes = coarseClasses(column, bins, minSupport);
  if (classes.length < 2) {
    judge({ ...best, key: key(band.i, band.j), stats: bandStats, bar: bandBar }, out, notKept);
    return looks;
  }
  // The class that wins least is the reference (no row, no points); each other class is a band measured against it.
  const rate = ([i, j]: [number, number]) => binStats(bins, i, j, sample.totals).winRate;
  const reference = classes.reduce((low, c) => (rate(c) < rate(low) ? c : low));
  const refStats = binStats(bins, reference[0], reference[1], sample.totals);
  const family = `${column.profile.column}:classes`;
  for (const c of classes) {
    if (c === reference) continue;
    const part = bandPart(column, c[0], c[1]);
    const stats = binStats(bins, c[0], c[1], sample.totals);
    // Against the reference class: the smoothed effect must matter.
    const segment: Segment = { ...part, key: key(c[0], c[1]), stats, bar: Math.min(bandBar, trendBar), family };
    if (Math.abs(logitOf(stats.winRate, stats.accounts) - logitOf(refStats.winRate, refStats.accounts)) < 0.2) {
      notKept.push(considered(segment, stats, segment.bar, `its win rate is too close to ${part.header}'s lowest class (${bandPart(column, reference[0], reference[1]).label}) to matter`));
      continue;
    }
    out.push(segment);
  }
  return looks;
}

/** Log odds of a win rate over `count` deals, with ½ a deal added to each side. */
function logitOf(rate: number, count: number): number {
  const won = rate * count;
  return Math.log((won + 0.5) / (count - won + 0.5));
}

export interface DiscoverOptions {
  minSupport: number;
  /** Search pairs of groups (needs the `and` row to write them). */
  pairs: boolean;
}

/** The segments of the fine classing that pass screening on the sample (training deals). */
export function discoverSegments(fine: FineClassing, sample: Sample, options: DiscoverOptions): Discovery {
  const { minSupport } = options;
  const singleAlpha = SCREEN_ALPHA * (options.pairs ? SINGLE_ALPHA_SHARE : 1);
  const columns = fine.columns.map((column) => testable(column, sample, minSupport));
  const active = columns.filter(({ looks }) => looks.groups.length > 0 || looks.numeric);
  const perColumn = singleAlpha / Math.max(1, active.length);
  const singles: Segment[] = [];
  const notKept: Considered[] = [];
  let looked = 0;
  let bar = Infinity;
  let barHigh = 0;
  for (const { looks, tally } of active) {
    // A number or date column: its groups (blank) take one family, its bins the others.
    const families = (looks.numeric ? (looks.column.numeric!.recency ? 1 : 2) : 0) + (looks.groups.length > 0 ? 1 : 0);
    const share = perColumn / Math.max(1, families);
    const [keptBefore, notBefore] = [singles.length, notKept.length];
    if (looks.groups.length) looked += screenGroups(looks, tally, sample, looks.numeric ? share : perColumn, singles, notKept);
    if (looks.numeric) looked += screenNumeric(looks.column, sample, share * (looks.column.numeric!.recency ? 1 : 2), minSupport, singles, notKept);
    for (const b of [...singles.slice(keptBefore).map((s) => s.bar), ...notKept.slice(notBefore).map((c) => c.bar)]) {
      bar = Math.min(bar, b);
      barHigh = Math.max(barHigh, b);
    }
  }
  const pairScreening = options.pairs
    ? screenPairs(fine, pairParts(fine, sample, singles, minSupport), sample, SCREEN_ALPHA * (1 - SINGLE_ALPHA_SHARE), minSupport)
    : { passed: [], looked: 0, bar: Infinity, notKept: [] };
  const segments = [...singles, ...pairScreening.passed.map((p) => p.segment)].sort((a, b) => Math.abs(b.stats.z) - Math.abs(a.stats.z));
  return {
    profiles: fine.columns.map((c) => c.profile),
    looked,
    pairLooked: pairScreening.looked,
    bar: Number.isFinite(bar) ? bar : 0,
    barHigh,
    pairBar: pairScreening.bar,
    segments,
    pairs: pairScreening.passed,
    considered: [...notKept, ...pairScreening.notKept].sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, CONSIDERED_SHOWN),
  };
}

export type { Considered, Part, Segment };
