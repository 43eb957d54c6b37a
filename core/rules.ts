/**
 * The rules of SPEC §2, each declared once (see RULES): its name, the reader it reads its cell
 * with, what its Value must be, how it matches, its SQL form, and the words the docs and the panel
 * show for it. The model reader, scoring, the SQL export (core/sql/rules.ts), the panel's
 * autocomplete and hints, and the docs' rule tables (`npm run docs`) all read the one table: a new
 * rule is one declaration here plus its tests (docs/architecture.md, "… a rule").
 */
import { MAX_TERM_LENGTH, didYouMean, normalizeText, splitTerms, wholeWordMatcher } from './text.ts';
import { type Cell, type DayNumber, parseNumberText, parseRange, readText } from './values.ts';

/** How a rule reads its cell. `presence` rules see every cell, blank included. */
export type Reader = 'number' | 'text' | 'boolean' | 'day' | 'presence';

/** What each reader hands a match test: text arrives normalized (see normalizeText). */
export interface ReaderValues {
  number: number;
  text: string;
  boolean: boolean;
  day: DayNumber;
  /** Whether the cell holds a value (neither blank nor a spreadsheet error). */
  presence: boolean;
}

/** The rule's Value, parsed once when the model is read. */
export type Operand =
  | { kind: 'none' }
  | { kind: 'range'; low: number; high: number }
  | { kind: 'number'; value: number }
  | { kind: 'terms'; terms: string[] };

/** What a rule's Value holds: nothing, a range, a number, a number of days above 0, or a term list. */
export type ValueKind = 'none' | 'range' | 'number' | 'days' | 'terms';

/** The Operand each kind of Value is read into. */
export type OperandOf<V extends ValueKind> = Extract<Operand, { kind: { none: 'none'; range: 'range'; number: 'number'; days: 'number'; terms: 'terms' }[V] }>;

/**
 * A match test over a value already read by the rule's reader (never blank or unreadable,
 * except for presence rules). Returns the match factor: 0 no match, 1 match, and for
 * `decays over days` the share of the points still earned.
 */
export type MatchTest = (value: never) => number;

export interface TestContext {
  /** The `as of` day: the reference for `within days` and `decays over days`. */
  asOf: DayNumber;
}

/** What a rule's SQL form is written with; core/sql/rules.ts makes one per dialect and model row. */
export interface SqlKit {
  /** A number literal exactly as JavaScript holds it. */
  number(value: number): string;
  /** The same, typed as a double. */
  double(value: number): string;
  /** An expression cast to a double. */
  toDouble(sql: string): string;
  /** The terms as a list of string literals, each normalized as the text it is compared with. */
  list(terms: readonly string[]): string;
  /** A condition: `text` holds one of the terms as whole words. */
  holds(text: string, terms: readonly string[]): string;
  /** The `as of` day as days since 1970-01-01 (a literal or today). */
  asOf: string;
  /** The row's Points, as a double. */
  points: string;
}

/** A SQL form: the condition alone (the row earns its Points where it holds), or the condition and the points it earns. */
export type SqlForm = string | { match: string; points: string };

/** One rule, declared once. `R` is its reader, `V` what its Value holds. */
export interface RuleDecl<N extends string = string, R extends Reader = Reader, V extends ValueKind = ValueKind> {
  /** The Rule cell's words, as the model writes them (case, spacing, `_` and `-` are forgiven when read). */
  name: N;
  reader: R;
  value: V;
  /** Said after the sentence that rejects a Value (`equals`: how to match text instead). */
  valueTip?: string;
  /** Persona rows may use it: a text rule that reads a job title. */
  persona?: boolean;
  /** SPEC §2's "Value example": the docs' table shows them, the panel's placeholder the first; none when the rule takes no Value. */
  examples: readonly string[];
  /** SPEC §2's "matches when the cell…", in plain words: the docs' table and the panel's autocomplete. */
  matches: string;
  /** The match test for one model row's Value. */
  match(operand: OperandOf<V>, context: TestContext): (value: ReaderValues[R]) => number;
  /** The SQL condition over `read`, the reader's value as SQL (NULL where blank or unreadable). */
  sql(read: string, operand: OperandOf<V>, s: SqlKit): SqlForm;
}

/** A declaration of any rule, as the lookups hand it out. */
export interface Rule<N extends string = string> extends Omit<RuleDecl<N>, 'match' | 'sql'> {
  match(operand: Operand, context: TestContext): MatchTest;
  sql(read: string, operand: Operand, s: SqlKit): SqlForm;
}

/** The declaration, checked against its reader and Value, as a table entry. */
function rule<const N extends string, R extends Reader, V extends ValueKind>(decl: RuleDecl<N, R, V>): Rule<N> {
  return decl as unknown as Rule<N>;
}

// ---- Values ---------------------------------------------------------------------------------

type Parsed<V extends ValueKind> = OperandOf<V> | { problem: string };

const valueText = (value: Cell) => readText(value)?.trim() ?? '';

/** A number in Value; with `days`, a number of days above 0. */
function numberValue(rule: string, value: Cell, tip: string, days: boolean): Parsed<'number'> {
  const text = valueText(value);
  const number = typeof value === 'number' ? value : parseNumberText(text);
  if (number === undefined || (days && number <= 0)) {
    return { problem: `rule "${rule}" needs a number${days ? ' of days above 0' : ''} in Value, not "${text}"${tip}` };
  }
  return { kind: 'number', value: number };
}

/** How each kind of Value is read; `tip` ends the sentence that rejects one. */
const VALUE_PARSERS: { [V in ValueKind]: (rule: string, value: Cell, tip: string) => Parsed<V> } = {
  none: () => ({ kind: 'none' }),
  range(rule, value, tip) {
    const text = valueText(value);
    const range = typeof value === 'number' ? undefined : parseRange(text);
    if (!range) return { problem: `rule "${rule}" needs a range in Value, like 200-2000 or $50M–$500M, not "${text}"${tip}` };
    if (range[0] > range[1]) return { problem: `the range "${text}" runs from high to low; write the low end first` };
    return { kind: 'range', low: range[0], high: range[1] };
  },
  number: (rule, value, tip) => numberValue(rule, value, tip, false),
  days: (rule, value, tip) => numberValue(rule, value, tip, true),
  terms(rule, value, tip) {
    const terms = splitTerms(valueText(value));
    if (terms.length === 0) return { problem: `rule "${rule}" needs a list of terms in Value, like "SaaS, Software"${tip}` };
    const long = terms.find((term) => term.length > MAX_TERM_LENGTH);
    if (long) {
      const shown = long.length > 40 ? `${long.slice(0, 40)}…` : long;
      return {
        problem:
          `the term "${shown}" is ${long.length.toLocaleString('en-US')} characters long; a term can be at most ${MAX_TERM_LENGTH}. ` +
          'Separate terms with commas, semicolons, | or line breaks (spaces do not separate terms)',
      };
    }
    return { kind: 'terms', terms };
  },
};

// ---- The rules ------------------------------------------------------------------------------

/** Days a `decays over days` factor stays above zero: 0.5^1075 rounds to 0 in doubles. */
const LAST_HALF_LIFE = 1075;

const yes = (match: boolean) => (match ? 1 : 0);

export const RULES = [
  rule({
    name: 'between',
    reader: 'number',
    value: 'range',
    examples: ['200-2000', '$50M–$500M', '250 to 2,500'],
    matches: 'is a number in the range, ends inclusive',
    match: ({ low, high }) => (n) => yes(n >= low && n <= high),
    sql: (n, { low, high }, s) => `${n} BETWEEN ${s.number(low)} AND ${s.number(high)}`,
  }),
  rule({
    name: 'at least',
    reader: 'number',
    value: 'number',
    examples: ['100', '$10M'],
    matches: 'is a number ≥ the value',
    match: ({ value }) => (n) => yes(n >= value),
    sql: (n, { value }, s) => `${n} >= ${s.number(value)}`,
  }),
  rule({
    name: 'at most',
    reader: 'number',
    value: 'number',
    examples: ['100', '$10M'],
    matches: 'is a number ≤ the value',
    match: ({ value }) => (n) => yes(n <= value),
    sql: (n, { value }, s) => `${n} <= ${s.number(value)}`,
  }),
  rule({
    name: 'equals',
    reader: 'number',
    value: 'number',
    valueTip: '; to match text use "is any of"',
    examples: ['3'],
    matches: 'is that number',
    match: ({ value }) => (n) => yes(n === value),
    sql: (n, { value }, s) => `${n} = ${s.number(value)}`,
  }),
  rule({
    name: 'is any of',
    reader: 'text',
    value: 'terms',
    persona: true,
    examples: ['SaaS, Software; Internet'],
    matches: 'equals one of the listed terms',
    match({ terms }) {
      const set = new Set(terms.map(normalizeText));
      return (text) => yes(set.has(text));
    },
    sql: (text, { terms }, s) => `${text} IN (${s.list(terms)})`,
  }),
  rule({
    name: 'is none of',
    reader: 'text',
    value: 'terms',
    persona: true,
    examples: ['Gambling, Tobacco'],
    matches: 'is not blank and equals none of the terms',
    match({ terms }) {
      const set = new Set(terms.map(normalizeText));
      return (text) => yes(!set.has(text));
    },
    sql: (text, { terms }, s) => `${text} NOT IN (${s.list(terms)})`,
  }),
  rule({
    name: 'contains any',
    reader: 'text',
    value: 'terms',
    persona: true,
    examples: ['Salesforce, HubSpot'],
    matches: 'holds any of the terms as whole words',
    match({ terms }) {
      const matcher = wholeWordMatcher(terms);
      return (text) => yes(matcher.any(text));
    },
    sql: (text, { terms }, s) => s.holds(text, terms),
  }),
  rule({
    name: 'contains all',
    reader: 'text',
    value: 'terms',
    persona: true,
    examples: ['Salesforce | Outreach'],
    matches: 'holds every one of the terms as whole words',
    match({ terms }) {
      const matcher = wholeWordMatcher(terms);
      return (text) => yes(matcher.count(text) === matcher.size);
    },
    sql: (text, { terms }, s) => `(${terms.map((term) => s.holds(text, [term])).join(' AND ')})`,
  }),
  rule({
    name: 'contains none',
    reader: 'text',
    value: 'terms',
    persona: true,
    examples: ['Pipedrive'],
    matches: 'is not blank and holds none of the terms as whole words',
    match({ terms }) {
      const matcher = wholeWordMatcher(terms);
      return (text) => yes(!matcher.any(text));
    },
    sql: (text, { terms }, s) => `NOT ${s.holds(text, terms)}`,
  }),
  rule({
    name: 'is true',
    reader: 'boolean',
    value: 'none',
    examples: [],
    matches: 'reads as yes',
    match: () => (value) => yes(value),
    sql: (value) => `${value} = TRUE`,
  }),
  rule({
    name: 'is false',
    reader: 'boolean',
    value: 'none',
    examples: [],
    matches: 'reads as no',
    match: () => (value) => yes(!value),
    sql: (value) => `${value} = FALSE`,
  }),
  rule({
    name: 'is blank',
    reader: 'presence',
    value: 'none',
    examples: [],
    matches: 'is empty',
    match: () => (present) => yes(!present),
    sql: (present) => `NOT ${present}`,
  }),
  rule({
    name: 'is not blank',
    reader: 'presence',
    value: 'none',
    examples: [],
    matches: 'has a value',
    match: () => (present) => yes(present),
    sql: (present) => present,
  }),
  rule({
    name: 'within days',
    reader: 'day',
    value: 'days',
    examples: ['90'],
    matches: 'is a date 0–N days before the "as of" day',
    match: ({ value }, { asOf }) => (day) => yes(asOf - day >= 0 && asOf - day <= value),
    sql: (day, { value }, s) => `(${s.asOf} - ${day}) BETWEEN 0 AND ${s.number(value)}`,
  }),
  rule({
    name: 'decays over days',
    reader: 'day',
    value: 'days',
    examples: ['30'],
    matches: 'is a date on or before the "as of" day; its points halve every N days',
    match: ({ value }, { asOf }) => (day) => (day <= asOf ? 0.5 ** ((asOf - day) / value) : 0),
    sql(day, { value }, s) {
      const age = `(${s.asOf} - ${day})`;
      const halfLives = `${s.toDouble(age)} / ${s.double(value)}`;
      return {
        match: `(${age} >= 0 AND ${halfLives} < ${LAST_HALF_LIFE})`,
        points: `${s.points} * power(${s.double(0.5)}, ${halfLives})`,
      };
    },
  }),
] as const;

export type RuleName = (typeof RULES)[number]['name'];

export const RULE_NAMES: readonly RuleName[] = RULES.map((r) => r.name);

/** The rules a persona row may use: text rules, for a job title. */
export const PERSONA_RULES: readonly RuleName[] = RULES.filter((r) => r.persona).map((r) => r.name);

const BY_NAME = new Map<string, Rule>(RULES.map((r) => [r.name, r]));

/** The declaration of a rule by its canonical name, or undefined. */
export function findRule(name: string): Rule | undefined {
  return BY_NAME.get(name);
}

/** `unknown rule "betwen" — did you mean "between"?` */
export function unknownRule(text: string): string {
  return `unknown rule "${text}"${didYouMean(text, RULE_NAMES)}`;
}

/** The declaration of a rule; a name no rule has is a mistake in the calling code, said as a sentence. */
export function ruleNamed(name: string): Rule {
  const found = BY_NAME.get(name);
  if (!found) throw new Error(unknownRule(name));
  return found;
}

export function readerOf(rule: RuleName): Reader {
  return ruleNamed(rule).reader;
}

/** A Rule cell as a rule name, or undefined. Case, spacing, `_` and `-` are forgiven. */
export function parseRuleName(text: string): RuleName | undefined {
  const word = normalizeText(text.replace(/[_-]+/g, ' '));
  return BY_NAME.has(word) ? (word as RuleName) : undefined;
}

/** The Value cell read for its rule, or the sentence that says what is wrong with it. */
export function parseOperand(rule: RuleName, value: Cell): Operand | { problem: string } {
  const decl = ruleNamed(rule);
  return VALUE_PARSERS[decl.value](decl.name, value, decl.valueTip ?? '');
}

export function makeTest(rule: RuleName, operand: Operand, context: TestContext): MatchTest {
  return ruleNamed(rule).match(operand, context);
}
