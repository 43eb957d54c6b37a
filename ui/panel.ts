/**
 * The one panel: the Google Sheets sidebar, the Excel task pane and the local preview's side
 * panel. It talks to its workbook only through `Host`; every string from a cell is rendered as
 * text (preact escapes what it renders; nothing here sets innerHTML).
 */
import { render } from 'preact';
import { html } from 'htm/preact';
import { App } from './app.ts';
import { DEFAULT_MODEL_SHEET, type Host } from './host.ts';
import './panel.css';

export interface PanelOptions {
  /** The model sheet's name (default "ICP Model"). */
  modelSheet?: string;
}

export function mountPanel(root: HTMLElement, host: Host, options: PanelOptions = {}): void {
  render(html`<${App} host=${host} modelSheet=${options.modelSheet ?? DEFAULT_MODEL_SHEET} />`, root);
}
