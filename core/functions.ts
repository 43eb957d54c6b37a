/**
 * The spreadsheet functions, each declared once: name, arguments, help, and what it does.
 * Both hosts generate their registrations from this table (Apps Script stubs with
 * `@customfunction` JSDoc; Excel JSDoc for custom-functions-metadata).
 */
import { isOmitted, toGrid, toHeaderRow, toLabels, toList, toValues } from './args.ts';
import { ShapeError } from './errors.ts';
import { explainText } from './explain.ts';
import { runBacktest, runLift } from './learn/functions.ts';
import { type Model, readModel } from './model.ts';
import { personaMatcher } from './persona.ts';
import { PROOF_HEADER, proofTable } from './proof.ts';
import { type ScoreOptions, bindModel, evaluateRow } from './score.ts';
import { SUMMARY_HEADER, summarize } from './summary.ts';
import type { Cell } from './values.ts';

/** What a host tells the core about how it passes values. */
export interface HostOptions {
  /** Excel: dates arrive as serial numbers. */
  serialDates: boolean;
  /** Google Sheets: the spreadsheet's time zone, in which its dates are midnights. */
  timeZone?: string;
  /** The day `within days` counts back from (default today); tests pin it. */
  today?: Date;
}

/**
 * What an argument holds. Hosts read their cells by it: Excel desktop's blank-as-0 is undone by
 * kind (core/zeros.ts), and the runner (core/run.ts) reads the model argument once per call.
 */
export type ArgumentKind =
  /** Prospect or history rows. */
  | 'values'
  /** The header row over them. */
  | 'headers'
  /** The scoring worksheet, header row included. */
  | 'model'
  /** Dimension labels. */
  | 'labels'
  /** Job titles. */
  | 'titles'
  /** Tier labels. */
  | 'tiers'
  /** Won / lost outcomes. */
  | 'outcomes'
  /** Deal amounts, summed. */
  | 'amounts'
  /** Deal amounts, averaged and set against ARR now (ICP_PROOF). */
  | 'dealSizes'
  /** Created and closed dates. */
  | 'dates'
  /** Churned: yes/no, Churned/Active, or a churn date. */
  | 'churned'
  /** The account's annual revenue now (ICP_PROOF). */
  | 'arrNow'
  /** ICP scores (with, optionally, the tier column beside them). */
  | 'scores';

export interface ParameterDecl {
  name: string;
  /** What the argument holds. */
  reads: ArgumentKind;
  description: string;
  optional?: boolean;
}

export interface FunctionDecl {
  /** Excel id and the part after the namespace: ICP.SCORE. */
  id: 'SCORE' | 'TIER' | 'EXPLAIN' | 'PERSONA' | 'SUMMARY' | 'PROOF' | 'BACKTEST' | 'LIFT';
  /** Google Sheets name: ICP_SCORE. */
  sheetsName: string;
  description: string;
  parameters: ParameterDecl[];
  returns: string;
  /** Runs the function on host arguments; returns a grid. Throws ModelError / ShapeError. */
  run(args: unknown[], host: HostOptions): Cell[][];
}

const VALUES: ParameterDecl = { name: 'values', reads: 'values', description: 'The prospect rows to score, e.g. A2:H (blank rows give blank results).' };
const HEADERS: ParameterDecl = { name: 'headers', reads: 'headers', description: 'The header row over those columns, e.g. A1:H1.' };
const MODEL: ParameterDecl = { name: 'model', reads: 'model', description: "The scoring worksheet, header row included, e.g. 'ICP Model'!A:H." };

function loadModel(value: unknown, host: HostOptions): Model {
  return readModel(toGrid(value, 'model'), { serialDates: host.serialDates, timeZone: host.timeZone });
}

/** Evaluate every row of values and map each result to one output cell. */
function perRow(
  args: unknown[],
  host: HostOptions,
  options: Partial<ScoreOptions>,
  cell: (result: ReturnType<typeof evaluateRow>) => Cell,
  explain = false,
): Cell[][] {
  const [valuesArg, headersArg, modelArg] = args;
  const values = toValues(valuesArg);
  const headers = toHeaderRow(headersArg, values[0]!.length);
  const model = loadModel(modelArg, host);
  const bound = bindModel(model, headers, { serialDates: host.serialDates, timeZone: host.timeZone, today: host.today, ...options });
  const out = new Array<Cell[]>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = [cell(evaluateRow(bound, values[i]!, explain))];
  return out;
}

function blankIfNull(value: number | string | null): Cell {
  return value === null ? '' : value;
}

/** An optional column over the same rows as `tiers` (undefined when left out). */
function optionalList(value: unknown, name: string, rows: number): Cell[] | undefined {
  if (isOmitted(value)) return undefined;
  const list = toList(value, name);
  if (list.length !== rows) throw new ShapeError(name, `${name} has ${list.length} cells but tiers has ${rows}; select the same rows`);
  return list;
}

const TIERS: ParameterDecl = { name: 'tiers', reads: 'tiers', description: 'The tier column, e.g. the ICP Tier column.' };
const WON_WORDS = 'Won / Closed Won / TRUE / yes / 1 = won; other text = lost; blank = open';

export const FUNCTIONS: readonly FunctionDecl[] = [
  {
    id: 'SCORE',
    sheetsName: 'ICP_SCORE',
    description: 'The ICP fit score (0–100) of each prospect row, from the scoring worksheet.',
    parameters: [
      VALUES,
      HEADERS,
      MODEL,
      { name: 'dimensions', reads: 'labels', description: 'Optional: Dimension labels, comma-separated, for a sub-score over those criteria alone.', optional: true },
    ],
    returns: 'A column of scores, one per row; blank for blank rows.',
    run(args, host) {
      const dimensions = isOmitted(args[3]) ? undefined : toLabels(args[3]);
      if (dimensions && dimensions.length === 0) throw new ShapeError('dimensions', 'dimensions is empty; give one or more Dimension labels');
      return perRow(args, host, dimensions ? { dimensions } : {}, (r) => blankIfNull(r.score));
    },
  },
  {
    id: 'TIER',
    sheetsName: 'ICP_TIER',
    description: 'The ICP tier of each prospect row (or Excluded), from the scoring worksheet.',
    parameters: [VALUES, HEADERS, MODEL],
    returns: 'A column of tier labels; blank for blank rows and scores below every tier.',
    run: (args, host) => perRow(args, host, {}, (r) => r.tier),
  },
  {
    id: 'EXPLAIN',
    sheetsName: 'ICP_EXPLAIN',
    description: 'Why each prospect row scored what it did: points per criterion, the cells read, blanks, exclusions.',
    parameters: [VALUES, HEADERS, MODEL],
    returns: 'A column of explanations, one per row.',
    run: (args, host) => perRow(args, host, {}, explainText, true),
  },
  {
    id: 'PERSONA',
    sheetsName: 'ICP_PERSONA',
    description: "The buyer persona of each contact's job title, from the persona rows of the scoring worksheet.",
    parameters: [
      { name: 'title', reads: 'titles', description: 'Job titles: one cell or a column, e.g. D2:D.' },
      MODEL,
    ],
    returns: 'The persona label for each title, or blank.',
    run(args, host) {
      const titles = toGrid(args[0], 'title');
      const matcher = personaMatcher(loadModel(args[1], host));
      return titles.map((row) => row.map((title) => matcher.match(title)));
    },
  },
  {
    id: 'SUMMARY',
    sheetsName: 'ICP_SUMMARY',
    description: 'A tier summary table: accounts, share, wins, win rate and amount per tier.',
    parameters: [
      TIERS,
      MODEL,
      { name: 'won', reads: 'outcomes', description: `Optional: the outcome column (${WON_WORDS}).`, optional: true },
      { name: 'amount', reads: 'amounts', description: 'Optional: the amount column (summed over won rows when won is given).', optional: true },
    ],
    returns: 'A table: Tier, Accounts, Share, Won, Win rate, Amount; a row per tier, then Excluded, then Total.',
    run(args, host) {
      const tiers = toList(args[0], 'tiers');
      const model = loadModel(args[1], host);
      const won = optionalList(args[2], 'won', tiers.length);
      const amount = optionalList(args[3], 'amount', tiers.length);
      const rows = summarize(tiers, model, won, amount);
      return [
        [...SUMMARY_HEADER],
        ...rows.map((r) => [r.tier, r.accounts, r.share, blankIfNull(r.won), blankIfNull(r.winRate), blankIfNull(r.amount)]),
      ];
    },
  },
  {
    id: 'PROOF',
    sheetsName: 'ICP_PROOF',
    description: 'The proof table: per tier, win rate, average won amount, median sales cycle, churn rate and NRR, and a headline comparing the top tier with the rest.',
    parameters: [
      TIERS,
      MODEL,
      { name: 'won', reads: 'outcomes', description: `The outcome column (${WON_WORDS}).` },
      { name: 'amount', reads: 'dealSizes', description: 'Optional: the deal amount column (averaged over won deals; the base of NRR).', optional: true },
      { name: 'created', reads: 'dates', description: 'Optional: the created date column (with closed: the sales cycle of won deals).', optional: true },
      { name: 'closed', reads: 'dates', description: 'Optional: the close date column.', optional: true },
      { name: 'churned', reads: 'churned', description: 'Optional: the churned column (yes / TRUE / 1 / Churned / Cancelled or a date = churned; no / FALSE / 0 / Active / Renewed = not; blank = not known).', optional: true },
      { name: 'arr_now', reads: 'arrNow', description: "Optional: each account's annual revenue now (NRR = ARR now ÷ amount over won deals; a churned account's blank counts 0).", optional: true },
    ],
    returns: 'A table: Tier, Accounts, Won, Lost, Win rate, Average won amount, Median sales cycle (days), Churn rate, NRR; a row per tier, Excluded, Total, then the headline.',
    run(args, host) {
      const tiers = toList(args[0], 'tiers');
      const model = loadModel(args[1], host);
      const [won, amount, created, closed, churned, arrNow] = (['won', 'amount', 'created', 'closed', 'churned', 'arr_now'] as const).map((name, i) => optionalList(args[i + 2], name, tiers.length));
      if (!won) throw new ShapeError('won', `won is empty; give the outcome column over the same rows as tiers (${WON_WORDS})`);
      const proof = proofTable(tiers, model, { won, amount, created, closed, churned, arrNow }, { serialDates: host.serialDates, timeZone: host.timeZone });
      const width = PROOF_HEADER.length;
      return [
        [...PROOF_HEADER],
        ...proof.rows.map((r) => [r.tier, r.accounts, r.won, r.lost, ...[r.winRate, r.avgWonAmount, r.medianCycleDays, r.churnRate, r.nrr].map(blankIfNull)]),
        [proof.headline, ...new Array<Cell>(width - 1).fill('')],
      ];
    },
  },
  {
    id: 'BACKTEST',
    sheetsName: 'ICP_BACKTEST',
    description: 'How well scores predicted closed-won deals: accounts, wins, win rate and revenue per tier, and the AUC.',
    parameters: [
      {
        name: 'scores',
        reads: 'scores',
        description: 'The ICP score column of closed deals, or the ICP Score and ICP Tier columns side by side (then exclusions and manual tier overrides count), e.g. J2:K.',
      },
      { name: 'won', reads: 'outcomes', description: 'The outcome column (Won / Closed Won / TRUE / yes / 1 = won; other text = lost; blank = open, left out).' },
      MODEL,
      { name: 'amount', reads: 'amounts', description: 'Optional: the deal amount column (revenue sums won deals).', optional: true },
    ],
    returns: 'A table: Tier, Accounts, Won, Lost, Win rate, Revenue, Share of wins; a row per tier, Excluded, Total, then AUC.',
    run: runBacktest,
  },
  {
    id: 'LIFT',
    sheetsName: 'ICP_LIFT',
    description: 'For every criterion row and exclusion of the model: won and lost accounts it matches, win rates and lift.',
    parameters: [
      { name: 'values', reads: 'values', description: 'The history rows (closed deals or accounts), e.g. A2:H.' },
      HEADERS,
      { name: 'won', reads: 'outcomes', description: 'The outcome column over the same rows (Won / Closed Won / TRUE / yes / 1 = won; other text = lost; blank = open).' },
      MODEL,
    ],
    returns: 'A table: a row per model row with won and lost matched, win rate if matched and if not, lift and evidence.',
    run: runLift,
  },
];

export function findFunction(id: string): FunctionDecl | undefined {
  return FUNCTIONS.find((f) => f.id === id || f.sheetsName === id);
}
