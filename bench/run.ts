// `npm run bench [-- name …]`: runs every bench/*.bench.ts (or those whose name contains one of
// the names: `npm run bench -- core cli`). Each exports `default async function (): Promise<void>`
// and prints its own rows.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const names = process.argv.slice(2);
const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts') && (names.length === 0 || names.some((n) => f.includes(n)))).sort();
console.log(`node ${process.version} · ${process.platform}/${process.arch}`);
for (const file of files) {
  console.log(`\n## ${file.replace('.bench.ts', '')}`);
  const module = await import(pathToFileURL(path.join(here, file)).href);
  await module.default();
}
