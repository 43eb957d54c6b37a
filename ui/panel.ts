/**
 * The one panel: the Google Sheets sidebar, the Excel task pane and the local preview's side
 * panel. It talks to its workbook only through `Host`; every string from a cell is rendered as
 * text (preact escapes what it renders; nothing here sets innerHTML).
 */
import { render } from 'preact';
import { html } from 'htm/preact';
import { App, PANEL_STEPS, PANEL_THEMES, type PanelStep, type PanelTheme, themeFor } from './app.ts';
import { DEFAULT_MODEL_SHEET, type Host } from '../workbook/host.ts';

export { PANEL_STEPS, PANEL_THEMES, type PanelStep, type PanelTheme, themeFor };
import './panel.css';

export interface PanelOptions {
  /** The model sheet's name (default "ICP Model"). */
  modelSheet?: string;
  /**
   * What to open on: `model` (default), `score`, `summary`, `learn`, `history`, or `presets` (the model
   * tab with the preset picker focused). Default: the root's `data-step` attribute, if any.
   */
  step?: PanelStep;
  /** The look (default: the host's own, see `themeFor`). Mounting again with another theme keeps the panel's state. */
  theme?: PanelTheme;
}

export function mountPanel(root: HTMLElement, host: Host, options: PanelOptions = {}): void {
  const asked = options.step ?? root.dataset.step;
  const step = (PANEL_STEPS as readonly string[]).includes(asked ?? '') ? (asked as PanelStep) : 'model';
  render(html`<${App} host=${host} modelSheet=${options.modelSheet ?? DEFAULT_MODEL_SHEET} step=${step} theme=${options.theme} />`, root);
}
