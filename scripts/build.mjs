// Builds every bundle with esbuild. Each host adds its own step here.
import { build } from 'esbuild';
import { mkdir, stat } from 'node:fs/promises';

const started = Date.now();
await mkdir('dist/core', { recursive: true });

/** The core as an ES module (for the CLI, the preview and tests) and as one global script. */
await build({
  entryPoints: ['core/index.ts'],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2020',
  minify: true,
  outfile: 'dist/core/icp-core.mjs',
  legalComments: 'none',
});
await build({
  entryPoints: ['core/index.ts'],
  bundle: true,
  format: 'iife',
  globalName: 'IcpCore',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2020',
  minify: true,
  outfile: 'dist/core/icp-core.iife.js',
  legalComments: 'none',
});

for (const file of ['dist/core/icp-core.mjs', 'dist/core/icp-core.iife.js']) {
  const { size } = await stat(file);
  console.log(`${file}  ${(size / 1024).toFixed(1)} KB`);
}
console.log(`built in ${Date.now() - started} ms`);
