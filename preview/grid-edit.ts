/**
 * The preview grid's editing: double-click, Enter, F2 or typing opens the cell editor; Enter commits
 * and moves down, Tab moves right, Escape cancels; Delete clears; the formula bar commits with
 * Enter. What a person types reaches the workbook as typing does (preview/host.ts setCellInput).
 */
import { type Grid, drawRows, el } from './grid-paint.ts';
import { select, showSelection } from './grid-select.ts';

/** Writes what a person typed into a cell; a cell that cannot take it says why below the grid. */
function write(g: Grid, row: number, column: number, text: string): void {
  if (!g.sheet) return;
  try {
    g.host.setCellInput(g.sheet.name, row, column, text);
  } catch (error) {
    g.dom.detail.textContent = error instanceof Error ? error.message : String(error);
  }
}

function commit(g: Grid, text: string, move: [number, number]): void {
  if (!g.editing || !g.sheet) return;
  const { row, column } = g.editing;
  g.editing = null;
  write(g, row, column, text);
  g.dom.scroller.focus();
  select(g, row + move[0], column + move[1]);
}

function cancelEdit(g: Grid): void {
  g.editing = null;
  drawRows(g);
  g.dom.scroller.focus();
}

/** Opens the editor on the selected cell, with `initial` (a key typed) or the cell's content. */
export function startEdit(g: Grid, initial?: string): void {
  if (!g.sheet) return;
  const input = el('input', 'pv-editor');
  input.dataset.testid = 'cell-editor';
  input.spellcheck = false;
  input.value = initial ?? g.dom.formula.value;
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      commit(g, input.value, event.key === 'Tab' ? [0, event.shiftKey ? -1 : 1] : [event.shiftKey ? -1 : 1, 0]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      cancelEdit(g);
    }
  });
  input.addEventListener('blur', () => {
    if (g.redrawing) return;
    if (g.editing?.input === input) commit(g, input.value, [0, 0]);
  });
  g.editing = { row: g.selected.row, column: g.selected.column, input };
  drawRows(g);
  // The editor is wider than a narrow column: focusing it must not scroll the grid under it.
  input.focus({ preventScroll: true });
  input.setSelectionRange(input.value.length, input.value.length);
}

/** A click on a cell selects it (committing an open edit); a double-click edits it. */
export function listenForPointer(g: Grid): void {
  const { scroller } = g.dom;
  scroller.addEventListener('mousedown', (event) => {
    const td = (event.target as HTMLElement).closest('td');
    if (!td?.dataset.cell || td.classList.contains('pv-editing')) return;
    if (g.editing) commit(g, g.editing.input.value, [0, 0]);
    select(g, Number(td.dataset.row), Number(td.dataset.column), false);
  });
  scroller.addEventListener('dblclick', (event) => {
    const td = (event.target as HTMLElement).closest('td');
    if (td?.dataset.cell && !td.classList.contains('pv-editing')) startEdit(g);
  });
}

/** Keys on the grid (arrows move, Enter or F2 edits, Delete clears, a character starts an edit) and in the formula bar. */
export function listenForKeys(g: Grid): void {
  const { scroller, formula } = g.dom;
  scroller.addEventListener('keydown', (event) => {
    if (g.editing || event.target !== scroller) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Tab: [0, 1] };
    const move = moves[event.key];
    const { row, column } = g.selected;
    if (move) {
      event.preventDefault();
      select(g, row + move[0], column + (event.key === 'Tab' && event.shiftKey ? -1 : move[1]));
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      startEdit(g);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      write(g, row, column, '');
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      startEdit(g, event.key);
    }
  });
  formula.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      write(g, g.selected.row, g.selected.column, formula.value);
      scroller.focus();
      select(g, g.selected.row + 1, g.selected.column);
    } else if (event.key === 'Escape') {
      showSelection(g);
      scroller.focus();
    }
  });
}
