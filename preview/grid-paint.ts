/**
 * The preview grid's state and its painting: the sheet shown read from HyperFormula, its column
 * widths, the sheet tabs, the column letters, and the rows in view (a virtualized table: only the
 * rows on screen are drawn, row 1 stays in the head). Cells a recalculation changed flash.
 * Cell text is always set as text (never innerHTML).
 */
import { DetailedCellError, type CellValue, type ExportedChange, type HyperFormula, type SimpleCellAddress } from 'hyperformula';
import { AMOUNT_FORMAT, PERCENT_FORMAT } from '../workbook/summary-sheet.ts';
import { a1, columnName } from './cells.ts';
import type { HyperFormulaHost } from './host.ts';
import { serialToDate } from './plugin.ts';

export const ROW_HEIGHT = 24;
/** Rows drawn above and below the visible ones, so a fast scroll does not show gaps. */
const OVERSCAN = 8;
/** Empty rows and columns shown past the last value, to type into. */
const SPARE_ROWS = 20;
const SPARE_COLUMNS = 3;
export const MIN_WIDTH = 56;
const MAX_WIDTH = 300;
export const ROW_HEAD_WIDTH = 44;
/** How long a cell a recalculation changed stays highlighted (the CSS animation's length). */
const FLASH_MS = 1600;

export interface Sheet {
  name: string;
  id: number;
  values: CellValue[][];
  rows: number;
  columns: number;
  widths: number[];
}

/** The grid's elements. */
export interface GridDom {
  address: HTMLSpanElement;
  formula: HTMLInputElement;
  scroller: HTMLDivElement;
  table: HTMLTableElement;
  colgroup: HTMLTableColElement;
  thead: HTMLTableSectionElement;
  tbody: HTMLTableSectionElement;
  detail: HTMLDivElement;
  tabs: HTMLDivElement;
}

/** Everything the grid's parts share: the workbook, the elements, what is shown, selected and edited. */
export interface Grid {
  host: HyperFormulaHost;
  engine: HyperFormula;
  dom: GridDom;
  sheet: Sheet | null;
  selected: { row: number; column: number };
  editing: { row: number; column: number; input: HTMLInputElement } | null;
  /** The animation frame a redraw waits for (0: none). */
  frame: number;
  /** True while drawRows swaps the rows (the editor is detached for a moment). */
  redrawing: boolean;
  /** The column letters' row, at the top of the head. */
  letters: HTMLTableRowElement | null;
  /** Cells of the shown sheet whose value just changed, and when: they flash, so a save is seen to do something. */
  changed: Map<string, number>;
  changedTimer: number;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
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

/** A cell's text as the grid shows it. */
export function cellText(g: Grid, sheet: Sheet, row: number, column: number): string {
  const address = { sheet: sheet.id, row, col: column };
  return displayText(g.engine, address, sheet.values[row]?.[column] ?? null, g.host.numberFormat(address));
}

/** Column widths from the header and the first rows' text. */
function measure(g: Grid, sheet: Omit<Sheet, 'widths'>, columns: number): number[] {
  return Array.from({ length: Math.max(columns, 8) }, (_, c) => {
    let longest = 0;
    for (let r = 0; r < Math.min(sheet.values.length, 200); r++) longest = Math.max(longest, cellText(g, { ...sheet, widths: [] }, r, c).length);
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(longest * 7.2 + 18)));
  });
}

/** Reads a sheet from the engine (keeping the columns' widths, for new values of the same sheet). */
export function loadSheet(g: Grid, name: string | null, keepWidths = false): void {
  if (!name || !g.engine.doesSheetExist(name)) {
    g.sheet = null;
    return;
  }
  const id = g.engine.getSheetId(name)!;
  const values = g.engine.getSheetValues(id);
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
  const widths = keepWidths && g.sheet?.name === name ? g.sheet.widths : measure(g, { name, id, values, rows, columns }, columns + SPARE_COLUMNS);
  g.sheet = { name, id, values, rows: rows + SPARE_ROWS, columns: Math.max(columns + SPARE_COLUMNS, widths.length), widths };
}

export function drawTabs(g: Grid): void {
  const active = g.host.activeSheetName();
  g.dom.tabs.replaceChildren(
    ...g.host.visibleSheets().map((name) => {
      const tab = el('button', 'pv-tab', name);
      tab.type = 'button';
      tab.dataset.testid = 'sheet-tab';
      tab.dataset.sheet = name;
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-selected', String(name === active));
      tab.addEventListener('click', () => g.host.setActive(name));
      return tab;
    }),
  );
}

/** The columns and their letters. */
export function drawFrame(g: Grid): void {
  const { colgroup, thead, table } = g.dom;
  colgroup.replaceChildren();
  thead.replaceChildren();
  g.letters = null;
  const sheet = g.sheet;
  if (!sheet) return;
  const widths = Array.from({ length: sheet.columns }, (_, c) => sheet.widths[c] ?? MIN_WIDTH * 1.5);
  const head = el('tr');
  colgroup.append(el('col', 'pv-rowhead-col'));
  head.append(el('th', 'pv-corner'));
  widths.forEach((width, c) => {
    const col = el('col');
    col.style.width = `${width}px`;
    colgroup.append(col);
    head.append(el('th', c === 0 ? 'pv-colhead pv-frozen' : 'pv-colhead', columnName(c)));
  });
  g.letters = head;
  thead.append(head);
  table.style.width = `${ROW_HEAD_WIDTH + widths.reduce((a, b) => a + b, 0)}px`;
}

/** Row 1 stays in the head (frozen, as the header row of a sheet); the body draws rows 2 on. */
export function drawRows(g: Grid): void {
  g.frame = 0;
  const { scroller, thead, tbody } = g.dom;
  const sheet = g.sheet;
  if (!sheet) {
    tbody.replaceChildren();
    return;
  }
  // Redrawing moves the open editor into its new cell, which blurs it: that blur is not the
  // person leaving the cell, so it must not commit (it did, and the next key started a new edit).
  g.redrawing = true;
  try {
    const first = Math.max(1, 1 + Math.floor(scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const count = Math.ceil(scroller.clientHeight / ROW_HEIGHT) + OVERSCAN * 2;
    const last = Math.min(sheet.rows, first + count);
    const rows: HTMLTableRowElement[] = [spacer(sheet, (first - 1) * ROW_HEIGHT)];
    for (let r = first; r < last; r++) rows.push(drawRow(g, sheet, r));
    rows.push(spacer(sheet, (sheet.rows - last) * ROW_HEIGHT));
    const frozen = drawRow(g, sheet, 0);
    frozen.classList.add('pv-frozen-row');
    if (g.letters) thead.replaceChildren(g.letters, frozen);
    tbody.replaceChildren(...rows);
  } finally {
    g.redrawing = false;
  }
  if (g.editing && document.activeElement !== g.editing.input) g.editing.input.focus({ preventScroll: true });
}

/** Redraws the rows at the next frame (once, however often asked). */
export function schedule(g: Grid): void {
  if (!g.frame) g.frame = requestAnimationFrame(() => drawRows(g));
}

function spacer(sheet: Sheet, height: number): HTMLTableRowElement {
  const row = el('tr', 'pv-spacer');
  const cell = el('td');
  cell.colSpan = sheet.columns + 1;
  cell.style.height = `${height}px`;
  row.append(cell);
  return row;
}

function drawRow(g: Grid, sheet: Sheet, r: number): HTMLTableRowElement {
  const row = el('tr');
  row.append(el('th', 'pv-rowhead', String(r + 1)));
  const header = r === 0 && sheet.values[0]?.some((v) => typeof v === 'string' && v !== '');
  for (let c = 0; c < sheet.columns; c++) {
    const td = el('td');
    td.dataset.cell = a1(r, c);
    td.dataset.row = String(r);
    td.dataset.column = String(c);
    if (g.editing && g.editing.row === r && g.editing.column === c) {
      td.className = 'pv-editing';
      td.append(g.editing.input);
    } else {
      const value = sheet.values[r]?.[c] ?? null;
      td.textContent = cellText(g, sheet, r, c);
      if (typeof value === 'number') td.className = 'pv-number';
      if (value instanceof DetailedCellError) {
        td.className = 'pv-error';
        td.title = value.message;
      }
      if (header) td.classList.add('pv-header-row');
    }
    if (c === 0) td.classList.add('pv-frozen');
    if (r === g.selected.row && c === g.selected.column) td.classList.add('pv-selected');
    const changedAt = g.changed.get(td.dataset.cell);
    if (changedAt !== undefined) {
      td.classList.add('pv-changed');
      // A redraw mid-flash continues the animation where it was.
      td.style.animationDelay = `-${Math.round(performance.now() - changedAt)}ms`;
    }
    row.append(td);
  }
  return row;
}

/** The cells of the shown sheet whose values a recalculation changed: they flash. */
export function markChanged(g: Grid, changes: ExportedChange[]): void {
  const sheet = g.sheet;
  if (!sheet) return;
  const now = performance.now();
  const same = (a: CellValue, b: CellValue) =>
    a === b || (a instanceof DetailedCellError && b instanceof DetailedCellError && a.value === b.value && a.message === b.message);
  for (const change of changes) {
    if (!('address' in change) || change.address.sheet !== sheet.id) continue;
    const { row, col } = change.address;
    // HyperFormula reports every cell of a recalculated array: flash only the values that differ.
    if (!same(sheet.values[row]?.[col] ?? null, change.newValue ?? null)) g.changed.set(a1(row, col), now);
  }
  window.clearTimeout(g.changedTimer);
  g.changedTimer = window.setTimeout(() => (g.changed = new Map()), FLASH_MS);
}
