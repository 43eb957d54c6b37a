/**
 * Every request the panel makes of its workbook, planned once over the host's port
 * (workbook/port.ts): each host folder supplies only the port. `hostOver` makes the panel's Host
 * of a port whose calls answer with promises (Excel, the preview, the in-memory workbook);
 * `answeredAtOnce` makes Google Sheets' server functions, which run a whole request server-side
 * in one google.script.run call.
 */
import { convertForeignFormulas, findForeignFormulas } from './foreign-formulas.ts';
import { type Maybe, type Runner, isThenable, runAsync, runSync } from './flow.ts';
import { listHistory, readHistory } from './history-sheet.ts';
import type { Host, SaveRequest, ScoreColumnsRequest, SummaryRequest } from './host.ts';
import { messages } from './messages.ts';
import type { Port } from './port.ts';
import { activeSheet, listSheets, readModel, readRows } from './reads.ts';
import { saveModel } from './save.ts';
import { insertScoreColumns } from './score-columns.ts';
import { createSummarySheet } from './summary-sheet.ts';

/** The Host's requests (its calls but `kind` and the optional watches, which are events, not requests). */
export type RequestName = Exclude<keyof Host, 'kind' | 'watchModel' | 'watchActiveSheet'>;

type Request<K extends RequestName> = (...args: Parameters<NonNullable<Host[K]>>) => Maybe<Awaited<ReturnType<NonNullable<Host[K]>>>>;
export type Requests = { [K in RequestName]-?: Request<K> };

/** The requests over a port, each driven by `run` (`runSync` or `runAsync`). */
export function requestsOver(port: Port, run: Runner): Requests {
  const convertBusy = (): never => {
    throw new Error(messages.convertBusy());
  };
  return {
    readModel: (sheetName: string) => run(readModel(port, sheetName)),
    saveModel: (request: SaveRequest) => saveModel(port, request, run),
    listSheets: () => run(listSheets(port)),
    activeSheet: () => run(activeSheet(port)),
    readRows: (sheetName: string, limit: number) => run(readRows(port, sheetName, limit)),
    insertScoreColumns: (request: ScoreColumnsRequest) => run(insertScoreColumns(port, request)),
    createSummarySheet: (request: SummaryRequest) => run(createSummarySheet(port, request)),
    listHistory: (modelSheet: string) => run(listHistory(port, modelSheet)),
    readHistory: (modelSheet: string, id: string) => run(readHistory(port, modelSheet, id)),
    findForeignFormulas: () => run(findForeignFormulas(port)),
    // Under the lock, as a save is: a conversion and a save never interleave.
    convertForeignFormulas: () => port.lock(() => run(convertForeignFormulas(port)), convertBusy),
  };
}

/** The panel's Host over a port (Excel, the preview, the in-memory workbook). */
export function hostOver(kind: Host['kind'], port: Port): Host & Required<Pick<Host, 'findForeignFormulas' | 'convertForeignFormulas'>> {
  const requests = requestsOver(port, runAsync);
  const watch = port.watch?.bind(port);
  const watchActive = port.watchActive?.bind(port);
  return {
    kind,
    readModel: async (...args) => requests.readModel(...args),
    saveModel: async (...args) => requests.saveModel(...args),
    listSheets: async () => requests.listSheets(),
    activeSheet: async () => requests.activeSheet(),
    readRows: async (...args) => requests.readRows(...args),
    insertScoreColumns: async (...args) => requests.insertScoreColumns(...args),
    createSummarySheet: async (...args) => requests.createSummarySheet(...args),
    listHistory: async (...args) => requests.listHistory(...args),
    readHistory: async (...args) => requests.readHistory(...args),
    findForeignFormulas: async () => requests.findForeignFormulas(),
    convertForeignFormulas: async () => requests.convertForeignFormulas(),
    ...(watch ? { watchModel: watch } : {}),
    ...(watchActive ? { watchActiveSheet: watchActive } : {}),
  };
}

/** A request's answer, which a port that answers at once gives at once. */
type AtOnce<R> = { [K in keyof R]: R[K] extends (...args: infer A) => Maybe<infer T> ? (...args: A) => T : never };

/**
 * The requests as Google Sheets' server functions: each makes its port (the active spreadsheet) and
 * answers at once, as a server function must.
 */
export function answeredAtOnce(makePort: () => Port): AtOnce<Requests> {
  const at = <K extends RequestName>(name: K) =>
    ((...args: unknown[]) => {
      const answer = (requestsOver(makePort(), runSync as Runner)[name] as (...a: unknown[]) => unknown)(...args);
      if (isThenable(answer)) throw new Error('A synchronous host answered with a promise.');
      return answer;
    }) as AtOnce<Requests>[K];
  return {
    readModel: at('readModel'),
    saveModel: at('saveModel'),
    listSheets: at('listSheets'),
    activeSheet: at('activeSheet'),
    readRows: at('readRows'),
    insertScoreColumns: at('insertScoreColumns'),
    createSummarySheet: at('createSummarySheet'),
    listHistory: at('listHistory'),
    readHistory: at('readHistory'),
    findForeignFormulas: at('findForeignFormulas'),
    convertForeignFormulas: at('convertForeignFormulas'),
  };
}
