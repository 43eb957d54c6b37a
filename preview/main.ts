/**
 * The local preview (`npm start`): the sample workbook in a grid whose ICP formulas HyperFormula
 * evaluates, next to the same panel as the add-ins, talking to that workbook through a third Host.
 * Everything runs in this page; nothing is sent anywhere. The workbook is `window.icpPreview`.
 */
import history from '../samples/history.csv';
import model from '../samples/model.csv';
import prospects from '../samples/prospects.csv';
import { DEFAULT_MODEL_SHEET } from '../workbook/host.ts';
import { mountPanel } from '../ui/panel.ts';
import { mountGrid } from './grid.ts';
import type { HyperFormulaHost } from './host.ts';
import { buildPreviewWorkbook } from './workbook.ts';
import './preview.css';

declare global {
  interface Window {
    icpPreview?: HyperFormulaHost;
  }
}

async function start(): Promise<void> {
  const gridRoot = document.getElementById('grid');
  const panelRoot = document.getElementById('app');
  const status = document.getElementById('status');
  if (!gridRoot || !panelRoot) return;
  try {
    const host = await buildPreviewWorkbook({ prospects, history, model }, { user: 'you@example.com' });
    window.icpPreview = host;
    mountGrid(gridRoot, host);
    mountPanel(panelRoot, host, { modelSheet: DEFAULT_MODEL_SHEET, step: 'model' });
    status?.remove();
  } catch (error) {
    if (status) status.textContent = `The preview could not start: ${error instanceof Error ? error.message : String(error)}`;
    throw error;
  }
}

void start();
