/** The rules of SPEC §2 (core/rules.ts) as SQL conditions over the readers' helper columns. */
import type { ModelEntry } from '../model.ts';
import { readerOf } from '../rules.ts';
import { normalizeText } from '../text.ts';
import type { Dialect } from './dialects.ts';
import { wholeWords } from './patterns.ts';
import type { ColumnReaders } from './readers.ts';

/** One model row (a band of a criterion, or an exclusion) as SQL. */
export interface BandSql {
  /** True where the row's rule matches; NULL counts as no match. */
  match: string;
  /** The points the band earns where it matches (`decays over days` scales them). */
  points: string;
  /** The reader's helper column, NULL where blank or unreadable; null for presence rules. */
  read: string | null;
}

export interface RuleContext {
  d: Dialect;
  /** The `as of` day as days since 1970-01-01 (a literal or today). */
  asOf: string;
}

/** A number exactly as JavaScript holds it: integers plain, others parsed from their shortest text. */
export function numberLiteral(d: Dialect, value: number): string {
  if (Number.isSafeInteger(value)) return String(value);
  return d.toDouble(d.string(String(value)));
}

/** The same, typed as a double (sums must be in doubles, as the core's are). */
export function doubleLiteral(d: Dialect, value: number): string {
  return Number.isSafeInteger(value) ? d.toDouble(String(value)) : numberLiteral(d, value);
}

/** Days a `decays over days` factor stays above zero: 0.5^1075 rounds to 0 in doubles. */
const LAST_HALF_LIFE = 1075;

export function bandSql(entry: ModelEntry, readers: ColumnReaders, context: RuleContext): BandSql {
  const { d, asOf } = context;
  const num = (value: number) => numberLiteral(d, value);
  const points = doubleLiteral(d, entry.points);
  const rule = entry.rule!;
  const operand = entry.operand;
  const terms = operand.kind === 'terms' ? operand.terms.map(normalizeText) : [];
  const value = operand.kind === 'number' ? operand.value : 0;
  const simple = (match: string, read: string | null): BandSql => ({ match, points, read });

  switch (readerOf(rule)) {
    case 'presence':
      return simple(rule === 'is blank' ? `NOT ${readers.present()}` : readers.present(), null);
    case 'boolean': {
      const yes = readers.boolean();
      return simple(`${yes} = ${rule === 'is true' ? 'TRUE' : 'FALSE'}`, yes);
    }
    case 'number': {
      const n = readers.number();
      if (operand.kind === 'range') return simple(`${n} BETWEEN ${num(operand.low)} AND ${num(operand.high)}`, n);
      const op = rule === 'at least' ? '>=' : rule === 'at most' ? '<=' : '=';
      return simple(`${n} ${op} ${num(value)}`, n);
    }
    case 'text': {
      const text = readers.text();
      const list = terms.map(d.string).join(', ');
      switch (rule) {
        case 'is any of':
          return simple(`${text} IN (${list})`, text);
        case 'is none of':
          return simple(`${text} NOT IN (${list})`, text);
        case 'contains any':
          return simple(d.search(text, wholeWords(d, terms), true), text);
        case 'contains none':
          return simple(`NOT ${d.search(text, wholeWords(d, terms), true)}`, text);
        default:
          return simple(`(${terms.map((term) => d.search(text, wholeWords(d, [term]), true)).join(' AND ')})`, text);
      }
    }
    case 'day': {
      const day = readers.day();
      const age = `(${asOf} - ${day})`;
      if (rule === 'within days') return simple(`${age} BETWEEN 0 AND ${num(value)}`, day);
      const halfLives = `${d.toDouble(age)} / ${doubleLiteral(d, value)}`;
      return {
        match: `(${age} >= 0 AND ${halfLives} < ${LAST_HALF_LIFE})`,
        points: `${points} * power(${doubleLiteral(d, 0.5)}, ${halfLives})`,
        read: day,
      };
    }
  }
}
