/**
 * `icp score`: streams a CSV (or xlsx) file through the core. CSV input is cut into chunks
 * of whole records (split.ts) that worker threads score (chunk.ts) while this thread reads
 * ahead and writes results back in order; a bounded number of chunks is in flight, so memory
 * stays flat whatever the file's size.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import Papa from 'papaparse';
import { type Cell, bindModel, evaluateRow, explainText, readModel } from '../core/index.ts';
import type { ScoreArgs } from './args.ts';
import type { Io } from './io.ts';
import { APPENDED_COLUMNS, type ChunkResult, type RowProblem, type ScorerSetup, csvQuoter, localDay } from './chunk.ts';
import { CliError, delimiterFor, isXlsx, loadExcel, readModelGrid, reason, xlsxRows } from './files.ts';
import { bindHeaders, parseMappings } from './mapping.ts';
import { AtomicOutput, inertText, refuseOutputOverInput, writeProblem } from './output.ts';
import { createPool } from './pool.ts';
import { Progress } from './progress.ts';
import { RecordSplitter } from './split.ts';

export type { Io };

export interface ScoreSummary {
  rows: number;
  problems: number;
}

/** Below this size a file is scored in this thread: starting workers would cost more than they save. */
const SMALL_INPUT = 4 << 20;
/**
 * Reads of 256 KB, chunks of 512 KB for the workers: measured on 1M rows, larger chunks
 * are no faster and cost 100 MB more of peak memory (bench/cli.bench.ts).
 */
const READ_BYTES = 256 << 10;
const CHUNK_BYTES = 512 << 10;

export async function scoreCommand(args: ScoreArgs, io: Io): Promise<ScoreSummary> {
  if (args.output && isXlsx(args.output) && !isXlsx(args.input)) {
    throw new CliError(`an .xlsx output needs an .xlsx input; write "${args.input}" scored as CSV instead (-o scored.csv)`);
  }
  parseMappings(args.map);
  await refuseOutputOverInput(args.output, [
    { file: args.input, what: 'prospects' },
    { file: args.model, what: 'model' },
  ]);
  const grid = await readModelGrid(args.model, args['model-sheet']);
  readModel(grid); // a model error stops here, before any output
  const started = Date.now();
  const summary = isXlsx(args.input) ? await scoreXlsx(args, grid, io) : await scoreCsv(args, grid, io);
  if (args.stats) {
    const seconds = (Date.now() - started) / 1000;
    const peak = process.resourceUsage().maxRSS / 1024;
    io.stderr.write(
      `icp score: ${summary.rows.toLocaleString('en-US')} rows in ${seconds.toFixed(2)} s ` +
        `(${Math.round(summary.rows / Math.max(seconds, 0.001)).toLocaleString('en-US')} rows/s), peak memory ${peak.toFixed(0)} MB\n`,
    );
  }
  return summary;
}

/** The UTF-8 byte-order mark: Excel reads a CSV without it in the system's legacy code page. */
const BOM = '\uFEFF';

/** Whether a CSV output starts with the BOM: files yes, standard output no, unless told. */
export function wantsBom(args: Pick<ScoreArgs, 'output' | 'bom' | 'no-bom'>): boolean {
  if (args['no-bom']) return false;
  if (args.bom) return true;
  return Boolean(args.output && args.output !== '-');
}

/** Where scored rows go: standard output, or a file replaced only once it is complete (output.ts). */
interface Output {
  write(data: string | Uint8Array): Promise<void>;
  /** Everything written: put the file in place. */
  commit(): Promise<void>;
  /** Something failed: leave the target as it was. */
  abort(): Promise<void>;
}

async function openOutput(file: string | undefined, io: Io): Promise<Output> {
  if (file && file !== '-') return AtomicOutput.open(file);
  return { write: (data) => write(io.stdout, data), commit: async () => {}, abort: async () => {} };
}

async function write(output: Writable, text: string | Uint8Array): Promise<void> {
  if (!output.write(text)) await once(output, 'drain');
}

/** Runs `body` on the output, committing it when body succeeds and dropping it when it throws. */
async function writing<T>(output: Output, body: () => Promise<T>): Promise<T> {
  try {
    const result = await body();
    await output.commit();
    return result;
  } finally {
    await output.abort();
  }
}

/** Problems printed one per line before the rest are only counted (every one is in its row's icp_why). */
const PRINTED_PROBLEMS = 100;

function reportProblems(problems: readonly RowProblem[], io: Io, file: string, before: number): void {
  for (const [i, p] of problems.entries()) {
    if (before + i < PRINTED_PROBLEMS) io.stderr.write(`${file} line ${p.line}: ${p.message}\n`);
  }
}

function showProgress(args: ScoreArgs, io: Io): boolean {
  if (args['no-progress']) return false;
  return Boolean(args.progress || io.stderr.isTTY);
}

async function scoreCsv(args: ScoreArgs, grid: Cell[][], io: Io): Promise<ScoreSummary> {
  const fromStdin = args.input === '-';
  const delimiter = args.delimiter ?? delimiterFor(args.input);
  let size: number | undefined;
  if (!fromStdin) {
    try {
      size = (await stat(args.input)).size;
    } catch (error) {
      throw new CliError(`cannot read the prospects file "${args.input}": ${reason(error)}`);
    }
  }
  const input = fromStdin ? io.stdin : createReadStream(args.input, { highWaterMark: READ_BYTES });
  const splitter = new RecordSplitter(delimiter.charCodeAt(0), CHUNK_BYTES);
  const reader = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const next = async (): Promise<Buffer | undefined> => {
    try {
      const { value, done } = await reader.next();
      return done ? undefined : typeof value === 'string' ? Buffer.from(value) : value;
    } catch (error) {
      throw new CliError(`cannot read the prospects file "${args.input}": ${reason(error)}`);
    }
  };

  // The header row: the first record.
  let header: ReturnType<RecordSplitter['takeFirstRecord']>;
  let first = true;
  while (!header) {
    let data = await next();
    if (first && data && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    first = false;
    header = splitter.takeFirstRecord(data ?? Buffer.alloc(0), data === undefined);
    if (!data && !header) throw new CliError(`the prospects file "${args.input}" is empty; it needs a header row`);
  }
  const headerText = header.bytes.toString('utf8');
  const newline = headerText.endsWith('\r\n') ? '\r\n' : '\n';
  const headers = Papa.parse<string[]>(headerText.replace(/\r?\n$/, ''), { delimiter }).data[0] ?? [];
  // Field errors stop here, all of them at once.
  const fieldHeaders = bindHeaders(readModel(grid), headers, parseMappings(args.map), args.input, args.dimensions ? { dimensions: args.dimensions } : {});
  const setup: ScorerSetup = {
    model: grid,
    headers,
    fieldHeaders,
    explain: !args['no-why'],
    delimiter,
    newline,
    ...(args.today ? { today: args.today } : {}),
    ...(args.dimensions ? { dimensions: args.dimensions } : {}),
  };

  const output = await openOutput(args.output, io);
  return writing(output, async () => {
    const quote = csvQuoter(delimiter);
    await output.write(`${wantsBom(args) ? BOM : ''}${headerText.replace(/\r?\n$/, '')}${APPENDED_COLUMNS.map((c) => delimiter + quote(c)).join('')}${newline}`);

    const threads = args.threads ?? (size !== undefined && size < SMALL_INPUT ? 0 : Math.min(availableParallelism(), 4));
    const pool = createPool(setup, threads);
    const progress = new Progress(io.stderr, size, showProgress(args, io));
    const inFlight: Promise<ChunkResult>[] = [];
    const limit = Math.max(2, threads * 2);
    let index = 0;
    let rows = 0;
    let problems = 0;
    let bytes = header.bytes.length;

    const writeOldest = async () => {
      const result = await inFlight.shift()!;
      reportProblems(result.problems, io, args.input, problems);
      problems += result.problems.length;
      rows += result.rows;
      bytes += result.bytes;
      await output.write(result.output);
      progress.update(bytes, rows);
    };
    const submit = async (chunk: { bytes: Buffer; firstLine: number }) => {
      // Workers receive their own copy of the bytes (transferred, not cloned).
      inFlight.push(pool.submit({ index: index++, bytes: new Uint8Array(chunk.bytes), firstLine: chunk.firstLine }));
      while (inFlight.length >= limit) await writeOldest();
    };

    try {
      for (let data = await next(); data; data = await next()) {
        for (const chunk of splitter.push(data)) await submit(chunk);
      }
      for (const chunk of splitter.end()) await submit(chunk);
      while (inFlight.length) await writeOldest();
    } finally {
      // After a failure (a full disk), chunks still in flight are dropped, not left to reject unheard.
      for (const pending of inFlight) pending.catch(() => undefined);
      await pool.close();
    }
    progress.done(bytes, rows);
    return { rows, problems };
  });
}

/** xlsx input: rows streamed by exceljs and scored in this thread; written as CSV, or as xlsx when -o names one. */
async function scoreXlsx(args: ScoreArgs, grid: Cell[][], io: Io): Promise<ScoreSummary> {
  const model = readModel(grid);
  const rowsOf = xlsxRows(args.input, args.sheet);
  let headerEntry = await rowsOf.next();
  while (!headerEntry.done && headerEntry.value[1].every((c) => c === null || c === '')) headerEntry = await rowsOf.next();
  if (headerEntry.done) throw new CliError(`the workbook "${args.input}" has no header row`);
  const headers = headerEntry.value[1].map((c) => (c === null || c === undefined ? '' : String(c)));
  const fieldHeaders = bindHeaders(model, headers, parseMappings(args.map), args.input, args.dimensions ? { dimensions: args.dimensions } : {});
  const bound = bindModel(model, fieldHeaders, {
    ...(args.today ? { today: localDay(args.today) } : {}),
    ...(args.dimensions ? { dimensions: args.dimensions } : {}),
  });
  const explain = !args['no-why'];
  const sink = await xlsxSink(args, headers, io);
  return writing(sink.output, async () => {
    const progress = new Progress(io.stderr, undefined, showProgress(args, io));
    let rows = 0;
    for await (const [, cells] of rowsOf) {
      while (cells.length < headers.length) cells.push(null);
      const result = evaluateRow(bound, cells.slice(0, headers.length), explain);
      await sink.add([...cells.slice(0, headers.length), result.score, result.tier, explain ? explainText(result) : '']);
      rows++;
      progress.update(0, rows);
    }
    progress.done(0, rows);
    await sink.close();
    return { rows, problems: 0 };
  });
}

interface RowSink {
  add(cells: Cell[]): Promise<void>;
  /** The last rows written (before the output is committed). */
  close(): Promise<void>;
  output: Output;
}

async function xlsxSink(args: ScoreArgs, headers: string[], io: Io): Promise<RowSink> {
  const all = [...headers, ...APPENDED_COLUMNS];
  if (args.output && isXlsx(args.output)) {
    const { stream } = await loadExcel();
    // exceljs writes the temporary file by name; the commit renames it into place.
    const output = await AtomicOutput.open(args.output, { byPath: true });
    const workbook = new stream.xlsx.WorkbookWriter({ filename: output.temp, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Scored');
    sheet.addRow(all).commit();
    return {
      output,
      add: async (cells) => sheet.addRow(cells.map((c) => (c === null || c === undefined ? null : c))).commit(),
      close: async () => {
        sheet.commit();
        try {
          await workbook.commit();
        } catch (error) {
          throw writeProblem(args.output!, error);
        }
      },
    };
  }
  const output = await openOutput(args.output, io);
  const quote = csvQuoter(',');
  // xlsx text becomes CSV here: text that starts like a formula is made inert (output.ts).
  const field = (c: Cell) => (c === null || c === undefined ? '' : c === true ? 'TRUE' : c === false ? 'FALSE' : typeof c === 'string' ? inertText(c) : String(c));
  const line = (cells: Cell[]) => `${cells.map((c) => quote(field(c))).join(',')}\n`;
  await output.write((wantsBom(args) ? BOM : '') + line(all));
  return {
    output,
    add: (cells) => output.write(line(cells)),
    close: async () => {},
  };
}
