/** The `icp` command: score, sql, check and init. `run` is the whole program, minus process.exit. */
import {
  type Cell,
  type Model,
  type ModelIssue,
  bindModel,
  isIcpError,
  isModelError,
  readModel,
  safeReadModel,
} from '../core/index.ts';
import { modelToSql } from '../core/sql/index.ts';
import { type CheckArgs, type SqlArgs, USAGE, parseCommand } from './args.ts';
import { CliError, readHeaderRow, readModelGrid } from './files.ts';
import { initCommand } from './init.ts';
import { bindHeaders, parseMappings, renameFields } from './mapping.ts';
import { checkDimensionsOption } from './options.ts';
import { isWriteError, refuseOutputOverInput, stdoutProblem, terminalText, writeFileAtomic } from './output.ts';
import { type Io, scoreCommand } from './score.ts';
import { learnCommand } from './learn.ts';

export type { Io };

declare const ICP_VERSION: string | undefined;

/** Runs one command line; returns the exit code (0 done, 1 done with problems, 2 nothing done). */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const command = parseCommand(argv);
    switch (command.name) {
      case 'help':
        io.stdout.write(`${USAGE}\n`);
        return 0;
      case 'version':
        io.stdout.write(`${typeof ICP_VERSION === 'string' ? ICP_VERSION : 'development'}\n`);
        return 0;
      case 'score': {
        const summary = await scoreCommand(command.args, io);
        if (summary.problems > 0) {
          const n = summary.problems;
          const shown = n > 100 ? ` (the first 100 are listed above)` : '';
          io.stderr.write(terminalText(`icp score: ${n.toLocaleString('en-US')} problem${n === 1 ? '' : 's'} in ${command.args.input}${shown}; those rows are in the output with the problem in icp_why.\n`));
          return 1;
        }
        return 0;
      }
      case 'sql':
        await sqlCommand(command.args, io);
        return 0;
      case 'check':
        return await checkCommand(command.args, io);
      case 'init':
        await initCommand(command.args, io);
        return 0;
      case 'learn':
        return await learnCommand(command.args, io);
    }
  } catch (error) {
    if (isWriteError(error)) {
      io.stderr.write(`icp: ${stdoutProblem(error).message}\n`);
      return 2;
    }
    if (error instanceof CliError || isIcpError(error) || (error as Error)?.name === 'CliError') {
      io.stderr.write(`icp: ${terminalText((error as Error).message)}\n`);
      return (error as CliError).exitCode ?? 2;
    }
    throw error;
  }
}

async function sqlCommand(args: SqlArgs, io: Io): Promise<void> {
  await refuseOutputOverInput(args.output, [
    { file: args.model, what: 'model' },
    { file: args['header-from'], what: 'header' },
  ]);
  const grid = await readModelGrid(args.model, args['model-sheet'], (note) => io.stderr.write(terminalText(`icp sql: ${note}\n`)));
  const mappings = parseMappings(args.map);
  const columns = args['header-from'] ? await readHeaderRow(args['header-from']) : args.columns;
  const source = args['header-from'] ?? 'the --columns list';
  const model = readModel(mappings.length > 0 ? renameFields(grid, readModel(grid), mappings, columns, source) : grid);
  checkDimensionsOption(model, args.dimensions);
  if (columns) bindHeaders(model, columns, [], source, args.dimensions ? { dimensions: args.dimensions } : {}, true);
  const sql = modelToSql(model, {
    dialect: args.dialect,
    ...(args.table ? { table: args.table } : {}),
    ...(args.from ? { from: args.from } : {}),
    ...(columns ? { columns } : {}),
    ...(args.today ? { today: args.today } : {}),
    ...(args.dimensions ? { dimensions: args.dimensions } : {}),
  });
  if (args.output && args.output !== '-') await writeFileAtomic(args.output, sql);
  else io.stdout.write(sql);
}

/** Every problem of the model, then of its Fields against the columns when given. */
async function checkCommand(args: CheckArgs, io: Io): Promise<number> {
  const grid: Cell[][] = await readModelGrid(args.model, args['model-sheet'], (note) => io.stderr.write(terminalText(`icp check: ${note}\n`)));
  const read = safeReadModel(grid);
  if (!read.success) {
    printIssues(args.model, read.error.issues, io);
    return 1;
  }
  const model = read.data;
  const columns = args['header-from'] ? await readHeaderRow(args['header-from']) : args.columns;
  if (columns) {
    try {
      bindModel(model, columns);
    } catch (error) {
      if (!isModelError(error)) throw error;
      printIssues(args.model, error.issues, io);
      return 1;
    }
  }
  io.stdout.write(terminalText(`${args.model}: the model is valid. ${describeModel(model)}${columns ? ` Every Field is a column of ${args['header-from'] ?? 'the given columns'}.` : ''}\n`));
  return 0;
}

function printIssues(file: string, issues: readonly ModelIssue[], io: Io): void {
  for (const issue of issues) io.stdout.write(terminalText(`${file} row ${issue.row}, ${issue.column}: ${issue.message}\n`));
  io.stdout.write(terminalText(`${issues.length} problem${issues.length === 1 ? '' : 's'} in ${file}.\n`));
}

function describeModel(model: Model): string {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const rows = model.criteria.reduce((sum, c) => sum + c.bands.length, 0);
  // `and` rows, counted with the rows they narrow: "(2 rows, 1 condition)".
  const conditions = (entries: readonly { conditions: readonly unknown[] }[]) => entries.reduce((sum, e) => sum + e.conditions.length, 0);
  const and = (n: number) => (n > 0 ? `, ${count(n, 'condition')}` : '');
  const criterionConditions = conditions(model.criteria.flatMap((c) => c.bands));
  const exclusionConditions = conditions(model.exclusions);
  const tiers = model.tiers.map((t) => `${t.name} ≥ ${t.min}`).join(', ');
  const { asOf, missing, override } = model.settings;
  const settings = [
    `missing = ${missing}`,
    asOf === null ? 'as of today' : `as of ${new Date(asOf * 86_400_000).toISOString().slice(0, 10)}`,
    ...(override ? [`override from "${override}"`] : []),
  ];
  return (
    `${count(model.criteria.length, 'criterion').replace('criterions', 'criteria')} (${count(rows, 'row')}${and(criterionConditions)}), ` +
    `${count(model.exclusions.length, 'exclusion')}${exclusionConditions ? ` (${count(exclusionConditions, 'condition')})` : ''}, ` +
    `${count(model.tiers.length, 'tier')}${tiers ? ` (${tiers})` : ''}, ` +
    `${count(model.personas.length, 'persona')}; ${settings.join(', ')}.`
  );
}
