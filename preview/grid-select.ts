/**
 * The preview grid's selection: the selected cell, its address and formula in the bar (or the
 * array formula it is part of), its value below the grid, and scrolling it into view past the
 * frozen first row and column.
 */
import { CellType, DetailedCellError } from 'hyperformula';
import { a1 } from './cells.ts';
import { type Grid, MIN_WIDTH, ROW_HEAD_WIDTH, ROW_HEIGHT, cellText } from './grid-paint.ts';

/** The formula of a cell, or of the array formula it is part of. */
function formulaOf(g: Grid, row: number, column: number): { text: string; anchor: string | null } | null {
  const sheet = g.sheet;
  if (!sheet) return null;
  const at = (r: number, c: number) => ({ sheet: sheet.id, row: r, col: c });
  const own = g.engine.getCellFormula(at(row, column));
  if (own) return { text: own, anchor: null };
  if (g.engine.getCellType(at(row, column)) !== CellType.ARRAY) return null;
  let r = row;
  let c = column;
  while (r > 0 && g.engine.getCellType(at(r, c)) === CellType.ARRAY && !g.engine.getCellFormula(at(r, c))) r--;
  while (c > 0 && !g.engine.getCellFormula(at(r, c))) c--;
  const anchor = g.engine.getCellFormula(at(r, c));
  return anchor ? { text: anchor, anchor: a1(r, c) } : null;
}

/** The selected cell in the bar and below the grid. */
export function showSelection(g: Grid): void {
  const { address, formula, detail } = g.dom;
  const sheet = g.sheet;
  if (!sheet) {
    address.textContent = '';
    formula.value = '';
    detail.textContent = '';
    return;
  }
  const { row, column } = g.selected;
  address.textContent = a1(row, column);
  const found = formulaOf(g, row, column);
  formula.value = found ? found.text : String(g.engine.getCellSerialized({ sheet: sheet.id, row, col: column }) ?? '');
  formula.classList.toggle('pv-inherited', Boolean(found?.anchor));
  formula.title = found?.anchor ? `Part of the array formula in ${found.anchor}` : '';
  const value = sheet.values[row]?.[column] ?? null;
  detail.textContent =
    value instanceof DetailedCellError ? `${value.value} ${value.message}` : `${found?.anchor ? `(from ${found.anchor}) ` : ''}${cellText(g, sheet, row, column)}`;
}

/** Selects a cell; with `scroll`, scrolls it into view (not for a click: the cell is in view). */
export function select(g: Grid, row: number, column: number, scroll = true): void {
  const sheet = g.sheet;
  if (!sheet) return;
  g.selected = { row: Math.max(0, Math.min(row, sheet.rows - 1)), column: Math.max(0, Math.min(column, sheet.columns - 1)) };
  if (scroll) scrollIntoView(g);
  showSelection(g);
  // Move the highlight without re-drawing, so a double-click lands on the same element.
  g.dom.table.querySelector('.pv-selected')?.classList.remove('pv-selected');
  g.dom.table.querySelector(`td[data-cell="${a1(g.selected.row, g.selected.column)}"]`)?.classList.add('pv-selected');
}

function scrollIntoView(g: Grid): void {
  const sheet = g.sheet;
  const { scroller } = g.dom;
  if (!sheet) return;
  // Row r (0-based) sits at (r + 1) rows from the top, under the letters; rows 2 on scroll under
  // the letters and the frozen row 1.
  const { row, column } = g.selected;
  if (row > 0 && (row - 1) * ROW_HEIGHT < scroller.scrollTop) scroller.scrollTop = (row - 1) * ROW_HEIGHT;
  else if (row > 0 && (row + 2) * ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = (row + 2) * ROW_HEIGHT - scroller.clientHeight;
  const width = (c: number) => sheet.widths[c] ?? MIN_WIDTH * 1.5;
  let left = 0;
  for (let c = 0; c < column; c++) left += width(c);
  const right = left + width(column);
  // Column A stays in place (frozen), so the others scroll in beside it.
  const frozen = column === 0 ? 0 : width(0);
  if (left - frozen < scroller.scrollLeft) scroller.scrollLeft = Math.max(0, left - frozen);
  else if (right + ROW_HEAD_WIDTH > scroller.scrollLeft + scroller.clientWidth) scroller.scrollLeft = right + ROW_HEAD_WIDTH - scroller.clientWidth;
}
