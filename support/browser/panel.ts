/** The standalone panel page as users get it (ui/standalone.ts, built as scripts/build-panel.mjs builds it), served on localhost. */
import { buildPanelHtml } from '../../scripts/panel-html.mjs';
import { type Served, serveHtml } from './serve.ts';

export async function serveStandalonePage(): Promise<Served> {
  const html = await buildPanelHtml({ entry: 'ui/standalone.ts', title: 'ICP scoring panel (test)' });
  return serveHtml(html);
}
