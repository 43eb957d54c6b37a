import { describe, expect, it } from 'vitest';
import { learnFromHistory, learnFromHistoryAsync } from '../../../core/learner.ts';
import { CURRENT_MODEL, plantedLogit, synthesizeHistory } from '../../../support/learn/synthetic.ts';

const COLUMNS = { outcome: 'Outcome', amount: 'Amount', created: 'Created', closed: 'Closed' };
const grid = synthesizeHistory({ rows: 2_000, seed: 7, logit: plantedLogit }).grid;
const input = { modelGrid: CURRENT_MODEL, historyGrid: grid, columns: COLUMNS, options: { today: new Date(2026, 5, 30) } };

describe('learning without freezing a page', () => {
  it('gives the same report as learning in one go', async () => {
    const task = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
    expect(await learnFromHistoryAsync(input, task)).toEqual(learnFromHistory(input));
  });

  it('pauses between phases and validation folds, with each phase reported before its pause', async () => {
    const phasesAtPause: string[] = [];
    let latest = '';
    await learnFromHistoryAsync({ ...input, onProgress: (p) => (latest = p.phase) }, async () => {
      phasesAtPause.push(latest);
    });
    // One pause after reading and after the lift; within each validation fold (a time split: one) a pause
    // after discovery, the choices (penalty, recency) and selection, then one at the fold's end; the same
    // three pauses while the model written is learned from every decided deal; one after drift starts.
    expect(phasesAtPause).toEqual(['reading', 'lift', 'validating', 'validating', 'validating', 'validating', 'fitting', 'fitting', 'fitting', 'drift']);
  });

  it('learns from a model that names a manual override column the history lacks (learning does not use it)', () => {
    const withOverride = [...CURRENT_MODEL, ['setting', 'override', '', '', 'Manual score', '', '', '']];
    const result = learnFromHistory({ ...input, modelGrid: withOverride });
    expect(result.ok).toBe(true);
  });
});
