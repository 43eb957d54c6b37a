/**
 * Whole-word matching (SPEC §2 `contains …`) reads a cell once as words and signs and looks
 * terms up in a trie: the same answers as the regular expression it replaced (the oracle
 * below, kept only here), at a cost linear in the cell whatever the term list.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TERM_LENGTH, normalizeText, wholeWordMatcher } from '../../core/text.ts';

/** The former matcher: a term with no letter or digit right before or after it. */
function oracle(terms: readonly string[], text: string): boolean {
  const alternatives = terms.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

// Few distinct characters, so terms and texts overlap often: letters, digits, signs, spaces, non-ASCII letters.
const charArb = fc.constantFrom('a', 'b', 'c', '1', ' ', '.', '+', '-', '&', 'é', 'ß', '中', '_', '😀', '𝐀');
const termArb = fc.array(charArb, { minLength: 1, maxLength: 6 }).map((c) => normalizeText(c.join(''))).filter((t) => t !== '');
const textArb = fc.array(charArb, { maxLength: 30 }).map((c) => normalizeText(c.join('')));

describe('whole-word matching', () => {
  it('finds a term exactly where the whole-word regular expression does', () => {
    fc.assert(
      fc.property(fc.array(termArb, { minLength: 1, maxLength: 4 }), textArb, (terms, text) => {
        return wholeWordMatcher(terms).any(text) === oracle(terms, text);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts the distinct terms found, as contains all needs', () => {
    fc.assert(
      fc.property(fc.array(termArb, { minLength: 1, maxLength: 4 }), textArb, (terms, text) => {
        const distinct = [...new Set(terms)];
        return wholeWordMatcher(terms).count(text) === distinct.filter((t) => oracle([t], text)).length;
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the SPEC examples: CRO in "CRO, EMEA" but not in "Microsoft"; signs at the edges of a term', () => {
    const m = wholeWordMatcher(['CRO', 'c++', '.net', 'salesforce crm']);
    expect(m.any('cro, emea')).toBe(true);
    expect(m.any('microsoft')).toBe(false);
    expect(m.any('we use c++ daily')).toBe(true);
    expect(m.any('c++x')).toBe(false);
    expect(m.any('asp.net')).toBe(false);
    expect(m.any('asp .net')).toBe(true);
    expect(m.any('salesforce crm')).toBe(true);
    expect(m.any('salesforce crmx')).toBe(false);
  });

  it('matches 1,000 twenty-word terms against a 50,000-character cell of near misses without stalling', () => {
    const words = Array.from({ length: 20 }, (_, i) => `w${i}`);
    // Every term shares its first nineteen words with the cell's repeating text, then differs.
    const terms = Array.from({ length: 1000 }, (_, i) => [...words.slice(0, 19), `end${i}`].join(' '));
    let cell = '';
    while (cell.length < 50_000) cell += `${words.slice(0, 19).join(' ')} `;
    const matcher = wholeWordMatcher(terms);
    expect(matcher.any(normalizeText(cell))).toBe(false);
    expect(matcher.any(normalizeText(`${cell} ${terms[999]}`))).toBe(true);
    expect(terms[0]!.length).toBeLessThanOrEqual(MAX_TERM_LENGTH);
  });
});
