/** ICP_BACKTEST and ICP_LIFT: what the spreadsheet functions compute, on host arguments. */
import { isOmitted, toGrid, toHeaderRow, toList, toValues } from '../args.ts';
import { ShapeError } from '../errors.ts';
import { EXCLUDED, readModel } from '../model.ts';
import { bindModel, tierFor } from '../score.ts';
import { checkAmountTotal } from '../summary.ts';
import { normalizeText } from '../text.ts';
import { type Cell, isBlank, isErrorText, readNumber, readText } from '../values.ts';
import { featuresOfRows } from './features.ts';
import { liftTable } from './lift.ts';
import { LOST, WON, describeUnrecognized, historyProblem, readOutcomes } from './outcomes.ts';
import { auc } from './stats.ts';
import { NO_TIER, tierTable } from './tiers.ts';

/** How a host passes values (the subset of functions.ts HostOptions these need). */
interface Host {
  serialDates: boolean;
  timeZone?: string;
  today?: Date;
}

export const BACKTEST_HEADER = ['Tier', 'Accounts', 'Won', 'Lost', 'Win rate', 'Revenue', 'Share of wins'] as const;
export const LIFT_HEADER = [
  'Model row',
  'Kind',
  'Name',
  'Rule',
  'Value',
  'Points',
  'Won',
  'Lost',
  'Win rate if matched',
  'Win rate if not',
  'Lift',
  'Evidence',
] as const;

function blankIfNull(value: number | string | null): Cell {
  return value === null ? '' : value;
}

/** A row as wide as `width`: the cells given, then blanks. */
function padded(cells: Cell[], width: number): Cell[] {
  return [...cells, ...new Array<Cell>(Math.max(0, width - cells.length)).fill('')];
}

function sameLength(list: Cell[], name: string, other: number, otherName: string): Cell[] {
  if (list.length !== other) {
    throw new ShapeError(name, `${name} has ${list.length} cells but ${otherName} has ${other}; select the same rows`);
  }
  return list;
}

/**
 * The scores argument: one column of scores, or two columns side by side, the ICP Score and
 * ICP Tier columns as "Score this sheet" writes them.
 */
function scoresAndTiers(value: unknown): { scores: Cell[]; tiers: Cell[] | null } {
  const grid = toGrid(value, 'scores');
  if (grid.length > 1 && grid.every((row) => row.length === 2)) {
    return { scores: grid.map((row) => row[0]), tiers: grid.map((row) => row[1]) };
  }
  return { scores: toList(value, 'scores'), tiers: null };
}

/**
 * ICP_BACKTEST(scores, won, model, [amount]): a row per model tier (highest first), then
 * `(no tier)` when some score is below every tier, Excluded, Total, and a final AUC row; a Note
 * row follows when outcome labels were not known words.
 */
export function runBacktest(args: unknown[], host: Host): Cell[][] {
  const { scores, tiers } = scoresAndTiers(args[0]);
  const won = sameLength(toList(args[1], 'won'), 'won', scores.length, 'scores');
  const model = readModel(toGrid(args[2], 'model'), { serialDates: host.serialDates, timeZone: host.timeZone });
  const amount = isOmitted(args[3]) ? null : sameLength(toList(args[3], 'amount'), 'amount', scores.length, 'scores');
  const labels = new Map([...model.tiers.map((t) => t.name), EXCLUDED].map((name) => [normalizeText(name), name]));

  // An account is a row with a score (or the label Excluded); blank and unreadable scores are not.
  // With a tier column beside the scores, its label (an exclusion, a manual override) wins.
  const kept: { score: number; tier: string; index: number }[] = [];
  scores.forEach((cell, index) => {
    if (isBlank(cell) || isErrorText(cell)) return;
    const given = tiers ? labels.get(normalizeText(readText(tiers[index]) ?? '')) : undefined;
    const value = readNumber(cell);
    const excluded = given === EXCLUDED || normalizeText(readText(cell) ?? '') === normalizeText(EXCLUDED);
    if (excluded) kept.push({ score: -1, tier: EXCLUDED, index });
    else if (typeof value === 'number') kept.push({ score: value, tier: given ?? (tierFor(model.tiers, value) || NO_TIER), index });
  });
  const { codes, reading } = readOutcomes(kept.map((k) => won[k.index]));
  const problem = historyProblem(reading);
  if (problem) throw new ShapeError('won', problem);

  const accounts = kept.map((k, i) => {
    const value = amount ? readNumber(amount[k.index] ?? null) : null;
    return {
      tier: k.tier,
      outcome: codes[i]!,
      amount: typeof value === 'number' ? value : NaN,
    };
  });
  const table = tierTable(accounts, model.tiers, amount !== null);
  const wonScores = kept.filter((_, i) => codes[i] === WON).map((k) => k.score);
  const lostScores = kept.filter((_, i) => codes[i] === LOST).map((k) => k.score);
  const total = table.reduce(
    (t, r) => ({ accounts: t.accounts + r.accounts, won: t.won + r.won, lost: t.lost + r.lost, revenue: t.revenue + (r.revenue ?? 0) }),
    { accounts: 0, won: 0, lost: 0, revenue: 0 },
  );
  checkAmountTotal(total.revenue);
  for (const r of table) checkAmountTotal(r.revenue ?? 0);
  const width = BACKTEST_HEADER.length;
  const out: Cell[][] = [
    [...BACKTEST_HEADER],
    ...table.map((r) => [r.tier, r.accounts, r.won, r.lost, blankIfNull(r.winRate), blankIfNull(r.revenue), blankIfNull(r.shareOfWins)]),
    ['Total', total.accounts, total.won, total.lost, total.won / (total.won + total.lost), amount ? total.revenue : '', 1],
    padded(['AUC', auc(wonScores, lostScores)], width),
  ];
  const note = describeUnrecognized(reading);
  if (note) out.push(padded(['Note', note], width));
  return out;
}

/**
 * ICP_LIFT(values, headers, won, model): a row per criterion row and exclusion of the model:
 * decided accounts it matches, win rate when it matches and when not, and the lift (win rate when
 * matched ÷ overall win rate); a Note row follows when outcome labels were not known words.
 */
export function runLift(args: unknown[], host: Host): Cell[][] {
  const values = toValues(args[0]);
  const headers = toHeaderRow(args[1], values[0]!.length);
  const won = sameLength(toList(args[2], 'won'), 'won', values.length, 'values');
  const model = readModel(toGrid(args[3], 'model'), { serialDates: host.serialDates, timeZone: host.timeZone });
  const bound = bindModel(model, headers, { serialDates: host.serialDates, timeZone: host.timeZone, today: host.today });
  const keep = values.map((_, i) => i).filter((i) => values[i]!.some((cell) => !isBlank(cell)));
  const { codes, reading } = readOutcomes(keep.map((i) => won[i]));
  const problem = historyProblem(reading);
  if (problem) throw new ShapeError('won', problem);
  const features = featuresOfRows(bound, headers, keep.map((i) => values[i]!));
  const decided = Int32Array.from(Array.from(codes.keys()).filter((i) => codes[i] === WON || codes[i] === LOST));
  const rows = liftTable(features, codes, decided);
  const width = LIFT_HEADER.length;
  const out: Cell[][] = [
    [...LIFT_HEADER],
    ...rows.map((r) => [
      r.row,
      r.kind,
      r.name,
      r.rule,
      r.value,
      blankIfNull(r.points),
      r.wonMatched,
      r.lostMatched,
      blankIfNull(r.winRateMatched),
      blankIfNull(r.winRateUnmatched),
      blankIfNull(r.lift),
      r.thin ? `thin: ${r.wonMatched + r.lostMatched} matched, ${r.wonUnmatched + r.lostUnmatched} not` : 'ok',
    ]),
  ];
  const note = describeUnrecognized(reading);
  if (note) out.push(padded(['Note', note], width));
  return out;
}
