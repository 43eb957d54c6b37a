/** ICP_EXPLAIN's sentence: a readable breakdown of one row's result. */
import type { RowResult } from './score.ts';

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
    const { reason, field, cell } = result.excludedBy;
    parts.push(`Excluded: ${reason} (${field}: ${cell}).`);
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
    items += `${c.name} ${points(c.earned)}/${points(c.possible)} (${c.field}: ${read})`;
    if (c.status === 'blank') addOnce(blank, c.field);
    else if (c.status === 'unreadable') addOnce(unreadable, `${c.field} ("${c.cell}")`);
  }
  const head = result.override ? 'Computed' : scoreText(result.computedScore, result.tier);
  parts.push(`${head} = ${points(result.earned)}/${points(result.possible)} points: ${items}.`);
  if (blank.length) parts.push(`Blank: ${blank.join(', ')}.`);
  if (unreadable.length) parts.push(`Could not read: ${unreadable.join(', ')}.`);
  if (result.overrideIgnored !== null) {
    parts.push(`Override "${result.overrideIgnored}" not used: it is neither a score 0–100 nor a tier label.`);
  }
  return parts.join(' ');
}
