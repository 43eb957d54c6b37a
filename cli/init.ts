/**
 * `icp init starter.xlsx [--preset b2b-saas] [--force]`: a workbook to start from, ready to
 * open in Excel or import into Google Sheets: Prospects (sample rows under the model's Fields),
 * ICP Model (the preset) and Closed deals (history to learn from). No ICP formulas are written:
 * they need the add-in, and each host spells them its own way (ICP_SCORE / ICP.SCORE); the
 * panel's "Score this sheet" writes them, or `icp score` scores the file directly.
 */
import { access } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type Cell, PRESETS, findPreset } from '../core/index.ts';
import { CliError, loadExcel, writeFileAtomic } from './files.ts';
import type { Io } from './io.ts';
import { type StarterTable, starterWorkbook } from './starter.ts';

export const DEFAULT_PRESET = 'b2b-saas';
export const SHEET_NAMES = { prospects: 'Prospects', model: 'ICP Model', deals: 'Closed deals' } as const;

export interface InitArgs {
  output: string;
  preset: string;
  force: boolean;
}

export const INIT_USAGE = `icp init  writes a starter workbook: Prospects (sample rows), ICP Model (a preset) and Closed deals.
  icp init starter.xlsx [--preset ${DEFAULT_PRESET}] [--force]
      --preset ID         ${PRESETS.map((p) => p.id).join(', ')} (default: ${DEFAULT_PRESET})
      --force             replace the file if it exists (otherwise icp init refuses)`;

/** The arguments after `icp init`; throws CliError with a sentence when they are wrong. */
export function parseInitArgs(argv: readonly string[]): InitArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: { preset: { type: 'string' }; force: { type: 'boolean' } }; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: { preset: { type: 'string' }, force: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message.replace(/\. To specify.*$/s, '')} (icp init --help lists the options)`);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new CliError('give the workbook to write, e.g. icp init starter.xlsx');
  if (positionals.length > 1) throw new CliError(`icp init writes one workbook, not ${positionals.length}: ${positionals.join(', ')}`);
  const output = positionals[0]!;
  if (!output.toLowerCase().endsWith('.xlsx')) throw new CliError(`icp init writes an .xlsx workbook; name it with .xlsx, e.g. ${output.replace(/\.[^./\\]*$/, '')}.xlsx`);
  const preset = values.preset ?? DEFAULT_PRESET;
  if (!findPreset(preset)) throw new CliError(`there is no preset "${preset}"; the presets are ${PRESETS.map((p) => p.id).join(', ')}`);
  return { output, preset, force: Boolean(values.force) };
}

type ExcelJs = Awaited<ReturnType<typeof loadExcel>>;
type Worksheet = ReturnType<InstanceType<ExcelJs['Workbook']>['addWorksheet']>;

/** A header row in bold, frozen, over the rows; dates shown as ISO days; columns wide enough to read. */
function fillSheet(sheet: Worksheet, table: StarterTable): void {
  sheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((cell) => (cell === '' ? null : cell)));
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  table.headers.forEach((header, i) => {
    const column = sheet.getColumn(i + 1);
    const cells = table.rows.map((row) => row[i]);
    if (cells.some((c) => c instanceof Date)) column.numFmt = 'yyyy-mm-dd';
    const numbers = cells.filter((c): c is number => typeof c === 'number');
    if (numbers.length > 0 && numbers.every((n) => Math.abs(n) >= 1000 || n === 0)) column.numFmt = '#,##0';
    const format = table.formats?.[i];
    if (format) column.numFmt = format;
    const width = Math.max(header.length, ...cells.map((c) => (c instanceof Date ? 10 : String(c ?? '').length)));
    column.width = Math.min(48, Math.max(10, width + 2));
  });
}

/** The workbook's bytes. */
export async function starterXlsx(preset: string, today: Date): Promise<Uint8Array> {
  const { Workbook } = await loadExcel();
  const data = starterWorkbook(preset, today);
  const book = new Workbook();
  book.creator = 'icp init';
  fillSheet(book.addWorksheet(SHEET_NAMES.prospects), data.prospects);
  const [modelHeader, ...modelRows] = data.model as [Cell[], ...Cell[][]];
  fillSheet(book.addWorksheet(SHEET_NAMES.model), { headers: modelHeader.map(String), rows: modelRows });
  fillSheet(book.addWorksheet(SHEET_NAMES.deals), data.deals);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export async function initCommand(args: InitArgs, io: Io, today = new Date()): Promise<void> {
  if (!args.force) {
    const exists = await access(args.output).then(() => true, () => false);
    if (exists) throw new CliError(`"${args.output}" already exists; choose another name, or add --force to replace it`);
  }
  const day = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  await writeFileAtomic(args.output, await starterXlsx(args.preset, day), { overwrite: args.force });
  io.stdout.write(
    `Wrote ${args.output}: sheets "${SHEET_NAMES.prospects}" (sample rows), "${SHEET_NAMES.model}" (preset ${args.preset}) and "${SHEET_NAMES.deals}".\n` +
      `Score it here: icp score --model ${args.output} ${args.output} -o scored.csv\n` +
      `Or open it in Excel, or import it into Google Sheets (File → Import → Upload), and choose "Score this sheet" in the ICP panel.\n`,
  );
}
