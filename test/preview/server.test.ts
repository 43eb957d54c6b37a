/**
 * `npm start`'s server (scripts/start.mjs) as a newcomer runs it: it prints the URL, serves the
 * built preview and the standalone panel from localhost only, moves to the next port when its
 * port is taken, and stops cleanly on SIGTERM, freeing the port.
 */
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
