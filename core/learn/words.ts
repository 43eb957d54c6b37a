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

// ---- decisions first (issue 21): what to do, in an analyst's words, then the evidence ---------

type Cond = { field: string; rule: string; value: string };

/** What a decision sentence reads of a row (a SuggestedRow has all of it). */
export interface DecisionRow {
  kind: 'criterion' | 'exclude';
  name: string;
  field: string;
  rule: string;
  value: string;
  and?: Cond | null;
  /** A model criterion's own `and` rows. */
  conditions?: readonly Cond[];
  origin: 'model' | 'found' | 'moved';
  status: string;
  currentPoints: number | null;
  suggestedPoints: number | null;
  triedPoints: number | null;
  previousValue?: string;
  accounts: number;
  winRate: number | null;
  winRateRest: number | null;
}

/** A list as a choice: "a", "a or b", "a, b or c". */
function eitherOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** One condition as the accounts it names: `Healthcare`, `Series A or Seed`, `Has RevOps`, `Employees 80-400`. */
function conditionWords(c: { field: string; rule: string; value: string }): { words: string; named: boolean } {
  const rule = c.rule.trim().toLowerCase();
  const values = c.value.split(/\s*,\s*/).filter(Boolean);
  if (rule === 'is any of' || rule === 'is' || rule === 'equals') return { words: values.length > 3 ? `${values.slice(0, 3).join(', ')} …` : eitherOf(values), named: true };
  if (rule === 'is true') return { words: c.field, named: false };
  if (rule === 'is false') return { words: `no ${c.field}`, named: false };
  if (rule === 'is blank') return { words: `${c.field} blank`, named: false };
  if (rule === 'is none of') return { words: `${c.field} other than ${values.join(' or ')}`, named: false };
  if (rule === 'within days') return { words: `${c.field} in the last ${c.value} days`, named: false };
  if (rule === 'contains any') return { words: `${values.slice(0, 3).join(', ')}${values.length > 3 ? ' …' : ''} in ${c.field}`, named: false };
  return { words: `${c.field} ${rule} ${c.value}`.trim(), named: false };
}

/** The accounts a row names, as a person says it: `Healthcare accounts`, `North America and Series A accounts`, `Accounts with Has RevOps`. */
export function accountsText(row: { field: string; rule: string; value: string; and?: Cond | null; conditions?: readonly Cond[] }): string {
  const parts = [row, ...(row.and ? [row.and] : []), ...(row.conditions ?? [])].map(conditionWords);
  if (parts.every((p) => p.named)) return `${parts.map((p) => p.words).join(' and ')} accounts`;
  return `Accounts with ${parts.map((p) => p.words).join(' and ')}`;
}

/** `win 1.6× as often as the rest`, or `win 0.6× as often as the rest`, from the row's win rates. */
export function oftenText(winRate: number | null, rest: number | null): string {
  if (winRate === null) return 'have no decided deals';
  if (rest === null || rest <= 0) return `win ${percent(winRate)} of their deals`;
  const ratio = winRate / rest;
  return `win ${ratio < 1 ? 'only ' : ''}${ratio.toFixed(1)}× as often as the rest`;
}

function pointsWord(points: number): string {
  return `${Math.abs(points)} point${Math.abs(points) === 1 ? '' : 's'}`;
}

/** What to do with a row, without the evidence: `give them 15 points`, `lower RevOps function from 10 to 5 points`. */
export function actionText(row: DecisionRow): string {
  const to = row.triedPoints ?? row.suggestedPoints;
  const from = row.currentPoints;
  if (row.kind === 'exclude') {
    if (row.status === 'new exclusion') return 'exclude them';
    if (row.status === 'exclusion not supported') return 'review this exclusion: the history does not show they lose';
    if (row.status === 'exclusion thin') return 'keep excluding them: too few deals to tell';
    return 'keep excluding them';
  }
  if (row.status === 'candidate exclusion') return `consider excluding them (now ${pointsWord(from ?? 0)})`;
  if (to === null) return 'keep the row as it is';
  if (row.origin === 'found') return to >= 0 ? `give them ${pointsWord(to)}` : `take ${pointsWord(to)} off`;
  if (row.origin === 'moved') return `move ${row.name} to ${row.value} (was ${row.previousValue ?? '?'}), ${pointsWord(to)}`;
  if (from === to) return row.status === 'thin' ? `keep ${row.name} at ${pointsWord(to)}: too few deals to tell` : `keep ${row.name} at ${pointsWord(to)}`;
  if (to === 0) return `stop scoring ${row.name} (${from} → 0 points)`;
  if (to < 0) return `take ${pointsWord(to)} off instead of giving ${from}`;
  return `${from !== null && to > from ? 'raise' : 'lower'} ${row.name} from ${from} to ${pointsWord(to)}`;
}

/**
 * A row's decision in an analyst's words, what to do last:
 * `Healthcare accounts win 1.6× as often as the rest: give them 23 points.` The points are the
 * suggestion's, adopted or not (not adopted, they are what "apply anyway" would write).
 */
export function decisionText(row: DecisionRow, adopted = true): string {
  const action = adopted || row.kind === 'exclude' ? actionText(row) : `the suggestion (not adopted) would ${actionText(row)}`;
  return `${accountsText(row)} ${oftenText(row.winRate, row.winRateRest)}${againstTheRates(row) ? ', which the other rows already explain' : ''}: ${action}.`;
}

/** True when the points move against what the row's own win rates suggest: the fit next to the other rows says why. */
function againstTheRates(row: DecisionRow): boolean {
  const to = row.triedPoints ?? row.suggestedPoints;
  if (row.kind !== 'criterion' || to === null || row.winRate === null || !row.winRateRest) return false;
  const ratio = row.winRate / row.winRateRest;
  const from = row.origin === 'found' ? 0 : (row.currentPoints ?? 0);
  return (ratio > 1.1 && to < from) || (ratio < 0.9 && to > from);
}

/** A row's evidence in one short line: `93 deals: 66% won, against 40% for the rest.` */
export function evidenceLine(row: { accounts: number; winRate: number | null; winRateRest: number | null }): string {
  return `${plural(row.accounts, 'deal')}: ${percent(row.winRate)} won, against ${percent(row.winRateRest)} for the rest.`;
}

/** Whether a row is worth a decision line: found, moved, or its points change. */
export function isDecision(row: DecisionRow): boolean {
  if (row.origin !== 'model') return true;
  if (row.kind === 'exclude') return row.status === 'exclusion not supported';
  const to = row.triedPoints ?? row.suggestedPoints;
  return row.status === 'candidate exclusion' || (to !== null && to !== row.currentPoints);
}

/** What the verdict says first: what to do, then why, in one sentence. */
export function verdictLead(report: { usable: boolean; heldOut: number; current: number | null; suggested: number | null; found: number }): string {
  const aucs = `AUC ${two(report.current)} → ${two(report.suggested)}`;
  const deals = plural(report.heldOut, 'held-out deal');
  if (report.usable) {
    const found = report.found ? `, with ${plural(report.found, 'segment')} found in the history` : '';
    return `Apply the suggestion${found}: it ranks ${deals} the learning never saw better than the current model (${aucs}).`;
  }
  return `Keep the current model: the suggestion did not rank ${deals} better beyond chance (${aucs}).`;
}

/** The one plain line on why the Backtest sheet's AUC differs from the Learn tab's. */
export function aucNote(heldOut: number, timeSplit: boolean): string {
  const which = timeSplit ? `the ${plural(heldOut, 'newest deal')}, which the learning never saw` : `${plural(heldOut, 'deal')}, each scored by a model learned without it`;
  return `This AUC is on ${which}; the Backtest sheet's is on every closed deal, so the two differ.`;
}

/** When nothing new was found: say so, and what was looked at. */
export function nothingFoundText(discovery: { looked: number; pairLooked: number; columns: number } | null): string {
  if (!discovery) return 'Nothing new was looked for: “Look for new segments” was off, so only the model’s own rows were refitted.';
  return `Nothing new found: ${plural(discovery.looked, 'segment')} in ${plural(discovery.columns, 'column')} and ${plural(discovery.pairLooked, 'pair')} were looked at; none beat chance by enough to earn a row.`;
}

/** A reason for not keeping a segment without its statistics: `below the noise bar`. The statistics go behind Details. */
export function plainReason(reason: string): string {
  return reason.replace(/\s*\(\|z\|[^)]*\)/g, '').replace(/:\s*(interaction )?\|z\|.*$/, '').trim();
}

/**
 * The segments considered and not kept that a person is shown: the strongest `count`, each label
 * once, without a segment dropped as the twin of itself (the same segment reached twice).
 */
export function consideredShown<T extends { label: string; reason: string }>(list: readonly T[], count = 5): T[] {
  const seen = new Set<string>();
  return list.filter((c) => !c.reason.includes(`"${c.label}"`) && !seen.has(c.label) && seen.add(c.label)).slice(0, count);
}

/** One segment considered and not kept, as a line: `Industry = Retail: 72 deals, 26% won — below the noise bar.` */
export function consideredText(c: { label: string; deals: number; winRate: number; reason: string }): string {
  return `${c.label}: ${plural(c.deals, 'deal')}, ${percent(c.winRate)} won — ${plainReason(c.reason)}.`;
}
