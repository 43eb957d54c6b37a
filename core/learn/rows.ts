/**
 * The report's rows: every criterion and exclude row of the tried model with its evidence (deals,
 * win rate against the rest, lift, fitted effect), its current and tried points, where it came
 * from and a status with a sentence saying why — the decision data a person signs off.
 */
import { displayCell } from '../values.ts';
import { type FeatureRow, type Tried, isExclusion } from './procedure.ts';
import { CANDIDATE_RATE_SHARE } from './thresholds.ts';
import { clearlyHarmful, clearlyHelpful } from './points.ts';
import { type GoalWords, GOAL_WORDS, conditionText, customerGoal, failedEvidence, foundEvidence, percent, ruleText, signed } from './words.ts';

export type SuggestedStatus =
  | 'raised'
  | 'lowered'
  | 'unchanged'
  | 'thin'
  | 'negative'
  | 'candidate exclusion'
  | 'exclusion supported'
  | 'exclusion not supported'
  | 'exclusion thin'
  | 'new'
  | 'new exclusion'
  | 'moved'
  | 'not adopted';

/** A worksheet condition: Field, Rule, Value. */
export interface Condition {
  field: string;
  rule: string;
  value: string;
}

export interface SuggestedRow {
  /** The row in the suggested worksheet (header row = 1). */
  row: number;
  kind: 'criterion' | 'exclude';
  name: string;
  field: string;
  rule: string;
  value: string;
  /** A combination's `and` row (SPEC §1): the row matches only where both conditions do. */
  and: Condition | null;
  /** A model criterion's own `and` rows (a combination such as a Tier 1 profile), when it has any. */
  conditions?: Condition[];
  /** What the row matches, in words: `Industry = Fintech`, `Company size: Employees between 200-2000`. */
  segment: string;
  /** null for exclusions. */
  currentPoints: number | null;
  suggestedPoints: number | null;
  /** suggested − current; null for exclusions and found rows. */
  change: number | null;
  /** The fitted log-odds effect of the row against no match, and its standard error (null if it could not be computed). */
  coefficient: number;
  standardError: number | null;
  /** Decided deals for which this row counted in the fit, and how many of them won. */
  accounts: number;
  won: number;
  /** Won ÷ accounts, the win rate of the other decided deals, and the lift (win rate ÷ overall; null when it counted for no one). */
  winRate: number | null;
  winRateRest: number | null;
  lift: number | null;
  /** `model`: a row of the current model; `found`: discovered in the history; `moved`: a model row whose Rule and Value the history moved. */
  origin: 'model' | 'found' | 'moved';
  /** For a moved row: the Value (and Rule) it had. */
  previousValue?: string;
  previousRule?: string;
  /**
   * Written the other way round (scores are cut at 0): the losing segments whose absence this row
   * rewards, e.g. `Region is none of APAC` for `Region = APAC`.
   */
  complementOf?: string[];
  /** The points the tried model gives (equal to suggestedPoints when the suggestion is adopted). */
  triedPoints: number | null;
  status: SuggestedStatus;
  /** A sentence on why. */
  note: string;
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

/** What a row matches, in words: a found segment's label, or the row's name and rule. */
export function segmentText(row: FeatureRow): string {
  if (row.segment && row.origin === 'found') return row.segment.label;
  const value = row.origin === 'model' ? displayCell(row.entry!.value) : String(row.value ?? '');
  const and = row.and ? { field: row.and.header, rule: row.and.rule, value: String(row.and.value ?? '') } : null;
  return `${row.name}: ${ruleText({ field: row.field, rule: row.rule, value, and })}`;
}

function criterionStatus(row: FeatureRow, tried: Tried, overall: number, minSupport: number, words: GoalWords): { status: SuggestedRow['status']; note: string } {
  const accounts = customerGoal(words) ? words.judged : 'decided accounts';
  const matched = `${words.did} ${percent(row.support ? row.wins / row.support : null)} of ${row.support} ${accounts} it counted for, against ${percent(overall)} overall`;
  if (row.thin) {
    return {
      status: 'thin',
      note: `Too thin to judge: it counted for ${row.support} of ${tried.trained} decided accounts (needs ${minSupport} with it and ${minSupport} without); points left as they are.`,
    };
  }
  const beta = row.coefficient;
  const se = row.standardError;
  if (isExclusion(row, overall, CANDIDATE_RATE_SHARE)) {
    return { status: 'candidate exclusion', note: `Clearly harmful: ${matched}. A candidate exclusion (anti-ICP: even the upper 95% bound of its ${words.rate} is below half the overall rate); suggested as ${row.points} points meanwhile.` };
  }
  if (clearlyHarmful(beta, se)) return { status: 'negative', note: `Clearly harmful: ${matched}; negative points suggested.` };
  const points = row.points ?? row.currentPoints!;
  const status: SuggestedRow['status'] = points > row.currentPoints! ? 'raised' : points < row.currentPoints! ? 'lowered' : 'unchanged';
  const why = tried.unscaled
    ? ' No row has a clear positive effect to set the scale of the points, so it keeps its points.'
    : !clearlyHelpful(beta, se)
      ? ' No clear effect either way (its 95% interval reaches zero), so no points.'
      : '';
  return { status, note: `It ${matched}.${why}` };
}

function exclusionStatus(row: FeatureRow, tried: Tried, overall: number, minSupport: number, words: GoalWords): { status: SuggestedRow['status']; note: string } {
  const matched = `excluded accounts ${words.did} ${percent(row.support ? row.wins / row.support : null)} of ${row.support}, against ${percent(overall)} overall`;
  if (row.thin) return { status: 'exclusion thin', note: `Too thin to judge: it matched ${row.support} of ${tried.trained} decided accounts (needs ${minSupport}); kept.` };
  if (clearlyHarmful(row.coefficient, row.standardError)) return { status: 'exclusion supported', note: `Supported: ${matched}.` };
  return { status: 'exclusion not supported', note: `Not supported by the history: ${matched}; review it.` };
}

/** Every row of the tried model as the report shows it; `rowOf` gives each row's place in the written worksheet. */
export function suggestedRows(tried: Tried, rowOf: (row: FeatureRow) => number, minSupport: number, words: GoalWords = GOAL_WORDS.won): SuggestedRow[] {
  const overall = tried.trained ? tried.trainedWon / tried.trained : 0;
  const describe = (row: FeatureRow): SuggestedRow => {
    const described = describeRow(row);
    if (!row.recent) return described;
    const { before, now, since } = row.recent;
    return { ...described, note: `${described.note} Its effect changed in the newest deals (${signed(before)} log-odds before, ${signed(now)} in ${since}): its points follow the newest deals.` };
  };
  const describeRow = (row: FeatureRow): SuggestedRow => {
    const rate = row.support ? row.wins / row.support : null;
    const rest = tried.trained - row.support;
    const value = row.origin === 'model' ? displayCell(row.entry!.value) : String(row.value ?? '');
    const and = row.and ? { field: row.and.header, rule: row.and.rule, value: String(row.and.value ?? '') } : null;
    const conditions = row.origin === 'model' ? (row.entry?.conditions ?? []).map((c) => ({ field: c.field, rule: c.rule ?? '', value: displayCell(c.value) })) : [];
    const base = {
      ...(conditions.length ? { conditions } : {}),
      row: rowOf(row),
      kind: row.kind,
      name: row.name,
      field: row.field,
      rule: row.rule,
      value,
      and,
      segment: segmentText(row),
      coefficient: row.coefficient,
      standardError: finite(row.standardError),
      accounts: row.support,
      won: row.wins,
      winRate: rate,
      winRateRest: rest > 0 ? (tried.trainedWon - row.wins) / rest : null,
      lift: rate !== null && overall > 0 ? rate / overall : null,
      origin: row.origin,
    };
    if (row.kind === 'exclude' && row.origin !== 'found') {
      return { ...base, currentPoints: null, suggestedPoints: null, change: null, triedPoints: null, ...exclusionStatus(row, tried, overall, minSupport, words) };
    }
    if (row.origin === 'found') {
      const s = row.stats!;
      const evidence = foundEvidence(s, overall, row.coefficient, row.standardError, words);
      const losing = customerGoal(words) ? `a segment that ${words.failed === 'churned or lost' ? 'churns' : 'does not grow'}: ${failedEvidence(s, words)}; ${evidence}` : `a clearly losing segment: ${evidence}`;
      const candidate = row.kind === 'criterion' && !row.complementOf && isExclusion(row, overall, CANDIDATE_RATE_SHARE);
      const note = row.complementOf
        ? `Found in history, written the other way round: deals that are not ${row.complementOf.join(' or ')} earn these points, which ranks ${row.complementOf.length === 1 ? 'it' : 'them'} below the rest as negative points would, without scores cut at 0 tying them all (${evidence}).`
        : row.kind === 'exclude'
          ? `Found in history, ${losing}. Suggested as an exclude row: even the upper 95% bound of its ${words.rate} is below a quarter of the overall rate.`
          : candidate
            ? `Found in history, ${losing}. A candidate exclusion (even the upper 95% bound of its ${words.rate} is below half the overall rate); suggested as ${row.points} points meanwhile.`
            : `Found in history: ${evidence}.`;
      const status = row.kind === 'exclude' ? 'new exclusion' : candidate ? 'candidate exclusion' : 'new';
      return { ...base, ...(row.complementOf ? { complementOf: row.complementOf } : {}), currentPoints: null, suggestedPoints: row.points, change: null, triedPoints: row.points, status, note };
    }
    const points = row.points ?? row.currentPoints!;
    const { status, note } = criterionStatus(row, tried, overall, minSupport, words);
    const common = { ...base, currentPoints: row.currentPoints, suggestedPoints: points, change: points - row.currentPoints!, triedPoints: points };
    if (row.origin === 'moved') {
      const was = displayCell(row.entry!.value);
      const wasRule = row.entry!.rule ?? '';
      const moved = `Band moved from ${conditionText({ field: row.field, rule: wasRule, value: was })} to ${conditionText({ field: row.field, rule: row.rule, value })}: in the history that band held ${row.stats!.accounts} ${words.judged} that ${words.did} ${percent(row.stats!.winRate)} against ${percent(overall)} overall.`;
      return { ...common, previousValue: was, previousRule: wasRule, status: 'moved', note: `${moved} ${note}` };
    }
    return { ...common, status, note };
  };
  return [...tried.rows, ...tried.exclusions].map(describe).sort((a, b) => a.row - b.row);
}
