/**
 * Pairs (training deals only): a segment that exists only in combination — an industry that wins
 * in one region — is invisible to one column at a time. Each column offers its most frequent
 * values or terms (and four quartile bands of a number), and every pair of parts from two
 * columns is screened like a single segment, on what it adds beyond its two parts: the
 * interaction in the 2×2×2 table (pair, first part alone, second alone, neither), against a
 * Bonferroni bar over every pair looked at.
 */
import { fill, lookup } from './arrays.ts';
import type { FineClassing, FineColumn } from './fine.ts';
import { type Considered, type Part, type Sample, type Segment, bandPart, considered, groupPart, segmentStats, stepUp, tallyBins, tallyGroups, upperTail, zFor } from './screen.ts';
import { MAX_PAIR_PARTS, MIN_EFFECT, PAIR_PART_SUPPORT } from './thresholds.ts';

/** One column's parts and which part(s) each account is in. */
interface ColumnParts {
  column: FineColumn;
  parts: Part[];
  /** Per account: its one part (values, yes/no, blank, a number's quartile), -1 none. */
  single: Int16Array;
  /** Terms: per distinct cell, its term parts (besides `single`, which then holds the blank part). */
  terms: { start: Int32Array; list: Int32Array } | null;
}

export interface PairScreening {
  passed: { segment: Segment; interaction: number; interactionZ: number }[];
  looked: number;
  bar: number;
  notKept: Considered[];
}

/** Quartile bands of a number column's bins (by training deals). */
function quartiles(column: FineColumn, sample: Sample): [number, number][] {
  const bins = tallyBins(column, sample);
  const total = bins.count.reduce((a, b) => a + b, 0);
  const out: [number, number][] = [];
  let from = 0;
  let seen = 0;
  for (let b = 0; b < bins.count.length; b++) {
    seen += bins.count[b]!;
    if (seen >= ((out.length + 1) * total) / 4 || b === bins.count.length - 1) {
      out.push([from, b]);
      from = b + 1;
    }
  }
  return out.filter(([i, j]) => j >= i);
}

/** What each column offers the pair search. */
export function pairParts(fine: FineClassing, sample: Sample, _singles: readonly Segment[], minSupport: number): ColumnParts[] {
  const out: ColumnParts[] = [];
  for (const column of fine.columns) {
    if (column.numeric) {
      if (column.numeric.recency) continue;
      const ranges = quartiles(column, sample).filter(([i, j]) => !(i === 0 && j === column.numeric!.cuts.length));
      const ofBin = new Int32Array(column.numeric.cuts.length + 1).fill(-1);
      const parts: Part[] = [];
      for (const [i, j] of ranges) {
        if ((i > 0 && column.numeric.cuts[i - 1]! < 0) || (j < column.numeric.cuts.length && column.numeric.cuts[j]! < 0)) continue;
        for (let b = i; b <= j; b++) ofBin[b] = parts.length;
        parts.push(bandPart(column, i, j));
      }
      if (parts.length) out.push({ column, parts, single: fill(Int16Array, column.numeric.bin.length, (i) => (column.numeric!.bin[i]! >= 0 ? ofBin[column.numeric!.bin[i]!]! : -1)), terms: null });
      continue;
    }
    const tally = tallyGroups(column, sample);
    const chosen = column.groups
      .map((_, g) => g)
      .filter((g) => tally.count[g]! >= Math.max(PAIR_PART_SUPPORT, minSupport))
      .sort((a, b) => tally.count[b]! - tally.count[a]!)
      .slice(0, MAX_PAIR_PARTS);
    if (chosen.length === 0) continue;
    const partOfGroup = new Int32Array(column.groups.length).fill(-1);
    chosen.forEach((g, k) => (partOfGroup[g] = k));
    const parts = chosen.map((g) => groupPart(column, column.groups[g]!));
    const ofCode = column.groupOfCode.map((g) => (g >= 0 ? partOfGroup[g]! : -1));
    let terms: ColumnParts['terms'] = null;
    if (column.terms) {
      const list: number[] = [];
      const start = new Int32Array(column.terms.start.length);
      for (let k = 0; k + 1 < column.terms.start.length; k++) {
        for (let t = column.terms.start[k]!; t < column.terms.start[k + 1]!; t++) {
          const p = partOfGroup[column.terms.list[t]!]!;
          if (p >= 0) list.push(p);
        }
        start[k + 1] = list.length;
      }
      terms = { start, list: Int32Array.from(list) };
    }
    out.push({ column, parts, single: lookup(Int16Array, column.codes, ofCode), terms });
  }
  return out;
}

/** The parts account i is in, written into `into`; returns how many. */
function partsOf(c: ColumnParts, i: number, into: Int32Array): number {
  let count = 0;
  const p = c.single[i]!;
  if (p >= 0) into[count++] = p;
  if (c.terms) {
    const code = c.column.codes[i]!;
    for (let k = c.terms.start[code]!; k < c.terms.start[code + 1]!; k++) into[count++] = c.terms.list[k]!;
  }
  return count;
}

interface Cell4 {
  a: number;
  b: number;
  n: number;
  wins: number;
  count: number;
  won: number;
}

/** Tallies of every pair of parts of two columns, and of each part alone. */
function crossTally(A: ColumnParts, B: ColumnParts, sample: Sample) {
  const PA = A.parts.length;
  const PB = B.parts.length;
  const cells = { n: new Float64Array(PA * PB), wins: new Float64Array(PA * PB), count: new Float64Array(PA * PB), won: new Float64Array(PA * PB) };
  const margA = { n: new Float64Array(PA), wins: new Float64Array(PA) };
  const margB = { n: new Float64Array(PB), wins: new Float64Array(PB) };
  const inA = new Int32Array(64);
  const inB = new Int32Array(64);
  const { rows, won, weights } = sample;
  if (!A.terms && !B.terms) {
    // One part per account on each side: a tight loop.
    const sa = A.single;
    const sb = B.single;
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r]!;
      const a = sa[i]!;
      const b = sb[i]!;
      if (a < 0 && b < 0) continue;
      const y = won[i]!;
      const w = y && weights ? weights[i]! : 1;
      if (a >= 0) {
        margA.n[a]! += w;
        margA.wins[a]! += y * w;
      }
      if (b >= 0) {
        margB.n[b]! += w;
        margB.wins[b]! += y * w;
      }
      if (a < 0 || b < 0) continue;
      const at = a * PB + b;
      cells.n[at]! += w;
      cells.wins[at]! += y * w;
      cells.count[at]!++;
      cells.won[at]! += y;
    }
    return { cells, margA, margB };
  }
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const y = won[i]!;
    const w = y && weights ? weights[i]! : 1;
    const ka = partsOf(A, i, inA);
    const kb = partsOf(B, i, inB);
    for (let x = 0; x < ka; x++) {
      margA.n[inA[x]!]! += w;
      margA.wins[inA[x]!]! += y * w;
    }
    for (let x = 0; x < kb; x++) {
      margB.n[inB[x]!]! += w;
      margB.wins[inB[x]!]! += y * w;
    }
    for (let x = 0; x < ka; x++) {
      for (let z = 0; z < kb; z++) {
        const at = inA[x]! * PB + inB[z]!;
        cells.n[at]! += w;
        cells.wins[at]! += y * w;
        cells.count[at]!++;
        cells.won[at]! += y;
      }
    }
  }
  return { cells, margA, margB };
}

/** The interaction log odds of a pair beyond its two parts (½ added to every cell), and its standard error. */
function interaction(n11: number, w11: number, na: number, wa: number, nb: number, wb: number, N: number, W: number): [number, number] {
  const cell = [
    [w11, n11 - w11],
    [wa - w11, na - n11 - (wa - w11)],
    [wb - w11, nb - n11 - (wb - w11)],
    [W - wa - wb + w11, N - na - nb + n11 - (W - wa - wb + w11)],
  ].map(([w, l]) => [Math.max(0, w!) + 0.5, Math.max(0, l!) + 0.5] as const);
  const L = cell.map(([w, l]) => Math.log(w / l));
  const se = Math.sqrt(cell.reduce((s, [w, l]) => s + 1 / w + 1 / l, 0));
  return [L[0]! - L[1]! - L[2]! + L[3]!, se];
}

/** Screen every pair of parts of two different columns. */
export function screenPairs(_fine: FineClassing, columns: readonly ColumnParts[], sample: Sample, alpha: number, minSupport: number): PairScreening {
  const { totals } = sample;
  const tested: (Cell4 & { A: ColumnParts; B: ColumnParts; inter: number; se: number; na: number; wa: number; nb: number; wb: number })[] = [];
  for (let x = 0; x < columns.length; x++) {
    for (let y = x + 1; y < columns.length; y++) {
      const A = columns[x]!;
      const B = columns[y]!;
      const { cells, margA, margB } = crossTally(A, B, sample);
      const PB = B.parts.length;
      for (let at = 0; at < cells.n.length; at++) {
        if (cells.count[at]! < minSupport || totals.count - cells.count[at]! < minSupport) continue;
        const a = Math.floor(at / PB);
        const b = at % PB;
        const [inter, se] = interaction(cells.n[at]!, cells.wins[at]!, margA.n[a]!, margA.wins[a]!, margB.n[b]!, margB.wins[b]!, totals.n, totals.wins);
        tested.push({ A, B, a, b, n: cells.n[at]!, wins: cells.wins[at]!, count: cells.count[at]!, won: cells.won[at]!, inter, se, na: margA.n[a]!, wa: margA.wins[a]!, nb: margB.n[b]!, wb: margB.wins[b]! });
      }
    }
  }
  // One test per pair, α shared equally, decided together by the step-up (pairs far below any bar are not listed).
  const passed: PairScreening['passed'] = [];
  const notKept: Considered[] = [];
  let bar = zFor(alpha / Math.max(1, tested.length));
  stepUp(
    tested.map((t) => {
      const z = t.inter / t.se;
      return {
        p: Math.min(1, 2 * upperTail(Math.abs(z))),
        share: alpha / Math.max(1, tested.length),
        decide: (pass: boolean, level: number) => {
          const first = t.A.parts[t.a]!;
          const second = t.B.parts[t.b]!;
          const stats = segmentStats(t.n, t.wins, t.count, t.won, totals);
          const needed = zFor(level);
          bar = Math.min(bar, needed);
          const segment: Segment = {
            ...first,
            key: `pair:${first.column}:${String(first.value)}|${second.column}:${String(second.value)}`.toLowerCase(),
            label: `${first.label} & ${second.label}`,
            stats,
            bar: needed,
            parts: [first, second],
          };
          const shown = { ...stats, z };
          if (!pass) {
            if (Math.abs(z) >= needed - 1.5) notKept.push(considered(segment, shown, needed, `a pair that adds too little beyond its two parts: interaction |z| ${Math.abs(z).toFixed(2)} < ${needed.toFixed(2)}`));
          } else if (Math.abs(t.inter) < MIN_EFFECT) notKept.push(considered(segment, shown, needed, `a pair whose interaction (${t.inter.toFixed(2)} log-odds) is too small to matter`));
          else passed.push({ segment, interaction: t.inter, interactionZ: z });
        },
      };
    }),
  );
  passed.sort((a, b) => Math.abs(b.interactionZ) - Math.abs(a.interactionZ));
  return { passed, looked: tested.length, bar, notKept };
}
