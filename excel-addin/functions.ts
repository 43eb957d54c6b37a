/**
 * The Excel custom functions (the IIFE `IcpExcelFunctions` in functions.js). The build writes, in
 * front of it, one plain function per core FUNCTIONS declaration with its JSDoc (from which
 * custom-functions-metadata makes functions.json) and a `CustomFunctions.associate` call for it;
 * each of those functions calls `runFunction` here.
 */
import { FUNCTIONS, type Cell, type FunctionDecl, isIcpError } from '../core/index.ts';
import { type RunOptions, callFunction, requireFunction } from '../core/run.ts';
import { messageOf } from '../workbook/messages.ts';
import { basicArguments } from './excel-cells.ts';

/**
 * Excel passes dates as serial numbers, and (on the desktop) blank cells as 0: the runner reads
 * those zeros back as blanks by what each argument reads (core/zeros.ts).
 */
const EXCEL: RunOptions = { serialDates: true, zerosAreBlank: true, spell: excelName };

/**
 * Excel does not document how long a custom error message may be; the cell's error menu shows a
 * short flyout. Longer sentences are cut at a word, with an ellipsis.
 */
export const ERROR_MESSAGE_LIMIT = 255;

export function shortMessage(message: string, limit = ERROR_MESSAGE_LIMIT): string {
  const line = message.replace(/\s+/g, ' ').trim();
  if (line.length <= limit) return line;
  const cut = line.slice(0, limit - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:—-]+$/, '')}…`;
}

/** The part of the CustomFunctions runtime the functions use. */
interface CustomFunctionsRuntime {
  Error: new (code: string, message?: string) => Error;
  ErrorCode: { invalidValue: string };
}

function runtime(): CustomFunctionsRuntime {
  const found = (globalThis as { CustomFunctions?: CustomFunctionsRuntime }).CustomFunctions;
  if (!found) throw new Error('The Excel custom functions runtime (CustomFunctions) is not loaded.');
  return found;
}

/** `#VALUE!` with the sentence in the cell's error menu. */
function cellError(message: string): Error {
  const { Error: CellError, ErrorCode } = runtime();
  return new CellError(ErrorCode.invalidValue, shortMessage(message));
}

/** Every blank result as "": Excel shows null as 0. */
function forExcel(grid: Cell[][]): (string | number | boolean)[][] {
  return grid.map((row) =>
    row.map((cell) => {
      if (cell === null || cell === undefined) return '';
      if (typeof cell === 'number') return Number.isFinite(cell) ? cell : '';
      if (typeof cell === 'string' || typeof cell === 'boolean') return cell;
      return String(cell);
    }),
  );
}

function excelName(fn: FunctionDecl): string {
  return `ICP.${fn.id}`;
}


/**
 * Runs one function over whole ranges, as Excel calls it, and returns its grid. Problems reach
 * the cell as #VALUE! with the core's sentence.
 */
export function runFunction(id: string, args: readonly unknown[]): (string | number | boolean)[][] {
  let fn: FunctionDecl;
  try {
    fn = requireFunction(id, excelName);
  } catch (error) {
    throw cellError(messageOf(error));
  }
  try {
    return forExcel(callFunction(fn, basicArguments(args), EXCEL));
  } catch (error) {
    if (isIcpError(error)) throw cellError(error.message);
    throw cellError(`${excelName(fn)} failed: ${messageOf(error)}`);
  }
}

/** What the build needs to write each function, its JSDoc and its registration. */
export const customFunctions = FUNCTIONS.map((fn) => ({
  id: fn.id,
  description: fn.description,
  parameters: fn.parameters.map((p) => ({ name: p.name, description: p.description, optional: Boolean(p.optional) })),
  returns: fn.returns,
}));
