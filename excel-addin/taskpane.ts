/**
 * The task pane page (taskpane.html, after office.js and functions.js): the shared panel on the
 * Excel host, with the Excel bar above it. Opened outside Office (Office.onReady gives host null, or
 * office.js is missing) it is a standalone preview on an in-memory workbook, so the page can be
 * tried in a browser and tested headless.
 */
import { DEFAULT_MODEL_SHEET } from '../workbook/host.ts';
import { demoProspects } from '../workbook/demo-workbook.ts';
import { MemoryHost } from '../workbook/memory-host.ts';
import { mountPanel } from '../ui/panel.ts';
import { mountExcelBar } from './excel-bar.ts';
import { excelHost } from './excel-host.ts';

function roots(): { bar: HTMLElement | null; app: HTMLElement | null } {
  return { bar: document.getElementById('excel-bar'), app: document.getElementById('app') };
}

function startExcel(): void {
  const { bar, app } = roots();
  const host = excelHost();
  if (bar) mountExcelBar(bar, { excel: host, modelSheet: DEFAULT_MODEL_SHEET });
  if (app) mountPanel(app, host, { modelSheet: DEFAULT_MODEL_SHEET });
}

function startPreview(): void {
  const { bar, app } = roots();
  const host = new MemoryHost({ sheets: { Prospects: demoProspects() }, active: 'Prospects', user: '', latencyMs: 50 });
  window.icpHost = host;
  document.documentElement.dataset.mode = 'preview';
  if (bar) mountExcelBar(bar, { excel: null, modelSheet: DEFAULT_MODEL_SHEET });
  if (app) mountPanel(app, host, { modelSheet: DEFAULT_MODEL_SHEET });
}

const office = (globalThis as { Office?: typeof Office }).Office;
if (!office) {
  startPreview();
} else {
  void office.onReady((info) => {
    if (info.host === office.HostType.Excel) {
      document.documentElement.dataset.mode = 'excel';
      startExcel();
    } else {
      startPreview();
    }
  });
}
