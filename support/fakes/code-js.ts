/**
 * Loads dist/sheets/Code.js into a Node vm context exactly as Apps Script loads it: one plain
 * script in a fresh global scope, no module system, with the Apps Script services as globals.
 * Also the google.script.run bridge as the real one behaves: arguments and results go through
 * JSON, and a Date (or function, or class instance) anywhere in them makes the call fail.
 */
import { existsSync, readFileSync } from 'node:fs';
import vm from 'node:vm';

export const CODE_JS = 'dist/sheets/Code.js';

export function readCodeJs(): string {
  if (!existsSync(CODE_JS)) throw new Error(`${CODE_JS} is missing: run \`npm run build\` first.`);
  return readFileSync(CODE_JS, 'utf8');
}

export type AppsScriptContext = vm.Context & Record<string, unknown>;

/** A fresh Apps Script global scope with Code.js loaded into it. */
export function loadCodeJs(globals: Record<string, unknown> = {}, code = readCodeJs()): AppsScriptContext {
  const context = vm.createContext({ ...globals }) as AppsScriptContext;
  vm.runInContext(code, context, { filename: 'Code.js' });
  return context;
}

/**
 * A value copied into the script's own realm, as Sheets hands ranges to a custom function:
 * arrays and Dates made by the script's constructors.
 */
export function intoRealm(context: AppsScriptContext, value: unknown): unknown {
  const realm = vm.runInContext('({ Array, Date })', context) as { Array: ArrayConstructor; Date: DateConstructor };
  const copy = (v: unknown): unknown => {
    if (Array.isArray(v)) return realm.Array.from(v, copy);
    if (Object.prototype.toString.call(v) === '[object Date]') return new realm.Date((v as Date).getTime());
    return v;
  };
  return copy(value);
}

/** Calls a top-level function of the script, as a cell or a trigger would. */
export function callTopLevel(context: AppsScriptContext, name: string, args: unknown[]): unknown {
  const fn = context[name];
  if (typeof fn !== 'function') throw new Error(`Code.js has no top-level function ${name}`);
  return (fn as (...a: unknown[]) => unknown)(...args.map((arg) => intoRealm(context, arg)));
}

/** Throws the way google.script.run fails when a value it cannot carry is passed or returned. */
export function assertBridgeable(value: unknown, where: string, path = ''): void {
  const at = path || '(the value itself)';
  if (value === null || value === undefined) return;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return;
  if (type === 'function' || type === 'symbol' || type === 'bigint') throw new Error(`google.script.run cannot carry a ${type} (${where} ${at})`);
  if (Object.prototype.toString.call(value) === '[object Date]') throw new Error(`google.script.run cannot carry a Date (${where} ${at})`);
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertBridgeable(item, where, `${path}[${i}]`));
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) {
    throw new Error(`google.script.run carries only plain objects, not ${proto.constructor?.name ?? 'an instance'} (${where} ${at})`);
  }
  for (const [key, item] of Object.entries(value as object)) assertBridgeable(item, where, `${path}.${key}`);
}

const throughJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/**
 * google.script.run.<name>(...args) against the vm: arguments and the result cross as JSON,
 * Dates refused both ways; a thrown error reaches the caller as an Error with its message.
 */
export function runServer(context: AppsScriptContext, name: string, args: unknown[]): unknown {
  assertBridgeable(args, `an argument of ${name}`);
  const fn = context[name];
  if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
  let result: unknown;
  try {
    result = (fn as (...a: unknown[]) => unknown)(...(throughJson(args) as unknown[]));
  } catch (error) {
    throw new Error(String((error as { message?: unknown })?.message ?? error));
  }
  assertBridgeable(result, `the result of ${name}`);
  return throughJson(result);
}
