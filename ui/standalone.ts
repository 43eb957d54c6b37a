/**
 * The standalone panel page (dist/panel/index.html): the panel on an in-memory workbook, for
 * trying it in a browser, tests and screenshots. Configure it before it loads with
 * `window.icpStandalone = { sheets, active, user, latencyMs, failures, modelSheet, step }`, or the URL:
 * `?model=<preset id>` (start with that model sheet), `latency=<ms>`, `user=<email>`, `step=score`,
 * `theme=fluent` (Excel's look) or `theme=google` (Sheets', the default).
 * The workbook is `window.icpHost` (a MemoryHost).
 */
import { presetGrid } from '../core/index.ts';
import { DEMO_HISTORY_SHEET, demoHistory, demoProspects } from '../workbook/demo-workbook.ts';
import { DEFAULT_MODEL_SHEET, type WireCell } from '../workbook/host.ts';
import { MemoryHost, type MemoryHostOptions } from '../workbook/memory-host.ts';
import { PANEL_THEMES, type PanelStep, type PanelTheme, mountPanel } from './panel.ts';

declare global {
  interface Window {
    icpStandalone?: MemoryHostOptions & { modelSheet?: string; step?: PanelStep; theme?: PanelTheme };
    icpHost?: MemoryHost;
  }
}

function fromUrl(): MemoryHostOptions {
  const params = new URLSearchParams(location.search);
  const sheets: Record<string, WireCell[][]> = { Prospects: demoProspects(), [DEMO_HISTORY_SHEET]: demoHistory() };
  const preset = params.get('model');
  if (preset) sheets[DEFAULT_MODEL_SHEET] = presetGrid(preset) as WireCell[][];
  return {
    sheets,
    active: 'Prospects',
    user: params.get('user') ?? 'you@example.com',
    latencyMs: Number(params.get('latency') ?? 150),
  };
}

const config = window.icpStandalone ?? fromUrl();
const host = new MemoryHost(config);
window.icpHost = host;
const root = document.getElementById('app');
const step = window.icpStandalone?.step ?? (new URLSearchParams(location.search).get('step') as PanelStep | null) ?? undefined;
const askedTheme = window.icpStandalone?.theme ?? new URLSearchParams(location.search).get('theme');
const theme = PANEL_THEMES.find((t) => t === askedTheme);
if (root) mountPanel(root, host, { modelSheet: window.icpStandalone?.modelSheet ?? DEFAULT_MODEL_SHEET, ...(step ? { step } : {}), ...(theme ? { theme } : {}) });
