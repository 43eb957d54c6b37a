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

/** The goal learned toward (issue #20): won (the default), retained, value (wins weighed by amount) or expansion. */
export type Goal = 'won' | 'retained' | 'value' | 'expansion';

/** How the report says a goal: the words for an account that reached it and one that did not. */
export interface GoalWords {
  goal: Goal;
  /** What an account counted positive did: won, stayed, grew. */
  did: string;
  /** The same in the present: win, stay, grow ("stay 1.8× as often as the rest"). */
  does: string;
  /** What the others did, "… 61% of the time": lost, churned or lost, did not grow. */
  failed: string;
  /** The accounts judged, in a row's evidence: deals, accounts. */
  units: string;
  /** The accounts judged, in a sentence: decided deals, judged accounts, won accounts judged. */
  judged: string;
  /** The rate: win rate, retention rate, expansion rate. */
  rate: string;
}

const WON_WORDS: GoalWords = { goal: 'won', did: 'won', does: 'win', failed: 'lost', units: 'deals', judged: 'decided deals', rate: 'win rate' };

export const GOAL_WORDS: Record<Goal, GoalWords> = {
  won: WON_WORDS,
  value: { ...WON_WORDS, goal: 'value' },
  retained: { goal: 'retained', did: 'stayed', does: 'stay', failed: 'churned or lost', units: 'accounts', judged: 'judged accounts', rate: 'retention rate' },
  expansion: { goal: 'expansion', did: 'grew', does: 'grow', failed: 'did not grow', units: 'accounts', judged: 'won accounts judged', rate: 'expansion rate' },
};

/** Whether the goal is about the customer's life after the win (its sentences differ from the won goal's). */
export function customerGoal(words: GoalWords): boolean {
  return words.goal === 'retained' || words.goal === 'expansion';
}

/** What a row's evidence shows a person: deals · win rate · lift · effect ± s.e. (accounts · stayed … for the retained goal). */
export function evidenceText(row: { accounts: number; winRate: number | null; lift: number | null; coefficient: number; standardError: number | null }, words: GoalWords = WON_WORDS): string {
  const se = row.standardError === null ? '' : ` ± ${row.standardError.toFixed(2)}`;
  return `${row.accounts} ${words.units} · ${words.did} ${percent(row.winRate)} · lift ${two(row.lift)} · effect ${signed(row.coefficient)}${se}`;
}

/** The evidence of a segment found in the history, as its Note and its row's sentence say it. */
export function foundEvidence(stats: { accounts: number; winRate: number; restRate: number; lift: number }, overall: number, effect: number, se: number, words: GoalWords = WON_WORDS): string {
  const effectText = `effect ${signed(effect)} ± ${two(se)} log-odds next to the other rows`;
  if (!customerGoal(words)) return `${stats.accounts} decided deals, won ${percent(stats.winRate)} against ${percent(stats.restRate)} for the rest and ${percent(overall)} overall (lift ${two(stats.lift)}); ${effectText}`;
  const often = stats.restRate > 0 ? `; they ${words.does} ${(stats.winRate / stats.restRate).toFixed(1)}× as often as the rest` : '';
  return `${stats.accounts} ${words.judged}, ${words.did} ${percent(stats.winRate)} against ${percent(stats.restRate)} for the rest and ${percent(overall)} overall (lift ${two(stats.lift)}${often}); ${effectText}`;
}

/** A segment that rarely reaches the goal, the other way round: "churned or lost 61% of the time against 12% for the rest". */
export function failedEvidence(stats: { winRate: number; restRate: number }, words: GoalWords): string {
  return `${words.failed} ${percent(1 - stats.winRate)} of the time against ${percent(1 - stats.restRate)} for the rest`;
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
