/**
 * The one runner of the spreadsheet functions, for every host: it finds the declared function,
 * checks that every required argument was given (one sentence for all hosts, with the function
 * named as the host spells it), undoes Excel desktop's blank-as-0 by what each argument reads
 * (core/zeros.ts) without parsing the model a second time.
 */
import { ShapeError } from './errors.ts';
import { FUNCTIONS, type FunctionDecl, type HostOptions, findFunction } from './functions.ts';
import type { Cell } from './values.ts';
import { zerosAsBlankByKind } from './zeros.ts';

export interface RunOptions extends HostOptions {
  /** Excel desktop passes a blank cell as 0: read zeros back as blanks, by argument kind (docs/excel.md). */
  zerosAreBlank?: boolean;
  /** The function's name as the host spells it: `ICP_SCORE` (default) or `ICP.SCORE`. */
  spell?: (fn: FunctionDecl) => string;
}

const sheetsSpelling = (fn: FunctionDecl) => fn.sheetsName;

/** A call of a function the table does not declare (a stale registration, a typo in a stub). */
export class UnknownFunctionError extends Error {
  override readonly name = 'UnknownFunctionError';
}

/** The declared function by id (SCORE) or Sheets name (ICP_SCORE); an UnknownFunctionError naming them all otherwise. */
export function requireFunction(id: string, spell: (fn: FunctionDecl) => string = sheetsSpelling): FunctionDecl {
  const fn = findFunction(id);
  if (!fn) throw new UnknownFunctionError(`${id} is not one of the ICP functions (${FUNCTIONS.map(spell).join(', ')}).`);
  return fn;
}

/**
 * Runs one function over whole ranges as a host passed them. Problems with the model or the
 * arguments throw the core's errors (ModelError, ShapeError): the host shows their sentence in the cell.
 */
export function callFunction(fn: FunctionDecl, args: readonly unknown[], options: RunOptions): Cell[][] {
  const spell = options.spell ?? sheetsSpelling;
  const missing = fn.parameters.find((parameter, i) => !parameter.optional && args[i] === undefined);
  if (missing) throw new ShapeError(missing.name, `${spell(fn)} needs its ${missing.name} argument: ${missing.description}`);
  const { zerosAreBlank, spell: _spell, ...host } = options;
  // The zero policy scans the model's Rule and Field columns without reading the model: the
  // function reads it, once.
  const prepared = zerosAreBlank ? zerosAsBlankByKind(fn.parameters.map((p) => p.reads), args) : [...args];
  return fn.run(prepared, host);
}
