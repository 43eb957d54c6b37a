/** What every view of the panel gets from the app: the host, wrapped so each call shows what is happening. */
import type { Host } from '../workbook/host.ts';

export { messageOf } from './messages.ts';

export type NoticeKind = 'info' | 'success' | 'error';

export interface PanelContext {
  /** The model sheet's name. */
  modelSheet: string;
  /**
   * Run host calls with a busy line saying what is happening (`label`, e.g. "Saving the model").
   * A failure shows as an error notice and gives undefined.
   */
  call<T>(label: string, work: (host: Host) => Promise<T>): Promise<T | undefined>;
  /** True while any host call runs: actions that call the host wait. */
  busy: boolean;
  notify(kind: NoticeKind, text: string): void;
}
