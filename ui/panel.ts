// PLACEHOLDER until the panel lands: the real panel replaces this file.
import type { Host } from './host.ts';

export interface PanelOptions {
  /** The model sheet's name (default "ICP Model"). */
  modelSheet?: string;
}

export function mountPanel(root: HTMLElement, host: Host, _options: PanelOptions = {}): void {
  root.textContent = `ICP panel (${host.kind}) loading…`;
}
