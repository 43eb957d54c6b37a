/**
 * The learner (learning a model from closed-won / closed-lost history): imported by the panel, the
 * CLI and the bench, which bundle it themselves. It is not part of core/index.ts, so the core
 * bundle every host loads (the functions) stays small.
 */
export { applySuggestion, learnFromHistory, learnFromHistoryAsync, modelKey, reportHistory } from './learn/learn.ts';
export { TableBuilder, columnCells, tableFromGrid, tableRows } from './learn/table.ts';
export * as words from './learn/words.ts';
