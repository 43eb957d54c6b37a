/**
 * The peers the learner is measured against: scikit-learn (Debian's python3-sklearn, found at
 * /usr/bin/python3; bench only) on exactly the deals the learner learned from and was judged on.
 * A one-hot logistic regression (categories one-hot, terms as 0/1, numbers in ten quantile bins,
 * the penalty chosen by cross-validation) and gradient boosting (numbers raw); the better of the
 * two is the peer.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Cell, readNumber } from '../core/index.ts';
import { splitTerms } from '../core/text.ts';

/** A python3 that has scikit-learn: Debian's first (python3-sklearn installs there), then the one on PATH. */
export function pythonWithSklearn(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' });
      return python;
    } catch {
      // not this one
    }
  }
  return null;
}

const ENCODE = `
import sys, json, warnings
import numpy as np
warnings.filterwarnings('ignore')
from sklearn.preprocessing import OneHotEncoder, KBinsDiscretizer, MultiLabelBinarizer
from sklearn.linear_model import LogisticRegressionCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

def encode(columns, train):
    lr, gb = [], []
    for c in columns:
        if c['type'] == 'num':
            x = np.array([np.nan if v is None else v for v in c['values']], dtype=float).reshape(-1, 1)
            gb.append(x)
            filled = np.nan_to_num(x, nan=np.nanmedian(x[train]) if np.any(~np.isnan(x[train])) else 0.0)
            bins = KBinsDiscretizer(n_bins=10, encode='onehot-dense', strategy='quantile').fit(filled[train])
            lr.append(bins.transform(filled))
            lr.append(np.isnan(x).astype(float))
        elif c['type'] == 'terms':
            mlb = MultiLabelBinarizer().fit([v for v, t in zip(c['values'], train) if t])
            known = set(mlb.classes_)
            m = mlb.transform([[t for t in v if t in known] for v in c['values']]).astype(float)
            lr.append(m); gb.append(m)
        else:
            x = np.array(c['values'], dtype=object).reshape(-1, 1)
            enc = OneHotEncoder(handle_unknown='infrequent_if_exist', min_frequency=5, sparse_output=False).fit(x[train])
            m = enc.transform(x)
            lr.append(m); gb.append(m)
    return np.hstack(lr), np.hstack(gb)

def peers(columns, y, train, test):
    X_lr, X_gb = encode(columns, train)
    lr = LogisticRegressionCV(Cs=8, cv=3, scoring='neg_log_loss', max_iter=3000).fit(X_lr[train], y[train])
    gb = HistGradientBoostingClassifier(random_state=0).fit(X_gb[train], y[train])
    return roc_auc_score(y[test], lr.predict_proba(X_lr[test])[:, 1]), roc_auc_score(y[test], gb.predict_proba(X_gb[test])[:, 1])

data = json.load(open(sys.argv[1]))
y = np.array(data['won']); train = np.array(data['train'], dtype=bool); test = ~train
print(json.dumps(peers(data['columns'], y, train, test)))
`;

export interface PeerColumn {
  name: string;
  type: 'num' | 'cat' | 'terms';
  values: (number | string | string[] | null)[];
}

/** The prospect columns of a history as the peers read them: numbers read with the core's reader, terms split as the core splits them. */
export function peerColumns(grid: Cell[][], skip: readonly string[]): PeerColumn[] {
  const headers = grid[0]!.map(String);
  const rows = grid.slice(1);
  return headers.flatMap((name, c): PeerColumn[] => {
    if (skip.includes(name)) return [];
    const cells = rows.map((r) => r[c] ?? null);
    const filled = cells.filter((v) => v !== null && v !== '');
    const numbers = filled.filter((v) => typeof readNumber(v) === 'number');
    if (numbers.length >= 0.8 * filled.length && new Set(filled.map(String)).size > 12) {
      return [{ name, type: 'num' as const, values: cells.map((v) => (typeof readNumber(v) === 'number' ? (readNumber(v) as number) : null)) }];
    }
    const multi = filled.filter((v) => /[,;|]/.test(String(v))).length >= 0.1 * filled.length;
    if (multi) return [{ name, type: 'terms' as const, values: cells.map((v) => splitTerms(String(v ?? '')).map((t) => t.toLowerCase())) }];
    return [{ name, type: 'cat' as const, values: cells.map((v) => (v === null || v === '' ? '(blank)' : String(v).trim().toLowerCase())) }];
  });
}

/** Held-out AUCs of the two peers, learned on `train` (a flag per history row) and judged on the rest. */
export function peerAucs(python: string, columns: PeerColumn[], won: boolean[], train: boolean[]): { lr: number; gb: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'icp-learn-bench-'));
  try {
    const file = path.join(dir, 'data.json');
    writeFileSync(file, JSON.stringify({ columns, won: won.map(Number), train }));
    const [lr, gb] = JSON.parse(execFileSync(python, ['-c', ENCODE, file], { encoding: 'utf8', maxBuffer: 1 << 26 })) as [number, number];
    return { lr, gb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const DATASETS = `
import sys, json, numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes
from sklearn.model_selection import train_test_split
out = {}
bc = load_breast_cancer()
d = load_diabetes()
won_d = (d.target > np.median(d.target)).astype(int)
for name, X, y, cols in [('breast cancer', bc.data, bc.target, list(bc.feature_names)), ('diabetes', d.data, won_d, list(d.feature_names)), ('diabetes, flipped', d.data, 1 - won_d, list(d.feature_names))]:
    splits = []
    for seed in range(5):
        tr, te = train_test_split(np.arange(len(y)), test_size=0.25, random_state=seed, stratify=y)
        mask = np.zeros(len(y), dtype=bool); mask[tr] = True
        splits.append(mask.tolist())
    out[name] = {'columns': cols, 'X': X.round(6).tolist(), 'y': y.tolist(), 'splits': splits}
print(json.dumps(out))
`;

export interface RealSet {
  columns: string[];
  X: number[][];
  y: number[];
  /** Five random 75/25 splits (stratified): true where the row is learned from. */
  splits: boolean[][];
}

/** scikit-learn's own breast cancer and diabetes data (won = progression above the median; and flipped), with five splits each. */
export function realSets(python: string): Record<string, RealSet> {
  return JSON.parse(execFileSync(python, ['-c', DATASETS], { encoding: 'utf8', maxBuffer: 1 << 26 })) as Record<string, RealSet>;
}
