// Builds the `icp` command: dist/cli/icp.mjs (the command) and dist/cli/worker.mjs (its
// scoring threads), for Node. exceljs (used by icp init) and iconv-lite (its tables of every
// encoding are large) stay runtime dependencies, loaded from node_modules.
import { build } from 'esbuild';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';

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
  // Each file is written beside its place and renamed into it: a test running the command while
  // another test file rebuilds it never reads half a bundle.
  await mkdir('dist/cli', { recursive: true });
  for (const [entry, outfile] of [['cli/entry.ts', 'dist/cli/icp.mjs'], ['cli/worker.ts', 'dist/cli/worker.mjs']]) {
    const { outputFiles } = await build({ ...options, entryPoints: [entry], outfile, write: false });
    for (const file of outputFiles) {
      const temp = `${file.path}.${process.pid}.tmp`;
      await writeFile(temp, file.contents);
      await rename(temp, file.path);
    }
  }
  if (quiet) return;
  for (const file of ['dist/cli/icp.mjs', 'dist/cli/worker.mjs']) {
    console.log(`${file}  ${((await stat(file)).size / 1024).toFixed(1)} KB`);
  }
}
