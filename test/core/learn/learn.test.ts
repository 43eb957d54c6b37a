import { describe, expect, it } from 'vitest';
import { type Cell, type LearnReport, type LearnResult, readModel } from '../../../core/index.ts';
import { applySuggestion, learnFromHistory } from '../../../core/learner.ts';
import { CURRENT_MODEL, type Account, TRUE_EFFECTS, isMidSize, noiseLogit, plantedLogit, synthesizeHistory } from '../../../support/learn/synthetic.ts';

const COLUMNS = { outcome: 'Outcome', amount: 'Amount', created: 'Created', closed: 'Closed' };

function learn(grid: Cell[][], options: { model?: Cell[][]; columns?: object; seed?: number; discover?: boolean } = {}): LearnResult {
  return learnFromHistory({
    modelGrid: options.model ?? CURRENT_MODEL,
    historyGrid: grid,
    columns: (options.columns ?? COLUMNS) as never,
    options: {
      today: new Date(2026, 5, 30),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.discover === undefined ? {} : { discover: options.discover }),
    },
  });
}

function ok(result: LearnResult): LearnReport {
  if (!result.ok) throw new Error(result.problem);
  return result;
}

const pointsOf = (report: LearnReport, name: string) => report.suggestion.rows.find((r) => r.name === name)!.suggestedPoints!;

describe('learning from a history with known effects', () => {
  for (const seed of [1, 2, 3]) {
    describe(`(seed ${seed})`, () => {
      const report = ok(learn(synthesizeHistory({ rows: 6_000, seed, logit: plantedLogit }).grid));

      it('ranks the criteria as the true effects do', () => {
        const truthOrder = (['Company size', 'CRM', 'Industry', 'RevOps', 'Funding'] as const).slice().sort((a, b) => TRUE_EFFECTS[b] - TRUE_EFFECTS[a]);
        const suggestedOrder = [...truthOrder].sort((a, b) => pointsOf(report, b) - pointsOf(report, a));
        expect(suggestedOrder).toEqual(truthOrder);
        expect(pointsOf(report, 'Company size')).toBeGreaterThan(pointsOf(report, 'Industry'));
      });

      it('gives the planted anti-ICP segment negative points, a candidate exclusion when even its win rate\'s upper 95% bound is under half the overall rate', () => {
        const agency = report.suggestion.rows.find((r) => r.name === 'Agency work')!;
        expect(agency.currentPoints).toBe(10);
        expect(agency.suggestedPoints!).toBeLessThan(0);
        // Wilson's upper bound, worked out here from the row's counts.
        const n = agency.accounts;
        const p = agency.won / n;
        const z = 1.96;
        const upper = (p + (z * z) / (2 * n) + z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
        const overall = agency.winRate! / agency.lift!;
        expect(agency.status).toBe(upper < overall / 2 ? 'candidate exclusion' : 'negative');
        expect(agency.status).toBe('candidate exclusion');
      });

      it("beats the current model's held-out AUC, and says so", () => {
        const { validation } = report;
        expect(validation.method).toBe('time split');
        expect(validation.suggested.auc!).toBeGreaterThan(validation.current.auc! + 0.05);
        expect(validation.verdict).toBe('better');
        expect(validation.sentence).toMatch(/^On \d+ held-out accounts the suggested model reaches an AUC of 0\.\d\d against 0\.\d\d for the current model: better/);
      });

      it('scales the suggested points to a 100-point model', () => {
        // The possible total: each criterion's highest points (rows sharing a name are one criterion), give or take rounding.
        const best = new Map<string, number>();
        for (const r of report.suggestion.rows.filter((r) => r.kind === 'criterion')) best.set(r.name, Math.max(best.get(r.name) ?? 0, r.suggestedPoints!));
        const possible = [...best.values()].reduce((sum, p) => sum + p, 0);
        expect(Math.abs(possible - 100)).toBeLessThanOrEqual(3);
      });
    });
  }
});

describe('learning from pure noise', () => {
  it('does not claim an improvement on any of five noise histories', () => {
    for (const seed of [11, 12, 13, 14, 15]) {
      const report = ok(learn(synthesizeHistory({ rows: 2_000, seed, logit: noiseLogit }).grid));
      expect(report.validation.verdict, `seed ${seed}: ${report.validation.sentence}`).not.toBe('better');
    }
  });

  it('does not claim an improvement under k-fold validation either', () => {
    for (const seed of [21, 22, 23]) {
      const report = ok(learn(synthesizeHistory({ rows: 1_500, seed, logit: noiseLogit }).grid, { columns: { outcome: 'Outcome' } }));
      expect(report.validation.method).toBe('k-fold');
      expect(report.validation.verdict, `seed ${seed}: ${report.validation.sentence}`).not.toBe('better');
    }
  });
});

describe('thin evidence', () => {
  const withRareRow = [
    ...CURRENT_MODEL.slice(0, 7),
    ['criterion', 'Antarctica', 'Region', 'is any of', 'Antarctica', 7, '', ''],
    ...CURRENT_MODEL.slice(7),
  ];

  it('leaves a row that too few accounts match at its points, and flags it', () => {
    const { grid } = synthesizeHistory({ rows: 2_000, seed: 4, logit: plantedLogit });
    // Ten accounts in Antarctica: fewer than the 20 a row needs.
    for (let i = 1; i <= 10; i++) grid[i]![6] = 'Antarctica';
    const report = ok(learn(grid, { model: withRareRow }));
    const rare = report.suggestion.rows.find((r) => r.name === 'Antarctica')!;
    expect(rare.status).toBe('thin');
    expect(rare.suggestedPoints).toBe(7);
    expect(rare.note).toMatch(/^Too thin to judge: it counted for \d+ of \d+ decided accounts \(needs 20 with it and 20 without\); points left as they are\.$/);
    expect(report.lift.find((r) => r.name === 'Antarctica')!.thin).toBe(true);
  });

  it('suggests nothing when every row is too thin, and keeps the current points', () => {
    const { grid } = synthesizeHistory({ rows: 36, seed: 5, logit: plantedLogit, openShare: 0 });
    const report = ok(learn(grid, { columns: { outcome: 'Outcome' } }));
    expect(report.suggestion.usable).toBe(false);
    expect(report.suggestion.message).toMatch(/^The suggestion is the current model unchanged: /);
    for (const row of report.suggestion.rows.filter((r) => r.kind === 'criterion')) expect(row.suggestedPoints).toBe(row.currentPoints);
    expect(report.suggestion.grid).toEqual(CURRENT_MODEL);
    expect(() => applySuggestion(CURRENT_MODEL, report)).toThrow(/the report has no suggested change: The suggestion is the current model unchanged/);
  });
});

describe('bands of one criterion', () => {
  it('keep the order their points had, even when the history ranks them the other way', () => {
    // The model gives 200–2,000 employees 30 and 50–200 employees 15; the truth favours 50–200.
    const model = [
      CURRENT_MODEL[0]!,
      ['criterion', 'Company size', 'Employees', 'between', '200-2000', 30, '', ''],
      ['criterion', 'Company size', 'Employees', 'between', '50-200', 15, '', ''],
      ['criterion', 'CRM', 'Tech stack', 'contains any', 'Salesforce, HubSpot', 20, '', ''],
      ['tier', 'Tier 1', '', '', 60, '', '', ''],
    ];
    const logit = (a: Account) => -1 + (a.employees >= 50 && a.employees < 200 ? 1.2 : 0) + (isMidSize(a) ? 0.4 : 0) + (/salesforce|hubspot/i.test(a.techStack) ? 0.8 : 0);
    const report = ok(learn(synthesizeHistory({ rows: 5_000, seed: 6, logit }).grid, { model, discover: false }));
    const [high, low] = report.suggestion.rows.filter((r) => r.name === 'Company size');
    // The fit alone puts 50–200 above 200–2,000; kept in order, the two are pooled to one value.
    expect(low!.coefficient).toBeGreaterThan(high!.coefficient);
    expect(high!.triedPoints).toBe(low!.triedPoints);
    expect(high!.triedPoints!).toBeGreaterThan(0);
  });
});

describe('histories that cannot be learned from', () => {
  it('refuse fewer than 30 decided outcomes, with the counts, changing nothing', () => {
    const { grid } = synthesizeHistory({ rows: 29, seed: 7, logit: plantedLogit, openShare: 0 });
    const result = learn(grid);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const won = grid.slice(1).filter((r) => r[7] === 'Closed Won').length;
    expect(result.problem).toBe(
      `The outcome column has 29 decided outcomes (${won} won, ${29 - won} lost; 0 open or blank): at least 30 are needed, with both wins and losses. Nothing was changed.`,
    );
    expect(result.outcomes.won).toBe(won);
  });

  it('refuse a history whose wins are spelled in a way that is read as lost, naming the labels', () => {
    const { grid } = synthesizeHistory({ rows: 200, seed: 8, logit: plantedLogit });
    for (const row of grid.slice(1)) if (row[7] === 'Closed Won') row[7] = 'Closed - Won';
    const result = learn(grid);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toContain('there are no wins');
    expect(result.problem).toMatch(/"Closed - Won" \(\d+ rows, did you mean Won\?\) was read as lost/);
    expect(result.outcomes.unrecognized[0]).toMatchObject({ label: 'Closed - Won', readAs: 'lost', looksLikeWin: true });
  });

  it('name a column that is not in the history, and the headers that are', () => {
    const { grid } = synthesizeHistory({ rows: 50, seed: 9, logit: plantedLogit });
    expect(() => learn(grid, { columns: { outcome: 'Stage' } })).toThrow(/the history has no "Stage" column for the outcome; its headers are "Company", "Employees"/);
  });
});

describe('the report', () => {
  const { grid } = synthesizeHistory({ rows: 1_500, seed: 10, logit: plantedLogit });

  it('is plain JSON: it survives a round trip unchanged', () => {
    const report = ok(learn(grid));
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    const kfold = ok(learn(grid, { columns: { outcome: 'Outcome', amount: 'Amount' } }));
    expect(JSON.parse(JSON.stringify(kfold))).toEqual(kfold);
  });

  it('is the same for the same seed, and k-fold folds move with the seed', () => {
    const columns = { outcome: 'Outcome' };
    const a = ok(learn(grid, { columns, seed: 3 }));
    const b = ok(learn(grid, { columns, seed: 3 }));
    const c = ok(learn(grid, { columns, seed: 4 }));
    expect(b).toEqual(a);
    expect(c.validation.suggested.auc).not.toBe(a.validation.suggested.auc);
    expect(c.suggestion).toEqual(a.suggestion);
  });

  it('uses a time split when closed dates exist, and k-fold when they do not', () => {
    const timed = ok(learn(grid));
    expect(timed.validation.method).toBe('time split');
    expect(timed.validation.folds).toBe(1);
    expect(timed.validation.description).toMatch(/^Learned from the \d+ deals closed before \d{4}-\d\d-\d\d, tested on the \d+ closed from/);
    const decided = timed.outcomes.won + timed.outcomes.lost;
    expect(timed.validation.testAccounts).toBeGreaterThan(0.2 * decided);
    expect(timed.validation.testAccounts).toBeLessThan(0.3 * decided);
    const folded = ok(learn(grid, { columns: { outcome: 'Outcome' } }));
    expect(folded.validation.method).toBe('k-fold');
    expect(folded.validation.folds).toBe(5);
    expect(folded.validation.testAccounts).toBe(decided);
  });

  it('holds out the newest closed deals in a time split', () => {
    const report = ok(learn(grid));
    const cut = /closed before (\d{4}-\d\d-\d\d)/.exec(report.validation.description)![1]!;
    const decided = grid.slice(1).filter((r) => r[7] !== '');
    const after = decided.filter((r) => String(r[10]) >= cut);
    expect(report.validation.testAccounts).toBe(after.length);
  });

  it('reports accounts, win rate, revenue and average deal by tier on the held-out accounts', () => {
    const report = ok(learn(grid));
    const { current } = report.validation;
    const tiers = current.tiers.filter((t) => t.accounts > 0);
    expect(current.tiers.map((t) => t.tier)).toEqual(['Tier 1', 'Tier 2', 'Tier 3', 'Excluded']);
    expect(current.tiers.reduce((s, t) => s + t.accounts, 0)).toBe(report.validation.testAccounts);
    expect(current.tiers.reduce((s, t) => s + t.won, 0)).toBe(report.validation.testWon);
    for (const t of tiers) {
      expect(t.winRate).toBeCloseTo(t.won / (t.won + t.lost), 12);
      if (t.won > 0) expect(t.averageDeal).toBeCloseTo(t.revenue! / t.won, 9);
    }
    const last = current.captured[current.captured.length - 1]!;
    expect(last.through).toBe('Tier 3');
    expect(last.shareOfAccounts).toBeCloseTo(1, 12);
  });

  it('reports progress by phase, ending at done', () => {
    const seen: { phase: string; fraction: number }[] = [];
    learnFromHistory({ modelGrid: CURRENT_MODEL, historyGrid: grid, columns: COLUMNS, onProgress: (p) => seen.push(p) });
    expect([...new Set(seen.map((p) => p.phase))]).toEqual(['reading', 'lift', 'validating', 'fitting', 'drift', 'done']);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.fraction).toBeGreaterThanOrEqual(seen[i - 1]!.fraction);
    expect(seen[seen.length - 1]).toEqual({ phase: 'done', fraction: 1 });
  });

  it('warns about unreadable amounts and dates, and outcome labels that are not known words', () => {
    const copy = grid.map((r) => [...r]);
    copy[1]![8] = 'lots';
    copy[2]![9] = 'last spring';
    copy[3]![7] = 'Churned';
    const report = ok(learn(copy));
    expect(report.warnings).toContain('1 amount cells in "Amount" could not be read as numbers and count as blank.');
    expect(report.warnings).toContain('1 cells in "Created" could not be read as dates and count as blank.');
    expect(report.warnings.some((w) => w.includes('"Churned" (1 row) was read as lost'))).toBe(true);
  });

  it('rejects bad options with a sentence naming the option', () => {
    expect(() => learnFromHistory({ modelGrid: CURRENT_MODEL, historyGrid: grid, columns: COLUMNS, options: { folds: 1 } })).toThrow(
      /learning from history: options\.folds is not valid \(must be a whole number from 2 to 20\)/,
    );
    expect(() => learnFromHistory({ modelGrid: CURRENT_MODEL, historyGrid: grid, columns: { outcome: -1 } })).toThrow(
      /columns\.outcome is not valid/,
    );
    expect(() => learnFromHistory({ modelGrid: CURRENT_MODEL, historyGrid: grid, columns: COLUMNS, options: { lambda: 0 } })).toThrow(
      'learning from history: options.lambda is not valid (must be a number above 0)',
    );
    expect(() => learnFromHistory({ modelGrid: CURRENT_MODEL, historyGrid: 'A1:H9', columns: COLUMNS } as never)).toThrow(
      'learning from history: historyGrid is not valid (must be a range: rows of cells)',
    );
  });
});

describe('applying a suggestion', () => {
  const { grid } = synthesizeHistory({ rows: 3_000, seed: 12, logit: plantedLogit });
  const spaced = [...CURRENT_MODEL.slice(0, 4), ['', 'a spacer row', '', '', '', '', '', ''], ...CURRENT_MODEL.slice(4)];
  const report = ok(learn(grid, { model: spaced }));

  it('writes the suggested worksheet: every current row in place with its new points, spacer rows and other cells kept', () => {
    expect(report.suggestion.usable).toBe(true);
    const applied = applySuggestion(spaced, report);
    expect(applied).toEqual(report.suggestion.grid);
    const lastRule = 7; // the spacer row moved the Agency row to row 8
    for (let i = 0; i < lastRule + 1; i++) {
      const suggested = report.suggestion.rows.find((r) => r.row === i + 1 && r.kind === 'criterion');
      const moved = suggested?.origin === 'moved';
      expect(applied[i]!.slice(0, moved ? 4 : 5)).toEqual(spaced[i]!.slice(0, moved ? 4 : 5));
      expect(applied[i]![5]).toEqual(suggested ? suggested.suggestedPoints : spaced[i]![5]);
    }
    // Found rows come after the model's last criterion row, before the tiers.
    const tiers = applied.map((r, i) => (r[0] === 'tier' ? i : -1)).filter((i) => i >= 0);
    expect(tiers.length).toBe(3);
    expect(applied.slice(lastRule + 1, tiers[0]).every((r) => r[0] === 'criterion' || r[0] === 'exclude')).toBe(true);
    const model = readModel(applied);
    expect(model.criteria.map((c) => c.name).slice(0, 6)).toEqual(readModel(spaced).criteria.map((c) => c.name));
  });

  it('turns chosen rows into exclusions', () => {
    const agency = report.suggestion.rows.find((r) => r.name === 'Agency work')!;
    const applied = applySuggestion(spaced, report, { exclusions: [agency.row] });
    expect(applied[agency.row - 1]!.slice(0, 6)).toEqual(['exclude', 'Agency work', 'Industry', 'is any of', 'Agency', '']);
    expect(readModel(applied).exclusions.map((e) => e.name)).toEqual(['Agency work']);
  });

  it('refuses a model that changed since the report was made', () => {
    const changed = spaced.map((r) => [...r]);
    changed[2]![1] = 'Vertical';
    expect(() => applySuggestion(changed, report)).toThrow(/model row 3 is not the criterion "Industry" the report was made for/);
  });
});
