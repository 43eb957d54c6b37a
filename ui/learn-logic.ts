/**
 * Learn from history, the panel's pure part: which sheet and columns to suggest, the history as
 * the core reads it, the note a learned version is saved with, the learned points written into
 * the editor's document, and the current-vs-suggested tables the view shows.
 */
import { type Cell, type LearnReport, type Model, type TierRow, suggestHistoryColumns } from '../core/index.ts';
import { applySuggestion } from '../core/learner.ts';
import { percent } from '../core/learn/words.ts';
import { type ModelDoc, docFromGrid, docToGrid } from './doc.ts';
import type { SheetInfo, WireCell } from '../workbook/host.ts';
import { substituteHeaders } from './mapping.ts';

/** Rows read from the history sheet at most: generous, the learning takes about 1 s per 50,000. */
export const LEARN_ROWS = 100_000;

/** The history sheet and its columns, by 0-based position in the header row (-1 = none). */
export interface HistoryChoice {
  sheet: string;
  outcome: number;
  amount: number;
  created: number;
  closed: number;
}

export const NO_COLUMN = -1;

/** The columns the header names suggest for each role (the model's Fields never are). */
export function suggestedChoice(sheet: SheetInfo, model: Model | null): HistoryChoice {
  const found = suggestHistoryColumns(sheet.headers, model ?? undefined);
  const at = (role: keyof typeof found) => found[role]?.column ?? NO_COLUMN;
  return { sheet: sheet.name, outcome: at('outcome'), amount: at('amount'), created: at('created'), closed: at('closed') };
}

/**
 * The sheet to suggest as the history: of the sheets (not the model sheet) whose headers name an
 * outcome column, the one with the most rows; else the first other sheet.
 */
export function pickHistorySheet(sheets: readonly SheetInfo[], modelSheet: string, model: Model | null): SheetInfo | undefined {
  const others = sheets.filter((s) => s.name !== modelSheet && s.headerRow > 0);
  const withOutcome = others.filter((s) => suggestedChoice(s, model).outcome !== NO_COLUMN);
  return [...withOutcome].sort((a, b) => b.dataRows - a.dataRows)[0] ?? others[0];
}

/**
 * The history as the core reads it: the header row with each picked header replaced by its Field
 * (as the Score tab does), then the rows.
 */
export function historyGrid(headers: readonly string[], rows: WireCell[][], picks: Readonly<Record<string, string>>): Cell[][] {
  return [substituteHeaders(headers, picks), ...rows];
}

function fixed2(value: number | null): string {
  return value === null ? '–' : value.toFixed(2);
}

/** The note the learned version is saved with; the history sheet keeps it with the version it replaces. */
export function learnNote(sheet: string, report: LearnReport): string {
  const decided = report.outcomes.won + report.outcomes.lost;
  const { current, suggested } = report.validation;
  return `Learned from history: ${sheet}, ${decided} outcomes, AUC ${fixed2(current.auc)} → ${fixed2(suggested.auc)}`;
}

/**
 * The editor's document with the suggested points written in, and the chosen criterion rows
 * (model row numbers) turned into exclude rows. Rows keep their identity, so the editor and its
 * undo see one change. Throws the core's ShapeError when the model changed since the report.
 */
export function applyLearned(doc: ModelDoc, report: LearnReport, exclusions: readonly number[] = [], anyway = false): ModelDoc {
  const grid = applySuggestion(docToGrid(doc), report, { exclusions, anyway }) as WireCell[][];
  const next = docFromGrid(grid);
  if (next.rows.length !== doc.rows.length) return next;
  return { ...next, columns: doc.columns, headerIndex: doc.headerIndex, rows: next.rows.map((row, i) => ({ ...row, id: doc.rows[i]!.id, extra: doc.rows[i]!.extra })) };
}

export interface TierPair {
  tier: string;
  current: TierRow | null;
  suggested: TierRow | null;
}

/** The held-out tier tables of the current and the suggested points, row by row (model tiers first), without rows no deal falls in. */
export function tierPairs(report: LearnReport): TierPair[] {
  const { current, suggested } = report.validation;
  const names = [...current.tiers.map((t) => t.tier)];
  for (const t of suggested.tiers) if (!names.includes(t.tier)) names.push(t.tier);
  return names
    .map((tier) => ({
      tier,
      current: current.tiers.find((t) => t.tier === tier) ?? null,
      suggested: suggested.tiers.find((t) => t.tier === tier) ?? null,
    }))
    .filter((pair) => (pair.current?.accounts ?? 0) + (pair.suggested?.accounts ?? 0) > 0);
}

/** `12 of 40 won (30%)` for a tier row, or a dash when it holds no decided deals. */
export function winRateText(row: TierRow | null): string {
  if (!row || row.won + row.lost === 0) return '–';
  return `${percent(row.winRate)} (${row.won}/${row.won + row.lost})`;
}

/**
 * What was read, as a sentence: the rows holding anything, how their outcomes were read, and
 * whether the sheet had more rows than were read.
 */
export function readingText(sheet: string, rows: number, outcomes: { won: number; lost: number; open: number }, sheetRows: number): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const read = `Read ${count(rows)} row${rows === 1 ? '' : 's'} of "${sheet}": ${outcomes.won} won, ${outcomes.lost} lost, ${outcomes.open} open or blank.`;
  return sheetRows > rows && rows >= LEARN_ROWS ? `${read} Only the first ${count(LEARN_ROWS)} rows were read; the sheet has ${count(sheetRows)}.` : read;
}

/** Rows that hold anything: blank rows are not deals. */
export function filledRows(rows: readonly (readonly WireCell[])[]): number {
  return rows.filter((row) => row.some((cell) => cell !== null && !(typeof cell === 'string' && cell.trim() === ''))).length;
}
