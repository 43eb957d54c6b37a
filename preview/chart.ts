/**
 * The charts of the sheet on screen, drawn over the grid where a spreadsheet draws them: the
 * preview's port keeps each chart's plan as the hosts get it (workbook/port.ts ChartSpec, from
 * workbook/summary-sheet.ts), and workbook/chart-data.ts reads its series from the sheet. Accounts
 * as columns, the win rate as a line on a second axis (0–100%), as Google Sheets and Excel draw the
 * tier summary's chart. An SVG anchored at the plan's cell, scrolling with the cells; redrawn when
 * the values, the sheet on screen or its charts change. Text is always set as text.
 */
import type { ExportedChange } from 'hyperformula';
import { type ChartData, chartData } from '../workbook/chart-data.ts';
import { MIN_WIDTH, ROW_HEAD_WIDTH, ROW_HEIGHT } from './grid-paint.ts';
import type { HyperFormulaHost } from './host.ts';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 480;
const HEIGHT = 280;
const PLOT = { left: 44, right: 44, top: 44, bottom: 58 };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A round top for the accounts axis: 1, 2, 5 × 10^n. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

/** A category's label in at most two lines of `width` characters, cut with an ellipsis past that. */
export function labelLines(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  const cut = (part: string) => (part.length > width ? `${part.slice(0, width - 1)}…` : part);
  return lines.length > 2 ? [cut(lines[0]!), cut(`${lines[1]} …`.length > width ? lines[1]! : `${lines[1]} …`)] : lines.map(cut);
}

/** The chart as an SVG: bars, the line and its points, both axes, the title, a legend. */
export function chartSvg(data: ChartData): SVGSVGElement {
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: 'img', 'aria-label': data.title });
  root.append(svg('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: 'pv-chart-back' }));
  root.append(svg('text', { x: WIDTH / 2, y: 20, 'text-anchor': 'middle', class: 'pv-chart-title' }, data.title));
  const plot = { width: WIDTH - PLOT.left - PLOT.right, height: HEIGHT - PLOT.top - PLOT.bottom };
  const bottom = PLOT.top + plot.height;
  const top = niceMax(Math.max(0, ...data.columns.values.map((v) => v ?? 0)));
  const slot = plot.width / Math.max(1, data.categories.length);
  for (const fraction of [0, 0.5, 1]) {
    const y = bottom - fraction * plot.height;
    root.append(svg('line', { x1: PLOT.left, x2: PLOT.left + plot.width, y1: y, y2: y, class: 'pv-chart-grid' }));
    root.append(svg('text', { x: PLOT.left - 6, y: y + 4, 'text-anchor': 'end', class: 'pv-chart-tick' }, String(Math.round(top * fraction))));
    if (data.line) root.append(svg('text', { x: PLOT.left + plot.width + 6, y: y + 4, class: 'pv-chart-tick' }, `${Math.round(fraction * 100)}%`));
  }
  data.categories.forEach((category, i) => {
    const value = data.columns.values[i] ?? 0;
    const height = (value / top) * plot.height;
    const bar = svg('rect', { x: PLOT.left + i * slot + slot * 0.2, y: bottom - height, width: slot * 0.6, height, class: 'pv-chart-bar', 'data-testid': 'chart-bar', 'data-category': category, 'data-value': value });
    bar.append(svg('title', {}, `${category}: ${value} ${data.columns.name.toLowerCase()}`));
    const label = svg('text', { x: PLOT.left + (i + 0.5) * slot, y: bottom + 14, 'text-anchor': 'middle', class: 'pv-chart-label' });
    labelLines(category, Math.max(4, Math.floor(slot / 6))).forEach((line, n) => label.append(svg('tspan', { x: PLOT.left + (i + 0.5) * slot, dy: n === 0 ? 0 : 12 }, line)));
    root.append(bar, label);
  });
  if (data.line) {
    const points = data.line.values.map((v, i) => (v === null ? null : { x: PLOT.left + (i + 0.5) * slot, y: bottom - Math.min(1, Math.max(0, v)) * plot.height, v }));
    const drawn = points.filter((p): p is NonNullable<typeof p> => p !== null);
    root.append(svg('polyline', { points: drawn.map((p) => `${p.x},${p.y}`).join(' '), class: 'pv-chart-line' }));
    for (const [i, p] of drawn.entries()) {
      const dot = svg('circle', { cx: p.x, cy: p.y, r: 4, class: 'pv-chart-point', 'data-testid': 'chart-point', 'data-value': p.v });
      dot.append(svg('title', {}, `${data.categories[points.indexOf(p)] ?? i}: ${Math.round(p.v * 1000) / 10}% ${data.line.name.toLowerCase()}`));
      root.append(dot);
    }
  }
  const legend = svg('g', { transform: `translate(${PLOT.left}, ${HEIGHT - 16})`, class: 'pv-chart-legend' });
  legend.append(svg('rect', { x: 0, y: -9, width: 10, height: 10, class: 'pv-chart-bar' }), svg('text', { x: 14, y: 0 }, data.columns.name));
  if (data.line) legend.append(svg('line', { x1: 100, x2: 118, y1: -4, y2: -4, class: 'pv-chart-line' }), svg('text', { x: 122, y: 0 }, data.line.name));
  root.append(legend);
  return root;
}

/** Where a cell's top-left corner is in the grid's scrolling table (1-based row and column). */
function cellCorner(scroller: HTMLElement, at: string): { left: number; top: number } {
  const [, letters = 'A', digits = '1'] = /^([A-Z]+)(\d+)$/.exec(at) ?? [];
  const column = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const widths = [...scroller.querySelectorAll('colgroup col')].slice(1).map((col) => parseFloat((col as HTMLElement).style.width) || MIN_WIDTH * 1.5);
  let left = ROW_HEAD_WIDTH;
  for (let c = 1; c < column; c++) left += widths[c - 1] ?? MIN_WIDTH * 1.5;
  // The column letters take the first row of the head.
  return { left, top: ROW_HEIGHT * Number(digits) };
}

/** Draws the charts of the sheet on screen over the grid mounted in `gridRoot`, and keeps them up to date. */
export function mountCharts(gridRoot: HTMLElement, host: HyperFormulaHost): void {
  const scroller = gridRoot.querySelector<HTMLElement>('[data-testid="grid"]');
  if (!scroller) return;
  const layer = document.createElement('div');
  layer.className = 'pv-charts';
  scroller.append(layer);
  let frame = 0;
  const draw = () => {
    frame = 0;
    const sheet = host.activeSheetName();
    const charts = sheet ? host.port.charts(sheet) : [];
    layer.replaceChildren(
      ...charts.map((chart) => {
        const figure = document.createElement('figure');
        figure.className = 'pv-chart';
        figure.dataset.testid = 'sheet-chart';
        const { left, top } = cellCorner(scroller, chart.at);
        figure.style.left = `${left}px`;
        figure.style.top = `${top}px`;
        figure.append(chartSvg(chartData({ title: chart.title, columns: chart.range, line: chart.line }, (block) => host.port.read(sheet!, block) ?? [])));
        return figure;
      }),
    );
  };
  // After the grid has drawn the sheet (its column widths) for the same change.
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };
  host.onChange(schedule);
  host.engine.on('valuesUpdated', (changes: ExportedChange[]) => {
    const sheet = host.activeSheetName();
    const id = sheet === null ? undefined : host.engine.getSheetId(sheet);
    if (changes.some((change) => !('address' in change) || change.address.sheet === id)) schedule();
  });
  schedule();
}
