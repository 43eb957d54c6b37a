/** The public surface of the ICP scoring core: pure functions, no host globals, no DOM. */
export { ModelError, ShapeError, isIcpError, isModelError, formatIssue } from './errors.ts';
export type { IcpError, ModelIssue, ModelIssueCode } from './errors.ts';
export {
  EXCLUDED,
  KINDS,
  SETTING_KEYS,
  findModelHeader,
  gridToRows,
  readModel,
  rowsToGrid,
  rowsToModel,
  safeReadModel,
  writeModel,
} from './model.ts';
export type { ReadModelResult } from './model.ts';
export { MODEL_COLUMNS, ROW_KEYS, SCORED_KINDS, bindingHeaders, matchFields, nearestHeader, rankHeaders, scoredFields } from './fields.ts';
export type { FieldMapping, FieldMatch, FieldSource, ModelColumn } from './fields.ts';
export type { Criterion, Kind, Model, ModelEntry, ModelRow, Settings, Tier } from './model.ts';
export { PERSONA_RULES, RULES, RULE_NAMES, findRule, parseRuleName } from './rules.ts';
export type { Reader, Rule, RuleName, ValueKind } from './rules.ts';
export { bindModel, evaluateRow, headerIndex, roundScore, scoreRows, tierFor } from './score.ts';
export type { BoundModel, CriterionResult, RowResult, ScoreOptions } from './score.ts';
export { explainText } from './explain.ts';
export { personaMatcher } from './persona.ts';
export { SUMMARY_HEADER, readOutcome, summarize } from './summary.ts';
export type { SummaryRow } from './summary.ts';
export { PRESETS, findPreset, presetGrid } from './presets.ts';
export type { Preset } from './presets.ts';
export { FUNCTIONS, findFunction } from './functions.ts';
export type { ArgumentKind, FunctionDecl, HostOptions, ParameterDecl } from './functions.ts';
export { didYouMean, headerKey, normalizeText, suggest } from './text.ts';
export { UNREADABLE, isBlank, parseNumberText, plainDecimal, readBoolean, readDay, readNumber, readText } from './values.ts';
export type { Cell, ReadOptions } from './values.ts';
export * from './learn/index.ts';
