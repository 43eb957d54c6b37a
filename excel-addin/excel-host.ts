/**
 * The panel's Host in Excel: the workbook layer's requests (workbook/requests.ts) over the Excel
 * port (excel-addin/port.ts), each port call one `Excel.run` batch. Beyond the Host, it finds blank
 * cells that Excel desktop would pass as 0 (the Excel bar above the panel warns about them).
 */
import { runAsync } from '../workbook/flow.ts';
import type { ForeignFormulas, Host } from '../workbook/host.ts';
import type { Port } from '../workbook/port.ts';
import { hostOver } from '../workbook/requests.ts';
import { type BlankNumericColumn, blankNumericCells } from './blank-cells.ts';
import { type ExcelPortOptions, excelPort } from './port.ts';

export type { ExcelRun } from './port.ts';
export type ExcelHostOptions = ExcelPortOptions;
export type { ForeignFormulas };

export interface ExcelExtras {
  /** Blank cells in columns of a sheet that number or yes/no rules of the model read. */
  blankNumericCells(sheetName: string, modelSheet: string): Promise<BlankNumericColumn[]>;
}

/** The Host with its conversion of Google Sheets names (ICP_SCORE( → ICP.SCORE() and its change events. */
export type ExcelHost = Host & Required<Pick<Host, 'findForeignFormulas' | 'convertForeignFormulas' | 'watchModel' | 'watchActiveSheet'>> & ExcelExtras;

/** `wrap`: what the requests see of the port (tests wrap it to make calls fail). */
export function excelHost(options: ExcelHostOptions = {}, wrap: (port: Port) => Port = (port) => port): ExcelHost {
  const port = wrap(excelPort(options));
  const host = hostOver('excel', port);
  return {
    ...host,
    watchModel: host.watchModel!,
    watchActiveSheet: host.watchActiveSheet!,
    blankNumericCells: (sheetName, modelSheet) => runAsync(blankNumericCells(port, sheetName, modelSheet)),
  };
}
