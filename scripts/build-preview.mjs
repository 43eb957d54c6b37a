// Builds the local preview, dist/preview/: the sample workbook in a grid evaluated by
// HyperFormula, next to the shared panel (preview/main.ts). Served by `npm start`.
// HyperFormula is GPL-3.0: its licence notice is kept in preview.js.LEGAL.txt.
import { build as esbuild } from 'esbuild';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BROWSER_BUNDLE } from './bundling.mjs';

export const PREVIEW_DIR = 'dist/preview';

/** The tab's icon: a score gauge in the panel's blue (served as favicon.svg; /favicon.ico redirects to it). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="7" fill="#0b57d0"/>
<path d="M7 21a9 9 0 0 1 18 0" fill="none" stroke="#fff" stroke-opacity=".45" stroke-width="3.5" stroke-linecap="round"/>
<path d="M7 21a9 9 0 0 1 14.6-7" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round"/>
<circle cx="16" cy="21" r="2.4" fill="#fff"/>
</svg>
`;

export const PREVIEW_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ICP Scoring: local preview</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="preview.css"></head>
<body><div class="pv-page">
<header class="pv-header"><h1>ICP Scoring · local preview</h1>
<p>Sample data · every ICP cell is a formula evaluated by HyperFormula (GPL-3.0) · on the right, the add-ins' panel · nothing leaves this page</p></header>
<div class="pv-main"><main id="grid" aria-label="Sample workbook"><p id="status" class="pv-status">Loading the sample workbook…</p></main><aside class="pv-side" aria-label="ICP scoring panel"><div id="app"></div></aside></div>
</div><script src="preview.js"></script></body></html>
`;

/**
 * Bundles preview/main.ts (with the sample CSVs as text) into `outdir`. Each file is written under
 * a temporary name and renamed into place, so a server reading the folder (a test running beside
 * a build) never sees half a file.
 */
export async function buildPreview(outdir = PREVIEW_DIR) {
  await mkdir(outdir, { recursive: true });
  const result = await esbuild({
    entryPoints: { preview: 'preview/main.ts' },
    ...BROWSER_BUNDLE,
    legalComments: 'linked',
    loader: { '.csv': 'text', '.css': 'css' },
    outdir,
    write: false,
    logLevel: 'warning',
  });
  const files = [...result.outputFiles.map((f) => [f.path, f.contents]), [path.resolve(outdir, 'index.html'), PREVIEW_HTML], [path.resolve(outdir, 'favicon.svg'), FAVICON_SVG]];
  for (const [file, contents] of files) {
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, contents);
    await rename(temporary, file);
  }
  return outdir;
}

export default async function build() {
  const outdir = await buildPreview();
  const js = (await stat(path.join(outdir, 'preview.js'))).size;
  console.log(`${outdir}/index.html + preview.js  ${(js / 1024).toFixed(0)} KB (HyperFormula included)`);
}
