/** The rules of SPEC §2 as SQL conditions over the readers' helper columns: each rule's SQL form is declared in core/rules.ts. */
import { ModelError, type ModelIssue } from '../errors.ts';
import type { Model, ModelEntry } from '../model.ts';
import { type Reader, type Rule, type SqlKit, findRule, unknownRule } from '../rules.ts';
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

/** The problem with a model row whose rule has no declaration (core/rules.ts), or undefined. */
function ruleIssue(entry: ModelEntry): ModelIssue | undefined {
  if (entry.rule === null ? entry.kind !== 'criterion' && entry.kind !== 'exclude' : findRule(entry.rule)) return undefined;
  const text = String(entry.rule ?? '');
  const message = text ? unknownRule(text) : `a ${entry.kind} row needs a Rule`;
  return { code: text ? 'unknown_rule' : 'missing_rule', row: entry.row, column: 'Rule', value: text, message: `${message}; no SQL was written` };
}

/**
 * Every model row's rule has a SQL form: a model built by code rather than read from a sheet
 * (readModel refuses an unknown rule) is refused here, each bad row named, never compiled as a guess.
 */
export function checkRules(model: Model): void {
  const issues = model.entries.map(ruleIssue).filter((issue) => issue !== undefined);
  if (issues.length > 0) throw new ModelError(issues);
}

function ruleOf(entry: ModelEntry): Rule {
  const issue = ruleIssue(entry);
  if (issue) throw new ModelError([issue]);
  return findRule(entry.rule!)!;
}

/** How each reader's value is had from a column's readers. */
const READ: Record<Reader, (readers: ColumnReaders) => string> = {
  number: (r) => r.number(),
  text: (r) => r.text(),
  boolean: (r) => r.boolean(),
  day: (r) => r.day(),
  presence: (r) => r.present(),
};

/** A model row as SQL: its rule's SQL form (core/rules.ts) over the reader's helper column. */
export function bandSql(entry: ModelEntry, readers: ColumnReaders, context: RuleContext): BandSql {
  const { d, asOf } = context;
  const rule = ruleOf(entry);
  const points = doubleLiteral(d, entry.points);
  const holds = (text: string, terms: readonly string[]) => d.search(text, wholeWords(d, terms.map(normalizeText)), true);
  const kit: SqlKit = {
    number: (value) => numberLiteral(d, value),
    double: (value) => doubleLiteral(d, value),
    toDouble: (sql) => d.toDouble(sql),
    list: (terms) => terms.map((term) => d.string(normalizeText(term))).join(', '),
    holds,
    asOf,
    points,
  };
  const read = READ[rule.reader](readers);
  const form = rule.sql(read, entry.operand, kit);
  // Presence rules read no helper column: `missing = skip` sees their cell as read.
  const helper = rule.reader === 'presence' ? null : read;
  return typeof form === 'string' ? { match: form, points, read: helper } : { ...form, read: helper };
}
