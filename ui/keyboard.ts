/**
 * The panel with the keyboard alone: Ctrl+S (Cmd+S on a Mac) saves the model from anywhere in the
 * panel, and the focus comes back to where it was after an action's buttons waited for the host.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { FocusKeeper } from './panel-calls.ts';

/** How this computer writes the save keys: "Cmd+S" on a Mac, "Ctrl+S" elsewhere. */
export function saveKeysText(): string {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? 'Cmd+S' : 'Ctrl+S';
}

/** Ctrl+S or Cmd+S, without Alt or Shift (Ctrl+Shift+S is the browser's and Office's own). */
export function isSaveKey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && (event.key === 's' || event.key === 'S');
}

/**
 * Ctrl+S / Cmd+S saves as the Save button does (never the browser's "Save page"). Returns the
 * panel's keydown handler; where the panel is the whole page (a sidebar, a task pane, the standalone
 * page), the keys pressed while nothing has the focus are the panel's too. A field that takes its
 * text on change (a Kind, a Dimension) gives it first, and the save runs once the panel has it.
 */
export function useSaveShortcut(root: RefObject<HTMLElement | null>, save: () => void): (event: KeyboardEvent) => void {
  const latest = useRef(save);
  latest.current = save;
  const onKey = (event: KeyboardEvent) => {
    if (!isSaveKey(event) || event.defaultPrevented) return;
    event.preventDefault();
    const field = document.activeElement;
    if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) {
      field.blur();
      field.focus();
    }
    setTimeout(() => latest.current());
  };
  useEffect(() => {
    // The panel is the page when it sits in the page's <main> (the preview puts it in an <aside>).
    const onPage = (event: KeyboardEvent) => {
      if (event.target === document.body && root.current?.closest('main')) onKey(event);
    };
    document.addEventListener('keydown', onPage);
    return () => document.removeEventListener('keydown', onPage);
  }, []);
  return onKey;
}

/** Whether the keyboard focus is nowhere (on the page's body): where a disabled button leaves it. */
function focusLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected;
}

/**
 * After the host calls end, gives the focus back to the element that had it when they began (a
 * button disabled while they ran loses it), or, if that element is gone (Restore opens the Model
 * tab), to `fallback()`. A person who moved the focus meanwhile keeps it where they put it; a
 * button still disabled (Learn, while the panel learns) is left to its view, which moves the focus
 * to its result.
 */
export function useFocusKept(busy: boolean, keeper: { current: FocusKeeper }, fallback: () => HTMLElement | null): void {
  useEffect(() => {
    // Another call of the same action may have begun since this render (Score this sheet reads the
    // sheet again after writing): the focus is given back when the last one ends.
    if (busy || keeper.current.calls > 0) return;
    const before = keeper.current.element;
    keeper.current.element = null;
    if (!before || !focusLost()) return;
    if (!before.isConnected) fallback()?.focus();
    else if (!(before as HTMLButtonElement).disabled) before.focus();
  }, [busy]);
}
