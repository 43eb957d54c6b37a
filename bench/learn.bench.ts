// `npm run bench -- learn`: the learner against scikit-learn, on generated histories of known shape
// (each averaged over 3 seeds) and on scikit-learn's own breast cancer and diabetes data (5 random
// splits each), in one table; then how often shuffled outcomes (and shuffled churn, with the
// retained goal) change the model, and the speed of
// 50,000 deals in the core and of 1,000,000 deals through `icp learn` (peak memory included).
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { type Cell, bindModel, readModel, scoreRows } from '../core/index.ts';
import { learnFromHistory } from '../core/learner.ts';
import { auc, seededRandom } from '../core/learn/stats.ts';
import { gridToCsv } from '../cli/learn.ts';
import { GUESSES, REALISTIC, SHAPES, SHAPE_COLUMNS, eachRow, generate, headersOf } from '../support/learn/shapes.ts';
import { CUSTOMER_MODEL, CUSTOMER_TODAY, customerBase } from '../support/learn/customers.ts';
import { peerAucs, peerColumns, pythonWithSklearn, realSets } from './learn-peers.ts';

const SEEDS = [1, 2, 3];
const NOISE_RUNS = 100;
const SPEED_ROWS = 50_000;
const SPEED_BUDGET_MS = 1_500;
const MILLION = 1_000_000;
const MILLION_BUDGET_S = 30;
const MILLION_BUDGET_MB = 1_024;
const DEAL_COLUMNS = ['Company', 'Outcome', 'Amount', 'Created', 'Closed'];

/** The held-out AUC of the worksheet `icp learn` would write, scored by the core on the test rows. */
function suggestionAuc(modelGrid: Cell[][], headers: Cell[], test: Cell[][], won: boolean[]): number {
  const bound = bindModel(readModel(modelGrid), headers);
  const scores = scoreRows(bound, test).map((s) => s ?? -1);
  return auc(scores.filter((_, k) => won[k]), scores.filter((_, k) => !won[k]))!;
}

interface Line {
  name: string;
  deals: number;
  ours: number;
  lr: number;
  gb: number;
  found: number;
  target: number | null;
}

/** Learn on `train` rows of a history and score the suggestion on the others; the peers on the same split. */
function compare(python: string | null, grid: Cell[][], model: Cell[][], train: boolean[], columns: object, won: boolean[]) {
  const rows = grid.slice(1);
  const report = learnFromHistory({ modelGrid: model, historyGrid: [grid[0]!, ...rows.filter((_, i) => train[i])], columns: columns as never });
  if (!report.ok) throw new Error(report.problem);
  const test = rows.filter((_, i) => !train[i]);
  const testWon = won.filter((_, i) => !train[i]);
  const ours = suggestionAuc(report.suggestion.grid, grid[0]!, test, testWon);
  const peers = python ? peerAucs(python, peerColumns(grid, DEAL_COLUMNS), won, train) : { lr: NaN, gb: NaN };
  return { ours, ...peers, found: report.suggestion.usable ? report.suggestion.found : 0 };
}

/** Train on the deals closed before the newest quarter of closed dates, test on that quarter (the learner's own default). */
function timeSplit(grid: Cell[][]): boolean[] {
  const closed = grid[0]!.indexOf('Closed');
  const days = grid.slice(1).map((r) => String(r[closed]));
  const cut = [...days].sort()[Math.floor(0.75 * days.length)]!;
  return days.map((d) => d < cut);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function generatedLines(python: string | null): Line[] {
  return SHAPES.map((s) => {
    const runs = SEEDS.map((seed) => {
      const { grid } = generate(s.spec, s.rows, seed);
      const won = grid.slice(1).map((r) => r[grid[0]!.indexOf('Outcome')] === 'Closed Won');
      return compare(python, grid, s.model, timeSplit(grid), SHAPE_COLUMNS, won);
    });
    const target = s.rows < 1_000 || s.name === 'pure noise' ? null : s.name.startsWith('interaction') ? 0.02 : 0.01;
    return { name: s.name, deals: s.rows, ours: mean(runs.map((r) => r.ours)), lr: mean(runs.map((r) => r.lr)), gb: mean(runs.map((r) => r.gb)), found: mean(runs.map((r) => r.found)), target };
  });
}

function realLines(python: string): Line[] {
  return Object.entries(realSets(python)).map(([name, set]) => {
    const headers = [...set.columns, 'Outcome'];
    const grid: Cell[][] = [headers, ...set.X.map((x, i) => [...x, set.y[i] ? 'Won' : 'Lost'])];
    const first = set.X.map((x) => x[0]!).sort((a, b) => a - b);
    // The analyst's guess: the first measurement at least its median earns points.
    const model: Cell[][] = [
      ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
      ['criterion', 'Guess', set.columns[0]!, 'at least', first[first.length >> 1]!, 10],
      ['tier', 'Tier 1', '', '', 50, ''],
      ['tier', 'Tier 2', '', '', 0, ''],
    ];
    const runs = set.splits.map((train) => compare(python, grid, model, train, { outcome: 'Outcome' }, set.y.map(Boolean)));
    return { name: `scikit-learn ${name}`, deals: set.y.length, ours: mean(runs.map((r) => r.ours)), lr: mean(runs.map((r) => r.lr)), gb: mean(runs.map((r) => r.gb)), found: mean(runs.map((r) => r.found)), target: 0.02 };
  });
}

function printTable(lines: Line[]): void {
  console.log('| History | Deals | Suggestion | LogReg (one-hot) | GradBoost | Better peer | Gap | Target | Found rows |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const l of lines) {
    const peer = Math.max(l.lr, l.gb);
    const gap = l.ours - peer;
    const verdict = l.target === null ? '–' : gap >= -l.target ? `within ${l.target} ✓` : `within ${l.target} ✗`;
    console.log(`| ${l.name} | ${l.deals.toLocaleString('en-US')} | ${l.ours.toFixed(3)} | ${l.lr.toFixed(3)} | ${l.gb.toFixed(3)} | ${peer.toFixed(3)} | ${gap >= 0 ? '+' : ''}${gap.toFixed(3)} | ${verdict} | ${l.found.toFixed(1)} |`);
  }
}

/** Shuffled outcomes: the suggestion must be the current model every time. */
function noise(): string {
  const base = generate(REALISTIC, 3_000, 77).grid;
  const outcome = base[0]!.indexOf('Outcome');
  let changed = 0;
  let tried = 0;
  const started = performance.now();
  for (let run = 0; run < NOISE_RUNS; run++) {
    const random = seededRandom(1000 + run);
    const outcomes = base.slice(1).map((r) => r[outcome]);
    for (let i = outcomes.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [outcomes[i], outcomes[j]] = [outcomes[j]!, outcomes[i]!];
    }
    const grid = [base[0]!, ...base.slice(1).map((r, i) => r.map((c, k) => (k === outcome ? outcomes[i]! : c)))];
    const report = learnFromHistory({ modelGrid: GUESSES.realistic, historyGrid: grid, columns: SHAPE_COLUMNS });
    if (!report.ok) throw new Error(report.problem);
    if (report.suggestion.usable) changed++;
    if (report.suggestion.found > 0) tried++;
  }
  return `shuffled outcomes, ${NOISE_RUNS} histories of 3,000 deals × 15 columns: the model changed ${changed} times in ${NOISE_RUNS} (the model tried held a found row in ${tried}) · ${((performance.now() - started) / NOISE_RUNS).toFixed(0)} ms each`;
}

/**
 * Shuffled churn (issue #20): the churned and ARR now cells of a generated customer base shuffled
 * among its won accounts, learned with the retained goal; the suggestion must be the current model every time.
 */
export function churnNoise(): string {
  const today = new Date(`${CUSTOMER_TODAY}T00:00:00`);
  const columns = { outcome: 'Outcome', amount: 'Amount', created: 'Created', closed: 'Closed', churned: 'Churned', arrNow: 'ARR now' };
  let changed = 0;
  let tried = 0;
  const started = performance.now();
  for (let run = 0; run < NOISE_RUNS; run++) {
    const grid = customerBase({ rows: 1_500, seed: 2000 + run, shuffleChurn: run + 1 });
    const report = learnFromHistory({ modelGrid: CUSTOMER_MODEL, historyGrid: grid, columns, options: { today, goal: 'retained' } });
    if (!report.ok) throw new Error(report.problem);
    if (report.suggestion.usable) changed++;
    if (report.suggestion.found > 0) tried++;
  }
  return `shuffled churn, ${NOISE_RUNS} customer bases of 1,500 deals, --goal retained: the model changed ${changed} times in ${NOISE_RUNS} (the model tried held a found row in ${tried}) · ${((performance.now() - started) / NOISE_RUNS).toFixed(0)} ms each`;
}

function speed(): string {
  const { grid } = generate(REALISTIC, SPEED_ROWS, 42);
  learnFromHistory({ modelGrid: GUESSES.realistic, historyGrid: grid.slice(0, 2_001), columns: SHAPE_COLUMNS });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = learnFromHistory({ modelGrid: GUESSES.realistic, historyGrid: grid, columns: SHAPE_COLUMNS });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (!report.ok) throw new Error(report.problem);
  const d = report.discovery!;
  return (
    `${SPEED_ROWS.toLocaleString('en-US')} deals × 15 columns, time split, discovery and pairs (${d.looked} segments, ${d.pairLooked} pairs looked at): ${ms.toFixed(0)} ms ` +
    `(CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, load ${os.loadavg()[0]!.toFixed(1)}) · ${ms < SPEED_BUDGET_MS ? 'within' : 'OVER'} the ${SPEED_BUDGET_MS / 1000} s budget · ` +
    `AUC ${report.validation.current.auc?.toFixed(3)} → ${report.validation.suggested.auc?.toFixed(3)}, ${report.suggestion.found} rows found, verdict ${report.validation.verdict}`
  );
}

/** A million deals written as CSV, learned by the built `icp learn` (streaming), timed with /usr/bin/time. */
async function million(): Promise<string> {
  const build = (await import('../scripts/build-cli.mjs' as string)) as { default: (o: { quiet: boolean }) => Promise<void> };
  await build.default({ quiet: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'icp-learn-million-'));
  try {
    const history = path.join(dir, 'history.csv');
    const model = path.join(dir, 'model.csv');
    writeFileSync(model, gridToCsv(GUESSES.realistic));
    const out = createWriteStream(history);
    let lines: string[] = [gridToCsv([headersOf(REALISTIC)]).trimEnd()];
    eachRow(REALISTIC, MILLION, 7, (row) => {
      lines.push(gridToCsv([row]).trimEnd());
      if (lines.length >= 10_000) {
        out.write(`${lines.join('\n')}\n`);
        lines = [];
      }
    });
    out.write(`${lines.join('\n')}\n`);
    await new Promise<void>((resolve) => out.end(resolve));
    const size = statSync(history).size / 1e6;
    const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, path.resolve('bin/icp.mjs'), 'learn', '--model', model, history, '-o', path.join(dir, 'out.csv')], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    const measured = /TIME ([\d.]+) (\d+)/.exec(run.stderr ?? '');
    if (run.status !== 0 || !measured) return `1,000,000 deals: icp learn failed: ${(run.stderr ?? '').slice(-400)}`;
    const seconds = Number(measured[1]);
    const mb = Number(measured[2]) / 1024;
    const verdict = (run.stdout ?? '').split('\n')[1] ?? '';
    return (
      `${MILLION.toLocaleString('en-US')} deals × 15 columns (${size.toFixed(0)} MB CSV) through icp learn, streamed: ${seconds.toFixed(1)} s, peak ${mb.toFixed(0)} MB · ` +
      `${seconds < MILLION_BUDGET_S && mb < MILLION_BUDGET_MB ? 'within' : 'OVER'} the ${MILLION_BUDGET_S} s / 1 GB budget (load ${os.loadavg()[0]!.toFixed(1)}) · ${verdict.slice(0, 160)}`
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function (): Promise<void> {
  const python = pythonWithSklearn();
  if (!python) console.log('scikit-learn: not installed (apt install python3-sklearn): the peer columns are blank');
  const lines = [...generatedLines(python), ...(python ? realLines(python) : [])];
  printTable(lines);
  console.log('');
  console.log(noise());
  console.log(churnNoise());
  console.log(speed());
  console.log(await million());
}
