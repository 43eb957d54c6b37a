/**
 * Everything the panel receives from its host is checked here (zod) before use: a host that
 * answers with the wrong shape gets a sentence naming the call, not a broken panel.
 */
import * as z from 'zod/mini';
import type { Host } from '../workbook/host.ts';

export const wireCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const wireGrid = z.array(z.array(wireCell));

export const modelSnapshot = z.object({ sheetName: z.string(), rows: wireGrid, version: z.string() });
export const sheetInfo = z.object({
  name: z.string(),
  headerRow: z.number(),
  headers: z.array(z.string()),
  dataRows: z.number(),
});
export const saveResult = z.union([
  z.object({ ok: z.literal(true), version: z.string() }),
  z.object({ ok: z.literal(false), reason: z.literal('conflict'), current: modelSnapshot }),
  z.object({ ok: z.literal(false), reason: z.literal('error'), message: z.string() }),
]);
export const historyEntry = z.object({ id: z.string(), when: z.string(), who: z.string(), note: z.string(), rows: z.number() });
export const rowsAnswer = z.object({ headers: z.array(z.string()), rows: wireGrid });
export const scoreColumnsResult = z.object({ columns: z.array(z.string()), formulaCells: z.array(z.string()) });
export const summaryAnswer = z.object({ sheetName: z.string() });

export const saveRequest = z.object({
  sheetName: z.string().check(z.minLength(1)),
  rows: wireGrid,
  baseVersion: z.nullable(z.string()),
  note: z.string(),
});
export const scoreColumnsRequest = z.object({
  sheetName: z.string().check(z.minLength(1)),
  headerRow: z.number().check(z.int(), z.minimum(1)),
  modelSheet: z.string().check(z.minLength(1)),
  fieldMap: z.record(z.string(), z.string()),
});
export const summaryRequest = z.object({
  scoredSheet: z.string().check(z.minLength(1)),
  tierColumn: z.string().check(z.minLength(1)),
  wonColumn: z.optional(z.string()),
  amountColumn: z.optional(z.string()),
  modelSheet: z.string().check(z.minLength(1)),
  title: z.string().check(z.minLength(1)),
});

/** The host's answer, checked; a wrong shape throws a sentence naming the call. */
function checked<T>(call: string, schema: z.ZodMiniType<T>, answer: unknown): T {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new Error(`The workbook answered ${call} with something the panel cannot read${where}: ${issue?.message ?? 'wrong shape'}.`);
}

/** The host with every answer checked. */
export function checkedHost(host: Host): Host {
  return {
    kind: host.kind,
    readModel: async (sheet) => checked('readModel', z.nullable(modelSnapshot), await host.readModel(sheet)),
    saveModel: async (request) => checked('saveModel', saveResult, await host.saveModel(request)),
    listSheets: async () => checked('listSheets', z.array(sheetInfo), await host.listSheets()),
    activeSheet: async () => checked('activeSheet', z.nullable(sheetInfo), await host.activeSheet()),
    readRows: async (sheet, limit) => checked('readRows', rowsAnswer, await host.readRows(sheet, limit)),
    insertScoreColumns: async (request) => checked('insertScoreColumns', scoreColumnsResult, await host.insertScoreColumns(request)),
    createSummarySheet: async (request) => checked('createSummarySheet', summaryAnswer, await host.createSummarySheet(request)),
    listHistory: async (sheet) => checked('listHistory', z.array(historyEntry), await host.listHistory(sheet)),
    readHistory: async (sheet, id) => checked('readHistory', modelSnapshot, await host.readHistory(sheet, id)),
  };
}
