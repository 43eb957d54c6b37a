/**
 * The panel: tabs for the model editor, scoring the active sheet (with the tier preview), the
 * tier summary and the model's history; a busy line for every host call; saving with conflict
 * detection. All state lives here; the views get what they show and what they may change.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { findPreset, gridToRows, isModelError } from '../core/index.ts';
import { type NoticeKind, type PanelContext, messageOf } from './context.ts';
import { type ModelDiff, diffDocs } from './diff.ts';
import { type ModelDoc, docFromGrid, docFromModelRows, docToGrid, emptyDoc, kindOf } from './doc.ts';
import { type EditorState, applyChange, initialState, loadedPreset, replaceDoc, undo, undoLabel } from './edit.ts';
import { ForeignFormulasNotice } from './foreign-formulas.ts';
import { HistoryView, formatWhen } from './history-view.ts';
import { EMPTY_LEARN_SESSION, type LearnSession, LearnView } from './learn-view.ts';
import type { HistoryEntry, Host, ModelSnapshot, SheetInfo } from '../workbook/host.ts';
import { matchFields, scoredFields, substituteHeaders } from './mapping.ts';
import { type Change, ModelView } from './model-view.ts';
import { ConflictView, SaveBar } from './save-view.ts';
import { PREVIEW_ROWS, type PreviewData, ScoreView } from './score-view.ts';
import { arrange } from './sections.ts';
import { SummaryView } from './summary-view.ts';
import { useModelWatch } from './model-watch.ts';
import { type Problem, byRow, validateDoc } from './validate.ts';
import { checkedHost } from './wire.ts';

type Tab = 'model' | 'score' | 'summary' | 'learn' | 'history';
/** Where the panel can open: a tab, or the model tab with the preset picker focused. */
export const PANEL_STEPS = ['model', 'score', 'summary', 'learn', 'history', 'presets'] as const;
export type PanelStep = (typeof PANEL_STEPS)[number];
const TABS: { id: Tab; label: string }[] = [
  { id: 'model', label: 'Model' },
  { id: 'score', label: 'Score' },
  { id: 'summary', label: 'Summary' },
  { id: 'learn', label: 'Learn' },
  { id: 'history', label: 'History' },
];

interface Saved {
  /** The document as the sheet holds it (last read or saved). */
  doc: ModelDoc;
  /** The host's fingerprint of that version; null when there was no sheet. */
  version: string | null;
  exists: boolean;
}

interface Notice {
  kind: NoticeKind;
  text: string;
}

interface Conflict {
  current: ModelSnapshot;
  theirs: ModelDoc;
  diff: ModelDiff;
}

const DEFAULT_NOTE = 'Saved from the panel';

/** A snapshot as a document, and the header problem if its header row is not a model header. */
function readSnapshot(snapshot: ModelSnapshot): { doc: ModelDoc; problem: string | null } {
  let problem: string | null = null;
  if (snapshot.rows.length > 0) {
    try {
      gridToRows(snapshot.rows);
    } catch (error) {
      problem = isModelError(error) ? error.message : messageOf(error);
    }
  }
  return { doc: snapshot.rows.length ? docFromGrid(snapshot.rows) : emptyDoc(), problem };
}

function sameDoc(a: ModelDoc, b: ModelDoc): boolean {
  return JSON.stringify(docToGrid(a)) === JSON.stringify(docToGrid(b));
}

/** The panel's looks: each host's own (Fluent in Excel, Google's add-on style in Sheets), by theme tokens in panel.css. */
export const PANEL_THEMES = ['fluent', 'google'] as const;
export type PanelTheme = (typeof PANEL_THEMES)[number];

/** The look a host gets: Excel's Fluent, Sheets' Google style; the local preview shows the Sheets look unless told. */
export function themeFor(kind: Host['kind']): PanelTheme {
  return kind === 'excel' ? 'fluent' : 'google';
}

export function App({
  host,
  modelSheet,
  step = 'model',
  theme,
  pollMs,
}: {
  host: Host;
  modelSheet: string;
  step?: PanelStep;
  theme?: PanelTheme;
  /** How often a host without change events is asked whether the model sheet changed (ui/model-watch.ts). */
  pollMs?: number;
}): VNode {
  const checked = useMemo(() => checkedHost(host), [host]);
  const [editor, setEditor] = useState<EditorState>(() => initialState(emptyDoc()));
  const [saved, setSaved] = useState<Saved | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [tab, setTab] = useState<Tab>(step === 'presets' ? 'model' : step);
  const [busy, setBusy] = useState<string[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [active, setActive] = useState<SheetInfo | null>(null);
  const [picks, setPicks] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [preview, setPreview] = useState<PreviewData | null>(null);
  const [scoreResult, setScoreResult] = useState<string | null>(null);
  const [learnSession, setLearnSession] = useState<LearnSession>(EMPTY_LEARN_SESSION);
  const [focusTarget, setFocusTarget] = useState<{ id: number; column?: string } | null>(null);
  /** Save was pressed on an empty model: only then is "no criterion rows" a problem to show. */
  const [emptySaveTried, setEmptySaveTried] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  const notify = useCallback((kind: NoticeKind, text: string) => setNotice({ kind, text }), []);

  const call = useCallback(
    async <T,>(label: string, work: (host: Host) => Promise<T>): Promise<T | undefined> => {
      setBusy((labels) => [...labels, label]);
      try {
        return await work(checked);
      } catch (error) {
        notify('error', `${label} failed: ${messageOf(error)}`);
        return undefined;
      } finally {
        setBusy((labels) => {
          const at = labels.lastIndexOf(label);
          return at < 0 ? labels : [...labels.slice(0, at), ...labels.slice(at + 1)];
        });
      }
    },
    [checked, notify],
  );
  const ctx: PanelContext = { modelSheet, call, busy: busy.length > 0, notify };

  // ---- loading -------------------------------------------------------------------------------

  const refreshActive = useCallback(async () => {
    const info = await call('Reading the active sheet', (h) => h.activeSheet());
    if (info === undefined) return;
    setActive(info);
    setPreview((p) => (p && p.sheet !== info?.name ? null : p));
  }, [call]);

  const loadModel = useCallback(async () => {
    setLoadFailed(false);
    const snapshot = await call(`Reading the "${modelSheet}" sheet`, (h) => h.readModel(modelSheet));
    if (snapshot === undefined) {
      setLoadFailed(true);
      return;
    }
    if (snapshot === null) {
      setSaved({ doc: emptyDoc(), version: null, exists: false });
      setEditor(initialState(emptyDoc()));
      return;
    }
    const { doc, problem } = readSnapshot(snapshot);
    setSaved({ doc, version: snapshot.version, exists: true });
    setEditor(initialState(doc));
    if (problem) notify('error', `The "${modelSheet}" sheet does not read as a model: ${problem}`);
  }, [call, modelSheet, notify]);

  useEffect(() => {
    void loadModel().then(refreshActive);
  }, []);
  const presetFocused = useRef(false);
  useEffect(() => {
    if (step !== 'presets' || presetFocused.current || saved === null) return;
    presetFocused.current = true;
    root.current?.querySelector<HTMLElement>('[data-testid="preset-select"]')?.focus();
  }, [saved]);

  // ---- derived -------------------------------------------------------------------------------

  const doc = editor.doc;
  const sheetHeaders = active && active.name !== modelSheet && active.headerRow > 0 ? active.headers : null;
  const validation = useMemo(
    () => validateDoc(doc, sheetHeaders ? substituteHeaders(sheetHeaders, picks) : null),
    [doc, sheetHeaders, picks],
  );
  const errors = useMemo(() => byRow(validation.errors), [validation]);
  const warnings = useMemo(() => byRow(validation.warnings), [validation]);
  const sections = useMemo(() => arrange(doc), [doc]);
  const dirty = useMemo(() => (saved ? !sameDoc(doc, saved.doc) : false), [doc, saved]);
  /** No row has a Kind yet: a model to start, not one with problems. */
  const empty = useMemo(() => doc.rows.every((row) => kindOf(row) === ''), [doc]);
  const startingOut = empty && !emptySaveTried;
  useEffect(() => {
    if (!empty) setEmptySaveTried(false);
  }, [empty]);
  const matches = useMemo(() => matchFields(scoredFields(doc), active?.headers ?? []), [doc, active]);

  // ---- the sheet changed outside the panel ---------------------------------------------------

  const latest = useRef({ saved, dirty });
  latest.current = { saved, dirty };
  /** The sheet's version last reported while the panel kept its own edits (reported once). */
  const reported = useRef<string | null>(null);
  /** The panel saved since the last look: a new version found next is its own write, not a change by hand. */
  const ownWrite = useRef(false);
  const checkSheet = async () => {
    const snapshot = await checked.readModel(modelSheet);
    const { saved: known, dirty: editing } = latest.current;
    if (!known) return;
    const version = snapshot?.version ?? null;
    const ours = ownWrite.current;
    ownWrite.current = false;
    if (version === known.version) {
      reported.current = null;
      return;
    }
    if (version === reported.current) return;
    reported.current = version;
    // A failed save that could not put the sheet back: its message says where the old version is.
    if (ours) return;
    if (editing) {
      notify('error', `"${modelSheet}" was changed in the sheet while you were editing here. Your edits are kept; Save shows both versions so you can choose.`);
      return;
    }
    const next = snapshot ? readSnapshot(snapshot) : { doc: emptyDoc(), problem: null };
    setSaved({ doc: next.doc, version, exists: snapshot !== null });
    setEditor(initialState(next.doc));
    setConflict(null);
    const found = next.doc.rows.every((row) => kindOf(row) === '') ? 0 : validateDoc(next.doc).errors.length;
    notify(
      next.problem || found > 0 || !snapshot ? 'error' : 'info',
      next.problem
        ? `"${modelSheet}" was changed in the sheet and no longer reads as a model: ${next.problem}`
        : !snapshot
          ? `"${modelSheet}" is no longer in the workbook (deleted or renamed). Save here to create it again.`
          : found > 0
            ? `"${modelSheet}" was changed in the sheet and now has ${found} problem${found === 1 ? '' : 's'} (listed below); every ICP formula shows the first until it is fixed.`
            : `"${modelSheet}" was changed in the sheet; the panel now shows that version.`,
    );
  };
  useModelWatch({ host, modelSheet, ready: saved !== null, check: checkSheet, busy: busy.length > 0, ...(pollMs ? { pollMs } : {}) });

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Focus a row's cell after it renders (a new row, or a problem clicked in the list).
  useEffect(() => {
    if (!focusTarget || !root.current) return;
    const row = root.current.querySelector(`[data-row-id="${focusTarget.id}"]`);
    let input = focusTarget.column ? row?.querySelector<HTMLInputElement>(`[data-testid="cell-${focusTarget.column}"]`) : null;
    if (!input && focusTarget.column === 'Name') input = row?.closest('[data-testid="criterion"]')?.querySelector<HTMLInputElement>('[data-testid="criterion-name"]');
    input ??= row?.querySelector<HTMLInputElement>('input') ?? null;
    input?.focus();
    input?.scrollIntoView?.({ block: 'center' });
    setFocusTarget(null);
  }, [focusTarget, tab]);

  // ---- editing -------------------------------------------------------------------------------

  const change: Change = useCallback((label, fn, key) => setEditor((state) => applyChange(state, label, fn, key ?? null)), []);

  const loadPreset = (id: string) => {
    const preset = findPreset(id);
    if (!preset) return;
    setEditor((state) =>
      replaceDoc(state, `load the preset "${preset.name}"`, { ...docFromModelRows(preset.rows), columns: state.doc.columns, headerIndex: state.doc.headerIndex }, preset.id),
    );
    notify('info', `Loaded the preset "${preset.name}": edit it, then Save. Undo brings back what you had.`);
  };

  const restore = (entry: HistoryEntry, snapshot: ModelSnapshot) => {
    const { doc: restored, problem } = readSnapshot(snapshot);
    setEditor((state) => replaceDoc(state, `restore the version replaced ${formatWhen(entry.when)}`, restored));
    setTab('model');
    notify(problem ? 'error' : 'info', problem ?? `Loaded the version replaced ${formatWhen(entry.when)} into the editor. Save to make it the current model; Undo to go back.`);
  };

  // ---- saving --------------------------------------------------------------------------------

  /** Save `toSave` (default: the editor's document) over `baseVersion`; true when it was written. */
  const save = async (baseVersion: string | null, toSave: ModelDoc = doc, saveNote: string = note): Promise<boolean> => {
    if (!saved) return false;
    const errors = toSave === doc ? validation.errors : validateDoc(toSave).errors;
    if (toSave === doc && empty) {
      setEmptySaveTried(true);
      setTab('model');
      notify('error', `Not saved: the model has no rows yet. Pick a preset or add a criterion, then Save. The sheet is unchanged.`);
      return false;
    }
    if (errors.length > 0) {
      const n = errors.length;
      setTab('model');
      notify('error', `Not saved: the model has ${n} problem${n === 1 ? '' : 's'} (listed at the top). The sheet is unchanged.`);
      return false;
    }
    // Whatever this save leaves in the sheet (even half a failed write) is the panel's own doing.
    ownWrite.current = true;
    const result = await call('Saving the model', (h) =>
      h.saveModel({ sheetName: modelSheet, rows: docToGrid(toSave), baseVersion, note: saveNote.trim() || DEFAULT_NOTE }),
    );
    if (!result) return false;
    if (result.ok) {
      setSaved({ doc: toSave, version: result.version, exists: true });
      setConflict(null);
      setNote('');
      notify('success', saved.exists ? `Saved "${modelSheet}". The version it replaced is in the history.` : `Created and saved "${modelSheet}".`);
      return true;
    }
    if (result.reason === 'conflict') {
      const theirs = readSnapshot(result.current).doc;
      setConflict({ current: result.current, theirs, diff: diffDocs(toSave, theirs) });
      setTab('model');
      notify('error', `Not saved: "${modelSheet}" changed since you loaded it. Compare below, then choose.`);
    } else {
      notify('error', `${result.message} Your edits are still here.`);
    }
    return false;
  };

  /** Learned points: into the editor as one undoable change, then saved through the same path (conflicts included). */
  const applyLearned = async (next: ModelDoc, label: string, learnedNote: string): Promise<boolean> => {
    if (!saved) return false;
    setEditor((state) => replaceDoc(state, label, next));
    setNote(learnedNote);
    return save(saved.version, next, learnedNote);
  };

  const loadTheirs = () => {
    if (!conflict) return;
    const { current, theirs } = conflict;
    setEditor((state) => replaceDoc(state, `load the sheet's version of "${modelSheet}"`, theirs));
    setSaved({ doc: theirs, version: current.version, exists: current.rows.length > 0 });
    setConflict(null);
    notify('info', `Loaded the sheet's version. Undo brings back your edits (then Save to put them over it).`);
  };

  // ---- scoring -------------------------------------------------------------------------------

  const score = async () => {
    if (!active) return;
    const fieldMap = Object.fromEntries(
      matches.filter((m) => m.header === null && picks[m.field]).map((m) => [m.field, picks[m.field]!]),
    );
    setScoreResult(null);
    const result = await call(`Writing the score columns to "${active.name}"`, (h) =>
      h.insertScoreColumns({ sheetName: active.name, headerRow: active.headerRow, modelSheet, fieldMap }),
    );
    if (!result) return;
    setScoreResult(`Wrote ${result.columns.join(', ')} to "${active.name}": one array formula each, in ${result.formulaCells.join(', ')}.`);
    await refreshActive();
  };

  const runPreview = async () => {
    if (!active) return;
    const data = await call(`Reading the rows of "${active.name}"`, (h) => h.readRows(active.name, PREVIEW_ROWS));
    if (data) setPreview({ sheet: active.name, headers: data.headers, rows: data.rows, total: active.dataRows });
  };

  // ---- view ----------------------------------------------------------------------------------

  const focusProblem = (problem: Problem) => {
    if (problem.rowId !== null) setFocusTarget({ id: problem.rowId, column: problem.column });
  };
  const onTabKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const at = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(at + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next.id);
    root.current?.querySelector<HTMLElement>(`[data-testid="tab-${next.id}"]`)?.focus();
  };

  return html`<div class="icp-panel" ref=${root} data-host=${host.kind} data-theme=${theme ?? themeFor(host.kind)}>
    <header class="top">
      <h1>ICP scoring</h1>
      <span class="sheet-name" title="The model sheet">${modelSheet}</span>
    </header>
    <div class="status" role="status" aria-live="polite">
      ${busy.length > 0 && html`<p class="busy" data-testid="busy"><span class="spinner" aria-hidden="true"></span>${busy[busy.length - 1]}…</p>`}
    </div>
    ${notice &&
    html`<div class=${`notice ${notice.kind}`} data-testid="notice" data-kind=${notice.kind} role=${notice.kind === 'error' ? 'alert' : 'status'}>
      <span data-testid="notice-text">${notice.text}</span>
      <button type="button" class="icon" data-testid="notice-close" aria-label="Dismiss" onClick=${() => setNotice(null)}>✕</button>
    </div>`}
    <${ForeignFormulasNotice} host=${host} ctx=${ctx} />
    <nav class="tabs" role="tablist" aria-label="Panel sections" onKeyDown=${onTabKey}>
      ${TABS.map(
        (t) => html`<button
          type="button"
          role="tab"
          id=${`icp-tab-${t.id}`}
          data-testid=${`tab-${t.id}`}
          aria-selected=${tab === t.id ? 'true' : 'false'}
          aria-controls="icp-tabpanel"
          tabindex=${tab === t.id ? 0 : -1}
          onClick=${() => setTab(t.id)}
        >
          ${t.label}${t.id === 'model' && dirty ? html`<span class="dot" data-testid="dirty" title="Unsaved changes"> •</span>` : ''}
        </button>`,
      )}
    </nav>
    <main id="icp-tabpanel" role="tabpanel" aria-labelledby=${`icp-tab-${tab}`}>
      ${saved === null
        ? html`<div class="loading">
            ${loadFailed
              ? html`<p class="issue">The model sheet could not be read.</p>
                  <button type="button" data-testid="retry" onClick=${() => void loadModel().then(refreshActive)}>Try again</button>`
              : html`<p class="hint">Reading the model…</p>`}
          </div>`
        : tab === 'model'
          ? html`<${ModelView}
              sections=${sections}
              validation=${validation}
              errors=${errors}
              warnings=${warnings}
              checkedSheet=${sheetHeaders ? active?.name ?? null : null}
              change=${change}
              focusRow=${(id: number) => setFocusTarget({ id })}
              focusProblem=${focusProblem}
              undoLabel=${undoLabel(editor)}
              onUndo=${() => setEditor(undo)}
              onPreset=${loadPreset}
              loadedPreset=${loadedPreset(editor)}
              startingOut=${startingOut}
              missingSheet=${!saved.exists}
              modelSheet=${modelSheet}
            />
            ${conflict
              ? html`<${ConflictView}
                  diff=${conflict.diff}
                  busy=${busy.length > 0}
                  onOverwrite=${() => void save(conflict.current.version)}
                  onLoadTheirs=${loadTheirs}
                  onCancel=${() => setConflict(null)}
                />`
              : html`<${SaveBar}
                  dirty=${dirty}
                  exists=${saved.exists}
                  problems=${startingOut ? 0 : validation.errors.length}
                  note=${note}
                  busy=${busy.length > 0}
                  modelSheet=${modelSheet}
                  onNote=${setNote}
                  onSave=${() => void save(saved.version)}
                />`}`
          : tab === 'score'
            ? html`<${ScoreView}
                active=${active}
                modelEmpty=${empty}
                modelSheet=${modelSheet}
                busy=${busy.length > 0}
                matches=${matches}
                picks=${picks}
                onPick=${(field: string, header: string) => setPicks((p) => ({ ...p, [field]: header }))}
                onRefresh=${refreshActive}
                savedExists=${saved.exists}
                dirty=${dirty}
                model=${validation.model}
                preview=${preview}
                onPreview=${runPreview}
                onScore=${score}
                scoreResult=${scoreResult}
              />`
            : tab === 'summary'
              ? html`<${SummaryView} ctx=${ctx} activeSheet=${active?.name ?? null} hostKind=${host.kind} />`
              : tab === 'learn'
                ? html`<${LearnView}
                    ctx=${ctx}
                    doc=${doc}
                    model=${validation.model}
                    problems=${validation.errors.length}
                    session=${learnSession}
                    onSession=${setLearnSession}
                    onApply=${applyLearned}
                  />`
                : html`<${HistoryView} ctx=${ctx} refreshKey=${saved.version} onRestore=${restore} />`}
    </main>
  </div>`;
}
