/** What kind of problem an issue is, for code that acts on it (the message is for people). */
export type ModelIssueCode =
  | 'not_a_range'
  | 'empty_model'
  | 'missing_columns'
  | 'unknown_kind'
  | 'missing_name'
  | 'missing_field'
  | 'missing_rule'
  | 'unknown_rule'
  | 'persona_rule'
  | 'invalid_value'
  | 'missing_points'
  | 'invalid_points'
  | 'invalid_tier_minimum'
  | 'reserved_tier_name'
  | 'duplicate_tier_minimum'
  | 'duplicate_tier'
  | 'invalid_setting'
  | 'unknown_setting'
  | 'no_criteria'
  | 'no_positive_points'
  | 'unknown_field'
  | 'unknown_dimension'
  | 'nul_character'
  | 'points_out_of_range'
  | 'term_too_long'
  | 'misplaced_condition'
  | 'condition_name'
  | 'condition_points'
  | 'condition_rule';

/** One problem found in the scoring worksheet, located by model row and column. */
export interface ModelIssue {
  code: ModelIssueCode;
  /** 1-based row of the model range (the header row is row 1). */
  row: number;
  /** The model column the problem is in: "Kind", "Rule", "Value", … */
  column: string;
  /** The cell's text as the person typed it. */
  value: string;
  /** The sentence, without the "ICP model row N:" prefix. */
  message: string;
}

/** How many issues a model error spells out before "and N more". */
const SHOWN_ISSUES = 3;

export function formatIssue(issue: ModelIssue): string {
  return `ICP model row ${issue.row}: ${issue.message}`;
}

/**
 * The scoring worksheet is wrong. Every bad row is collected before this is thrown,
 * so `issues` lists them all; `message` is the sentence a cell tooltip shows.
 */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly issues: readonly ModelIssue[];

  constructor(issues: readonly ModelIssue[]) {
    super(describeIssues(issues));
    this.issues = issues;
  }
}

function describeIssues(issues: readonly ModelIssue[]): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map(formatIssue).join(' ');
  const more = issues.length - SHOWN_ISSUES;
  return more > 0 ? `${shown} (and ${more} more problem${more === 1 ? '' : 's'})` : shown;
}

/** An argument of a function call has the wrong shape (wrong width, not a range, …). */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
  /** The argument's name as the function's help shows it. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(message);
    this.argument = argument;
  }
}

export type IcpError = ModelError | ShapeError;

/** True for the core's own errors. Compares `name`: `instanceof` fails across vm contexts and iframes. */
export function isIcpError(error: unknown): error is IcpError {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'ModelError' || name === 'ShapeError';
}

export function isModelError(error: unknown): error is ModelError {
  return isIcpError(error) && error.name === 'ModelError';
}
