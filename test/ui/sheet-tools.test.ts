import { describe, expect, it } from 'vitest';
import { EXCLUDED, findPreset, isModelError, readModel } from '../../core/index.ts';
import { diffDocs } from '../../ui/diff.ts';
import { docFromGrid, docFromModelRows, docToGrid } from '../../ui/doc.ts';
import { updateRow } from '../../ui/edit.ts';
import type { WireCell } from '../../workbook/host.ts';
import { chooseAmountColumn } from '../../ui/amount-column.ts';
import { WON_AVOID, WON_WORDS, matchFields, rankHeaders, scoredFields, substituteHeaders, suggestColumn } from '../../ui/mapping.ts';
import { distribution } from '../../ui/tier-preview.ts';

const MODEL: WireCell[][] = [
  ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note'],
  ['criterion', 'Company size', 'Employees', 'between', '200-2000', 30, '', ''],
  ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS, Software', 20, '', ''],
  ['criterion', 'RevOps', 'Has RevOps', 'is true', '', 10, '', ''],
  ['exclude', 'Competitor', 'Is competitor', 'is true', '', '', '', ''],
  ['tier', 'Priority', '', '', 70, '', '', ''],
  ['tier', 'Nurture', '', '', 40, '', '', ''],
  ['setting', 'override', '', '', 'Manual score', '', '', ''],
];

describe('matching model Fields to a sheet’s headers', () => {
  it('lists the Fields the formulas read (criteria, exclusions, the override column) once each', () => {
    expect(scoredFields(docFromGrid(MODEL))).toEqual(['Employees', 'Industry', 'Has RevOps', 'Is competitor', 'Manual score']);
  });

  it('lists the Fields of and rows too: the formulas read them', () => {
    const model = [...MODEL.slice(0, 3), ['and', '', 'Region', 'is any of', 'EMEA', '', '', ''], ...MODEL.slice(3)];
    expect(scoredFields(docFromGrid(model))).toEqual(['Employees', 'Industry', 'Region', 'Has RevOps', 'Is competitor', 'Manual score']);
  });

  it('matches ignoring case and punctuation, and leaves the rest for the user to pick', () => {
    const headers = ['Company', 'EMPLOYEES', 'industry', 'has_revops', 'Competitor?', 'Manual Score'];
    expect(matchFields(scoredFields(docFromGrid(MODEL)), headers)).toEqual([
      { field: 'Employees', header: 'EMPLOYEES' },
      { field: 'Industry', header: 'industry' },
      { field: 'Has RevOps', header: 'has_revops' },
      { field: 'Is competitor', header: null },
      { field: 'Manual score', header: 'Manual Score' },
    ]);
  });

  it('puts the header the user picked under the Field’s name, as the formulas’ header literal does', () => {
    expect(substituteHeaders(['Company', 'Employee Count', 'Industry'], { Employees: 'Employee Count' })).toEqual(['Company', 'Employees', 'Industry']);
  });

  it('leaves a pick out once its Field has a column of its own, as the formulas do', () => {
    // Picked while the sheet had no Employees column; the sheet has one now.
    expect(substituteHeaders(['Headcount', 'Employees'], { Employees: 'Headcount' })).toEqual(['Headcount', 'Employees']);
  });

  it('ranks likely headers first and points out one that shares a long prefix', () => {
    expect(rankHeaders('Employees', ['Company', 'Employee Count', 'Industry'])).toEqual({
      ordered: ['Employee Count', 'Company', 'Industry'],
      likely: 'Employee Count',
    });
    expect(rankHeaders('Region', ['Company', 'Amount']).likely).toBeNull();
  });

  it('suggests the won and amount columns by their names, not a funding stage', () => {
    const headers = ['Company', 'Funding stage', 'Deal Stage', 'ARR', 'Amount (USD)'];
    expect(suggestColumn(headers, WON_WORDS, WON_AVOID)).toBe('Deal Stage');
    expect(chooseAmountColumn(headers).header).toBe('Amount (USD)');
    expect(suggestColumn(['Company', 'Funding stage'], WON_WORDS, WON_AVOID)).toBe('');
  });
});

describe('the preview distribution', () => {
  const headers = ['Company', 'Employees', 'Industry', 'Has RevOps', 'Is competitor', 'Manual score'];
  // Points by hand (possible 60): Acme 30+20+10 = 60 → 100 Priority; Beta 30+20 = 50 → 83.3 Priority;
  // Cato 30 → 50 Nurture; Dune 0 → no tier; Eon would be 100 but is a competitor → Excluded;
  // Fay scores 0 but its manual override 75 makes it Priority; the blank row is no account.
  const rows: WireCell[][] = [
    ['Acme', 450, 'SaaS', 'yes', 'no', ''],
    ['Beta', 900, 'Software', 'no', '', ''],
    ['Cato', 300, 'Retail', '', '', ''],
    ['Dune', 20, 'Mining', 'no', 'no', ''],
    ['Eon', 500, 'SaaS', 'yes', 'yes', ''],
    ['', '', '', '', '', ''],
    ['Fay', 10, 'Retail', '', '', 75],
  ];

  it('counts rows per tier, Excluded and no tier, with the override applied, blank rows left out', () => {
    const result = distribution(readModel(MODEL), headers, rows);
    expect(result.bars).toEqual([
      { label: 'Priority', kind: 'tier', count: 3 },
      { label: 'Nurture', kind: 'tier', count: 1 },
      { label: EXCLUDED, kind: 'excluded', count: 1 },
      { label: 'No tier', kind: 'none', count: 1 },
    ]);
    expect(result.used).toBe(6);
    // (100 + 83.3 + 50 + 0 + 0 + 75) / 6
    expect(result.average).toBe(51.4);
  });

  it('throws the core’s error naming the Field when a column is missing', () => {
    let caught: unknown;
    try {
      distribution(readModel(MODEL), headers.slice(0, 4), rows);
    } catch (error) {
      caught = error;
    }
    expect(isModelError(caught) && caught.issues.map((i) => i.value)).toEqual(['Is competitor', 'Manual score']);
  });
});

describe('the difference shown on a save conflict', () => {
  it('lists rows changed in place with their columns, and rows only in the sheet or only in the panel', () => {
    const mine = docFromModelRows(findPreset('b2b-saas')!.rows);
    const grid = docToGrid(mine);
    grid[1]![5] = 35; // they raised Company size
    grid.splice(5, 1); // they removed RevOps (row 6)
    grid.push(['exclude', 'Competitor', 'Is competitor', 'is true', '', '', '', '']);
    const theirs = docFromGrid(grid);
    const edited = updateRow(mine, mine.rows[1]!.id, { note: 'mine' }); // I noted Industry (row 3)
    const diff = diffDocs(edited, theirs);
    expect(diff.changed.map((c) => [c.theirs.row, c.theirs.name, c.columns])).toEqual([
      [2, 'Company size', [{ column: 'Points', mine: '30', theirs: '35' }]],
      [3, 'Industry', [{ column: 'Note', mine: 'mine', theirs: '' }]],
    ]);
    expect(diff.onlyTheirs.map((r) => [r.row, r.kind, r.name])).toEqual([[8, 'exclude', 'Competitor']]);
    expect(diff.onlyMine.map((r) => [r.row, r.kind, r.name])).toEqual([[6, 'criterion', 'RevOps']]);
  });

  it('finds no difference when only the spelling of numbers and case of words differ', () => {
    const mine = docFromGrid(MODEL);
    const grid = MODEL.map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell) : cell)));
    grid[1]![3] = 'BETWEEN';
    expect(diffDocs(mine, docFromGrid(grid))).toEqual({ onlyMine: [], onlyTheirs: [], changed: [] });
  });
});
