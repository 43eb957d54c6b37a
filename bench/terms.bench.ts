// Whole-word matching with long term lists (issue 12): the cost per cell must grow with the
// cell's length only, whatever the term list. Each row: ICP_SCORE over a column of cells.
import { FUNCTIONS } from '../core/index.ts';

const score = FUNCTIONS.find((f) => f.id === 'SCORE')!;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function run(label: string, terms: string[], cells: string[]): void {
  const model = [
    ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
    ['criterion', 'Stack', 'Tech stack', 'contains any', terms.join(', '), 10],
  ];
  const values = cells.map((cell) => [cell]);
  const call = () => score.run([values, [['Tech stack']], model], { serialDates: false });
  call();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    call();
    times.push(performance.now() - start);
  }
  const ms = median(times);
  const chars = cells.reduce((sum, c) => sum + c.length, 0);
  console.log(`${label.padEnd(60)} ${ms.toFixed(1).padStart(8)} ms  ${((chars / ms) * 1000 / 1e6).toFixed(1).padStart(6)} M chars/s`);
}

export default async function (): Promise<void> {
  const words = Array.from({ length: 20 }, (_, i) => `w${i}`);
  const nearMiss = (n: number) => Array.from({ length: 1000 }, (_, i) => [...words.slice(0, n - 1), `end${i}`].join(' '));
  const repeat = (n: number, length: number) => {
    let cell = '';
    while (cell.length < length) cell += `${words.slice(0, n - 1).join(' ')} `;
    return cell;
  };
  run('1,000 ten-word terms × 100 cells of 5,000 chars', nearMiss(10), Array.from({ length: 100 }, () => repeat(10, 5000)));
  run('1,000 twenty-word terms × 20 cells of 50,000 chars', nearMiss(20), Array.from({ length: 20 }, () => repeat(20, 50_000)));
  const domains = Array.from({ length: 2000 }, (_, i) => `d${i}.example.com`);
  run('2,000 domains × 10,000 cells of ~60 chars', domains, Array.from({ length: 10_000 }, (_, i) => `www.d${i * 7}.example.org, d${i}.example.net; crm`));
  console.log('target: linear in the cell (M chars/s about the same on every row above); a 50,000-char cell well under 10 ms');
}
