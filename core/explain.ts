/** ICP_EXPLAIN's sentence: a readable breakdown of one row's result. */
import type { CellRead, FailedCondition, RowResult } from './score.ts';

function points(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10) / 10);
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

function scoreText(score: number | null, tier: string): string {
  if (score === null) return 'no score';
  return tier ? `${points(score)} (${tier})` : points(score);
}

/** The cells a row and its `and` rows read: `Industry: Fintech and Region: EMEA`. */
function cellsText(first: CellRead, conditions: readonly CellRead[]): string {
  return [first, ...conditions].map((c) => `${c.field}: ${c.cell}`).join(' and ');
}

/** `, but Region: APAC fails the condition "is any of EMEA" on row 3`. */
function failureText(failed: FailedCondition): string {
  const condition = `the condition "${failed.rule}${failed.value ? ` ${failed.value}` : ''}" on row ${failed.row}`;
  if (failed.status === 'unreadable') return `, but ${failed.field}: could not read "${failed.cell}" for ${condition}`;
  return `, but ${failed.field}: ${failed.status === 'blank' ? 'blank' : failed.cell} fails ${condition}`;
}

/** A condition's blank or unreadable cell joins the Blank / Could not read lists. */
function noteFailure(failed: FailedCondition, blank: string[], unreadable: string[]): void {
  if (failed.status === 'blank') addOnce(blank, failed.field);
  else if (failed.status === 'unreadable') addOnce(unreadable, `${failed.field} ("${failed.cell}")`);
}

/**
 * One line, e.g. `85 (Priority) = 85/100 points: Company size 30/30 (Employees: 450); …
 * Blank: Funding stage.` The per-criterion points add up to the total shown.
 */
export function explainText(result: RowResult): string {
  if (result.blank) return '';
  const parts: string[] = [];
  if (result.override) {
    const reason = result.override.reason ? ` Reason: ${result.override.reason}.` : '';
    parts.push(`Override: ${scoreText(result.score, result.tier)}; the model computed ${scoreText(result.computedScore, result.computedTier)}.${reason}`);
  }
  if (result.excludedBy) {
    const { reason, conditions } = result.excludedBy;
    parts.push(`Excluded: ${reason} (${cellsText(result.excludedBy, conditions)}).`);
    return parts.join(' ');
  }
  // One pass over the criteria: the items, and the blank and unreadable fields (each once).
  let items = '';
  const blank: string[] = [];
  const unreadable: string[] = [];
  for (const c of result.criteria) {
    if (items) items += '; ';
    if (c.status === 'skipped') {
      items += `${c.name} skipped (${c.field} blank)`;
      addOnce(blank, c.field);
      continue;
    }
    const read = c.status === 'blank' ? 'blank' : c.status === 'unreadable' ? `could not read "${c.cell}"` : c.cell;
    const failed = c.failed ? failureText(c.failed) : '';
    items += `${c.name} ${points(c.earned)}/${points(c.possible)} (${cellsText({ field: c.field, cell: read }, c.conditions)}${failed})`;
    if (c.status === 'blank') addOnce(blank, c.field);
    else if (c.status === 'unreadable') addOnce(unreadable, `${c.field} ("${c.cell}")`);
    if (c.failed) noteFailure(c.failed, blank, unreadable);
  }
  const head = result.override ? 'Computed' : scoreText(result.computedScore, result.tier);
  parts.push(`${head} = ${points(result.earned)}/${points(result.possible)} points: ${items}.`);
  for (const near of result.nearExclusions) {
    parts.push(`Not excluded: ${near.reason} (${near.field}: ${near.cell}${failureText(near.failed)}).`);
    noteFailure(near.failed, blank, unreadable);
  }
  if (blank.length) parts.push(`Blank: ${blank.join(', ')}.`);
  if (unreadable.length) parts.push(`Could not read: ${unreadable.join(', ')}.`);
  if (result.overrideIgnored !== null) {
    parts.push(`Override "${result.overrideIgnored}" not used: it is neither a score 0–100 nor a tier label.`);
  }
  return parts.join(' ');
}
