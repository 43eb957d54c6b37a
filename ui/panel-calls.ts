/**
 * The panel's one handle on its host: every answer checked (ui/wire.ts), every call shown in the
 * busy line while it runs, a failure shown as an error notice; the notice itself; and the sentence
 * the status region reads out (an outcome: saved, scored, learned). While calls run, their buttons
 * wait (disabled), which takes the keyboard focus away from them: the element that had it when the
 * first call began is kept, so the panel can give it back.
 */
import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import type { Host } from '../workbook/host.ts';
import type { NoticeKind, PanelContext } from './context.ts';
import { messageOf, notices } from './messages.ts';
import { checkedHost } from './wire.ts';

export interface Notice {
  kind: NoticeKind;
  text: string;
}

/** One sentence for the status region; `id` makes the same sentence said twice a new one. */
export interface Announcement {
  id: number;
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
  announcement: Announcement | null;
  /** The element focused when the running calls began, and how many run (ui/keyboard.ts gives the focus back). */
  focusKeeper: { current: FocusKeeper };
}

export interface FocusKeeper {
  element: HTMLElement | null;
  calls: number;
}

export function usePanelCalls(raw: Host, modelSheet: string): PanelCalls {
  const host = useMemo(() => checkedHost(raw), [raw]);
  const [busy, setBusy] = useState<string[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const focusKeeper = useRef<FocusKeeper>({ element: null, calls: 0 });
  const announce = useCallback((text: string) => setAnnouncement((last) => ({ id: (last?.id ?? 0) + 1, text })), []);
  /** An error is an alert of its own (role="alert"); every other notice is read out by the status region. */
  const notify = useCallback(
    (kind: NoticeKind, text: string) => {
      setNotice({ kind, text });
      if (kind !== 'error') announce(text);
    },
    [announce],
  );

  const call = useCallback(
    async <T,>(label: string, work: (host: Host) => Promise<T>): Promise<T | undefined> => {
      // The first call of an action (Score this sheet reads the sheet again after writing) names the
      // element to give the focus back to; by the second, the disabled button has lost it.
      const keeper = focusKeeper.current;
      const active = typeof document === 'undefined' ? null : document.activeElement;
      if (keeper.calls++ === 0 && !keeper.element && active instanceof HTMLElement && active !== document.body) keeper.element = active;
      setBusy((labels) => [...labels, label]);
      try {
        return await work(host);
      } catch (error) {
        notify('error', notices.callFailed(label, messageOf(error)));
        return undefined;
      } finally {
        focusKeeper.current.calls--;
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
    ctx: { modelSheet, call, busy: busy.length > 0, notify, announce },
    running: busy[busy.length - 1] ?? null,
    notice,
    dismiss: () => setNotice(null),
    announcement,
    focusKeeper,
  };
}
