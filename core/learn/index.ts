/** Learning the model from closed-won / closed-lost history: the public surface of core/learn. */
export { applySuggestion, learnFromHistory, learnFromHistoryAsync } from './learn.ts';
export type {
  ApplyOptions,
  ColumnRef,
  LearnColumns,
  LearnInput,
  LearnOptions,
  LearnPhase,
  LearnProgress,
  LearnRefusal,
  LearnReport,
  LearnResult,
} from './learn.ts';
export { HISTORY_COLUMN_ROLES, suggestHistoryColumns } from './columns.ts';
export type { ColumnChoice, HistoryColumnRole, HistoryColumns } from './columns.ts';
export { MIN_DECIDED, describeUnrecognized, historyProblem, readOutcomes } from './outcomes.ts';
export type { Outcome, OutcomeLabel, OutcomeReading } from './outcomes.ts';
export { MIN_SUPPORT } from './lift.ts';
export type { LiftRow } from './lift.ts';
export type { SuggestedRow, SuggestedStatus, Suggestion } from './suggest.ts';
export type { ModelValidation, Validation, Verdict } from './validate.ts';
export type { CapturedRow, TierRow } from './tiers.ts';
export type { DriftFlag, DriftFlagKind, DriftReport, QuarterRow } from './drift.ts';
export type { AucComparison } from './stats.ts';
export { auc, compareAuc } from './stats.ts';
export { BACKTEST_HEADER, LIFT_HEADER } from './functions.ts';
