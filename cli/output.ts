/**
 * Writing the files the CLI makes, so that nothing is ever lost: every output goes to a
 * temporary file beside its target and replaces the target (one rename) only once it is
 * complete, so a run that is killed or fails leaves the target as it was. An output that
 * is one of the command's own inputs (by path, or the same file through a link) is refused
 * before anything is read. Every command that writes files uses these helpers.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { type FileHandle, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { CliError, reason } from './files.ts';

/** A file the command reads, named for the sentence that refuses to overwrite it. */
export interface InputFile {
  file: string | undefined;
  /** `prospects`, `model`, `header`, … */
  what: string;
}

async function identity(file: string): Promise<{ dev: number; ino: number } | undefined> {
  try {
    const s = await stat(file);
    return { dev: s.dev, ino: s.ino };
  } catch {
    return undefined;
  }
}

/**
 * Throws a CliError when `output` is one of `inputs`: the same path, or the same file
 * (device and inode) reached through a hard or symbolic link.
 */
export async function refuseOutputOverInput(output: string | undefined, inputs: readonly InputFile[]): Promise<void> {
  if (!output || output === '-') return;
  const target = await identity(output);
  for (const { file, what } of inputs) {
    if (!file || file === '-') continue;
    const samePath = path.resolve(file) === path.resolve(output);
    const source = samePath || !target ? undefined : await identity(file);
    const sameFile = source !== undefined && target !== undefined && source.dev === target.dev && source.ino === target.ino;
    if (samePath || sameFile) {
      const how = samePath ? '' : ' (the same file, through a link)';
      throw new CliError(
        `the output "${output}" is the ${what} file "${file}"${how}; writing it would overwrite what is being read. ` +
          'Nothing was written: give another output file, e.g. -o scored.csv',
      );
    }
  }
}

/** A plain sentence for a failed write. */
export function writeProblem(file: string, error: unknown): CliError {
  const code = (error as { code?: string }).code;
  const why =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EDQUOT'
        ? 'the disk quota is used up'
        : code === 'EROFS'
          ? 'the disk is read-only'
          : code === 'ENOENT'
            ? 'its folder does not exist'
            : reason(error);
  return new CliError(`cannot write "${file}": ${why}. Nothing was written there; "${file}" is as it was before.`);
}

/** Temporary files not yet renamed or removed: removed on the way out if the run is stopped. */
const pending = new Set<string>();

/** Removes every temporary output file still pending (call on SIGINT/SIGTERM or exit). Synchronous. */
export function removePendingOutputs(): void {
  for (const temp of pending) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
  pending.clear();
}

/** The temporary name beside `target`: hidden, unique, recognisable. */
export function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.icp-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * An output file written in pieces, then committed (the target replaced in one rename) or
 * aborted (the temporary file removed, the target untouched).
 */
export class AtomicOutput {
  private handle: FileHandle | undefined;
  private failed: CliError | undefined;
  private done = false;

  private constructor(
    /** The file the user named. */
    readonly target: string,
    /** The file the rename replaces: the target, or the file it links to. */
    private readonly real: string,
    /** Where the bytes go until commit. */
    readonly temp: string,
    handle: FileHandle | undefined,
    /** A pipe or device, written in place: nothing to rename or remove. */
    private readonly special = false,
  ) {
    this.handle = handle;
  }

  /**
   * Opens the temporary file beside `target`. With `byPath`, the caller writes the
   * temporary file itself (e.g. a library that wants a file name) and only commits here.
   */
  static async open(target: string, options: { byPath?: boolean } = {}): Promise<AtomicOutput> {
    let mode = 0o666;
    let real = target;
    let special = false;
    try {
      // A symbolic link keeps pointing at the file it named: write beside that file.
      real = await realpath(target);
    } catch {
      // a new file
    }
    try {
      const found = await stat(target);
      mode = found.mode & 0o777;
      // A pipe or a device (/dev/stdout, a FIFO) cannot be replaced: it is written directly.
      special = !found.isFile();
    } catch {
      // a new file: the default mode, less the umask
    }
    const temp = special ? target : tempNameFor(real);
    let handle: FileHandle | undefined;
    try {
      handle = await open(temp, special ? 'w' : 'wx', mode);
    } catch (error) {
      throw writeProblem(target, error);
    }
    if (!special) pending.add(temp);
    if (options.byPath) {
      await handle.close().catch(() => undefined);
      handle = undefined;
    }
    return new AtomicOutput(target, real, temp, handle, special);
  }

  /** Appends text or bytes; a failure (a full disk) throws a CliError and removes the temporary file. */
  async write(data: string | Uint8Array): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.handle) throw new Error('AtomicOutput.write after commit, abort, or on a by-path output');
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
    } catch (error) {
      this.failed = writeProblem(this.target, error);
      await this.abort();
      throw this.failed;
    }
  }

  /** Flushes the data to disk and puts it in the target's place. */
  async commit(): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.done) return;
    try {
      if (this.handle) {
        if (!this.special) await this.handle.sync();
        await this.handle.close();
        this.handle = undefined;
      }
      if (!this.special) await rename(this.temp, this.real);
      this.done = true;
      pending.delete(this.temp);
    } catch (error) {
      this.failed = writeProblem(this.target, error);
      await this.abort();
      throw this.failed;
    }
  }

  /** Drops the temporary file; the target stays as it was. Safe to call more than once. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
    if (!this.special) await unlink(this.temp).catch(() => undefined);
    pending.delete(this.temp);
  }
}

/** Writes a whole file atomically: the target holds either its old content or all of `data`. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const output = await AtomicOutput.open(target);
  try {
    await output.write(data);
    await output.commit();
  } finally {
    await output.abort();
  }
}

/** Characters that make a spreadsheet read a CSV field as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number, signed: a spreadsheet reads it as that number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?%?$/i;

/**
 * A text field as a spreadsheet must read it: one that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return gets a leading apostrophe, so Excel, Sheets and LibreOffice show it as
 * text instead of running it. A plain signed number (`-5`, `+1,200.50`, `-3%`) is left as it
 * is: it cannot run anything, and the apostrophe would turn a number into text.
 */
export function inertText(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
