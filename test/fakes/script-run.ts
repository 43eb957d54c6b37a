/**
 * A stand-in for the sidebar's `google.script.run`, over a bridge function that runs the server
 * function in the vm-hosted Code.js. It behaves as the real one does where the panel depends on it:
 * - `withSuccessHandler` / `withFailureHandler` / `withUserObject` return a new runner, and
 *   `run.<serverFunction>(...args)` returns at once; a handler is called later;
 * - arguments cross as JSON, and a Date (or a function) among them fails the call at once with
 *   the real bridge's TypeError, as google.script.run does;
 * - a server error reaches the failure handler as an Error with the server's message.
 *
 * `installScriptRun` is self-contained so Playwright can run it in the page (addInitScript);
 * Node tests call it on their own global object.
 */
import { type AppsScriptContext, runServer } from '../../support/fakes/code-js.ts';

/** The bridge: a server function's name and JSON arguments in, its JSON result out (or a throw). */
export type Bridge = (name: string, argsJson: string) => Promise<string>;

export function installScriptRun(bridgeName: string): void {
  type Handler = ((value: unknown, user?: unknown) => void) | null;
  const global = globalThis as unknown as Record<string, unknown>;
  // Looked up at each call: Playwright may define the bridge after this script runs.
  const bridge = (name: string, argsJson: string) => (global[bridgeName] as (n: string, a: string) => Promise<string>)(name, argsJson);

  const illegal = (value: unknown, path: string): string | null => {
    if (typeof value === 'function') return path;
    if (value === null || typeof value !== 'object') return null;
    if (Object.prototype.toString.call(value) === '[object Date]') return path;
    for (const [key, item] of Object.entries(value)) {
      const found = illegal(item, path === '' ? key : `${path}.${key}`);
      if (found !== null) return found;
    }
    return null;
  };

  const runner = (success: Handler, failure: Handler, user: unknown): unknown =>
    new Proxy(
      {},
      {
        get(_target, property) {
          if (property === 'withSuccessHandler') return (handler: Handler) => runner(handler, failure, user);
          if (property === 'withFailureHandler') return (handler: Handler) => runner(success, handler, user);
          if (property === 'withUserObject') return (object: unknown) => runner(success, failure, object);
          if (typeof property !== 'string' || property === 'then') return undefined;
          return (...args: unknown[]) => {
            const bad = illegal(args, '');
            if (bad !== null) throw new TypeError(`Failed due to illegal value in property: ${bad}`);
            bridge(property, JSON.stringify(args)).then(
              (json) => success?.(json === undefined || json === '' ? undefined : JSON.parse(json), user),
              (error: unknown) => failure?.(new Error(String((error as { message?: unknown })?.message ?? error)), user),
            );
          };
        },
      },
    );

  global.google = { script: { run: runner(null, null, undefined) } };
}

/** The Node side of the bridge: calls the server function in Code.js (JSON both ways, Dates refused). */
export function bridgeTo(script: AppsScriptContext): Bridge {
  return async (name, argsJson) => {
    const result = runServer(script, name, JSON.parse(argsJson) as unknown[]);
    return result === undefined ? '' : JSON.stringify(result);
  };
}
