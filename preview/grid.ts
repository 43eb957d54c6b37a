/**
 * The preview's spreadsheet grid: sheet tabs, a formula bar, and a virtualized table that draws
 * only the rows in view, with row 1 and column A frozen. Its parts: painting (grid-paint.ts: what is
 * drawn, read from HyperFormula), selection (grid-select.ts) and editing (grid-edit.ts). Here they
 * are put together, and the grid follows the workbook: it re-draws when HyperFormula reports changed
 * values on the sheet shown, and when the active sheet or the list of sheets changes.
 */
import type { ExportedChange } from 'hyperformula';
import { listenForKeys, listenForPointer } from './grid-edit.ts';
import { type Grid, type GridDom, drawFrame, drawRows, drawTabs, el, loadSheet, markChanged, schedule } from './grid-paint.ts';
import { select, showSelection } from './grid-select.ts';
import type { HyperFormulaHost } from './host.ts';

export { displayText } from './grid-paint.ts';

export interface GridHandle {
  /** Draws the active sheet again (after outside changes). */
  refresh(): void;
  /** Selects a cell (0-based) on the active sheet and scrolls it into view. */
  select(row: number, column: number): void;
}

/** The bar (address and formula), the scrolling table, the value line and the sheet tabs. */
function buildDom(root: HTMLElement): GridDom {
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
  return { address, formula, scroller, table, colgroup, thead, tbody, detail, tabs };
}

function refresh(g: Grid): void {
  loadSheet(g, g.host.activeSheetName());
  drawTabs(g);
  drawFrame(g);
  drawRows(g);
  showSelection(g);
}

/** New values from the engine: keep the columns' widths, re-read and re-draw. */
function update(g: Grid): void {
  loadSheet(g, g.host.activeSheetName(), true);
  drawRows(g);
  if (!g.editing) showSelection(g);
}

/** The grid follows the workbook: values recalculated, sheets added or removed, another sheet active. */
function follow(g: Grid): void {
  // Only changes to the sheet on screen re-draw it (scoring the deals must not re-read the prospects).
  // The grid reads the engine once the change that fired this event has finished: reading from
  // inside the event, while HyperFormula rebuilds its arrays, threw "Unknown array" out of
  // setCellContents (the cell was written, but whatever followed the write never ran).
  let updateQueued = false;
  g.engine.on('valuesUpdated', (changes: ExportedChange[]) => {
    if (g.sheet && !changes.some((change) => !('address' in change) || change.address.sheet === g.sheet!.id)) return;
    markChanged(g, changes);
    if (updateQueued) return;
    updateQueued = true;
    queueMicrotask(() => {
      updateQueued = false;
      update(g);
    });
  });
  g.engine.on('sheetAdded', () => drawTabs(g));
  g.engine.on('sheetRemoved', () => drawTabs(g));
  g.host.onChange((change) => {
    if (change.kind !== 'active') return drawTabs(g);
    g.editing = null;
    g.changed = new Map();
    g.selected = { row: 0, column: 0 };
    g.dom.scroller.scrollTop = 0;
    g.dom.scroller.scrollLeft = 0;
    refresh(g);
  });
}

export function mountGrid(root: HTMLElement, host: HyperFormulaHost): GridHandle {
  const g: Grid = {
    host,
    engine: host.engine,
    dom: buildDom(root),
    sheet: null,
    selected: { row: 0, column: 0 },
    editing: null,
    frame: 0,
    redrawing: false,
    letters: null,
    changed: new Map(),
    changedTimer: 0,
  };
  g.dom.scroller.addEventListener('scroll', () => schedule(g));
  listenForPointer(g);
  listenForKeys(g);
  follow(g);
  new ResizeObserver(() => schedule(g)).observe(g.dom.scroller);
  refresh(g);
  return { refresh: () => refresh(g), select: (row, column) => select(g, row, column) };
}
