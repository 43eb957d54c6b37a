// Builds the standalone panel page, dist/panel/index.html: the one panel on an in-memory
// workbook (ui/standalone.ts), as one self-contained HTML file.
import { mkdir, writeFile } from 'node:fs/promises';
import { buildPanelHtml } from './panel-html.mjs';

export const STANDALONE_OUT = 'dist/panel/index.html';

export default async function build() {
  const html = await buildPanelHtml({ entry: 'ui/standalone.ts', title: 'ICP scoring panel (standalone)' });
  await mkdir('dist/panel', { recursive: true });
  await writeFile(STANDALONE_OUT, html);
  console.log(`${STANDALONE_OUT}  ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB`);
}
