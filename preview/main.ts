/**
 * The local preview (`npm start`): the sample workbook in a grid whose ICP formulas HyperFormula
 * evaluates, next to the same panel as the add-ins, talking to that workbook through a third Host.
 * Everything runs in this page; nothing is sent anywhere. The workbook is `window.icpPreview`.
 */
import history from '../samples/history.csv';
import model from '../samples/model.csv';
import prospects from '../samples/prospects.csv';
import { DEFAULT_MODEL_SHEET } from '../ui/host.ts';
import { mountPanel } from '../ui/panel.ts';
import { mountGrid } from './grid.ts';
import type { HyperFormulaHost } from './host.ts';
import { buildFirstScreen } from './workbook.ts';
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
    // Marks for the bench (bench/preview.bench.ts): where the time to the first screen goes.
    performance.mark('icp:script');
    const { host, finish } = await buildFirstScreen({ prospects, history, model }, { user: 'you@example.com' });
    performance.mark('icp:workbook');
    window.icpPreview = host;
    mountGrid(gridRoot, host);
    performance.mark('icp:grid');
    mountPanel(panelRoot, host, { modelSheet: DEFAULT_MODEL_SHEET, step: 'model' });
    performance.mark('icp:panel');
    status?.remove();
    // The scored prospects are on screen at the next paint; the closed deals are scored after it.
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    performance.mark('icp:first-screen');
    await finish();
    performance.mark('icp:complete');
  } catch (error) {
    if (status) status.textContent = `The preview could not start: ${error instanceof Error ? error.message : String(error)}`;
    throw error;
  }
}

void start();
