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
  type Tally,
  type Test,
  bandPart,
  bestBand,
  binStats,
  considered,
  coarseClasses,
  groupPart,
  matters,
  sampleOf,
  segmentStats,
  stepUp,
  tallyBins,
  tallyGroups,
  trendZ,
  upperTail,
  zFor,
} from './screen.ts';
import { sampled } from './selection.ts';
import { MIN_EFFECT, PAIR_SAMPLE, SCREEN_ALPHA, SINGLE_ALPHA_SHARE } from './thresholds.ts';

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

const pOf = (z: number) => Math.min(1, 2 * upperTail(Math.abs(z)));

/** Groups with enough deals on each side (yes and no of a column with no blank are one split: the winning side). */
function testableGroups(column: FineColumn, tally: Tally, sample: Sample, minSupport: number): number[] {
  const { count } = sample.totals;
  let groups = column.groups.map((_, g) => g).filter((g) => tally.count[g]! >= minSupport && count - tally.count[g]! >= minSupport);
  const complementary = column.profile.type === 'yes/no' && !column.groups.some((g) => g.kind === 'blank');
  if (complementary && groups.length === 2) {
    const rate = (g: number) => tally.wins[g]! / Math.max(tally.n[g]!, 1e-12);
    groups = [rate(groups[0]!) >= rate(groups[1]!) ? groups[0]! : groups[1]!];
  }
  return groups;
}

interface Collected {
  out: Segment[];
  notKept: Considered[];
}

/** A segment that passed the bar must also matter. */
function admit(segment: Segment, into: Collected): void {
  if (matters(segment.stats)) into.out.push(segment);
  else into.notKept.push(considered(segment, segment.stats, segment.bar, `too small an effect to matter: ${fixed(segment.stats.effect)} log-odds (smoothed) against the ${fixed(MIN_EFFECT)} a row needs`));
}

/** One test per group (value, term, yes/no, blank) of a column, sharing `share` equally. */
function groupTests(column: FineColumn, tally: Tally, groups: number[], sample: Sample, share: number, into: Collected): Test[] {
  return groups.map((g) => {
    const part = groupPart(column, column.groups[g]!);
    const stats = segmentStats(tally.n[g]!, tally.wins[g]!, tally.count[g]!, tally.won[g]!, sample.totals);
    const segment: Segment = { ...part, key: `${column.profile.column}:${part.kind}:${String(part.value).toLowerCase()}`, stats, bar: 0 };
    return {
      p: pOf(stats.z),
      share: share / groups.length,
      decide: (passed, level) => {
        segment.bar = zFor(level);
        if (passed) admit(segment, into);
        else into.notKept.push(considered(segment, stats, segment.bar, `below the noise bar: |z| ${fixed(Math.abs(stats.z))} < ${fixed(segment.bar)}`));
      },
    };
  });
}

/**
 * A number column: a trend test and a band search (its best band, its p-value times the bands
 * looked at), each with half the column's share. When either passes, the column's coarse
 * classes become its segments: every class but the one that wins least, which the others are
 * measured against. A date column offers its best recency band ("within N days").
 */
function numericTests(column: FineColumn, sample: Sample, share: number, minSupport: number, into: Collected): { tests: Test[]; looked: number } {
  const bins = tallyBins(column, sample);
  const { recency } = column.numeric!;
  const band = bestBand(column, bins, sample.totals, minSupport);
  if (!band) return { tests: [], looked: 0 };
  const best = bandPart(column, band.i, band.j);
  const bandStats = binStats(bins, band.i, band.j, sample.totals);
  const key = (i: number, j: number) => `${column.profile.column}:bins:${i}-${j}`;
  const bandZ = Math.sqrt(Math.max(0, band.g));
  const bandP = Math.min(1, pOf(bandZ) * Math.max(1, band.looked));
  if (recency) {
    const segment: Segment = { ...best, key: key(band.i, band.j), stats: bandStats, bar: 0 };
    const test: Test = {
      p: bandP,
      share,
      decide: (passed, level) => {
        segment.bar = zFor(level / Math.max(1, band.looked));
        if (passed) admit(segment, into);
        else into.notKept.push(considered(segment, bandStats, segment.bar, `below the noise bar: |z| ${fixed(bandZ)} < ${fixed(segment.bar)}`));
      },
    };
    return { tests: [test], looked: band.looked };
  }
  const trend = trendZ(bins);
  let decided = 0;
  let passedAny = false;
  const bars = { band: 0, trend: 0 };
  const settle = () => {
    if (++decided < 2) return;
    if (!passedAny) {
      into.notKept.push(considered(best, bandStats, bars.band, `below the noise bar: |z| ${fixed(bandZ)} < ${fixed(bars.band)} for its best band, trend |z| ${fixed(Math.abs(trend))} < ${fixed(bars.trend)}`));
      return;
    }
    classSegments(column, bins, sample, minSupport, Math.min(bars.band, bars.trend), { ...best, key: key(band.i, band.j), stats: bandStats, bar: bars.band }, into);
  };
  const tests: Test[] = [
    { p: bandP, share: share / 2, decide: (passed, level) => ((bars.band = zFor(level / Math.max(1, band.looked))), (passedAny ||= passed), settle()) },
    { p: pOf(trend), share: share / 2, decide: (passed, level) => ((bars.trend = zFor(level)), (passedAny ||= passed), settle()) },
  ];
  return { tests, looked: band.looked + 1 };
}

/** The coarse classes of a number column that passed: each class but the reference, when it differs from it enough to matter. */
function classSegments(column: FineColumn, bins: Tally, sample: Sample, minSupport: number, bar: number, best: Segment, into: Collected): void {
  const classes = coarseClasses(column, bins, minSupport);
  if (classes.length < 2) {
    admit(best, into);
    return;
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
    const segment: Segment = { ...part, key: `${column.profile.column}:bins:${c[0]}-${c[1]}`, stats, bar, family };
    // Against the reference class: the difference must matter.
    if (Math.abs(logitOf(stats.winRate, stats.accounts) - logitOf(refStats.winRate, refStats.accounts)) < MIN_EFFECT) {
      into.notKept.push(considered(segment, stats, bar, `its win rate is too close to ${part.header}'s lowest class (${bandPart(column, reference[0], reference[1]).label}) to matter`));
      continue;
    }
    into.out.push(segment);
  }
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

/**
 * The segments of the fine classing that pass screening on the sample (training deals): the
 * single segments' α is shared equally among the columns, and within a column among its groups
 * (and a number's trend and band search); the weighted step-up then decides them all at once.
 */
export function discoverSegments(fine: FineClassing, sample: Sample, options: DiscoverOptions): Discovery {
  const { minSupport } = options;
  const singleAlpha = SCREEN_ALPHA * (options.pairs ? SINGLE_ALPHA_SHARE : 1);
  const collected: Collected = { out: [], notKept: [] };
  const perColumn: { column: FineColumn; tally: Tally; groups: number[] }[] = [];
  for (const column of fine.columns) {
    const tally = tallyGroups(column, sample);
    const groups = testableGroups(column, tally, sample, minSupport);
    if (groups.length > 0 || column.numeric) perColumn.push({ column, tally, groups });
  }
  const share = singleAlpha / Math.max(1, perColumn.length);
  const tests: Test[] = [];
  let looked = 0;
  for (const { column, tally, groups } of perColumn) {
    const families = (groups.length > 0 ? 1 : 0) + (column.numeric ? 1 : 0);
    const part = share / Math.max(1, families);
    if (groups.length) {
      tests.push(...groupTests(column, tally, groups, sample, part, collected));
      looked += groups.length;
    }
    if (column.numeric) {
      const numeric = numericTests(column, sample, part, minSupport, collected);
      tests.push(...numeric.tests);
      looked += numeric.looked;
    }
  }
  stepUp(tests);
  const bars = [...collected.out.map((s) => s.bar), ...collected.notKept.map((c) => c.bar)].filter((b) => b > 0);
  // Pairs are tallied on a sample of at most PAIR_SAMPLE deals.
  const pairSample = sample.rows.length > PAIR_SAMPLE ? sampleOf(sampled(sample.rows, PAIR_SAMPLE, 0x9a1e), sample.won, sample.weights) : sample;
  const pairScreening = options.pairs
    ? screenPairs(fine, pairParts(fine, pairSample, collected.out, minSupport), pairSample, SCREEN_ALPHA * (1 - SINGLE_ALPHA_SHARE), minSupport)
    : { passed: [], looked: 0, bar: Infinity, notKept: [] };
  const segments = [...collected.out, ...pairScreening.passed.map((p) => p.segment)].sort((a, b) => Math.abs(b.stats.z) - Math.abs(a.stats.z));
  return {
    profiles: fine.columns.map((c) => c.profile),
    looked,
    pairLooked: pairScreening.looked,
    bar: bars.length ? Math.min(...bars) : 0,
    barHigh: bars.length ? Math.max(...bars) : 0,
    pairBar: pairScreening.bar,
    segments,
    pairs: pairScreening.passed,
    considered: [...collected.notKept, ...pairScreening.notKept].sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, CONSIDERED_SHOWN),
  };
}

export type { Considered, Part, Segment };
