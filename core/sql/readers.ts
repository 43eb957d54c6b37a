/**
 * Value reading (SPEC §2, core/values.ts) as SQL: each prospect column is read once per
 * reader the model uses on it, into helper columns that are NULL where the core's reader
 * gives blank or unreadable (both count as blank for scoring).
 */
import type { Dialect } from './dialects.ts';
import { type Plan, type Ref } from './plan.ts';
import { ERROR_TEXT, ISO_DATE, SINGLE, SUFFIX_LETTERS, currency, range, whiteSpace } from './patterns.ts';

const TRUE_WORDS = ['true', 'yes', 'y', '1', 'x', '✓', '✔', '☑'];
const FALSE_WORDS = ['false', 'no', 'n', '0'];

/** The readers of one prospect column. Each helper is made on first use. */
export interface ColumnReaders {
  /** The column as text. */
  raw: Ref;
  /** True where the cell is empty or white space only (a spreadsheet error is not blank). */
  blank(): string;
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

/** `source` is the SQL that names the column in the first layer; `prefix` names its helpers. */
export function columnReaders(plan: Plan, d: Dialect, source: string, prefix: string): ColumnReaders {
  const ws = whiteSpace(d);
  const raw = plan.add(`${prefix}_raw`, d.asText(source));
  let trimmed: Ref | undefined;
  const trim = (): Ref => (trimmed ??= plan.add(`${prefix}_trim`, d.replaceAll(raw, `^${ws}+|${ws}+$`, '')));
  let cell: Ref | undefined;
  const readCell = (): Ref => {
    if (cell) return cell;
    const t = trim();
    const error = `(length(${raw}) <= 16 AND ${d.search(t, ERROR_TEXT)})`;
    cell = plan.add(`${prefix}_cell`, `CASE WHEN ${t} = '' OR ${error} THEN NULL ELSE ${t} END`);
    return cell;
  };

  return {
    raw,
    blank: () => `(${trim()} IS NULL OR ${trim()} = '')`,
    cell: readCell,
    present: () => `(${readCell()} IS NOT NULL)`,
    text: () => {
      const c = readCell();
      return plan.add(`${prefix}_text`, `lower(${d.replaceAll(c, `${ws}+`, ' ')})`);
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
  value: Ref;
  suffix: Ref;
  multiplier: string;
}

const MULTIPLIER_CASES: [string[], string][] = [
  [['k'], '1000'],
  [['m', 'mm', 'mn'], '1000000'],
  [['b', 'bn'], '1000000000'],
  [['t'], '1000000000000'],
];

function multiplierOf(d: Dialect, suffix: string): string {
  const cases = MULTIPLIER_CASES.map(([words, value]) => `WHEN ${suffix} IN (${words.map(d.string).join(', ')}) THEN ${value}`);
  return `(CASE ${cases.join(' ')} ELSE 1 END)`;
}

/**
 * values.ts parseSingle over `text`, where `ok` says the text matches SINGLE. The parts are
 * found with trims: the match guarantees at most one sign, then digits, then suffix letters.
 */
function parseSingle(plan: Plan, d: Dialect, text: Ref, ok: Ref, name: string): ParsedSingle {
  const body = plan.add(`${name}_body`, `CASE WHEN ${ok} THEN rtrim(ltrim(${text}, '+-'), '+%') END`);
  const digits = plan.add(`${name}_digits`, `rtrim(${body}, '${SUFFIX_LETTERS}')`);
  const suffix = plan.add(`${name}_suffix`, `lower(substr(${body}, length(${digits}) + 1))`);
  const multiplier = multiplierOf(d, suffix);
  const scaled = `${d.parseDouble(`replace(${digits}, ',', '')`)} * ${multiplier}`;
  const percent = `CASE WHEN right(${text}, 1) = '%' THEN ${scaled} / 100 ELSE ${scaled} END`;
  const value = plan.add(`${name}_value`, `CASE WHEN left(${text}, 1) = '-' THEN -(${percent}) ELSE ${percent} END`);
  return { value, suffix, multiplier };
}

/** values.ts readNumber over text: one number, or a range read as its midpoint. */
function readNumber(plan: Plan, d: Dialect, cell: Ref, prefix: string): Ref {
  const ws = whiteSpace(d);
  const compact = plan.add(`${prefix}_compact`, d.replaceAll(cell, `${currency(d)}|${ws}+`, ''));
  const isSingle = plan.add(`${prefix}_is_single`, d.search(compact, SINGLE));
  const single = parseSingle(plan, d, compact, isSingle, `${prefix}_single`);

  // parseRange strips currency from its (already compact) input once more.
  const rangeText = plan.add(`${prefix}_range`, `CASE WHEN NOT ${isSingle} THEN ${d.replaceAll(compact, currency(d), '')} END`);
  const isRange = plan.add(`${prefix}_is_range`, d.search(rangeText, range()));
  const lowText = plan.add(`${prefix}_low_text`, `CASE WHEN ${isRange} THEN ${d.extract(rangeText, range('low'))} END`);
  const highText = plan.add(`${prefix}_high_text`, `CASE WHEN ${isRange} THEN ${d.extract(rangeText, range('high'))} END`);
  const lowOk = plan.add(`${prefix}_low_ok`, d.search(lowText, SINGLE));
  const highOk = plan.add(`${prefix}_high_ok`, d.search(highText, SINGLE));
  const low = parseSingle(plan, d, lowText, lowOk, `${prefix}_low`);
  const high = parseSingle(plan, d, highText, highOk, `${prefix}_high`);
  // "$50-500M": a suffix written once applies to both ends.
  const lowValue = `CASE WHEN ${low.suffix} = '' AND ${high.suffix} <> '' THEN ${low.value} * ${high.multiplier} ELSE ${low.value} END`;
  const midpoint = `CASE WHEN ${lowOk} AND ${highOk} THEN (${lowValue} + ${high.value}) / 2 END`;
  return plan.add(
    `${prefix}_num`,
    `CASE WHEN ${isSingle} THEN ${single.value} ELSE ${midpoint} END`,
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
