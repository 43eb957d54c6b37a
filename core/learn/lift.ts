/** The lift table: for every criterion row and exclusion, how won and lost accounts fall when it matches. */
import type { ModelEntry } from '../model.ts';
import { displayCell } from '../values.ts';
import type { HistoryFeatures } from './features.ts';
import { LOST, WON } from './outcomes.ts';
import type { Condition } from './rows.ts';
import { MIN_SUPPORT } from './thresholds.ts';

export { MIN_SUPPORT };

/** A model row's Field, Rule, Value and what its rows matched in the history. */
export interface LiftRow extends Condition {
  /** The model row (header row = 1). */
  row: number;
  kind: 'criterion' | 'exclude';
  name: string;
  /** The Value cell as text, then the row's `and` rows: `Fintech and Region is any of EMEA`. */
  value: string;
  /** Current points; null for exclusions. */
  points: number | null;
  /** Decided accounts the row's rule matches. */
  wonMatched: number;
  lostMatched: number;
  wonUnmatched: number;
  lostUnmatched: number;
  /** Won ÷ decided among matching accounts; null when none match. */
  winRateMatched: number | null;
  winRateUnmatched: number | null;
  /** Win rate when matched ÷ the overall win rate: above 1 the row picks winners. */
  lift: number | null;
  /** Fewer than `minSupport` decided accounts match it, or fewer than that do not. */
  thin: boolean;
}

/** A row's Value and its conditions (the matches counted are those of the whole combination). */
function valueText(entry: ModelEntry): string {
  const conditions = entry.conditions.map((c) => ['and', c.field, c.rule ?? '', displayCell(c.value)].filter(Boolean).join(' '));
  return [displayCell(entry.value), ...conditions].filter(Boolean).join(' ');
}

function rate(won: number, lost: number): number | null {
  return won + lost > 0 ? won / (won + lost) : null;
}

/** The lift of every model row over the decided accounts listed in `rows` (outcome codes in `codes`). */
export function liftTable(features: HistoryFeatures, codes: Int8Array, rows: Int32Array, minSupport = MIN_SUPPORT): LiftRow[] {
  const B = features.bands.length;
  const E = features.exclusions.length;
  const wonAt = new Float64Array(B + E);
  const lostAt = new Float64Array(B + E);
  let won = 0;
  let lost = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const code = codes[i]!;
    if (code !== WON && code !== LOST) continue;
    if (code === WON) won++;
    else lost++;
    const tally = code === WON ? wonAt : lostAt;
    for (let b = 0; b < B; b++) if (features.factor[b]![i]! > 0) tally[b]!++;
    for (let e = 0; e < E; e++) if (features.excludedBy[e]![i]) tally[B + e]!++;
  }
  const overall = rate(won, lost);
  const entries = [...features.bands, ...features.exclusions];
  return entries.map((entry, j) => {
    const wonMatched = wonAt[j]!;
    const lostMatched = lostAt[j]!;
    const wonUnmatched = won - wonMatched;
    const lostUnmatched = lost - lostMatched;
    const winRateMatched = rate(wonMatched, lostMatched);
    return {
      row: entry.row,
      kind: entry.kind === 'exclude' ? 'exclude' : 'criterion',
      name: entry.name,
      field: entry.field,
      rule: entry.rule ?? '',
      value: valueText(entry),
      points: entry.kind === 'criterion' ? entry.points : null,
      wonMatched,
      lostMatched,
      wonUnmatched,
      lostUnmatched,
      winRateMatched,
      winRateUnmatched: rate(wonUnmatched, lostUnmatched),
      lift: winRateMatched !== null && overall ? winRateMatched / overall : null,
      thin: wonMatched + lostMatched < minSupport || wonUnmatched + lostUnmatched < minSupport,
    };
  });
}
