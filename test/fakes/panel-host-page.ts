/**
 * A test page: the shared panel on a host that says it is Sheets or Excel (`kind`), for what the
 * panel words per host. The workbook behind it is a MemoryHost; the optional conversion methods are
 * a stand-in the test configures before the script runs (or absent, with `convert: null`):
 *   window.icpPanelHostStub = { kind: 'excel', sheets, convert: { foreign: { formulas, sheets }, failConvert?, latencyMs? } }
 * The stand-in records its calls in window.icpPanelHostCalls.
 */
import type { ForeignFormulas, Host, WireCell } from '../../workbook/host.ts';
import { MemoryHost } from '../../workbook/memory-host.ts';
import { mountPanel } from '../../ui/panel.ts';

interface Stub {
  kind: Host['kind'];
  sheets: Record<string, WireCell[][]>;
  convert: { foreign: ForeignFormulas; failConvert?: string; latencyMs?: number } | null;
}

declare global {
  interface Window {
    icpPanelHostStub?: Stub;
    icpPanelHostCalls?: string[];
  }
}

const stub: Stub = window.icpPanelHostStub ?? { kind: 'excel', sheets: { Sheet1: [] }, convert: null };
const calls: string[] = (window.icpPanelHostCalls = []);
const memory = new MemoryHost({ sheets: stub.sheets, active: Object.keys(stub.sheets)[0], latencyMs: 10 });
const later = <T>(value: T, ms = 20) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

const host: Host = {
  kind: stub.kind,
  readModel: (sheet) => memory.readModel(sheet),
  saveModel: (request) => memory.saveModel(request),
  listSheets: () => memory.listSheets(),
  activeSheet: () => memory.activeSheet(),
  readRows: (sheet, limit) => memory.readRows(sheet, limit),
  insertScoreColumns: (request) => memory.insertScoreColumns(request),
  createSummarySheet: (request) => memory.createSummarySheet(request),
  listHistory: (sheet) => memory.listHistory(sheet),
  readHistory: (sheet, id) => memory.readHistory(sheet, id),
};

const convert = stub.convert;
if (convert) {
  let converted = false;
  host.findForeignFormulas = () => (calls.push('findForeignFormulas'), later(converted ? { formulas: 0, sheets: [] } : convert.foreign));
  host.convertForeignFormulas = () => {
    calls.push('convertForeignFormulas');
    if (convert.failConvert) return Promise.reject(new Error(convert.failConvert));
    converted = true;
    return later(convert.foreign, convert.latencyMs);
  };
}

const root = document.getElementById('app');
if (root) mountPanel(root, host, { modelSheet: 'ICP Model' });
