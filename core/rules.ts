/** The rules of SPEC §2: which reader each uses, what its Value must be, and how it matches. */
import { MAX_TERM_LENGTH, normalizeText, splitTerms, wholeWordMatcher } from './text.ts';
import { type Cell, type DayNumber, parseNumberText, parseRange, readText } from './values.ts';

export const RULE_NAMES = [
  'between',
  'at least',
  'at most',
  'equals',
  'is any of',
  'is none of',
  'contains any',
  'contains all',
  'contains none',
  'is true',
  'is false',
  'is blank',
  'is not blank',
  'within days',
  'decays over days',
] as const;

export type RuleName = (typeof RULE_NAMES)[number];

/** How a rule reads its cell. `presence` rules see every cell, blank included. */
export type Reader = 'number' | 'text' | 'boolean' | 'day' | 'presence';

/** The rule's Value, parsed once when the model is read. */
export type Operand =
  | { kind: 'none' }
  | { kind: 'range'; low: number; high: number }
  | { kind: 'number'; value: number }
  | { kind: 'terms'; terms: string[] };

const READERS: Record<RuleName, Reader> = {
  between: 'number',
  'at least': 'number',
  'at most': 'number',
  equals: 'number',
  'is any of': 'text',
  'is none of': 'text',
  'contains any': 'text',
  'contains all': 'text',
  'contains none': 'text',
  'is true': 'boolean',
  'is false': 'boolean',
  'is blank': 'presence',
  'is not blank': 'presence',
  'within days': 'day',
  'decays over days': 'day',
};

export function readerOf(rule: RuleName): Reader {
  return READERS[rule];
}

/** A Rule cell as a rule name, or undefined. Case, spacing, `_` and `-` are forgiven. */
export function parseRuleName(text: string): RuleName | undefined {
  const word = normalizeText(text.replace(/[_-]+/g, ' '));
  return (RULE_NAMES as readonly string[]).includes(word) ? (word as RuleName) : undefined;
}

/** The Value cell read for its rule, or the sentence that says what is wrong with it. */
export function parseOperand(rule: RuleName, value: Cell): Operand | { problem: string } {
  const text = readText(value)?.trim() ?? '';
  const number = typeof value === 'number' ? value : parseNumberText(text);
  switch (rule) {
    case 'between': {
      const range = typeof value === 'number' ? undefined : parseRange(text);
      if (!range) return { problem: `rule "between" needs a range in Value, like 200-2000 or $50M–$500M, not "${text}"` };
      if (range[0] > range[1]) {
        return { problem: `the range "${text}" runs from high to low; write the low end first` };
      }
      return { kind: 'range', low: range[0], high: range[1] };
    }
    case 'at least':
    case 'at most':
    case 'equals':
      if (number === undefined) {
        const hint = rule === 'equals' ? '; to match text use "is any of"' : '';
        return { problem: `rule "${rule}" needs a number in Value, not "${text}"${hint}` };
      }
      return { kind: 'number', value: number };
    case 'within days':
    case 'decays over days':
      if (number === undefined || number <= 0) {
        return { problem: `rule "${rule}" needs a number of days above 0 in Value, not "${text}"` };
      }
      return { kind: 'number', value: number };
    case 'is any of':
    case 'is none of':
    case 'contains any':
    case 'contains all':
    case 'contains none': {
      const terms = splitTerms(text);
      if (terms.length === 0) return { problem: `rule "${rule}" needs a list of terms in Value, like "SaaS, Software"` };
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
    }
    default:
      return { kind: 'none' };
  }
}

/**
 * A match test over a value already read by the rule's reader (never blank or unreadable,
 * except for presence rules). Text arrives normalized (see normalizeText). Returns the match factor: 0 no match, 1 match, and for
 * `decays over days` the share of the points still earned.
 */
export type MatchTest = (value: never) => number;

export interface TestContext {
  /** The `as of` day: the reference for `within days` and `decays over days`. */
  asOf: DayNumber;
}

export function makeTest(rule: RuleName, operand: Operand, context: TestContext): MatchTest {
  const num = operand.kind === 'number' ? operand.value : 0;
  const terms = operand.kind === 'terms' ? operand.terms : [];
  switch (rule) {
    case 'between': {
      const { low, high } = operand as { low: number; high: number };
      return ((n: number) => (n >= low && n <= high ? 1 : 0)) as MatchTest;
    }
    case 'at least':
      return ((n: number) => (n >= num ? 1 : 0)) as MatchTest;
    case 'at most':
      return ((n: number) => (n <= num ? 1 : 0)) as MatchTest;
    case 'equals':
      return ((n: number) => (n === num ? 1 : 0)) as MatchTest;
    case 'is any of':
    case 'is none of': {
      const set = new Set(terms.map(normalizeText));
      const hit = rule === 'is any of' ? 1 : 0;
      return ((text: string) => (set.has(text) ? hit : 1 - hit)) as MatchTest;
    }
    case 'contains any':
    case 'contains none': {
      const matcher = wholeWordMatcher(terms);
      const hit = rule === 'contains any' ? 1 : 0;
      return ((text: string) => (matcher.any(text) ? hit : 1 - hit)) as MatchTest;
    }
    case 'contains all': {
      const matcher = wholeWordMatcher(terms);
      return ((text: string) => (matcher.count(text) === matcher.size ? 1 : 0)) as MatchTest;
    }
    case 'is true':
      return ((yes: boolean) => (yes ? 1 : 0)) as MatchTest;
    case 'is false':
      return ((yes: boolean) => (yes ? 0 : 1)) as MatchTest;
    case 'is blank':
      return ((present: boolean) => (present ? 0 : 1)) as MatchTest;
    case 'is not blank':
      return ((present: boolean) => (present ? 1 : 0)) as MatchTest;
    case 'within days': {
      const { asOf } = context;
      return ((day: number) => (asOf - day >= 0 && asOf - day <= num ? 1 : 0)) as MatchTest;
    }
    case 'decays over days': {
      const { asOf } = context;
      return ((day: number) => (day <= asOf ? 0.5 ** ((asOf - day) / num) : 0)) as MatchTest;
    }
  }
}
