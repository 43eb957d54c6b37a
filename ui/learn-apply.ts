/**
 * What applying a learned model would change, before anything is applied (issue 21): the model's
 * rows before → after (a criterion going to 0 points first, since it stops counting), and how many
 * accounts of a scored sheet change tier. Pure: the Learn tab shows it and asks for a tick on every
 * criterion going to 0 before it applies.
 */
import { type Model, type ScoreOptions, bindModel, evaluateRow, normalizeText } from '../core/index.ts';
import type { WireCell } from '../workbook/host.ts';
import { type EditorRow, type ModelDoc, inputText } from './doc.ts';

/** One model row (a criterion with its `and` rows, an exclusion or a tier) as the preview compares it. */
interface Item {
  kind: string;
  name: string;
  field: string;
  /** `Industry is any of Healthcare`, with the and rows: `… and Region is any of EMEA`. */
  condition: string;
  /** The points, `exclude`, or a tier's minimum. */
  points: string;
}

export interface RowChange {
  name: string;
  kind: string;
  /** null: a new row (before) or a removed one (after). */
  before: Pick<Item, 'condition' | 'points'> | null;
  after: Pick<Item, 'condition' | 'points'> | null;
  /** A criterion that counted and gives 0 points after: it must be confirmed. */
  toZero: boolean;
}

const COMPARED = new Set(['criterion', 'exclude', 'tier']);

function conditionOf(row: EditorRow): string {
  return [row.field, row.rule, inputText(row.value)].map((s) => s.trim()).filter(Boolean).join(' ');
}

/** The rows a preview compares, each criterion or exclusion with its and rows folded in. */
function itemsOf(doc: ModelDoc): Item[] {
  const items: Item[] = [];
  for (const row of doc.rows) {
    const kind = normalizeText(row.kind);
    if (kind === 'and' && items.length && items[items.length - 1]!.kind !== 'tier') {
      items[items.length - 1]!.condition += ` and ${conditionOf(row)}`;
      continue;
    }
    if (!COMPARED.has(kind)) continue;
    const points = kind === 'exclude' ? 'exclude' : kind === 'tier' ? `minimum ${inputText(row.value).trim()}` : inputText(row.points).trim() || '0';
    items.push({ kind, name: row.name.trim(), field: row.field.trim(), condition: kind === 'tier' ? '' : conditionOf(row), points });
  }
  return items;
}

const sameRow = (a: Item, b: Item) => normalizeText(a.name) === normalizeText(b.name) && normalizeText(a.field) === normalizeText(b.field) && (a.kind === 'tier') === (b.kind === 'tier');

const side = (item: Item): Pick<Item, 'condition' | 'points'> => ({ condition: item.condition, points: item.points });

const counts = (points: string) => points !== '0' && points !== 'exclude' && !points.startsWith('minimum');

/**
 * The rows that change from `before` to `after`, criteria going to 0 points first, then the rest
 * in sheet order. Rows are paired in order by name and Field (a found row shares a name with a
 * model row only after it, where it is new).
 */
export function modelChanges(before: ModelDoc, after: ModelDoc): RowChange[] {
  const old = itemsOf(before);
  const changes: RowChange[] = [];
  let next = 0;
  for (const item of itemsOf(after)) {
    const at = old.findIndex((o, i) => i >= next && sameRow(o, item));
    if (at < 0) {
      changes.push({ name: item.name, kind: item.kind, before: null, after: side(item), toZero: false });
      continue;
    }
    for (const gone of old.slice(next, at)) changes.push({ name: gone.name, kind: gone.kind, before: side(gone), after: null, toZero: false });
    const was = old[at]!;
    next = at + 1;
    if (was.condition === item.condition && was.points === item.points && was.kind === item.kind) continue;
    changes.push({ name: item.name, kind: item.kind, before: side(was), after: side(item), toZero: was.kind === 'criterion' && counts(was.points) && item.kind === 'criterion' && item.points === '0' });
  }
  for (const gone of old.slice(next)) changes.push({ name: gone.name, kind: gone.kind, before: side(gone), after: null, toZero: false });
  return [...changes.filter((c) => c.toZero), ...changes.filter((c) => !c.toZero)];
}

export interface TierMoves {
  sheet: string;
  /** Rows that hold anything. */
  accounts: number;
  /** Accounts whose tier (or score) differs under the model after. */
  changedTier: number;
  changedScore: number;
  /** `from → to` with how many accounts, largest first. */
  moves: { from: string; to: string; count: number }[];
}

/** How many accounts of a scored sheet would change tier (and score) from one model to the other. Throws the core's ModelError for a Field with no column. */
export function tierMoves(sheet: string, before: Model, after: Model, headers: readonly WireCell[], rows: readonly (readonly WireCell[])[], options: ScoreOptions = {}): TierMoves {
  const a = bindModel(before, headers, options);
  const b = bindModel(after, headers, options);
  const moves = new Map<string, { from: string; to: string; count: number }>();
  let accounts = 0;
  let changedScore = 0;
  for (const row of rows) {
    const was = evaluateRow(a, row);
    if (was.blank) continue;
    accounts++;
    const now = evaluateRow(b, row);
    if (now.score !== was.score) changedScore++;
    if (now.tier === was.tier) continue;
    const key = `${was.tier}\u0000${now.tier}`;
    const move = moves.get(key) ?? { from: was.tier || 'No tier', to: now.tier || 'No tier', count: 0 };
    move.count++;
    moves.set(key, move);
  }
  const list = [...moves.values()].sort((x, y) => y.count - x.count);
  return { sheet, accounts, changedTier: list.reduce((sum, m) => sum + m.count, 0), changedScore, moves: list };
}

/** The tier changes as a sentence: `38 of 500 accounts on "Prospects" change tier (412 change score).` */
export function movesText(moves: TierMoves): string {
  const count = (n: number) => n.toLocaleString('en-US');
  return `${count(moves.changedTier)} of ${count(moves.accounts)} accounts on "${moves.sheet}" change tier (${count(moves.changedScore)} change score).`;
}
