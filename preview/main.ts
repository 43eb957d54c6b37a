/**
 * The local preview (`npm start`): the sample workbook in a grid whose ICP formulas HyperFormula
 * evaluates, next to the same panel as the add-ins, talking to that workbook through a third Host.
 * Everything runs in this page; nothing is sent anywhere. The workbook is `window.icpPreview`.
 */
import history from '../samples/history.csv';
import model from '../samples/model.csv';
import prospects from '../samples/prospects.csv';
import { DEFAULT_MODEL_SHEET } from '../workbook/host.ts';
import { type PanelTheme, mountPanel } from '../ui/panel.ts';
import { mountCharts } from './chart.ts';
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
    mountCharts(gridRoot, host);
    performance.mark('icp:grid');
    const showPanel = (theme: PanelTheme) => mountPanel(panelRoot, host, { modelSheet: DEFAULT_MODEL_SHEET, step: 'model', theme });
    showPanel(lookSwitch(showPanel));
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

/**
 * The header's switch between the panel's two looks: Google Sheets' (the default) and Excel's
 * (`?look=excel`). Returns the look to start with; `show` re-renders the panel, keeping its state.
 */
function lookSwitch(show: (theme: PanelTheme) => void): PanelTheme {
  const looks: { theme: PanelTheme; label: string; param: string }[] = [
    { theme: 'google', label: 'Google Sheets', param: 'sheets' },
    { theme: 'fluent', label: 'Excel', param: 'excel' },
  ];
  const asked = new URLSearchParams(location.search).get('look');
  let current = looks.find((look) => look.param === asked)?.theme ?? 'google';
  const group = document.createElement('div');
  group.className = 'pv-look';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Panel look');
  const caption = document.createElement('span');
  caption.textContent = 'Panel look';
  group.append(caption);
  const buttons = looks.map((look) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = look.label;
    button.dataset.testid = `look-${look.param}`;
    button.addEventListener('click', () => {
      current = look.theme;
      for (const [i, other] of buttons.entries()) other.setAttribute('aria-pressed', String(looks[i]!.theme === current));
      const url = new URL(location.href);
      url.searchParams.set('look', look.param);
      window.history.replaceState(null, '', url);
      show(current);
    });
    return button;
  });
  for (const [i, button] of buttons.entries()) button.setAttribute('aria-pressed', String(looks[i]!.theme === current));
  group.append(...buttons);
  document.querySelector('.pv-header')?.append(group);
  return current;
}

void start();
