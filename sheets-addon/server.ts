/**
 * The server functions the panel calls through google.script.run: the Host's requests, planned once
 * in the workbook layer (workbook/requests.ts) and run here whole, synchronously, over the Sheets
 * port (sheets-addon/port.ts). The client derives its typed wrapper from `typeof server`, so
 * renaming one is a compile error there; the build makes each a top-level function in Code.js.
 */
import type { Host } from '../workbook/host.ts';
import { answeredAtOnce } from '../workbook/requests.ts';
import { sheetsPort } from './port.ts';

/**
 * The host operations as the server runs them: same arguments, plain (not promised) results. The
 * Sheets add-on implements the optional ones too (converting Excel's spelling of the functions),
 * except the watches (`watchModel`, `watchActiveSheet`): a sidebar hears no events of the sheet, so
 * the panel looks on focus and polls (ui/model-watch.ts).
 */
export type ServerFunctions = {
  [K in Exclude<keyof Host, 'kind' | 'watchModel' | 'watchActiveSheet'>]-?: (...args: Parameters<NonNullable<Host[K]>>) => Awaited<ReturnType<NonNullable<Host[K]>>>;
};

export const server = answeredAtOnce(() => sheetsPort()) satisfies ServerFunctions;

export type Server = typeof server;
