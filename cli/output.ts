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
import { CliError, reason } from './errors.ts';

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

/**
 * Where a file name leads once every symbolic link is followed, even to a file that does not
 * exist yet (a link to a name still to be written): two outputs that lead to the same place
 * would overwrite each other.
 */
async function finalPath(file: string, depth = 0): Promise<string> {
  const { lstat, readlink } = await import('node:fs/promises');
  try {
    return await realpath(file);
  } catch {
    // not there (yet), or a link to a name not there
  }
  try {
    if (depth < 40 && (await lstat(file)).isSymbolicLink()) {
      return finalPath(path.resolve(path.dirname(file), await readlink(file)), depth + 1);
    }
  } catch {
    // no such file
  }
  const folder = await realpath(path.dirname(path.resolve(file))).catch(() => path.dirname(path.resolve(file)));
  return path.join(folder, path.basename(file));
}

/**
 * Throws a CliError when two of a command's outputs are one file: the same path, the same
 * place through symbolic links (existing or not), or the same device and inode (hard links).
 */
export async function refuseSameOutputs(outputs: readonly InputFile[]): Promise<void> {
  const named = outputs.filter((o): o is { file: string; what: string } => Boolean(o.file) && o.file !== '-');
  const places = await Promise.all(named.map(async (o) => ({ ...o, place: await finalPath(o.file), id: await identity(o.file) })));
  for (const [i, a] of places.entries()) {
    for (const b of places.slice(i + 1)) {
      const same = a.place === b.place || (a.id !== undefined && b.id !== undefined && a.id.dev === b.id.dev && a.id.ino === b.id.ino);
      if (!same) continue;
      const how = path.resolve(a.file) === path.resolve(b.file) ? '' : ' (the same file, through a link)';
      throw new CliError(`${a.what} "${a.file}" and ${b.what} "${b.file}" name one file${how}; one would overwrite the other. Nothing was written: give them different files`);
    }
  }
}

/** Why a write failed, in words; and what to do about it when there is something to do. */
function writeFailure(error: unknown): { why: string; todo: string } {
  const code = (error as { code?: string }).code;
  if (code === 'ENOSPC') return { why: 'the disk is full', todo: ' Free some space, or write to another disk, and run icp again.' };
  if (code === 'EDQUOT') return { why: 'the disk quota is used up', todo: ' Free some space, or write to another disk, and run icp again.' };
  if (code === 'EROFS') return { why: 'the disk is read-only', todo: ' Write to another disk.' };
  if (code === 'ENOENT') return { why: 'its folder does not exist', todo: '' };
  return { why: reason(error), todo: '' };
}

/** A plain sentence for a failed write. */
export function writeProblem(file: string, error: unknown): CliError {
  const { why, todo } = writeFailure(error);
  return new CliError(`cannot write "${file}": ${why}. Nothing was written there; "${file}" is as it was before.${todo}`);
}

/** Whether an error is a failed write to a file or a stream (a full disk, a closed pipe), not a bug. */
export function isWriteError(error: unknown): boolean {
  const { code, syscall } = (error ?? {}) as { code?: string; syscall?: string };
  return syscall === 'write' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'EROFS' || code === 'EIO';
}

/** A plain sentence for a failed write to standard output (`icp … > /dev/full`). */
export function stdoutProblem(error: unknown): CliError {
  const { why } = writeFailure(error);
  return new CliError(`cannot write to standard output: ${why}. The output is incomplete; write it to a file on a disk with room instead (-o FILE), or free some space and run icp again.`);
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

/** Control characters (C0 but tab and line feed, DEL, C1) and the bidirectional overrides: they can rewrite a terminal line. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a file (a header, a category, a model label) made safe to print on a terminal:
 * each control character is shown as its escape (`\x1b`), so an escape sequence in a CSV
 * header cannot recolour, move or hide what icp prints.
 */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Markdown with no raw HTML: `&`, `<` and `>` written as entities, which every Markdown
 * renderer shows as those characters. Text from a file (a history category such as
 * `<img onerror=…>` or `</script>`) then shows as text instead of becoming markup.
 */
export function markdownWithoutHtml(markdown: string): string {
  return markdown.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
