/** ICP_EXPLAIN's sentence: a readable breakdown of one row's result. */
import type { RowResult } from './score.ts';

function points(value: number): string {
  return String(Math.round(value * 10) / 10);
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
  const items = result.criteria.map((c) => {
    if (c.status === 'skipped') return `${c.name} skipped (${c.field} blank)`;
    const read = c.status === 'blank' ? 'blank' : c.status === 'unreadable' ? `could not read "${c.cell}"` : c.cell;
    return `${c.name} ${points(c.earned)}/${points(c.possible)} (${c.field}: ${read})`;
  });
  const head = result.override ? 'Computed' : scoreText(result.computedScore, result.tier);
  parts.push(`${head} = ${points(result.earned)}/${points(result.possible)} points: ${items.join('; ')}.`);
  const blank = unique(result.criteria.filter((c) => c.status === 'blank' || c.status === 'skipped').map((c) => c.field));
  const unreadable = unique(result.criteria.filter((c) => c.status === 'unreadable').map((c) => `${c.field} ("${c.cell}")`));
  if (blank.length) parts.push(`Blank: ${blank.join(', ')}.`);
  if (unreadable.length) parts.push(`Could not read: ${unreadable.join(', ')}.`);
  if (result.overrideIgnored !== null) {
    parts.push(`Override "${result.overrideIgnored}" not used: it is neither a score 0–100 nor a tier label.`);
  }
  return parts.join(' ');
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
