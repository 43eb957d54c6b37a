/**
 * The one set of schemas for the requests that cross the Host boundary: plain JSON only
 * (google.script.run fails on Dates, so dates travel as ISO text). Every host checks each request
 * from the panel with these, so the limits are the same everywhere; the answers' schemas, which the
 * panel checks, are in answers.ts (the panel's bundles carry only those).
 */
import * as z from 'zod/mini';
import { wireGrid } from './answers.ts';
import { messages } from './messages.ts';

export * from './answers.ts';

/** Google Sheets allows 100 characters in a sheet name (Excel 31): a longer one cannot exist. */
export const sheetName = z.string().check(z.minLength(1), z.maxLength(100));
/** Rows a call may read at once: the Learn tab reads up to 100,000 history rows (ui/learn-logic.ts). */
export const rowLimit = z.int().check(z.minimum(1), z.maximum(100_000));
export const historyId = z.string().check(z.minLength(1), z.maxLength(100));

// ---- requests -----------------------------------------------------------------------------------

export const saveRequest = z.object({
  sheetName,
  rows: wireGrid,
  baseVersion: z.nullable(z.string()),
  note: z.string().check(z.maxLength(1000)),
});

export const scoreColumnsRequest = z.object({
  sheetName,
  headerRow: z.int().check(z.minimum(1)),
  modelSheet: sheetName,
  fieldMap: z.record(z.string(), z.string()),
});

export const summaryRequest = z.object({
  scoredSheet: sheetName,
  tierColumn: z.string().check(z.minLength(1)),
  wonColumn: z.optional(z.string()),
  amountColumn: z.optional(z.string()),
  modelSheet: sheetName,
  /** The summary sheet's title (and name); blank gives "ICP tier summary". */
  title: z.string().check(z.maxLength(90)),
});

// ---- checking -----------------------------------------------------------------------------------

/** A request from the panel that does not have the shape the Host contract promises. */
export class RequestError extends Error {
  override readonly name = 'RequestError';
}

/** Compares `name`: `instanceof` fails across the vm, iframe and google.script.run realms. */
export function isRequestError(error: unknown): error is RequestError {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'RequestError';
}

/** The request as the schema reads it, or a RequestError sentence that says which part is off. */
export function parseRequest<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new RequestError(messages.badRequest(what, where, issue ? detail(issue) : 'unexpected shape'));
}

/** What is off, in words (zod/mini carries no messages of its own). */
function detail(issue: z.core.$ZodIssue): string {
  const unit = (origin: string) => (origin === 'string' ? ' characters' : origin === 'array' ? ' items' : '');
  switch (issue.code) {
    case 'too_big':
      return `at most ${issue.maximum}${unit(issue.origin)} allowed`;
    case 'too_small':
      return `at least ${issue.minimum}${unit(issue.origin)} needed`;
    case 'invalid_type':
      return `expected ${issue.expected}`;
    default:
      return issue.message;
  }
}
