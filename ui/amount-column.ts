/**
 * Which column of a scored sheet holds the deal amount that a tier summary sums: a deal's own
 * value (Amount, ACV, Deal size, Opportunity amount, Bookings…), never the size of the company
 * (Revenue, Annual revenue, the company's ARR, Employees, Funding amount). Summing the company's
 * revenue as "amount" gives a meaningless total, so a header that only says Revenue or ARR is not
 * picked: the person picks it if that is what they mean. Pure: header names in, a header out.
 */
import { normalizeText } from '../core/index.ts';

export interface AmountChoice {
  /** The header chosen, or '' when no header names a deal amount. */
  header: string;
  /** Why, as the panel says it: `its name says deal amount ("ACV")`. */
  reason: string;
}

/** Words that make a header about the company, its funding or its people, not a deal. */
const COMPANY_WORDS = new Set([
  'company', 'companies', 'firm', 'organization', 'organisation', 'org', 'business', 'employer',
  'employees', 'employee', 'headcount', 'staff', 'fte', 'ftes', 'people',
  'funding', 'raised', 'raise', 'investment', 'valuation', 'capital', 'cap', 'market',
  'budget', 'spend', 'wallet',
]);
/** Words that tie a revenue-like word (ARR, MRR, revenue, value, size) to the deal itself. */
const DEAL_WORDS = new Set([
  'deal', 'deals', 'opportunity', 'opportunities', 'opp', 'opps', 'oppty', 'won', 'closed', 'booked',
  'contract', 'order', 'new', 'expansion', 'upsell', 'quote', 'quoted', 'pipeline', 'sale',
]);
/** Pipeline adjustments: a plain amount is preferred over these when both are there. */
const ADJUSTED_WORDS = new Set(['weighted', 'expected', 'forecast', 'forecasted', 'probability', 'projected']);

/** A header's words, lower case; camelCase and API names split too (`AnnualRevenue`, `Opp_Amount__c`). */
function wordsOf(header: string): string[] {
  const words = normalizeText(header.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2'))
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  // "Amount in company currency" (HubSpot) is a deal's amount, converted: the company here is ours.
  return words.filter((word, i) => !(COMPANY_WORDS.has(word) && words[i + 1] === 'currency'));
}

/** How strongly a header's words say "deal amount": 0 = not at all; higher is likelier. */
function dealAmountRank(words: readonly string[]): number {
  const has = (word: string) => words.includes(word);
  const phrase = (...parts: string[]) => words.some((_, i) => parts.every((part, j) => words[i + j] === part));
  const dealWord = words.some((w) => DEAL_WORDS.has(w));
  if (words.some((w) => COMPANY_WORDS.has(w))) return 0;
  // The company's own size, even with a deal word nearby ("Account revenue band").
  if (has('account') && !has('amount')) return 0;
  if (has('amount')) return 5;
  if (has('acv') || has('tcv') || phrase('contract', 'value') || phrase('annual', 'contract', 'value')) return 4;
  if (phrase('deal', 'size') || phrase('deal', 'value') || phrase('opportunity', 'value') || phrase('opportunity', 'size') || has('bookings') || has('booking')) return 3;
  // ARR, MRR, revenue or value only when tied to the deal: "New ARR", "Closed won revenue".
  if ((has('arr') || has('mrr') || has('revenue') || has('value') || has('price')) && dealWord) return 2;
  return 0;
}

/** The deal amount column among `headers`, or '' (see the module comment). */
export function chooseAmountColumn(headers: readonly string[]): AmountChoice {
  let best: { header: string; rank: number } | null = null;
  for (const header of headers) {
    if (!header.trim()) continue;
    const words = wordsOf(header);
    const base = dealAmountRank(words);
    if (base === 0) continue;
    // Within a kind, a plain amount beats a weighted or expected one.
    const rank = base * 2 - (words.some((w) => ADJUSTED_WORDS.has(w)) ? 1 : 0);
    if (!best || rank > best.rank) best = { header, rank };
  }
  return best
    ? { header: best.header, reason: `its name says deal amount ("${best.header}")` }
    : { header: '', reason: 'no column is named like a deal amount (Amount, ACV, Deal size, Bookings…)' };
}
