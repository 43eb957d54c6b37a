/**
 * A request is written once as a flow: a generator that yields each call to the host's port and
 * gets its answer back. Google Sheets answers at once (a server function cannot await), the other
 * hosts with promises; `runSync` and `runAsync` drive the same flow either way.
 */

export type Maybe<T> = T | Promise<T>;

type PortCall = () => unknown;
export type Flow<T> = Generator<PortCall, T, unknown>;

/** One port call inside a flow: `const cells = yield* call(() => port.read(name))`. */
export function* call<T>(work: () => Maybe<T>): Flow<T> {
  return (yield work) as T;
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Runs a flow whose port calls answer at once (Google Sheets). */
export function runSync<T>(flow: Flow<T>): T {
  let step = flow.next();
  while (!step.done) {
    let answer: unknown;
    try {
      answer = step.value();
      if (isThenable(answer)) throw new Error('A synchronous host answered with a promise.');
    } catch (error) {
      step = flow.throw(error);
      continue;
    }
    step = flow.next(answer);
  }
  return step.value;
}

/** Runs a flow whose port calls may answer with promises. */
export async function runAsync<T>(flow: Flow<T>): Promise<T> {
  let step = flow.next();
  while (!step.done) {
    let answer: unknown;
    try {
      answer = await step.value();
    } catch (error) {
      step = flow.throw(error);
      continue;
    }
    step = flow.next(answer);
  }
  return step.value;
}

/** How a host drives flows: `runSync` or `runAsync`. */
export type Runner = <T>(flow: Flow<T>) => Maybe<T>;
