/**
 * The standalone panel page as the browser tests open it: the same page (ui/standalone-page.ts),
 * with the test's hands between the panel and the workbook, in `window.icpTest`:
 * - `calls`: every Host call the panel made, in order, with its arguments;
 * - `failures`: Host calls that fail with a message. A failing saveModel fails half-way through
 *   writing the model sheet, after the version check, so the workbook layer must put it back
 *   (`failRestore`: and putting it back fails too, with this message); the others reject.
 * Set `window.icpTestFailures` before the page loads for the failures it starts with.
 */
import type { Host } from '../../workbook/host.ts';
import type { RequestName } from '../../workbook/requests.ts';
import { openStandalone } from '../../ui/standalone-page.ts';
import { FaultyPort } from '../workbook/faulty-port.ts';

export interface TestControls {
  calls: { method: RequestName; args: unknown[] }[];
  failures: Partial<Record<RequestName, string>>;
  failRestore: string | null;
}

declare global {
  interface Window {
    icpTestFailures?: Partial<Record<RequestName, string>>;
    icpTest?: TestControls;
  }
}

const controls: TestControls = { calls: [], failures: { ...window.icpTestFailures }, failRestore: null };
window.icpTest = controls;
let port: FaultyPort | null = null;

/** The Host, its calls logged and failing as `controls` says. */
function tested(host: Host): Host {
  const wrapped: Record<string, unknown> = { ...host };
  for (const [name, call] of Object.entries(host)) {
    if (typeof call !== 'function' || name.startsWith('watch')) continue;
    const method = name as RequestName;
    wrapped[name] = async (...args: unknown[]) => {
      controls.calls.push({ method, args: JSON.parse(JSON.stringify(args)) as unknown[] });
      const failure = controls.failures[method];
      if (failure && method === 'saveModel') {
        const sheet = (args[0] as { sheetName: string }).sheetName;
        port!.faults.push({ call: 'write', sheet, when: 'halfway', message: failure });
        if (controls.failRestore) port!.faults.push({ call: 'putBack', sheet, message: controls.failRestore });
      } else if (failure) throw new Error(failure);
      return (call as (...a: unknown[]) => unknown)(...args);
    };
  }
  return wrapped as unknown as Host;
}

openStandalone({ port: (inner) => (port = new FaultyPort(inner)), host: tested });
