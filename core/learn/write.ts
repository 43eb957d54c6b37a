/**
 * The tried model written as a worksheet, once, at the end: the current worksheet with every cell
 * and spacer row kept, the model's rows given their points (a moved band its new Rule and Value),
 * the tier minimums refitted, and the rows found in the history inserted after the last criterion
 * or exclude row (a pair as a criterion row followed by its `and` row, SPEC §1), each with the
 * Dimension "Found in history" and a Note with its evidence.
 */
import { type ModelColumn, findModelHeader } from '../model.ts';
import { normalizeText } from '../text.ts';
import { type Cell, readText } from '../values.ts';
import type { FeatureRow, Tried } from './procedure.ts';
import { type GoalWords, GOAL_WORDS, customerGoal, failedEvidence, foundEvidence } from './words.ts';

export const FOUND_DIMENSION = 'Found in history';

export interface Written {
  grid: Cell[][];
  /** Each row's place in the written worksheet (header row = 1). */
  rowOf: Map<FeatureRow, number>;
}

export function writeWorksheet(modelGrid: readonly (readonly Cell[])[], tried: Tried, words: GoalWords = GOAL_WORDS.won): Written {
  const grid = modelGrid.map((row) => [...row]);
  const { headerIndex, columns } = findModelHeader(grid);
  let noteColumn = columns.get('Note');
  if (noteColumn === undefined) {
    noteColumn = Math.max(...grid.map((r) => r.length), 0);
    grid[headerIndex]![noteColumn] = 'Note';
  }
  const col = (name: ModelColumn) => columns.get(name);
  const rowOf = new Map<FeatureRow, number>();
  for (const row of [...tried.rows, ...tried.exclusions]) {
    if (row.origin === 'found') continue;
    const at = row.entry!.row;
    rowOf.set(row, at);
    if (row.kind === 'criterion') grid[at - 1]![col('Points')!] = row.points;
    if (row.origin === 'moved') {
      grid[at - 1]![col('Rule')!] = row.rule;
      grid[at - 1]![col('Value')!] = row.value;
    }
  }
  if (tried.tiers) tried.tierList.forEach((tier, k) => (grid[tier.row - 1]![col('Value')!] = tried.tiers!.minimums[k]!.to));

  const overall = tried.trained ? tried.trainedWon / tried.trained : 0;
  const found = [...tried.criteria.flatMap((c) => c.bands.map((b) => tried.rows[b]!)), ...tried.exclusions].filter((r) => r.origin === 'found');
  const width = Math.max(...grid.map((r) => r.length), noteColumn + 1);
  const line = (cells: Partial<Record<ModelColumn, Cell>>): Cell[] => {
    const out: Cell[] = new Array<Cell>(width).fill('');
    for (const [name, value] of Object.entries(cells) as [ModelColumn, Cell][]) {
      const at = name === 'Note' ? noteColumn : col(name);
      if (at !== undefined) out[at] = value;
    }
    return out;
  };
  const inserted: Cell[][] = [];
  const lastRule = grid.reduce((last, row, k) => {
    const kind = normalizeText(String(readText(row[col('Kind')!]) ?? ''));
    return k > headerIndex && (kind === 'criterion' || kind === 'exclude' || kind === 'and') ? k : last;
  }, headerIndex);
  for (const row of found) {
    rowOf.set(row, lastRule + 2 + inserted.length);
    const churns = row.kind === 'exclude' && customerGoal(words) ? `${failedEvidence(row.stats!, words)}; ` : '';
    const evidence = `Found in history: ${churns}${foundEvidence(row.stats!, overall, row.coefficient, row.standardError, words)}.`;
    inserted.push(
      line({
        Kind: row.kind,
        Name: row.name,
        Field: row.field,
        Rule: row.rule,
        Value: row.value,
        Points: row.kind === 'exclude' ? '' : row.points,
        Dimension: FOUND_DIMENSION,
        Note: evidence,
      }),
    );
    if (row.and) inserted.push(line({ Kind: 'and', Field: row.and.header, Rule: row.and.rule, Value: row.and.value, Note: 'Both conditions must match.' }));
  }
  grid.splice(lastRule + 1, 0, ...inserted);
  return { grid, rowOf };
}
