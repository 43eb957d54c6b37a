// Builds every bundle with esbuild: the core here, then each `scripts/build-*.mjs` step
// (one per host or tool) in name order. A step exports `default async function build()`.
import { build } from 'esbuild';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const started = Date.now();
await mkdir('dist/core', { recursive: true });

/** Options every bundle shares: the core and its dependencies resolved for any platform. */
export const shared = { bundle: true, minify: true, legalComments: 'none', target: 'es2020', mainFields: ['module', 'main'] };

await build({ ...shared, entryPoints: ['core/index.ts'], format: 'esm', platform: 'neutral', outfile: 'dist/core/icp-core.mjs' });
await build({ ...shared, entryPoints: ['core/index.ts'], format: 'iife', globalName: 'IcpCore', platform: 'neutral', outfile: 'dist/core/icp-core.iife.js' });
for (const file of ['dist/core/icp-core.mjs', 'dist/core/icp-core.iife.js']) {
  console.log(`${file}  ${((await stat(file)).size / 1024).toFixed(1)} KB`);
}

const steps = (await readdir('scripts')).filter((f) => /^build-.+\.mjs$/.test(f)).sort();
for (const step of steps) {
  const module = await import(pathToFileURL(path.join(root, 'scripts', step)).href);
  await module.default();
}
console.log(`built in ${Date.now() - started} ms`);
