/**
 * The learner works in feature terms and writes the worksheet once, at the end: the written
 * worksheet must score every deal exactly as the learner scored it — found values, terms, number
 * staircases, moved bands, pairs with their `and` rows, exclusions, and losing values written the
 * other way round.
 */
import { describe, expect, it } from 'vitest';
import { type Cell, bindModel, readModel, scoreRows } from '../../../core/index.ts';
import { readHistory } from '../../../core/learn/learn.ts';
import { type Tried, procedure } from '../../../core/learn/procedure.ts';
import { writeWorksheet } from '../../../core/learn/write.ts';
import { GUESS_MODEL, plantedHistory } from '../../../support/learn/planted.ts';
import { GUESSES, INTERACTION, SHAPE_COLUMNS, TERMS, generate } from '../../../support/learn/shapes.ts';

function tried(model: Cell[][], grid: Cell[][]): { tried: Tried; written: Cell[][] } {
  const read = readHistory({ modelGrid: model, historyGrid: grid, columns: SHAPE_COLUMNS, options: { today: new Date(2026, 5, 30) } });
  if ('ok' in read) throw new Error(read.problem);
  const steps = procedure(read.ctx, read.decided, 1);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return { tried: step.value, written: writeWorksheet(model, step.value).grid };
}

function expectSameScores(model: Cell[][], grid: Cell[][]) {
  const { tried: t, written } = tried(model, grid);
  const bound = bindModel(readModel(written), grid[0]!, { today: new Date(2026, 5, 30) });
  const core = scoreRows(bound, grid.slice(1));
  // Time rules aside (none here), the core scores the written worksheet as the learner scored its rows.
  expect(Array.from(t.scores, (s, i) => (t.scorable.excluded[i] ? 0 : Number.isNaN(s) ? null : s))).toEqual(core);
  return { t, written };
}

describe('the worksheet written once, at the end', () => {
  it('scores the planted history as the learner scored it (moved band, staircase, joined values, exclusion, other way round)', () => {
    const { t } = expectSameScores(GUESS_MODEL, plantedHistory({ rows: 3_000, seed: 2 }).grid);
    expect(t.rows.some((r) => r.origin === 'moved')).toBe(true);
    expect(t.rows.some((r) => r.origin === 'found')).toBe(true);
  });

  it('scores a pair, written as a criterion row and its and row, as the learner scored it', () => {
    const { t, written } = expectSameScores(GUESSES.interaction, generate(INTERACTION, 5_000, 7).grid);
    const pair = t.rows.find((r) => r.and !== null)!;
    expect(pair.field).toBe('Industry');
    expect(String(pair.value)).toBe('Fintech');
    const model = readModel(written);
    const criterion = model.criteria.find((c) => c.name === pair.name)!;
    expect(criterion.bands[0]!.conditions.map((c) => [c.field, c.rule, String(c.value)])).toEqual([['Region', 'is any of', 'EMEA']]);
  });

  it('scores terms, and a losing term written the other way round, as the learner scored them', () => {
    const { t } = expectSameScores(GUESSES.terms, generate(TERMS, 5_000, 1).grid);
    expect(t.rows.some((r) => r.rule === 'contains none')).toBe(true);
  });
});
