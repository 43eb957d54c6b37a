/**
 * The standalone panel page, made once for the page (ui/standalone.ts) and its tests
 * (test/fakes/standalone-page.ts): the panel on an in-memory workbook. Configured before it loads
 * with `window.icpStandalone = { sheets, active, user, latencyMs, modelSheet, step, events, pollMs }`
 * (`events: false` hides the workbook's change events from the panel, as in Google Sheets, so it
 * polls every `pollMs`), or by the URL: `?model=<preset id>` (start with that model sheet),
 * `latency=<ms>`, `user=<email>`, `step=score`, `theme=fluent` (Excel's look) or `theme=google`
 * (Sheets', the default). The workbook is `window.icpHost` (a MemoryHost).
 */
import { presetGrid } from '../core/index.ts';
import { DEMO_HISTORY_SHEET, demoHistory, demoProspects } from '../workbook/demo-workbook.ts';
import { DEFAULT_MODEL_SHEET, type Host, type WireCell } from '../workbook/host.ts';
import { MemoryHost, type MemoryHostOptions } from '../workbook/memory-host.ts';
import type { Port } from '../workbook/port.ts';
import { PANEL_THEMES, type PanelStep, type PanelTheme, mountPanel } from './panel.ts';

export type StandaloneOptions = MemoryHostOptions & { modelSheet?: string; step?: PanelStep; theme?: PanelTheme; events?: boolean; pollMs?: number };

declare global {
  interface Window {
    icpStandalone?: StandaloneOptions;
    icpHost?: MemoryHost;
  }
}

function fromUrl(params: URLSearchParams): StandaloneOptions {
  const sheets: Record<string, WireCell[][]> = { Prospects: demoProspects(), [DEMO_HISTORY_SHEET]: demoHistory() };
  const preset = params.get('model');
  if (preset) sheets[DEFAULT_MODEL_SHEET] = presetGrid(preset) as WireCell[][];
  return { sheets, active: 'Prospects', user: params.get('user') ?? 'you@example.com', latencyMs: Number(params.get('latency') ?? 150) };
}

/** What a test puts between the panel and the workbook: around the port, around the Host. */
export interface StandaloneWrappers {
  port?: (port: Port) => Port;
  host?: (host: Host) => Host;
}

/** The page: the workbook from `window.icpStandalone` (or the URL), the panel on it. */
export function openStandalone(wrappers: StandaloneWrappers = {}): void {
  const params = new URLSearchParams(location.search);
  const config = window.icpStandalone ?? fromUrl(params);
  const host = new MemoryHost(config, wrappers.port);
  window.icpHost = host;
  const root = document.getElementById('app');
  const step = config.step ?? (params.get('step') as PanelStep | null) ?? undefined;
  const theme = PANEL_THEMES.find((t) => t === (config.theme ?? params.get('theme')));
  // Without events the panel sees the workbook as a Sheets sidebar does: it must poll for changes.
  const seen: Host = config.events === false ? { ...host, kind: host.kind, watchModel: undefined, watchActiveSheet: undefined } : host;
  if (!root) return;
  mountPanel(root, wrappers.host ? wrappers.host(seen) : seen, {
    modelSheet: config.modelSheet ?? DEFAULT_MODEL_SHEET,
    ...(step ? { step } : {}),
    ...(theme ? { theme } : {}),
    ...(config.pollMs ? { pollMs: config.pollMs } : {}),
  });
}
