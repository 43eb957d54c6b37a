/**
 * The layout of the hidden `ICP Model History` sheet, shared by every host so a workbook that
 * crosses hosts keeps its history readable: one row per replaced version, columns Version, When,
 * Who, Note, Model sheet, Rows, then the model rows as JSON, continued in the next cells to the
 * right when long. A cell holds at most 32,767 characters in Excel (50,000 in Google Sheets), so
 * the JSON is cut into pieces that fit both; reading joins however many pieces there are.
 * Pure: the hosts write and read the cells.
 */
import * as z from 'zod/mini';
import { snapshotOf } from './grid.ts';
import type { HistoryEntry, ModelSnapshot } from './host.ts';
import { messages } from './messages.ts';

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
