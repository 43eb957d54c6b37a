/** `icp learn`'s arguments: parsed with node's util.parseArgs, checked with zod, explained in LEARN_USAGE. */
import { parseArgs } from 'node:util';
import * as z from 'zod/mini';
import { parseWhatIf } from '../core/what-if.ts';
import { CliError } from './files.ts';
import { CUSTOMER_USAGE } from './proof.ts';
import { encodingOption, optionProblem, todayOption } from './options.ts';

export const LEARN_USAGE = `icp learn  learns from closed-won / closed-lost deals: finds segments in every column, refits the
points and tier minimums, and writes the suggested model (the current one unchanged unless the
suggestion ranks held-out deals better beyond chance). Prints the verdict, AUCs, tiers and new rows.
  icp learn --model model.csv history.csv -o suggested.csv [--report report.md]
  -m, --model FILE        the scoring worksheet
  -o, --output FILE       where to write the suggested model (CSV)
      --report FILE       also write the whole report as Markdown
      --outcome COLUMN    the won/lost column (default: found by its name: Outcome, Won, Stage, …)
      --amount COLUMN     the deal amount (default: Amount, ACV, …; "" for none)
      --created COLUMN    the created date (default: Created, …; "" for none)
      --closed COLUMN     the close date (default: Close Date, …; "" for none): newest deals are held out
      --goal G            what to learn toward: won (default), retained (won accounts that stayed, against lost
                          deals and churned accounts), value (wins weighed by their amount) or expansion (won
                          accounts whose ARR now is above their amount, against the other won accounts)
      --min-tenure DAYS   --goal retained judges a won account only once it closed this many days before the
                          as-of day (--today, else the model's as of, else today; default 180)
      --weigh-by W        wins (default) or amount: the same as --goal value
${CUSTOMER_USAGE}
      --no-discover       only refit the model's own rows
      --anyway            write the tried model even when it is not shown to be better
      --seed N            the seed of the k-fold split (default 1)
      --what-if PLAN      also project moving a share of the accounts worked from one group to another,
                          e.g. "30% from SMB to Mid-Market" (a tier, a column's value, or "Employees 200-2000")
      --sheet NAME        the sheet of an xlsx history (default: the first sheet with an outcome column)
      --today, --model-sheet, --delimiter, --encoding, --progress, --no-progress as for icp score`;

const learnSchema = z.object({
  model: z.string().check(z.minLength(1)),
  'model-sheet': z.optional(z.string()),
  today: todayOption,
  input: z.string().check(z.minLength(1)),
  output: z.string().check(z.minLength(1)),
  report: z.optional(z.string().check(z.minLength(1))),
  outcome: z.optional(z.string().check(z.minLength(1))),
  amount: z.optional(z.string()),
  created: z.optional(z.string()),
  closed: z.optional(z.string()),
  'weigh-by': z.optional(z.enum(['wins', 'amount'])),
  goal: z.optional(z.enum(['won', 'retained', 'value', 'expansion'])),
  'min-tenure': z.optional(z.pipe(z.string().check(z.regex(/^\d+$/, 'a whole number of days')), z.transform(Number))),
  churned: z.optional(z.string()),
  'arr-now': z.optional(z.string()),
  'no-discover': z.optional(z.boolean()),
  anyway: z.optional(z.boolean()),
  'what-if': z.optional(z.string().check(z.minLength(1))),
  seed: z.optional(z.pipe(z.string().check(z.regex(/^\d+$/, 'a whole number')), z.transform(Number))),
  sheet: z.optional(z.string()),
  delimiter: z.optional(z.string().check(z.length(1, 'one character'))),
  encoding: encodingOption,
  progress: z.optional(z.boolean()),
  'no-progress': z.optional(z.boolean()),
});

export type LearnArgs = z.infer<typeof learnSchema>;

const OPTIONS = {
  model: { type: 'string', short: 'm' },
  output: { type: 'string', short: 'o' },
  report: { type: 'string' },
  outcome: { type: 'string' },
  amount: { type: 'string' },
  created: { type: 'string' },
  closed: { type: 'string' },
  'weigh-by': { type: 'string' },
  goal: { type: 'string' },
  'min-tenure': { type: 'string' },
  churned: { type: 'string' },
  'arr-now': { type: 'string' },
  'no-discover': { type: 'boolean' },
  anyway: { type: 'boolean' },
  seed: { type: 'string' },
  'what-if': { type: 'string' },
  today: { type: 'string' },
  sheet: { type: 'string' },
  'model-sheet': { type: 'string' },
  delimiter: { type: 'string' },
  encoding: { type: 'string' },
  progress: { type: 'boolean' },
  'no-progress': { type: 'boolean' },
} as const;

const HINTS: Record<string, string> = {
  model: 'give the model file with --model model.csv',
  output: 'give the file to write the suggested model to, e.g. icp learn --model model.csv history.csv -o suggested.csv',
};

/** What to type instead of an empty value (`--outcome ""`). */
const EMPTY_HINTS: Record<string, string> = {
  model: 'give the model file, e.g. --model model.csv',
  output: 'give the file to write the suggested model to, e.g. -o suggested.csv',
  report: 'give the file to write the report to, e.g. --report report.md, or leave --report out',
  outcome: 'name the won/lost column, e.g. --outcome Stage, or leave --outcome out to find it by its name',
  today: 'give a date such as 2026-09-30, or leave --today out to count from today',
  delimiter: 'give one character, e.g. --delimiter ";", or leave it out to find the delimiter from the header row',
  encoding: 'give an encoding, e.g. --encoding windows-1252, or leave it out to find it from the file',
  'what-if': 'give a plan, e.g. --what-if "30% from SMB to Mid-Market", or leave --what-if out',
};

/** The arguments after `icp learn`; throws CliError with a sentence when they are wrong. */
export function parseLearnArgs(argv: readonly string[]): LearnArgs {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message.replace(/\. To specify.*$/s, '')} (icp learn --help lists the options)`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new CliError(`icp learn takes one history file${positionals.length ? `, not ${positionals.length}: ${positionals.join(', ')}` : ', e.g. icp learn --model model.csv history.csv -o suggested.csv'}`);
  }
  const input = { ...values, input: positionals[0] };
  const result = learnSchema.safeParse(input);
  if (result.success) {
    const plan = result.data['what-if'] === undefined ? null : parseWhatIf(result.data['what-if']);
    if (plan && !plan.ok) throw new CliError(`--what-if: ${plan.problem}`);
    const { goal } = result.data;
    if (result.data['weigh-by'] === 'amount' && goal !== undefined && goal !== 'value') {
      throw new CliError(`--weigh-by amount is --goal value, so it cannot go with --goal ${goal}; leave one of them out`);
    }
    if (result.data['min-tenure'] !== undefined && goal !== 'retained') throw new CliError('--min-tenure is for --goal retained; add --goal retained or leave --min-tenure out');
    return result.data;
  }
  const issue = result.error.issues[0]!;
  const option = String(issue.path[0] ?? '');
  const value = (input as Record<string, unknown>)[option];
  if (value === undefined) throw new CliError(HINTS[option] ?? `--${option} is required`);
  const expected = option === 'weigh-by' ? 'wins or amount' : option === 'goal' ? 'won, retained, value or expansion' : issue.message;
  throw optionProblem(option, value, expected, EMPTY_HINTS[option]);
}
