/**
 * The panel's one handle on its host: every answer checked (ui/wire.ts), every call shown in the
 * busy line while it runs, a failure shown as an error notice; and the notice itself.
 */
import { useCallback, useMemo, useState } from 'preact/hooks';
import type { Host } from '../workbook/host.ts';
import type { NoticeKind, PanelContext } from './context.ts';
import { messageOf, notices } from './messages.ts';
import { checkedHost } from './wire.ts';

export interface Notice {
  kind: NoticeKind;
  text: string;
}

export interface PanelCalls {
  /** The host with every answer checked, its optional calls kept: the only handle the panel uses. */
  host: Host;
  ctx: PanelContext;
  /** What the busy line shows: the latest call still running, or null. */
  running: string | null;
  notice: Notice | null;
  dismiss: () => void;
}

export function usePanelCalls(raw: Host, modelSheet: string): PanelCalls {
  const host = useMemo(() => checkedHost(raw), [raw]);
  const [busy, setBusy] = useState<string[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const notify = useCallback((kind: NoticeKind, text: string) => setNotice({ kind, text }), []);

  const call = useCallback(
    async <T,>(label: string, work: (host: Host) => Promise<T>): Promise<T | undefined> => {
      setBusy((labels) => [...labels, label]);
      try {
        return await work(host);
      } catch (error) {
        notify('error', notices.callFailed(label, messageOf(error)));
        return undefined;
      } finally {
        setBusy((labels) => {
          const at = labels.lastIndexOf(label);
          return at < 0 ? labels : [...labels.slice(0, at), ...labels.slice(at + 1)];
        });
      }
    },
    [host, notify],
  );

  return {
    host,
    ctx: { modelSheet, call, busy: busy.length > 0, notify },
    running: busy[busy.length - 1] ?? null,
    notice,
    dismiss: () => setNotice(null),
  };
}
