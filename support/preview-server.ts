/**
 * The real `npm start` server for the preview's tests: `node scripts/start.mjs --no-build` as a
 * child process on a port of our choosing, with CI set so it never opens a browser.
 *
 *   const server = await startPreviewServer(port);
 *   await page.goto(server.url);
 *   expect(await server.stop()).toEqual({ code: 0, signal: null });
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface PreviewServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM, then its exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether something listens on the port (a listen attempt fails with EADDRINUSE). */
export async function portInUse(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

export async function startPreviewServer(port: number, timeoutMs = 15_000): Promise<PreviewServer> {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
    env: { ...process.env, PORT: String(port), CI: 'true', DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (chunk) => (printed += String(chunk)));
  child.stderr!.on('data', (chunk) => (printed += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const started = Date.now();
  let match: RegExpExecArray | null = null;
  while (!(match = /running at http:\/\/localhost:(\d+)\//.exec(printed))) {
    if (child.exitCode !== null) throw new Error(`the preview server exited (${child.exitCode}): ${printed}`);
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`the preview server printed no URL in ${timeoutMs} ms: ${printed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const actual = Number(match[1]);
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    child,
    output: () => printed,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
