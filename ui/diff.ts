/**
 * The difference between the model the panel holds and what the sheet holds now (after
 * someone else saved): rows only in one of them, and rows changed in place.
 */
import { MODEL_COLUMNS, normalizeText } from '../core/index.ts';
import { type EditorRow, type ModelDoc, numberIfPlain, sheetRow, toModelRow } from './doc.ts';

export interface DiffRow {
  /** The row's sheet number in the document it comes from. */
  row: number;
  kind: string;
  name: string;
  /** `Field Rule Value → Points` in short. */
  summary: string;
}

export interface ChangedRow {
  mine: DiffRow;
  theirs: DiffRow;
  /** The columns that differ, with each side's text. */
  columns: { column: string; mine: string; theirs: string }[];
}

export interface ModelDiff {
  onlyMine: DiffRow[];
  onlyTheirs: DiffRow[];
  changed: ChangedRow[];
}

type Cells = Record<(typeof MODEL_COLUMNS)[number], string>;

function cellsOf(row: EditorRow): Cells {
  const model = toModelRow(row);
  const text = (cell: unknown) => {
    const plain = numberIfPlain(cell as string);
    return plain === null || plain === undefined ? '' : String(plain).trim();
  };
  return {
    Kind: normalizeText(model.kind),
    Name: model.name,
    Field: model.field,
    Rule: normalizeText(model.rule),
    Value: text(model.value),
    Points: text(model.points),
    Dimension: model.dimension,
    Note: model.note,
  };
}

interface Item {
  cells: Cells;
  signature: string;
  identity: string;
  placed: DiffRow;
}

function items(doc: ModelDoc): Item[] {
  return doc.rows.flatMap((row, index) => {
    if (row.kind.trim() === '') return [];
    const cells = cellsOf(row);
    const summary = [cells.Field, cells.Rule, cells.Value].filter(Boolean).join(' ') + (cells.Points ? ` → ${cells.Points}` : '');
    return [
      {
        cells,
        signature: JSON.stringify(MODEL_COLUMNS.map((c) => (c === 'Name' ? normalizeText(cells[c]) : cells[c]))),
        identity: `${cells.Kind}|${normalizeText(cells.Name)}`,
        placed: { row: sheetRow(doc, index), kind: cells.Kind, name: cells.Name, summary },
      },
    ];
  });
}

/** Rows equal in every model column match; of the rest, rows of one kind and name pair up as changed. */
export function diffDocs(mine: ModelDoc, theirs: ModelDoc): ModelDiff {
  const left = items(mine);
  const right = items(theirs);
  const unmatchedRight = [...right];
  const restLeft: Item[] = [];
  for (const item of left) {
    const at = unmatchedRight.findIndex((other) => other.signature === item.signature);
    if (at >= 0) unmatchedRight.splice(at, 1);
    else restLeft.push(item);
  }
  const diff: ModelDiff = { onlyMine: [], onlyTheirs: [], changed: [] };
  for (const item of restLeft) {
    const at = unmatchedRight.findIndex((other) => other.identity === item.identity);
    if (at < 0) {
      diff.onlyMine.push(item.placed);
      continue;
    }
    const [other] = unmatchedRight.splice(at, 1) as [Item];
    const columns = MODEL_COLUMNS.filter((c) => item.cells[c] !== other.cells[c]).map((column) => ({
      column,
      mine: item.cells[column],
      theirs: other.cells[column],
    }));
    diff.changed.push({ mine: item.placed, theirs: other.placed, columns });
  }
  diff.onlyTheirs = unmatchedRight.map((item) => item.placed);
  return diff;
}
