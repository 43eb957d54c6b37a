/**
 * A test page for the Excel bar alone (excel-addin/excel-bar.ts), on a stand-in for the Excel host's
 * extras that the test configures before the script runs:
 *   window.icpExcelBarStub = { active: 'Leads', blanks: [...], failBlanks?: 'message' }
 * The stand-in records the calls in window.icpExcelBarCalls. (Converting Google Sheets formulas is
 * the shared panel's notice now: test/panel-foreign-formulas-browser.test.ts.)
 */
import type { BlankNumericColumn } from '../../excel-addin/blank-cells.ts';
import { mountExcelBar } from '../../excel-addin/excel-bar.ts';

interface Stub {
  active: string;
  blanks: BlankNumericColumn[];
  failBlanks?: string;
}

declare global {
  interface Window {
    icpExcelBarStub?: Stub;
    icpExcelBarCalls?: string[];
  }
}

const stub: Stub = window.icpExcelBarStub ?? { active: 'Sheet1', blanks: [] };
const calls: string[] = (window.icpExcelBarCalls = []);
const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 20));

const excel = {
  blankNumericCells: (sheet: string, model: string) => {
    calls.push(`blankNumericCells ${sheet} ${model}`);
    return stub.failBlanks ? Promise.reject(new Error(stub.failBlanks)) : later(stub.blanks);
  },
  activeSheet: () => (calls.push('activeSheet'), later({ name: stub.active, headerRow: 1, headers: [], dataRows: 0 })),
};

const root = document.getElementById('app');
if (root) mountExcelBar(root, { excel, modelSheet: 'ICP Model' });
