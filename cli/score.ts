/**
 * `icp score`: streams a CSV (or xlsx) file through the core. CSV input is cut into chunks
 * of whole records (split.ts) that worker threads score (chunk.ts) while this thread reads
 * ahead and writes results back in order; a bounded number of chunks is in flight, so memory
 * stays flat whatever the file's size.
 */
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import Papa from 'papaparse';
import { type Cell, bindModel, evaluateRow, explainText, readModel } from '../core/index.ts';
import type { ScoreArgs } from './args.ts';
import { APPENDED_COLUMNS, type ChunkResult, type RowProblem, type ScorerSetup, csvQuoter, localDay } from './chunk.ts';
import { type CsvBytes, openCsvBytes } from './csv-input.ts';
import { detectDelimiter, headerLine } from './csv-format.ts';
import { UTF8, bomFor, encodeText, encodingLabel } from './encoding.ts';
import { CliError, delimiterFor, isXlsx, loadExcel, readModelGrid, xlsxRows } from './files.ts';
import { bindHeaders, parseMappings } from './mapping.ts';
import { AtomicOutput, inertText, isWriteError, refuseOutputOverInput, stdoutProblem, terminalText, writeProblem } from './output.ts';
import { checkDimensionsOption } from './options.ts';
import { createPool } from './pool.ts';
import { Progress } from './progress.ts';
import { RecordSplitter } from './split.ts';

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
}

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
  checkDimensionsOption(readModel(grid), args.dimensions); // a model error stops here, before any output
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
  const toStdout = async (data: string | Uint8Array) => {
    try {
      await write(io.stdout, data);
    } catch (error) {
      throw isWriteError(error) ? stdoutProblem(error) : error;
    }
  };
  return { write: toStdout, commit: async () => {}, abort: async () => {} };
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

/** The header record of a CSV input, and how the file is laid out (from its header line). */
async function readHeader(args: ScoreArgs, input: CsvBytes) {
  let pending: Buffer = Buffer.alloc(0);
  let atEnd = false;
  let line: ReturnType<typeof headerLine>;
  while (!(line = headerLine(pending.toString('utf8'), atEnd))) {
    const data = await input.next();
    if (!data) atEnd = true;
    else pending = pending.length ? Buffer.concat([pending, data]) : data;
  }
  if (pending.length === 0) throw new CliError(`the prospects file "${args.input}" is empty; it needs a header row`);
  const delimiter = args.delimiter ?? detectDelimiter(line.line, delimiterFor(args.input));
  const newline = line.newline;
  const splitter = new RecordSplitter(delimiter.charCodeAt(0), CHUNK_BYTES, undefined, newline === '\r' ? '\r' : '\n');
  let header = splitter.takeFirstRecord(pending, atEnd);
  while (!header) {
    const data = await input.next();
    header = splitter.takeFirstRecord(data ?? Buffer.alloc(0), data === undefined);
  }
  const headerText = header.bytes.toString('utf8').replace(/(\r\n|\n|\r)$/, '');
  const headers = Papa.parse<string[]>(headerText, { delimiter, newline }).data[0] ?? [];
  return { splitter, header, headerText, headers, delimiter, newline };
}

async function scoreCsv(args: ScoreArgs, grid: Cell[][], io: Io): Promise<ScoreSummary> {
  const input = await openCsvBytes(args.input, io.stdin, args.encoding, READ_BYTES);
  const { splitter, header, headerText, headers, delimiter, newline } = await readHeader(args, input);
  // Field errors stop here, all of them at once.
  const fieldHeaders = bindHeaders(readModel(grid), headers, parseMappings(args.map), args.input, args.dimensions ? { dimensions: args.dimensions } : {});
  const setup: ScorerSetup = {
    model: grid,
    headers,
    fieldHeaders,
    explain: !args['no-why'],
    delimiter,
    newline,
    encoding: input.encoding,
    ...(args.today ? { today: args.today } : {}),
    ...(args.dimensions ? { dimensions: args.dimensions } : {}),
  };

  const output = await openOutput(args.output, io);
  return writing(output, async () => {
    const quote = csvQuoter(delimiter);
    const headerLine = `${headerText}${APPENDED_COLUMNS.map((c) => delimiter + quote(c)).join('')}${newline}`;
    await output.write(outputBom(args, input));
    await output.write(encodeText(headerLine, input.encoding).bytes);

    const size = input.size;
    const threads = args.threads ?? (size !== undefined && size < SMALL_INPUT ? 0 : Math.min(availableParallelism(), 4));
    const pool = createPool(setup, threads);
    const progress = new Progress(io.stderr, size, showProgress(args, io));
    const inFlight: Promise<ChunkResult>[] = [];
    const limit = Math.max(2, threads * 2);
    let index = 0;
    let rows = 0;
    let problems = 0;
    let bytes = header.bytes.length;
    const notes = new EncodingNotes(args.input, input.encoding);

    const writeOldest = async () => {
      const result = await inFlight.shift()!;
      reportProblems(result.problems, io, args.input, problems);
      problems += result.problems.length;
      rows += result.rows;
      bytes += result.bytes;
      notes.add(result);
      await output.write(result.output);
      progress.update(bytes, rows);
    };
    const submit = async (chunk: { bytes: Buffer; firstLine: number }) => {
      // Workers receive their own copy of the bytes (transferred, not cloned).
      inFlight.push(pool.submit({ index: index++, bytes: new Uint8Array(chunk.bytes), firstLine: chunk.firstLine }));
      while (inFlight.length >= limit) await writeOldest();
    };

    try {
      for (let data = await input.next(); data; data = await input.next()) {
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
    notes.report(io);
    return { rows, problems };
  });
}

/** The byte-order mark the output starts with: UTF-16 always has one; UTF-8 as --bom says (wantsBom); others none. */
function outputBom(args: ScoreArgs, input: CsvBytes): Uint8Array {
  if (input.encoding === UTF8) return wantsBom(args) ? bomFor(UTF8) : new Uint8Array(0);
  return input.encoding.startsWith('utf-16') ? bomFor(input.encoding) : new Uint8Array(0);
}

/** What the encodings cost, said once at the end: characters the output cannot hold, bytes that are not UTF-8. */
class EncodingNotes {
  private replaced = 0;
  private firstReplaced: number | undefined;
  private notUtf8: number | undefined;
  constructor(
    private readonly file: string,
    private readonly encoding: string,
  ) {}

  add(result: ChunkResult): void {
    if (result.replaced) {
      this.replaced += result.replaced;
      this.firstReplaced ??= result.firstReplacedLine;
    }
    if (result.notUtf8Line !== undefined) this.notUtf8 ??= result.notUtf8Line;
  }

  report(io: Io): void {
    const name = this.file === '-' ? 'standard input' : this.file;
    if (this.replaced > 0) {
      io.stderr.write(
        terminalText(
          `icp score: ${this.replaced.toLocaleString('en-US')} character${this.replaced === 1 ? '' : 's'} of the appended columns cannot be written in ${encodingLabel(this.encoding)} (the encoding of ${name}) and ${this.replaced === 1 ? 'was' : 'were'} written as "?" (first on line ${this.firstReplaced}). ` +
            'To keep them, save the file as UTF-8 ("CSV UTF-8" in Excel) and score it again.\n',
        ),
      );
    }
    if (this.notUtf8 !== undefined) {
      io.stderr.write(
        terminalText(
          `icp score: ${name} is not all UTF-8 (first on line ${this.notUtf8}): those bytes were read and written as "\uFFFD". Give its encoding, e.g. --encoding windows-1252, and score it again.\n`,
        ),
      );
    }
  }
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
