/**
 * The schemas of what the hosts answer the panel: plain JSON only (dates as ISO text). The panel
 * checks every answer with them (ui/wire.ts); the requests' schemas are in wire.ts.
 */
import * as z from 'zod/mini';

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
export const rowsAnswer = z.object({ headers: z.array(z.string()), rows: wireGrid, icpColumns: z.optional(z.array(z.number().check(z.int(), z.minimum(0)))) });
export const scoreColumnsResult = z.object({ columns: z.array(z.string()), formulaCells: z.array(z.string()) });
export const summaryAnswer = z.object({ sheetName: z.string() });
export const foreignFormulas = z.object({ formulas: z.number().check(z.int(), z.minimum(0)), sheets: z.array(z.string()) });
