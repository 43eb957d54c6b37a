import { closest, distance } from 'fastest-levenshtein';

/** Lower-case, trimmed, inner runs of white space folded to one space: how text is compared. */
export function normalizeText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A header or Field reduced to letters and digits: `Employee Count` = `employee_count` (SPEC §3). */
export function headerKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Split a term list on commas, semicolons, `|` and line breaks; blank terms dropped. */
export function splitTerms(list: string): string[] {
  return list
    .split(/[,;|\r\n]+/)
    .map((term) => term.trim().replace(/\s+/g, ' '))
    .filter((term) => term.length > 0);
}

/** A term may be at most this long: matching costs at most this many steps per word of the cell. */
export const MAX_TERM_LENGTH = 200;

/** Letters and digits of every script: what a word is made of. */
const WORD = /^[\p{L}\p{N}]/u;
/** A word (a run of letters and digits), or any other single character. */
const TOKEN = /[\p{L}\p{N}]+|[^\p{L}\p{N}]/gsu;

/** A letter or digit at `lastIndex` (sticky): for characters beyond ASCII. */
const WORD_AT = /[\p{L}\p{N}]/uy;

/** Is the character (code point) at `at` a letter or digit? ASCII by comparison, the rest by \p{L}\p{N}. */
function isWordAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  WORD_AT.lastIndex = at;
  return WORD_AT.test(text);
}

/** The length in code units of the character at `at` (2 for a surrogate pair). */
function charLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? 2 : 1;
}

/** Where the token starting at `at` ends: after a run of letters and digits, or after one other character. */
function tokenEnd(text: string, at: number): number {
  if (!isWordAt(text, at)) return at + charLength(text, at);
  let end = at + charLength(text, at);
  while (end < text.length && isWordAt(text, end)) end += charLength(text, end);
  return end;
}

/** Text as its tokens: each run of letters and digits, and every other character on its own. */
export function wordTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** The term that ends here (its index among the distinct terms), or -1. */
  term: number;
  /** The term ends in a sign, not a word: the token after it must not be a word either. */
  signEnd: boolean;
}

/** Finds terms as whole words in text: `any` (is one there?) and `count` (how many distinct ones?). */
export interface WholeWordMatcher {
  /** Distinct terms (after normalizeText). */
  size: number;
  any(text: string): boolean;
  /** How many of the distinct terms occur; stops early once `enough` are found. */
  count(text: string, enough?: number): number;
}

/**
 * Finds any of the terms as whole words: not inside a larger word, so `CRO` finds "CRO, EMEA"
 * but not "Microsoft". Terms and text are compared after normalizeText (case and inner spacing
 * ignored), and the text is expected normalized already.
 *
 * The cell is read once as tokens (words and single signs), and each term is a
 * sequence of tokens in a trie, so the cost is the cell's tokens times at most a term's
 * tokens (≤ MAX_TERM_LENGTH), whatever the number of terms: no regular expression is built
 * from the terms. A term matches where its tokens appear in a row and, when it starts (ends)
 * with a sign rather than a word, no word touches it before (after) — which is exactly
 * "no letter or digit right before or after the term".
 */
export function wholeWordMatcher(terms: readonly string[]): WholeWordMatcher {
  const distinct = [...new Set(terms.map(normalizeText).filter((t) => t !== ''))];
  const root: TrieNode = { next: new Map(), term: -1, signEnd: false };
  distinct.forEach((term, index) => {
    const tokens = wordTokens(term);
    let node = root;
    for (const token of tokens) {
      let child = node.next.get(token);
      if (!child) node.next.set(token, (child = { next: new Map(), term: -1, signEnd: false }));
      node = child;
    }
    node.term = index;
    node.signEnd = !WORD.test(tokens[tokens.length - 1]!);
  });
  // With a few terms, most cells hold none of their first words at all: a native substring
  // search says so before any token is read (a match needs its first token in the text).
  const firsts = root.next.size <= 16 ? [...root.next.keys()] : null;
  /**
   * Finds the terms in the text: with `seen`, adds each one found to it and stops once it holds
   * `enough`; without, stops at the first. True when it stopped early.
   */
  const scan = (text: string, seen: Set<number> | null, enough: number): boolean => {
    if (firsts && !firsts.some((first) => text.includes(first))) return false;
    // Tokens are read in place (no array per cell): a cell is most often a few words.
    let previousWord = false;
    for (let at = 0; at < text.length; ) {
      const end = tokenEnd(text, at);
      const word = isWordAt(text, at);
      const first = root.next.get(text.slice(at, end));
      // A term that starts with a sign needs a non-word before it (a word start has one already).
      if (first && (word || !previousWord)) {
        let node = first;
        for (let next = end; ; ) {
          const after = next < text.length ? tokenEnd(text, next) : next;
          if (node.term >= 0 && !(node.signEnd && after > next && isWordAt(text, next))) {
            if (!seen || seen.add(node.term).size >= enough) return true;
          }
          if (after === next) break;
          const child = node.next.get(text.slice(next, after));
          if (!child) break;
          node = child;
          next = after;
        }
      }
      previousWord = word;
      at = end;
    }
    return false;
  };
  return {
    size: distinct.length,
    any(text) {
      return scan(text, null, 1);
    },
    count(text, enough = distinct.length) {
      const seen = new Set<number>();
      scan(text, seen, enough);
      return seen.size;
    },
  };
}

/** The nearest of `choices` to `word`, when it is close enough to be a likely typo. */
export function suggest(word: string, choices: readonly string[]): string | undefined {
  const typed = normalizeText(word);
  if (typed === '' || choices.length === 0) return undefined;
  const best = closest(typed, [...choices]);
  const allowed = Math.max(2, Math.floor(best.length / 3));
  return distance(typed, best) <= allowed ? best : undefined;
}

/** `did you mean "x"?` or nothing. */
export function didYouMean(word: string, choices: readonly string[]): string {
  const near = suggest(word, choices);
  return near === undefined ? '' : ` — did you mean "${near}"?`;
}

/** A list of names for a sentence: `"a", "b" and "c"`. */
export function quoteList(items: readonly string[], limit = 12): string {
  const quoted = items.slice(0, limit).map((item) => `"${item}"`);
  const rest = items.length - quoted.length;
  if (rest > 0) return `${quoted.join(', ')} and ${rest} more`;
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
