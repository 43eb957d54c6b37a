/**
 * The apply preview's pure part (ui/learn-apply.ts, issue 21): the model rows that change, before →
 * after, with criteria going to 0 points first; and the accounts of a scored sheet changing tier.
 * Models and sheets are written by hand here.
 */
import { describe, expect, it } from 'vitest';
import { readModel } from '../../core/index.ts';
import { docFromGrid } from '../../ui/doc.ts';
import { modelChanges, movesText, tierMoves } from '../../ui/learn-apply.ts';
import type { WireCell } from '../../workbook/host.ts';

const HEADER = ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note'];
const BEFORE: WireCell[][] = [
  HEADER,
  ['criterion', 'Company size', 'Employees', 'between', '250-2500', 25, '', ''],
  ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 10, '', ''],
  ['criterion', 'RevOps', 'Has RevOps', 'is true', '', 10, '', ''],
  ['criterion', 'Funding', 'Funding stage', 'is any of', 'Series B', 15, '', ''],
  ['tier', 'Tier 1', '', '', 40, '', '', ''],
  ['tier', 'Tier 2', '', '', 0, '', '', ''],
];
/** What a learned suggestion writes: a band moved, points refit (one to 0), a found row and a found pair before the tiers, a tier minimum moved. */
const AFTER: WireCell[][] = [
  HEADER,
  ['criterion', 'Company size', 'Employees', 'between', '80-400', 25, '', ''],
  ['criterion', 'Industry', 'Industry', 'is any of', 'SaaS', 10, '', ''],
  ['criterion', 'RevOps', 'Has RevOps', 'is true', '', 0, '', ''],
  ['criterion', 'Funding', 'Funding stage', 'is any of', 'Series B', 20, '', ''],
  ['criterion', 'Industry', 'Industry', 'is any of', 'Healthcare', 22, '', 'Found in history'],
  ['criterion', 'Region and stage', 'Region', 'is any of', 'North America', 30, '', ''],
  ['and', '', 'Funding stage', 'is any of', 'Series A', '', '', ''],
  ['tier', 'Tier 1', '', '', 30, '', '', ''],
  ['tier', 'Tier 2', '', '', 0, '', '', ''],
];

describe('the rows applying a learned model changes', () => {
  const changes = modelChanges(docFromGrid(BEFORE), docFromGrid(AFTER));

  it('lists a criterion going to 0 points first, marked to be confirmed', () => {
    expect(changes[0]).toEqual({ name: 'RevOps', kind: 'criterion', before: { condition: 'Has RevOps is true', points: '10' }, after: { condition: 'Has RevOps is true', points: '0' }, toZero: true });
    expect(changes.filter((c) => c.toZero)).toHaveLength(1);
  });

  it('lists the rest in sheet order, before → after, new rows with no before and the pair as one row; unchanged rows not at all', () => {
    const shown = changes.slice(1).map((c) => [c.name, c.before ? `${c.before.condition} ${c.before.points}` : 'new', c.after ? `${c.after.condition} ${c.after.points}` : 'removed']);
    expect(shown).toEqual([
      ['Company size', 'Employees between 250-2500 25', 'Employees between 80-400 25'],
      ['Funding', 'Funding stage is any of Series B 15', 'Funding stage is any of Series B 20'],
      ['Industry', 'new', 'Industry is any of Healthcare 22'],
      ['Region and stage', 'new', 'Region is any of North America and Funding stage is any of Series A 30'],
      ['Tier 1', ' minimum 40', ' minimum 30'],
    ]);
  });

  it('says a model row the suggestion no longer has is removed, and a row turned into an exclusion changed', () => {
    const excluded = AFTER.filter((r) => r[1] !== 'Funding').map((r) => (r[1] === 'RevOps' ? ['exclude', 'RevOps', 'Has RevOps', 'is true', '', '', '', ''] : r));
    const list = modelChanges(docFromGrid(BEFORE), docFromGrid(excluded));
    expect(list.find((c) => c.name === 'Funding')).toMatchObject({ before: { points: '15' }, after: null, toZero: false });
    expect(list.find((c) => c.name === 'RevOps')).toMatchObject({ before: { points: '10' }, after: { points: 'exclude' }, toZero: false });
  });

  it('finds nothing to list between a model and itself', () => {
    expect(modelChanges(docFromGrid(BEFORE), docFromGrid(BEFORE))).toEqual([]);
  });
});

describe('the accounts of the scored sheet changing tier', () => {
  const headers: WireCell[] = ['Company', 'Employees', 'Industry', 'Has RevOps', 'Funding stage', 'Region', 'ICP Score', 'ICP Tier'];
  const rows: WireCell[][] = [
    // Before: 25 + 10 + 10 = 45 of 60 → Tier 1 (75%); after: 10 + 0 of 107 → Tier 2.
    ['Big SaaS', 1000, 'SaaS', 'yes', 'Seed', 'EMEA', 45, 'Tier 1'],
    // Before: 0 → Tier 2; after: 25 + 22 = 47 of 107 (44%) → Tier 1.
    ['Small clinic', 120, 'Healthcare', 'no', 'Seed', 'APAC', 0, 'Tier 2'],
    // Before: 10 of 60 (17%) → Tier 2; after: 10 of 107 (9%) → Tier 2, a lower score.
    ['Mid SaaS', 5000, 'SaaS', 'no', 'Seed', 'APAC', 10, 'Tier 2'],
    ['', '', '', '', '', '', '', ''],
  ];
  const moves = tierMoves('Prospects', readModel(BEFORE), readModel(AFTER), headers, rows);

  it('counts the accounts whose tier and score change, blank rows not counted', () => {
    expect(moves).toEqual({
      sheet: 'Prospects',
      accounts: 3,
      changedTier: 2,
      changedScore: 3,
      moves: [
        { from: 'Tier 1', to: 'Tier 2', count: 1 },
        { from: 'Tier 2', to: 'Tier 1', count: 1 },
      ],
    });
    expect(movesText(moves)).toBe('2 of 3 accounts on "Prospects" change tier (3 change score).');
  });
});
