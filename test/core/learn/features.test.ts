import { describe, expect, it } from 'vitest';
import { bindModel, evaluateRow, readModel } from '../../../core/index.ts';
import { currentPoints, designMatrix, featuresOfRows, scoreAccounts } from '../../../core/learn/features.ts';
import { COMBINATION_CASES, caseModel } from '../../fixtures/combinations.ts';
import { WIDE_HEADERS, WIDE_MODEL, wideHistory } from '../../../support/learn/wide.ts';

const TODAY = new Date(2025, 11, 31);

function featuresFor(modelGrid: unknown[][], rows: unknown[][]) {
  const model = readModel(modelGrid);
  const bound = bindModel(model, [...WIDE_HEADERS], { today: TODAY });
  return { bound, features: featuresOfRows(bound, [...WIDE_HEADERS], rows as never) };
}

describe('history features', () => {
  const rows = wideHistory(3_000, 5).slice(1);

  it('score every account exactly as evaluateRow does, for a model with every rule kind', () => {
    const { bound, features } = featuresFor(WIDE_MODEL, rows);
    const scores = scoreAccounts(features, currentPoints(features));
    const expected = rows.map((row) => evaluateRow(bound, row as never).score);
    expect(Array.from(scores, (s) => (Number.isNaN(s) ? null : s))).toEqual(expected);
    expect(Array.from(features.excluded, Boolean)).toEqual(rows.map((row) => evaluateRow(bound, row as never).excludedBy !== null));
  });

  it('score exactly as evaluateRow does when the model skips blank fields', () => {
    const skipping = [...WIDE_MODEL, ['setting', 'missing', '', '', 'skip', '', '', '']];
    const { bound, features } = featuresFor(skipping, rows);
    const scores = scoreAccounts(features, currentPoints(features));
    const expected = rows.map((row) => evaluateRow(bound, row as never).score);
    expect(Array.from(scores, (s) => (Number.isNaN(s) ? null : s))).toEqual(expected);
  });

  it('put in the design matrix the band that counted for each criterion, as explain reports it', () => {
    const { bound, features } = featuresFor(WIDE_MODEL, rows.slice(0, 500));
    const x = designMatrix(features, currentPoints(features));
    rows.slice(0, 500).forEach((row, i) => {
      const counted = evaluateRow(bound, row as never, true)
        .criteria.filter((c) => c.row !== null)
        .map((c) => c.row);
      const columns = Array.from(x.cols.subarray(x.start[i]!, x.start[i + 1]!));
      const bandRows = columns.filter((c) => c < features.bands.length).map((c) => features.bands[c]!.row);
      expect(bandRows).toEqual(counted);
    });
  });

  it.each(COMBINATION_CASES.map((c) => [c.title, c] as const))('score and rows exactly as evaluateRow does: %s', (_title, c) => {
    const bound = bindModel(readModel(caseModel(c)), c.headers, { today: new Date(2026, 8, 30) });
    const features = featuresOfRows(bound, c.headers, c.rows);
    const scores = scoreAccounts(features, currentPoints(features));
    expect(Array.from(scores, (s) => (Number.isNaN(s) ? null : s))).toEqual(c.expected.map((e) => e.score));
    expect(Array.from(features.excluded, Boolean)).toEqual(c.expected.map((e) => e.excludedBy !== ''));
  });

  it('judge the time rule of an and row as of each account’s own day, as the row’s own', () => {
    const model = readModel([
      ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
      ['criterion', 'Recently active SaaS', 'Industry', 'is any of', 'SaaS', 10],
      ['and', '', 'Last visit', 'within days', 30, ''],
    ]);
    const bound = bindModel(model, ['Industry', 'Last visit'], { today: new Date(2030, 0, 1) });
    const day = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
    const rows = [['SaaS', '2025-03-10'], ['SaaS', '2025-01-01'], ['Retail', '2025-03-10'], ['SaaS', '2025-03-10']];
    const features = featuresOfRows(bound, ['Industry', 'Last visit'], rows, [day('2025-03-31'), day('2025-03-31'), day('2025-03-31'), null]);
    // 21 days → met; 89 days → not; Retail fails the row's own rule; no day of its own → judged in 2030 → not.
    expect(Array.from(features.factor[0]!)).toEqual([1, 0, 0, 0]);
  });

  it('judge time rules as of each account’s own day when one is given', () => {
    const model = readModel([
      ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
      ['criterion', 'Recent visit', 'Last visit', 'within days', 30, 10],
    ]);
    const bound = bindModel(model, ['Last visit'], { today: new Date(2030, 0, 1) });
    const day = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
    const features = featuresOfRows(bound, ['Last visit'], [['2025-03-10'], ['2025-01-01'], ['2025-03-10']], [day('2025-03-31'), day('2025-03-31'), null]);
    // 21 days before its own day → match; 89 days before → no; no day of its own → judged in 2030 → no.
    expect(Array.from(features.factor[0]!)).toEqual([1, 0, 0]);
  });
});
