/** What every view of the panel gets from the app: the host, wrapped so each call shows what is happening. */
import type { Host } from '../workbook/host.ts';

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

/** An error's sentence, whatever was thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
