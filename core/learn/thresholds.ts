/**
 * Every statistical threshold of the learner, in one place, each with why it is what it is.
 * docs/learning.md quotes these numbers; change them here and there together.
 */

// ── How much history ────────────────────────────────────────────────────────────────────────

/** Fewer decided outcomes than this and nothing is learned or backtested (a fit on fewer says nothing). */
export const MIN_DECIDED = 30;
/** A row (model or found) needs this many decided deals matching it, and as many not, to be judged: fewer is "thin". */
export const MIN_SUPPORT = 20;

// ── Finding segments (discovery) ────────────────────────────────────────────────────────────

/**
 * The family-wise error rate of the screening: over every value, term, band and pair looked at,
 * the chance that any one of them passes on pure noise stays under 1% (weighted Bonferroni).
 */
export const SCREEN_ALPHA = 0.01;
/** The share of SCREEN_ALPHA spent on single segments; the rest goes to pairs (when pairs are searched). */
export const SINGLE_ALPHA_SHARE = 0.5;
/**
 * A segment must also matter: its log odds ratio, smoothed toward the overall rate by MIN_SUPPORT
 * pseudo-deals, must be at least this far from 0 (odds × 1.22, a lift of about 1.15 at a 30% win
 * rate). Significance alone would let a large history flood the model with tiny effects.
 */
export const MIN_EFFECT = 0.2;
/** Quantile bins a number or date column is first cut into (fine classing). */
export const FINE_BINS = 20;
/** A numeric column's coarse classes (its staircase of bands) at most. */
export const MAX_COARSE = 4;
/**
 * Once a number column passes the bar, a further coarse class is taken when it improves the fit's
 * likelihood-ratio statistic G by at least this (χ² with one degree of freedom at 5%); classes
 * that then show no effect next to the other rows are dropped by the joint fit.
 */
export const CLASS_GAIN = 3.84;
/** Each coarse class holds at least this share of the decided deals (the scorecard convention of 5%). */
export const MIN_COARSE_SHARE = 0.05;
/** A value or term joins the pair search only with this many decided deals, and at most this many per column (the most frequent). */
export const PAIR_PART_SUPPORT = 2 * MIN_SUPPORT;
export const MAX_PAIR_PARTS = 16;
/** Found rows (singles and pairs) taken into the joint fit at most, strongest first. */
export const MAX_FOUND = 40;
/** Information value above this separates won from lost suspiciously well: a column filled in after the deal closed? */
export const LEAK_IV = 0.5;

// ── Fitting the points ──────────────────────────────────────────────────────────────────────

/** A found row stays only when its effect, next to every other row, clears this z (p < 0.01 two-sided). */
export const Z_KEEP = 2.576;
/**
 * Found rows with |z| under this next to the others have no effect at all and are dropped together;
 * a number column's coarse classes (refining a column that passed the bar) stay unless they fall under it.
 */
export const Z_NONE = 1;
/** z for a two-sided 95% interval: a row is "clearly" helpful or harmful when its whole interval is on one side of 0. */
export const Z95 = 1.96;
/** The L2 penalties (a normal prior on every effect) cross-validation chooses from, its folds, and the deals it samples. */
export const LAMBDAS = [0.3, 3, 30, 300] as const;
export const INNER_FOLDS = 3;
export const LAMBDA_SAMPLE = 8_000;
/** The fit's penalty when none is chosen (a fixed fit such as suggestPoints alone). */
export const DEFAULT_LAMBDA = 1;
/**
 * Recency weighting: a deal's weight halves every this many days (null: all deals weigh the same).
 * Chosen on the newest quarter of the learning deals; a shorter half-life is taken only when it
 * predicts them better by more than one standard error (the one-standard-error rule).
 */
export const HALF_LIVES = [null, 730, 365, 182] as const;
/** Deals the recency choice is fitted and judged on at most (a sample keeps a million deals fast). */
export const RECENCY_SAMPLE = 100_000;
/**
 * Scores are cut at 0 (SPEC §4), so accounts whose points add up below 0 all tie at 0. When that
 * costs more than this AUC on the learning deals, a losing value found in the history is written
 * the other way round (the other values earn the points) so the ranking survives the cut.
 */
export const CLAMP_LOSS = 0.002;
/** Learning deals that check is made on at most (a sample: a million deals need not all be scored twice). */
export const CLAMP_SAMPLE = 50_000;
/** Learning deals the pair search tallies at most (a sample keeps a million deals fast; pairs strong enough to matter show in it). */
export const PAIR_SAMPLE = 250_000;
/** The total the suggested model's possible points add up to. */
export const TOTAL_POINTS = 100;
/** A found row whose points round to less than this (either sign) is too small to matter and is left out. */
export const MIN_FOUND_POINTS = 2;
/**
 * A losing segment becomes an `exclude` row (a hard disqualifier) only when its win rate's upper
 * 95% bound (Wilson) is below this share of the overall win rate: with 30% overall, fewer than
 * 7.5% of its deals could plausibly win. Any other losing segment gets negative points.
 */
export const EXCLUDE_RATE_SHARE = 0.25;
/**
 * A clearly harmful row whose win rate's upper 95% bound is below this share of the overall rate
 * is named a candidate exclusion: the person may tick it to make it an exclude row instead.
 */
export const CANDIDATE_RATE_SHARE = 0.5;

// ── Judging (validation) ────────────────────────────────────────────────────────────────────

/** The newest share of closed deals held out by the time split (and by the inner split that chooses the recency weighting). */
export const HOLD_OUT = 0.25;
/** The time split needs this share of decided deals to have a closed date… */
export const DATED_SHARE = 0.8;
/** …and this many wins and losses on each side of the split. */
export const MIN_CLASS = 5;
/** A claim of improvement needs the held-out AUC up by this much… */
export const MIN_GAIN = 0.02;
/** …with a one-sided DeLong p-value below this (and the suggested model itself above a coin toss at this level). */
export const MAX_P = 0.01;
/** Population stability of the scores: under the first stable, up to the second worth a look, above it shifted. */
export const PSI_STABLE = 0.1;
export const PSI_SHIFTED = 0.25;

// ── Drift ───────────────────────────────────────────────────────────────────────────────────

/** A quarter's win rate is judged only with this many decided deals in it and in the quarters before. */
export const DRIFT_MIN_QUARTER_DECIDED = 10;
/** Tier 1 against Tier 2 is judged only with this many decided deals in each. */
export const DRIFT_MIN_TIER_DECIDED = 5;
/** Cycle length is judged only with this many won deals in the quarter and in the quarters before. */
export const DRIFT_MIN_CYCLES = 5;
/** A slide: this many percentage points below the previous quarters. */
export const WIN_RATE_DROP = 0.05;
/** A longer cycle: this much longer than before (relative) and at least this many days. */
export const CYCLE_GROWTH = 0.15;
export const CYCLE_DAYS = 7;
/** How many earlier quarters make the baseline of the drift flags. */
export const LOOKBACK = 4;
/**
 * A row's effect changed in the newest quarter when the difference from its effect before is
 * beyond this family-wise error over every row judged (Bonferroni), and at least MIN_EFFECT.
 */
export const CHANGE_ALPHA = 0.01;
