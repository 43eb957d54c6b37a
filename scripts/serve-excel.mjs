// `npm run serve:excel`: build the Excel add-in (dev URLs), then serve dist/excel over https at
// https://localhost:3000, where the dev manifest points. Office.js is served from the
// @microsoft/office-js package at /office-js/. Ctrl+C stops it.
//
// The https certificate comes from office-addin-dev-certs, which makes a localhost certificate
// and, the first time, installs its own CA as trusted (it may ask for your password; on Linux it
// needs root). To use a certificate of your own instead:
//   npm run serve:excel -- --cert localhost.crt --key localhost.key
// Other flags: --no-build, --port <n> (the manifest expects 3000), --http (plain http: only a
// browser preview of the page works that way; Office requires https).
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const DEFAULT_PORT = 3000;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
};

/** The folder of the @microsoft/office-js package that holds office.js and the files it loads. */
export function officeJsDirectory() {
  return path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
}

/** A file under `base` for a URL path, or null when the path leaves it. */
function fileUnder(base, urlPath) {
  const relative = path.normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  const file = path.join(base, relative);
  return file === base || file.startsWith(base + path.sep) ? file : null;
}

/**
 * The request handler: `/office-js/…` from the Office.js package, everything else from `site`
 * (`/` is taskpane.html). Only GET and HEAD; nothing outside the two folders.
 * @param {{ site: string, officeJs?: string }} options
 */
export function createHandler({ site, officeJs = officeJsDirectory() }) {
  const siteRoot = path.resolve(site);
  const officeRoot = path.resolve(officeJs);
  return async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const inOffice = url.pathname.startsWith('/office-js/');
    const file = inOffice ? fileUnder(officeRoot, url.pathname.slice('/office-js/'.length)) : fileUnder(siteRoot, url.pathname === '/' ? 'taskpane.html' : url.pathname);
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      // Office caches add-in files hard; during development every reload should see the new build.
      'cache-control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : await readFile(file));
  };
}

/**
 * The https options: the given certificate and key files, or office-addin-dev-certs' localhost
 * certificate (made and trusted on first use).
 * @param {{ cert?: string, key?: string, devCerts?: () => Promise<{ cert: Buffer, key: Buffer, ca?: Buffer }> }} options
 */
export async function httpsOptions({ cert, key, devCerts } = {}) {
  if (cert || key) {
    if (!cert || !key) throw new Error('Give both --cert and --key (a certificate and its private key), or neither to use office-addin-dev-certs.');
    for (const file of [cert, key]) if (!existsSync(file)) throw new Error(`The file ${file} does not exist.`);
    return { cert: await readFile(cert), key: await readFile(key) };
  }
  const make = devCerts ?? (async () => (await import('office-addin-dev-certs')).getHttpsServerOptions());
  try {
    return await make();
  } catch (error) {
    throw new Error(
      `office-addin-dev-certs could not make or trust a localhost certificate: ${error?.message ?? error}. ` +
        'Run `npx office-addin-dev-certs install` once (it may ask for your password), or pass --cert and --key.',
    );
  }
}

/**
 * Starts the server; resolves with its URL and a close function.
 * @param {{ site?: string, port?: number, host?: string, secure?: false | { cert: Buffer, key: Buffer } }} options
 */
export function serve({ site = path.join(root, 'dist', 'excel'), port = DEFAULT_PORT, host = 'localhost', secure = false } = {}) {
  const handler = createHandler({ site });
  const server = secure ? https.createServer(secure, handler) : http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      if (error.code === 'EADDRINUSE') reject(new Error(`Port ${port} is in use: stop what runs there (the manifest expects ${DEFAULT_PORT}), or pass --port.`));
      else reject(error);
    });
    server.listen(port, host, () => {
      const address = server.address();
      const url = `${secure ? 'https' : 'http'}://${host}:${typeof address === 'object' && address ? address.port : port}/`;
      resolve({ url, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

function flag(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const invokedDirectly = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (invokedDirectly) {
  process.chdir(root);
  try {
    if (!process.argv.includes('--no-build')) {
      const { default: buildExcel } = await import('./build-excel.mjs');
      await buildExcel();
    }
    const plain = process.argv.includes('--http');
    const secure = plain ? false : await httpsOptions({ cert: flag('--cert'), key: flag('--key') });
    const { url, close } = await serve({ port: Number(flag('--port') ?? DEFAULT_PORT), secure });
    console.log(`\nICP Scoring for Excel is served at ${url}  (Ctrl+C to stop)`);
    console.log(`Sideload dist/excel/manifest.xml in Excel (docs/excel.md). The task pane alone: ${url}taskpane.html`);
    const stop = () => close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
