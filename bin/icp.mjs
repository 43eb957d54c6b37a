#!/usr/bin/env node
// The `icp` command (package.json "bin"): runs the bundle `npm run build` makes in dist/cli.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/icp.mjs', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  process.stderr.write('icp: the command is not built yet; run "npm run build" in the project folder first.\n');
  process.exitCode = 2;
}
