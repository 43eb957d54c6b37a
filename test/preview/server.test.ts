/**
 * `npm start`'s server (scripts/start.mjs) as a newcomer runs it: it prints the URL, serves the
 * built preview and the standalone panel from localhost only, moves to the next port when its
 * port is taken, and stops cleanly on SIGTERM, freeing the port.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildPreview } from '../../scripts/build-preview.mjs';
import { freePort, portInUse, startPreviewServer } from '../../support/preview-server.ts';

beforeAll(async () => {
  await buildPreview();
}, 60_000);

describe('the preview server', () => {
  it('prints its URL, serves the preview page and its script, and stops on SIGTERM with exit code 0, freeing the port', async () => {
    const port = await freePort();
    const server = await startPreviewServer(port);
    onTestFinished(() => void server.stop());
    expect(server.port).toBe(port);
    expect(server.output()).toContain(`ICP Scoring preview is running at http://localhost:${port}/`);

    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<script src="preview.js"></script>');
    const script = await fetch(new URL('preview.js', server.url));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const licence = await (await fetch(new URL('preview.js.LEGAL.txt', server.url))).text();
    expect(licence).toContain('hyperformula');

    expect(await server.stop()).toEqual({ code: 0, signal: null });
    expect(await portInUse(port)).toBe(false);
  });

  it('serves the tab icon the page links to, and sends /favicon.ico to it', async () => {
    const server = await startPreviewServer(await freePort());
    try {
      const html = await (await fetch(server.url)).text();
      expect(html).toContain('<link rel="icon" href="favicon.svg" type="image/svg+xml">');
      const icon = await fetch(new URL('favicon.svg', server.url));
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toBe('image/svg+xml');
      expect(await icon.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const ico = await fetch(new URL('/favicon.ico', server.url), { redirect: 'manual' });
      expect([ico.status, ico.headers.get('location')]).toEqual([301, '/favicon.svg']);
      expect((await fetch(new URL('/favicon.ico', server.url))).status).toBe(200);
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
  });

  it('answers 404 for what it does not serve, including paths that climb out of its folder', async () => {
    const server = await startPreviewServer(await freePort());
    try {
      expect((await fetch(new URL('nothing-here.js', server.url))).status).toBe(404);
      expect((await fetch(new URL('/..%2f..%2fpackage.json', server.url))).status).toBe(404);
      expect((await fetch(new URL('/%2e%2e/%2e%2e/package.json', server.url))).status).toBe(404);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(404);
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
  });

  it('moves to the next free port when its port is taken', async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const server = await startPreviewServer(port);
      onTestFinished(() => void server.stop());
      expect(server.port).toBeGreaterThan(port);
      expect((await fetch(server.url)).status).toBe(200);
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});

/** Every process below `root` now, from /proc (Linux), with when each started (so a reused pid is not mistaken for it). */
function descendants(root: number): { pid: number; started: string }[] {
  const parents = new Map<number, number[]>();
  const started = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid … starttime (field 22): comm may hold spaces, so read after its ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
      started.set(Number(entry), fields[19]!);
    } catch {
      // It ended while we looked.
    }
  }
  const found: { pid: number; started: string }[] = [];
  const visit = (pid: number) => {
    for (const child of parents.get(pid) ?? []) {
      found.push({ pid: child, started: started.get(child)! });
      visit(child);
    }
  };
  visit(root);
  return found;
}

function stillRunning(process_: { pid: number; started: string }): boolean {
  try {
    const stat = readFileSync(`/proc/${process_.pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] === process_.started;
  } catch {
    return false;
  }
}

describe.runIf(process.platform === 'linux')('npm start, stopped by a signal to npm', () => {
  // npm passes SIGINT and SIGTERM to the shell it runs the script in (sh -c), and dies of SIGHUP
  // at once; neither reached node scripts/start.mjs, which went on serving on its own. Ctrl+C in
  // a terminal signals the whole process group (npm, the shell and node).
  const cases = [
    { signal: 'SIGTERM', to: 'npm' },
    { signal: 'SIGHUP', to: 'npm' },
    { signal: 'SIGINT', to: 'the group' },
  ] as const;
  it.each(cases)('$signal to $to stops the server and every process under npm, freeing the port', async ({ signal, to }) => {
    const port = await freePort();
    const npm = spawn('npm', ['start', '--', '--no-build'], {
      env: { ...process.env, PORT: String(port), CI: 'true', DISPLAY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, as a terminal's foreground job has.
      detached: true,
    });
    let printed = '';
    npm.stdout!.on('data', (chunk) => (printed += String(chunk)));
    npm.stderr!.on('data', (chunk) => (printed += String(chunk)));
    const exited = new Promise((resolve) => npm.once('exit', resolve));
    let under: { pid: number; started: string }[] = [];
    onTestFinished(() => {
      // Whatever the fix does, leave nothing of ours running.
      for (const left of [...under, ...descendants(npm.pid!)]) if (stillRunning(left)) process.kill(left.pid, 'SIGKILL');
      if (npm.exitCode === null && npm.signalCode === null) npm.kill('SIGKILL');
    });
    await expect.poll(() => printed, { timeout: 15_000, interval: 50 }).toContain(`running at http://localhost:${port}/`);
    under = descendants(npm.pid!);
    expect(under.length).toBeGreaterThan(0);
    expect(await portInUse(port)).toBe(true);

    if (to === 'npm') npm.kill(signal);
    else process.kill(-npm.pid!, signal);
    await exited;
    await expect.poll(() => portInUse(port), { timeout: 3000, interval: 100 }).toBe(false);
    await expect.poll(() => under.filter(stillRunning).map((p) => p.pid), { timeout: 3000, interval: 100 }).toEqual([]);
  }, 30_000);
});
