/**
 * Serves one built HTML file (and nothing else) on 127.0.0.1 at a free port, for tests:
 *
 *   const server = await serveHtml(html);   // or serveFile('dist/panel/index.html')
 *   await page.goto(server.url);
 *   await server.close();
 */
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  /** http://127.0.0.1:<port>/ */
  url: string;
  close(): Promise<void>;
}

export async function serveHtml(html: string): Promise<Served> {
  const server = createHttpServer((request, response) => {
    if (request.url === '/' || request.url?.startsWith('/?') || request.url === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(html);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

export async function serveFile(path: string): Promise<Served> {
  return serveHtml(await readFile(path, 'utf8'));
}
