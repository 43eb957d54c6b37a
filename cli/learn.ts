/**
 * `icp learn`: learns from a closed-won / closed-lost history against the model and writes the
 * suggested model as a worksheet CSV (the current model unchanged when nothing is shown to be
 * better), prints the verdict, the held-out AUCs, the tiers and the new rows with their evidence,
 * and optionally writes the whole report as Markdown. Outputs are written to a temporary file
 * beside the target, then renamed over it: a failed run never leaves half a file.
 */
import path from 'node:path';
import { type Cell, type LearnReport, type LearnResult, type Model, type SuggestedRow, headerKey, plainDecimal, readModel, suggestHistoryColumns } from '../core/index.ts';
import { learnFromHistory } from '../core/learner.ts';
import type { LearnArgs } from './learn-args.ts';
import { csvQuoter, localDay } from './chunk.ts';
import { parseCsvText } from './csv-format.ts';
import { CliError, MAX_TEXT_BYTES, delimiterFor, isXlsx, readModelGrid, readWholeText } from './files.ts';
import { type SheetInfo, XlsxBook, blankRow, sheetGrid, uncachedNote } from './xlsx.ts';
import { inertText, markdownWithoutHtml, refuseOutputOverInput, refuseSameOutputs, terminalText, writeFileAtomic } from './output.ts';
import type { Io } from './score.ts';
import { historyWhatIf } from './what-if.ts';

const BAR = 24;

/** The history is read whole (the learner needs every deal at once): past this it cannot be. */
const tooLarge = (file: string, bytes: number) =>
  new CliError(
    `the history file "${file}" is ${Math.round(bytes / 2 ** 20)} MB, more than icp learn can read at once (${Math.round(MAX_TEXT_BYTES / 2 ** 20)} MB): ` +
      'keep only the columns the model reads and the outcome, amount and date columns, or a shorter period, and run it again',
  );

/** The history file as a grid, header row first; for a workbook, the sheet read and why. */
async function readHistory(args: LearnArgs, model: Model, warn: (note: string) => void): Promise<{ grid: Cell[][]; sheet?: string }> {
  const file = args.input;
  if (isXlsx(file)) return readHistorySheet(args, model, warn);
  const text = await readWholeText(file, 'history', { tooLarge, ...(args.encoding ? { encoding: args.encoding } : {}) });
  return { grid: parseCsvText(text, delimiterFor(file), args.delimiter, { skipEmptyLines: 'greedy' }).rows };
}

/**
 * The history sheet of a workbook: the one named (--sheet), else the first whose header row
 * has the outcome column (--outcome, or one named like an outcome), else the first sheet. The
 * starter workbook's deals are on its third sheet, "Closed deals".
 */
async function readHistorySheet(args: LearnArgs, model: Model, warn: (note: string) => void): Promise<{ grid: Cell[][]; sheet?: string }> {
  const book = await XlsxBook.open(args.input, 'history');
  try {
    let chosen = args.sheet ? book.sheet(args.sheet) : undefined;
    let why = args.sheet ? '--sheet' : '';
    for (const sheet of chosen ? [] : book.sheets) {
      const header = await headerRow(book, sheet);
      const outcome = args.outcome ? header.some((h) => headerKey(String(h ?? '')) === headerKey(args.outcome!)) : Boolean(suggestHistoryColumns(header, model).outcome);
      if (outcome) {
        chosen = sheet;
        why = book.sheets.length > 1 ? 'the first with an outcome column' : '';
        break;
      }
    }
    if (!chosen && book.sheets.length > 1) why = 'the first sheet: none has an outcome column';
    chosen ??= book.sheets[0];
    if (!chosen) throw new CliError(`the workbook "${args.input}" has no sheets`);
    const grid = await sheetGrid(book, chosen, (count, first) => warn(uncachedNote(args.input, chosen!.name, count, first)));
    return { grid, sheet: `"${chosen.name}" of ${args.input}${why ? ` (${why})` : ''}` };
  } finally {
    book.close();
  }
}

/** A sheet's first row that is not blank (none: empty). */
async function headerRow(book: XlsxBook, sheet: SheetInfo): Promise<Cell[]> {
  for await (const row of book.rows(sheet)) if (!blankRow(row.cells)) return row.cells;
  return [];
}

/**
 * The worksheet as CSV text: numbers as they print, dates as ISO days, text quoted where needed,
 * and text that starts like a formula made inert (written as text, never as code).
 */
export function gridToCsv(grid: readonly (readonly Cell[])[], delimiter = ','): string {
  const quote = csvQuoter(delimiter);
  const text = (cell: Cell) =>
    cell === null || cell === undefined
      ? ''
      : cell instanceof Date
        ? cell.toISOString().slice(0, 10)
        : typeof cell === 'boolean'
          ? cell
            ? 'TRUE'
            : 'FALSE'
          : typeof cell === 'number'
            ? plainDecimal(cell)
            : inertText(String(cell));
  const lines = grid.map((row) => row.map((cell) => quote(text(cell))).join(delimiter));
  // A CSV read back ends in one empty record (its last line break): it is not a row.
  while (lines.length && /^[,\t;]*$/.test(lines[lines.length - 1]!)) lines.pop();
  return `${lines.join('\n')}\n`;
}

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);
const two = (v: number | null) => (v === null ? '–' : v.toFixed(2));
const signed = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(2)}`;

function ruleText(row: SuggestedRow): string {
  return `${row.field} ${row.rule}${row.value ? ` ${row.value}` : ''}`;
}

function evidenceText(row: SuggestedRow): string {
  const se = row.standardError === null ? '' : ` ± ${row.standardError.toFixed(2)}`;
  return `${row.accounts} deals, won ${pct(row.winRate)} (lift ${two(row.lift)}), effect ${signed(row.coefficient)}${se}`;
}

function pointsText(row: SuggestedRow): string {
  if (row.kind === 'exclude') return 'exclude';
  if (row.origin === 'found') return row.suggestedPoints === null ? `${row.triedPoints} tried` : `${row.suggestedPoints}`;
  return `${row.currentPoints} → ${row.suggestedPoints}`;
}

/** What the terminal shows: verdict, AUCs, the tiers, the new and moved rows with their evidence. */
export function summaryText(report: LearnReport, output: string): string {
  const { validation: v, suggestion: s } = report;
  const lines: string[] = [];
  const other = s.usable ? 'suggested' : 'model tried';
  lines.push(s.message, v.sentence, `Held-out AUC: current ${two(v.current.auc)}, ${other} ${two(v.suggested.auc)}. ${v.description}`);
  if (v.backtest) lines.push(v.backtest.sentence);
  if (v.stability) lines.push(v.stability.sentence);
  if (s.tiers) lines.push(`Tier minimums${s.usable ? '' : ' (in the model tried)'}: ${s.tiers.sentence}`);
  lines.push('', `Held-out deals by tier (current → ${other}):`);
  const names = [...new Set([...v.current.tiers, ...v.suggested.tiers].map((t) => t.tier))];
  for (const name of names) {
    const c = v.current.tiers.find((t) => t.tier === name);
    const g = v.suggested.tiers.find((t) => t.tier === name);
    if (!c?.accounts && !g?.accounts) continue;
    const cell = (t: typeof c) => (t ? `${t.accounts} deals, ${pct(t.winRate)} won, ${pct(t.shareOfWins)} of wins` : '–');
    lines.push(`  ${name.padEnd(12)} ${cell(c).padEnd(36)} → ${cell(g)}`);
  }
  const changed = s.rows.filter((r) => r.origin !== 'model');
  if (changed.length) {
    lines.push('', s.usable ? 'New and moved rows:' : 'Rows tried (not adopted):');
    for (const row of changed) {
      const moved = row.origin === 'moved' ? ` (was ${row.previousValue})` : '';
      lines.push(`  ${row.kind === 'exclude' ? 'exclude  ' : 'criterion'} ${row.name}: ${ruleText(row)}${moved}, ${pointsText(row)} points; ${evidenceText(row)}`);
    }
  }
  for (const w of report.warnings) lines.push(`Note: ${w}`);
  lines.push('', `Wrote ${output}: ${s.usable ? 'the suggested model' : 'the current model unchanged'}.`);
  return `${lines.join('\n')}\n`;
}

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n');
}

/** The whole report as Markdown. */
export function reportMarkdown(report: LearnReport, files: { model: string; history: string }, whatIf?: { sentence: string; detail: string } | null): string {
  const { validation: v, suggestion: s } = report;
  const out: string[] = [`# Learned from ${path.basename(files.history)}`, ''];
  out.push(`Model: ${path.basename(files.model)}. ${report.accounts} accounts: ${report.outcomes.won} won, ${report.outcomes.lost} lost, ${report.outcomes.open} open.`, '');
  out.push('## Verdict', '', s.message, '', v.sentence, '', v.description, '');
  if (v.backtest) out.push(v.backtest.sentence, '');
  const other = s.usable ? 'Suggested' : 'Tried (not adopted)';
  out.push(table(['', 'Current', other], [
    ['Held-out AUC', two(v.current.auc), two(v.suggested.auc)],
    ['Best-scored quarter: share of wins', pct(v.current.topQuarter.shareOfWins), pct(v.suggested.topQuarter.shareOfWins)],
    ['Top tiers hold ≥ 60% of wins in 15–35% of deals', v.current.meetsTarget ? 'yes' : 'no', v.suggested.meetsTarget ? 'yes' : 'no'],
  ]), '');
  if (s.tiers) out.push('## Tier minimums', '', s.tiers.sentence, '', table(['Tier', 'Minimum now', 'Refitted'], s.tiers.minimums.map((m) => [m.tier, String(m.from), String(m.to)])), '');
  out.push('## Rows and their evidence', '');
  out.push(s.usable ? 'The suggested model, row by row.' : 'The suggestion is the current model unchanged; the rows below show what was tried.', '');
  out.push(
    table(
      ['Row', 'Kind', 'Name', 'Rule', 'Points', 'Status', 'Deals', 'Win rate', 'Lift', 'Effect ± s.e.'],
      s.rows.map((r) => [
        String(r.row),
        r.kind,
        r.name,
        ruleText(r) + (r.origin === 'moved' ? ` (was ${r.previousValue})` : ''),
        pointsText(r),
        r.status,
        String(r.accounts),
        pct(r.winRate),
        two(r.lift),
        `${signed(r.coefficient)}${r.standardError === null ? '' : ` ± ${r.standardError.toFixed(2)}`}`,
      ]),
    ),
    '',
  );
  out.push('## Held-out deals by tier', '');
  const tierRows = (label: string, t: typeof v.current) =>
    t.tiers.filter((r) => r.accounts > 0).map((r) => [label, r.tier, String(r.accounts), pct(r.winRate), pct(r.shareOfAccounts), pct(r.shareOfWins), r.revenue === null ? '–' : String(Math.round(r.revenue))]);
  out.push(table(['Model', 'Tier', 'Deals', 'Win rate', 'Share of deals', 'Share of wins', 'Revenue'], [...tierRows('current', v.current), ...tierRows(s.usable ? 'suggested' : 'tried', v.suggested)]), '');
  if (report.effort.length) {
    out.push('## Effort against revenue', '', 'Share of accounts worked against share of wins and of won revenue, largest gaps first.', '');
    out.push(
      table(
        ['Segment', 'Accounts', 'Share of accounts', 'Share of wins', 'Share of revenue'],
        report.effort.map((e) => [e.segment, String(e.accounts), pct(e.shareOfAccounts), pct(e.shareOfWins), pct(e.shareOfRevenue)]),
      ),
      '',
    );
  }
  if (whatIf) out.push('## What if', '', whatIf.sentence, '', whatIf.detail, '');
  if (report.discovery) {
    out.push('## Columns searched', '', `${report.discovery.looked} candidate segments looked at; a segment needed |z| ≥ ${report.discovery.bar.toFixed(2)} to be tried.`, '');
    out.push(table(['Column', 'Read as', 'Filled'], report.discovery.columns.map((c) => [c.header, c.type, String(c.filled)])), '');
  }
  if (report.warnings.length) out.push('## Notes', '', ...report.warnings.map((w) => `- ${w}`), '');
  return `${out.join('\n')}`;
}

/** A bar on standard error while the learning runs. */
function progressBar(io: Io, enabled: boolean) {
  let last = 0;
  let drawn = false;
  return {
    update(phase: string, fraction: number) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && fraction < 1) return;
      last = now;
      const filled = Math.round(fraction * BAR);
      io.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${phase}`.padEnd(70));
      drawn = true;
    },
    done() {
      if (drawn) io.stderr.write('\n');
    },
  };
}

export async function learnCommand(args: LearnArgs, io: Io): Promise<number> {
  const inputs = [
    { file: args.model, what: 'model' },
    { file: args.input, what: 'history' },
  ];
  await refuseOutputOverInput(args.output, inputs);
  await refuseOutputOverInput(args.report, inputs);
  if (args.output && isXlsx(args.output)) throw new CliError(`icp learn writes the suggested model as CSV; use -o ${args.output.replace(/\.xlsx$/i, '.csv')}`);
  await refuseSameOutputs([
    { file: args.output, what: 'the model output (-o)' },
    { file: args.report, what: 'the report (--report)' },
  ]);
  const warn = (note: string) => io.stderr.write(terminalText(`icp learn: ${note}\n`));
  const modelGrid = await readModelGrid(args.model, args['model-sheet'], warn);
  const model = readModel(modelGrid);
  const { grid: history, sheet } = await readHistory(args, model, warn);
  const headerAt = history.findIndex((row) => row.some((cell) => cell !== null && cell !== undefined && String(cell).trim() !== ''));
  if (headerAt < 0) throw new CliError(`the history file "${args.input}" is empty; it needs a header row and one row per deal`);
  const found = suggestHistoryColumns(history[headerAt]!, model);
  const outcome = args.outcome ?? found.outcome?.header;
  if (!outcome) {
    const where = sheet ? `no sheet of the workbook "${args.input}" has` : `the history file "${args.input}" has no`;
    throw new CliError(`${where} a column named like an outcome (Outcome, Won, Stage, Status…); name it with --outcome COLUMN${sheet ? ' (and the sheet with --sheet NAME)' : ''}`);
  }
  const pick = (given: string | undefined, role: 'amount' | 'created' | 'closed') => (given === '' ? null : (given ?? found[role]?.header ?? null));
  const columns = { outcome, amount: pick(args.amount, 'amount'), created: pick(args.created, 'created'), closed: pick(args.closed, 'closed') };
  const plan = args['what-if'] ? historyWhatIf(args['what-if'], model, history, headerAt, columns, args.today ? localDay(args.today) : undefined) : null;
  const bar = progressBar(io, !args['no-progress'] && Boolean(args.progress || io.stderr.isTTY));
  let result: LearnResult;
  try {
    result = learnFromHistory({
      modelGrid,
      historyGrid: history,
      columns,
      onProgress: ({ phase, fraction }) => bar.update(phase, fraction),
      options: {
        ...(args.today ? { today: localDay(args.today) } : {}),
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(args['weigh-by'] ? { weighBy: args['weigh-by'] } : {}),
        ...(args['no-discover'] ? { discover: false } : {}),
      },
    });
  } finally {
    bar.done();
  }
  if (!result.ok) {
    io.stderr.write(`icp learn: ${terminalText(result.problem)}\n`);
    return 2;
  }
  const anyway = Boolean(args.anyway) && !result.suggestion.usable;
  const grid = anyway ? result.suggestion.triedGrid : result.suggestion.grid;
  const used = `Columns: outcome "${columns.outcome}"${columns.amount ? `, amount "${columns.amount}"` : ''}${columns.created ? `, created "${columns.created}"` : ''}${columns.closed ? `, closed "${columns.closed}"` : ''}.\n`;
  await writeFileAtomic(args.output, gridToCsv(grid));
  if (args.report) await writeFileAtomic(args.report, markdownWithoutHtml(reportMarkdown(result, { model: args.model, history: args.input }, plan)));
  let text = summaryText(result, args.output);
  if (anyway) text = text.replace(/Wrote (.*): the current model unchanged\.\n$/, 'Wrote $1: the model tried, as asked (--anyway), although it was not shown to be better.\n');
  const read = sheet ? `Sheet: ${sheet}.\n` : '';
  const planned = plan ? `${plan.sentence}\n${plan.detail}\n` : '';
  io.stdout.write(terminalText(used + read + text + planned + (args.report ? `Wrote the report to ${args.report}.\n` : '')));
  return 0;
}
