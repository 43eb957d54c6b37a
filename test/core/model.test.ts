import { describe, expect, it } from 'vitest';
import { type Cell, ModelError, isIcpError, readModel, rowsToModel, safeReadModel, writeModel } from '../../core/index.ts';
import { type RowTuple, SPEC_EXAMPLE, modelGrid } from '../fixtures/workbook.ts';

function issuesOf(grid: unknown): ModelError['issues'] {
  try {
    readModel(grid);
  } catch (error) {
    if (error instanceof ModelError) return error.issues;
    throw error;
  }
  throw new Error('the model was accepted');
}

describe('reading the scoring worksheet', () => {
  it('matches header names in any case and order, and ignores extra columns', () => {
    const grid: Cell[][] = [
      ['points', 'RULE', 'Owner', 'kind', 'Value', 'Field', 'NAME'],
      [30, 'between', 'ana', 'criterion', '200-2000', 'Employees', 'Size'],
    ];
    const model = readModel(grid);
    expect(model.criteria[0]).toMatchObject({ name: 'Size', possible: 30 });
    expect(model.criteria[0]!.bands[0]).toMatchObject({ field: 'Employees', rule: 'between', row: 2 });
  });

  it('skips rows with a blank Kind, so people can leave spacers and comments', () => {
    const grid = modelGrid(SPEC_EXAMPLE);
    grid.splice(3, 0, ['', 'just a comment', '', 'bogus rule', '', '', '', ''], ['', '', '', '', '', '', '', '']);
    expect(readModel(grid).criteria).toHaveLength(5);
  });

  it('finds the header row below blank rows at the top of the range', () => {
    const grid = [['', ''], ...modelGrid(SPEC_EXAMPLE)];
    const model = readModel(grid);
    expect(model.criteria[0]!.bands[0]!.row).toBe(3);
  });

  it('groups rows that share a Name into one criterion', () => {
    const model = readModel(
      modelGrid([
        ['criterion', 'Size', 'Employees', 'between', '250-2500', 30, 'Firmographics'],
        ['criterion', 'Revenue', 'Revenue', 'at least', '$1M', 10],
        ['criterion', 'size', 'Employees', 'between', '100-250', 15],
      ]),
    );
    expect(model.criteria.map((c) => [c.name, c.bands.length, c.possible, c.dimension])).toEqual([
      ['Size', 2, 30, 'Firmographics'],
      ['Revenue', 1, 10, ''],
    ]);
  });

  it('names the missing header columns and what it found instead', () => {
    const [issue] = issuesOf([['Kind', 'Name', 'Rule', 'Valeu'], ['criterion', 'x', 'between', '1-2']]);
    expect(issue!.row).toBe(1);
    expect(issue!.message).toContain('"Field", "Value", "Points" columns');
    expect(issue!.message).toContain('"Valeu"');
  });

  it('rejects something that is not a range', () => {
    expect(issuesOf('ICP Model')[0]!.message).toContain('must be a range');
  });
});

describe('validating rows as the panel holds them', () => {
  it('trims text the way the worksheet reader does', () => {
    const model = rowsToModel([
      { row: 2, data: { kind: ' criterion ', name: ' Size ', field: ' Employees', rule: 'between ', value: ' 1-9 ', points: ' 5 ', dimension: ' Fit ', note: '' } },
    ]);
    expect(model.criteria[0]).toMatchObject({ name: 'Size', dimension: 'Fit', possible: 5 });
    expect(model.criteria[0]!.bands[0]).toMatchObject({ field: 'Employees', value: '1-9' });
  });
});

describe('model errors', () => {
  it('name the row, the bad value, and the nearest valid word', () => {
    const grid = modelGrid([...SPEC_EXAMPLE.slice(0, 5), ['criterion', 'Size 2', 'Employees', 'betwen', '1-2', 5]]);
    const [issue] = issuesOf(grid);
    expect(issue).toMatchObject({ row: 7, column: 'Rule', value: 'betwen' });
    let message = '';
    try {
      readModel(grid);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('ICP model row 7: unknown rule "betwen" — did you mean "between"?');
  });

  it('list the valid rules when a rule is nothing like any of them (a near miss gets "did you mean")', () => {
    const message = (rows: RowTuple[]) => {
      try {
        readModel(modelGrid([...SPEC_EXAMPLE.slice(0, 5), ...rows]));
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    expect(message([['criterion', 'Vibe', 'Industry', 'is kinda like', 'SaaS', 5]])).toBe(
      'ICP model row 7: unknown rule "is kinda like" (use between, at least, at most, equals, is any of, is none of, contains any, contains all, ' +
        'contains none, is true, is false, is blank, is not blank, within days, decays over days)',
    );
    // A persona reads a job title: only the text rules are offered; a condition cannot decay.
    expect(message([['persona', 'Buyer', 'Title', 'sounds senior', 'VP']])).toBe(
      'ICP model row 7: unknown rule "sounds senior" (use is any of, is none of, contains any, contains all, contains none)',
    );
    expect(message([['criterion', 'Vibe', 'Industry', 'is any of', 'SaaS', 5], ['and', '', 'Region', 'rhymes with', 'EMEA']])).toBe(
      'ICP model row 8: unknown rule "rhymes with" (use between, at least, at most, equals, is any of, is none of, contains any, contains all, ' +
        'contains none, is true, is false, is blank, is not blank, within days)',
    );
    expect(message([['criterion', 'Size 2', 'Employees', 'at lest', 5, 5]])).toBe('ICP model row 7: unknown rule "at lest" — did you mean "at least"?');
  });

  it('report every bad row at once, in row order', () => {
    const issues = issuesOf(
      modelGrid([
        ['critrion', 'A', 'A', 'at least', 1, 10],
        ['criterion', 'B', 'B', 'between', 'lots', 10],
        ['criterion', 'C', 'C', 'at least', 5, 'ten'],
        ['criterion', 'D', '', 'is true', '', 10],
        ['tier', 'Top', '', '', 120],
        ['setting', 'mising', '', '', 'skip'],
        ['setting', 'missing', '', '', 'skp'],
        ['exclude', 'E', 'E', 'contains any', ''],
        ['criterion', 'F', 'F', 'between', '500-100', 10],
      ]),
    );
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'Kind'],
      [3, 'Value'],
      [4, 'Points'],
      [5, 'Field'],
      [6, 'Value'],
      [7, 'Name'],
      [8, 'Value'],
      [9, 'Value'],
      [10, 'Value'],
    ]);
    expect(issues[0]!.message).toContain('did you mean "criterion"?');
    expect(issues[5]!.message).toContain('did you mean "missing"?');
    expect(issues[6]!.message).toContain('did you mean "skip"?');
    expect(issues[8]!.message).toContain('write the low end first');
  });

  it('summarize many problems in one sentence for a cell, keeping all of them in issues', () => {
    const tuples = Array.from({ length: 6 }, (_, i) => ['criterion', `C${i}`, 'F', 'nope', '', 1] as [string, string, string, string, string, number]);
    try {
      readModel(modelGrid(tuples));
      expect.unreachable();
    } catch (error) {
      expect(isIcpError(error)).toBe(true);
      expect((error as ModelError).issues).toHaveLength(6);
      expect((error as Error).message).toMatch(/ICP model row 2: .* ICP model row 4: .* \(and 3 more problems\)$/);
    }
  });

  it('refuse a model with no positive points', () => {
    const [issue] = issuesOf(modelGrid([['criterion', 'Risk', 'Tickets', 'at least', 10, -5]]));
    expect(issue!.message).toContain('no criterion with positive points');
  });

  it('refuse tiers with the same minimum, or named Excluded', () => {
    const issues = issuesOf(
      modelGrid([...SPEC_EXAMPLE, ['tier', 'Also priority', '', '', 70], ['tier', 'excluded', '', '', 10]]),
    );
    expect(issues.map((i) => i.message)).toEqual([
      'tier "Also priority" has the same minimum (70) as tier "Priority" on row 7; minimums must differ',
      '"Excluded" is the label for excluded accounts; name the tier something else',
    ]);
  });

  it('refuse persona rows with rules that do not apply to job titles', () => {
    const [issue] = issuesOf(modelGrid([...SPEC_EXAMPLE, ['persona', 'Buyer', 'Title', 'at least', 5]]));
    expect(issue!.message).toContain('persona rows match job titles');
  });

  it('suggest "is any of" when equals is given text', () => {
    const [issue] = issuesOf(modelGrid([['criterion', 'A', 'A', 'equals', 'SaaS', 10]]));
    expect(issue!.message).toContain('to match text use "is any of"');
  });
});

describe('writing a model back to rows', () => {
  it('is stable: read → write → read gives the same model and the same rows', () => {
    const grid = modelGrid([
      ...SPEC_EXAMPLE,
      ['Exclude', 'Competitor', 'Industry', 'IS ANY OF', 'Gambling;Tobacco'],
      ['persona', 'Buyer', 'Title', 'contains any', 'CRO, VP Sales', '', '', 'Lead with ROI'],
      ['setting', 'as of', '', '', new Date(2026, 8, 30)],
      ['setting', 'missing', '', '', 'skip'],
    ]);
    const first = readModel(grid);
    const written = writeModel(first);
    const second = readModel(written);
    expect(writeModel(second)).toEqual(written);
    expect(second.settings).toEqual(first.settings);
    expect(second.criteria).toEqual(first.criteria);
    expect(written[8]).toEqual(['exclude', 'Competitor', 'Industry', 'is any of', 'Gambling;Tobacco', '', '', '']);
    expect(written[10]![4]).toBe('2026-09-30');
  });

  it('keeps an Excel serial as-of date as an ISO date', () => {
    const grid = modelGrid([...SPEC_EXAMPLE, ['setting', 'as of', '', '', 46295]]);
    const written = writeModel(readModel(grid, { serialDates: true }));
    expect(written.at(-1)![4]).toBe('2026-09-30');
  });
});

describe('safeReadModel', () => {
  it('answers the model, or every issue with its code, row, column and message, without throwing', () => {
    const good = safeReadModel(modelGrid(SPEC_EXAMPLE));
    expect(good.success && good.data.tiers.map((t) => t.name)).toEqual(['Priority', 'Standard']);
    const bad = safeReadModel(modelGrid([...SPEC_EXAMPLE, ['criterion', 'Size', 'Employees', 'betwen', '1-9', 5], ['tier', 'Priority', '', '', 50]]));
    expect(bad.success).toBe(false);
    if (bad.success) return;
    expect(bad.error.issues.map(({ code, row, column }) => ({ code, row, column }))).toEqual([
      { code: 'unknown_rule', row: 9, column: 'Rule' },
      { code: 'duplicate_tier', row: 10, column: 'Name' },
    ]);
    expect(bad.error.message).toMatch(/^ICP model row 9: unknown rule "betwen"/);
    expect(safeReadModel('not a grid')).toMatchObject({ success: false, error: { issues: [{ code: 'not_a_range', row: 1 }] } });
  });
});
