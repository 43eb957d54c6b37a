/**
 * A test page for the Excel bar alone (excel-addin/excel-bar.ts), on a stand-in for the Excel host's
 * extras that the test configures before the script runs:
 *   window.icpExcelBarStub = { foreign: { formulas, sheets }, active: 'Leads', blanks: [...], failConvert?: 'message' }
 * The stand-in records the calls in window.icpExcelBarCalls.
 */
import type { BlankNumericColumn } from '../../excel-addin/blank-cells.ts';
import { mountExcelBar } from '../../excel-addin/excel-bar.ts';
import type { ForeignFormulas } from '../../excel-addin/excel-host.ts';

interface Stub {
  foreign: ForeignFormulas;
  active: string;
  blanks: BlankNumericColumn[];
  failConvert?: string;
}

declare global {
  interface Window {
    icpExcelBarStub?: Stub;
    icpExcelBarCalls?: string[];
  }
}

const stub: Stub = window.icpExcelBarStub ?? { foreign: { formulas: 0, sheets: [] }, active: 'Sheet1', blanks: [] };
const calls: string[] = (window.icpExcelBarCalls = []);
let converted = false;
const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 20));

const excel = {
  findSheetsFormulas: () => (calls.push('findSheetsFormulas'), later(converted ? { formulas: 0, sheets: [] } : stub.foreign)),
  convertSheetsFormulas: () => {
    calls.push('convertSheetsFormulas');
    if (stub.failConvert) return Promise.reject(new Error(stub.failConvert));
    converted = true;
    return later(stub.foreign);
  },
  blankNumericCells: (sheet: string, model: string) => (calls.push(`blankNumericCells ${sheet} ${model}`), later(stub.blanks)),
  activeSheet: () => (calls.push('activeSheet'), later({ name: stub.active, headerRow: 1, headers: [], dataRows: 0 })),
};

const root = document.getElementById('app');
if (root) mountExcelBar(root, { excel, modelSheet: 'ICP Model' });
