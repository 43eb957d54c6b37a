/**
 * Saving the model, written once for every host over its port (workbook/port.ts). The order of
 * things, which is what keeps a save from losing anything, is here:
 *
 * 1. check the request and validate the rows as a model (nothing touched yet);
 * 2. under the lock, read the sheet and compare its version with the one the panel loaded;
 * 3. keep the version being replaced in the history sheet FIRST;
 * 4. read the sheet again just before writing: an edit typed in meanwhile is a conflict;
 * 5. write only the cells that change (formulas in cells the panel did not change stay formulas);
 * 6. if the write fails, put those cells back; if even that fails, the version it held is still
 *    in the history, and the message says so.
 *
 * A port call that fails anywhere else leaves the sheet as it was, and says so.
 */
import { safeReadModel } from '../core/model.ts';
import { type Flow, type Maybe, type Runner, call } from './flow.ts';
import { columnLetter, isBlankCell, snapshotOf } from './grid.ts';
import { appendHistory, dropHistory, encodeHistoryRow } from './history-sheet.ts';
import type { ModelSnapshot, SaveRequest, SaveResult, WireCell } from './host.ts';
import { messageOf, messages } from './messages.ts';
import type { Block, CellBlock, Port } from './port.ts';
import { isRequestError, parseRequest, saveRequest } from './wire.ts';

/** Cells side by side in one row that a save writes: 1-based row and first column. */
export interface CellRun {
  row: number;
  column: number;
  /** The new values; null clears a cell. */
  cells: WireCell[];
}

// ---- the save -----------------------------------------------------------------------------------

const failed = (message: string): SaveResult => ({ ok: false, reason: 'error', message });
const conflict = (current: ModelSnapshot): SaveResult => ({ ok: false, reason: 'conflict', current });

/**
 * Step 1, outside the lock: the request as the contract reads it and validated as a model, or the
 * result that refuses it (nothing was touched).
 */
export function checkSave(raw: unknown, serialDates: boolean): { request: SaveRequest } | { refused: SaveResult } {
  let request: SaveRequest;
  try {
    request = parseRequest(saveRequest, raw, 'a model to save');
  } catch (error) {
    if (isRequestError(error)) return { refused: failed(messages.requestRefused(error.message)) };
    throw error;
  }
  const read = safeReadModel(request.rows, { serialDates });
  if (!read.success) return { refused: failed(messages.invalidModel(read.error.message)) };
  return { request };
}

function sameCell(a: WireCell | undefined, b: WireCell | undefined): boolean {
  return (isBlankCell(a) && isBlankCell(b)) || a === b;
}

/** The cells that differ between what the sheet holds and the rows to save, as runs along each row. */
export function changedRuns(current: readonly (readonly WireCell[])[], next: readonly (readonly WireCell[])[]): CellRun[] {
  const height = Math.max(current.length, next.length);
  const runs: CellRun[] = [];
  for (let r = 0; r < height; r++) {
    const before = current[r] ?? [];
    const after = next[r] ?? [];
    let run: CellRun | null = null;
    for (let c = 0; c < Math.max(before.length, after.length); c++) {
      const value = after[c] ?? null;
      if (sameCell(before[c], value)) {
        run = null;
        continue;
      }
      if (!run) runs.push((run = { row: r + 1, column: c + 1, cells: [] }));
      run.cells.push(isBlankCell(value) ? null : value);
    }
  }
  return runs;
}

function tooLong(runs: readonly CellRun[], limit: number): string | null {
  for (const run of runs) {
    const at = run.cells.findIndex((cell) => typeof cell === 'string' && cell.length > limit);
    if (at >= 0) return messages.cellTooLong(`${columnLetter(run.column + at)}${run.row}`, (run.cells[at] as string).length, limit);
  }
  return null;
}

/** Consecutive runs over the same columns as one block: one write for a model saved over a very different one. */
export function blocksOf(runs: readonly CellRun[]): CellBlock[] {
  const blocks: CellBlock[] = [];
  for (const run of runs) {
    const last = blocks[blocks.length - 1];
    const fits = last && last.column === run.column && last.cells[0]!.length === run.cells.length && last.row + last.cells.length === run.row;
    if (fits) last.cells.push([...run.cells]);
    else blocks.push({ row: run.row, column: run.column, cells: [[...run.cells]] });
  }
  return blocks;
}

const areaOf = (block: CellBlock): Block => ({ row: block.row, column: block.column, rows: block.cells.length, columns: block.cells[0]!.length });

/** Steps 2 to 6 over the port, to run under its lock. */
export function* saveUnderLock<Kept>(port: Port<Kept>, request: SaveRequest): Flow<SaveResult> {
  const name = request.sheetName;
  const read = yield* call(() => port.read(name));
  const current = read ? snapshotOf(name, read) : null;
  const unchanged = !current || current.version === request.baseVersion || (request.baseVersion === null && current.rows.length === 0);
  if (current && !unchanged) return conflict(current);

  const runs = changedRuns(current?.rows ?? [], request.rows);
  const problem = tooLong(runs, port.traits.textLimit);
  if (problem) return failed(problem);
  if (current && runs.length === 0) return { ok: true, version: current.version };

  // The version being replaced goes to the history before the sheet is touched.
  let historyRow = 0;
  let versionId: string | null = null;
  if (current && current.rows.length > 0) {
    try {
      const id = yield* call(() => port.newId());
      const when = (yield* call(() => port.now())).iso;
      const who = yield* call(() => port.user());
      historyRow = yield* appendHistory(port, encodeHistoryRow({ id, when, who, note: request.note, sheetName: name, rows: current.rows }));
      versionId = id;
    } catch (error) {
      return failed(messages.historyNotKept(messageOf(error)));
    }
  }
  /** The sheet was not written (or was put back): the history row this save added goes again. */
  const dropped = function* (result: SaveResult): Flow<SaveResult> {
    if (historyRow > 0) yield* quietly(dropHistory(port, historyRow));
    return result;
  };

  const blocks = blocksOf(runs);
  let kept: Kept;
  try {
    // Someone may have typed into the sheet since it was read: then this save is a conflict.
    const reread = yield* call(() => port.read(name));
    const now = reread ? snapshotOf(name, reread) : null;
    if ((now?.version ?? null) !== (current?.version ?? null)) return yield* dropped(now ? conflict(now) : failed(messages.modelSheetGone(name)));
    kept = yield* call(() => port.keep(name, blocks.map(areaOf)));
  } catch (error) {
    return yield* dropped(failed(messages.saveRolledBack(name, messageOf(error))));
  }

  try {
    yield* call(() => port.write(name, blocks));
  } catch (writeError) {
    try {
      yield* call(() => port.putBack(name, kept));
    } catch (restoreError) {
      return failed(messages.rollbackFailed(name, messageOf(writeError), messageOf(restoreError), versionId));
    }
    return yield* dropped(failed(messages.saveRolledBack(name, messageOf(writeError))));
  }
  // The version the sheet holds now; if it cannot be read back, the rows as written.
  let written = request.rows;
  try {
    written = (yield* call(() => port.read(name))) ?? request.rows;
  } catch {
    // The save is done: the panel's next look at the sheet tells the rest.
  }
  return { ok: true, version: snapshotOf(name, written).version };
}

/** Runs a flow whose failure changes nothing about the outcome (tidying up after a refusal). */
function* quietly(flow: Flow<void>): Flow<void> {
  try {
    yield* flow;
  } catch {
    // The save's answer stands; a history row left over only lists a version that did exist.
  }
}

/**
 * The whole save over a host's port: `run` drives the flow (`runSync` in Google Sheets, which
 * answers at once, `runAsync` elsewhere).
 */
export function saveModel(port: Port, raw: unknown, run: Runner): Maybe<SaveResult> {
  const checked = checkSave(raw, port.traits.serialDates);
  if ('refused' in checked) return checked.refused;
  return port.lock(() => run(saveUnderLock(port, checked.request)), () => failed(messages.lockBusy()));
}
