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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern that finds any of the terms as whole words: not inside a larger word,
 * so `CRO` finds "CRO, EMEA" but not "Microsoft". Case and inner spacing are ignored.
 */
export function wholeWordPattern(terms: readonly string[]): RegExp {
  const alternatives = terms
    .map((term) => escapeRegExp(term).replace(/ /g, '\\s+'))
    .sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
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
