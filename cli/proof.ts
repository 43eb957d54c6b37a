/**
 * `icp proof --model model.csv history.csv [--json]`: the proof table of a history (issue #20):
 * each deal scored by the model, then per tier the accounts, wins and losses, win rate, average
 * won amount, median sales cycle, churn rate and NRR, and the headline comparing the top tier with
 * the rest. The same computation as ICP_PROOF (core/proof.ts). Reads, never writes.
 */
import * as z from 'zod/mini';
import { type Cell, type Model, type ProofColumns, type ProofRow, bindModel, evaluateRow, headerKey, proofTable, readModel, readText, suggestWholeHistoryColumns } from '../core/index.ts';
import { type CustomerSign, type Segmenting, customerDriftSigns } from '../core/customer-drift.ts';
import { parseIsoDay } from '../core/values.ts';
import { localDay } from './chunk.ts';
import { CliError, readModelGrid } from './files.ts';
import { readHistoryGrid } from './history-grid.ts';
import { encodingOption, historyCommandArgs, optionProblem, textOptions, todayOption } from './options.ts';
import { terminalText } from './output.ts';
import type { Io } from './io.ts';

/** The churned and ARR now flags as icp proof and icp learn explain them. */
export const CUSTOMER_USAGE = `      --churned COLUMN    churned: yes/no, TRUE/FALSE, 1/0, Churned/Cancelled or a churn date (default: Churned,
                          Churn date, …; "" for none); blank = not known
      --arr-now COLUMN    the account's annual revenue now (default: ARR now, Current ARR, …; "" for none); a
                          churned account with a blank ARR now counts 0`;

export const PROOF_USAGE = `icp proof  shows, per tier of the model, how the history's deals went: accounts, won, lost, win
rate, average won amount, median sales cycle, churn rate and NRR (ARR now ÷ amount), and one
sentence comparing the top tier with the rest, as the spreadsheet function ICP_PROOF does.
  icp proof --model model.csv history.csv [--json]
  -m, --model FILE        the scoring worksheet (each deal is scored with it)
      --json              print {"tiers":[…],"headline":…}: fractions as fractions (0.42), blanks as null
      --outcome COLUMN    the won/lost column (default: found by its name: Outcome, Won, Stage, …)
      --amount COLUMN     the deal amount (default: Amount, ACV, …; "" for none)
      --created COLUMN    the created date (default: Created, …; "" for none)
      --closed COLUMN     the close date (default: Close Date, …; "" for none)
${CUSTOMER_USAGE}
      --sheet NAME        the sheet of an xlsx history (default: the first sheet with an outcome column)
      --today, --model-sheet, --delimiter, --encoding as for icp score`;

const column = z.optional(z.string());
const proofSchema = z.object({
  model: z.string().check(z.minLength(1)),
  'model-sheet': z.optional(z.string()),
  today: todayOption,
  input: z.string().check(z.minLength(1)),
  json: z.optional(z.boolean()),
  outcome: z.optional(z.string().check(z.minLength(1))),
  amount: column,
  created: column,
  closed: column,
  churned: column,
  'arr-now': column,
  sheet: z.optional(z.string()),
  delimiter: z.optional(z.string().check(z.length(1, 'one character'))),
  encoding: encodingOption,
});

export type ProofArgs = z.infer<typeof proofSchema>;

const OPTIONS = {
  model: { type: 'string', short: 'm' },
  json: { type: 'boolean' },
  ...textOptions('outcome', 'amount', 'created', 'closed', 'churned', 'arr-now', 'sheet', 'today', 'model-sheet', 'delimiter', 'encoding'),
} as const;

/** The arguments after `icp proof`; throws CliError with a sentence when they are wrong. */
export function parseProofArgs(argv: readonly string[]): ProofArgs {
  const input = historyCommandArgs('proof', argv, OPTIONS, 'icp proof --model model.csv history.csv');
  const result = proofSchema.safeParse(input);
  if (result.success) return result.data;
  const option = String(result.error.issues[0]!.path[0] ?? '');
  const value = input[option];
  if (value === undefined) throw new CliError(option === 'model' ? 'give the model file with --model model.csv' : `--${option} is required`);
  throw optionProblem(option, value, result.error.issues[0]!.message, option === 'outcome' ? 'name the won/lost column, e.g. --outcome Stage, or leave --outcome out to find it by its name' : undefined);
}

type Role = 'amount' | 'created' | 'closed' | 'churned' | 'arrNow';

/** The column a flag names (matched as Fields match headers); a CliError listing the headers when there is none. */
export function namedColumn(names: readonly string[], given: string, flag: string, where: string): number {
  const index = names.findIndex((name) => headerKey(name) === headerKey(given) && headerKey(given) !== '');
  if (index < 0) throw new CliError(`${where} has no "${given}" column for ${flag}; its headers are ${names.filter(Boolean).map((n) => `"${n}"`).join(', ')}`);
  return index;
}

/** Each column the proof reads: the one named, else the one found by its header name; "" = none. */
function pickColumns(args: ProofArgs, header: readonly Cell[], model: Model, where: string): { outcome: number; named: Partial<Record<Role, number>>; used: string } {
  const found = suggestWholeHistoryColumns(header, model);
  const names = header.map((cell) => String(cell ?? '').trim());
  const at = (given: string, flag: string) => namedColumn(names, given, flag, where);
  const outcome = args.outcome !== undefined ? at(args.outcome, '--outcome') : (found.outcome?.column ?? -1);
  if (outcome < 0) throw new CliError(`${where} has no column named like an outcome (Outcome, Won, Stage, Status…); name it with --outcome COLUMN`);
  const named: Partial<Record<Role, number>> = {};
  const flags: Record<Role, string> = { amount: '--amount', created: '--created', closed: '--closed', churned: '--churned', arrNow: '--arr-now' };
  const labels: Record<Role, string> = { amount: 'amount', created: 'created', closed: 'closed', churned: 'churned', arrNow: 'ARR now' };
  const used = [`outcome "${names[outcome]}"`];
  for (const role of Object.keys(flags) as Role[]) {
    const given = args[role === 'arrNow' ? 'arr-now' : role];
    const index = given === '' ? -1 : given !== undefined ? at(given, flags[role]) : (found[role]?.column ?? -1);
    if (index < 0) continue;
    named[role] = index;
    used.push(`${labels[role]} "${names[index]}"`);
  }
  return { outcome, named, used: `Columns: ${used.join(', ')}.` };
}

const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)}%`);
const whole = (value: number | null) => (value === null ? '–' : Math.round(value).toLocaleString('en-US'));

/** The table as a terminal shows it: one line per tier, numbers right-aligned, blanks as –. */
export function proofText(rows: readonly ProofRow[]): string {
  const header = ['Tier', 'Accounts', 'Won', 'Lost', 'Win rate', 'Avg won amount', 'Median cycle (days)', 'Churn rate', 'NRR'];
  const lines = rows.map((r) => [r.tier, String(r.accounts), String(r.won), String(r.lost), percent(r.winRate), whole(r.avgWonAmount), r.medianCycleDays === null ? '–' : String(r.medianCycleDays), percent(r.churnRate), percent(r.nrr)]);
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((line) => line[c]!.length)));
  const format = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  return [format(header), ...lines.map(format)].join('\n');
}

/** Segmentings with more values than this are not searched for churn clustering (names, numbers, dates). */
const MAX_SEGMENT_VALUES = 12;

/**
 * The drift signs of the customer's columns (core/customer-drift.ts): churn clustering over the
 * tiers and every column of 2 to 12 values that is not the outcome, amount, a date, churned or
 * ARR now; expansion flattening as of --today (else the latest close).
 */
function driftSigns(header: readonly Cell[], rows: readonly Cell[][], tiers: readonly Cell[], taken: readonly number[], columns: ProofColumns, today: string | undefined): CustomerSign[] {
  const segmentings: Segmenting[] = [{ name: '', values: tiers }];
  header.forEach((name, c) => {
    if (taken.includes(c)) return;
    const values = new Set<string>();
    for (const row of rows) {
      const text = readText(row[c] ?? null)?.trim().toLowerCase();
      if (text) values.add(text);
      if (values.size > MAX_SEGMENT_VALUES) return;
    }
    if (values.size >= 2) segmentings.push({ name: String(readText(name) ?? '').trim(), values: rows.map((row) => row[c] ?? null) });
  });
  const asOf = today === undefined ? undefined : parseIsoDay(today);
  return customerDriftSigns({ columns, segmentings, ...(asOf === undefined ? {} : { asOf }) });
}

export async function proofCommand(args: ProofArgs, io: Io): Promise<number> {
  const warn = (note: string) => io.stderr.write(terminalText(`icp proof: ${note}\n`));
  const model = readModel(await readModelGrid(args.model, args['model-sheet'], warn));
  const { grid, sheet } = await readHistoryGrid(args, model, 'icp proof', warn);
  const headerAt = grid.findIndex((row) => row.some((cell) => cell !== null && cell !== undefined && String(cell).trim() !== ''));
  if (headerAt < 0) throw new CliError(`the history file "${args.input}" is empty; it needs a header row and one row per deal`);
  const header = grid[headerAt]!;
  const where = sheet ? `the sheet ${sheet}` : `the history file "${args.input}"`;
  const { outcome, named, used } = pickColumns(args, header, model, where);
  const bound = bindModel(model, header, args.today ? { today: localDay(args.today) } : {});
  const rows = grid.slice(headerAt + 1).filter((row) => row.some((cell) => cell !== null && cell !== undefined && String(cell).trim() !== ''));
  const tiers = rows.map((row) => evaluateRow(bound, row).tier);
  const cells = (index: number | undefined) => (index === undefined ? undefined : rows.map((row) => row[index] ?? null));
  const columns: ProofColumns = {
    won: cells(outcome)!,
    amount: cells(named.amount),
    created: cells(named.created),
    closed: cells(named.closed),
    churned: cells(named.churned),
    arrNow: cells(named.arrNow),
  };
  const proof = proofTable(tiers, model, columns);
  const signs = driftSigns(header, rows, tiers, [outcome, ...Object.values(named)], columns, args.today);
  if (args.json) {
    io.stdout.write(`${JSON.stringify({ tiers: proof.rows, headline: proof.headline, signs })}\n`);
    return 0;
  }
  const read = sheet ? `Sheet: ${sheet}.\n` : '';
  const drift = signs.length ? `\nDrift signs:\n${signs.map((s) => `  ${s.kind}: ${s.message}`).join('\n')}\n` : '';
  io.stdout.write(terminalText(`${used}\n${read}\n${proofText(proof.rows)}\n\n${proof.headline}\n${drift}`));
  return 0;
}
