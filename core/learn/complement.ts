/**
 * Scores are cut at 0 (SPEC §4): a history whose losing segments outweigh the winning ones for
 * many accounts ties them all at 0, and the ranking among them is lost. When that costs ranking on
 * the learning deals, a criterion found in the history whose values lose is written the other way
 * round: every value but the losing ones earns the points they would have cost (`is none of`,
 * `contains none`, and `is blank` for blank cells), the others are raised by as much. An account's
 * points change by one constant per criterion, so the ranking is the fit's, without the cut.
 */
import { type MatchContext, matchParts, statsOf } from './candidates.ts';
import type { Scorable } from './features.ts';
import { scoreAccounts } from './features.ts';
import type { FeatureRow } from './feature-row.ts';
import type { Part, Sample, Segment } from './screen.ts';
import { auc } from './stats.ts';
import { sampled } from './selection.ts';
import { CLAMP_LOSS, CLAMP_SAMPLE } from './thresholds.ts';

/** Whether cutting scores at 0 costs ranking on the deals D (AUC with the cut against without). */
export function cutCostsRanking(s: Scorable, points: ArrayLike<number>, won: Uint8Array, all: Int32Array): boolean {
  const D = sampled(all, CLAMP_SAMPLE, 0x5eed);
  const ranked = (clamp: boolean) => {
    const scores = scoreAccounts(s, points, clamp, D);
    const rank = (i: number) => (s.excluded[i] ? -Infinity : Number.isNaN(scores[i]!) ? -1 : scores[i]!);
    const w: number[] = [];
    const l: number[] = [];
    for (let r = 0; r < D.length; r++) (won[D[r]!] ? w : l).push(rank(D[r]!));
    return auc(w, l) ?? 0.5;
  };
  return ranked(false) - ranked(true) > CLAMP_LOSS;
}

const COMPLEMENT: Partial<Record<Part['kind'], string>> = { value: 'is none of', term: 'contains none', yes: 'is false', no: 'is true', blank: 'is not blank' };

interface Criterion {
  name: string;
  bands: number[];
}

/**
 * The criteria to write the other way round: found in the history, all of one column, each row a
 * value, term, yes/no or blank group, some of them losing. Returns the new rows per criterion
 * (the complement and, when the column has blank cells, a blank row) and the shift, or nothing.
 */
export function complements(ctx: MatchContext, rows: readonly FeatureRow[], criteria: readonly Criterion[], sample: Sample): Map<Criterion, { shift: number; rows: FeatureRow[] }> {
  const out = new Map<Criterion, { shift: number; rows: FeatureRow[] }>();
  for (const criterion of criteria) {
    const bands = criterion.bands.map((b) => rows[b]!);
    const segments = bands.map((r) => r.segment);
    if (bands.some((r) => r.origin !== 'found' || !r.segment || r.segment.parts || !COMPLEMENT[r.segment.kind])) continue;
    if (new Set(segments.map((s) => s!.column)).size !== 1) continue;
    const losing = bands.filter((r) => r.coefficient < 0);
    if (losing.length === 0) continue;
    const kind = losing[0]!.segment!.kind;
    // One complement row: the losing values listed together (a term or a yes/no group stands alone).
    if (losing.some((r) => r.segment!.kind !== kind) || (kind !== 'value' && losing.length > 1)) continue;
    const shift = Math.max(...losing.map((r) => -r.coefficient));
    const first = losing[0]!.segment!;
    const value = kind === 'value' ? losing.map((r) => String(r.segment!.value)).join(', ') : kind === 'term' ? first.value : '';
    const negated: Part = { column: first.column, header: first.header, kind, rule: COMPLEMENT[kind]!, value, label: `${first.header} not ${losing.map((r) => String(r.segment!.value) || r.segment!.kind).join(', ')}` };
    const blank: Part = { column: first.column, header: first.header, kind: 'blank', rule: 'is blank', value: '', label: `${first.header} blank` };
    const parts = kind === 'blank' ? [negated] : [negated, blank];
    const matched = matchParts(ctx, parts);
    const made: FeatureRow[] = [];
    for (const part of parts) {
      const m = matched.get(`${part.column}\u0001${part.rule}\u0001${String(part.value)}`);
      if (!m || (part === blank && !m.factor.some((f) => f > 0))) continue;
      const stats = statsOf(m.factor, sample);
      const segment: Segment = { ...part, key: `complement:${part.column}:${part.rule}:${String(part.value)}`, stats, bar: losing[0]!.segment!.bar };
      made.push({
        ...losing[0]!,
        field: part.header,
        rule: part.rule,
        value: part.value,
        segment,
        stats,
        factor: m.factor,
        read: m.read,
        coefficient: shift,
        standardError: Math.min(...losing.map((r) => r.standardError)),
        support: stats.accounts,
        wins: stats.won,
        points: null,
        recent: null,
        complementOf: losing.map((r) => r.segment!.label),
      });
    }
    if (made.length) out.set(criterion, { shift, rows: made });
  }
  return out;
}
