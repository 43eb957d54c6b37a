/**
 * The model's history: every version a save replaced (when, who, the note of that save), newest
 * first. Restore loads a version into the editor as an unsaved change; Save makes it current.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PanelContext } from './context.ts';
import { busy } from './messages.ts';
import type { HistoryEntry, ModelSnapshot } from '../workbook/host.ts';

export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export interface HistoryViewProps {
  ctx: PanelContext;
  /** Changes after each save, so the list reads again. */
  refreshKey: string | null;
  onRestore: (entry: HistoryEntry, snapshot: ModelSnapshot) => void;
}

export function HistoryView({ ctx, refreshKey, onRestore }: HistoryViewProps): VNode {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const load = async () => {
    const list = await ctx.call(busy.history, (host) => host.listHistory(ctx.modelSheet));
    if (list) setEntries(list);
  };
  useEffect(() => {
    void load();
  }, [refreshKey]);
  const restore = async (entry: HistoryEntry) => {
    const snapshot = await ctx.call(busy.savedVersion, (host) => host.readHistory(ctx.modelSheet, entry.id));
    if (snapshot) onRestore(entry, snapshot);
  };
  return html`<div class="history-view">
    <section class="section" aria-label="History">
      <h3>History of "${ctx.modelSheet}"</h3>
      <p class="hint">Each save keeps the version it replaced in the hidden "ICP Model History" sheet.</p>
      <button type="button" data-testid="history-refresh" disabled=${ctx.busy} onClick=${load}>Refresh</button>
      ${entries === null
        ? html`<p class="hint">Reading the history…</p>`
        : entries.length === 0
          ? html`<p class="hint" data-testid="history-empty">No earlier versions yet.</p>`
          : html`<ol class="history" data-testid="history-list">
              ${entries.map(
                (entry) => html`<li class="history-entry" data-testid="history-entry" data-id=${entry.id}>
                  <div>
                    <strong>Replaced ${formatWhen(entry.when)}</strong>${entry.who ? html` by <span class="who">${entry.who}</span>` : ''}
                  </div>
                  <div class="note">${entry.note || '(no note)'} · ${entry.rows} row${entry.rows === 1 ? '' : 's'}</div>
                  <button type="button" data-testid="history-restore" disabled=${ctx.busy} aria-label=${`Restore the version replaced ${formatWhen(entry.when)}`} onClick=${() => restore(entry)}>
                    Restore
                  </button>
                </li>`,
              )}
            </ol>`}
    </section>
  </div>`;
}
