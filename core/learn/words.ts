/**
 * The learner's sentences and numbers as a person reads them, in one place: the core writes its
 * notes with them, `icp learn` its summary and Markdown report, and the panel's Learn tab its
 * rows, so the three say the same thing the same way.
 */

/** Whole percent, or a dash when there is nothing to divide. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : `${Math.round(value * 100)}%`;
}

/** Two decimals, or a dash. */
export function two(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(2);
}

/** Two decimals with a sign: +1.45, -0.30. */
export function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}

/** A whole number with a sign: +12, -4, 0. */
export function signedWhole(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? word : many}`;
}

/** A list as a sentence: "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** One worksheet row's condition: `Industry is any of Fintech`. */
export function conditionText(row: { field: string; rule: string; value: string }): string {
  return `${row.field} ${row.rule}${row.value ? ` ${row.value}` : ''}`;
}

/** A row's rule, with a pair's `and` row: `Industry is any of Fintech and Region is any of EMEA`. */
export function ruleText(row: { field: string; rule: string; value: string; and?: { field: string; rule: string; value: string } | null }): string {
  return row.and ? `${conditionText(row)} and ${conditionText(row.and)}` : conditionText(row);
}

/** What a row's evidence shows a person: deals · win rate · lift · effect ± s.e. */
export function evidenceText(row: { accounts: number; winRate: number | null; lift: number | null; coefficient: number; standardError: number | null }): string {
  const se = row.standardError === null ? '' : ` ± ${row.standardError.toFixed(2)}`;
  return `${row.accounts} deals · won ${percent(row.winRate)} · lift ${two(row.lift)} · effect ${signed(row.coefficient)}${se}`;
}

/** The evidence of a segment found in the history, as its Note and its row's sentence say it. */
export function foundEvidence(stats: { accounts: number; winRate: number; restRate: number; lift: number }, overall: number, effect: number, se: number): string {
  return `${stats.accounts} decided deals, won ${percent(stats.winRate)} against ${percent(stats.restRate)} for the rest and ${percent(overall)} overall (lift ${two(stats.lift)}); effect ${signed(effect)} ± ${two(se)} log-odds next to the other rows`;
}

/** How a status reads in the panel. */
export const STATUS_LABEL = {
  raised: 'raised',
  lowered: 'lowered',
  unchanged: 'unchanged',
  thin: 'thin evidence: kept',
  negative: 'harmful: negative',
  'candidate exclusion': 'candidate exclusion',
  'exclusion supported': 'exclusion supported',
  'exclusion not supported': 'exclusion not supported: review',
  'exclusion thin': 'thin evidence: kept',
  new: 'found in history',
  'new exclusion': 'found: exclude',
  moved: 'band moved',
  'not adopted': 'tried, not adopted',
} as const;

/** The recency weighting chosen, as a sentence. */
export function recencySentence(halfLifeDays: number | null, timed: boolean): string {
  if (halfLifeDays !== null) {
    return `Recent deals weigh more: a deal's weight halves every ${halfLifeDays} days, because on the newest of the learning deals this weighting predicted outcomes better than weighing every deal alike.`;
  }
  return timed
    ? 'Every deal weighs the same: weighing recent deals more did not predict the newest of the learning deals better.'
    : 'Every deal weighs the same (without closed or created dates, recent deals cannot be told apart).';
}

/** The one sentence on how the suggestion was made and judged. */
export function procedureSentence(method: 'time split' | 'k-fold', decided: number, folds: number): string {
  return method === 'time split'
    ? `One procedure chose the rows, the penalty and the recency weighting on the older deals and was judged on the newest; the model written is that same procedure applied to all ${decided} decided deals.`
    : `One procedure chose the rows, the penalty and the recency weighting without the deals it was judged on (${folds} times, each deal held out once); the model written is that same procedure applied to all ${decided} decided deals.`;
}
