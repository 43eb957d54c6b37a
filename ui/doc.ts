/**
 * The model sheet as the panel edits it: every row under the header, in sheet order, with the
 * cells of columns the model does not use kept as they were (nothing the user typed is lost).
 */
import { KINDS, MODEL_COLUMNS, type Kind, type ModelColumn, type ModelRow, ROW_KEYS, findModelHeader, normalizeText } from '../core/index.ts';
import { isBlankCell } from '../workbook/grid.ts';
import type { WireCell } from '../workbook/host.ts';

export type { ModelColumn };

/** One row of the model sheet. Rows with a blank Kind (comments, spacers) are kept in place. */
export interface EditorRow {
  /** Stable identity for the editor (keys, undo); not written to the sheet. */
  id: number;
  kind: string;
  name: string;
  field: string;
  rule: string;
  value: WireCell;
  points: WireCell;
  dimension: string;
  note: string;
  /** Cells of the sheet's other columns, by header position (see ModelDoc.columns). */
  extra: Record<number, WireCell>;
}

export interface ModelDoc {
  /** The header row as written back: the sheet's own layout, missing model columns appended. */
  columns: string[];
  /** Blank rows above the header row (the sheet's row numbers count them). */
  headerIndex: number;
  rows: EditorRow[];
}

let nextId = 1;
/** A fresh row id (unique within this page). */
export function newId(): number {
  return nextId++;
}

export function blankRow(kind: string, init: Partial<Omit<EditorRow, 'id'>> = {}): EditorRow {
  return { id: newId(), kind, name: '', field: '', rule: '', value: '', points: '', dimension: '', note: '', extra: {}, ...init };
}

function cellText(cell: WireCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'string' ? cell : String(cell);
}

/**
 * The model sheet's cells as a document. The header row is the first non-blank row; trailing
 * blank rows are dropped, blank rows in between are kept (they hold row numbers in place).
 * The caller has checked the header with the core (`gridToRows`) first.
 */
export function docFromGrid(grid: readonly (readonly WireCell[])[]): ModelDoc {
  const found = findModelHeader(grid);
  const headerIndex = Math.max(0, found.headerIndex);
  const header = grid[headerIndex] ?? [];
  const positions = found.columns;
  const columns = header.map(cellText);
  for (const column of MODEL_COLUMNS) {
    if (!positions.has(column)) {
      positions.set(column, columns.length);
      columns.push(column);
    }
  }
  const standard = new Set(positions.values());
  let body = grid.slice(headerIndex + 1);
  while (body.length > 0 && body[body.length - 1]!.every(isBlankCell)) body = body.slice(0, -1);
  const rows = body.map((cells) => {
    const row = blankRow('');
    for (const [column, index] of positions) {
      const cell = cells[index] ?? '';
      const key = ROW_KEYS[column];
      if (key === 'value' || key === 'points') row[key] = cell ?? '';
      else (row as unknown as Record<string, string>)[key] = cellText(cell);
    }
    cells.forEach((cell, index) => {
      if (!standard.has(index) && !isBlankCell(cell)) row.extra[index] = cell;
    });
    return row;
  });
  return { columns, headerIndex, rows };
}

/** A fresh document from model rows (a preset): the standard header. */
export function docFromModelRows(rows: readonly ModelRow[]): ModelDoc {
  return {
    columns: [...MODEL_COLUMNS],
    headerIndex: 0,
    rows: rows.map((r) => blankRow(r.kind, { ...r, value: toWire(r.value), points: toWire(r.points), extra: {} })),
  };
}

function toWire(cell: ModelRow['value']): WireCell {
  if (cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return cell;
}

export function emptyDoc(): ModelDoc {
  return { columns: [...MODEL_COLUMNS], headerIndex: 0, rows: [] };
}

/** The sheet row number (1-based, as the sheet shows it) of the row at `index`. */
export function sheetRow(doc: ModelDoc, index: number): number {
  return doc.headerIndex + index + 2;
}

/** Kind as the core reads it, or '' for a blank Kind, or null for an unknown word. */
export function kindOf(row: EditorRow): Kind | '' | null {
  const word = normalizeText(row.kind);
  if (word === '') return '';
  return (KINDS as readonly string[]).includes(word) ? (word as Kind) : null;
}

/** A row as it is written to the sheet and read by the core: text trimmed. */
export function toModelRow(row: EditorRow): ModelRow {
  const trim = (cell: WireCell) => (typeof cell === 'string' ? cell.trim() : cell);
  return {
    kind: row.kind.trim(),
    name: row.name.trim(),
    field: row.field.trim(),
    rule: row.rule.trim(),
    value: trim(row.value),
    points: trim(row.points),
    dimension: row.dimension.trim(),
    note: row.note.trim(),
  };
}

/** The rows the core reads (blank Kind left out), numbered as the sheet numbers them. */
export function coreRows(doc: ModelDoc): { row: number; data: ModelRow; id: number }[] {
  return doc.rows.flatMap((row, index) =>
    row.kind.trim() === '' ? [] : [{ row: sheetRow(doc, index), data: toModelRow(row), id: row.id }],
  );
}

/** The document as the model sheet's cells, header row first, in the sheet's column layout. */
export function docToGrid(doc: ModelDoc): WireCell[][] {
  const positions = findModelHeader([doc.columns]).columns;
  const width = doc.columns.length;
  const lead: WireCell[][] = Array.from({ length: doc.headerIndex }, () => Array<WireCell>(width).fill(''));
  const body = doc.rows.map((row) => {
    const cells = Array<WireCell>(width).fill('');
    for (const [index, cell] of Object.entries(row.extra)) cells[Number(index)] = cell;
    const model = toModelRow(row);
    for (const [column, index] of positions) cells[index] = (model[ROW_KEYS[column]] as WireCell) ?? '';
    cells[positions.get('Value')!] = numberIfPlain(model.value as WireCell);
    cells[positions.get('Points')!] = numberIfPlain(model.points as WireCell);
    return cells;
  });
  return [...lead, [...doc.columns], ...body];
}

/**
 * A typed cell as written to the sheet: text that is a plain number in its shortest spelling
 * (`30`, `-10`, `2.5`) becomes a number; `007`, `10.0`, `20%` and all other text stay text.
 */
export function numberIfPlain(cell: WireCell): WireCell {
  if (typeof cell !== 'string' || !/^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/.test(cell)) return cell;
  return Number(cell);
}

/** A cell as an input shows it. */
export function inputText(cell: WireCell): string {
  return cellText(cell);
}
