/**
 * Scores one chunk of CSV records (whole records, see split.ts): each record is written
 * back as it was read, with the score, tier and why columns appended. Runs in a worker
 * thread or in the main thread alike.
 */
import Papa from 'papaparse';
import { type Cell, bindModel, evaluateRow, explainText, readModel } from '../core/index.ts';
import { type Newline, readDecimalComma } from './csv-format.ts';
import { UTF8, encodeText } from './encoding.ts';
import { inertText } from './output.ts';

/** What every scorer needs, sent once to each worker. */
export interface ScorerSetup {
  /** The model worksheet as read from the model file. */
  model: Cell[][];
  headers: string[];
  /** The header row the model binds to when `--map` renames or skips Fields (bindHeaders in mapping.ts). */
  fieldHeaders?: string[];
  /** `2026-09-30`: the day `within days` counts back from when the model has no `as of`. */
  today?: string;
  dimensions?: string[];
  explain: boolean;
  delimiter: string;
  newline: Newline;
  /** The input's encoding, which the output is written in (the chunks arrive as UTF-8). */
  encoding: string;
}

export interface ChunkJob {
  index: number;
  bytes: Uint8Array;
  firstLine: number;
}

/** A row that could not be scored as it stands, by line of the input file. */
export interface RowProblem {
  line: number;
  message: string;
}

export interface ChunkResult {
  index: number;
  /** The scored records as UTF-8, ready to write (transferred from a worker, not copied). */
  output: Uint8Array;
  rows: number;
  bytes: number;
  problems: RowProblem[];
  /** Characters the output encoding cannot hold, written as "?"; and the line of the first. */
  replaced: number;
  firstReplacedLine?: number;
  /** The line of the first bytes that are not UTF-8 in a UTF-8 input (read as U+FFFD). */
  notUtf8Line?: number;
}

/** The appended columns' names. */
export const APPENDED_COLUMNS = ['icp_score', 'icp_tier', 'icp_why'] as const;

/** A local-midnight Date for an ISO day, as the core reads `today`. */
export function localDay(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
}

export function csvQuoter(delimiter: string): (text: string) => string {
  const special = new RegExp(`["\\r\\n${delimiter.replace(/[\\\]^-]/g, '\\$&')}]`);
  return (text) => (special.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
}

export function chunkScorer(setup: ScorerSetup): (job: ChunkJob) => ChunkResult {
  const model = readModel(setup.model);
  const bound = bindModel(model, setup.fieldHeaders ?? setup.headers, {
    ...(setup.today ? { today: localDay(setup.today) } : {}),
    ...(setup.dimensions ? { dimensions: setup.dimensions } : {}),
  });
  const width = setup.headers.length;
  const { delimiter, newline, explain } = setup;
  const quote = csvQuoter(delimiter);
  const strict = new TextDecoder('utf-8', { fatal: true });
  const lenient = new TextDecoder();
  const blankLine = delimiter.repeat(width - 1);
  // In a `;` file numbers are written with decimal commas (1.234,5): read so, written back as they were.
  const readField = delimiter === ';' ? readDecimalComma : undefined;
  const lineBreak = newline === '\r' ? '\r' : '\n';
  const utf8Out = setup.encoding === UTF8;

  return (job) => {
    let text: string;
    let notUtf8Line: number | undefined;
    try {
      text = strict.decode(job.bytes);
    } catch {
      text = lenient.decode(job.bytes);
      notUtf8Line = job.firstLine + countOf(text.slice(0, text.indexOf('\uFFFD')), lineBreak);
    }
    if (text.endsWith(newline)) text = text.slice(0, -newline.length);
    else if (text.endsWith(lineBreak)) text = text.slice(0, -1);
    const out: string[] = [];
    /** The line each output record starts on, kept only when the output may not hold every character. */
    const outLines: number[] = [];
    const problems: RowProblem[] = [];
    // Lines are counted only up to rows that have a problem (or every row, for a non-UTF-8 output).
    let countedTo = 0;
    let line = job.firstLine;
    const lineAt = (position: number) => {
      for (let at = text.indexOf(lineBreak, countedTo); at >= 0 && at < position; at = text.indexOf(lineBreak, at + 1)) line++;
      countedTo = position;
      return line;
    };
    const emit = (record: string, start: number) => {
      out.push(record);
      if (!utf8Out) outLines.push(lineAt(start));
    };
    let start = 0;
    let rows = 0;
    Papa.parse<string[]>(text, {
      delimiter,
      newline,
      step(result) {
        const end = result.meta.cursor;
        const rawEnd = text.startsWith(newline, end - newline.length) ? end - newline.length : end;
        const recordStart = start;
        start = end;
        rows++;
        const fields = result.data;
        const raw = text.slice(recordStart, rawEnd);
        const plural = (n: number) => `${n} field${n === 1 ? '' : 's'}`;
        const unscored = (kept: string, count: number, message: string) => {
          const at = lineAt(recordStart);
          problems.push({ line: at, message });
          // Every byte as read; short records padded so the appended columns line up.
          emit(`${kept}${delimiter.repeat(Math.max(0, width - count))}${delimiter}${delimiter}${delimiter}${quote(`Not scored: line ${at} has ${message}.`)}`, recordStart);
        };
        if (result.errors.some((error) => error.code === 'MissingQuotes')) {
          // The splitter ends such a record with its line (split.ts): the next line is a record again.
          // The quote is closed at the end of the line, so the output stays readable.
          const closed = `${raw}"`;
          const count = Papa.parse<string[]>(closed, { delimiter, newline }).data[0]?.length ?? 1;
          unscored(closed, count, 'a quote mark that opens a field and never closes; the line is written as read, with the quote closed at its end, and the next line is read as a new record');
          return;
        }
        if (result.errors.length > 0) {
          const at = lineAt(recordStart);
          problems.push({ line: at, message: `a quote mark inside a quoted field that is not doubled; read as text, ${plural(fields.length)}` });
        }
        if (fields.length === 1 && fields[0] === '' && width > 1) {
          emit(`${blankLine}${delimiter}${delimiter}${delimiter}`, recordStart);
          return;
        }
        if (fields.length !== width) {
          unscored(raw, fields.length, `${plural(fields.length)} where the header has ${width}; written unscored`);
          return;
        }
        const scored = evaluateRow(bound, readField ? fields.map(readField) : fields, explain);
        const score = scored.score === null ? '' : String(scored.score);
        // The columns icp adds never start like a formula (a tier label "=HYPERLINK(…)" is text).
        const why = explain ? quote(inertText(explainText(scored))) : '';
        emit(`${raw}${delimiter}${score}${delimiter}${quote(inertText(scored.tier))}${delimiter}${why}`, recordStart);
      },
    });
    const records = out.length;
    out.push('');
    // The output in the input's encoding, in an ArrayBuffer of its own, which the worker can transfer.
    const { bytes, replaced } = encodeText(out.join(newline), setup.encoding);
    const output = new Uint8Array(bytes.length);
    output.set(bytes);
    const result: ChunkResult = { index: job.index, output, rows, bytes: job.bytes.length, problems, replaced };
    if (replaced > 0) {
      const first = out.slice(0, records).findIndex((record) => encodeText(record, setup.encoding).replaced > 0);
      result.firstReplacedLine = outLines[first] ?? job.firstLine;
    }
    if (notUtf8Line !== undefined) result.notUtf8Line = notUtf8Line;
    return result;
  };
}

function countOf(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) count++;
  return count;
}
