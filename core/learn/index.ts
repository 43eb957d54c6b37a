/**
 * Learning the model from closed-won / closed-lost history: what the hosts' core bundle carries
 * (ICP_BACKTEST, ICP_LIFT and the types). The learner itself (learnFromHistory, applySuggestion)
 * is imported from core/learner.ts by the panel and the CLI, which bundle it themselves: it would
 * add about 20 KB to the core bundle every host loads.
 */
export type { ColumnRef, LearnColumns, LearnInput, LearnOptions, LearnPhase, LearnProgress } from './input.ts';
export type { ApplyOptions, LearnRefusal, LearnReport, LearnResult, LearnSuggestion, PairFound } from './learn.ts';
export { HISTORY_COLUMN_ROLES, suggestHistoryColumns } from './columns.ts';
export type { ColumnChoice, HistoryColumnRole, HistoryColumns } from './columns.ts';
export { MIN_DECIDED, describeUnrecognized, historyProblem, readOutcomes } from './outcomes.ts';
export type { Outcome, OutcomeLabel, OutcomeReading } from './outcomes.ts';
export { MIN_SUPPORT } from './lift.ts';
export type { LiftRow } from './lift.ts';
export type { Condition, SuggestedRow, SuggestedStatus } from './rows.ts';
export type { TierRefit } from './tiers.ts';
export type { ColumnProfile } from './fine.ts';
export type { EffortRow } from './effort.ts';
export type { Considered } from './screen.ts';
export type { LeftOut } from './product.ts';
export type { ChangeRow, Changes, QuarterEffect } from './changes.ts';
export type { ModelValidation, Validation, Verdict } from './validate.ts';
export type { CapturedRow, TierRow } from './tiers.ts';
export type { DriftFlag, DriftFlagKind, DriftReport, QuarterRow } from './drift.ts';
export type { AucComparison } from './stats.ts';
export type { HistoryTable } from './table.ts';
export { auc, compareAuc } from './stats.ts';
export { BACKTEST_HEADER, LIFT_HEADER } from './functions.ts';
