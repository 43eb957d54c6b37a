/**
 * The panel notices what changed in the workbook outside it: the model sheet (typed into by hand,
 * pasted, undone, saved by someone else) and the sheet the user is on. Through the host's events
 * where it has them (`Host.watchModel`, `Host.watchActiveSheet`: Excel, the preview, the in-memory
 * workbook), whenever the panel regains focus or becomes visible (every host), and on a short poll
 * where the host has no events (Google Sheets: a sidebar hears nothing of the sheet). Each trigger
 * runs the same `check`, which the panel owns; the checks never overlap, and a check while the panel
 * itself is busy (saving, say) is left to the next trigger.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Host } from '../workbook/host.ts';

/** How often a host without change events is asked for the model's version, while the panel is visible. */
export const DEFAULT_POLL_MS = 5000;

/** A host's event: calls `onChange` when it fires; answers the unsubscribe, or null when it cannot be had. */
export type HostEvent = (onChange: () => void) => Promise<(() => void) | null>;

export interface HostWatchOptions {
  /** The host's event, where it has one; without it (or when it answers null) the watch polls. */
  event: HostEvent | undefined;
  /** What the watch follows (the host, a sheet's name): a new value starts it again. */
  watching: readonly unknown[];
  /** False until the panel has read what `check` compares with. */
  ready: boolean;
  /** Reads the workbook and reacts to what changed; may throw (the next trigger tries again). */
  check: () => Promise<void>;
  /** True while the panel's own calls run: a check then would race its own save. */
  busy: boolean;
  pollMs?: number;
}

export function useHostWatch({ event, watching, ready, check, busy, pollMs = DEFAULT_POLL_MS }: HostWatchOptions): void {
  const latest = useRef({ check, busy, event });
  latest.current = { check, busy, event };
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
    const { event: subscribe } = latest.current;
    if (subscribe) {
      subscribe(() => void run())
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
  }, [...watching, ready, pollMs]);
}

export interface ModelWatchOptions {
  host: Host;
  modelSheet: string;
  /** False until the panel has read the model once. */
  ready: boolean;
  /** Reads the model sheet and reacts to a new version; may throw (the next trigger tries again). */
  check: () => Promise<void>;
  busy: boolean;
  pollMs?: number;
}

/** The model sheet, changed outside the panel. */
export function useModelWatch({ host, modelSheet, ...options }: ModelWatchOptions): void {
  const event: HostEvent | undefined = host.watchModel && ((onChange) => host.watchModel!(modelSheet, onChange));
  useHostWatch({ event, watching: [host, modelSheet], ...options });
}
