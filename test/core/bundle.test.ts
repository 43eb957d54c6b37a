import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FUNCTION_CALLS } from '../fixtures/function-calls.ts';

const IIFE = 'dist/core/icp-core.iife.js';
const ESM = 'dist/core/icp-core.mjs';

function built(file: string): string {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  return readFileSync(file, 'utf8');
}

describe('the built core bundle', () => {
  it('runs as one plain script in a fresh context, exposing one global', () => {
    const context = vm.createContext({});
    vm.runInContext(built(IIFE), context, { filename: IIFE });
    const globals = vm.runInContext('Object.keys(globalThis)', context) as string[];
    // zod keeps its global config on globalThis; nothing else leaks into the host's namespace.
    expect(globals.sort()).toEqual(['IcpCore', '__zod_globalConfig']);
    const call = FUNCTION_CALLS[0]!;
    context.call = call;
    const out = vm.runInContext(`IcpCore.findFunction(call.name).run(call.args, { serialDates: false })`, context);
    expect(JSON.parse(JSON.stringify(out))).toEqual(call.expected);
  });

  it('reads Dates made in the host realm, not only its own', () => {
    const context = vm.createContext({});
    vm.runInContext(built(IIFE), context);
    const model = [['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'], ['criterion', 'Recent', 'Touch', 'within days', 30, 10], ['setting', 'as of', '', '', '2026-09-30', '']];
    context.args = [[[new Date(2026, 8, 20)]], [['Touch']], model];
    expect(vm.runInContext(`IcpCore.findFunction('ICP_SCORE').run(args, { serialDates: false })`, context)).toEqual([[100]]);
  });

  it('is an ES module with the same surface', async () => {
    built(ESM);
    const core = await import(/* @vite-ignore */ pathToFileURL(ESM).href);
    expect(Object.keys(core)).toEqual(expect.arrayContaining(['readModel', 'bindModel', 'scoreRows', 'FUNCTIONS', 'PRESETS']));
  });

  it('stays small enough to load over the network in a host', () => {
    // 80 KB until issue #11 gave every model issue a code and every function parameter the kind it
    // reads (82.0 KB then), and issue #12 added linear whole-word matching, the model's limits (NUL,
    // term length, Points) and overflow errors.
    expect(built(IIFE).length).toBeLessThan(84 * 1024);
  });
});
