/**
 * Changes to the model document, each a pure function returning a new document, and the
 * editor state that keeps the previous documents for undo.
 */
import { normalizeText } from '../core/index.ts';
import { type EditorRow, type ModelDoc, blankRow, kindOf } from './doc.ts';

export type RowPatch = Partial<Omit<EditorRow, 'id' | 'extra'>>;

function withRows(doc: ModelDoc, rows: EditorRow[]): ModelDoc {
  return { ...doc, rows };
}

export function updateRow(doc: ModelDoc, id: number, patch: RowPatch): ModelDoc {
  return withRows(doc, doc.rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
}

export function updateRows(doc: ModelDoc, ids: readonly number[], patch: RowPatch): ModelDoc {
  const set = new Set(ids);
  return withRows(doc, doc.rows.map((row) => (set.has(row.id) ? { ...row, ...patch } : row)));
}

export function removeRows(doc: ModelDoc, ids: readonly number[]): ModelDoc {
  const set = new Set(ids);
  return withRows(doc, doc.rows.filter((row) => !set.has(row.id)));
}

/** The last row of the block that starts at `index`: the row and the `and` rows under it (spacer rows between them skipped). */
function blockEnd(rows: readonly EditorRow[], index: number): number {
  let end = index;
  for (let i = index + 1; i < rows.length; i++) {
    const kind = kindOf(rows[i]!);
    if (kind === 'and') end = i;
    else if (kind !== '') break;
  }
  return end;
}

/**
 * Insert a row after `afterId`, or else after the last row of the same kind, or else at the end;
 * always after the `and` rows of the row it follows, which stay with their owner.
 */
export function insertRow(doc: ModelDoc, row: EditorRow, afterId?: number): ModelDoc {
  let index = afterId === undefined ? -1 : doc.rows.findIndex((r) => r.id === afterId);
  if (index < 0) {
    const kind = kindOf(row);
    for (let i = doc.rows.length - 1; i >= 0; i--) {
      if (kindOf(doc.rows[i]!) === kind) {
        index = i;
        break;
      }
    }
  }
  const rows = [...doc.rows];
  rows.splice(index < 0 ? rows.length : blockEnd(rows, index) + 1, 0, row);
  return withRows(doc, rows);
}

/** Swap two rows' places in the sheet. */
export function swapRows(doc: ModelDoc, a: number, b: number): ModelDoc {
  return swapBlocks(doc, [a], [b]);
}

/**
 * Swap two blocks of rows (a row with its `and` rows): each block's rows take the place where
 * the other block began, together; every other row (a spacer, say) keeps its place.
 */
export function swapBlocks(doc: ModelDoc, a: readonly number[], b: readonly number[]): ModelDoc {
  const inA = new Set(a);
  const inB = new Set(b);
  const rowsOf = (set: Set<number>) => doc.rows.filter((r) => set.has(r.id));
  const blockA = rowsOf(inA);
  const blockB = rowsOf(inB);
  if (blockA.length === 0 || blockB.length === 0) return doc;
  const rows: EditorRow[] = [];
  let seenA = false;
  let seenB = false;
  for (const row of doc.rows) {
    if (inA.has(row.id)) {
      if (!seenA) rows.push(...blockB);
      seenA = true;
    } else if (inB.has(row.id)) {
      if (!seenB) rows.push(...blockA);
      seenB = true;
    } else rows.push(row);
  }
  return withRows(doc, rows);
}

/**
 * Move a block of rows (a criterion's bands) to just before another block: the moved rows
 * become contiguous at the other block's first row; every other row keeps its order.
 */
export function moveBlockBefore(doc: ModelDoc, moving: readonly number[], before: readonly number[]): ModelDoc {
  const set = new Set(moving);
  const moved = doc.rows.filter((r) => set.has(r.id));
  const rest = doc.rows.filter((r) => !set.has(r.id));
  const at = rest.findIndex((r) => before.includes(r.id));
  if (at < 0 || moved.length === 0) return doc;
  return withRows(doc, [...rest.slice(0, at), ...moved, ...rest.slice(at)]);
}

/** A criterion name not yet used: `New criterion`, `New criterion 2`, … */
export function freshName(doc: ModelDoc, base: string, kind: string): string {
  const used = new Set(doc.rows.filter((r) => normalizeText(r.kind) === kind).map((r) => normalizeText(r.name)));
  if (!used.has(normalizeText(base))) return base;
  for (let n = 2; ; n++) if (!used.has(normalizeText(`${base} ${n}`))) return `${base} ${n}`;
}

export function newRowOf(kind: 'criterion' | 'exclude' | 'and' | 'tier' | 'persona' | 'setting', init: RowPatch = {}): EditorRow {
  return blankRow(kind, init);
}

// ---------------------------------------------------------------------------------------------
// Undo

export interface EditorState {
  doc: ModelDoc;
  /**
   * Earlier documents, most recent last. `preset` marks a whole-document replacement: the id of
   * the preset it loaded, or null for another source (a restored version, the sheet's version).
   */
  past: { doc: ModelDoc; label: string; preset?: string | null }[];
  /** What the last change was, for coalescing keystrokes in one cell into one undo step. */
  lastKey: string | null;
}

const UNDO_DEPTH = 100;

export function initialState(doc: ModelDoc): EditorState {
  return { doc, past: [], lastKey: null };
}

/**
 * Apply a change. Consecutive changes with the same non-null `key` (typing in one cell) make
 * one undo step; a change that leaves the document as it was is not recorded.
 */
export function applyChange(state: EditorState, label: string, change: (doc: ModelDoc) => ModelDoc, key: string | null = null): EditorState {
  const doc = change(state.doc);
  if (doc === state.doc) return state;
  const coalesce = key !== null && key === state.lastKey && state.past.length > 0;
  const past = coalesce ? state.past : [...state.past, { doc: state.doc, label }].slice(-UNDO_DEPTH);
  return { doc, past, lastKey: key };
}

/** Replace the whole document (a preset, a restore, the sheet's version): undoable too. `preset`: the id of a loaded preset. */
export function replaceDoc(state: EditorState, label: string, doc: ModelDoc, preset: string | null = null): EditorState {
  const next = applyChange(state, label, () => doc);
  if (next === state) return state;
  const past = [...next.past];
  past[past.length - 1] = { ...past[past.length - 1]!, preset };
  return { ...next, past };
}

/** The preset the document was last replaced with, while that is still undoable, or null. */
export function loadedPreset(state: EditorState): string | null {
  for (let i = state.past.length - 1; i >= 0; i--) {
    const preset = state.past[i]!.preset;
    if (preset !== undefined) return preset;
  }
  return null;
}

/** What undo would take back, e.g. "change Points on row 3", or null. */
export function undoLabel(state: EditorState): string | null {
  return state.past[state.past.length - 1]?.label ?? null;
}

export function undo(state: EditorState): EditorState {
  const last = state.past[state.past.length - 1];
  if (!last) return state;
  return { doc: last.doc, past: state.past.slice(0, -1), lastKey: null };
}
