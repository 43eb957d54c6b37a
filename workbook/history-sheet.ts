/**
 * The layout of the hidden `ICP Model History` sheet, shared by every host so a workbook that
 * crosses hosts keeps its history readable: one row per replaced version, columns Version, When,
 * Who, Note, Model sheet, Rows, then the model rows as JSON, continued in the next cells to the
 * right when long. A cell holds at most 32,767 characters in Excel (50,000 in Google Sheets), so
 * the JSON is cut into pieces that fit both; reading joins however many pieces there are.
 * Read and written over the port (workbook/port.ts), the same way in every host.
 */
import * as z from 'zod/mini';
import { call, type Flow } from './flow.ts';
import { snapshotOf } from './grid.ts';
import { HISTORY_SHEET, type HistoryEntry, type ModelSnapshot } from './host.ts';
import { messages } from './messages.ts';
import type { Port } from './port.ts';
import { historyId, parseRequest, sheetName as sheetNameSchema } from './wire.ts';

export const HISTORY_HEADER = ['Version', 'When', 'Who', 'Note', 'Model sheet', 'Rows', 'Model (JSON, continued to the right when long)'] as const;
/** Characters of JSON per cell: under Excel's 32,767 limit. */
export const HISTORY_CHUNK = 30_000;
/** 1-based column where the JSON starts. */
export const HISTORY_JSON_COLUMN = 7;

type JsonCell = string | number | boolean | null;

export interface HistoryVersion {
  id: string;
  /** ISO timestamp. */
  when: string;
  who: string;
  note: string;
  sheetName: string;
  /** The model sheet's rows, header row first. */
  rows: JsonCell[][];
}

/** One row of the history sheet as the list shows it (without the rows themselves). */
export interface HistoryListing {
  id: string;
  when: string;
  who: string;
  note: string;
  sheetName: string;
  /** Model rows below the header row. */
  rows: number;
}

const savedRows = z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])));

function chunks(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

/**
 * A version as the cells of one history row: five texts, the row count, then the JSON pieces.
 * Hosts write the texts as literal text (never read as a date, number or formula).
 */
export function encodeHistoryRow(version: HistoryVersion, chunkSize = HISTORY_CHUNK): (string | number)[] {
  const json = chunks(JSON.stringify(version.rows), chunkSize);
  return [version.id, version.when, version.who, version.note, version.sheetName, Math.max(0, version.rows.length - 1), ...json];
}

const text = (cell: unknown): string => (cell === null || cell === undefined ? '' : String(cell));

/** The listing of a history row, or null for a row that holds no version. */
export function readHistoryListing(row: readonly unknown[]): HistoryListing | null {
  const id = text(row[0]);
  if (id === '') return null;
  return { id, when: text(row[1]), who: text(row[2]), note: text(row[3]), sheetName: text(row[4]), rows: Number(row[5]) || 0 };
}

/** The model rows a history row holds, or null when its JSON is damaged. */
export function readHistoryRows(row: readonly unknown[]): JsonCell[][] | null {
  const json = row
    .slice(HISTORY_JSON_COLUMN - 1)
    .map((cell) => (typeof cell === 'string' ? cell : ''))
    .join('');
  try {
    const parsed = savedRows.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The versions of one model sheet that history rows (below the header row) hold, newest first. */
export function listVersions(rows: readonly (readonly unknown[])[], sheetName: string): HistoryEntry[] {
  return rows
    .flatMap((row) => {
      const entry = readHistoryListing(row);
      return entry && entry.sheetName === sheetName ? [{ id: entry.id, when: entry.when, who: entry.who, note: entry.note, rows: entry.rows }] : [];
    })
    .reverse();
}

/** The 0-based index among history rows (below the header row) of the version `id`, or -1. */
export function findVersion(ids: readonly (readonly unknown[])[], id: string): number {
  return ids.findIndex((row) => text(row[0]) === id);
}

/** A saved version as the panel restores it; throws a sentence when there is none, or it is damaged. */
export function versionSnapshot(row: readonly unknown[] | undefined, sheetName: string, id: string): ModelSnapshot {
  if (!row) throw new Error(messages.noSuchVersion(id, sheetName));
  const rows = readHistoryRows(row);
  if (!rows) throw new Error(messages.damagedVersion(id));
  return snapshotOf(sheetName, rows);
}

/** One version a history sheet holds, with its rows. */
export interface StoredVersion extends Omit<HistoryVersion, 'rows'> {
  rows: JsonCell[][];
}

/**
 * The versions a whole history sheet's cells (header row first) hold, oldest first. A row whose
 * JSON is damaged is left out: it cannot be restored.
 */
export function readVersions(cells: readonly (readonly unknown[])[]): StoredVersion[] {
  return cells.slice(1).flatMap((row) => {
    const listing = readHistoryListing(row);
    const rows = listing && readHistoryRows(row);
    return listing && rows ? [{ id: listing.id, when: listing.when, who: listing.who, note: listing.note, sheetName: listing.sheetName, rows }] : [];
  });
}

// ---- over the port ------------------------------------------------------------------------------

/** The saved versions of one model sheet, newest first (the listing columns only: the JSON can be long). */
export function* listHistory(port: Port, modelSheet: string): Flow<HistoryEntry[]> {
  const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
  const extent = yield* call(() => port.extent(HISTORY_SHEET));
  if (!extent || extent.lastRow < 2) return [];
  const block = { row: 2, column: 1, rows: extent.lastRow - 1, columns: HISTORY_JSON_COLUMN - 1 };
  return listVersions((yield* call(() => port.read(HISTORY_SHEET, block))) ?? [], name);
}

/** The rows of a saved version (not written: the panel saves them as a new version). */
export function* readHistory(port: Port, modelSheet: string, id: string): Flow<ModelSnapshot> {
  const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
  const wanted = parseRequest(historyId, id, 'a history id');
  const extent = yield* call(() => port.extent(HISTORY_SHEET));
  if (!extent || extent.lastRow < 2) return versionSnapshot(undefined, name, wanted);
  const ids = (yield* call(() => port.read(HISTORY_SHEET, { row: 2, column: 1, rows: extent.lastRow - 1, columns: 1 }))) ?? [];
  const index = findVersion(ids, wanted);
  if (index < 0) return versionSnapshot(undefined, name, wanted);
  const row = yield* call(() => port.read(HISTORY_SHEET, { row: index + 2, column: 1, rows: 1, columns: extent.lastColumn }));
  return versionSnapshot(row?.[0], name, wanted);
}

/**
 * Adds a version's row to the history sheet, making the hidden sheet when there is none (its header
 * row is written with the first version, so a sheet left empty by a failed first try gets it too);
 * answers the 1-based row written.
 */
export function* appendHistory(port: Port, cells: (string | number)[]): Flow<number> {
  const extent = yield* call(() => port.extent(HISTORY_SHEET));
  if (!extent) yield* call(() => port.addSheet(HISTORY_SHEET, { hidden: true, frozenRows: 1 }));
  const last = extent?.lastRow ?? 0;
  const row = Math.max(2, last + 1);
  const blocks = [{ row, column: 1, cells: [cells] }];
  if (last === 0) blocks.unshift({ row: 1, column: 1, cells: [[...HISTORY_HEADER]] });
  yield* call(() => port.write(HISTORY_SHEET, blocks));
  return row;
}

/** Clears a history row a save added, after a write that was put back. */
export function* dropHistory(port: Port, row: number): Flow<void> {
  const extent = yield* call(() => port.extent(HISTORY_SHEET));
  if (!extent || extent.lastColumn === 0) return;
  yield* call(() => port.clear(HISTORY_SHEET, [{ row, column: 1, rows: 1, columns: extent.lastColumn }]));
}
