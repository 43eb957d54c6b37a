// The Sheets add-on's custom functions as Apps Script runs them: Code.js loaded in a vm, one
// ICP_SCORE call over 100k rows (Sheets passes the whole range in one call). Target < 100 ms.
import { presetGrid } from '../core/index.ts';
import { intoRealm, loadCodeJs } from '../support/fakes/code-js.ts';
import { PROSPECT_HEADERS, prospectRows } from './data.ts';

const MB = 1024 * 1024;
const peakRssMb = () => (process.resourceUsage().maxRSS * 1024) / MB;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Date cells arrive in Apps Script as Date objects, not ISO text. */
function asSheetsGives(rows: unknown[][]): unknown[][] {
  return rows.map((row) => row.map((cell) => (typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell) ? new Date(`${cell}T00:00:00`) : cell)));
}

export default async function (): Promise<void> {
  const script = loadCodeJs(); // dist/sheets/Code.js: run `npm run build` first
  const values = intoRealm(script, asSheetsGives(prospectRows(100_000)));
  const headers = intoRealm(script, [PROSPECT_HEADERS]);
  const model = intoRealm(script, presetGrid('b2b-saas'));
  for (const name of ['ICP_SCORE', 'ICP_TIER', 'ICP_EXPLAIN']) {
    const fn = script[name] as (...args: unknown[]) => unknown[][];
    fn(values, headers, model);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      const out = fn(values, headers, model);
      times.push(performance.now() - start);
      if (out.length !== 100_000) throw new Error(`${name} returned ${out.length} rows`);
    }
    const ms = median(times);
    const perSecond = Math.round((100_000 / ms) * 1000).toLocaleString('en-US');
    console.log(`${`Code.js ${name}, one call, B2B preset`.padEnd(46)} ${'100000'.padStart(9)} rows  ${ms.toFixed(1).padStart(8)} ms  ${perSecond.padStart(11)} rows/s  peak RSS ${peakRssMb().toFixed(0)} MB`);
  }
  console.log('target: one ICP_SCORE call over 100k rows in the vm < 100 ms');
}
