import { describe, expect, it } from 'vitest';
import { describeUnrecognized, historyProblem, readOutcomes } from '../../../core/index.ts';

describe('reading an outcome column', () => {
  it('reads the known words as won or lost and blanks as open, as ICP_SUMMARY does', () => {
    const { codes, reading } = readOutcomes(['Won', 'closed won', true, 1, 'yes', 'Lost', 'Closed Lost', false, 0, 'no', '', null]);
    expect(Array.from(codes)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, -1, -1]);
    expect([reading.won, reading.lost, reading.open]).toEqual([5, 5, 2]);
    expect(reading.unrecognized).toEqual([]);
  });

  it('lists every label that is not a known word, how often it appears and how it was read', () => {
    const { reading } = readOutcomes(['Churned', 'churned ', 'Negotiation', 'Win', 'Closed - Won', '#N/A', 'Won']);
    expect(reading.unrecognized).toEqual([
      { label: 'Churned', count: 2, readAs: 'lost', recognized: false, looksLikeWin: false },
      { label: 'Negotiation', count: 1, readAs: 'lost', recognized: false, looksLikeWin: false },
      { label: 'Win', count: 1, readAs: 'lost', recognized: false, looksLikeWin: true },
      { label: 'Closed - Won', count: 1, readAs: 'lost', recognized: false, looksLikeWin: true },
      { label: '#N/A', count: 1, readAs: 'open', recognized: false, looksLikeWin: false },
    ]);
    expect(reading.labels.find((l) => l.label === 'Won')).toMatchObject({ count: 1, readAs: 'won', recognized: true });
  });

  it('says in a sentence which labels were read as lost and which as open', () => {
    const { reading } = readOutcomes(['Churned', 'Churned', 'Win', '#N/A', 'Lost']);
    expect(describeUnrecognized(reading)).toBe(
      'Outcome labels that are not Won / Closed Won / TRUE / yes / 1 or Lost / Closed Lost / FALSE / no / 0: ' +
        '"Churned" (2 rows), "Win" (1 row, did you mean Won?) were read as lost; "#N/A" (1 row) was read as open.',
    );
    expect(describeUnrecognized(readOutcomes(['Won', 'Lost']).reading)).toBe('');
  });
});

describe('whether a history can be learned from', () => {
  const outcomes = (won: number, lost: number, open = 0) => [
    ...Array<string>(won).fill('Won'),
    ...Array<string>(lost).fill('Lost'),
    ...Array<string>(open).fill(''),
  ];

  it('accepts 30 decided outcomes with both wins and losses', () => {
    expect(historyProblem(readOutcomes(outcomes(1, 29)).reading)).toBeNull();
  });

  it('refuses fewer than 30 decided outcomes, giving the counts', () => {
    expect(historyProblem(readOutcomes(outcomes(12, 17, 40)).reading)).toBe(
      'The outcome column has 29 decided outcomes (12 won, 17 lost; 40 open or blank): at least 30 are needed, with both wins and losses. Nothing was changed.',
    );
  });

  it('refuses a history with only one class, and shows the labels that may explain it', () => {
    const problem = historyProblem(readOutcomes([...Array<string>(20).fill('Win'), ...Array<string>(20).fill('Lost')]).reading);
    expect(problem).toContain('40 decided outcomes (0 won, 40 lost; 0 open or blank): both wins and losses are needed, and there are no wins.');
    expect(problem).toContain('"Win" (20 rows, did you mean Won?) was read as lost');
  });
});
