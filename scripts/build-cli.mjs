// Builds the `icp` command: dist/cli/icp.mjs (the command) and dist/cli/worker.mjs (its
// scoring threads), for Node. exceljs (used by icp init) and iconv-lite (its tables of every
// encoding are large) stay runtime dependencies, loaded from node_modules.
import { build } from 'esbuild';
import { readFile, stat } from 'node:fs/promises';

export default async function buildCli({ quiet = false } = {}) {
  const { version } = JSON.parse(await readFile('package.json', 'utf8'));
  const options = {
    bundle: true,
    minify: true,
    legalComments: 'none',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['exceljs', 'iconv-lite'],
    // papaparse is CommonJS: give the ESM bundle a `require` for node's own modules.
    banner: { js: "import { createRequire as __icpRequire } from 'node:module'; const require = __icpRequire(import.meta.url);" },
    define: { ICP_VERSION: JSON.stringify(version) },
  };
  await build({ ...options, entryPoints: ['cli/entry.ts'], outfile: 'dist/cli/icp.mjs' });
  await build({ ...options, entryPoints: ['cli/worker.ts'], outfile: 'dist/cli/worker.mjs' });
  if (quiet) return;
  for (const file of ['dist/cli/icp.mjs', 'dist/cli/worker.mjs']) {
    console.log(`${file}  ${((await stat(file)).size / 1024).toFixed(1)} KB`);
  }
}
