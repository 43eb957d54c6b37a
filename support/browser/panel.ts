/** The standalone panel page built fresh (the same build as scripts/build-panel.mjs) and served on localhost. */
import { buildPanelHtml } from '../../scripts/panel-html.mjs';
import { type Served, serveHtml } from './serve.ts';

export async function serveStandalonePanel(): Promise<Served> {
  const html = await buildPanelHtml({ entry: 'ui/standalone.ts', title: 'ICP scoring panel (test)' });
  return serveHtml(html);
}
