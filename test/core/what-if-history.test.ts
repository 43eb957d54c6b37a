/**
 * The what-if over a history table (core/what-if-history.ts), shared by `icp learn --what-if` and
 * the Learn tab: each deal scored with the model so a tier is a group, the groups offered (tiers
 * that hold a deal, highest first, then the effort table's segments the what-if can find), and the
 * answer without an amount column.
 */
import { describe, expect, it } from 'vitest';
import { type Cell, readModel } from '../../core/index.ts';
import { tableFromGrid } from '../../core/learner.ts';
import { NEEDS_AMOUNT, scoreHistory, scoredWhatIf, whatIfGroups } from '../../core/what-if-history.ts';

const MODEL = readModel([
  ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
  ['criterion', 'Big', 'Employees', 'at least', 500, 50],
  ['exclude', 'Students', 'Industry', 'is any of', 'Education', null],
  ['tier', 'Tier 1', null, null, 40, null],
  ['tier', 'Tier 3', null, null, 0, null],
  ['tier', 'Tier 2', null, null, 20, null],
]);

/** Big companies (Tier 1): won 900, won 600, lost. Small (Tier 3): won 300, lost, lost. One school (Excluded), lost. */
const GRID: Cell[][] = [
  ['Company', 'Employees', 'Industry', 'Outcome', 'Amount', 'Created'],
  ['b1', 800, 'SaaS', 'Won', 900, '2025-01-01'],
  ['b2', 900, 'Retail', 'Won', 600, '2025-01-02'],
  ['b3', 700, 'SaaS', 'Lost', null, '2025-01-03'],
  ['s1', 50, 'SaaS', 'Won', 300, '2025-01-04'],
  ['s2', 60, 'Retail', 'Lost', null, '2025-01-05'],
  ['s3', 70, 'Retail', 'Lost', null, '2025-01-06'],
  ['e1', 80, 'Education', 'Lost', null, '2025-01-07'],
];
const COLUMNS = { outcome: 'Outcome', amount: 'Amount', created: 'Created', closed: null };

function scored() {
  const answer = scoreHistory(MODEL, tableFromGrid(GRID)!, COLUMNS);
  if (!answer.ok) throw new Error(answer.problem);
  return answer.value;
}

describe('the what-if over a learned history', () => {
  it('scores each deal with the model: a tier is a group, and moving a third of Tier 3 to Tier 1 is worked out by hand', () => {
    const s = scored();
    expect(s.history.tiers).toEqual(['Tier 1', 'Tier 1', 'Tier 1', 'Tier 3', 'Tier 3', 'Tier 3', 'Excluded']);
    // Tier 1 yields (900 + 600 + 0) / 3 = 500; Tier 3 yields 300 / 3 = 100. A third of 3 is 1 account: +400.
    const answer = scoredWhatIf({ share: 1 / 3, from: 'Tier 3', to: 'Tier 1' }, s);
    expect(answer.ok && answer.value.projection).toBeCloseTo(400, 9);
    expect(answer.ok && answer.value.moved).toBe(1);
  });

  it('offers the tiers that hold a deal, highest minimum first, Excluded, then the segments it can find that are not tiers', () => {
    const groups = whatIfGroups(MODEL, scored(), ['Industry = SaaS', 'Industry has Cloud', 'Employees ≥ 500', 'Industry = SaaS', 'Tier 1']);
    // Tier 2 holds no deal; "Industry has Cloud" names no rows the what-if can find; repeats and tier names are left out.
    expect(groups).toEqual({ tiers: ['Tier 1', 'Tier 3', 'Excluded'], segments: ['Industry = SaaS', 'Employees ≥ 500'] });
  });

  it('says the what-if needs the amount column when the history has none picked', () => {
    expect(scoreHistory(MODEL, tableFromGrid(GRID)!, { ...COLUMNS, amount: null })).toEqual({ ok: false, problem: NEEDS_AMOUNT });
  });
});
