/**
 * The apply preview (issue 21): before a learned model is applied — adopted or "anyway" — the
 * rows that change (before → after) and how many accounts of the scored sheet change tier. A
 * criterion going to 0 points is listed first and must be ticked before Apply is enabled.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import { type LearnReport, headerKey, readModel } from '../core/index.ts';
import type { SheetInfo } from '../workbook/host.ts';
import { type PanelContext, messageOf } from './context.ts';
import { type ModelDoc, docToGrid } from './doc.ts';
import { type RowChange, type TierMoves, modelChanges, movesText, tierMoves } from './learn-apply.ts';
import { CURRENT, SUGGESTED } from './learn-result.ts';
import { LEARN_ROWS, applyLearned } from './learn-logic.ts';

export interface PendingApply {
  anyway: boolean;
  next: ModelDoc;
  changes: RowChange[];
  /** The scored sheet's tier changes, or why they could not be counted. */
  moves: TierMoves | null;
  movesNote: string | null;
}

/** The sheet whose tier changes the preview counts: a scored sheet (it has ICP Tier) other than the history. */
export function scoredSheetFor(sheets: readonly SheetInfo[], history: string): SheetInfo | undefined {
  return sheets.find((s) => s.name !== history && s.headers.some((h) => headerKey(h) === headerKey('ICP Tier')));
}

/** Everything the preview shows, or null when the learned points cannot be applied (the notice says why). */
export async function prepareApply(args: { ctx: PanelContext; doc: ModelDoc; report: LearnReport; exclusions: readonly number[]; sheets: readonly SheetInfo[]; history: string; anyway: boolean }): Promise<PendingApply | null> {
  const { ctx, doc, anyway } = args;
  let next: ModelDoc;
  try {
    next = applyLearned(doc, args.report, args.exclusions, anyway);
  } catch (thrown) {
    ctx.notify('error', `The learned points were not applied: ${messageOf(thrown)}`);
    return null;
  }
  const changes = modelChanges(doc, next);
  const sheet = scoredSheetFor(args.sheets, args.history);
  if (!sheet) return { anyway, next, changes, moves: null, movesNote: 'No scored sheet (one with an ICP Tier column) to count tier changes on.' };
  const data = await ctx.call(`Reading the rows of "${sheet.name}"`, (host) => host.readRows(sheet.name, LEARN_ROWS));
  if (!data) return { anyway, next, changes, moves: null, movesNote: `The rows of "${sheet.name}" could not be read, so tier changes are not counted.` };
  try {
    return { anyway, next, changes, moves: tierMoves(sheet.name, readModel(docToGrid(doc)), readModel(docToGrid(next)), data.headers, data.rows), movesNote: null };
  } catch (thrown) {
    return { anyway, next, changes, moves: null, movesNote: `Tier changes on "${sheet.name}" not counted: ${messageOf(thrown)}` };
  }
}

function ChangeRow({ change }: { change: RowChange }): VNode {
  const was = change.before;
  const now = change.after;
  const condition = now?.condition ?? was?.condition ?? '';
  return html`<tr data-testid="learn-apply-change" data-name=${change.name} data-zero=${change.toZero ? 'true' : 'false'}>
    <th scope="row">${change.name || change.kind}${condition && html`<br /><span class="hint">${condition}${was && now && was.condition !== now.condition ? ` (was ${was.condition})` : ''}</span>`}</th>
    <td data-testid="learn-apply-before">${was ? was.points : 'new'}</td>
    <td data-testid="learn-apply-after">${now ? now.points : 'removed'}</td>
  </tr>`;
}

/** The preview itself: what changes, the zero rows to tick, and Apply / Cancel. */
export function ApplyPreview(props: { pending: PendingApply; busy: boolean; onConfirm: () => void; onCancel: () => void }): VNode {
  const { pending } = props;
  const zero = pending.changes.filter((c) => c.toZero);
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const tick = (i: number, on: boolean) => setTicked((t) => (on ? new Set([...t, i]) : new Set([...t].filter((k) => k !== i))));
  const ready = zero.every((_, i) => ticked.has(i));
  return html`<div class="learn-apply-preview" data-testid="learn-apply-preview" data-anyway=${pending.anyway ? 'true' : 'false'}>
    <h4>Before you apply${pending.anyway ? ' (not shown to be better)' : ''}</h4>
    <p data-testid="learn-apply-moves">${pending.moves ? movesText(pending.moves) : pending.movesNote}</p>
    ${pending.moves && pending.moves.moves.length > 0 && html`<ul class="learn-moves" data-testid="learn-apply-move-list">${pending.moves.moves.slice(0, 4).map((m) => html`<li>${m.count} from ${m.from} to ${m.to}</li>`)}</ul>`}
    ${zero.length > 0 &&
    html`<div class="warning" data-testid="learn-apply-zeros">
      <p>${zero.length === 1 ? 'This criterion goes' : `These ${zero.length} criteria go`} to 0 points and will no longer count. Tick each to confirm:</p>
      ${zero.map(
        (c, i) => html`<label class="learn-exclude"><input type="checkbox" data-testid="learn-apply-confirm-zero" data-name=${c.name} checked=${ticked.has(i)} onChange=${(e: Event) => tick(i, (e.currentTarget as HTMLInputElement).checked)} />
          ${c.name} (${c.before?.condition}): ${c.before?.points} → 0 points</label>`,
      )}
    </div>`}
    <table class="learn-table learn-changes" data-testid="learn-apply-changes">
      <thead><tr><th scope="col">${pending.changes.length} row${pending.changes.length === 1 ? '' : 's'} change</th><th scope="col">${CURRENT}</th><th scope="col">${SUGGESTED}</th></tr></thead>
      <tbody>${pending.changes.map((c) => html`<${ChangeRow} change=${c} />`)}</tbody>
    </table>
    <div class="buttons">
      <button type="button" class="primary" data-testid="learn-apply-confirm" disabled=${props.busy || !ready} onClick=${props.onConfirm}>Apply and save as a new version</button>
      <button type="button" data-testid="learn-apply-cancel" onClick=${props.onCancel}>Cancel</button>
    </div>
    ${!ready && html`<p class="hint" data-testid="learn-apply-waiting">Tick every criterion going to 0 points to apply.</p>`}
  </div>`;
}

/** The note, the button that opens the preview, and the preview once open. */
export function ApplyBar(props: {
  anyway: boolean;
  note: string;
  onNote: (note: string) => void;
  stale: boolean;
  busy: boolean;
  applied: string | null;
  excluding: boolean;
  pending: PendingApply | null;
  onPreview: (anyway: boolean) => void;
  onConfirm: () => void;
  onCancel: () => void;
}): VNode {
  const { anyway } = props;
  return html`${props.stale && html`<p class="info" data-testid="learn-stale">The model changed since this was learned: learn again to apply.</p>`}
    <label class="cell wide">
      <span class="cell-label">Note for the history</span>
      <input data-testid="learn-apply-note" value=${props.note} onInput=${(e: Event) => props.onNote((e.currentTarget as HTMLInputElement).value)} />
    </label>
    <div class="buttons">
      <button type="button" class=${anyway ? '' : 'primary'} data-testid=${anyway ? 'learn-apply-anyway' : 'learn-apply'} disabled=${props.busy || props.stale || props.applied !== null || props.pending !== null} onClick=${() => props.onPreview(anyway)}>
        ${anyway ? 'Apply the suggestion anyway…' : 'Apply…'}
      </button>
    </div>
    <p class="hint">${anyway ? 'It was not shown to rank deals better than the current model. ' : ''}You see what changes before anything is applied. Saved as a new version${props.excluding ? ', with the ticked rows as exclude rows' : ''}; the version it replaces goes to the history sheet.</p>
    ${props.pending && html`<${ApplyPreview} pending=${props.pending} busy=${props.busy} onConfirm=${props.onConfirm} onCancel=${props.onCancel} />`}
    ${props.applied && html`<p class="success" data-testid="learn-applied">${props.applied}</p>`}`;
}
