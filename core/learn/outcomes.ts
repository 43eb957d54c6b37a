/**
 * Reading the outcome column of a history: won / lost / open, as ICP_SUMMARY reads it
 * (core/summary.ts `readOutcome`), plus an account of every label that was not one of the
 * known words, so a person can see that "Closed - Won" was read as lost before trusting a fit.
 */
import { readOutcome } from '../summary.ts';
import { normalizeText } from '../text.ts';
import { type Cell, isBlank, isErrorText, readText } from '../values.ts';
import type { HistoryColumn } from './table.ts';
import { MIN_DECIDED } from './thresholds.ts';

export { MIN_DECIDED };

export type Outcome = 'won' | 'lost' | 'open';

/** Outcome codes in typed arrays: 1 won, 0 lost, -1 open. */
export const WON = 1;
export const LOST = 0;
export const OPEN = -1;

const KNOWN_LOST = new Set(['lost', 'closed lost', 'closed-lost', 'closedlost', 'false', 'no', 'n', '0']);
const WIN_LIKE = /\b(?:won|win|wins|winning)\b|closed ?won/;

/** One distinct outcome label and how it was read. */
export interface OutcomeLabel {
  /** The label as first seen. */
  label: string;
  count: number;
  readAs: Outcome;
  /** A known word (Won, Closed Won, TRUE, yes, 1 / Lost, Closed Lost, FALSE, no, 0). */
  recognized: boolean;
  /** Read as lost but reads like a win to a person ("Win", "Closed - Won"). */
  looksLikeWin: boolean;
}

export interface OutcomeReading {
  won: number;
  lost: number;
  open: number;
  /** Every distinct non-blank label, most frequent first. */
  labels: OutcomeLabel[];
  /** The labels that were not known words, most frequent first. */
  unrecognized: OutcomeLabel[];
}

function isRecognized(cell: Cell, outcome: Outcome, word: string): boolean {
  if (outcome === 'won') return true;
  if (outcome === 'open') return !isErrorText(cell);
  return cell === false || cell === 0 || KNOWN_LOST.has(word);
}

/** Read an outcome column: a code per cell (1 won, 0 lost, -1 open) and the labels seen. */
export function readOutcomes(cells: readonly Cell[]): { codes: Int8Array; reading: OutcomeReading } {
  const index = new Map<unknown, number>();
  const values: Cell[] = [];
  const codes = Int32Array.from(cells, (cell) => {
    const key = cell instanceof Date ? cell.getTime() : cell;
    let code = index.get(key);
    if (code === undefined) index.set(key, (code = values.push(cell) - 1));
    return code;
  });
  return readOutcomeColumn({ values, codes });
}

/** The same for a table column: each distinct cell is read once. */
export function readOutcomeColumn(column: HistoryColumn): { codes: Int8Array; reading: OutcomeReading } {
  const { values, codes: cellCodes } = column;
  const counts = new Float64Array(values.length);
  for (let i = 0; i < cellCodes.length; i++) counts[cellCodes[i]!]!++;
  const outcomeOf = new Int8Array(values.length);
  const labels = new Map<string, OutcomeLabel>();
  let won = 0;
  let lost = 0;
  values.forEach((cell, k) => {
    const outcome = readOutcome(cell);
    outcomeOf[k] = outcome === 'won' ? WON : outcome === 'lost' ? LOST : OPEN;
    const count = counts[k]!;
    if (outcome === 'won') won += count;
    else if (outcome === 'lost') lost += count;
    if (isBlank(cell) || count === 0) return;
    const text = (readText(cell) ?? '').trim().replace(/\s+/g, ' ');
    const word = normalizeText(text);
    let label = labels.get(word);
    if (!label) {
      const recognized = isRecognized(cell, outcome, word);
      label = { label: text, count: 0, readAs: outcome, recognized, looksLikeWin: outcome === 'lost' && !recognized && WIN_LIKE.test(word) };
      labels.set(word, label);
    }
    label.count += count;
  });
  const codes = Int8Array.from(cellCodes, (code) => outcomeOf[code]!);
  const all = [...labels.values()].sort((a, b) => b.count - a.count);
  return {
    codes,
    reading: { won, lost, open: cellCodes.length - won - lost, labels: all, unrecognized: all.filter((l) => !l.recognized) },
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * A sentence on the labels that were not known words, e.g.
 * `"Churned" (12 rows) and "Win" (3 rows, did you mean Won?) were read as lost.` Empty when all were known.
 */
export function describeUnrecognized(reading: OutcomeReading, limit = 6): string {
  const byOutcome = (outcome: Outcome) => reading.unrecognized.filter((l) => l.readAs === outcome);
  const parts: string[] = [];
  for (const outcome of ['lost', 'open'] as const) {
    const labels = byOutcome(outcome);
    if (labels.length === 0) continue;
    const shown = labels.slice(0, limit).map((l) => `"${l.label}" (${plural(l.count, 'row')}${l.looksLikeWin ? ', did you mean Won?' : ''})`);
    const more = labels.length - shown.length;
    const list = more > 0 ? `${shown.join(', ')} and ${plural(more, 'other label')}` : shown.join(', ');
    parts.push(`${list} ${labels.length === 1 ? 'was' : 'were'} read as ${outcome}`);
  }
  return parts.length ? `Outcome labels that are not Won / Closed Won / TRUE / yes / 1 or Lost / Closed Lost / FALSE / no / 0: ${parts.join('; ')}.` : '';
}

/**
 * Why a history cannot be learned from or backtested, or null when it can:
 * at least MIN_DECIDED decided outcomes, with both wins and losses.
 */
export function historyProblem(reading: OutcomeReading): string | null {
  const decided = reading.won + reading.lost;
  if (decided >= MIN_DECIDED && reading.won > 0 && reading.lost > 0) return null;
  const counts = `${plural(decided, 'decided outcome')} (${reading.won} won, ${reading.lost} lost; ${reading.open} open or blank)`;
  const need =
    decided < MIN_DECIDED
      ? `at least ${MIN_DECIDED} are needed, with both wins and losses`
      : `both wins and losses are needed, and there ${reading.won === 0 ? 'are no wins' : 'are no losses'}`;
  const labels = describeUnrecognized(reading);
  return `The outcome column has ${counts}: ${need}. Nothing was changed.${labels ? ` ${labels}` : ''}`;
}
