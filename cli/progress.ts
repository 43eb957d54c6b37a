/** A one-line progress bar on stderr: share done (when the size is known), rows, rows per second. */

export interface ProgressSink {
  write(text: string): unknown;
}

const WIDTH = 24;

export class Progress {
  private readonly started = Date.now();
  private lastDrawn = 0;
  private drawn = false;

  constructor(
    private readonly sink: ProgressSink,
    /** Total bytes of input, when known. */
    private readonly totalBytes: number | undefined,
    private readonly enabled: boolean,
  ) {}

  update(bytes: number, rows: number, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDrawn < 100) return;
    this.lastDrawn = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = Math.round(rows / seconds);
    let line = `${rows.toLocaleString('en-US')} rows  ${rate.toLocaleString('en-US')} rows/s`;
    if (this.totalBytes) {
      const share = Math.min(1, bytes / this.totalBytes);
      const filled = Math.round(share * WIDTH);
      const left = share > 0 ? Math.round(seconds / share - seconds) : 0;
      line = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${line}  ${share < 1 ? `${left} s left` : ''}`;
    }
    this.sink.write(`\r${line.padEnd(78)}`);
    this.drawn = true;
  }

  /** Ends the bar's line, so what follows starts on a fresh one. */
  done(bytes: number, rows: number): void {
    if (!this.enabled) return;
    this.update(bytes, rows, true);
    if (this.drawn) this.sink.write('\n');
  }
}
