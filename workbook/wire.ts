/**
 * What crosses google.script.run: plain JSON only. Dates fail on that bridge, so every
 * date leaves the server as ISO text; every request from the panel is checked with zod.
 */
import * as z from 'zod/mini';
import type { WireCell } from './host.ts';

export const wireCellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const wireGridSchema = z.array(z.array(wireCellSchema));

const sheetName = z.string().check(z.minLength(1), z.maxLength(100));

export const saveRequestSchema = z.object({
  sheetName,
  rows: wireGridSchema,
  baseVersion: z.nullable(z.string()),
  note: z.string().check(z.maxLength(1000)),
});

export const scoreColumnsRequestSchema = z.object({
  sheetName,
  headerRow: z.int().check(z.minimum(1)),
  modelSheet: sheetName,
  fieldMap: z.record(z.string(), z.string()),
});

export const summaryRequestSchema = z.object({
  scoredSheet: sheetName,
  tierColumn: z.string().check(z.minLength(1)),
  wonColumn: z.optional(z.string()),
  amountColumn: z.optional(z.string()),
  modelSheet: sheetName,
  title: z.string().check(z.maxLength(90)),
});

export const sheetNameSchema = sheetName;
export const rowLimitSchema = z.int().check(z.minimum(1), z.maximum(20_000));
export const historyIdSchema = z.string().check(z.minLength(1), z.maxLength(100));

/** Parse what the panel sent, or throw a sentence that says which part is off. */
export function parseRequest<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new Error(`The panel sent ${what} the add-on cannot read${where}: ${issue?.message ?? 'unexpected shape'}.`);
}

/** A Date as the sheet shows it, in the spreadsheet's time zone: `2026-09-30`, or with a time. */
export type DateFormatter = (date: Date) => string;

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** A cell as it may cross google.script.run. */
export function toWireCell(value: unknown, formatDate: DateFormatter): WireCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (isDate(value)) return Number.isFinite(value.getTime()) ? formatDate(value) : '';
  return String(value);
}

export function toWireGrid(grid: readonly (readonly unknown[])[], formatDate: DateFormatter): WireCell[][] {
  return grid.map((row) => row.map((cell) => toWireCell(cell, formatDate)));
}
