/**
 * `icp score`: streams a CSV (or xlsx) file through the core. CSV input is cut into chunks
 * of whole records (split.ts) that worker threads score (chunk.ts) while this thread reads
 * ahead and writes results back in order; a bounded number of chunks is in flight, so memory
 * stays flat whatever the file's size.
 */
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import Papa from 'papaparse';
import { type Cell, bindModel, evaluateRow, explainText, readModel } from '../core/index.ts';
import type { ScoreArgs } from './args.ts';
import type { Io } from './io.ts';
import { APPENDED_COLUMNS, type ChunkResult, type RowProblem, type ScorerSetup, csvQuoter, localDay } from './chunk.ts';
import { type CsvBytes, openCsvBytes } from './csv-input.ts';
import { detectDelimiter, headerLine } from './csv-format.ts';
import { UTF8, bomFor, encodeText, encodingLabel } from './encoding.ts';
import { CliError, delimiterFor, isXlsx, readModelGrid } from './files.ts';
import { NO_SAVED_VALUE, type SheetInfo, XlsxBook, blankRow, columnLetters, uncachedNote } from './xlsx.ts';
import { type RowScore, writeScoredWorkbook } from './xlsx-write.ts';
import { bindHeaders, parseMappings } from './mapping.ts';
import { AtomicOutput, inertText, isWriteError, refuseOutputOverInput, stdoutProblem, terminalText } from './output.ts';
import { checkDimensionsOption } from './options.ts';
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
  const grid = await readModelGrid(args.model, args['model-sheet'], (note) => io.stderr.write(terminalText(`icp score: ${note}\n`)));
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

/** The prospects sheet of an xlsx input (the one named, else the first) and its header row: the first that is not blank. */
async function xlsxHeader(book: XlsxBook, args: ScoreArgs): Promise<{ sheet: SheetInfo; headerRow: number; headers: string[] }> {
  const sheet = args.sheet ? book.sheet(args.sheet) : book.sheets[0];
  if (!sheet) throw new CliError(`the workbook "${args.input}" has no sheets`);
  for await (const row of book.rows(sheet)) {
    if (blankRow(row.cells)) continue;
    const headers = row.cells.map((c) => (c === null || c === undefined ? '' : String(c)));
    while (headers.length > 0 && headers[headers.length - 1]!.trim() === '') headers.pop();
    return { sheet, headerRow: row.number, headers };
  }
  throw new CliError(`the sheet "${sheet.name}" of "${args.input}" has no header row`);
}

/** xlsx input: rows read as the file holds them and scored in this thread; written as CSV, or into a copy of the workbook when -o names an .xlsx. */
async function scoreXlsx(args: ScoreArgs, grid: Cell[][], io: Io): Promise<ScoreSummary> {
  const model = readModel(grid);
  const book = await XlsxBook.open(args.input, 'prospects');
  try {
    const { sheet, headerRow, headers } = await xlsxHeader(book, args);
    const fieldHeaders = bindHeaders(model, headers, parseMappings(args.map), args.input, args.dimensions ? { dimensions: args.dimensions } : {});
    const bound = bindModel(model, fieldHeaders, {
      ...(args.today ? { today: localDay(args.today) } : {}),
      ...(args.dimensions ? { dimensions: args.dimensions } : {}),
    });
    const explain = !args['no-why'];
    const score: RowScore = (cells) => {
      const data = cells.slice(0, headers.length);
      while (data.length < headers.length) data.push(null);
      if (blankRow(data)) return null;
      const result = evaluateRow(bound, data, explain);
      return [result.score, result.tier, explain ? explainText(result) : ''];
    };
    const plan = { sheet, headerRow, headers, score };
    return await (args.output && isXlsx(args.output) ? scoreIntoWorkbook(args, io, book, plan) : scoreXlsxToCsv(args, io, book, plan));
  } finally {
    book.close();
  }
}

/** An xlsx sheet scored into CSV: blank rows stay in place (blank results), trailing ones are left out. */
async function scoreXlsxToCsv(args: ScoreArgs, io: Io, book: XlsxBook, plan: { sheet: SheetInfo; headerRow: number; headers: string[]; score: RowScore }): Promise<ScoreSummary> {
  const { sheet, headerRow, headers, score } = plan;
  const output = await openOutput(args.output, io);
  return writing(output, async () => {
    const quote = csvQuoter(',');
    // xlsx text becomes CSV here: text that starts like a formula is made inert (output.ts).
    const field = (c: Cell) => (c === null || c === undefined ? '' : c === true ? 'TRUE' : c === false ? 'FALSE' : typeof c === 'string' ? inertText(c) : String(c));
    const line = (cells: Cell[]) => `${cells.map((c) => quote(field(c))).join(',')}\n`;
    await output.write((wantsBom(args) ? BOM : '') + line([...headers, ...APPENDED_COLUMNS]));
    const blank = ','.repeat(headers.length + 2) + '\n';
    const progress = new Progress(io.stderr, undefined, showProgress(args, io));
    const uncached = { count: 0, first: '' };
    let rows = 0;
    let blanks = 0;
    let last = headerRow;
    // Lines are written 64 KB at a time, not one by one.
    let lines: string[] = [];
    let size = 0;
    const put = async (text: string) => {
      lines.push(text);
      size += text.length;
      if (size < 1 << 16) return;
      const chunk = lines.join('');
      lines = [];
      size = 0;
      await output.write(chunk);
    };
    for await (const row of book.rows(sheet)) {
      if (row.number <= headerRow) continue;
      blanks += row.number - last - 1;
      last = row.number;
      const shown = row.cells.slice(0, headers.length);
      const read = [...shown];
      for (const column of row.uncached.filter((c) => c < headers.length)) {
        if (uncached.count++ === 0) uncached.first = `${columnLetters(column)}${row.number}`;
        read[column] = NO_SAVED_VALUE;
      }
      const result = score(read);
      if (!result) {
        blanks++;
        continue;
      }
      // Blank rows between scored ones stay, so every row keeps its place.
      for (; blanks > 0; blanks--, rows++) await put(blank);
      while (shown.length < headers.length) shown.push(null);
      await put(line([...shown, ...result]));
      progress.update(0, ++rows);
    }
    await output.write(lines.join(''));
    progress.done(0, rows);
    if (uncached.count > 0) io.stderr.write(terminalText(`icp score: ${uncachedNote(args.input, sheet.name, uncached.count, uncached.first)}\n`));
    return { rows, problems: 0 };
  });
}

/** An xlsx sheet scored into a copy of its workbook (xlsx-write.ts); says what was written. */
async function scoreIntoWorkbook(args: ScoreArgs, io: Io, book: XlsxBook, plan: { sheet: SheetInfo; headerRow: number; headers: string[]; score: RowScore }): Promise<ScoreSummary> {
  const target = args.output!;
  const output = await AtomicOutput.open(target);
  return writing(output, async () => {
    const written = await writeScoredWorkbook(book, plan, (bytes) => output.write(bytes));
    const [score, tier, why] = written.columns;
    const others = book.sheets.length - 1;
    const kept = [...(others > 0 ? [`${others} other sheet${others === 1 ? '' : 's'}`] : []), 'formats', 'column widths', ...written.kept];
    io.stdout.write(
      terminalText(
        `Wrote ${target}: a copy of ${args.input} with icp_score, icp_tier and icp_why (values) in columns ${score}, ${tier} and ${why} of the sheet "${plan.sheet.name}", ` +
          `${written.rows.toLocaleString('en-US')} row${written.rows === 1 ? '' : 's'} scored${written.replaced ? `; the earlier ICP column${written.replaced === 1 ? ' was' : 's were'} replaced` : ''}. ` +
          `Everything else is as it was (${kept.join(', ')}); Excel rebuilds its calculation chain when it opens the file.\n`,
      ),
    );
    if (written.uncached.count > 0) io.stderr.write(terminalText(`icp score: ${uncachedNote(args.input, plan.sheet.name, written.uncached.count, written.uncached.first)}\n`));
    return { rows: written.rows, problems: 0 };
  });
}
