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
  /** Shows a notice; every kind but an error is also read out by the status region. */
  notify(kind: NoticeKind, text: string): void;
  /** Reads one sentence out in the panel's status region (polite): the outcome of an action that shows it elsewhere. */
  announce(text: string): void;
}
