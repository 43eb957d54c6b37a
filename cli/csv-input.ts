/**
 * A CSV input (a file or standard input) as a stream of UTF-8 bytes, whatever its encoding:
 * the encoding is given (--encoding), or read from the byte-order mark, or from the first
 * non-ASCII bytes (UTF-8 when they are valid UTF-8, else Windows-1252). Other encodings are
 * decoded as they stream, so memory stays flat whatever the file's size.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UTF8, bomAt, firstNonAscii, sniffEncoding, streamDecoder } from './encoding.ts';
import { CliError, reason } from './errors.ts';

export interface CsvBytes {
  /** The next piece of the input as UTF-8 (the BOM left out), or undefined at the end. */
  next(): Promise<Buffer | undefined>;
  /** The input's encoding, which the output is written in. */
  encoding: string;
  /** Whether the input started with a byte-order mark. */
  bom: boolean;
  /** The file's size in bytes (not for standard input). */
  size: number | undefined;
}

/** Standard input is held back at most this far while its encoding is not yet known. */
const STDIN_SNIFF_BYTES = 8 << 20;
const SNIFF_WINDOW = 4100;

/** A file's encoding from its first non-ASCII bytes, reading only as far as needed (a pure ASCII file: to its end). */
async function sniffFile(file: string, what: string): Promise<string> {
  let window: Buffer | undefined;
  let first = true;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        const utf16 = sniffEncoding(chunk.subarray(0, 1024), false);
        if (utf16?.startsWith('utf-16')) return utf16;
      }
      if (!window) {
        const at = firstNonAscii(chunk);
        if (at < 0) continue;
        window = chunk.subarray(at);
      } else window = Buffer.concat([window, chunk]);
      if (window.length >= SNIFF_WINDOW) return sniffEncoding(window, false) ?? UTF8;
    }
  } catch (error) {
    throw new CliError(`cannot read the ${what} file "${file}": ${reason(error)}`);
  }
  return window ? (sniffEncoding(window, true) ?? UTF8) : UTF8;
}

/** Opens the input; `given` is the --encoding value (in icp's spelling). */
export async function openCsvBytes(file: string, stdin: Readable, given: string | undefined, readBytes: number, what = 'prospects'): Promise<CsvBytes> {
  const fromStdin = file === '-';
  let size: number | undefined;
  if (!fromStdin) {
    try {
      size = (await stat(file)).size;
    } catch (error) {
      throw new CliError(`cannot read the ${what} file "${file}": ${reason(error)}`);
    }
  }
  const stream = fromStdin ? stdin : createReadStream(file, { highWaterMark: readBytes });
  const reader = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let ended = false;
  const pull = async (): Promise<Buffer | undefined> => {
    if (ended) return undefined;
    try {
      const { value, done } = await reader.next();
      if (done) ended = true;
      return done ? undefined : typeof value === 'string' ? Buffer.from(value) : value;
    } catch (error) {
      throw new CliError(`cannot read the ${what} file "${file}": ${reason(error)}`);
    }
  };
  // Bytes read ahead to find the encoding; they are handed out first.
  let held: Buffer = Buffer.alloc(0);
  const more = async () => {
    const bytes = await pull();
    if (bytes) held = held.length ? Buffer.concat([held, bytes]) : bytes;
  };
  while (held.length < 4 && !ended) await more();
  const bom = bomAt(held);
  let encoding = given ?? bom?.encoding;
  if (!encoding && !fromStdin) encoding = await sniffFile(file, what);
  // Standard input: read ahead until the bytes decide (only what is new is looked at each time).
  for (let from = 0; !encoding && !ended && held.length < STDIN_SNIFF_BYTES; ) {
    encoding = sniffEncoding(held.subarray(from), false);
    from = Math.max(0, held.length - 3);
    if (!encoding) await more();
  }
  encoding ??= sniffEncoding(held, ended) ?? UTF8;
  const skip = bom && bom.encoding === encoding ? bom.length : 0;
  held = held.subarray(skip);

  async function* raw(): AsyncGenerator<Buffer> {
    if (held.length) yield held;
    for (let bytes = await pull(); bytes; bytes = await pull()) yield bytes;
  }
  async function* utf8(chosen: string): AsyncGenerator<Buffer> {
    if (chosen === UTF8) return yield* raw();
    const decoder = streamDecoder(chosen);
    for await (const bytes of raw()) {
      const text = decoder.write(bytes);
      if (text) yield Buffer.from(text, 'utf8');
    }
    const rest = decoder.end();
    if (rest) yield Buffer.from(rest, 'utf8');
  }
  const chunks = utf8(encoding);
  return {
    next: async () => {
      const { value, done } = await chunks.next();
      return done ? undefined : value;
    },
    encoding,
    bom: skip > 0,
    size,
  };
}
