// `npm start`: build everything, then serve the local preview on http://localhost: the sample
// workbook in a grid whose ICP formulas HyperFormula evaluates, next to the add-ins' panel.
// No Google or Microsoft account needed.
//
//   node scripts/start.mjs [--no-build]     PORT=8080 by default; the next free port if taken
//
// Serves dist/preview/ at / and the standalone panel (dist/panel/) at /panel/, on 127.0.0.1 only.
// Opens a browser when there is a display and this is not CI. Ctrl+C, SIGTERM or SIGHUP stops it
// and the build it may be running (exit 0), and so does the end of the npm that started it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SITES = [
  { prefix: '/panel/', dir: path.join(root, 'dist', 'panel') },
  { prefix: '/', dir: path.join(root, 'dist', 'preview') },
];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};
const PORT_TRIES = 20;

let stopping = false;
/** The build while it runs: a signal stops it too. */
let building = null;
/** The server, once the build is done. */
let server = null;

/** Stops the build or the server, whichever runs, and exits with code 0. */
function stop() {
  if (stopping) return;
  stopping = true;
  if (building) {
    building.once('exit', () => process.exit(0));
    building.kill('SIGTERM');
    return;
  }
  if (!server) process.exit(0);
  server.close(() => process.exit(0));
  // Browsers keep idle connections open; close them so the port is freed at once.
  server.closeAllConnections();
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);

/** The parent of a process: live for this one, from /proc for another (Linux); null when it is gone or cannot be told. */
function parentOf(pid) {
  if (pid === process.pid) return process.ppid;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * `npm start` runs this under `sh -c`, and npm passes SIGINT and SIGTERM to that shell only, and
 * dies of SIGHUP at once: the shell dies (or npm does) and this server went on serving, orphaned.
 * So it watches the processes that started it (its parent, and under npm the shell's parent, where
 * /proc tells it) and stops when one of them ends. A Ctrl+C in the terminal reaches it directly.
 */
function stopWithLaunchers() {
  const links = [[process.pid, process.ppid]];
  const grandparent = process.env.npm_lifecycle_event ? parentOf(process.ppid) : null;
  if (grandparent) links.push([process.ppid, grandparent]);
  setInterval(() => {
    if (links.some(([child, parent]) => parentOf(child) !== parent)) stop();
  }, 250).unref();
}
stopWithLaunchers();

if (!process.argv.includes('--no-build')) {
  const status = await new Promise((resolve) => {
    building = spawn(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
    building.once('exit', (code) => resolve(code ?? 1));
  });
  building = null;
  if (stopping) process.exit(0);
  if (status !== 0) process.exit(status);
}
const home = SITES.at(-1).dir;
if (!existsSync(path.join(home, 'index.html'))) {
  console.error(`Nothing to serve: ${path.relative(root, home)}/index.html was not built (run npm run build).`);
  process.exit(1);
}

/** The file a request asks for, inside one of the served folders, or null. */
function fileFor(pathname) {
  if (pathname === '/panel') return { redirect: '/panel/' };
  // Browsers ask for /favicon.ico on every page (the standalone panel's too): the preview's icon.
  if (pathname === '/favicon.ico') return { redirect: '/favicon.svg' };
  for (const { prefix, dir } of SITES) {
    if (!pathname.startsWith(prefix)) continue;
    const relative = path.normalize(pathname.slice(prefix.length)).replace(/^([/\\])+/, '');
    let file = path.join(dir, relative);
    if (file !== dir && !file.startsWith(dir + path.sep)) return null;
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    return existsSync(file) ? { file } : null;
  }
  return null;
}

server = http.createServer((request, response) => {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    response.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
    return;
  }
  const found = request.method === 'GET' || request.method === 'HEAD' ? fileFor(pathname) : null;
  if (found?.redirect) {
    response.writeHead(301, { location: found.redirect }).end();
  } else if (!found) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  } else {
    response.writeHead(200, {
      'content-type': TYPES[path.extname(found.file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      // The page runs only what it was served: no outside scripts, styles or requests.
      'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src 'self' data:",
    });
    response.end(request.method === 'HEAD' ? undefined : readFileSync(found.file));
  }
});

function listen(port, triesLeft) {
  const retry = (error) => {
    if (error.code === 'EADDRINUSE' && triesLeft > 0) listen(port + 1, triesLeft - 1);
    else {
      console.error(`Could not start the preview server on port ${port}: ${error.message}`);
      process.exit(1);
    }
  };
  server.once('error', retry);
  server.once('listening', () => server.off('error', retry));
  server.listen(port, '127.0.0.1');
}

// Once, whichever port it ended on ('listening' from a failed attempt never fires).
server.once('listening', () => {
  const url = `http://localhost:${server.address().port}/`;
  console.log(`\nICP Scoring preview is running at ${url}  (Ctrl+C to stop)`);
  if (process.env.DISPLAY && !process.env.CI) openBrowser(url);
});

function openBrowser(url) {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}

const requested = Number(process.env.PORT ?? 8080);
listen(Number.isInteger(requested) && requested > 0 ? requested : 8080, PORT_TRIES);
