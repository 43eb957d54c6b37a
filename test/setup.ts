// Any console output from a test is a bug (DESIGN.md): fail the test that printed it.
import { afterEach, vi } from 'vitest';

const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const spies = methods.map((method) => vi.spyOn(console, method));

afterEach(() => {
  const printed = spies.flatMap((spy, i) => spy.mock.calls.map((args) => `console.${methods[i]}: ${args.join(' ')}`));
  spies.forEach((spy) => spy.mockClear());
  if (printed.length > 0) throw new Error(`test printed to the console:\n${printed.join('\n')}`);
});
