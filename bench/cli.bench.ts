/**
 * `icp score` over a 1M-row CSV (target: under 5 s and 300 MB peak RSS on 2 cores), and
 * the `icp sql` DuckDB query over the same rows, side by side; then whether the two agree
 * on every score and tier. Rows: ICP_BENCH_ROWS (default 1,000,000).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeProspects } from './cli-data.ts';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TIME = '/usr/bin/time';

/** A model in the shape of SPEC §6 over the bench file's columns. */
const TYPICAL_MODEL = `Kind,Name,Field,Rule,Value,Points
criterion,Company size,Employee Count,between,200-2000,30
criterion,Industry,Industry,is any of,"SaaS, Software, Technology",20
criterion,CRM,Tech stack,contains any,"Salesforce, HubSpot",25
criterion,Revenue,Annual revenue,at least,$50M,15
criterion,RevOps,Has RevOps,is true,,10
tier,Priority,,,70,
tier,Standard,,,0,
setting,as of,,,2026-09-30,
`;

interface Measure {
  seconds: number;
  peakMb: number;
}

/** Runs a command under /usr/bin/time for its wall time and peak RSS (else wall time only). */
async function measure(command: string[]): Promise<Measure> {
  const started = Date.now();
  if (!existsSync(TIME)) {
    await run(command[0]!, command.slice(1), { cwd: root, maxBuffer: 1 << 26 });
    return { seconds: (Date.now() - started) / 1000, peakMb: Number.NaN };
  }
  const { stderr } = await run(TIME, ['-f', 'icp-bench %e %M', ...command], { cwd: root, maxBuffer: 1 << 26 });
  const match = /icp-bench ([\d.]+) (\d+)/.exec(stderr);
  return { seconds: Number(match?.[1] ?? (Date.now() - started) / 1000), peakMb: Number(match?.[2] ?? Number.NaN) / 1024 };
}

const DUCKDB_COPY = `
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const [sqlFile, out] = process.argv.slice(1);
const connection = await (await DuckDBInstance.create(':memory:')).connect();
await connection.run(\`COPY (\${readFileSync(sqlFile, 'utf8')}) TO '\${out}' (HEADER)\`);
`;

/** Matches rows by Company (unique in the bench file): parallel CSV scans do not keep row order. */
const DUCKDB_COMPARE = `
import { DuckDBInstance } from '@duckdb/node-api';
const [a, b] = process.argv.slice(1);
const connection = await (await DuckDBInstance.create(':memory:')).connect();
const read = (f) => \`read_csv('\${f}', all_varchar = true, header = true, quote = '"', escape = '"')\`;
const reader = await connection.runAndReadAll(\`SELECT count(*) AS rows, count(*) FILTER (
  TRY_CAST(a.icp_score AS DOUBLE) IS DISTINCT FROM TRY_CAST(b.icp_score AS DOUBLE)
  OR coalesce(a.icp_tier, '') <> coalesce(b.icp_tier, '')) AS differ
  FROM \${read(a)} a JOIN \${read(b)} b USING (Company)\`);
console.log(JSON.stringify(reader.getRowObjectsJson()[0]));
`;

function row(cells: (string | number)[]): string {
  return `| ${cells.map(String).join(' | ')} |`;
}

export default async function (): Promise<void> {
  const rows = Number(process.env.ICP_BENCH_ROWS ?? 1_000_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'icp-bench-'));
  try {
    const build = (await import('../scripts/build-cli.mjs' as string)) as { default: (o: { quiet: boolean }) => Promise<void> };
    await build.default({ quiet: true });
    const prospects = path.join(dir, 'prospects.csv');
    await writeProspects(prospects, rows);
    const typical = path.join(dir, 'typical-model.csv');
    await writeFile(typical, TYPICAL_MODEL);
    // DuckDB runs in a child process of its own, so its peak RSS is its own.
    const script = (code: string) => [process.execPath, '--input-type=module', '-e', code];
    const size = (await stat(prospects)).size;
    console.log(`${rows.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(1)} MB of CSV, 16 columns; ${existsSync(TIME) ? 'peak RSS from /usr/bin/time' : 'no /usr/bin/time: peak RSS not measured'}`);
    console.log(row(['model', 'run', 'wall s', 'rows/s', 'peak RSS MB']));
    console.log(row(['---', '---', '---:', '---:', '---:']));

    const models: [string, string][] = [
      ['typical (5 criteria)', typical],
      ['kitchen (every rule, 17 bands)', path.join(root, 'test/fixtures/cli/kitchen-model.csv')],
    ];
    const icp = [process.execPath, path.join(root, 'bin/icp.mjs')];
    for (const [label, model] of models) {
      const scored = path.join(dir, 'scored.csv');
      const runs: [string, string[]][] = [
        ['icp score', [...icp, 'score', '--model', model, prospects, '-o', scored, '--no-progress']],
        ['icp score --no-why', [...icp, 'score', '--model', model, prospects, '-o', path.join(dir, 'scored-nowhy.csv'), '--no-progress', '--no-why']],
      ];
      for (const [name, command] of runs) {
        const m = await measure(command);
        console.log(row([label, name, m.seconds.toFixed(2), Math.round(rows / m.seconds).toLocaleString('en-US'), m.peakMb.toFixed(0)]));
      }
      const sqlFile = path.join(dir, 'score.sql');
      const source = `read_csv('${prospects}', all_varchar = true, header = true)`;
      await run(process.execPath, [...icp.slice(1), 'sql', '--model', model, '--dialect', 'duckdb', '--header-from', prospects, '--from', source, '-o', sqlFile], { cwd: root });
      const duckOut = path.join(dir, 'duckdb.csv');
      const m = await measure([...script(DUCKDB_COPY), sqlFile, duckOut]);
      console.log(row([label, 'DuckDB: icp sql, CSV in and out', m.seconds.toFixed(2), Math.round(rows / m.seconds).toLocaleString('en-US'), m.peakMb.toFixed(0)]));
      const compare = script(DUCKDB_COMPARE);
      const { stdout } = await run(compare[0]!, [...compare.slice(1), scored, duckOut], { cwd: root });
      const { rows: compared, differ } = JSON.parse(stdout) as { rows: string; differ: string };
      console.log(`${label}: DuckDB and icp score differ on ${differ} of ${Number(compared).toLocaleString('en-US')} scores and tiers`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
