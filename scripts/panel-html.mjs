// Bundles a panel entry (a host's client script that calls mountPanel) into ONE self-contained
// HTML page, scripts and styles inlined: Apps Script's HtmlService serves a single file.
import { build } from 'esbuild';
import { BROWSER_BUNDLE } from './bundling.mjs';

/**
 * @param {{ entry: string, title: string, define?: Record<string, string> }} options
 * @returns {Promise<string>} the HTML page
 */
export async function buildPanelHtml({ entry, title, define = {} }) {
  const result = await build({
    entryPoints: [entry],
    ...BROWSER_BUNDLE,
    legalComments: 'none',
    write: false,
    outdir: 'out',
    loader: { '.css': 'css' },
    define,
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  // `</script` inside the bundle would end the inline script early; likewise `</style` in the CSS.
  const safeJs = js.replace(/<\/script/gi, '<\\/script');
  const safeCss = css.replace(/<\/style/gi, '<\\/style');
  const safeTitle = title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><base target="_top">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${safeTitle}</title>
<style>${safeCss}</style></head>
<body><main><div id="app"></div></main><script>${safeJs}</script></body></html>
`;
}
