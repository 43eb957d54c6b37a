/**
 * Segment discovery: candidate worksheet rows found in every history column, as a credit
 * scorecard builder finds them (fine classing, then a choice made on training outcomes only).
 *
 * - Fine classing (no outcome is looked at): each column is typed from its cells — categories,
 *   terms in multi-value text ("HubSpot; Gong"), numbers read with the core's value reader
 *   ("$1.2M", "201-500"), yes/no, dates — and cut into groups: one per frequent value or term,
 *   about 20 quantile bins with round boundaries for a number, age bins for a date, and a
 *   blank group.
 * - Choice (training outcomes only): a number or date column offers the one band of
 *   neighbouring bins that separates won from lost best (a sweet spot or an open-ended band);
 *   every group is then screened by its weight of evidence: information value ≥ 0.02 and a
 *   log odds ratio whose z clears a Bonferroni bar over every group and band looked at.
 */
import { headerKey, normalizeText, splitTerms, wholeWordMatcher } from '../text.ts';
import { type Cell, UNREADABLE, isBlank, isErrorText, plainDecimal, readBoolean, readDay, readNumber, readText } from '../values.ts';

export type SegmentKind = 'value' | 'term' | 'band' | 'recency' | 'yes' | 'no' | 'blank';

export type ColumnType = 'category' | 'terms' | 'number' | 'date' | 'yes/no' | 'identifier' | 'empty';

/** One candidate worksheet row and the accounts it matches. */
export interface Segment {
  column: number;
  header: string;
  kind: SegmentKind;
  /** The worksheet rule and Value cell that express it. */
  rule: string;
  value: Cell;
  /** A short readable name: `Industry = Agency`, `Employees 500–5000`. */
  label: string;
  /** 1 where the account's cell matches the rule. */
  match: Uint8Array;
}

export interface ColumnProfile {
  column: number;
  header: string;
  type: ColumnType;
  /** Non-blank cells. */
  filled: number;
}

/** One column after fine classing (no outcome used). */
interface FineColumn {
  profile: ColumnProfile;
  /** Groups that need no outcome to be defined: values, terms, yes/no, blank. */
  groups: Segment[];
  /** For numbers and dates: the value per account (NaN blank), the bin cut points, and each account's bin (-1 none). */
  numeric?: { values: Float64Array; cuts: number[]; bin: Int16Array; recency: boolean };
}

export interface FineClassing {
  columns: FineColumn[];
  accounts: number;
}

/** At most this many groups (values or terms) per column, the most frequent first. */
const MAX_GROUPS = 30;
/** Quantile bins for a number or a date. */
const FINE_BINS = 20;
/** Terms read from one cell at most (a 2,000-word cell does not make 2,000 groups). */
const MAX_TERMS_PER_CELL = 50;
/** A group's value or term is at most this long (longer text is a note, not a segment). */
const MAX_VALUE_LENGTH = 60;
/** The shares of non-blank cells that make a column numbers, dates, yes/no or multi-value text. */
const TYPED_SHARE = 0.8;
const MULTI_SHARE = 0.1;
/** Information value below this predicts nothing (the scorecard convention). */
export const MIN_IV = 0.02;
/** The family-wise error rate of the screening (Bonferroni over every group and band looked at). */
const SCREEN_ALPHA = 0.01;

const SEPARATOR = /[,;|\r\n]/;

/** Round to two significant digits: quantile cuts a person can read (480 → 480, 5123 → 5100). */
export function roundCut(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(value))) - 1);
  return Math.round(value / magnitude) * magnitude;
}

/** A number as a worksheet Value writes it: 1200000 → 1.2M, 0.25 → 0.25. */
export function formatNumber(value: number): string {
  const clean = (n: number) => plainDecimal(Number(n.toPrecision(6)));
  if (Math.abs(value) >= 1e9) return `${clean(value / 1e9)}B`;
  if (Math.abs(value) >= 1e6) return `${clean(value / 1e6)}M`;
  return clean(value);
}

function textOf(cell: Cell): string | null {
  if (isBlank(cell)) return null;
  const text = readText(cell);
  return text === null ? null : normalizeText(text);
}

/** Type every column and cut it into groups, from the cells alone. `reference` is each account's `as of` day for recency (NaN unknown). */
export function fineClassing(
  rows: readonly (readonly Cell[])[],
  headers: readonly Cell[],
  skip: ReadonlySet<number>,
  reference: Float64Array,
  options: { serialDates?: boolean; minCount: number },
): FineClassing {
  const n = rows.length;
  const columns: FineColumn[] = [];
  const keys = new Set<string>();
  for (let column = 0; column < headers.length; column++) {
    const header = (readText(headers[column]) ?? '').trim();
    // A found row names its column as a Field; Fields match headers by letters and digits, first
    // one wins, so a header with none, or a repeat of an earlier one, could not be named.
    const key = headerKey(header);
    const repeat = keys.has(key);
    keys.add(key);
    if (skip.has(column) || key === '' || repeat || /^[=+\-@]/.test(header)) continue;
    const fine = classColumn(rows, column, header, reference, options);
    if (fine) columns.push(fine);
  }
  return { columns, accounts: n };
}

function classColumn(
  rows: readonly (readonly Cell[])[],
  column: number,
  header: string,
  reference: Float64Array,
  options: { serialDates?: boolean; minCount: number },
): FineColumn | null {
  const n = rows.length;
  let filled = 0;
  let numbers = 0;
  let dates = 0;
  let booleans = 0;
  let multi = 0;
  const distinct = new Set<string>();
  const blank = new Uint8Array(n);
  // What each distinct text reads as (CRM columns repeat their values): [date, number, yes/no, separator].
  const kinds = new Map<string, number>();
  const kindOf = (cell: Cell): number => {
    const key = typeof cell === 'string' ? cell : null;
    const cached = key === null ? undefined : kinds.get(key);
    if (cached !== undefined) return cached;
    let bits = 0;
    if (typeof cell !== 'number' && typeof readDay(cell) === 'number') bits |= 1;
    if (typeof readNumber(cell) === 'number') bits |= 2;
    if (typeof readBoolean(cell) === 'boolean') bits |= 4;
    if (typeof cell === 'string' && SEPARATOR.test(cell)) bits |= 8;
    if (key !== null && kinds.size < 100_000) kinds.set(key, bits);
    return bits;
  };
  for (let i = 0; i < n; i++) {
    const cell = rows[i]![column];
    if (isBlank(cell)) {
      blank[i] = 1;
      continue;
    }
    filled++;
    const bits = kindOf(cell);
    if (bits & 1) dates++;
    if (bits & 2) numbers++;
    if (bits & 4) booleans++;
    if (bits & 8) multi++;
    if (distinct.size <= 1000) distinct.add(textOf(cell) ?? '');
  }
  const profile = (type: ColumnType): ColumnProfile => ({ column, header, type, filled });
  if (filled === 0) return { profile: profile('empty'), groups: [] };
  const groups: Segment[] = [];
  const blankCount = n - filled;
  if (blankCount >= options.minCount && filled >= options.minCount) {
    groups.push({ column, header, kind: 'blank', rule: 'is blank', value: '', label: `${header} blank`, match: blank });
  }
  if (dates >= TYPED_SHARE * filled) {
    const values = new Float64Array(n).fill(NaN);
    for (let i = 0; i < n; i++) {
      const cell = rows[i]![column];
      const day = typeof cell === 'number' && !options.serialDates ? UNREADABLE : readDay(cell, { serialDates: options.serialDates });
      if (typeof day === 'number' && Number.isFinite(reference[i]!)) {
        const age = reference[i]! - day;
        if (age >= 0) values[i] = age;
      }
    }
    return { profile: profile('date'), groups, numeric: binned(values, true) };
  }
  if (booleans >= TYPED_SHARE * filled && distinct.size <= 12) {
    const yes = new Uint8Array(n);
    const no = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const value = readBoolean(rows[i]![column]);
      if (value === true) yes[i] = 1;
      else if (value === false) no[i] = 1;
    }
    groups.push({ column, header, kind: 'yes', rule: 'is true', value: '', label: `${header} yes`, match: yes });
    groups.push({ column, header, kind: 'no', rule: 'is false', value: '', label: `${header} no`, match: no });
    return { profile: profile('yes/no'), groups };
  }
  if (numbers >= TYPED_SHARE * filled && distinct.size > 12) {
    const values = new Float64Array(n).fill(NaN);
    for (let i = 0; i < n; i++) {
      const value = readNumber(rows[i]![column]);
      if (typeof value === 'number') values[i] = value;
    }
    return { profile: profile('number'), groups, numeric: binned(values, false) };
  }
  const terms = multi >= MULTI_SHARE * filled;
  // Each distinct cell text once: its normalized form and its terms.
  const texts = new Map<string, number>();
  const textIndex = new Int32Array(n).fill(-1);
  const distinctTexts: string[] = [];
  for (let i = 0; i < n; i++) {
    if (blank[i]) continue;
    const text = readText(rows[i]![column]) ?? '';
    let k = texts.get(text);
    if (k === undefined) {
      k = distinctTexts.length;
      texts.set(text, k);
      distinctTexts.push(text);
    }
    textIndex[i] = k;
  }
  const perText = new Int32Array(distinctTexts.length);
  for (let i = 0; i < n; i++) if (textIndex[i]! >= 0) perText[textIndex[i]!]!++;
  const counts = new Map<string, { count: number; shown: string }>();
  distinctTexts.forEach((text, k) => {
    const seen = new Set<string>();
    const parts = terms ? splitTerms(text).slice(0, MAX_TERMS_PER_CELL) : [text.trim().replace(/\s+/g, ' ')];
    for (const part of parts) {
      const key = normalizeText(part);
      if (key === '' || key.length > MAX_VALUE_LENGTH || seen.has(key)) continue;
      if (!terms && SEPARATOR.test(key)) continue;
      // A group written to the sheet must stay text: one that starts like a formula is left out;
      // so is a spreadsheet error (#N/A), which no rule reads (SPEC §7).
      if (/^[=+\-@]/.test(key) || isErrorText(part)) continue;
      seen.add(key);
      const entry = counts.get(key);
      if (entry) entry.count += perText[k]!;
      else counts.set(key, { count: perText[k]!, shown: part });
    }
  });
  if (!terms && counts.size > Math.max(50, 0.5 * filled)) return { profile: profile('identifier'), groups: [] };
  const frequent = [...counts.entries()]
    .filter(([, e]) => e.count >= options.minCount && e.count <= n - options.minCount)
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, MAX_GROUPS);
  for (const [key, entry] of frequent) {
    // Which distinct texts the worksheet rule matches, as the rule reads them; then every row by its text.
    const matcher = terms ? wholeWordMatcher([entry.shown]) : null;
    const hits = Uint8Array.from(distinctTexts, (text) => (matcher ? (matcher.any(normalizeText(text)) ? 1 : 0) : normalizeText(text) === key ? 1 : 0));
    const match = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (textIndex[i]! >= 0 && hits[textIndex[i]!]) match[i] = 1;
    if (terms) groups.push({ column, header, kind: 'term', rule: 'contains any', value: entry.shown, label: `${header} has ${entry.shown}`, match });
    else groups.push({ column, header, kind: 'value', rule: 'is any of', value: entry.shown, label: `${header} = ${entry.shown}`, match });
  }
  return { profile: profile(terms ? 'terms' : 'category'), groups };
}

/** Quantile cut points (rounded to two digits) and each account's bin. */
function binned(values: Float64Array, recency: boolean): FineColumn['numeric'] {
  const finite = values.filter((v) => Number.isFinite(v)).sort();
  const cuts: number[] = [];
  for (let k = 1; k < FINE_BINS; k++) {
    const cut = roundCut(finite[Math.floor((k / FINE_BINS) * finite.length)] ?? NaN);
    if (Number.isFinite(cut) && cut > finite[0]! && (cuts.length === 0 || cut > cuts[cuts.length - 1]!)) cuts.push(cut);
  }
  const bin = new Int16Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cuts[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    bin[i] = lo;
  }
  return { values, cuts, bin, recency };
}

/** Log-likelihood of k wins in n at their own rate. */
function loglik(k: number, n: number): number {
  if (n <= 0) return 0;
  const p = k / n;
  return (k > 0 ? k * Math.log(p) : 0) + (n - k > 0 ? (n - k) * Math.log(1 - p) : 0);
}

export interface ScreenedSegment extends Segment {
  /** Over the training accounts: matched decided accounts, wins among them, and the 2×2 statistics. */
  accounts: number;
  won: number;
  winRate: number;
  lift: number;
  /** Log odds ratio (matched vs not), its standard error (Woolf, with ½ added to each cell) and z. */
  logOdds: number;
  standardError: number;
  z: number;
  /** Information value of the two-way split. */
  iv: number;
}

export interface Discovery {
  profiles: ColumnProfile[];
  /** Every candidate looked at (values, terms, blanks, the best band of each number or date column). */
  looked: number;
  /** The z a candidate had to clear. */
  bar: number;
  /** Candidates that passed, strongest first. */
  segments: ScreenedSegment[];
  /** Candidates that failed only the bar, kept for the effort table. */
  all: ScreenedSegment[];
}

/** The z that a two-sided test at SCREEN_ALPHA / looks needs. */
export function bonferroniZ(looks: number): number {
  const tail = SCREEN_ALPHA / 2 / Math.max(1, looks);
  // Invert the normal tail by bisection on the complementary error function's asymptote-free form.
  let lo = 0;
  let hi = 40;
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2;
    if (upperTail(mid) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(Z > z) for a standard normal, accurate far into the tail (continued fraction). */
function upperTail(z: number): number {
  if (z < 3) {
    // Abramowitz & Stegun 7.1.26 is accurate enough here.
    const x = z / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return (poly * Math.exp(-x * x)) / 2;
  }
  let fraction = z;
  for (let k = 40; k >= 1; k--) fraction = z + k / fraction;
  return Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) / fraction;
}

function stats2x2(match: Uint8Array, train: Int32Array, won: Uint8Array, totalWon: number, weights: Float64Array | null) {
  let a = 0;
  let m = 0;
  let n = 0;
  let rawAccounts = 0;
  let rawWon = 0;
  let rawTotal = 0;
  for (let r = 0; r < train.length; r++) {
    const i = train[r]!;
    const w = won[i] && weights ? weights[i]! : 1;
    n += w;
    rawTotal += won[i]!;
    if (match[i]) {
      m += w;
      a += won[i]! * w;
      rawAccounts++;
      rawWon += won[i]!;
    }
  }
  const b = m - a;
  const c = totalWon - a;
  const d = n - totalWon - b;
  const logOdds = Math.log(((a + 0.5) * (d + 0.5)) / ((b + 0.5) * (c + 0.5)));
  const standardError = Math.sqrt(1 / (a + 0.5) + 1 / (b + 0.5) + 1 / (c + 0.5) + 1 / (d + 0.5));
  const lost = n - totalWon;
  const woe = (w: number, l: number) => Math.log(((w + 0.5) / (totalWon + 1)) / ((l + 0.5) / (lost + 1)));
  const iv = (a / totalWon - b / lost) * woe(a, b) + (c / totalWon - d / lost) * woe(c, d);
  // Counts as a person reads them (deals, not weights); the test statistics are weighted when value weighting is on.
  const overall = rawTotal / train.length;
  const winRate = rawAccounts ? rawWon / rawAccounts : 0;
  return { accounts: rawAccounts, won: rawWon, winRate, lift: overall ? winRate / overall : 0, logOdds, standardError, z: logOdds / standardError, iv };
}

/**
 * The candidates judged on the training accounts only: each number or date column's best band,
 * then every group screened by information value and a Bonferroni z bar.
 */
export function discoverSegments(fine: FineClassing, train: Int32Array, won: Uint8Array, minSupport: number, weights: Float64Array | null = null): Discovery {
  let totalWon = 0;
  for (let r = 0; r < train.length; r++) totalWon += won[train[r]!]! * (weights ? weights[train[r]!]! : 1);
  const n = train.length;
  let looked = 0;
  const candidates: Segment[] = [];
  for (const column of fine.columns) {
    candidates.push(...column.groups);
    looked += column.groups.length;
    if (column.numeric) {
      const band = bestBand(column, train, won, minSupport, weights);
      if (band) {
        candidates.push(band.segment);
        looked += band.looked;
      }
    }
  }
  const bar = bonferroniZ(looked);
  const all: ScreenedSegment[] = [];
  for (const segment of candidates) {
    const s = stats2x2(segment.match, train, won, totalWon, weights);
    if (s.accounts < minSupport || n - s.accounts < minSupport) continue;
    all.push({ ...segment, ...s });
  }
  const segments = all.filter((s) => Math.abs(s.z) >= bar && s.iv >= MIN_IV).sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
  return { profiles: fine.columns.map((c) => c.profile), looked, bar, segments, all };
}

/** The band of neighbouring bins whose win rate differs most from the rest (likelihood ratio), on training accounts. */
function bestBand(column: FineColumn, train: Int32Array, won: Uint8Array, minSupport: number, weights: Float64Array | null): { segment: Segment; looked: number } | null {
  const { cuts, bin, values, recency } = column.numeric!;
  const bins = cuts.length + 1;
  if (bins < 2) return null;
  const count = new Float64Array(bins);
  const wins = new Float64Array(bins);
  let total = 0;
  let totalWon = 0;
  for (let r = 0; r < train.length; r++) {
    const i = train[r]!;
    const w = won[i] && weights ? weights[i]! : 1;
    total += w;
    totalWon += won[i]! * w;
    const b = bin[i]!;
    if (b < 0) continue;
    count[b]! += w;
    wins[b]! += won[i]! * w;
  }
  const pooled = loglik(totalWon, total);
  let best = -1;
  let bestAt: [number, number] | null = null;
  let looked = 0;
  for (let i = 0; i < bins; i++) {
    if (recency && i > 0) break; // recency: "within N days" bands start at day 0
    let n = 0;
    let k = 0;
    for (let j = i; j < bins; j++) {
      n += count[j]!;
      k += wins[j]!;
      if (i === 0 && j === bins - 1 && !recency) continue; // the whole range is no band
      if (recency && j === bins - 1) continue;
      looked++;
      if (n < minSupport || total - n < minSupport) continue;
      // A worksheet range cannot start or end below zero ("-5-10" is no range), and a Value
      // starting with "-" would read as a formula in a spreadsheet: such bands are not proposed.
      if ((i > 0 && cuts[i - 1]! < 0) || (j < bins - 1 && cuts[j]! < 0)) continue;
      const g = 2 * (loglik(k, n) + loglik(totalWon - k, total - n) - pooled);
      if (g > best) {
        best = g;
        bestAt = [i, j];
      }
    }
  }
  if (!bestAt) return null;
  const [i, j] = bestAt;
  const low = i === 0 ? null : cuts[i - 1]!;
  const high = j === bins - 1 ? null : cuts[j]!;
  const { header } = column.profile;
  const match = new Uint8Array(values.length);
  for (let a = 0; a < values.length; a++) {
    const v = values[a]!;
    if (Number.isFinite(v) && (low === null || v >= low) && (high === null || v <= high)) match[a] = 1;
  }
  if (recency) {
    return { segment: { column: column.profile.column, header, kind: 'recency', rule: 'within days', value: high!, label: `${header} within ${high} days`, match }, looked };
  }
  const show = formatNumber;
  const segment: Segment =
    low !== null && high !== null
      ? { column: column.profile.column, header, kind: 'band', rule: 'between', value: `${show(low)}-${show(high)}`, label: `${header} ${show(low)}–${show(high)}`, match }
      : low !== null
        ? { column: column.profile.column, header, kind: 'band', rule: 'at least', value: show(low), label: `${header} ≥ ${show(low)}`, match }
        : { column: column.profile.column, header, kind: 'band', rule: 'at most', value: show(high!), label: `${header} ≤ ${show(high!)}`, match };
  return { segment, looked };
}

/** Effort against revenue: per group of every column, the share of accounts worked and the share of wins and won revenue. */
export interface EffortRow {
  segment: string;
  field: string;
  accounts: number;
  shareOfAccounts: number;
  won: number;
  shareOfWins: number | null;
  /** Null without an amount column. */
  revenue: number | null;
  shareOfRevenue: number | null;
}

/** At most this many effort rows: the largest gaps between effort and return. */
const EFFORT_ROWS = 20;

export function effortTable(fine: FineClassing, codes: Int8Array, amount: Float64Array | null, minShare = 0.03): EffortRow[] {
  const n = fine.accounts;
  let totalWon = 0;
  let totalRevenue = 0;
  for (let i = 0; i < n; i++) {
    if (codes[i] !== 1) continue;
    totalWon++;
    if (amount && Number.isFinite(amount[i]!)) totalRevenue += amount[i]!;
  }
  const rows: EffortRow[] = [];
  const add = (segment: string, field: string, match: (i: number) => boolean) => {
    let accounts = 0;
    let won = 0;
    let revenue = 0;
    for (let i = 0; i < n; i++) {
      if (!match(i)) continue;
      accounts++;
      if (codes[i] === 1) {
        won++;
        if (amount && Number.isFinite(amount[i]!)) revenue += amount[i]!;
      }
    }
    if (accounts < minShare * n) return;
    rows.push({
      segment,
      field,
      accounts,
      shareOfAccounts: accounts / n,
      won,
      shareOfWins: totalWon ? won / totalWon : null,
      revenue: amount ? revenue : null,
      shareOfRevenue: amount && totalRevenue > 0 ? revenue / totalRevenue : null,
    });
  };
  for (const column of fine.columns) {
    for (const g of column.groups) add(g.label, g.header, (i) => g.match[i] === 1);
    if (column.numeric) {
      // Four groups of neighbouring bins, about a quarter of the accounts each.
      const { cuts, bin } = column.numeric;
      const bins = cuts.length + 1;
      const edges = [0, Math.round(bins / 4), Math.round(bins / 2), Math.round((3 * bins) / 4), bins].filter((e, k, a) => k === 0 || e > a[k - 1]!);
      for (let k = 0; k + 1 < edges.length; k++) {
        const from = edges[k]!;
        const to = edges[k + 1]! - 1;
        const low = from === 0 ? null : cuts[from - 1]!;
        const high = to === bins - 1 ? null : cuts[to]!;
        const unit = column.numeric.recency ? ' days old' : '';
        const name =
          low === null ? `${column.profile.header} < ${formatNumber(high!)}${unit}` : high === null ? `${column.profile.header} ≥ ${formatNumber(low)}${unit}` : `${column.profile.header} ${formatNumber(low)}–${formatNumber(high)}${unit}`;
        add(name, column.profile.header, (i) => bin[i]! >= from && bin[i]! <= to);
      }
    }
  }
  const gap = (r: EffortRow) => r.shareOfAccounts - (r.shareOfRevenue ?? r.shareOfWins ?? 0);
  return rows.sort((a, b) => Math.abs(gap(b)) - Math.abs(gap(a))).slice(0, EFFORT_ROWS);
}
