/**
 * The preview's spreadsheet grid: sheet tabs, a formula bar, and a virtualized table that draws
 * only the rows in view, with row 1 and column A frozen. Cells are read from HyperFormula and
 * re-drawn when it reports changed values on the sheet shown. Double-click, Enter, F2 or typing
 * edits a cell; Enter commits and moves down, Tab moves right, Escape cancels; Delete clears.
 * Cell text is always set as text (never innerHTML).
 */
import { CellType, DetailedCellError, type CellValue, type ExportedChange, type HyperFormula, type SimpleCellAddress } from 'hyperformula';
import { a1, columnName } from './cells.ts';
import type { HyperFormulaHost } from './host.ts';
import { AMOUNT_FORMAT, PERCENT_FORMAT } from '../workbook/summary-sheet.ts';
import { serialToDate } from './plugin.ts';

const ROW_HEIGHT = 24;
/** Rows drawn above and below the visible ones, so a fast scroll does not show gaps. */
const OVERSCAN = 8;
/** Empty rows and columns shown past the last value, to type into. */
const SPARE_ROWS = 20;
const SPARE_COLUMNS = 3;
const MIN_WIDTH = 56;
const MAX_WIDTH = 300;
const ROW_HEAD_WIDTH = 44;
/** How long a cell a recalculation changed stays highlighted (the CSS animation's length). */
const FLASH_MS = 1600;

export interface GridHandle {
  /** Draws the active sheet again (after outside changes). */
  refresh(): void;
  /** Selects a cell (0-based) on the active sheet and scrolls it into view. */
  select(row: number, column: number): void;
}

interface Sheet {
  name: string;
  id: number;
  values: CellValue[][];
  rows: number;
  columns: number;
  widths: number[];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * How a value reads in a cell: numbers rounded for the eye, or in the cell's number format where the
 * workbook set one (a tier summary's `0.0%` and `#,##0`), dates as ISO days, errors as #CODE.
 */
export function displayText(engine: HyperFormula, address: SimpleCellAddress, value: CellValue, format?: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof DetailedCellError) return value.value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number' && format === PERCENT_FORMAT) return `${(value * 100).toFixed(1)}%`;
  if (typeof value === 'number' && format === AMOUNT_FORMAT) return Math.round(value).toLocaleString('en-US');
  if (typeof value === 'number') {
    const type = engine.getCellValueDetailedType(address);
    if (type === 'NUMBER_DATE' || type === 'NUMBER_DATETIME') return serialToDate(value).toISOString().slice(0, 10);
    if (type === 'NUMBER_PERCENT') return `${Math.round(value * 10000) / 100}%`;
    const rounded = Number.isInteger(value) ? value : Math.round(value * 10000) / 10000;
    // Amounts read better grouped; years, sizes and scores stay as typed.
    return Math.abs(rounded) >= 10000 ? rounded.toLocaleString('en-US', { maximumFractionDigits: 4 }) : String(rounded);
  }
  return value;
}

export function mountGrid(root: HTMLElement, host: HyperFormulaHost): GridHandle {
  const engine = host.engine;
  root.classList.add('pv-grid');

  const bar = el('div', 'pv-bar');
  const address = el('span', 'pv-address');
  address.dataset.testid = 'cell-address';
  const formula = el('input', 'pv-formula');
  formula.dataset.testid = 'formula-bar';
  formula.setAttribute('aria-label', 'Cell content or formula');
  formula.spellcheck = false;
  bar.append(address, formula);

  const scroller = el('div', 'pv-scroll');
  scroller.dataset.testid = 'grid';
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'grid');
  const table = el('table', 'pv-table');
  const colgroup = el('colgroup');
  const thead = el('thead');
  const tbody = el('tbody');
  table.append(colgroup, thead, tbody);
  scroller.append(table);

  const detail = el('div', 'pv-detail');
  detail.dataset.testid = 'cell-value';
  detail.setAttribute('aria-live', 'polite');
  const tabs = el('div', 'pv-tabs');
  tabs.setAttribute('role', 'tablist');
  root.replaceChildren(bar, scroller, detail, tabs);

  let sheet: Sheet | null = null;
  let selected = { row: 0, column: 0 };
  let editing: { row: number; column: number; input: HTMLInputElement } | null = null;
  let frame = 0;
  /** True while drawRows swaps the rows (the editor is detached for a moment). */
  let redrawing = false;
  /** The column letters' row, at the top of the head. */
  let letters: HTMLTableRowElement | null = null;
  /** Cells of the shown sheet whose value just changed, and when: they flash, so a save is seen to do something. */
  let changed = new Map<string, number>();
  let changedTimer = 0;

  function load(name: string | null, keepWidths = false): void {
    if (!name || !engine.doesSheetExist(name)) {
      sheet = null;
      return;
    }
    const id = engine.getSheetId(name)!;
    const values = engine.getSheetValues(id);
    let rows = 0;
    let columns = 0;
    values.forEach((row, r) => {
      for (let c = row.length - 1; c >= 0; c--) {
        if (row[c] !== null && row[c] !== '') {
          rows = r + 1;
          columns = Math.max(columns, c + 1);
          break;
        }
      }
    });
    const widths = keepWidths && sheet?.name === name ? sheet.widths : measure(id, values, columns + SPARE_COLUMNS);
    sheet = { name, id, values, rows: rows + SPARE_ROWS, columns: Math.max(columns + SPARE_COLUMNS, widths.length), widths };
  }

  /** Column widths from the header and the first rows' text. */
  function measure(id: number, values: CellValue[][], columns: number): number[] {
    return Array.from({ length: Math.max(columns, 8) }, (_, c) => {
      let longest = 0;
      for (let r = 0; r < Math.min(values.length, 200); r++) {
        const text = displayText(engine, { sheet: id, row: r, col: c }, values[r]?.[c] ?? null, host.numberFormat({ sheet: id, row: r, col: c }));
        longest = Math.max(longest, text.length);
      }
      return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(longest * 7.2 + 18)));
    });
  }

  function drawTabs(): void {
    const active = host.activeSheetName();
    tabs.replaceChildren(
      ...host.visibleSheets().map((name) => {
        const tab = el('button', 'pv-tab', name);
        tab.type = 'button';
        tab.dataset.testid = 'sheet-tab';
        tab.dataset.sheet = name;
        tab.setAttribute('role', 'tab');
        tab.setAttribute('aria-selected', String(name === active));
        tab.addEventListener('click', () => host.setActive(name));
        return tab;
      }),
    );
  }

  function drawFrame(): void {
    colgroup.replaceChildren();
    thead.replaceChildren();
    letters = null;
    if (!sheet) return;
    const widths = Array.from({ length: sheet.columns }, (_, c) => sheet!.widths[c] ?? MIN_WIDTH * 1.5);
    const head = el('tr');
    colgroup.append(el('col', 'pv-rowhead-col'));
    head.append(el('th', 'pv-corner'));
    widths.forEach((width, c) => {
      const col = el('col');
      col.style.width = `${width}px`;
      colgroup.append(col);
      head.append(el('th', c === 0 ? 'pv-colhead pv-frozen' : 'pv-colhead', columnName(c)));
    });
    letters = head;
    thead.append(head);
    table.style.width = `${ROW_HEAD_WIDTH + widths.reduce((a, b) => a + b, 0)}px`;
  }

  /** Row 1 stays in the head (frozen, as the header row of a sheet); the body draws rows 2 on. */
  function drawRows(): void {
    frame = 0;
    if (!sheet) {
      tbody.replaceChildren();
      return;
    }
    // Redrawing moves the open editor into its new cell, which blurs it: that blur is not the
    // person leaving the cell, so it must not commit (it did, and the next key started a new edit).
    redrawing = true;
    try {
      const first = Math.max(1, 1 + Math.floor(scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
      const count = Math.ceil(scroller.clientHeight / ROW_HEIGHT) + OVERSCAN * 2;
      const last = Math.min(sheet.rows, first + count);
      const rows: HTMLTableRowElement[] = [];
      rows.push(spacer((first - 1) * ROW_HEIGHT));
      for (let r = first; r < last; r++) rows.push(drawRow(sheet, r));
      rows.push(spacer((sheet.rows - last) * ROW_HEIGHT));
      const frozen = drawRow(sheet, 0);
      frozen.classList.add('pv-frozen-row');
      if (letters) thead.replaceChildren(letters, frozen);
      tbody.replaceChildren(...rows);
    } finally {
      redrawing = false;
    }
    if (editing && document.activeElement !== editing.input) editing.input.focus({ preventScroll: true });
  }

  function spacer(height: number): HTMLTableRowElement {
    const row = el('tr', 'pv-spacer');
    const cell = el('td');
    cell.colSpan = (sheet?.columns ?? 0) + 1;
    cell.style.height = `${height}px`;
    row.append(cell);
    return row;
  }

  function drawRow(current: Sheet, r: number): HTMLTableRowElement {
    const row = el('tr');
    row.append(el('th', 'pv-rowhead', String(r + 1)));
    for (let c = 0; c < current.columns; c++) {
      const td = el('td');
      td.dataset.cell = a1(r, c);
      td.dataset.row = String(r);
      td.dataset.column = String(c);
      if (editing && editing.row === r && editing.column === c) {
        td.className = 'pv-editing';
        td.append(editing.input);
      } else {
        const value = current.values[r]?.[c] ?? null;
        td.textContent = displayText(engine, { sheet: current.id, row: r, col: c }, value, host.numberFormat({ sheet: current.id, row: r, col: c }));
        if (typeof value === 'number') td.className = 'pv-number';
        if (value instanceof DetailedCellError) {
          td.className = 'pv-error';
          td.title = value.message;
        }
        if (r === 0 && current.values[0]?.some((v) => typeof v === 'string' && v !== '')) td.classList.add('pv-header-row');
      }
      if (c === 0) td.classList.add('pv-frozen');
      if (r === selected.row && c === selected.column) td.classList.add('pv-selected');
      const changedAt = changed.get(td.dataset.cell);
      if (changedAt !== undefined) {
        td.classList.add('pv-changed');
        // A redraw mid-flash continues the animation where it was.
        td.style.animationDelay = `-${Math.round(performance.now() - changedAt)}ms`;
      }
      row.append(td);
    }
    return row;
  }

  function schedule(): void {
    if (!frame) frame = requestAnimationFrame(drawRows);
  }

  /** The formula of a cell, or of the array formula it is part of. */
  function formulaOf(row: number, column: number): { text: string; anchor: string | null } | null {
    if (!sheet) return null;
    const at = (r: number, c: number) => ({ sheet: sheet!.id, row: r, col: c });
    const own = engine.getCellFormula(at(row, column));
    if (own) return { text: own, anchor: null };
    if (engine.getCellType(at(row, column)) !== CellType.ARRAY) return null;
    let r = row;
    let c = column;
    while (r > 0 && engine.getCellType(at(r, c)) === CellType.ARRAY && !engine.getCellFormula(at(r, c))) r--;
    while (c > 0 && !engine.getCellFormula(at(r, c))) c--;
    const anchor = engine.getCellFormula(at(r, c));
    return anchor ? { text: anchor, anchor: a1(r, c) } : null;
  }

  function showSelection(): void {
    if (!sheet) {
      address.textContent = '';
      formula.value = '';
      detail.textContent = '';
      return;
    }
    const { row, column } = selected;
    const where = { sheet: sheet.id, row, col: column };
    address.textContent = a1(row, column);
    const found = formulaOf(row, column);
    formula.value = found ? found.text : String(engine.getCellSerialized(where) ?? '');
    formula.classList.toggle('pv-inherited', Boolean(found?.anchor));
    formula.title = found?.anchor ? `Part of the array formula in ${found.anchor}` : '';
    const value = sheet.values[row]?.[column] ?? null;
    detail.textContent =
      value instanceof DetailedCellError
        ? `${value.value} ${value.message}`
        : `${found?.anchor ? `(from ${found.anchor}) ` : ''}${displayText(engine, where, value, host.numberFormat(where))}`;
  }

  /** Selects a cell; with `scroll`, scrolls it into view (not for a click: the cell is in view). */
  function select(row: number, column: number, scroll = true): void {
    if (!sheet) return;
    selected = { row: Math.max(0, Math.min(row, sheet.rows - 1)), column: Math.max(0, Math.min(column, sheet.columns - 1)) };
    if (scroll) scrollIntoView();
    showSelection();
    // Move the highlight without re-drawing, so a double-click lands on the same element.
    table.querySelector('.pv-selected')?.classList.remove('pv-selected');
    table.querySelector(`td[data-cell="${a1(selected.row, selected.column)}"]`)?.classList.add('pv-selected');
  }

  function scrollIntoView(): void {
    if (!sheet) return;
    // Row r (0-based) sits at (r + 1) rows from the top, under the letters; rows 2 on scroll under
    // the letters and the frozen row 1.
    const row = selected.row;
    if (row > 0 && (row - 1) * ROW_HEIGHT < scroller.scrollTop) scroller.scrollTop = (row - 1) * ROW_HEIGHT;
    else if (row > 0 && (row + 2) * ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = (row + 2) * ROW_HEIGHT - scroller.clientHeight;
    const width = (c: number) => sheet!.widths[c] ?? MIN_WIDTH * 1.5;
    let left = 0;
    for (let c = 0; c < selected.column; c++) left += width(c);
    const right = left + width(selected.column);
    // Column A stays in place (frozen), so the others scroll in beside it.
    const frozen = selected.column === 0 ? 0 : width(0);
    if (left - frozen < scroller.scrollLeft) scroller.scrollLeft = Math.max(0, left - frozen);
    else if (right + ROW_HEAD_WIDTH > scroller.scrollLeft + scroller.clientWidth) scroller.scrollLeft = right + ROW_HEAD_WIDTH - scroller.clientWidth;
  }

  function startEdit(initial?: string): void {
    if (!sheet) return;
    const input = el('input', 'pv-editor');
    input.dataset.testid = 'cell-editor';
    input.spellcheck = false;
    input.value = initial ?? formula.value;
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        commit(input.value, event.key === 'Tab' ? [0, event.shiftKey ? -1 : 1] : [event.shiftKey ? -1 : 1, 0]);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        cancelEdit();
      }
    });
    input.addEventListener('blur', () => {
      if (redrawing) return;
      if (editing?.input === input) commit(input.value, [0, 0]);
    });
    editing = { row: selected.row, column: selected.column, input };
    drawRows();
    // The editor is wider than a narrow column: focusing it must not scroll the grid under it.
    input.focus({ preventScroll: true });
    input.setSelectionRange(input.value.length, input.value.length);
  }

  function cancelEdit(): void {
    editing = null;
    drawRows();
    scroller.focus();
  }

  function commit(text: string, move: [number, number]): void {
    if (!editing || !sheet) return;
    const { row, column } = editing;
    editing = null;
    write(row, column, text);
    scroller.focus();
    select(row + move[0], column + move[1]);
  }

  function write(row: number, column: number, text: string): void {
    if (!sheet) return;
    try {
      host.setCellInput(sheet.name, row, column, text);
    } catch (error) {
      detail.textContent = error instanceof Error ? error.message : String(error);
    }
  }

  scroller.addEventListener('scroll', schedule);
  scroller.addEventListener('mousedown', (event) => {
    const td = (event.target as HTMLElement).closest('td');
    if (!td?.dataset.cell || td.classList.contains('pv-editing')) return;
    if (editing) commit(editing.input.value, [0, 0]);
    select(Number(td.dataset.row), Number(td.dataset.column), false);
  });
  scroller.addEventListener('dblclick', (event) => {
    const td = (event.target as HTMLElement).closest('td');
    if (td?.dataset.cell && !td.classList.contains('pv-editing')) startEdit();
  });
  scroller.addEventListener('keydown', (event) => {
    if (editing || event.target !== scroller) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Tab: [0, 1] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      select(selected.row + move[0], selected.column + (event.key === 'Tab' && event.shiftKey ? -1 : move[1]));
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      startEdit();
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      write(selected.row, selected.column, '');
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      startEdit(event.key);
    }
  });
  formula.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      write(selected.row, selected.column, formula.value);
      scroller.focus();
      select(selected.row + 1, selected.column);
    } else if (event.key === 'Escape') {
      showSelection();
      scroller.focus();
    }
  });

  function refresh(): void {
    load(host.activeSheetName());
    drawTabs();
    drawFrame();
    drawRows();
    showSelection();
  }

  /** New values from the engine: keep the columns' widths, re-read and re-draw. */
  function update(): void {
    load(host.activeSheetName(), true);
    drawRows();
    if (!editing) showSelection();
  }

  function markChanged(changes: ExportedChange[]): void {
    if (!sheet) return;
    const now = performance.now();
    const same = (a: CellValue, b: CellValue) =>
      a === b || (a instanceof DetailedCellError && b instanceof DetailedCellError && a.value === b.value && a.message === b.message);
    for (const change of changes) {
      if (!('address' in change) || change.address.sheet !== sheet.id) continue;
      const { row, col } = change.address;
      // HyperFormula reports every cell of a recalculated array: flash only the values that differ.
      if (!same(sheet.values[row]?.[col] ?? null, change.newValue ?? null)) changed.set(a1(row, col), now);
    }
    window.clearTimeout(changedTimer);
    changedTimer = window.setTimeout(() => (changed = new Map()), FLASH_MS);
  }

  // Only changes to the sheet on screen re-draw it (scoring the deals must not re-read the prospects).
  // The grid reads the engine once the change that fired this event has finished: reading from
  // inside the event, while HyperFormula rebuilds its arrays, threw "Unknown array" out of
  // setCellContents (the cell was written, but whatever followed the write never ran).
  let updateQueued = false;
  engine.on('valuesUpdated', (changes) => {
    if (!sheet || changes.some((change) => !('address' in change) || change.address.sheet === sheet!.id)) {
      markChanged(changes);
      if (updateQueued) return;
      updateQueued = true;
      queueMicrotask(() => {
        updateQueued = false;
        update();
      });
    }
  });
  engine.on('sheetAdded', drawTabs);
  engine.on('sheetRemoved', drawTabs);
  host.onChange((change) => {
    if (change.kind === 'active') {
      editing = null;
      changed = new Map();
      selected = { row: 0, column: 0 };
      scroller.scrollTop = 0;
      scroller.scrollLeft = 0;
      refresh();
    } else drawTabs();
  });
  new ResizeObserver(schedule).observe(scroller);
  refresh();
  return { refresh, select };
}
