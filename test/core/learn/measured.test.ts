/**
 * The seven failures measured from outside in issue 17, one test each (each failed before its
 * fix), on small generated histories.
 */
import { describe, expect, it } from 'vitest';
import { type Cell, type LearnReport, type SuggestedRow, bindModel, evaluateRow, explainText, readModel } from '../../../core/index.ts';
import { learnFromHistory } from '../../../core/learner.ts';
import { GUESS_MODEL, PLANTED_HEADERS, plantedHistory } from '../../../support/learn/planted.ts';
import { DRIFT, INTERACTION, SHAPE_COLUMNS, SWEET_SPOT_AND_THRESHOLD, type ShapeSpec, generate } from '../../../support/learn/shapes.ts';

const TODAY = new Date(2026, 5, 30);

function learn(grid: Cell[][], model: Cell[][], options: object = {}): LearnReport {
  const result = learnFromHistory({ modelGrid: model, historyGrid: grid, columns: SHAPE_COLUMNS, options: { today: TODAY, ...options } });
  if (!result.ok) throw new Error(result.problem);
  return result;
}

const model = (...rows: Cell[][]): Cell[][] => [
  ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note'],
  ...rows.map((r) => [...r, '', '']),
  ['tier', 'Tier 1', '', '', 70, '', '', ''],
  ['tier', 'Tier 2', '', '', 0, '', '', ''],
];

/** Points a row has in the model tried (suggested or not). */
const tried = (row: SuggestedRow) => row.suggestedPoints ?? row.triedPoints;

/** Facts in the report's rows that contradict each other: points against the sign of a clear effect, a status against the change. */
export function contradictions(report: LearnReport): string[] {
  const out: string[] = [];
  for (const row of report.suggestion.rows) {
    const points = tried(row);
    const se = row.standardError ?? Infinity;
    if (row.kind === 'criterion' && points !== null && points > 0 && row.coefficient + 1.96 * se < 0) out.push(`${row.name}: ${points} points for a clearly harmful effect ${row.coefficient}`);
    if (row.kind === 'criterion' && points !== null && points < 0 && row.coefficient - 1.96 * se > 0) out.push(`${row.name}: ${points} points for a clearly helpful effect ${row.coefficient}`);
    if (row.origin === 'found' && row.kind === 'criterion' && points === null) out.push(`${row.name}: found with no points`);
    if (row.status === 'raised' && !(row.suggestedPoints! > row.currentPoints!)) out.push(`${row.name}: raised but ${row.currentPoints} → ${row.suggestedPoints}`);
    if (row.status === 'lowered' && !(row.suggestedPoints! < row.currentPoints!)) out.push(`${row.name}: lowered but ${row.currentPoints} → ${row.suggestedPoints}`);
  }
  return out;
}

describe('1. it never learns from its own answers', () => {
  const { grid } = plantedHistory({ rows: 3_000, seed: 21 });
  const bound = bindModel(readModel(GUESS_MODEL), PLANTED_HEADERS, { today: TODAY });
  /** The history with the columns the product writes, under the given headers. */
  const scored = (headers: [string, string, string], persona?: string) =>
    grid.map((row, i) => {
      if (i === 0) return [...row, ...headers, ...(persona ? [persona] : [])];
      const result = evaluateRow(bound, row, true);
      return [...row, result.score ?? '', result.tier, explainText(result), ...(persona ? [i % 3 ? 'Economic Buyer' : ''] : [])];
    });
  const plain = learn(grid, GUESS_MODEL);

  it('teaches from a history scored by icp score what it teaches from the unscored one', () => {
    const report = learn(scored(['icp_score', 'icp_tier', 'icp_why']), GUESS_MODEL);
    expect(report.suggestion).toEqual(plain.suggestion);
    expect(report.validation).toEqual(plain.validation);
  });

  it('and from the columns as the hosts write them (ICP Score, ICP Tier, ICP Why, ICP Persona)', () => {
    const report = learn(scored(['ICP Score', 'ICP Tier', 'ICP Why'], 'ICP Persona'), GUESS_MODEL);
    expect(report.suggestion).toEqual(plain.suggestion);
    const left = new Map(report.leftOut.map((l) => [l.header, l.why]));
    for (const header of ['ICP Score', 'ICP Tier', 'ICP Why', 'ICP Persona']) expect(left.get(header), header).toMatch(/written by ICP scoring/);
  });

  it('and from the sub-scores of its Dimensions and the exclusion reason icp sql writes', () => {
    const excluding = [...GUESS_MODEL.slice(0, -3), ['exclude', 'Agency', 'Industry', 'is any of', 'Agency', '', '', ''], ...GUESS_MODEL.slice(-3)];
    const bindTo = (dimensions?: string[]) => bindModel(readModel(excluding), PLANTED_HEADERS, { today: TODAY, ...(dimensions ? { dimensions } : {}) });
    const [whole, firmographics, technographics] = [bindTo(), bindTo(['Firmographics']), bindTo(['Technographics'])];
    const headers = ['Firmographics score', 'ICP Technographics', 'icp_excluded_by'];
    const history = grid.map((row, i) => {
      if (i === 0) return [...row, ...headers];
      const excluded = evaluateRow(whole, row).excludedBy;
      return [...row, evaluateRow(firmographics, row).score ?? '', evaluateRow(technographics, row).score ?? '', excluded ? excluded.reason : ''];
    });
    expect(history.filter((r) => r[r.length - 1] !== '').length).toBeGreaterThan(100);
    const report = learn(history, excluding);
    expect(report.suggestion).toEqual(learn(grid, excluding).suggestion);
    const left = new Map(report.leftOut.map((l) => [l.header, l.why]));
    expect(left.get('Firmographics score')).toMatch(/Firmographics sub-score/);
    expect(left.get('ICP Technographics')).toMatch(/Technographics sub-score/);
    expect(left.get('icp_excluded_by')).toMatch(/exclusion reason/);
  });

  it("leaves out the model's override Field, and a column the host says holds ICP functions, each with its reason", () => {
    const withOverride = [...GUESS_MODEL, ['setting', 'override', '', '', 'Manual tier', '', '', '']];
    const history = grid.map((row, i) => [...row, i === 0 ? 'Manual tier' : row[7] === 'Closed Won' ? 'Tier 1' : '', i === 0 ? 'Fit' : i % 7]);
    const report = learn(history, withOverride, { icpColumns: [history[0]!.length - 1] });
    const left = new Map(report.leftOut.map((l) => [l.header, l.why]));
    expect(left.get('Manual tier')).toMatch(/override/);
    expect(left.get('Fit')).toMatch(/ICP function/);
    expect(report.suggestion.rows.some((r) => r.field === 'Manual tier' || r.field === 'Fit')).toBe(false);
  });

  it("learns from a CRM's own lead score as data", () => {
    const history = grid.map((row, i) => [...row, i === 0 ? 'Lead score' : row[7] === 'Closed Won' ? 40 + (i % 60) : 10 + (i % 50)]);
    const report = learn(history, GUESS_MODEL);
    expect(report.leftOut.some((l) => l.header === 'Lead score')).toBe(false);
    expect(report.suggestion.rows.some((r) => r.field === 'Lead score' && tried(r)! > 0)).toBe(true);
  });
});

describe('2. numbers where higher is better come out the right way round', () => {
  it('a higher-wins number gives an "at least" band with positive points', () => {
    const report = learn(generate(SWEET_SPOT_AND_THRESHOLD, 4_000, 3).grid, model(['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 20]));
    const visits = report.suggestion.rows.filter((r) => r.field === 'Web visits');
    expect(visits.length).toBeGreaterThan(0);
    for (const row of visits) {
      if (tried(row)! > 0) expect(row.rule, `${row.rule} ${row.value}`).not.toBe('at most');
      if (tried(row)! < 0) expect(row.rule, `${row.rule} ${row.value}`).not.toBe('at least');
    }
    const top = visits.reduce((a, b) => (tried(b)! > tried(a)! ? b : a));
    expect(top.rule).toBe('at least');
    expect(Number(top.value)).toBeGreaterThanOrEqual(40);
    expect(Number(top.value)).toBeLessThanOrEqual(80);
  });

  it('a lower-wins number gives an "at most" band with positive points', () => {
    const faster: ShapeSpec = {
      headers: ['Days to first reply', 'Industry'],
      draw: (r) => ({ 'Days to first reply': Math.floor(r() * 40), Industry: ['SaaS', 'Retail', 'Fintech'][Math.floor(r() * 3)]! }),
      logit: (f) => -1 + ((f['Days to first reply'] as number) <= 5 ? 1.4 : 0),
    };
    const report = learn(generate(faster, 4_000, 4).grid, model(['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 20]));
    const replies = report.suggestion.rows.filter((r) => r.field === 'Days to first reply');
    const top = replies.reduce((a, b) => (tried(b)! > tried(a)! ? b : a));
    expect(tried(top)!).toBeGreaterThan(0);
    expect(top.rule).toBe('at most');
    expect(Number(top.value)).toBeLessThanOrEqual(8);
  });

  it('a losing segment gets the negative points its fit gives, not a placeholder, when the model rows show nothing', () => {
    // The model's row has no effect; the only signal is a losing region.
    const losing: ShapeSpec = {
      headers: ['Industry', 'Region'],
      draw: (r) => ({ Industry: ['SaaS', 'Retail', 'Fintech'][Math.floor(r() * 3)]!, Region: ['EMEA', 'APAC', 'LATAM', 'North America'][Math.floor(r() * 4)]! }),
      logit: (f) => -0.5 + (f.Region === 'APAC' ? -0.9 : 0),
    };
    const report = learn(generate(losing, 3_000, 5).grid, model(['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 20]));
    const apac = report.suggestion.rows.find((r) => r.value === 'APAC')!;
    expect(apac).toBeDefined();
    // Negative points, an exclusion, or the other regions earning what APAC would lose (scores are cut at 0).
    expect(apac.kind === 'exclude' || tried(apac)! < 0 || (apac.rule === 'is none of' && tried(apac)! > 0 && apac.complementOf!.includes('Region = APAC'))).toBe(true);
    expect(contradictions(report)).toEqual([]);
  });
});

describe('3. screening grows with the data', () => {
  it('finds a small, certain effect in a large history whose information value is under 0.02', () => {
    const partner: ShapeSpec = {
      headers: ['Lead source', 'Industry'],
      draw: (r) => ({ 'Lead source': ['Partner', 'Web', 'Event', 'Outbound', 'Referral', 'Paid', 'Social', 'Webinar', 'Email', 'Other'][Math.floor(r() * 10)]!, Industry: ['SaaS', 'Retail'][Math.floor(r() * 2)]! }),
      logit: (f) => -0.85 + (f['Lead source'] === 'Partner' ? 0.4 : 0) + (f.Industry === 'SaaS' ? 0.5 : 0),
    };
    const report = learn(generate(partner, 20_000, 6).grid, model(['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 20]));
    const found = report.suggestion.rows.find((r) => r.field === 'Lead source' && r.value === 'Partner');
    expect(found, JSON.stringify(report.discovery?.considered?.filter((c) => c.field === 'Lead source'))).toBeDefined();
    expect(tried(found!)!).toBeGreaterThan(0);
  });
});

describe('4. combinations are searched', () => {
  it('finds Fintech in EMEA, a segment neither value makes alone', () => {
    const report = learn(generate(INTERACTION, 6_000, 7).grid, model(['criterion', 'Company size', 'Employees', 'at least', 100, 20]));
    const pair = report.discovery!.pairs.find((p) => p.label.includes('Fintech') && p.label.includes('EMEA'));
    expect(pair, JSON.stringify(report.discovery!.pairs.slice(0, 3))).toBeDefined();
    expect(pair!.z).toBeGreaterThan(report.discovery!.pairBar);
    // Written as a criterion row and an `and` row (SPEC §1), with the points its effect beyond both parts earns.
    const row = report.suggestion.rows.find((r) => r.value === 'Fintech' && r.and?.field === 'Region' && r.and.value === 'EMEA')!;
    expect(row, JSON.stringify(report.suggestion.rows.map((r) => [r.name, r.value, r.and]))).toBeDefined();
    expect(tried(row)!).toBeGreaterThan(0);
    const criterion = readModel(report.suggestion.triedGrid).criteria.find((c) => c.name === row.name)!;
    expect(criterion.bands[0]!.conditions.map((c) => c.field)).toEqual(['Region']);
  });
});

describe('5. every value with enough deals is examined', () => {
  it('finds a strong value ranked 37th by frequency', () => {
    // 36 values of 120 deals, the strong one of 60, then 23 values of 50.
    const values = [...Array.from({ length: 36 }, (_, k) => ({ name: `Vertical ${k + 1}`, count: 120 })), { name: 'Vertical 37', count: 60 }, ...Array.from({ length: 23 }, (_, k) => ({ name: `Vertical ${k + 38}`, count: 50 }))];
    const list = values.flatMap((v) => Array<string>(v.count).fill(v.name));
    const spec: ShapeSpec = {
      headers: ['Sub-industry', 'Industry'],
      draw: (r, i) => ({ 'Sub-industry': list[i]!, Industry: ['SaaS', 'Retail'][Math.floor(r() * 2)]! }),
      logit: (f) => -1 + (f['Sub-industry'] === 'Vertical 37' ? 2.4 : 0) + (f.Industry === 'SaaS' ? 0.7 : 0),
    };
    const report = learn(generate(spec, list.length, 8).grid, model(['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 20]));
    const found = report.suggestion.rows.find((r) => r.field === 'Sub-industry' && r.value === 'Vertical 37');
    expect(found).toBeDefined();
    expect(tried(found!)!).toBeGreaterThan(0);
    expect(report.suggestion.rows.filter((r) => r.field === 'Sub-industry').length).toBe(1);
  });
});

describe('6. stale segments lose their points, and the report says what changed', () => {
  const report = learn(generate(DRIFT, 6_000, 9).grid, model(['criterion', 'Fintech', 'Industry', 'is any of', 'Fintech', 30], ['criterion', 'Company size', 'Employees', 'at least', 300, 20]));

  it('names the segment whose effect faded in the newest deals, with its effect by quarter', () => {
    const fintech = report.changes!.rows.find((r) => r.name === 'Fintech')!;
    expect(fintech.changed).toBe(true);
    expect(fintech.direction).toBe('fading');
    expect(fintech.quarters.length).toBeGreaterThanOrEqual(6);
    expect(fintech.earlier.effect).toBeGreaterThan(fintech.newest.effect + 0.8);
    const size = report.changes!.rows.find((r) => r.name === 'Company size')!;
    expect(size.changed).toBe(false);
  });

  it('gives the faded segment fewer points than a steady one that is weaker over the whole history', () => {
    const points = (name: string) => tried(report.suggestion.rows.find((r) => r.name === name)!)!;
    expect(points('Fintech')).toBeLessThan(points('Company size'));
    expect(report.suggestion.rows.find((r) => r.name === 'Fintech')!.note).toContain('its points follow the newest deals');
  });
});

describe('7. the newest deals reach the points', () => {
  it('learns a segment that exists only among the newest deals, and says the written model comes from every decided deal', () => {
    const { grid } = plantedHistory({ rows: 4_000, seed: 31 });
    const created = PLANTED_HEADERS.indexOf('Created');
    const industry = PLANTED_HEADERS.indexOf('Industry');
    const outcome = PLANTED_HEADERS.indexOf('Outcome');
    // In the last 150 days, a third of the deals are climate-tech companies, and 85% of them win.
    const newest = grid.map((row, i) => {
      if (i === 0 || String(row[created]) < '2025-08-01' || i % 3) return row;
      const copy = [...row];
      copy[industry] = 'Climate tech';
      copy[outcome] = i % 20 < 17 ? 'Closed Won' : 'Closed Lost';
      return copy;
    });
    const report = learn(newest, GUESS_MODEL);
    expect(report.validation.method).toBe('time split');
    expect(report.suggestion.rows.some((r) => r.value === 'Climate tech' && tried(r)! > 0)).toBe(true);
    const decided = report.outcomes.won + report.outcomes.lost;
    expect(report.suggestion.procedure).toContain(`all ${decided} decided deals`);
  });
});
