/**
 * The regular expressions the core's value reading uses (core/values.ts, core/text.ts),
 * rewritten for SQL engines. Neutral syntax: `(?:…)` groups, `[…]` classes, `^`/`$`
 * anchors, no lookarounds, no `\d`/`\s` (engines disagree on them), letters spelled out
 * as `[uU]` instead of a case-insensitive flag (engines fold case more widely than
 * JavaScript does). Engine-specific pieces come from the dialect.
 */
import type { Dialect } from './dialects.ts';

/** The characters JavaScript's `\s` and `String.prototype.trim` treat as white space. */
const WHITE_SPACE = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, [0x2000, 0x200a], 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff] as const;

/** One white-space character, as JavaScript's `\s`; with `exceptSpace`, any but the plain space. */
export function whiteSpace(d: Dialect, exceptSpace = false): string {
  const parts = WHITE_SPACE.filter((code) => !(exceptSpace && code === 0x20)).map((code) =>
    typeof code === 'number' ? (code === 0x20 ? ' ' : d.regexChar(code)) : `${d.regexChar(code[0])}-${d.regexChar(code[1])}`,
  );
  return `[${parts.join('')}]`;
}

/** `[aA]` for each ASCII letter: case-insensitive the way JavaScript's non-unicode `i` flag is. */
export function anyCase(word: string): string {
  return word.replace(/[a-z]/gi, (letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`);
}

/** A literal text inside a pattern. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const CURRENCY_SIGNS = '$€£¥₹₩₽₺₪¢';
const CURRENCY_CODES = ['usd', 'eur', 'gbp', 'cad', 'aud', 'chf', 'jpy', 'inr'];

/** values.ts CURRENCY: a currency sign, or a currency code standing as its own ASCII word. */
export function currency(d: Dialect): string {
  return `[${CURRENCY_SIGNS}]|${d.asciiWordStart}(?:${CURRENCY_CODES.map(anyCase).join('|')})${d.asciiWordEnd}`;
}

const DIGIT = '[0-9]';
/** values.ts SINGLE's number part: digits with comma groups of three or none, decimals. */
const DIGITS = `(?:${DIGIT}{1,3}(?:,${DIGIT}{3})+(?:\\.${DIGIT}*)?|${DIGIT}+(?:\\.${DIGIT}*)?|\\.${DIGIT}+)`;
const SUFFIX = `(?:${['k', 'mm', 'mn', 'm', 'bn', 'b', 't'].map(anyCase).join('|')})`;

/** values.ts SINGLE: one number, whole text (sign, digits, K/M/B suffix, trailing +, %). */
export const SINGLE = `^[-+]?${DIGITS}${SUFFIX}?\\+?%?$`;

const RANGE_LOW = `\\+?[0-9.,]+${SUFFIX}?`;
const RANGE_HIGH = `[0-9.,]+${SUFFIX}?\\+?`;
const RANGE_JOIN = `(?:-|–|—|${anyCase('to')})`;

/** values.ts RANGE: two unsigned numbers joined by a dash or "to". `capture` picks the end that captures. */
export function range(capture?: 'low' | 'high'): string {
  const low = capture === 'low' ? `(${RANGE_LOW})` : `(?:${RANGE_LOW})`;
  const high = capture === 'high' ? `(${RANGE_HIGH})` : `(?:${RANGE_HIGH})`;
  return `^${low}${RANGE_JOIN}${high}$`;
}

const ERRORS = ['N/A', 'REF!', 'VALUE!', 'DIV/0!', 'NAME?', 'NUM!', 'NULL!', 'ERROR!', 'SPILL!', 'CALC!', 'GETTING_DATA', 'BUSY!', 'FIELD!', 'BLOCKED!', 'CONNECT!', 'UNKNOWN!'];

/** values.ts SPREADSHEET_ERROR over trimmed text: `#N/A`, `#REF!`, … in any case. */
export const ERROR_TEXT = `^#(?:${ERRORS.map((e) => anyCase(escapeRegex(e))).join('|')})$`;

/** values.ts ISO_DATE: a day, optionally with a time and zone that are not read. */
export const ISO_DATE =
  `^${DIGIT}{4}-${DIGIT}{2}-${DIGIT}{2}` +
  `(?:[T ]${DIGIT}{2}:${DIGIT}{2}(?::${DIGIT}{2}(?:\\.${DIGIT}+)?)?(?: ?(?:Z|[-+]${DIGIT}{2}(?::?${DIGIT}{2})?))?)?$`;

/**
 * text.ts wholeWordPattern without lookarounds: a term with no letter or digit right
 * before or after it. Terms arrive lower-cased and single-spaced, as the text they search.
 */
export function wholeWords(d: Dialect, terms: readonly string[]): string {
  const edge = `[^${d.letterOrDigit}]`;
  return `(?:^|${edge})(?:${terms.map(escapeRegex).join('|')})(?:${edge}|$)`;
}
