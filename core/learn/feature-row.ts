/**
 * The row type the learning procedure works in (procedure.ts), in a module of its own so that
 * the steps it calls (complement.ts) can build rows without importing the procedure back.
 */
import type { ModelEntry } from '../model.ts';
import type { Cell } from '../values.ts';
import type { BandVector } from './features.ts';
import type { Part, Segment, SegmentStats } from './screen.ts';

/** One worksheet row in feature terms: what it matches, where it comes from, its fit and points. */
export interface FeatureRow {
  origin: 'model' | 'found' | 'moved';
  kind: 'criterion' | 'exclude';
  /** The criterion's name (exclusions: the reason). */
  name: string;
  field: string;
  rule: string;
  value: Cell;
  /** A pair's `and` row. */
  and: Part | null;
  /** The model row (moved: as it was). */
  entry: ModelEntry | null;
  /** The segment found (found and moved rows), and its 2×2 statistics on D. */
  segment: Segment | null;
  stats: SegmentStats | null;
  factor: BandVector;
  /** Found rows: where their column was read (a criterion counts there under `missing = skip`). */
  read: Uint8Array | null;
  currentPoints: number | null;
  coefficient: number;
  standardError: number;
  /** Decided deals of D it counted for, and won. */
  support: number;
  wins: number;
  thin: boolean;
  points: number | null;
  /**
   * Set when the row's effect changed in the newest deals of D: its effect there (which its
   * points follow) and before. The fit gives the row a second column for the newest deals.
   */
  recent: { before: number; now: number; since: string } | null;
  /** Written the other way round: the losing segments this row's absence stands for (see complement.ts). */
  complementOf?: string[];
}
