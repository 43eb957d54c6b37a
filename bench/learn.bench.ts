// `npm run bench -- learn`: the learner on 50,000 deals with discovery (budget: under 2 s), the
// false-change rate on shuffled outcomes (pure noise), and, where Debian's python3-sklearn is
// installed, scikit-learn's logistic regression and gradient boosting on the same time split.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { type Cell, readNumber } from '../core/index.ts';
import { learnFromHistory } from '../core/learner.ts';
import { splitTerms } from '../core/text.ts';
import { WIDE_MODEL, wideHistory } from '../support/learn/wide.ts';
import { GUESS_MODEL, PLANTED_HEADERS, plantedHistory, shuffledOutcomes } from '../support/learn/planted.ts';

const ROWS = 50_000;
const BUDGET_MS = 2_000;
const NOISE_RUNS = 200;
const NOISE_ROWS = 2_000;
const COLUMNS = { outcome: 'Outcome', amount: 'Amount', created: 'Created', closed: 'Closed' };

function peakRssMb(): string {
  return (process.resourceUsage().maxRSS / 1024).toFixed(0);
}

let lastCpuMs = 0;
/** Wall time of `run`; its CPU time (this process, all threads) is kept in lastCpuMs, which other load on the machine inflates less. */
function timed<T>(run: () => T): [T, number] {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  lastCpuMs = (used.user + used.system) / 1000;
  return [value, performance.now() - started];
}

/** The 1-minute load average, to read the times by (2 cores: above 2, others are running too). */
function load(): string {
  return os.loadavg()[0]!.toFixed(1);
}

/** The planted history's columns for Python: raw values, the tech stack as one 0/1 column per term, and the split. */
function sklearnCsv(grid: Cell[][], cut: string): string {
  const at = (name: string) => PLANTED_HEADERS.indexOf(name);
  const rows = grid.slice(1);
  const terms = [...new Set(rows.flatMap((r) => splitTerms(String(r[at('Tech stack')] ?? '')).map((t) => t.toLowerCase())))].sort();
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const header = ['employees', 'industry', 'funding', 'region', 'revops', ...terms.map((t) => `stack_${t.replace(/\W+/g, '_')}`), 'won', 'test'];
  const lines = rows.map((r) => {
    const stack = new Set(splitTerms(String(r[at('Tech stack')] ?? '')).map((t) => t.toLowerCase()));
    const employees = readNumber(r[at('Employees')] as Cell);
    return [
      typeof employees === 'number' ? String(employees) : '',
      quote(String(r[at('Industry')] ?? '')),
      quote(String(r[at('Funding stage')] ?? '') || '(blank)'),
      quote(String(r[at('Region')] ?? '')),
      quote(String(r[at('Has RevOps')] ?? '')),
      ...terms.map((t) => (stack.has(t) ? '1' : '0')),
      r[at('Outcome')] === 'Closed Won' ? '1' : '0',
      String(r[at('Closed')]) >= cut ? '1' : '0',
    ].join(',');
  });
  return `${header.join(',')}\n${lines.join('\n')}\n`;
}

const PYTHON = `
import sys, csv
import numpy as np
from sklearn.preprocessing import OneHotEncoder, KBinsDiscretizer
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import make_pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
rows = list(csv.DictReader(open(sys.argv[1])))
cats = ['industry', 'funding', 'region', 'revops']
terms = [k for k in rows[0] if k.startswith('stack_')]
X_cat = np.array([[r[c] for c in cats] for r in rows])
X_num = np.array([[float(r['employees'] or 'nan')] for r in rows])
X_terms = np.array([[float(r[t]) for t in terms] for r in rows])
y = np.array([int(r['won']) for r in rows]); test = np.array([r['test'] == '1' for r in rows])
onehot = OneHotEncoder(handle_unknown='ignore', sparse_output=False).fit(X_cat[~test])
bins = KBinsDiscretizer(n_bins=10, encode='onehot-dense', strategy='quantile').fit(np.nan_to_num(X_num[~test]))
X_lr = np.hstack([onehot.transform(X_cat), bins.transform(np.nan_to_num(X_num)), X_terms])
lr = LogisticRegression(C=1.0, max_iter=2000).fit(X_lr[~test], y[~test])
X_gb = np.hstack([onehot.transform(X_cat), X_num, X_terms])
gb = HistGradientBoostingClassifier(random_state=0).fit(X_gb[~test], y[~test])
print('%.3f %.3f' % (roc_auc_score(y[test], lr.predict_proba(X_lr[test])[:, 1]), roc_auc_score(y[test], gb.predict_proba(X_gb[test])[:, 1])))
`;

/** A python3 that has scikit-learn: the one on PATH, else Debian's (python3-sklearn installs there). */
function pythonWithSklearn(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' });
      return python;
    } catch {
      // not this one
    }
  }
  return null;
}

function sklearnAucs(grid: Cell[][], cut: string): string {
  const python = pythonWithSklearn();
  if (!python) return 'scikit-learn: not installed (apt install python3-sklearn), comparison skipped';
  const dir = mkdtempSync(path.join(tmpdir(), 'icp-learn-bench-'));
  try {
    const data = path.join(dir, 'history.csv');
    writeFileSync(data, sklearnCsv(grid, cut));
    const [lr, gb] = execFileSync(python, ['-c', PYTHON, data], { encoding: 'utf8' }).trim().split(' ');
    return `scikit-learn on the same split: LogisticRegression (one-hot, employee deciles, stack terms) ${lr}, HistGradientBoosting ${gb}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function (): Promise<void> {
  const { grid } = plantedHistory({ rows: ROWS, seed: 42 });
  const searched = PLANTED_HEADERS.length - 4;
  // One warm-up run so the JIT has seen the code, as a panel's second click would.
  learnFromHistory({ modelGrid: GUESS_MODEL, historyGrid: grid.slice(0, 2_001), columns: COLUMNS });
  let cut = '';
  for (const variant of [
    { name: 'time split', columns: COLUMNS },
    { name: '5-fold', columns: { outcome: 'Outcome', amount: 'Amount', created: 'Created' } },
  ]) {
    const [report, ms] = timed(() => learnFromHistory({ modelGrid: GUESS_MODEL, historyGrid: grid, columns: variant.columns }));
    if (!report.ok) throw new Error(report.problem);
    if (variant.name === 'time split') cut = /closed before (\d{4}-\d\d-\d\d)/.exec(report.validation.description)![1]!;
    const { current, suggested } = report.validation;
    console.log(
      `learn + discovery, ${ROWS.toLocaleString('en-US')} deals × ${PLANTED_HEADERS.length} columns (${searched} searched), ${variant.name}: ${ms.toFixed(0)} ms (CPU ${lastCpuMs.toFixed(0)} ms, load ${load()}) · ` +
        `peak RSS ${peakRssMb()} MB · ${ms < BUDGET_MS ? 'within' : 'OVER'} the ${BUDGET_MS / 1000} s budget · held-out AUC current ${current.auc?.toFixed(3)} → suggested ${suggested.auc?.toFixed(3)} · ` +
        `${report.suggestion.found} rows found, ${report.suggestion.moved} band moved, verdict ${report.validation.verdict}`,
    );
  }
  console.log(sklearnAucs(grid, cut));

  const wide = wideHistory(ROWS, 42);
  const [wideReport, wideMs] = timed(() => learnFromHistory({ modelGrid: WIDE_MODEL, historyGrid: wide, columns: COLUMNS }));
  if (!wideReport.ok) throw new Error(wideReport.problem);
  console.log(
    `learn + discovery, ${ROWS.toLocaleString('en-US')} deals × ${wide[0]!.length} columns, ${WIDE_MODEL.length - 1}-row model, time split: ${wideMs.toFixed(0)} ms (CPU ${lastCpuMs.toFixed(0)} ms, load ${load()}) · ` +
      `${wideMs < BUDGET_MS ? 'within' : 'OVER'} the budget · AUC ${wideReport.validation.current.auc?.toFixed(3)} → ${wideReport.validation.suggested.auc?.toFixed(3)}`,
  );

  // Noise: the same columns with the outcomes shuffled among the rows. The suggestion must be the current model.
  const base = plantedHistory({ rows: NOISE_ROWS, seed: 7 }).grid;
  for (const variant of [
    { name: 'time split', columns: COLUMNS, runs: NOISE_RUNS },
    { name: '5-fold', columns: { outcome: 'Outcome', amount: 'Amount', created: 'Created' }, runs: NOISE_RUNS / 2 },
  ]) {
    let changed = 0;
    let tried = 0;
    const [, noiseMs] = timed(() => {
      for (let run = 0; run < variant.runs; run++) {
        const report = learnFromHistory({ modelGrid: GUESS_MODEL, historyGrid: shuffledOutcomes(base, 1000 + run), columns: variant.columns });
        if (!report.ok) throw new Error(report.problem);
        if (report.suggestion.usable) changed++;
        if (report.suggestion.found > 0) tried++;
      }
    });
    console.log(
      `noise, ${variant.name}: ${variant.runs} shuffled histories of ${NOISE_ROWS.toLocaleString('en-US')} deals: the suggested model differs from the current one in ${changed} ` +
        `(false-change rate ${((100 * changed) / variant.runs).toFixed(1)}%; the model tried held a found row in ${tried}) · ${(noiseMs / variant.runs).toFixed(0)} ms each`,
    );
  }
}
