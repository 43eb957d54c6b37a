/**
 * Saving: the bar under the editor (state, note, Save), and the conflict view shown when the
 * model sheet changed since the panel loaded it: what differs, then overwrite or load theirs.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import type { ChangedRow, DiffRow, ModelDiff } from './diff.ts';
import { saveKeysText } from './keyboard.ts';

export interface SaveBarProps {
  dirty: boolean;
  exists: boolean;
  problems: number;
  note: string;
  busy: boolean;
  modelSheet: string;
  onNote: (note: string) => void;
  onSave: () => void;
}

export function SaveBar(props: SaveBarProps): VNode {
  const state = !props.exists
    ? `Not saved yet: Save creates "${props.modelSheet}".`
    : props.dirty
      ? 'Unsaved changes.'
      : `Saved: matches "${props.modelSheet}".`;
  return html`<div class="save-bar" data-testid="save-bar">
    <p class=${props.dirty || !props.exists ? 'dirty' : 'clean'} data-testid="save-state">
      ${state}${props.problems > 0 ? ` ${props.problems} problem${props.problems === 1 ? '' : 's'} to fix first.` : ''}
    </p>
    <div class="save-row">
      <input
        data-testid="save-note"
        aria-label="Note for the history"
        placeholder="Note for the history (optional)"
        value=${props.note}
        onInput=${(e: Event) => props.onNote((e.currentTarget as HTMLInputElement).value)}
        onKeyDown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter') props.onSave();
        }}
      />
      <button type="button" class="primary" data-testid="save" disabled=${props.busy} onClick=${props.onSave} title=${`Save (${saveKeysText()})`} aria-keyshortcuts="Control+S Meta+S">Save</button>
    </div>
  </div>`;
}

function rowText(row: DiffRow): string {
  return `row ${row.row}: ${row.kind} "${row.name}"${row.summary ? ` (${row.summary})` : ''}`;
}

function Changed({ change }: { change: ChangedRow }): VNode {
  return html`<li data-testid="diff-changed">
    ${rowText(change.theirs)}${change.mine.row !== change.theirs.row ? ` (your row ${change.mine.row})` : ''}
    <ul>
      ${change.columns.map(
        (c) => html`<li>${c.column}: sheet “${c.theirs}”, yours “${c.mine}”</li>`,
      )}
    </ul>
  </li>`;
}

export interface ConflictProps {
  diff: ModelDiff;
  busy: boolean;
  onOverwrite: () => void;
  onLoadTheirs: () => void;
  onCancel: () => void;
}

export function ConflictView({ diff, busy, onOverwrite, onLoadTheirs, onCancel }: ConflictProps): VNode {
  const same = diff.onlyMine.length + diff.onlyTheirs.length + diff.changed.length === 0;
  return html`<div class="conflict" data-testid="conflict" role="alertdialog" aria-labelledby="icp-conflict-title">
    <h3 id="icp-conflict-title">The model sheet changed since you loaded it</h3>
    <p>Someone (or another window) saved it in the meantime. Nothing was written.</p>
    <div data-testid="conflict-diff">
      ${same && html`<p>The rows are the same; only spacing or other columns differ.</p>`}
      ${diff.changed.length > 0 &&
      html`<p><strong>Changed</strong></p>
        <ul>${diff.changed.map((c) => html`<${Changed} change=${c} />`)}</ul>`}
      ${diff.onlyTheirs.length > 0 &&
      html`<p><strong>In the sheet, not in yours</strong></p>
        <ul>${diff.onlyTheirs.map((r) => html`<li data-testid="diff-theirs">${rowText(r)}</li>`)}</ul>`}
      ${diff.onlyMine.length > 0 &&
      html`<p><strong>In yours, not in the sheet</strong></p>
        <ul>${diff.onlyMine.map((r) => html`<li data-testid="diff-mine">${rowText(r)}</li>`)}</ul>`}
    </div>
    <div class="buttons">
      <button type="button" class="primary" data-testid="conflict-overwrite" disabled=${busy} onClick=${onOverwrite}>Save mine over it</button>
      <button type="button" data-testid="conflict-load-theirs" disabled=${busy} onClick=${onLoadTheirs}>Load the sheet's version</button>
      <button type="button" data-testid="conflict-cancel" onClick=${onCancel}>Keep editing</button>
    </div>
    <p class="hint">Saving yours keeps the sheet's version in the history, so it can be restored.</p>
  </div>`;
}
