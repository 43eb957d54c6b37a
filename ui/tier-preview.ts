/**
 * The tier preview: the active sheet's rows scored in the panel with the model being edited (not yet
 * saved), counted per tier, Excluded, and no tier.
 */
import { EXCLUDED, type Model, type ScoreOptions, bindModel, evaluateRow } from '../core/index.ts';
import type { WireCell } from '../workbook/host.ts';

export interface TierCount {
  label: string;
  kind: 'tier' | 'excluded' | 'none';
  count: number;
}

export interface Distribution {
  bars: TierCount[];
  /** Rows that hold anything (blank rows are not accounts). */
  used: number;
  /** Mean score over the rows that got one, or null. */
  average: number | null;
}

/** Throws the core's ModelError when a Field has no column in `headers`. */
export function distribution(model: Model, headers: readonly WireCell[], rows: readonly (readonly WireCell[])[], options: ScoreOptions = {}): Distribution {
  const bound = bindModel(model, headers, options);
  const counts = new Map<string, number>();
  let used = 0;
  let total = 0;
  let scored = 0;
  let none = 0;
  for (const row of rows) {
    const result = evaluateRow(bound, row);
    if (result.blank) continue;
    used++;
    if (result.score !== null) {
      total += result.score;
      scored++;
    }
    if (result.tier === '') none++;
    else counts.set(result.tier, (counts.get(result.tier) ?? 0) + 1);
  }
  const bars: TierCount[] = model.tiers.map((tier) => ({ label: tier.name, kind: 'tier', count: counts.get(tier.name) ?? 0 }));
  bars.push({ label: EXCLUDED, kind: 'excluded', count: counts.get(EXCLUDED) ?? 0 });
  bars.push({ label: 'No tier', kind: 'none', count: none });
  return { bars, used, average: scored > 0 ? Math.round((total / scored) * 10) / 10 : null };
}
