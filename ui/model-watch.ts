/**
 * The panel notices a model sheet changed outside it (typed into the sheet by hand, pasted, undone,
 * saved by someone else): through the host's change events where it has them (`Host.watchModel`:
 * Excel, the preview, the in-memory workbook), whenever the panel regains focus or becomes visible
 * (every host), and on a short poll where the host has no events (Google Sheets: a sidebar hears
 * nothing of the sheet). Each trigger runs the same `check`, which the panel owns; the checks never
 * overlap, and a check while the panel itself is busy (saving, say) is left to the next trigger.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Host } from '../workbook/host.ts';

/** How often a host without change events is asked for the model's version, while the panel is visible. */
export const DEFAULT_POLL_MS = 5000;

export interface ModelWatchOptions {
  host: Host;
  modelSheet: string;
  /** False until the panel has read the model once. */
  ready: boolean;
  /** Reads the model sheet and reacts to a new version; may throw (the next trigger tries again). */
  check: () => Promise<void>;
  /** True while the panel's own calls run: a check then would race its own save. */
  busy: boolean;
  pollMs?: number;
}

export function useModelWatch({ host, modelSheet, ready, check, busy, pollMs = DEFAULT_POLL_MS }: ModelWatchOptions): void {
  const latest = useRef({ check, busy });
  latest.current = { check, busy };
  const running = useRef(false);
  /** A trigger came while the panel was busy: look once it is not. */
  const pending = useRef(false);
  const runRef = useRef<(() => Promise<void>) | null>(null);
  useEffect(() => {
    if (busy || !pending.current) return;
    pending.current = false;
    void runRef.current?.();
  }, [busy]);

  useEffect(() => {
    if (!ready) return;
    let stopped = false;
    const run = async () => {
      if (stopped) return;
      if (running.current || latest.current.busy) {
        pending.current = true;
        return;
      }
      running.current = true;
      try {
        await latest.current.check();
      } catch {
        // A failed background look says nothing: the next focus, event or poll looks again.
      } finally {
        running.current = false;
        if (pending.current && !latest.current.busy) {
          pending.current = false;
          void run();
        }
      }
    };
    runRef.current = run;
    const onVisible = () => {
      if (document.visibilityState === 'visible') void run();
    };
    window.addEventListener('focus', run);
    document.addEventListener('visibilitychange', onVisible);

    let unsubscribe: (() => void) | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    const poll = () => {
      timer = setInterval(() => {
        if (document.visibilityState === 'visible') void run();
      }, pollMs);
    };
    if (host.watchModel) {
      host
        .watchModel(modelSheet, () => void run())
        .then((off) => {
          if (stopped) off?.();
          else if (off) unsubscribe = off;
          else poll();
        })
        .catch(() => {
          if (!stopped) poll();
        });
    } else poll();

    return () => {
      stopped = true;
      window.removeEventListener('focus', run);
      document.removeEventListener('visibilitychange', onVisible);
      unsubscribe?.();
      if (timer !== null) clearInterval(timer);
    };
  }, [host, modelSheet, ready, pollMs]);
}
