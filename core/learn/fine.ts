/**
 * Fine classing, as a scorecard builder does it, from the cells alone (no outcome is looked at):
 * each history column is typed — categories, terms in multi-value text ("HubSpot; Gong"),
 * numbers read with the core's value reader ("$1.2M", "201-500"), yes/no, dates — and cut into
 * groups: one per value or term with enough accounts (every one of them, not only the most
 * frequent), about 20 quantile bins with round boundaries for a number, age bins for a date, and
 * a blank group. Each distinct cell is read once.
 */
import { headerKey, normalizeText, splitTerms } from '../text.ts';
import { type Cell, UNREADABLE, isBlank, isErrorText, plainDecimal, readBoolean, readDay, readNumber, readText } from '../values.ts';
import type { HistoryColumn, HistoryTable } from './table.ts';
import { FINE_BINS } from './thresholds.ts';

export type GroupKind = 'value' | 'term' | 'yes' | 'no' | 'blank';

export type ColumnType = 'category' | 'terms' | 'number' | 'date' | 'yes/no' | 'identifier' | 'empty';

/** A group that needs no outcome to be defined, and the worksheet rule that expresses it. */
export interface Group {
  kind: GroupKind;
  rule: string;
  value: Cell;
  /** `Industry = Agency`, `Tech stack has Gong`, `Has RevOps yes`, `Region blank`. */
  label: string;
  /** Accounts in it (all accounts, decided or not). */
  accounts: number;
}

export interface ColumnProfile {
  column: number;
  header: string;
  type: ColumnType;
  /** Non-blank cells. */
  filled: number;
}

export interface NumericBins {
  /** Bin cut points (rounded to two digits); bin k holds values in [cuts[k-1], cuts[k]). */
  cuts: number[];
  /** Per account: its bin, -1 when blank or unreadable. */
  bin: Int16Array;
  /** A date column: values are ages in days before each account's reference day. */
  recency: boolean;
}

/** One column after fine classing. */
export interface FineColumn {
  profile: ColumnProfile;
  groups: Group[];
  /** The table's cell codes of the column. */
  codes: Int32Array;
  /** Per distinct cell: the group it falls in (a value, yes, no, blank), -1 none. */
  groupOfCode: Int32Array;
  /** Multi-value text: per distinct cell, the term groups it holds (termStart[k] … termStart[k+1] in termList). */
  terms: { start: Int32Array; list: Int32Array } | null;
  numeric: NumericBins | null;
}

export interface FineClassing {
  columns: FineColumn[];
  accounts: number;
}

/** Terms read from one cell at most (a 2,000-word cell does not make 2,000 groups). */
const MAX_TERMS_PER_CELL = 50;
/** A group's value or term is at most this long (longer text is a note, not a segment). */
const MAX_VALUE_LENGTH = 60;
/** The shares of non-blank cells that make a column numbers, dates, yes/no or multi-value text. */
const TYPED_SHARE = 0.8;
const MULTI_SHARE = 0.1;
/** A text column with more distinct values than this share of its filled cells (and more than 50) names accounts: an identifier. */
const IDENTIFIER_SHARE = 0.5;

/** Values a number column's quantile cuts are read from at most (an even sample beyond). */
const QUANTILE_SAMPLE = 200_000;

const SEPARATOR = /[,;|\r\n]/;
/** Text a worksheet cell could not hold as a plain value: it starts like a formula, or carries control characters. */
const UNWRITABLE = /^[=+\-@]|[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

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

/**
 * Type every column and cut it into groups, from the cells alone. `skip` lists columns not to
 * search; `reference` is each account's `as of` day for recency (NaN unknown).
 */
export function fineClassing(table: HistoryTable, skip: ReadonlySet<number>, reference: Float64Array, options: { serialDates?: boolean; minCount: number }): FineClassing {
  const columns: FineColumn[] = [];
  table.headers.forEach((cell, column) => {
    if (skip.has(column)) return;
    const header = (readText(cell) ?? '').trim();
    const fine = classColumn(table.columns[column]!, column, header, reference, options);
    if (fine) columns.push(fine);
  });
  return { columns, accounts: table.rows };
}

/** Why a column's header could not be named by a worksheet Field, or null when it can. */
export function unnameable(headers: readonly Cell[], column: number): string | null {
  const header = (readText(headers[column]) ?? '').trim();
  const key = headerKey(header);
  if (key === '') return 'its header has no letters or digits, so no Field could name it';
  if (/^[=+\-@]/.test(header)) return 'its header starts like a formula';
  const first = headers.findIndex((h) => headerKey(readText(h) ?? '') === key);
  if (first !== column) return `a Field "${header}" would read the earlier column "${(readText(headers[first]) ?? '').trim()}"`;
  return null;
}

/** Distinct cells typed at most: a column is typed from an even sample of them, weighed by their counts. */
const TYPING_SAMPLE = 4_000;

/** What a cell reads as: bit 1 a date, 2 a number, 4 yes/no, 8 holds a separator. */
function kindOf(cell: Cell): number {
  if (isBlank(cell)) return 0;
  let bits = 0;
  if (typeof cell !== 'number' && typeof readDay(cell) === 'number') bits |= 1;
  if (typeof readNumber(cell) === 'number') bits |= 2;
  if (typeof readBoolean(cell) === 'boolean') bits |= 4;
  if (typeof cell === 'string' && SEPARATOR.test(cell)) bits |= 8;
  return bits;
}

function classColumn(col: HistoryColumn, column: number, header: string, reference: Float64Array, options: { serialDates?: boolean; minCount: number }): FineColumn | null {
  const { values, codes } = col;
  const n = codes.length;
  const counts = new Float64Array(values.length);
  for (let i = 0; i < n; i++) counts[codes[i]!]!++;
  let filled = 0;
  values.forEach((cell, k) => {
    if (k > 0 && counts[k]! > 0 && !isBlank(cell)) filled += counts[k]!;
  });
  // The share of filled cells that read as dates, numbers, yes/no and multi-value text, from an even sample of the distinct cells.
  const typed = [0, 0, 0, 0];
  let sampled = 0;
  const step = Math.max(1, Math.ceil(values.length / TYPING_SAMPLE));
  for (let k = 1; k < values.length; k += step) {
    if (counts[k] === 0 || isBlank(values[k])) continue;
    const bits = kindOf(values[k]);
    sampled += counts[k]!;
    for (let bit = 0; bit < 4; bit++) if (bits & (1 << bit)) typed[bit]! += counts[k]!;
  }
  const scale = sampled > 0 ? filled / sampled : 0;
  for (let bit = 0; bit < 4; bit++) typed[bit]! *= scale;
  const distinct = new Set<string>();
  for (let k = 1; k < values.length && distinct.size <= 1000; k++) if (counts[k]! > 0 && !isBlank(values[k])) distinct.add(normalizeText(readText(values[k]) ?? ''));
  const profile = (type: ColumnType): ColumnProfile => ({ column, header, type, filled });
  const groupOfCode = new Int32Array(values.length).fill(-1);
  const base = { codes, groupOfCode, terms: null, numeric: null };
  if (filled === 0) return { ...base, profile: profile('empty'), groups: [] };
  const groups: Group[] = [];
  const blanks = n - filled;
  if (blanks >= options.minCount && filled >= options.minCount) {
    values.forEach((cell, k) => {
      if (isBlank(cell)) groupOfCode[k] = 0;
    });
    groups.push({ kind: 'blank', rule: 'is blank', value: '', label: `${header} blank`, accounts: blanks });
  }
  const [dates, numbers, booleans, multi] = typed as [number, number, number, number];
  if (dates >= TYPED_SHARE * filled) {
    return { ...base, profile: profile('date'), groups, numeric: dateBins(col, reference, options.serialDates ?? false) };
  }
  if (booleans >= TYPED_SHARE * filled && distinct.size <= 12) {
    const yes = groups.push({ kind: 'yes', rule: 'is true', value: '', label: `${header} yes`, accounts: 0 }) - 1;
    const no = groups.push({ kind: 'no', rule: 'is false', value: '', label: `${header} no`, accounts: 0 }) - 1;
    values.forEach((cell, k) => {
      const value = readBoolean(cell);
      if (value === true || value === false) {
        groupOfCode[k] = value ? yes : no;
        groups[value ? yes : no]!.accounts += counts[k]!;
      }
    });
    return { ...base, profile: profile('yes/no'), groups };
  }
  if (numbers >= TYPED_SHARE * filled && distinct.size > 12) {
    const perCode = Float64Array.from(values, (cell) => {
      const value = readNumber(cell);
      return typeof value === 'number' ? value : NaN;
    });
    return { ...base, profile: profile('number'), groups, numeric: binned(perCode, codes, (i) => perCode[codes[i]!]!, false) };
  }
  const isTerms = multi >= MULTI_SHARE * filled;
  // An identifier (company names) shows at once: more distinct texts than the bar, even once normalized.
  if (!isTerms && distinctTexts(values, counts, Math.max(50, IDENTIFIER_SHARE * filled))) return { ...base, profile: profile('identifier'), groups: [] };
  const found = textGroups(values, counts, header, isTerms, groups, groupOfCode, options.minCount, n);
  if (!found) return { ...base, profile: profile('identifier'), groups: [] };
  return { ...base, profile: profile(isTerms ? 'terms' : 'category'), groups, terms: found.terms };
}

/** Whether a column holds more than `bar` distinct texts once normalized (it stops counting there). */
function distinctTexts(values: readonly Cell[], counts: Float64Array, bar: number): boolean {
  if (values.length - 1 <= bar) return false;
  const seen = new Set<string>();
  for (let k = 1; k < values.length; k++) {
    if (counts[k] === 0 || isBlank(values[k])) continue;
    seen.add(normalizeText(readText(values[k]) ?? ''));
    if (seen.size > bar) return true;
  }
  return false;
}

/**
 * The value (or term) groups of a text column with at least `minCount` accounts and as many
 * without: every one of them. Returns null for an identifier column.
 */
function textGroups(
  values: readonly Cell[],
  counts: Float64Array,
  header: string,
  isTerms: boolean,
  groups: Group[],
  groupOfCode: Int32Array,
  minCount: number,
  n: number,
): { terms: FineColumn['terms'] } | null {
  const tally = new Map<string, { count: number; shown: string }>();
  const partsOf: string[][] = values.map((cell, k) => {
    if (k === 0 || isBlank(cell) || counts[k] === 0) return [];
    const text = readText(cell) ?? '';
    const parts = isTerms ? splitTerms(text).slice(0, MAX_TERMS_PER_CELL) : [text.trim().replace(/\s+/g, ' ')];
    const keys: string[] = [];
    for (const part of parts) {
      const key = normalizeText(part);
      if (key === '' || key.length > MAX_VALUE_LENGTH || keys.includes(key)) continue;
      // A value becomes `is any of <value>`, which splits on separators: such a value is no single value.
      if (!isTerms && SEPARATOR.test(key)) continue;
      // A group written to the sheet must stay plain text; a spreadsheet error (#N/A) is no value any rule reads (SPEC §7).
      if (UNWRITABLE.test(key) || isErrorText(part)) continue;
      keys.push(key);
      const entry = tally.get(key);
      if (entry) entry.count += counts[k]!;
      else tally.set(key, { count: counts[k]!, shown: part.trim().replace(/\s+/g, ' ') });
    }
    return keys;
  });
  const filled = n - counts[0]!;
  if (!isTerms && tally.size > Math.max(50, IDENTIFIER_SHARE * filled)) return null;
  const groupOf = new Map<string, number>();
  for (const [key, entry] of [...tally.entries()].sort((a, b) => b[1].count - a[1].count)) {
    if (entry.count < minCount || entry.count > n - minCount) continue;
    groupOf.set(key, groups.length);
    groups.push(
      isTerms
        ? { kind: 'term', rule: 'contains any', value: entry.shown, label: `${header} has ${entry.shown}`, accounts: entry.count }
        : { kind: 'value', rule: 'is any of', value: entry.shown, label: `${header} = ${entry.shown}`, accounts: entry.count },
    );
  }
  if (!isTerms) {
    partsOf.forEach((keys, k) => {
      const g = keys.length ? groupOf.get(keys[0]!) : undefined;
      if (g !== undefined) groupOfCode[k] = g;
    });
    return { terms: null };
  }
  const start = new Int32Array(values.length + 1);
  const list: number[] = [];
  partsOf.forEach((keys, k) => {
    for (const key of keys) {
      const g = groupOf.get(key);
      if (g !== undefined) list.push(g);
    }
    start[k + 1] = list.length;
  });
  return { terms: { start, list: Int32Array.from(list) } };
}

/** Ages in days before each account's reference day, binned (recency). */
function dateBins(col: HistoryColumn, reference: Float64Array, serialDates: boolean): NumericBins {
  const days = Float64Array.from(col.values, (cell) => {
    const day = typeof cell === 'number' && !serialDates ? UNREADABLE : readDay(cell, { serialDates });
    return typeof day === 'number' ? day : NaN;
  });
  const age = (i: number) => {
    const a = reference[i]! - days[col.codes[i]!]!;
    return a >= 0 ? a : NaN;
  };
  const ages = new Float64Array(col.codes.length);
  for (let i = 0; i < ages.length; i++) ages[i] = age(i);
  return binned(ages, null, (i) => ages[i]!, true);
}

/** Quantile cut points (rounded to two digits) and each account's bin. `perCode` lets a number column bin each distinct cell once. */
function binned(values: Float64Array, codes: Int32Array | null, valueOf: (i: number) => number, recency: boolean): NumericBins {
  const n = codes ? codes.length : values.length;
  // Quantiles from every value, or an even sample of a very long column.
  const step = Math.max(1, Math.floor(n / QUANTILE_SAMPLE));
  const finite: number[] = [];
  for (let i = 0; i < n; i += step) {
    const v = valueOf(i);
    if (Number.isFinite(v)) finite.push(v);
  }
  const sorted = Float64Array.from(finite).sort();
  const cuts: number[] = [];
  for (let k = 1; k < FINE_BINS; k++) {
    const cut = roundCut(sorted[Math.floor((k / FINE_BINS) * sorted.length)] ?? NaN);
    if (Number.isFinite(cut) && cut > sorted[0]! && (cuts.length === 0 || cut > cuts[cuts.length - 1]!)) cuts.push(cut);
  }
  const binOf = (v: number) => {
    if (!Number.isFinite(v)) return -1;
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cuts[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const bin = new Int16Array(n);
  if (codes) {
    const perCode = values.map(binOf);
    for (let i = 0; i < n; i++) bin[i] = perCode[codes[i]!]!;
  } else for (let i = 0; i < n; i++) bin[i] = binOf(valueOf(i));
  return { cuts, bin, recency };
}
