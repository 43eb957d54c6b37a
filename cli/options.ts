/**
 * Option checks every command shares: a `--today` that is a real calendar day, an option given
 * as an empty text, and a `--dimensions` list that names at least one of the model's Dimensions.
 * Each refusal is one sentence that says what to type.
 */
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import * as z from 'zod/mini';
import type { Model } from '../core/index.ts';
import { quoteList } from '../core/text.ts';
import { dayFromParts } from '../core/values.ts';
import { knownEncoding } from './encoding.ts';
import { CliError } from './files.ts';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why `text` is not a calendar day (`2026-02-30`: February 2026 has 28 days), or undefined when it is one. */
export function dayProblem(text: string): string | undefined {
  const match = ISO_DAY.exec(text);
  if (!match) return 'use a date such as 2026-09-30';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (dayFromParts(year, month, day) !== undefined) return undefined;
  if (month < 1 || month > 12) return `there is no month ${match[2]}; use a date such as 2026-09-30`;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const name = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
  return `${name} ${year} has ${last} days; use a date such as ${year}-${match[2]}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/**
 * The options and the one history file after `icp <command>` (the file as `input`); a CliError
 * with a sentence when parseArgs refuses them or there is not exactly one file.
 */
export function historyCommandArgs(command: string, argv: readonly string[], options: ParseArgsOptionsConfig, example: string): Record<string, unknown> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message.replace(/\. To specify.*$/s, '')} (icp ${command} --help lists the options)`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new CliError(`icp ${command} takes one history file${positionals.length ? `, not ${positionals.length}: ${positionals.join(', ')}` : `, e.g. ${example}`}`);
  }
  return { ...values, input: positionals[0] };
}

/** parseArgs options that each take one text value (`--name value`). */
export function textOptions(...names: string[]): Record<string, { type: 'string' }> {
  return Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
}

/** `--today`: a real calendar day in ISO form (2026-02-30 is refused, never read as March 2). */
export const todayOption = z.optional(z.string().check(z.refine((text) => dayProblem(text) === undefined, 'a date such as 2026-09-30')));

/** The sentence for an option whose value is refused: an empty value gets its own. */
export function optionProblem(option: string, value: unknown, wanted: string, emptyHint?: string): CliError {
  if (value === '') return new CliError(`--${option} is empty: ${emptyHint ?? `give a value, or leave --${option} out`}`);
  if (option === 'today' && typeof value === 'string') return new CliError(`--today "${value}" is not a date: ${dayProblem(value)}`);
  return new CliError(`--${option} "${String(value)}" is not valid: use ${wanted}`);
}

/** An empty `--dimensions` list (`--dimensions ""`) is refused with the model's Dimension labels. */
export function checkDimensionsOption(model: Model, dimensions: readonly string[] | undefined): void {
  if (dimensions === undefined || dimensions.length > 0) return;
  const labels = model.dimensions;
  throw new CliError(
    labels.length > 0
      ? `--dimensions is empty: give one or more of the model's Dimension labels, e.g. --dimensions "${labels[0]}" (the model's Dimensions are ${quoteList(labels)}), or leave it out for the whole score`
      : '--dimensions is empty, and the model has no Dimension labels: leave --dimensions out for the whole score',
  );
}

/** `--encoding`: an encoding iconv-lite knows, in icp's spelling (utf-8, utf-16le, utf-16be, windows-1252, …). */
export const encodingOption = z.optional(
  z.pipe(
    z.string().check(z.refine((name) => knownEncoding(name) !== undefined, 'an encoding such as utf-8, utf-16le, utf-16be or windows-1252 (or iso-8859-15, shift_jis, …)')),
    z.transform((name) => knownEncoding(name)!),
  ),
);
