/**
 * The Model tab's state, in the parts a reader can hold apart: the document in the editor and the
 * version the sheet holds (`useModelDoc`), its problems (`useModelChecks`), saving it with conflict
 * detection (`useModelSave`), and noticing the sheet changed outside the panel (`useSheetWatch`).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { findPreset, gridToRows, isModelError } from '../core/index.ts';
import type { HistoryEntry, Host, ModelSnapshot } from '../workbook/host.ts';
import type { PanelContext } from './context.ts';
import { type ModelDiff, diffDocs } from './diff.ts';
import { type ModelDoc, docFromGrid, docFromModelRows, docToGrid, emptyDoc, kindOf } from './doc.ts';
import { type EditorState, applyChange, initialState, replaceDoc } from './edit.ts';
import { formatWhen } from './history-view.ts';
import { busy, messageOf, notices } from './messages.ts';
import type { Change } from './model-view.ts';
import { useModelWatch } from './model-watch.ts';
import { arrange, possibleChange } from './sections.ts';
import { byRow, validateDoc } from './validate.ts';

export interface Saved {
  /** The document as the sheet holds it (last read or saved). */
  doc: ModelDoc;
  /** The host's fingerprint of that version; null when there was no sheet. */
  version: string | null;
  exists: boolean;
}

export interface Conflict {
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

export type ModelDocState = ReturnType<typeof useModelDoc>;

/** The document in the editor, the version the sheet holds, reading it, and the edits that replace it. */
export function useModelDoc(ctx: PanelContext) {
  const { call, modelSheet, notify } = ctx;
  const [editor, setEditor] = useState<EditorState>(() => initialState(emptyDoc()));
  const [saved, setSaved] = useState<Saved | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);

  const load = useCallback(async () => {
    setLoadFailed(false);
    const snapshot = await call(busy.modelSheet(modelSheet), (h) => h.readModel(modelSheet));
    if (snapshot === undefined) return setLoadFailed(true);
    if (snapshot === null) {
      setSaved({ doc: emptyDoc(), version: null, exists: false });
      return setEditor(initialState(emptyDoc()));
    }
    const { doc, problem } = readSnapshot(snapshot);
    setSaved({ doc, version: snapshot.version, exists: true });
    setEditor(initialState(doc));
    if (problem) notify('error', notices.notAModel(modelSheet, problem));
  }, [call, modelSheet, notify]);

  const change: Change = useCallback((label, fn, key) => setEditor((state) => applyChange(state, label, fn, key ?? null)), []);

  const loadPreset = (id: string) => {
    const preset = findPreset(id);
    if (!preset) return;
    setEditor((state) =>
      replaceDoc(state, `load the preset "${preset.name}"`, { ...docFromModelRows(preset.rows), columns: state.doc.columns, headerIndex: state.doc.headerIndex }, preset.id),
    );
    notify('info', notices.presetLoaded(preset.name));
  };

  /** A version from the history into the editor, to be saved as the new one. */
  const restore = (entry: HistoryEntry, snapshot: ModelSnapshot) => {
    const { doc: restored, problem } = readSnapshot(snapshot);
    setEditor((state) => replaceDoc(state, `restore the version replaced ${formatWhen(entry.when)}`, restored));
    notify(problem ? 'error' : 'info', problem ?? notices.versionLoaded(formatWhen(entry.when)));
  };

  const doc = editor.doc;
  const dirty = useMemo(() => (saved ? !sameDoc(doc, saved.doc) : false), [doc, saved]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return { editor, setEditor, doc, saved, setSaved, loadFailed, load, change, loadPreset, restore, dirty };
}

/** The document's problems, checked against the prospect sheet's headers when there is one. */
export function useModelChecks(doc: ModelDoc, headers: string[] | null) {
  const validation = useMemo(() => validateDoc(doc, headers), [doc, headers]);
  const errors = useMemo(() => byRow(validation.errors), [validation]);
  const warnings = useMemo(() => byRow(validation.warnings), [validation]);
  const sections = useMemo(() => arrange(doc), [doc]);
  /** No row has a Kind yet: a model to start, not one with problems. */
  const empty = useMemo(() => doc.rows.every((row) => kindOf(row) === ''), [doc]);
  return { validation, errors, warnings, sections, empty };
}

/**
 * Saving the document (or learned points) over the version the panel loaded; a conflict shows both
 * versions. `toModel` brings the Model tab forward where the answer is shown.
 */
export function useModelSave(ctx: PanelContext, model: ModelDocState, checks: ReturnType<typeof useModelChecks>, toModel: () => void) {
  const { call, modelSheet, notify } = ctx;
  const { doc, saved, setSaved, setEditor } = model;
  const [note, setNote] = useState('');
  const [conflict, setConflict] = useState<Conflict | null>(null);
  /** Save was pressed on an empty model: only then is "no criterion rows" a problem to show. */
  const [emptySaveTried, setEmptySaveTried] = useState(false);
  useEffect(() => {
    if (!checks.empty) setEmptySaveTried(false);
  }, [checks.empty]);
  /** The panel saved since the last look: a new version found next is its own write, not a change by hand. */
  const ownWrite = useRef(false);

  /** Save `toSave` (default: the editor's document) over `baseVersion`; true when it was written. */
  const save = async (baseVersion: string | null, toSave: ModelDoc = doc, saveNote: string = note): Promise<boolean> => {
    if (!saved) return false;
    const errors = toSave === doc ? checks.validation.errors : validateDoc(toSave).errors;
    if (toSave === doc && checks.empty) {
      setEmptySaveTried(true);
      toModel();
      notify('error', notices.emptyNotSaved);
      return false;
    }
    if (errors.length > 0) {
      toModel();
      notify('error', notices.problemsNotSaved(errors.length));
      return false;
    }
    // Whatever this save leaves in the sheet (even half a failed write) is the panel's own doing.
    ownWrite.current = true;
    const result = await call(busy.saving, (h) => h.saveModel({ sheetName: modelSheet, rows: docToGrid(toSave), baseVersion, note: saveNote.trim() || DEFAULT_NOTE }));
    if (!result) return false;
    if (result.ok) {
      setSaved({ doc: toSave, version: result.version, exists: true });
      setConflict(null);
      setNote('');
      const possible = possibleChange(arrange(toSave), saved.exists ? arrange(saved.doc) : null);
      notify('success', [notices.saved(modelSheet, saved.exists), possible && notices.possibleChanged(possible.before, possible.after)].filter(Boolean).join(' '));
      return true;
    }
    if (result.reason === 'conflict') {
      const theirs = readSnapshot(result.current).doc;
      setConflict({ current: result.current, theirs, diff: diffDocs(toSave, theirs) });
      toModel();
      notify('error', notices.conflict(modelSheet));
    } else notify('error', notices.saveFailed(result.message));
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
    notify('info', notices.theirsLoaded);
  };

  const startingOut = checks.empty && !emptySaveTried;
  return { note, setNote, conflict, setConflict, save, applyLearned, loadTheirs, startingOut, ownWrite };
}

/**
 * The model sheet changed outside the panel (typed into, pasted, saved by someone else): load it
 * when the panel holds no edits of its own, say so either way (ui/model-watch.ts says when to look).
 */
export function useSheetWatch(ctx: PanelContext, host: Host, model: ModelDocState, saving: ReturnType<typeof useModelSave>, pollMs?: number) {
  const { modelSheet, notify } = ctx;
  const latest = useRef({ saved: model.saved, dirty: model.dirty });
  latest.current = { saved: model.saved, dirty: model.dirty };
  /** The sheet's version last reported while the panel kept its own edits (reported once). */
  const reported = useRef<string | null>(null);

  const check = async () => {
    const snapshot = await host.readModel(modelSheet);
    const { saved: known, dirty: editing } = latest.current;
    if (!known) return;
    const version = snapshot?.version ?? null;
    const ours = saving.ownWrite.current;
    saving.ownWrite.current = false;
    if (version === known.version) {
      reported.current = null;
      return;
    }
    if (version === reported.current) return;
    reported.current = version;
    // A failed save that could not put the sheet back: its message says where the old version is.
    if (ours) return;
    if (editing) return notify('error', notices.changedWhileEditing(modelSheet));
    const next = snapshot ? readSnapshot(snapshot) : { doc: emptyDoc(), problem: null };
    model.setSaved({ doc: next.doc, version, exists: snapshot !== null });
    model.setEditor(initialState(next.doc));
    saving.setConflict(null);
    const found = next.doc.rows.every((row) => kindOf(row) === '') ? 0 : validateDoc(next.doc).errors.length;
    if (next.problem) notify('error', notices.changedNotAModel(modelSheet, next.problem));
    else if (!snapshot) notify('error', notices.sheetGone(modelSheet));
    else if (found > 0) notify('error', notices.changedWithProblems(modelSheet, found));
    else notify('info', notices.changedLoaded(modelSheet));
  };
  useModelWatch({ host, modelSheet, ready: model.saved !== null, check, busy: ctx.busy, ...(pollMs ? { pollMs } : {}) });
}
