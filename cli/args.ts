/** The commands' arguments: parsed with node's util.parseArgs, checked with zod, explained in USAGE. */
import { parseArgs } from 'node:util';
import * as z from 'zod/mini';
import { DIALECT_NAMES } from '../core/sql/index.ts';
import { CliError } from './files.ts';
import { INIT_USAGE, type InitArgs, parseInitArgs } from './init.ts';
import { LEARN_USAGE, type LearnArgs, parseLearnArgs } from './learn-args.ts';
import { PROOF_USAGE, type ProofArgs, parseProofArgs } from './proof.ts';
import { encodingOption, optionProblem, textOptions, todayOption } from './options.ts';

export const USAGE = `icp: ICP scoring outside the workbook

Usage:
  icp score --model model.csv prospects.csv [-o scored.csv]
  icp sql   --model model.csv --dialect duckdb|postgres|bigquery|snowflake [--table T]
  icp check --model model.csv [--header-from prospects.csv]
  icp init  starter.xlsx [--preset b2b-saas]
  icp learn --model model.csv history.csv -o suggested.csv [--report report.md]
  icp proof --model model.csv history.csv [--json]

icp score  appends icp_score, icp_tier and icp_why to every row of a CSV (or xlsx) file.
  -m, --model FILE        the scoring worksheet: CSV or xlsx (header Kind, Name, Field, Rule, Value, Points, …)
  -o, --output FILE       where to write (default: standard output); an .xlsx from an xlsx input is a copy of
                          that workbook with the three columns added to the scored sheet
      --no-why            leave the icp_why column empty (faster)
      --map FIELD=COLUMN  read the model's FIELD from another column (repeatable); --map FIELD= scores it as blank
      --bom / --no-bom    start the CSV with a UTF-8 byte-order mark, which Excel needs to show "—" and
                          accents right (default: with -o FILE yes, on standard output no)
      --dimensions A,B    score only the criteria of these Dimension labels (a sub-score)
      --today DATE        the day "within days" counts back from when the model has no "as of" (default: today)
      --delimiter C       the field delimiter (default: the one of , ; tab the header row holds; in a ; file
                          numbers with decimal commas, 1.234,5, are read as such)
      --encoding E        the file's encoding: utf-8, utf-16le, utf-16be, windows-1252, … (default: found from
                          its byte-order mark or its bytes); the output is written in the same encoding
      --sheet NAME        the prospects sheet of an xlsx input (default: the first)
      --model-sheet NAME  the model sheet of an xlsx model (default: "ICP Model", else the first)
      --threads N         worker threads (default: one per core; 0 scores in the main thread)
      --progress          show the progress bar even when standard error is not a terminal
      --no-progress       never show it
      --stats             print rows, time, rows per second and peak memory at the end

icp sql  prints one SELECT that scores every row of a table (score, tier, exclusion reason).
  -m, --model FILE        the scoring worksheet
  -d, --dialect NAME      duckdb, postgres, bigquery or snowflake
  -t, --table NAME        the table to score (default: prospects; schema.table allowed)
      --from SQL          a table expression used as is instead of --table
      --columns A,B,…     the table's columns: Fields match them as in the sheet, and blank rows score blank
      --header-from FILE  take the columns from the header row of a CSV file
      --map FIELD=COLUMN  read the model's FIELD from the column COLUMN (repeatable)
      --today DATE        a fixed "as of" day when the model has none (default: CURRENT_DATE)
      --dimensions A,B    a sub-score over these Dimension labels
  -o, --output FILE       where to write the SQL (default: standard output)

icp check  validates a model file and prints every problem.
  -m, --model FILE        the scoring worksheet (or give it as the argument)
      --header-from FILE  also check every Field against this CSV file's header row
      --columns A,B,…     or against these column names

${INIT_USAGE}

${LEARN_USAGE}

${PROOF_USAGE}

Exit codes: 0 done; 1 done, but some rows (score) or model rows (check) have problems,
reported on standard error (score) or standard output (check); 2 nothing done: a bad
argument, an unreadable file or a model error, said on standard error (one problem a line).`;

const list = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);

const common = {
  model: z.string().check(z.minLength(1)),
  'model-sheet': z.optional(z.string()),
  today: todayOption,
  dimensions: z.optional(z.pipe(z.string(), z.transform(list))),
};

const scoreSchema = z.object({
  ...common,
  input: z.string().check(z.minLength(1)),
  output: z.optional(z.string()),
  'no-why': z.optional(z.boolean()),
  map: z.optional(z.array(z.string())),
  bom: z.optional(z.boolean()),
  'no-bom': z.optional(z.boolean()),
  delimiter: z.optional(z.string().check(z.length(1, 'one character'))),
  encoding: encodingOption,
  sheet: z.optional(z.string()),
  threads: z.optional(z.pipe(z.string().check(z.regex(/^\d+$/, 'a whole number')), z.transform(Number))),
  progress: z.optional(z.boolean()),
  'no-progress': z.optional(z.boolean()),
  stats: z.optional(z.boolean()),
});

const sqlSchema = z.object({
  ...common,
  dialect: z.enum(DIALECT_NAMES),
  table: z.optional(z.string().check(z.minLength(1))),
  from: z.optional(z.string().check(z.minLength(1))),
  columns: z.optional(z.pipe(z.string(), z.transform(list))),
  'header-from': z.optional(z.string()),
  map: z.optional(z.array(z.string())),
  output: z.optional(z.string()),
});

const checkSchema = z.object({
  model: common.model,
  'model-sheet': common['model-sheet'],
  columns: z.optional(z.pipe(z.string(), z.transform(list))),
  'header-from': z.optional(z.string()),
});

export type ScoreArgs = z.infer<typeof scoreSchema>;
export type SqlArgs = z.infer<typeof sqlSchema>;
export type CheckArgs = z.infer<typeof checkSchema>;

export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'score'; args: ScoreArgs }
  | { name: 'sql'; args: SqlArgs }
  | { name: 'check'; args: CheckArgs }
  | { name: 'init'; args: InitArgs }
  | { name: 'learn'; args: LearnArgs }
  | { name: 'proof'; args: ProofArgs };

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };
const OPTIONS: Record<'score' | 'sql' | 'check', Record<string, OptionSpec>> = {
  score: {
    model: { type: 'string', short: 'm' },
    output: { type: 'string', short: 'o' },
    'no-why': { type: 'boolean' },
    map: { type: 'string', multiple: true },
    bom: { type: 'boolean' },
    'no-bom': { type: 'boolean' },
    ...textOptions('dimensions', 'today', 'delimiter', 'encoding', 'sheet', 'model-sheet', 'threads'),
    progress: { type: 'boolean' },
    'no-progress': { type: 'boolean' },
    stats: { type: 'boolean' },
  },
  sql: {
    model: { type: 'string', short: 'm' },
    dialect: { type: 'string', short: 'd' },
    table: { type: 'string', short: 't' },
    ...textOptions('from', 'columns', 'header-from'),
    map: { type: 'string', multiple: true },
    ...textOptions('today', 'dimensions', 'model-sheet'),
    output: { type: 'string', short: 'o' },
  },
  check: {
    model: { type: 'string', short: 'm' },
    ...textOptions('model-sheet', 'header-from', 'columns'),
  },
};

const HINTS: Record<string, string> = {
  model: 'give the model file with --model model.csv',
  input: 'give the prospects file to score, e.g. icp score --model model.csv prospects.csv (use - for standard input)',
  dialect: `give --dialect ${DIALECT_NAMES.join('|')}`,
};

/** What to type instead of an empty value (`--table ""`). */
const EMPTY_HINTS: Record<string, string> = {
  model: 'give the model file, e.g. --model model.csv',
  input: 'give the prospects file to score, e.g. prospects.csv (use - for standard input)',
  dialect: `give one of ${DIALECT_NAMES.join(', ')}`,
  table: 'give the table to score, e.g. --table crm.accounts, or leave --table out to score the table "prospects"',
  from: 'give a table expression, e.g. --from "read_csv(\'p.csv\')", or leave --from out to use --table',
  today: 'give a date such as 2026-09-30, or leave --today out to count from today',
  delimiter: 'give one character, e.g. --delimiter ";", or leave it out to find the delimiter from the header row',
  encoding: 'give an encoding, e.g. --encoding windows-1252, or leave it out to find it from the file',
  threads: 'give a whole number, e.g. --threads 2, or leave it out for one per core',
};

/** The command line (without `node icp`) as a command; throws CliError with a sentence when it is wrong. */
export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return { name: 'help' };
  if (name === '--version' || name === '-v') return { name: 'version' };
  if (name === 'init') return rest.includes('--help') || rest.includes('-h') ? { name: 'help' } : { name, args: parseInitArgs(rest) };
  if (name === 'learn') return rest.includes('--help') || rest.includes('-h') ? { name: 'help' } : { name, args: parseLearnArgs(rest) };
  if (name === 'proof') return rest.includes('--help') || rest.includes('-h') ? { name: 'help' } : { name, args: parseProofArgs(rest) };
  if (name !== 'score' && name !== 'sql' && name !== 'check') {
    throw new CliError(`unknown command "${name}"; the commands are score, sql, check, init, learn and proof (icp --help explains them)`);
  }
  if (rest.includes('--help') || rest.includes('-h')) return { name: 'help' };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...rest], options: OPTIONS[name], allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message.replace(/\. To specify.*$/s, '')} (icp ${name} --help lists the options)`);
  }
  const { values, positionals } = parsed;
  if (name === 'score') {
    if (positionals.length > 1) throw new CliError(`icp score takes one prospects file, not ${positionals.length}: ${positionals.join(', ')}`);
    return { name, args: check(scoreSchema, { ...values, input: positionals[0] }) };
  }
  if (name === 'check') {
    const model = values.model ?? positionals[0];
    return { name, args: check(checkSchema, { ...values, model }) };
  }
  if (positionals.length) throw new CliError(`icp sql takes no file argument ("${positionals[0]}"); give the model with --model`);
  return { name, args: check(sqlSchema, values) };
}

function check<T>(schema: z.ZodMiniType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const option = String(issue.path[0] ?? '');
  const value = (input as Record<string, unknown>)[option];
  if (value === undefined) throw new CliError(HINTS[option] ?? `--${option} is required`);
  const wanted = option === 'dialect' ? `one of ${DIALECT_NAMES.join(', ')}` : issue.message;
  throw optionProblem(option, value, wanted, EMPTY_HINTS[option]);
}
