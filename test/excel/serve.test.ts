// scripts/serve-excel.mjs: what it serves, and where its https certificate comes from. The real
// office-addin-dev-certs is never run here (it installs a CA into the system's trust store); a
// throwaway self-signed certificate made with openssl stands in for a certificate of your own.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpsOptions, officeJsDirectory, serve } from '../../scripts/serve-excel.mjs';

let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  server = await serve({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server?.close();
});

describe('the Excel dev server', () => {
  it('serves the built add-in, with taskpane.html at /, and office.js from the npm package at /office-js/', async () => {
    const root = await fetch(server.url);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await root.text()).toContain('<script src="office-js/office.js"></script>');
    const manifest = await fetch(`${server.url}manifest.xml`);
    expect(manifest.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const officeJs = await fetch(`${server.url}office-js/office.js`);
    expect(officeJs.status).toBe(200);
    expect(officeJs.headers.get('cache-control')).toBe('no-store');
    expect(existsSync(path.join(officeJsDirectory(), 'office.js'))).toBe(true);
  });

  it('serves nothing outside its two folders, and only GET and HEAD', async () => {
    expect((await fetch(`${server.url}..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}office-js/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}no-such-file.js`)).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });
});

describe('the https certificate', () => {
  it('comes from office-addin-dev-certs unless a certificate and key are given', async () => {
    const made = { cert: Buffer.from('c'), key: Buffer.from('k') };
    expect(await httpsOptions({ devCerts: async () => made })).toBe(made);
    await expect(httpsOptions({ devCerts: async () => Promise.reject(new Error('needs root')) })).rejects.toThrow(
      'office-addin-dev-certs could not make or trust a localhost certificate: needs root. Run `npx office-addin-dev-certs install` once',
    );
  });

  it('needs both --cert and --key, and files that exist', async () => {
    await expect(httpsOptions({ cert: 'a.crt' })).rejects.toThrow('Give both --cert and --key');
    await expect(httpsOptions({ cert: 'no.crt', key: 'no.key' })).rejects.toThrow('The file no.crt does not exist.');
  });

  const openssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!openssl)('serves over https with a given certificate', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'icp-cert-'));
    try {
      const cert = path.join(dir, 'localhost.crt');
      const key = path.join(dir, 'localhost.key');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
      const secure = await httpsOptions({ cert, key });
      const tls = await serve({ port: 0, host: '127.0.0.1', secure });
      try {
        expect(tls.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
        const status = await new Promise<number>((resolve, reject) => {
          httpsGet(`${tls.url}functions.json`, { ca: secure.cert, servername: 'localhost', checkServerIdentity: () => undefined }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          }).on('error', reject);
        });
        expect(status).toBe(200);
      } finally {
        await tls.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
