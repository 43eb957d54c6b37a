import { describe, expect, it } from 'vitest';
import { FUNCTIONS, findFunction, isIcpError } from '../../core/index.ts';
import { FUNCTION_CALLS } from '../fixtures/function-calls.ts';

describe('the function fixture table, run on the core', () => {
  for (const call of FUNCTION_CALLS) {
    it(call.title, () => {
      const fn = findFunction(call.name);
      expect(fn, call.name).toBeDefined();
      const run = () => fn!.run(call.args, { serialDates: false, today: new Date(2026, 8, 30) });
      if ('error' in call.expected) {
        let caught: unknown;
        try {
          run();
        } catch (error) {
          caught = error;
        }
        expect(isIcpError(caught)).toBe(true);
        expect((caught as Error).message).toMatch(call.expected.error);
      } else {
        expect(run()).toEqual(call.expected);
      }
    });
  }
});

describe('function declarations', () => {
  it('declare every function once, with help for each parameter', () => {
    const names = FUNCTIONS.map((f) => f.sheetsName);
    expect(new Set(names).size).toBe(names.length);
    for (const fn of FUNCTIONS) {
      expect(fn.sheetsName).toBe(`ICP_${fn.id}`);
      expect(fn.description.length).toBeGreaterThan(20);
      expect(fn.returns.length).toBeGreaterThan(5);
      for (const p of fn.parameters) expect(p.description.length, `${fn.id} ${p.name}`).toBeGreaterThan(10);
      // Optional parameters come last, as both hosts require.
      const firstOptional = fn.parameters.findIndex((p) => p.optional);
      if (firstOptional >= 0) expect(fn.parameters.slice(firstOptional).every((p) => p.optional)).toBe(true);
    }
  });

  it('answer a 100k-row call with a 100k-row column', () => {
    const call = FUNCTION_CALLS[0]!;
    const rows = Array.from({ length: 100_000 }, (_, i) => (call.args[0] as unknown[][])[i % 5]!);
    const out = findFunction('ICP_SCORE')!.run([rows, call.args[1], call.args[2]], { serialDates: false });
    expect(out).toHaveLength(100_000);
    expect(out[99_999]).toEqual([50]);
  });
});
