/**
 * Learn from history, the panel's pure part (ui/learn-logic.ts) and the demo history
 * (workbook/demo-workbook.ts). The browser side is in panel-learn-browser.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { type LearnReport, type TierRow, presetGrid, readModel } from '../../core/index.ts';
import { learnFromHistory } from '../../core/learner.ts';
import { DEMO_HISTORY_EFFECTS, demoHistory } from '../../workbook/demo-workbook.ts';
import { docFromGrid, docToGrid } from '../../ui/doc.ts';
import { initialState, replaceDoc, undo } from '../../ui/edit.ts';
import type { SheetInfo, WireCell } from '../../workbook/host.ts';
import {
  LEARN_ROWS,
  NO_COLUMN,
  applyLearned,
  filledRows,
  historyGrid,
  learnNote,
  pickHistorySheet,
  readingText,
  suggestedChoice,
  tierPairs,
  winRateText,
} from '../../ui/learn-logic.ts';

const COLUMNS = { outcome: 'Stage', amount: 'Amount', created: 'Created', closed: 'Close date' };
const B2B = presetGrid('b2b-saas') as WireCell[][];

function learn(modelGrid: WireCell[][], history: WireCell[][] = demoHistory()): LearnReport {
  const result = learnFromHistory({ modelGrid, historyGrid: history, columns: COLUMNS });
  if (!result.ok) throw new Error(result.problem);
  return result;
}

function info(name: string, headers: string[], dataRows: number): SheetInfo {
  return { name, headerRow: 1, headers, dataRows };
}

/** Outcome counts of the demo history, read by hand from its Stage labels (not by the core). */
function countStages(grid: WireCell[][]): { won: number; lost: number; open: number; closedDashWon: number } {
  const stage = grid[0]!.indexOf('Stage');
  const counts = { won: 0, lost: 0, open: 0, closedDashWon: 0 };
  for (const row of grid.slice(1)) {
    const label = String(row[stage] ?? '');
    if (['Closed Won', 'Won', 'closed won'].includes(label)) counts.won++;
    else if (['Closed Lost', 'Lost'].includes(label)) counts.lost++;
    else if (label === 'Closed - Won') {
      counts.lost++; // not a known word: read as lost
      counts.closedDashWon++;
    } else if (label === '') counts.open++;
    else throw new Error(`unexpected stage ${label}`);
  }
  return counts;
}

describe('the demo history', () => {
  it('is the same on every load, 1,000 deals under a header row', () => {
    const grid = demoHistory();
    expect(grid).toHaveLength(1001);
    expect(grid[0]).toEqual(['Account', 'Employees', 'Industry', 'Tech stack', 'Funding stage', 'Has RevOps', 'Stage', 'Amount', 'Created', 'Close date']);
    expect(demoHistory()).toEqual(grid);
    expect(demoHistory(1000, 7)).not.toEqual(grid);
  });

  it('is messy as a CRM export is: numbers as text, odd casing, unreadable cells, open deals and an unknown stage label', () => {
    const grid = demoHistory();
    const body = grid.slice(1);
    expect(body.some((r) => typeof r[1] === 'string' && /^\d{1,3}(,\d{3})+$/.test(r[1]))).toBe(true);
    expect(body.some((r) => r[1] === 'n/a' || r[1] === 'unknown')).toBe(true);
    expect(body.some((r) => typeof r[2] === 'string' && r[2] !== r[2].trim())).toBe(true);
    expect(body.some((r) => typeof r[7] === 'string' && r[7].startsWith('$'))).toBe(true);
    const counts = countStages(grid);
    expect(counts.open).toBeGreaterThan(0);
    expect(counts.closedDashWon).toBeGreaterThan(0);
  });

  it('teaches the B2B SaaS preset what was planted: RevOps up, Funding clearly harmful, and a better held-out ranking', () => {
    // Planted: RevOps +1.4 (the strongest), Industry +0.3 (near neutral), Funding −2.2; the preset gives 10, 20 and 15.
    expect(DEMO_HISTORY_EFFECTS.RevOps).toBeGreaterThan(DEMO_HISTORY_EFFECTS.Industry);
    for (const seed of [2024, 1, 2]) {
      const report = learn(B2B, demoHistory(1000, seed));
      const row = (name: string) => report.suggestion.rows.find((r) => r.name === name)!;
      expect(row('RevOps').suggestedPoints!, `seed ${seed}`).toBeGreaterThan(row('RevOps').currentPoints!);
      expect(row('RevOps').suggestedPoints!, `seed ${seed}`).toBeGreaterThan(row('Industry').suggestedPoints!);
      expect(row('Funding').suggestedPoints!, `seed ${seed}`).toBeLessThan(0);
      expect(report.validation.verdict, `seed ${seed}`).toBe('better');
    }
    expect(learn(B2B).suggestion.rows.find((r) => r.name === 'Funding')!.status).toBe('candidate exclusion');
  });
});

describe('choosing the history and its columns', () => {
  const history = demoHistory(40)[0] as string[];

  it('suggests the outcome, amount and date columns from the header names', () => {
    const choice = suggestedChoice(info('Deal history', history, 1000), readModel(B2B));
    expect(choice).toEqual({ sheet: 'Deal history', outcome: 6, amount: 7, created: 8, closed: 9 });
  });

  it('leaves a role without a column when no header names it', () => {
    expect(suggestedChoice(info('List', ['Company', 'Result'], 5), null)).toEqual({ sheet: 'List', outcome: 1, amount: NO_COLUMN, created: NO_COLUMN, closed: NO_COLUMN });
  });

  it('suggests the largest sheet with an outcome column, never the model sheet', () => {
    const sheets = [
      info('ICP Model', ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note'], 9),
      info('Prospects', ['Company', 'Deal stage'], 24),
      info('Notes', ['Company', 'Remark'], 5000),
      info('Deal history', history, 1000),
    ];
    expect(pickHistorySheet(sheets, 'ICP Model', null)?.name).toBe('Deal history');
    expect(pickHistorySheet(sheets.slice(0, 3), 'ICP Model', null)?.name).toBe('Prospects');
    expect(pickHistorySheet([sheets[0]!, sheets[2]!], 'ICP Model', null)?.name).toBe('Notes');
    expect(pickHistorySheet([sheets[0]!], 'ICP Model', null)).toBeUndefined();
  });

  it('reads a picked column as its Field, as the Score tab does', () => {
    const grid = historyGrid(['Company', 'Employee Count', 'Won?'], [['Acme', 300, 'yes']], { Employees: 'Employee Count' });
    expect(grid).toEqual([['Company', 'Employees', 'Won?'], ['Acme', 300, 'yes']]);
  });

  it('learns with a model that names a manual override column the history lacks, since learning does not use it', () => {
    const withOverride = [...B2B, ['setting', 'override', '', '', 'Manual score', '', '', '']];
    const history = demoHistory(300);
    const headers = history[0] as string[];
    const result = learnFromHistory({ modelGrid: withOverride, historyGrid: historyGrid(headers, history.slice(1), {}), columns: COLUMNS });
    expect(result.ok).toBe(true);
  });
});

describe('what was read', () => {
  it('says how many rows were read and how their outcomes were read', () => {
    expect(readingText('Deals', 1000, { won: 400, lost: 550, open: 50 }, 1000)).toBe('Read 1,000 rows of "Deals": 400 won, 550 lost, 50 open or blank.');
  });

  it('says when the sheet holds more rows than were read', () => {
    expect(readingText('Deals', LEARN_ROWS, { won: 1, lost: 2, open: 3 }, 120_000)).toBe(
      'Read 100,000 rows of "Deals": 1 won, 2 lost, 3 open or blank. Only the first 100,000 rows were read; the sheet has 120,000.',
    );
  });

  it('counts only rows that hold something', () => {
    expect(filledRows([['a', ''], ['', null], [' ', ''], [0, '']])).toBe(2);
  });
});

describe('the side-by-side tables', () => {
  const tier = (name: string, won: number, lost: number, accounts: number): TierRow => ({
    tier: name,
    accounts,
    won,
    lost,
    winRate: won + lost ? won / (won + lost) : null,
    revenue: null,
    averageDeal: null,
    shareOfAccounts: accounts / 100,
    shareOfWins: null,
  });

  it('writes a win rate with the deals it counts', () => {
    expect(winRateText(tier('Tier 1', 12, 28, 40))).toBe('30% (12/40)');
    expect(winRateText(tier('Tier 1', 0, 0, 3))).toBe('–');
    expect(winRateText(null)).toBe('–');
  });

  it('pairs the tiers of both models and leaves out a row no deal falls in', () => {
    const report = learn(B2B);
    const pairs = tierPairs(report);
    // The B2B preset has no exclusions, so the Excluded row is empty on both sides.
    expect(pairs.map((p) => p.tier)).toEqual(['Priority', 'Standard']);
    const held = report.validation.testAccounts;
    for (const side of ['current', 'suggested'] as const) {
      expect(pairs.reduce((sum, p) => sum + p[side]!.won + p[side]!.lost, 0)).toBe(held);
    }
  });
});

describe('applying the learned points', () => {
  const GRID: WireCell[][] = [
    ['', '', '', '', '', '', '', '', ''],
    ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Owner', 'Dimension', 'Note'],
    ['criterion', 'Company size', 'Employees', 'between', '200-2000', 30, 'Ana', 'Firmographics', ''],
    ['', 'comment: software, then the stack', '', '', '', '', '', '', ''],
    ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS, Software, Technology', 20, '', 'Firmographics', ''],
    ['criterion', 'CRM', 'Tech stack', 'contains any', 'Salesforce, HubSpot', 25, '', 'Technographics', ''],
    ['criterion', 'Funding', 'Funding stage', 'is any of', 'Series B, Series C, Series D, PE-backed, Public', 15, 'Bo', 'Firmographics', 'keep?'],
    ['criterion', 'RevOps', 'Has RevOps', 'is true', '', 10, '', 'Technographics', ''],
    ['tier', 'Priority', '', '', 70, '', '', '', ''],
    ['tier', 'Standard', '', '', 0, '', '', '', ''],
  ];

  it('writes each suggested point on its own row and keeps everything else: ids, other columns, comments, the blank row above the header', () => {
    const doc = docFromGrid(GRID);
    const report = learn(docToGrid(doc));
    expect(report.suggestion.found).toBe(0);
    const next = applyLearned(doc, report);
    expect(next.rows.map((r) => r.id)).toEqual(doc.rows.map((r) => r.id));
    const written = docToGrid(next);
    const suggested = new Map(report.suggestion.rows.map((r) => [r.name, r.suggestedPoints]));
    const minimum = new Map(report.suggestion.tiers!.minimums.map((m) => [m.tier, m.to]));
    GRID.forEach((row, i) => {
      const name = String(row[1]);
      const expected =
        row[0] === 'criterion' ? [...row.slice(0, 5), suggested.get(name), ...row.slice(6)] : row[0] === 'tier' ? [...row.slice(0, 4), minimum.get(name), ...row.slice(5)] : row;
      expect(written[i], `row ${i + 1}`).toEqual(expected);
    });
    expect(written.filter((row) => row[0] === 'criterion').some((row, i) => row[5] !== GRID.filter((r) => r[0] === 'criterion')[i]![5])).toBe(true);
  });

  it('turns a ticked candidate exclusion into an exclude row with no points', () => {
    const doc = docFromGrid(GRID);
    const report = learn(docToGrid(doc));
    const funding = report.suggestion.rows.find((r) => r.name === 'Funding')!;
    expect(funding.row).toBe(7);
    const written = docToGrid(applyLearned(doc, report, [funding.row]));
    expect(written[6]!.slice(0, 6)).toEqual(['exclude', 'Funding', 'Funding stage', 'is any of', 'Series B, Series C, Series D, PE-backed, Public', '']);
    expect(readModel(written).exclusions.map((e) => e.name)).toEqual(['Funding']);
  });

  it('is one undo step in the editor', () => {
    const doc = docFromGrid(GRID);
    const state = replaceDoc(initialState(doc), 'apply the learned points', applyLearned(doc, learn(docToGrid(doc))));
    expect(docToGrid(undo(state).doc)).toEqual(docToGrid(doc));
  });

  it('refuses when the model changed since the history was read', () => {
    const doc = docFromGrid(GRID);
    const report = learn(docToGrid(doc));
    const renamed = { ...doc, rows: doc.rows.map((r) => (r.name === 'CRM' ? { ...r, name: 'Stack' } : r)) };
    expect(() => applyLearned(renamed, report)).toThrow(/model row 6 is not the criterion "CRM" the report was made for/);
  });

  it('saves with a note naming the sheet, the decided outcomes and both AUCs', () => {
    const history = demoHistory();
    const report = learn(B2B, history);
    const { won, lost } = countStages(history);
    const auc = (v: number | null) => v!.toFixed(2);
    expect(learnNote('Deal history', report)).toBe(
      `Learned from history: Deal history, ${won + lost} outcomes, AUC ${auc(report.validation.current.auc)} → ${auc(report.validation.suggested.auc)}`,
    );
  });
});
