import { describe, expect, it } from 'vitest';
import { type Cell, ModelError, bindModel, evaluateRow, explainText, readModel, scoreRows } from '../../core/index.ts';
import { type RowTuple, SPEC_EXAMPLE, SPEC_HEADERS, SPEC_PROSPECT, modelGrid } from '../fixtures/workbook.ts';

function scorer(tuples: RowTuple[], headers: string[], today = new Date(2026, 8, 30)) {
  const bound = bindModel(readModel(modelGrid(tuples)), headers, { today });
  return (row: Cell[]) => evaluateRow(bound, row, true);
}

describe('the SPEC §6 worked example', () => {
  const score = scorer(SPEC_EXAMPLE, SPEC_HEADERS);

  it('scores 30 + 20 + 25 + 0 + 10 = 85, tier Priority', () => {
    const result = score(SPEC_PROSPECT);
    expect(result.score).toBe(85);
    expect(result.tier).toBe('Priority');
    expect(result.criteria.map((c) => c.earned)).toEqual([30, 20, 25, 0, 10]);
  });

  it('still scores 85 with funding blank under missing = zero', () => {
    const row = [...SPEC_PROSPECT];
    row[3] = '';
    expect(score(row).score).toBe(85);
  });

  it('scores 85 / 85 × 100 = 100 with funding blank under missing = skip', () => {
    const skip = scorer([...SPEC_EXAMPLE, ['setting', 'missing', '', '', 'skip']], SPEC_HEADERS);
    const row = [...SPEC_PROSPECT];
    row[3] = '';
    const result = skip(row);
    expect(result.score).toBe(100);
    expect(result.possible).toBe(85);
  });
});

describe('bands: several rows of one criterion', () => {
  const score = scorer(
    [
      ['criterion', 'Size', 'Employees', 'between', '250-2500', 30],
      ['criterion', 'Size', 'Employees', 'between', '100-250', 15],
      ['criterion', 'Size', 'Employees', 'between', '2500-5000', 15],
      ['criterion', 'Other', 'Industry', 'is any of', 'SaaS', 10],
    ],
    ['Employees', 'Industry'],
  );
  it('count the matching row with the most points', () => {
    expect(score([250, 'x']).earned).toBe(30); // 250 is in 250-2500 (30) and 100-250 (15)
    expect(score([120, 'x']).earned).toBe(15);
    expect(score([4000, 'x']).earned).toBe(15);
    expect(score([99, 'x']).earned).toBe(0);
  });
  it('add only the highest band to the possible total', () => {
    expect(score([99, 'SaaS']).possible).toBe(40);
    expect(score([99, 'SaaS']).score).toBe(25);
  });
});

describe('negative points', () => {
  const score = scorer(
    [
      ['criterion', 'Fit', 'Industry', 'is any of', 'SaaS', 50],
      ['criterion', 'Churn risk', 'Tickets', 'at least', 10, -20],
      ['criterion', 'Seats', 'Seats', 'at least', 100, 50],
      ['criterion', 'Seats', 'Seats', 'at most', 5, -10],
    ],
    ['Industry', 'Tickets', 'Seats'],
  );
  it('subtract when they match and add nothing to the possible total', () => {
    const result = score(['SaaS', 12, 50]);
    expect(result.earned).toBe(30);
    expect(result.possible).toBe(100);
    expect(result.score).toBe(30);
  });
  it('never push the score below 0', () => {
    expect(score(['Retail', 12, 2]).score).toBe(0);
  });
});

describe('exclusions (negative ICP)', () => {
  const score = scorer(
    [...SPEC_EXAMPLE, ['exclude', 'Competitor', 'Industry', 'is any of', 'Gambling'], ['exclude', 'Too small', 'Employees', 'at most', 10]],
    SPEC_HEADERS,
  );
  it('score 0 and tier Excluded whatever the row would score, naming the reason', () => {
    const result = score([450, 'Gambling', 'HubSpot', 'Series B', 'yes']);
    expect(result.score).toBe(0);
    expect(result.tier).toBe('Excluded');
    expect(result.excludedBy).toMatchObject({ reason: 'Competitor', field: 'Industry', cell: 'Gambling' });
    expect(explainText(result)).toContain('Excluded: Competitor (Industry: Gambling)');
  });
  it('do not match blank cells', () => {
    expect(score(['', 'SaaS', '', '', '']).tier).not.toBe('Excluded');
  });
});

describe('tiers', () => {
  const tiers: RowTuple[] = [
    ['criterion', 'A', 'A', 'at least', 1, 100],
    ['tier', 'Low', '', '', 20],
    ['tier', 'Top', '', '', 80],
    ['tier', 'Mid', '', '', 50],
  ];
  it('are ordered by minimum, whatever their row order, and a score gets the first it reaches', () => {
    const bound = bindModel(readModel(modelGrid(tiers)), ['A']);
    expect(bound.model.tiers.map((t) => t.name)).toEqual(['Top', 'Mid', 'Low']);
  });
  it('leave the tier empty below every minimum', () => {
    const model = readModel(
      modelGrid([
        ['criterion', 'A', 'A', 'at least', 1, 10],
        ['criterion', 'B', 'B', 'at least', 1, 90],
        ['tier', 'Top', '', '', 80],
        ['tier', 'Mid', '', '', 50],
      ]),
    );
    const bound = bindModel(model, ['A', 'B']);
    expect(evaluateRow(bound, [5, 0]).tier).toBe('');
    expect(evaluateRow(bound, [0, 5]).tier).toBe('Top');
  });
  it('use the rounded score, as the cell shows it', () => {
    // 2/3 of 100 points... build a score of 69.96 → shown 70.0 → tier at 70.
    const model = readModel(
      modelGrid([
        ['criterion', 'A', 'A', 'at least', 1, 6996],
        ['criterion', 'B', 'B', 'at least', 1, 3004],
        ['tier', 'Priority', '', '', 70],
      ]),
    );
    const result = evaluateRow(bindModel(model, ['A', 'B']), [1, 0]);
    expect(result.score).toBe(70);
    expect(result.tier).toBe('Priority');
  });
});

describe('missing = skip', () => {
  const tuples: RowTuple[] = [
    ['criterion', 'A', 'A', 'at least', 1, 50],
    ['criterion', 'B', 'B', 'is true', '', 50],
    ['setting', 'missing', '', '', 'skip'],
  ];
  const score = scorer(tuples, ['A', 'B', 'Name']);
  it('gives no score when every criterion is skipped', () => {
    const result = score(['', '', 'Acme']);
    expect(result.score).toBeNull();
    expect(result.blank).toBe(false);
  });
  it('skips unreadable cells as it skips blank ones', () => {
    expect(score(['lots', 'yes', 'Acme']).score).toBe(100);
  });
  it('keeps a criterion whose is-blank row matched', () => {
    const s = scorer([...tuples, ['criterion', 'C', 'C', 'is blank', '', 50]], ['A', 'B', 'C']);
    expect(s([5, '', '']).score).toBe(100); // A 50 + C 50 of A 50 + C 50; B skipped
  });
});

describe('as of', () => {
  it('is the reference day for within days, instead of today', () => {
    const tuples: RowTuple[] = [
      ['criterion', 'Recent', 'Last touch', 'within days', 30, 10],
      ['setting', 'as of', '', '', '2026-01-31'],
    ];
    const score = scorer(tuples, ['Last touch'], new Date(2030, 0, 1));
    expect(score(['2026-01-05']).score).toBe(100);
    expect(score(['2025-12-31']).score).toBe(0);
  });
  it('accepts a host date value', () => {
    const score = scorer(
      [['criterion', 'Recent', 'Last touch', 'within days', 30, 10], ['setting', 'as of', '', '', new Date(2026, 0, 31)]],
      ['Last touch'],
    );
    expect(score(['2026-01-05']).score).toBe(100);
  });
});

describe('the manual override', () => {
  const tuples: RowTuple[] = [
    ...SPEC_EXAMPLE,
    ['exclude', 'Competitor', 'Industry', 'is any of', 'Gambling'],
    ['setting', 'override', '', '', 'Override'],
    ['setting', 'override reason', '', '', 'Why'],
  ];
  const headers = [...SPEC_HEADERS, 'Override', 'Why'];
  const score = scorer(tuples, headers);
  it('takes a number 0–100 as the score, with its tier, and shows both in the explanation', () => {
    const result = score([...SPEC_PROSPECT, 40, 'Champion left']);
    expect(result.score).toBe(40);
    expect(result.tier).toBe('Standard');
    expect(result.computedScore).toBe(85);
    const text = explainText(result);
    expect(text).toContain('Override: 40 (Standard)');
    expect(text).toContain('the model computed 85 (Priority)');
    expect(text).toContain('Reason: Champion left');
  });
  it('takes a tier label as the tier and keeps the computed score', () => {
    const result = score([...SPEC_PROSPECT, 'standard', '']);
    expect(result).toMatchObject({ score: 85, tier: 'Standard' });
  });
  it('beats an exclusion: it is a person’s justified decision', () => {
    const result = score([450, 'Gambling', '', '', '', 'Priority', 'Approved by VP']);
    expect(result.tier).toBe('Priority');
    expect(result.computedTier).toBe('Excluded');
  });
  it('ignores, and says so, a value that is neither a score nor a tier', () => {
    const result = score([...SPEC_PROSPECT, 'maybe', '']);
    expect(result.score).toBe(85);
    expect(explainText(result)).toContain('Override "maybe" not used');
  });
});

describe('dimension sub-scores', () => {
  const tuples: RowTuple[] = [
    ['criterion', 'Size', 'Employees', 'at least', 100, 30, 'Fit'],
    ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 20, 'Fit'],
    ['criterion', 'Visits', 'Visits', 'at least', 5, 50, 'Engagement'],
    ['exclude', 'Competitor', 'Industry', 'is any of', 'Rival'],
  ];
  const headers = ['Employees', 'Industry', 'Visits'];
  const model = readModel(modelGrid(tuples));
  const sub = (dims: string[], row: Cell[]) => evaluateRow(bindModel(model, headers, { dimensions: dims }), row).score;

  it('score only the criteria of the named dimensions, scaled 0–100', () => {
    expect(sub(['Fit'], [500, 'Retail', 9])).toBe(60);
    expect(sub(['engagement'], [500, 'Retail', 9])).toBe(100);
    expect(sub(['Fit', 'Engagement'], [500, 'Retail', 9])).toBe(80);
  });
  it('apply the same exclusions', () => {
    expect(sub(['Engagement'], [500, 'Rival', 9])).toBe(0);
  });
  it('name the model’s dimensions when asked for one it does not have', () => {
    expect(() => sub(['Intent'], [1, 1, 1])).toThrow(/no criterion has the dimension "Intent".*"Fit" and "Engagement"/);
  });
});

describe('rows and results', () => {
  const bound = bindModel(readModel(modelGrid(SPEC_EXAMPLE)), SPEC_HEADERS);
  it('gives blank results for blank rows, not zeros', () => {
    expect(scoreRows(bound, [SPEC_PROSPECT, ['', '', null, undefined, '  '], SPEC_PROSPECT])).toEqual([85, null, 85]);
  });
  it('rounds the score to one decimal', () => {
    const b = bindModel(readModel(modelGrid([['criterion', 'A', 'A', 'at least', 1, 1], ['criterion', 'B', 'B', 'at least', 1, 2]])), ['A', 'B']);
    expect(scoreRows(b, [[1, 0]])).toEqual([33.3]);
  });
});

describe('fields and headers (SPEC §3)', () => {
  it('match after dropping case and everything but letters and digits', () => {
    const model = readModel(modelGrid([['criterion', 'Size', 'Employee Count', 'at least', 1, 10]]));
    expect(evaluateRow(bindModel(model, ['employee_count']), [5]).score).toBe(100);
  });
  it('report every field with no column, naming the headers that are there', () => {
    const model = readModel(
      modelGrid([
        ['criterion', 'Size', 'Employes', 'at least', 1, 10],
        ['criterion', 'Money', 'Revenue', 'at least', 1, 10],
      ]),
    );
    try {
      bindModel(model, ['Company', 'Employees']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelError);
      const issues = (error as ModelError).issues;
      expect(issues.map((i) => i.row)).toEqual([2, 3]);
      expect(issues[0]!.message).toBe('field "Employes" is not a column here — did you mean "Employees"? (the headers are "Company" and "Employees")');
    }
  });
});
