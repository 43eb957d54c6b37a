/**
 * The ICP spreadsheet functions as a HyperFormula function plugin, generated from the one
 * declaration table (core/functions.ts): each declared function becomes a HyperFormula function
 * under its Google Sheets name (ICP_SCORE) and its Excel name as an alias (ICP.SCORE). Ranges
 * reach the core as 2-D arrays; the core's grid comes back as an array that spills; a model or
 * shape error comes back as a #VALUE! cell error carrying the core's sentence.
 *
 * HyperFormula is GPL-3.0 (or commercial): it is used only by the local preview and its tests,
 * never by the add-ins.
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  type ImplementedFunctions,
  SimpleRangeValue,
} from 'hyperformula';
import { BACKTEST_HEADER, type Cell, FUNCTIONS, type FunctionDecl, LIFT_HEADER, PROOF_HEADER, SUMMARY_HEADER, isIcpError } from '../core/index.ts';
import { callFunction } from '../core/run.ts';

type Id = FunctionDecl['id'];

/**
 * HyperFormula does not export its AST and interpreter-state types; the engine hands them to the
 * plugin's methods and the plugin only passes them back, so they stay opaque here.
 */
interface CallAst {
  args: never[];
}
type CallState = never;

/** The sizes of the call's arguments, as HyperFormula predicts them before evaluating. */
type ArgSizes = (index: number) => { width: number; height: number } | undefined;

/**
 * How big each function's result can be, from its arguments' sizes alone: HyperFormula reserves
 * the spill area before it evaluates. A table that depends on the model's content gets room for
 * the most rows the model range can produce; unused rows stay blank. Keyed by every declared id,
 * so a function added to the table without a size here fails to compile.
 */
const RESULT_SIZE: Record<Id, (arg: ArgSizes) => [width: number, height: number]> = {
  // One result per values row.
  SCORE: (arg) => [1, arg(0)?.height ?? 1],
  TIER: (arg) => [1, arg(0)?.height ?? 1],
  EXPLAIN: (arg) => [1, arg(0)?.height ?? 1],
  // One persona per title, in the titles' shape.
  PERSONA: (arg) => [arg(0)?.width ?? 1, arg(0)?.height ?? 1],
  // Header, a row per model tier (at most the model's rows) and per unknown tier label (at most
  // one per tier cell), Excluded, Total.
  SUMMARY: (arg) => [SUMMARY_HEADER.length, 1 + modelRows(arg(1)) + cells(arg(0)) + 2],
  // The same rows as ICP_SUMMARY, then the headline.
  PROOF: (arg) => [PROOF_HEADER.length, 1 + modelRows(arg(1)) + cells(arg(0)) + 3],
  // Header, tiers, (no tier), Excluded, Total, AUC, Note.
  BACKTEST: (arg) => [BACKTEST_HEADER.length, 1 + modelRows(arg(2)) + 5],
  // Header, a row per criterion row and exclusion, Note.
  LIFT: (arg) => [LIFT_HEADER.length, 1 + modelRows(arg(3)) + 1],
};

function modelRows(size: { height: number } | undefined): number {
  return Math.max(0, (size?.height ?? 1) - 1);
}

function cells(size: { width: number; height: number } | undefined): number {
  return size ? size.width * size.height : 1;
}

/** The method names HyperFormula calls for a function. */
const method = (id: Id) => `icp${id}`;
const sizeMethod = (id: Id) => `icp${id}Size`;

/** A cell error as a sheet shows it (the core reads these texts as errors, i.e. blank). */
const ERROR_TEXT: Partial<Record<ErrorType, string>> = {
  [ErrorType.DIV_BY_ZERO]: '#DIV/0!',
  [ErrorType.NA]: '#N/A',
  [ErrorType.NAME]: '#NAME?',
  [ErrorType.NUM]: '#NUM!',
  [ErrorType.REF]: '#REF!',
  [ErrorType.VALUE]: '#VALUE!',
  [ErrorType.SPILL]: '#SPILL!',
};

/** A HyperFormula value as the core reads cells: blanks as null, dates as Date, errors as their text. */
export function toCoreCell(value: unknown): Cell {
  if (value === EmptyValue || value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof CellError) return ERROR_TEXT[value.type] ?? '#ERROR!';
  if (typeof value === 'object' && 'val' in value && typeof value.val === 'number') {
    // A rich number (date, currency, percent) as the user typed it.
    const rich = value as { val: number; getDetailedType?: () => string };
    const type = rich.getDetailedType?.() ?? '';
    return type === 'NUMBER_DATE' || type === 'NUMBER_DATETIME' ? serialToDate(rich.val) : rich.val;
  }
  return String(value);
}

/** HyperFormula's date serial (days since 1899-12-30, as in Excel) as a UTC date. */
export function serialToDate(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000));
}

/** An argument as the core's `run` takes it: a range as rows of cells, a scalar as itself. */
function toCoreArgument(value: unknown): unknown {
  if (value instanceof SimpleRangeValue) return value.data.map((row) => row.map(toCoreCell));
  return value === undefined ? undefined : toCoreCell(value);
}

/** A core result cell as a HyperFormula value: dates as ISO text; a blank result ('') is an empty cell. */
function toEngineCell(cell: Cell): number | string | boolean | typeof EmptyValue {
  if (cell === null || cell === undefined || cell === '') return EmptyValue;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? EmptyValue : cell.toISOString().slice(0, 10);
  return cell;
}

export class IcpFunctionPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = Object.fromEntries(
    FUNCTIONS.map((decl) => [
      decl.sheetsName,
      {
        method: method(decl.id),
        sizeOfResultArrayMethod: sizeMethod(decl.id),
        vectorizationForbidden: true,
        parameters: decl.parameters.map((p) => ({ argumentType: FunctionArgumentType.ANY, ...(p.optional ? { optionalArg: true } : {}) })),
      },
    ]),
  );

  static override aliases: Record<string, string> = Object.fromEntries(FUNCTIONS.map((decl) => [`ICP.${decl.id}`, decl.sheetsName]));

  /** Runs one declared function on the engine's arguments. */
  protected runDeclared(decl: FunctionDecl, ast: CallAst, state: CallState) {
    return this.runFunction(ast.args, state, this.metadata(decl.sheetsName), (...args: unknown[]) => {
      let table: Cell[][];
      try {
        table = callFunction(decl, args.map(toCoreArgument), { serialDates: false });
      } catch (error) {
        if (isIcpError(error)) return new CellError(ErrorType.VALUE, error.message);
        throw error;
      }
      const [width, height] = this.predictedSize(decl, ast, state);
      const tableWidth = Math.max(1, ...table.map((row) => row.length));
      if (table.length > height || tableWidth > width) {
        return new CellError(
          ErrorType.VALUE,
          `${decl.sheetsName} has a ${table.length}×${tableWidth} result but room was made for ${height}×${width}; give it a taller range.`,
        );
      }
      if (table.length === 0) return EmptyValue;
      return SimpleRangeValue.onlyValues(table.map((row) => Array.from({ length: tableWidth }, (_, c) => toEngineCell(row[c]))));
    });
  }

  protected predictedSize(decl: FunctionDecl, ast: CallAst, state: CallState): [number, number] {
    const sizes = ast.args.map((arg) => this.arraySizeForAst(arg, state));
    return RESULT_SIZE[decl.id]((index) => {
      const size = sizes[index];
      return size && Number.isFinite(size.height) && Number.isFinite(size.width) ? size : undefined;
    });
  }

  protected sizeDeclared(decl: FunctionDecl, ast: CallAst, state: CallState): ArraySize {
    if (ast.args.length < decl.parameters.filter((p) => !p.optional).length) return ArraySize.error();
    const [width, height] = this.predictedSize(decl, ast, state);
    return new ArraySize(width, height);
  }
}

// One method pair per declared function, named as implementedFunctions says.
for (const decl of FUNCTIONS) {
  Object.defineProperty(IcpFunctionPlugin.prototype, method(decl.id), {
    value(this: IcpFunctionPlugin, ast: CallAst, state: CallState) {
      return this.runDeclared(decl, ast, state);
    },
  });
  Object.defineProperty(IcpFunctionPlugin.prototype, sizeMethod(decl.id), {
    value(this: IcpFunctionPlugin, ast: CallAst, state: CallState) {
      return this.sizeDeclared(decl, ast, state);
    },
  });
}

/** The function names in every language HyperFormula ships with: the same in each. */
function translations(): Record<string, Record<string, string>> {
  const names = Object.fromEntries(FUNCTIONS.flatMap((decl) => [[decl.sheetsName, decl.sheetsName], [`ICP.${decl.id}`, `ICP.${decl.id}`]]));
  const languages = new Set(['enGB', 'enUS', ...HyperFormula.getRegisteredLanguagesCodes()]);
  return Object.fromEntries([...languages].map((code) => [code, names]));
}

/** Registers the ICP functions with HyperFormula once; engines built afterwards know them. */
export function registerIcpFunctions(): void {
  if (HyperFormula.getRegisteredFunctionNames('enGB').includes(FUNCTIONS[0]!.sheetsName)) return;
  HyperFormula.registerFunctionPlugin(IcpFunctionPlugin, translations());
}
