/**
 * Value reading (SPEC §2, core/values.ts) as SQL: each prospect column is read once per
 * reader the model uses on it, into helper columns that are NULL where the core's reader
 * gives blank or unreadable (both count as blank for scoring).
 */
import type { Dialect } from './dialects.ts';
import { type Plan, type Ref } from './plan.ts';
import { ERROR_TEXT, ISO_DATE, SINGLE, currency, range, whiteSpace } from './patterns.ts';

const TRUE_WORDS = ['true', 'yes', 'y', '1', 'x', '✓', '✔', '☑'];
const FALSE_WORDS = ['false', 'no', 'n', '0'];

/** The readers of one prospect column. Each helper is made on first use. */
export interface ColumnReaders {
  /** The column as text. */
  raw: Ref;
  /** The trimmed cell; NULL where blank or a spreadsheet error such as `#N/A`. */
  cell(): Ref;
  /** core `presence` reader: a value that is neither blank nor an error. */
  present(): string;
  /** core `text` reader: trimmed, inner white space folded to one space, lower-cased. */
  text(): Ref;
  /** core `boolean` reader. */
  boolean(): Ref;
  /** core `number` reader: currency, separators, K/M/B, %, ranges as midpoints. */
  number(): Ref;
  /** core `day` reader: an ISO date as days since 1970-01-01. */
  day(): Ref;
}

/**
 * `regex` replaced where `found` is found, else the text as it is: most cells need no
 * change, and looking costs engines far less than rewriting.
 */
function replaceWhere(d: Dialect, text: string, found: string, regex: string, replacement: string): string {
  return `CASE WHEN ${d.search(text, found)} THEN ${d.replaceAll(text, regex, replacement)} ELSE ${text} END`;
}

/** `source` is the SQL that names the column in the first layer; `prefix` names its helpers. */
export function columnReaders(plan: Plan, d: Dialect, source: string, prefix: string): ColumnReaders {
  const ws = whiteSpace(d);
  const raw = plan.add(`${prefix}_raw`, d.asText(source));
  let trimmed: Ref | undefined;
  const trim = (): Ref =>
    (trimmed ??= plan.add(`${prefix}_trim`, replaceWhere(d, raw, `^${ws}|${ws}$`, `^${ws}+|${ws}+$`, '')));
  let cell: Ref | undefined;
  const readCell = (): Ref => {
    if (cell) return cell;
    const t = trim();
    const error = `(length(${raw}) <= 16 AND left(${t}, 1) = '#' AND ${d.search(t, ERROR_TEXT)})`;
    cell = plan.add(`${prefix}_cell`, `CASE WHEN ${t} = '' OR ${error} THEN NULL ELSE ${t} END`);
    return cell;
  };

  return {
    raw,
    cell: readCell,
    present: () => `(${readCell()} IS NOT NULL)`,
    text: () => {
      const c = readCell();
      // Trimmed already: only a white space other than " ", or two in a row, needs folding.
      const folded = replaceWhere(d, c, `${whiteSpace(d, true)}| {2}`, `${ws}+`, ' ');
      return plan.add(`${prefix}_text`, `lower(${folded})`);
    },
    boolean: () => {
      const c = readCell();
      const words = (list: string[]) => list.map(d.string).join(', ');
      const sql = `CASE WHEN lower(${c}) IN (${words(TRUE_WORDS)}) THEN TRUE WHEN lower(${c}) IN (${words(FALSE_WORDS)}) THEN FALSE END`;
      return plan.add(`${prefix}_bool`, sql);
    },
    number: () => readNumber(plan, d, readCell(), prefix),
    day: () => readDay(plan, d, readCell(), prefix),
  };
}

interface ParsedSingle {
  value: string;
  /** True where the number has a K/M/B suffix. */
  hasSuffix: string;
  multiplier: string;
}

/**
 * values.ts parseSingle over `text`, which matches SINGLE, given its `digits` (see
 * digitsOf). The match guarantees the only letters are the suffix, whose first letter
 * (k, m, b or t) sets the multiplier. The operations run in the core's order.
 */
function parseSingle(d: Dialect, text: string, digits: string): ParsedSingle {
  const lower = `lower(${text})`;
  const scale = [['k', 1e3], ['m', 1e6], ['b', 1e9], ['t', 1e12]].map(([letter, value]) => `WHEN ${d.contains(lower, String(letter))} THEN ${value}`);
  const multiplier = `(CASE ${scale.join(' ')} ELSE 1 END)`;
  const scaled = `${d.parseDouble(`replace(${digits}, ',', '')`)} * ${multiplier}`;
  const value = `(CASE WHEN left(${text}, 1) = '-' THEN -1 ELSE 1 END) * (CASE WHEN right(${text}, 1) = '%' THEN ${scaled} / 100 ELSE ${scaled} END)`;
  return { value, hasSuffix: d.search(text, '[kKmMbBtT]'), multiplier };
}

/** The digits of a SINGLE number: its sign and its suffix, "+" and "%" taken off. */
const digitsOf = (d: Dialect, text: string) => d.replaceAll(text, '^[-+]|[^0-9.,]+$', '');

/** values.ts readNumber over text: one number, or a range read as its midpoint. */
function readNumber(plan: Plan, d: Dialect, cell: Ref, prefix: string): Ref {
  const ws = whiteSpace(d);
  const strip = `${currency(d)}|${ws}+`;
  const compact = plan.add(`${prefix}_compact`, replaceWhere(d, cell, strip, strip, ''));
  const isSingle = plan.add(`${prefix}_is_single`, d.search(compact, SINGLE));
  const digits = plan.add(`${prefix}_digits`, `CASE WHEN ${isSingle} THEN ${digitsOf(d, compact)} END`);
  const single = parseSingle(d, compact, digits);

  // parseRange strips currency from its (already compact) input once more.
  const rangeText = plan.add(`${prefix}_range`, `CASE WHEN NOT ${isSingle} THEN ${d.replaceAll(compact, currency(d), '')} END`);
  const isRange = plan.add(`${prefix}_is_range`, d.search(rangeText, range()));
  const lowText = plan.add(`${prefix}_low`, `CASE WHEN ${isRange} THEN ${d.extract(rangeText, range('low'))} END`);
  const highText = plan.add(`${prefix}_high`, `CASE WHEN ${isRange} THEN ${d.extract(rangeText, range('high'))} END`);
  const bothRead = plan.add(`${prefix}_range_ok`, `${d.search(lowText, SINGLE)} AND ${d.search(highText, SINGLE)}`);
  const lowDigits = plan.add(`${prefix}_low_digits`, `CASE WHEN ${bothRead} THEN ${digitsOf(d, lowText)} END`);
  const highDigits = plan.add(`${prefix}_high_digits`, `CASE WHEN ${bothRead} THEN ${digitsOf(d, highText)} END`);
  const low = parseSingle(d, lowText, lowDigits);
  const high = parseSingle(d, highText, highDigits);
  // "$50-500M": a suffix written once applies to both ends.
  const lowValue = `CASE WHEN NOT ${low.hasSuffix} AND ${high.hasSuffix} THEN ${low.value} * ${high.multiplier} ELSE ${low.value} END`;
  return plan.add(
    `${prefix}_num`,
    `CASE WHEN ${isSingle} THEN ${single.value} WHEN ${bothRead} THEN (${lowValue} + ${high.value}) / 2 END`,
  );
}

/** values.ts readDay over text: an ISO date (time ignored) as days since 1970-01-01; years 0–99 do not read. */
function readDay(plan: Plan, d: Dialect, cell: Ref, prefix: string): Ref {
  const iso = plan.add(`${prefix}_iso`, `CASE WHEN ${d.search(cell, ISO_DATE)} THEN ${cell} END`);
  const y = plan.add(`${prefix}_y`, d.toInteger(`substr(${iso}, 1, 4)`));
  const m = plan.add(`${prefix}_m`, d.toInteger(`substr(${iso}, 6, 2)`));
  const day = plan.add(`${prefix}_d`, d.toInteger(`substr(${iso}, 9, 2)`));
  const leap = `((${d.mod(y, '4')} = 0 AND ${d.mod(y, '100')} <> 0) OR ${d.mod(y, '400')} = 0)`;
  const monthLength = `CASE WHEN ${m} IN (4, 6, 9, 11) THEN 30 WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END ELSE 31 END`;
  const valid = `${y} >= 100 AND ${m} BETWEEN 1 AND 12 AND ${day} BETWEEN 1 AND ${monthLength}`;
  // Days from the civil date (H. Hinnant's algorithm), in integers every dialect has.
  const year = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const era = d.intDiv(year, '400');
  const yearOfEra = `(${year} - ${era} * 400)`;
  const dayOfYear = `${d.intDiv(`153 * ${d.mod(`${m} + 9`, '12')} + 2`, '5')} + ${day} - 1`;
  const dayOfEra = `${yearOfEra} * 365 + ${d.intDiv(yearOfEra, '4')} - ${d.intDiv(yearOfEra, '100')} + ${dayOfYear}`;
  const days = `${era} * 146097 + ${dayOfEra} - 719468`;
  return plan.add(`${prefix}_day`, `CASE WHEN ${valid} THEN ${days} END`);
}
