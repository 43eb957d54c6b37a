/**
 * Everything the panel receives from its host is checked here, with the one set of schemas every
 * host uses (workbook/answers.ts): a host that answers with the wrong shape gets a sentence naming the
 * call, not a broken panel.
 */
import type { Host } from '../workbook/host.ts';
import {
  foreignFormulas,
  historyEntry,
  modelSnapshot,
  rowsAnswer,
  saveResult,
  scoreColumnsResult,
  sheetInfo,
  summaryAnswer,
} from '../workbook/answers.ts';
import * as z from 'zod/mini';

/** The host's answer, checked; a wrong shape throws a sentence naming the call. */
export function checkedAnswer<T>(call: string, schema: z.ZodMiniType<T>, answer: unknown): T {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new Error(`The workbook answered ${call} with something the panel cannot read${where}: ${issue?.message ?? 'wrong shape'}.`);
}

/**
 * The host with every answer checked, its optional calls kept where it has them (so the panel
 * needs no other handle on the host).
 */
export function checkedHost(host: Host): Host {
  const formulas = (call: 'findForeignFormulas' | 'convertForeignFormulas') =>
    host[call] && { [call]: async () => checkedAnswer(call, foreignFormulas, await host[call]!()) };
  return {
    ...formulas('findForeignFormulas'),
    ...formulas('convertForeignFormulas'),
    ...(host.watchModel && { watchModel: (sheet, onChange) => host.watchModel!(sheet, onChange) }),
    ...(host.watchActiveSheet && { watchActiveSheet: (onChange) => host.watchActiveSheet!(onChange) }),
    kind: host.kind,
    readModel: async (sheet) => checkedAnswer('readModel', z.nullable(modelSnapshot), await host.readModel(sheet)),
    saveModel: async (request) => checkedAnswer('saveModel', saveResult, await host.saveModel(request)),
    listSheets: async () => checkedAnswer('listSheets', z.array(sheetInfo), await host.listSheets()),
    activeSheet: async () => checkedAnswer('activeSheet', z.nullable(sheetInfo), await host.activeSheet()),
    readRows: async (sheet, limit) => checkedAnswer('readRows', rowsAnswer, await host.readRows(sheet, limit)),
    insertScoreColumns: async (request) => checkedAnswer('insertScoreColumns', scoreColumnsResult, await host.insertScoreColumns(request)),
    createSummarySheet: async (request) => checkedAnswer('createSummarySheet', summaryAnswer, await host.createSummarySheet(request)),
    listHistory: async (sheet) => checkedAnswer('listHistory', z.array(historyEntry), await host.listHistory(sheet)),
    readHistory: async (sheet, id) => checkedAnswer('readHistory', modelSnapshot, await host.readHistory(sheet, id)),
  };
}
