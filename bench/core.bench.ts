// The core's scoring speed: rows/s and peak memory for the B2B preset and a 40-row banded model.
import { FUNCTIONS, bindModel, presetGrid, readModel, scoreRows } from '../core/index.ts';
import { PROSPECT_HEADERS, bandedModel, prospectRows } from './data.ts';

const MB = 1024 * 1024;
const peakRssMb = () => (process.resourceUsage().maxRSS * 1024) / MB;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median of `runs` timed calls after one warm-up; the model is read and bound inside each call. */
function time(runs: number, work: () => void): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times);
}

function report(label: string, rows: number, ms: number): void {
  const perSecond = Math.round((rows / ms) * 1000);
  console.log(`${label.padEnd(46)} ${String(rows).padStart(9)} rows  ${ms.toFixed(1).padStart(8)} ms  ${perSecond.toLocaleString('en-US').padStart(11)} rows/s  peak RSS ${peakRssMb().toFixed(0)} MB`);
}

export default async function (): Promise<void> {
  const models = [
    ['B2B preset (5 criteria)', presetGrid('b2b-saas')],
    ['40-row banded model', bandedModel()],
  ] as const;
  const rows100k = prospectRows(100_000);
  for (const [name, grid] of models) {
    const ms = time(7, () => scoreRows(bindModel(readModel(grid), PROSPECT_HEADERS), rows100k));
    report(`core scoreRows, ${name}`, rows100k.length, ms);
  }
  const score = FUNCTIONS.find((f) => f.id === 'SCORE')!;
  const ms = time(7, () => score.run([rows100k, [PROSPECT_HEADERS], presetGrid('b2b-saas')], { serialDates: false }));
  report('ICP_SCORE function call, B2B preset', rows100k.length, ms);

  const rows1m = prospectRows(1_000_000);
  for (const [name, grid] of models) {
    const ms1 = time(2, () => scoreRows(bindModel(readModel(grid), PROSPECT_HEADERS), rows1m));
    report(`core scoreRows, ${name}`, rows1m.length, ms1);
  }
  console.log('targets: 100k rows with the B2B preset < 50 ms (≥ 2M rows/s); 1M rows < 1 GB peak RSS (rows held in memory included)');
}
