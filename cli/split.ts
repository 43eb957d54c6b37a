/**
 * Cuts a CSV byte stream into chunks that end on record boundaries, so each chunk can be
 * parsed and scored on its own (in parallel) and written back in order. Quotes are read as
 * Papa Parse reads them: a quote opens a quoted field only at the start of a field, and
 * closes it only before a delimiter, a line break or the end of the input.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface Chunk {
  bytes: Buffer;
  /** 1-based line of the file where the chunk's first record starts. */
  firstLine: number;
}

export class RecordSplitter {
  private pending: Buffer = Buffer.alloc(0);
  /** Bytes of `pending` already scanned, and the state at that point. */
  private scanned = 0;
  private inQuotes = false;
  /** Where in `pending` the quote that opened the current quoted field is (while inQuotes). */
  private quoteAt = 0;
  /** End (exclusive) of the last complete record found in `pending`. */
  private boundary = 0;
  private nextLine = 1;

  /** The byte that ends a record: LF (and CRLF), or CR alone (Excel for Mac's "CSV (Macintosh)"). */
  private readonly lineBreak: number;

  constructor(
    private readonly delimiter: number,
    /** A chunk is cut once this many bytes of complete records are pending. */
    private readonly chunkBytes = 1 << 20,
    /** Past this many bytes with no record boundary (a stray quote), cut at the last line break anyway. */
    private readonly maxRecordBytes = 64 << 20,
    lineBreak: '\n' | '\r' = '\n',
  ) {
    this.lineBreak = lineBreak === '\r' ? CR : LF;
  }

  /** Adds bytes; returns the chunks now complete. */
  push(data: Buffer): Chunk[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    this.scan(false);
    const chunks: Chunk[] = [];
    if (this.boundary >= this.chunkBytes) chunks.push(this.cut(this.boundary));
    else if (this.pending.length > this.maxRecordBytes) {
      // A record this long means a quote that never closes: end that record at the end of
      // the quote's line and read what follows as outside quotes.
      const lineEnd = this.inQuotes ? this.pending.indexOf(this.lineBreak, this.quoteAt) + 1 : 0;
      const end = lineEnd > 0 ? lineEnd : Math.max(this.boundary, this.pending.lastIndexOf(this.lineBreak) + 1);
      if (end > 0) chunks.push(this.resync(end, false));
    }
    return chunks;
  }

  /** The rest, at the end of the input. */
  end(): Chunk[] {
    this.scan(true);
    const chunks: Chunk[] = [];
    // A quote still open at the end never closes: its record ends with the quote's line,
    // last in its chunk, and the lines after it are records again.
    while (this.inQuotes) {
      const lineEnd = this.pending.indexOf(this.lineBreak, this.quoteAt) + 1;
      if (lineEnd === 0) break;
      chunks.push(this.resync(lineEnd, true));
    }
    if (this.pending.length) chunks.push(this.cut(this.pending.length));
    return chunks;
  }

  /** Cuts at `end` (after a record whose quote never closes) and scans what follows afresh. */
  private resync(end: number, atEnd: boolean): Chunk {
    const chunk = this.cut(end);
    this.inQuotes = false;
    this.scanned = 0;
    this.boundary = 0;
    this.scan(atEnd);
    return chunk;
  }

  /** The first record alone (the header row), once it is complete; undefined until then. Call before push. */
  takeFirstRecord(data: Buffer, atEnd = false): Chunk | undefined {
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    this.scan(atEnd);
    const end = atEnd && this.firstBoundary === 0 ? this.pending.length : this.firstBoundary;
    return end > 0 ? this.cut(end) : undefined;
  }

  /** End of the first complete record in `pending`, 0 while there is none. */
  private firstBoundary = 0;

  private cut(end: number): Chunk {
    const bytes = this.pending.subarray(0, end);
    const chunk = { bytes, firstLine: this.nextLine };
    this.nextLine += countLineFeeds(bytes, this.lineBreak);
    this.pending = this.pending.subarray(end);
    this.scanned -= end;
    this.quoteAt = Math.max(0, this.quoteAt - end);
    this.boundary = Math.max(0, this.boundary - end);
    this.firstBoundary = this.boundary > 0 ? -1 : 0;
    if (this.scanned < 0) this.scanned = 0;
    return chunk;
  }

  private isFieldEnd(position: number, atEnd: boolean): boolean | undefined {
    if (position >= this.pending.length) return atEnd ? true : undefined;
    const byte = this.pending[position];
    return byte === this.delimiter || byte === LF || byte === CR;
  }

  private scan(atEnd: boolean): void {
    const buf = this.pending;
    let at = this.scanned;
    while (at < buf.length) {
      if (this.inQuotes) {
        const quote = buf.indexOf(QUOTE, at);
        if (quote < 0) {
          at = buf.length;
          break;
        }
        if (quote + 1 >= buf.length && !atEnd) {
          at = quote; // need the next byte to decide
          break;
        }
        if (buf[quote + 1] === QUOTE) at = quote + 2;
        else {
          if (this.isFieldEnd(quote + 1, atEnd)) this.inQuotes = false;
          at = quote + 1;
        }
        continue;
      }
      const quote = buf.indexOf(QUOTE, at);
      const stop = quote < 0 ? buf.length : quote;
      const lastBreak = stop > at ? buf.lastIndexOf(this.lineBreak, stop - 1) : -1;
      if (lastBreak >= at) this.recordEnd(lastBreak + 1, buf, at);
      if (quote < 0) {
        at = buf.length;
        break;
      }
      // `pending` always starts a record, so a quote at 0 starts a field.
      const before = buf[quote - 1];
      if (quote === 0 || before === this.delimiter || before === LF || before === CR) {
        this.inQuotes = true;
        this.quoteAt = quote;
      }
      at = quote + 1;
    }
    this.scanned = at;
  }

  private recordEnd(end: number, buf: Buffer, from: number): void {
    // -1: records remain from before the last cut, so the first boundary is not known here (unused then).
    if (this.firstBoundary === 0) {
      const first = buf.indexOf(this.lineBreak, from);
      this.firstBoundary = first >= 0 && first < end ? first + 1 : end;
    }
    this.boundary = end;
  }
}

export function countLineFeeds(bytes: Uint8Array, lineBreak = LF): number {
  let count = 0;
  for (let at = bytes.indexOf(lineBreak); at >= 0; at = bytes.indexOf(lineBreak, at + 1)) count++;
  return count;
}
