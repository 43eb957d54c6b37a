/**
 * `icp learn`: learns from a closed-won / closed-lost history against the model and writes the
 * suggested model as a worksheet CSV (the current model unchanged when nothing is shown to be
 * better), prints the verdict, the held-out AUCs, the tiers and the new rows with their evidence,
 * and optionally writes the whole report as Markdown. Outputs are written to a temporary file
 * beside the target, then renamed over it: a failed run never leaves half a file.
 */
import path from 'node:path';
import { type Cell, type LearnReport, type LearnResult, type Model, type SuggestedRow, headerKey, plainDecimal, readModel, readText, suggestCustomerColumns, suggestHistoryColumns } from '../core/index.ts';
import { MIN_TENURE_DAYS, goalNeeds } from '../core/learn/goals.ts';
import { namedColumn } from './proof.ts';
import { learnFromHistory } from '../core/learner.ts';
import { GOAL_WORDS, consideredShown, consideredText, decisionText, evidenceLine, evidenceText, isDecision, nothingFoundText, percent as pct, ruleText, signed, two, verdictLead } from '../core/learn/words.ts';
import type { LearnArgs } from './learn-args.ts';
import { type History, readHistoryTable } from './learn-history.ts';
import { csvQuoter, localDay } from './chunk.ts';
import { CliError, isXlsx, readModelGrid } from './files.ts';
import { inertText, markdownWithoutHtml, refuseOutputOverInput, refuseSameOutputs, terminalText, writeFileAtomic } from './output.ts';
import type { Io } from './score.ts';
import { learnProofSection } from './learn-proof.ts';
import { historyWhatIf } from './what-if.ts';

const BAR = 24;
/** The share of the progress bar reading the file takes; learning takes the rest. */
const READING_SHARE = 0.3;

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

function pointsText(row: SuggestedRow): string {
  if (row.kind === 'exclude') return 'exclude';
  if (row.origin === 'found') return row.suggestedPoints === null ? `${row.triedPoints} tried` : `${row.suggestedPoints}`;
  return `${row.currentPoints} → ${row.suggestedPoints}`;
}

/** What to do, decisions first (the Learn tab's words): the verdict, each found or changed row with its evidence, then what was considered and not kept. */
export function decisionLines(report: LearnReport): { lead: string; decisions: string[]; considered: string[] } {
  const { validation: v, suggestion: s } = report;
  const found = s.rows.filter((r) => r.origin === 'found');
  const lead = verdictLead({ usable: s.usable, heldOut: v.testAccounts, current: v.current.auc, suggested: v.suggested.auc, found: found.length });
  const rows = [...found, ...s.rows.filter((r) => r.origin !== 'found' && isDecision(r))];
  const d = report.discovery;
  const decisions = rows.map((r) => `${decisionText(r, s.usable)} ${evidenceLine(r)}`);
  if (found.length === 0) decisions.unshift(nothingFoundText(d ? { looked: d.looked, pairLooked: d.pairLooked, columns: d.columns.length } : null));
  const considered = consideredShown(d?.considered ?? []).map(consideredText);
  return { lead, decisions, considered };
}

/** What the terminal shows: verdict, AUCs, the tiers, the new and moved rows with their evidence. */
export function summaryText(report: LearnReport, output: string): string {
  const { validation: v, suggestion: s } = report;
  const lines: string[] = [];
  const other = s.usable ? 'suggested' : 'model tried';
  const words = GOAL_WORDS[report.settings.goal];
  const what = decisionLines(report);
  if (report.goal.sentence) lines.push(report.goal.sentence);
  lines.push(what.lead, s.message, v.sentence, `Held-out AUC: current ${two(v.current.auc)}, ${other} ${two(v.suggested.auc)}. ${v.description}`, s.procedure, s.recency);
  if (v.backtest) lines.push(v.backtest.sentence);
  if (v.stability) lines.push(v.stability.sentence);
  if (s.tiers) lines.push(`Tier minimums${s.usable ? '' : ' (in the model tried)'}: ${s.tiers.sentence}`);
  lines.push('', 'What to do:', ...what.decisions.map((d) => `  ${d}`));
  if (what.considered.length) lines.push('', 'Considered and not kept:', ...what.considered.map((c) => `  ${c}`));
  lines.push('', `Held-out deals by tier (current → ${other}):`);
  const names = [...new Set([...v.current.tiers, ...v.suggested.tiers].map((t) => t.tier))];
  for (const name of names) {
    const c = v.current.tiers.find((t) => t.tier === name);
    const g = v.suggested.tiers.find((t) => t.tier === name);
    if (!c?.accounts && !g?.accounts) continue;
    const cell = (t: typeof c) => (t ? `${t.accounts} ${words.units}, ${pct(t.winRate)} ${words.did}, ${pct(t.shareOfWins)} of ${words.goal === 'won' || words.goal === 'value' ? 'wins' : `those that ${words.did}`}` : '–');
    lines.push(`  ${name.padEnd(12)} ${cell(c).padEnd(36)} → ${cell(g)}`);
  }
  const changed = s.rows.filter((r) => r.origin !== 'model');
  if (changed.length) {
    lines.push('', s.usable ? 'New and moved rows:' : 'Rows tried (not adopted):');
    for (const row of changed) {
      const moved = row.origin === 'moved' ? ` (was ${row.previousValue})` : '';
      lines.push(`  ${row.kind === 'exclude' ? 'exclude  ' : 'criterion'} ${row.name}: ${ruleText(row)}${moved}, ${pointsText(row)} points; ${evidenceText(row, words)}`);
    }
  }
  const shifted = report.changes?.rows.filter((c) => c.changed) ?? [];
  if (shifted.length) lines.push('', `What changed in ${report.changes!.newest}:`, ...shifted.map((c) => `  ${c.sentence}`));
  const product = report.leftOut.filter((l) => /ICP|override/.test(l.why));
  if (product.length) lines.push('', 'Not learned from:', ...product.map((l) => `  ${l.header}: ${l.why}.`));
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
export function reportMarkdown(report: LearnReport, files: { model: string; history: string }, whatIf?: { sentence: string; detail: string } | null, proof: readonly string[] = []): string {
  const { validation: v, suggestion: s } = report;
  const out: string[] = [`# Learned from ${path.basename(files.history)}`, ''];
  out.push(`Model: ${path.basename(files.model)}. ${report.accounts} accounts: ${report.outcomes.won} won, ${report.outcomes.lost} lost, ${report.outcomes.open} open.`, '');
  if (report.goal.sentence) out.push(report.goal.sentence, '');
  const words = GOAL_WORDS[report.settings.goal];
  const rate = words.rate[0]!.toUpperCase() + words.rate.slice(1);
  const what = decisionLines(report);
  out.push('## Verdict', '', `**${what.lead}**`, '', s.message, '', v.sentence, '', v.description, '', s.procedure, '', s.recency, '');
  if (v.backtest) out.push(v.backtest.sentence, '');
  const other = s.usable ? 'Suggested' : 'Tried (not adopted)';
  out.push(table(['', 'Current', other], [
    ['Held-out AUC', two(v.current.auc), two(v.suggested.auc)],
    ['Best-scored quarter: share of wins', pct(v.current.topQuarter.shareOfWins), pct(v.suggested.topQuarter.shareOfWins)],
    ['Top tiers hold ≥ 60% of wins in 15–35% of deals', v.current.meetsTarget ? 'yes' : 'no', v.suggested.meetsTarget ? 'yes' : 'no'],
  ]), '');
  out.push('## What to do', '', ...what.decisions.map((d) => `- ${d}`), '');
  if (what.considered.length) out.push('Considered and not kept:', '', ...what.considered.map((c) => `- ${c}`), '');
  if (s.tiers) out.push('## Tier minimums', '', s.tiers.sentence, '', table(['Tier', 'Minimum now', 'Refitted'], s.tiers.minimums.map((m) => [m.tier, String(m.from), String(m.to)])), '');
  out.push('## Rows and their evidence', '');
  out.push(s.usable ? 'The suggested model, row by row.' : 'The suggestion is the current model unchanged; the rows below show what was tried.', '');
  out.push(
    table(
      ['Row', 'Kind', 'Name', 'Rule', 'Points', 'Status', words.units === 'deals' ? 'Deals' : 'Accounts', rate, 'Rest', 'Lift', 'Effect ± s.e.'],
      s.rows.map((r) => [
        String(r.row),
        r.kind,
        r.name,
        ruleText(r) + (r.origin === 'moved' ? ` (was ${r.previousRule && r.previousRule !== r.rule ? `${r.previousRule} ` : ''}${r.previousValue})` : ''),
        pointsText(r),
        r.status,
        String(r.accounts),
        pct(r.winRate),
        pct(r.winRateRest),
        two(r.lift),
        `${signed(r.coefficient)}${r.standardError === null ? '' : ` ± ${r.standardError.toFixed(2)}`}`,
      ]),
    ),
    '',
  );
  out.push(...changesSection(report));
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
  out.push(...proof);
  out.push(...discoverySection(report));
  if (report.warnings.length) out.push('## Notes', '', ...report.warnings.map((w) => `- ${w}`), '');
  return `${out.join('\n')}`;
}

/** Each row's effect by quarter, the changed ones first. */
function changesSection(report: LearnReport): string[] {
  const changes = report.changes;
  if (!changes || changes.rows.length === 0) return [];
  const quarters = changes.rows[0]!.quarters.map((q) => q.quarter);
  const rows = [...changes.rows].sort((a, b) => Number(b.changed) - Number(a.changed));
  return [
    '## What changed',
    '',
    changes.sentence || `No row's effect changed in ${changes.newest} beyond what chance gives.`,
    '',
    `Effect (log-odds) by quarter ${changes.basis}; "before" and "newest" compare ${changes.newest} with the quarters before.`,
    '',
    table(
      ['Row', 'Segment', ...quarters, 'Before', 'Newest', 'Change'],
      rows.map((r) => [String(r.row), r.segment, ...r.quarters.map((q) => (q.effect === null ? '–' : signed(q.effect))), signed(r.earlier.effect), signed(r.newest.effect), r.changed ? r.direction : 'steady']),
    ),
    '',
  ];
}

/** What was searched, what was left out and why, and what was considered but not kept. */
function discoverySection(report: LearnReport): string[] {
  const out: string[] = [];
  if (report.leftOut.length) {
    out.push('## Columns not learned from', '', table(['Column', 'Why'], report.leftOut.map((l) => [l.header, l.why])), '');
  }
  const d = report.discovery;
  if (!d) return out;
  const bars = d.barHigh > d.bar + 0.005 ? `|z| from ${d.bar.toFixed(2)} to ${d.barHigh.toFixed(2)} (the more a column offered, the higher its bar)` : `|z| ≥ ${d.bar.toFixed(2)}`;
  out.push('## Columns searched', '', `${d.looked} segments and ${d.pairLooked} pairs looked at; a segment needed ${bars}, a pair an interaction |z| ≥ ${d.pairBar.toFixed(2)}.`, '');
  out.push(table(['Column', 'Read as', 'Filled'], d.columns.map((c) => [c.header, c.type, String(c.filled)])), '');
  if (d.pairs.length) out.push('### Pairs that passed', '', table(['Pair', 'Deals', 'Win rate', 'Beyond its parts', 'z'], d.pairs.map((p) => [p.label, String(p.deals), pct(p.winRate), signed(p.interaction), p.z.toFixed(1)])), '');
  if (d.considered.length) {
    out.push('### Considered, not kept', '', table(['Segment', 'Deals', 'Win rate', 'Lift', 'z', 'Why not'], d.considered.map((c) => [c.label, String(c.deals), pct(c.winRate), two(c.lift), c.z.toFixed(1), c.reason])), '');
  }
  return out;
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

const FLAG = { amount: '--amount', closed: '--closed', churned: '--churned', arrNow: '--arr-now' } as const;

/**
 * The churned and ARR now columns a customer goal reads (--churned, --arr-now, else found by their
 * names, as icp proof finds them), and a CliError naming the flag when the goal needs a column the
 * history lacks. The won and value goals read neither.
 */
function customerColumns(args: LearnArgs, headers: readonly Cell[], model: Model, deal: { outcome: string; amount: string | null; created: string | null; closed: string | null }, where: string) {
  const goal = args.goal ?? (args['weigh-by'] === 'amount' ? 'value' : 'won');
  const names = headers.map((h) => String(readText(h) ?? '').trim());
  const taken = Object.values(deal).flatMap((name) => (name ? [names.findIndex((n) => headerKey(n) === headerKey(name))] : []));
  const found = suggestCustomerColumns(headers, { model, taken });
  const pick = (given: string | undefined, role: 'churned' | 'arrNow') =>
    given === '' ? null : given !== undefined ? names[namedColumn(names, given, FLAG[role], where)]! : (found[role]?.header ?? null);
  const customer = goal === 'retained' || goal === 'expansion';
  const columns = { churned: customer ? pick(args.churned, 'churned') : null, arrNow: goal === 'expansion' ? pick(args['arr-now'], 'arrNow') : null };
  const minTenure = args['min-tenure'] ?? MIN_TENURE_DAYS;
  const need = goalNeeds(goal, { amount: deal.amount !== null, closed: deal.closed !== null, churned: columns.churned !== null, arrNow: columns.arrNow !== null }, minTenure);
  if (need) {
    const tenure = need.column === 'closed' ? ', or give --min-tenure 0' : '';
    throw new CliError(`--goal ${goal} needs ${need.what}, and ${where} has none found by its name: name it with ${FLAG[need.column]} COLUMN${tenure}`);
  }
  const used = `${columns.churned ? `, churned "${columns.churned}"` : ''}${columns.arrNow ? `, ARR now "${columns.arrNow}"` : ''}`;
  return { columns, used };
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
  const bar = progressBar(io, !args['no-progress'] && Boolean(args.progress || io.stderr.isTTY));
  let history: History;
  bar.update('reading', 0);
  try {
    history = await readHistoryTable(args, model, warn, (share) => bar.update('reading', READING_SHARE * share));
  } catch (error) {
    bar.done();
    throw error;
  }
  const { table, sheet } = history;
  const found = suggestHistoryColumns(table.headers, model);
  const outcome = args.outcome ?? found.outcome?.header;
  if (!outcome) {
    bar.done();
    const where = sheet ? `no sheet of the workbook "${args.input}" has` : `the history file "${args.input}" has no`;
    throw new CliError(`${where} a column named like an outcome (Outcome, Won, Stage, Status…); name it with --outcome COLUMN${sheet ? ' (and the sheet with --sheet NAME)' : ''}`);
  }
  const pick = (given: string | undefined, role: 'amount' | 'created' | 'closed') => (given === '' ? null : (given ?? found[role]?.header ?? null));
  const columns = { outcome, amount: pick(args.amount, 'amount'), created: pick(args.created, 'created'), closed: pick(args.closed, 'closed') };
  let goalColumns: ReturnType<typeof customerColumns>;
  try {
    goalColumns = customerColumns(args, table.headers, model, columns, sheet ? `the sheet ${sheet}` : `the history file "${args.input}"`);
  } catch (error) {
    bar.done();
    throw error;
  }
  let plan: ReturnType<typeof historyWhatIf> | null = null;
  try {
    if (args['what-if']) plan = historyWhatIf(args['what-if'], model, table, columns, args.today ? localDay(args.today) : undefined);
  } catch (error) {
    bar.done();
    throw error;
  }
  let result: LearnResult;
  try {
    result = learnFromHistory({
      modelGrid,
      history: table,
      columns: { ...columns, ...goalColumns.columns },
      onProgress: ({ phase, fraction }) => bar.update(phase, READING_SHARE + (1 - READING_SHARE) * fraction),
      options: {
        ...(args.today ? { today: localDay(args.today) } : {}),
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(args['weigh-by'] ? { weighBy: args['weigh-by'] } : {}),
        ...(args.goal ? { goal: args.goal } : {}),
        ...(args['min-tenure'] !== undefined ? { minTenureDays: args['min-tenure'] } : {}),
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
  const used = `Columns: outcome "${columns.outcome}"${columns.amount ? `, amount "${columns.amount}"` : ''}${columns.created ? `, created "${columns.created}"` : ''}${columns.closed ? `, closed "${columns.closed}"` : ''}${goalColumns.used}.\n`;
  await writeFileAtomic(args.output, gridToCsv(grid));
  if (args.report) {
    const changed = anyway || result.suggestion.usable;
    const models = [{ label: 'The current model', model }, ...(changed ? [{ label: anyway ? 'The model tried, written as asked (--anyway)' : 'The suggested model (written)', model: readModel(grid) }] : [])];
    const proof = learnProofSection(models, table, { ...columns, ...goalColumns.columns }, args.today ? localDay(args.today) : undefined);
    await writeFileAtomic(args.report, markdownWithoutHtml(reportMarkdown(result, { model: args.model, history: args.input }, plan, proof)));
  }
  let text = summaryText(result, args.output);
  if (anyway) text = text.replace(/Wrote (.*): the current model unchanged\.\n$/, 'Wrote $1: the model tried, as asked (--anyway), although it was not shown to be better.\n');
  const read = sheet ? `Sheet: ${sheet}.\n` : '';
  const planned = plan ? `${plan.sentence}\n${plan.detail}\n` : '';
  io.stdout.write(terminalText(used + read + text + planned + (args.report ? `Wrote the report to ${args.report}.\n` : '')));
  return 0;
}
