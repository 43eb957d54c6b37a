// `npm start`: build everything, then serve the panel on an in-memory workbook at http://localhost.
// No Google or Microsoft account needed. Ctrl+C stops it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const site = path.join(root, 'dist', 'panel');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.json': 'application/json' };

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!existsSync(path.join(site, 'index.html'))) {
  console.error(`Nothing to serve: ${path.relative(root, site)}/index.html was not built.`);
  process.exit(1);
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const file = path.join(site, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html');
  const target = file.endsWith(path.sep) || file === site ? path.join(file, 'index.html') : file;
  if (!target.startsWith(site) || !existsSync(target)) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream' });
  response.end(readFileSync(target));
});

function listen(port, triesLeft) {
  server.once('error', (error) => {
    if (error.code === 'EADDRINUSE' && triesLeft > 0) listen(port + 1, triesLeft - 1);
    else throw error;
  });
  server.listen(port, '127.0.0.1', () => {
    const url = `http://localhost:${port}/`;
    console.log(`\nICP Scoring is running at ${url}  (Ctrl+C to stop)`);
    if (process.env.DISPLAY && !process.env.CI) spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).on('error', () => {});
  });
}
listen(Number(process.env.PORT ?? 8080), 10);
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
