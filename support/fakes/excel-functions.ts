/**
 * Loads dist/excel/functions.js into a Node vm as Excel's shared runtime runs it: one plain script,
 * with a stand-in for the `CustomFunctions` runtime that records each `associate` call and builds
 * `CustomFunctions.Error` values the way the real class does (a code and a message).
 * Also converts the shared fixture table's cells (written as Google Sheets passes them) into what
 * Excel passes: dates as serial numbers, blank cells as null (Excel on the web) or 0 (desktop).
 */
import { existsSync, readFileSync } from 'node:fs';
import vm from 'node:vm';

export const FUNCTIONS_JS = 'dist/excel/functions.js';

export function readFunctionsJs(): string {
  if (!existsSync(FUNCTIONS_JS)) throw new Error(`${FUNCTIONS_JS} is missing: run \`npm run build\` first.`);
  return readFileSync(FUNCTIONS_JS, 'utf8');
}

/** The error values Excel shows: `CustomFunctions.ErrorCode` as the runtime defines it. */
export const ERROR_CODES = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

export class CustomFunctionsError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message ?? '');
    this.name = 'CustomFunctions.Error';
    this.code = code;
  }
}

export interface ExcelRuntime {
  context: vm.Context & Record<string, unknown>;
  /** Every id registered with CustomFunctions.associate, with its function. */
  registered: Map<string, (...args: unknown[]) => unknown>;
}

export function loadFunctionsJs(code = readFunctionsJs()): ExcelRuntime {
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  const CustomFunctions = {
    associate(id: string, fn: (...args: unknown[]) => unknown) {
      if (registered.has(id)) throw new Error(`CustomFunctions.associate: ${id} is registered twice`);
      registered.set(id, fn);
    },
    Error: CustomFunctionsError,
    ErrorCode: ERROR_CODES,
  };
  const context = vm.createContext({ CustomFunctions }) as ExcelRuntime['context'];
  vm.runInContext(code, context, { filename: 'functions.js' });
  return { context, registered };
}

/** Excel's serial number of the calendar day a Date shows (its local date), as Excel stores dates. */
export function serialOf(date: Date): number {
  return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000 + 25_569;
}

export type Platform = 'web' | 'desktop';

/** One argument as Excel passes it on `platform`: cells of ranges converted; a literal text stays. */
export function asExcelPasses(arg: unknown, platform: Platform): unknown {
  const cell = (value: unknown): unknown => {
    if (Object.prototype.toString.call(value) === '[object Date]') return serialOf(value as Date);
    if (value === '' || value === null || value === undefined) return platform === 'web' ? null : 0;
    return value;
  };
  if (!Array.isArray(arg)) return Object.prototype.toString.call(arg) === '[object Date]' ? serialOf(arg as Date) : arg;
  return arg.map((row) => (Array.isArray(row) ? row.map(cell) : cell(row)));
}

/** A value with its arrays made in the script's realm, as the runtime hands ranges over. */
export function intoRealm(runtime: ExcelRuntime, value: unknown): unknown {
  const realmArray = vm.runInContext('Array', runtime.context) as ArrayConstructor;
  const copy = (item: unknown): unknown => (Array.isArray(item) ? realmArray.from(item, copy) : item);
  return copy(value);
}

/** The function functions.js registered under an id. */
export function registered(runtime: ExcelRuntime, id: string): (...args: unknown[]) => unknown {
  const fn = runtime.registered.get(id);
  if (!fn) throw new Error(`functions.js registered no function ${id}`);
  return fn;
}

/** Calls a registered function as a cell would, with arrays made in the script's realm. */
export function callExcel(runtime: ExcelRuntime, id: string, args: unknown[]): unknown {
  return registered(runtime, id)(...args.map((arg) => intoRealm(runtime, arg)));
}
