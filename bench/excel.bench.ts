// The Excel add-in's custom functions as Excel's shared runtime runs them: functions.js loaded in a
// vm, one ICP.SCORE call over 100k rows, with blank cells as Excel on the web passes them (null)
// and as Excel desktop does (0, which the add-in reads back as blank: excel-addin/blank-cells.ts).
import { presetGrid } from '../core/index.ts';
import { type Platform, asExcelPasses, intoRealm, loadFunctionsJs, registered, serialOf } from '../support/fakes/excel-functions.ts';
import { PROSPECT_HEADERS, prospectRows } from './data.ts';

const MB = 1024 * 1024;
const peakRssMb = () => (process.resourceUsage().maxRSS * 1024) / MB;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Date cells reach Excel custom functions as serial numbers. */
function asExcelGives(rows: unknown[][], platform: Platform): unknown[][] {
  const dated = rows.map((row) => row.map((cell) => (typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell) ? serialOf(new Date(`${cell}T00:00:00`)) : cell)));
  return asExcelPasses(dated, platform) as unknown[][];
}

export default async function (): Promise<void> {
  const runtime = loadFunctionsJs(); // dist/excel/functions.js: run `npm run build` first
  const rows = prospectRows(100_000);
  for (const platform of ['web', 'desktop'] as Platform[]) {
    const values = asExcelGives(rows, platform);
    const model = asExcelPasses(presetGrid('b2b-saas'), platform);
    const args = [values, [PROSPECT_HEADERS], model].map((arg) => intoRealm(runtime, arg));
    const score = registered(runtime, 'SCORE');
    score(...args);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      const out = score(...args) as unknown[][];
      times.push(performance.now() - start);
      if (out.length !== 100_000) throw new Error(`ICP.SCORE returned ${out.length} rows`);
    }
    const ms = median(times);
    const perSecond = Math.round((100_000 / ms) * 1000).toLocaleString('en-US');
    const label = `functions.js ICP.SCORE, blanks as ${platform === 'web' ? 'null (web)' : '0 (desktop)'}`;
    console.log(`${label.padEnd(46)} ${'100000'.padStart(9)} rows  ${ms.toFixed(1).padStart(8)} ms  ${perSecond.padStart(11)} rows/s  peak RSS ${peakRssMb().toFixed(0)} MB`);
  }
  console.log('the desktop call also reads every 0 back as blank where the policy says so (one pass over the range)');
}
