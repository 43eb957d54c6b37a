/**
 * The goal learned toward (issue #20): each account becomes positive (1), negative (0) or left out
 * (-1, as an open deal is) before the same procedure runs, so discovery, the noise bar and the
 * held-out verdict are the learner's own for every goal.
 * - won: the deal's outcome, as always; value: the same, with each win weighed by its amount;
 * - retained: a won account read as not churned that closed at least `minTenure` days before the
 *   as-of day; a lost deal or a churned account is negative; a won account whose churn is not
 *   known, or too recent to judge (or with no close date), is left out;
 * - expansion: among won accounts with an amount and an ARR now, NRR (ARR now ÷ amount; a churned
 *   account with a blank ARR now pays 0) above 1; lost and open deals are left out.
 * The churned and ARR now cells are read as the proof table reads them (core/customer.ts).
 */
import { ShapeError } from '../errors.ts';
import { arrNowValue, readChurned } from '../customer.ts';
import { headerKey } from '../text.ts';
import { type Cell, type DayNumber, isoDay, readNumber, readText } from '../values.ts';
import { LOST, OPEN, WON } from './outcomes.ts';
import type { HistoryTable } from './table.ts';
import { MIN_DECIDED } from './thresholds.ts';
import { GOAL_WORDS, type Goal, plural } from './words.ts';

export type { Goal } from './words.ts';
export const GOALS: readonly Goal[] = ['won', 'retained', 'value', 'expansion'];
/** Days a won account must have been a customer to be judged retained (`--min-tenure`). */
export const MIN_TENURE_DAYS = 180;

export interface GoalReading {
  goal: Goal;
  /** Accounts counted for the goal (won, retained, grew) and against it. */
  positive: number;
  negative: number;
  /** Of the negatives for the retained goal: won accounts read as churned. */
  churned: number;
  /** Won accounts left out: churn not known (retained), no amount or no ARR now (expansion). */
  unknown: number;
  /** Won accounts left out by the retained goal: closed fewer than the tenure's days before the as-of day, or with no close date. */
  tooRecent: number;
  noCloseDate: number;
  /** One sentence: what the goal counts, and what was left out (empty for the won goal). */
  sentence: string;
}

export interface GoalInput {
  goal: Goal;
  history: HistoryTable;
  /** The deals' outcome codes (1 won, 0 lost, -1 open). */
  deals: Int8Array;
  /** The churned and ARR now columns (0-based), null when the history has none. */
  churned: number | null;
  arrNow: number | null;
  amounts: Float64Array | null;
  closed: Float64Array | null;
  asOf: DayNumber;
  minTenure: number;
  serialDates: boolean;
}

/** A column a goal needs and the history lacks: which (as LearnInput names it) and what it is, for a sentence. */
export interface GoalNeed {
  column: 'amount' | 'closed' | 'churned' | 'arrNow';
  what: string;
}

/** The first column the goal needs that the history lacks (`has`: which columns it has), or null. */
export function goalNeeds(goal: Goal, has: Record<GoalNeed['column'], boolean>, minTenure: number): GoalNeed | null {
  if ((goal === 'value' || goal === 'expansion') && !has.amount) return { column: 'amount', what: 'the deal amount column' };
  if (goal === 'retained' && !has.churned) return { column: 'churned', what: 'the churned column' };
  if (goal === 'retained' && !has.closed && minTenure > 0) {
    return { column: 'closed', what: `the closed date column, to tell which won accounts have been customers ${minTenure} days` };
  }
  if (goal === 'expansion' && !has.arrNow) return { column: 'arrNow', what: 'the ARR now column' };
  return null;
}

/** Each account as the goal counts it, and the counts the report gives. Throws a ShapeError when a column the goal needs is missing. */
export function goalOutcomes(input: GoalInput): { codes: Int8Array; reading: GoalReading } {
  const has = { amount: input.amounts !== null, closed: input.closed !== null, churned: input.churned !== null, arrNow: input.arrNow !== null };
  const need = goalNeeds(input.goal, has, input.minTenure);
  if (need) throw new ShapeError('columns', `learning toward ${input.goal} needs ${need.what} (columns.${need.column}${need.column === 'closed' ? ', or minTenureDays 0' : ''})`);
  const { goal, deals } = input;
  const reading: GoalReading = { goal, positive: 0, negative: 0, churned: 0, unknown: 0, tooRecent: 0, noCloseDate: 0, sentence: '' };
  if (goal === 'won' || goal === 'value') {
    deals.forEach((c) => (c === WON ? reading.positive++ : c === LOST ? reading.negative++ : 0));
    if (goal === 'value') reading.sentence = 'Goal: value. Won deals count in proportion to their amount, so segments that win large deals count more.';
    return { codes: deals, reading };
  }
  const churned = input.churned === null ? null : churnedOf(input.history, input.churned, input.serialDates);
  const codes = new Int8Array(deals.length).fill(OPEN);
  if (goal === 'retained') retained(input, churned!, codes, reading);
  else expansion(input, churned, codes, reading);
  reading.sentence = goalSentence(reading, input);
  return { codes, reading };
}

/** Each row's churned cell read: 1 churned, 0 not, -1 not known. */
function churnedOf(history: HistoryTable, column: number, serialDates: boolean): Int8Array {
  const { values, codes } = history.columns[column]!;
  const perCode = values.map((cell) => readChurned(cell, { serialDates }));
  return Int8Array.from(codes, (k) => (perCode[k] === null ? -1 : perCode[k] ? 1 : 0));
}

function retained(input: GoalInput, churned: Int8Array, codes: Int8Array, r: GoalReading): void {
  const latest = input.asOf - input.minTenure;
  input.deals.forEach((deal, i) => {
    if (deal === LOST) {
      codes[i] = LOST;
      r.negative++;
    } else if (deal === WON) {
      const day = input.closed ? input.closed[i]! : NaN;
      if (churned[i] === 1) {
        codes[i] = LOST;
        r.negative++;
        r.churned++;
      } else if (churned[i] === -1) r.unknown++;
      else if (input.minTenure > 0 && !Number.isFinite(day)) r.noCloseDate++;
      else if (input.minTenure > 0 && day > latest) r.tooRecent++;
      else {
        codes[i] = WON;
        r.positive++;
      }
    }
  });
}

function expansion(input: GoalInput, churned: Int8Array | null, codes: Int8Array, r: GoalReading): void {
  const { values, codes: cells } = input.history.columns[input.arrNow!]!;
  const arrRead = values.map(readNumber);
  input.deals.forEach((deal, i) => {
    if (deal !== WON) return;
    const amount = input.amounts![i]!;
    const isChurned = churned ? (churned[i] === -1 ? null : churned[i] === 1) : null;
    const arr = arrNowValue(arrRead[cells[i]!]!, isChurned);
    if (!(amount > 0) || arr === null) {
      r.unknown++;
      return;
    }
    const grew = arr / amount > 1;
    codes[i] = grew ? WON : LOST;
    if (grew) r.positive++;
    else r.negative++;
  });
}

function goalSentence(r: GoalReading, input: GoalInput): string {
  if (r.goal === 'expansion') {
    const left = r.unknown ? ` ${plural(r.unknown, 'won account')} left out: no amount or no ARR now.` : '';
    return `Goal: expansion. Among won accounts with an amount and an ARR now, ${plural(r.positive, 'account')} grew (NRR, ARR now ÷ amount, above 100%) and ${r.negative.toLocaleString('en-US')} did not; lost and open deals are left out.${left}`;
  }
  const since = input.minTenure > 0 ? ` and closed at least ${input.minTenure} days before ${isoDay(input.asOf)}` : '';
  const parts: string[] = [];
  if (r.unknown) parts.push('churn not known');
  if (r.tooRecent) parts.push(`${r.unknown ? `${r.tooRecent} ` : ''}too recent to judge`);
  if (r.noCloseDate) parts.push(`${r.unknown || r.tooRecent ? `${r.noCloseDate} ` : ''}no close date`);
  const first = r.unknown || r.tooRecent || r.noCloseDate;
  const left = parts.length ? ` ${plural(first, 'won account')} left out: ${parts.join('; ')}.` : '';
  return `Goal: retained. ${plural(r.positive, 'won account')} stayed (read as not churned${since}); ${plural(r.negative, 'account')} did not (${(r.negative - r.churned).toLocaleString('en-US')} lost, ${r.churned.toLocaleString('en-US')} churned).${left}`;
}

/** Why the history cannot be learned from toward the goal, or null (at least MIN_DECIDED accounts judged, both kinds). */
export function goalProblem(r: GoalReading): string | null {
  const judged = r.positive + r.negative;
  if (judged >= MIN_DECIDED && r.positive > 0 && r.negative > 0) return null;
  const words = GOAL_WORDS[r.goal];
  return `Learning toward ${r.goal} needs at least ${MIN_DECIDED} accounts judged, some that ${words.did} and some that did not: the history has ${r.positive} that ${words.did} and ${r.negative} that did not. ${r.sentence} Nothing was changed.`;
}

/**
 * Header keys (as Fields match headers) of columns that are usually measured after the outcome:
 * product usage, active users, NPS, health scores, seats or licences now. Learning a customer goal
 * from them explains what happened by what it caused.
 */
const AFTER_OUTCOME = ['usage', 'activeusers', 'nps', 'healthscore', 'accounthealth', 'customerhealth', 'csat', 'logins', 'lastlogin', 'adoption', 'seatsnow', 'licensesnow', 'licencesnow', 'seatsused'];

/** The headers among `fields` that look measured after the outcome (for the retained and expansion goals). */
export function afterOutcomeHeaders(fields: readonly string[]): string[] {
  return [...new Set(fields)].filter((field) => {
    const key = headerKey(field);
    return key !== '' && (AFTER_OUTCOME.some((word) => key.includes(word)) || key.endsWith('now') || key.endsWith('today'));
  });
}

/** The warning for learned columns that look measured after the outcome, or null. */
export function afterOutcomeWarning(goal: Goal, fields: readonly (Cell | string)[]): string | null {
  if (goal !== 'retained' && goal !== 'expansion') return null;
  const headers = afterOutcomeHeaders(fields.map((f) => String(readText(f as Cell) ?? '').trim()));
  if (!headers.length) return null;
  const list = headers.slice(0, 4).map((h) => `"${h}"`).join(', ');
  return `${list} look${headers.length === 1 ? 's' : ''} measured after the outcome (usage, active users, NPS, health, seats now…): learning toward ${goal} from ${headers.length === 1 ? 'it' : 'them'} explains what happened by what it caused. Check that ${headers.length === 1 ? 'it was' : 'they were'} known when the deal closed, or leave ${headers.length === 1 ? 'it' : 'them'} out of the history.`;
}
