/**
 * The workbook port (workbook/port.ts) in Excel: each call is one `Excel.run` batch. Dates are read
 * by their number formats (a date cell's serial becomes ISO text, as Sheets sends its dates); text
 * is written behind an apostrophe, which keeps it exactly as it is. Excel has no document lock: saves
 * and conversions from this pane run one at a time.
 */
import { queueLock } from '../workbook/lock.ts';
import type { Block, CellBlock, CellInput, ChartSpec, Extent, Port } from '../workbook/port.ts';
import { EXCEL_DIALECT } from '../workbook/sheet-layout.ts';
import { EXCEL_CELL_LIMIT, toExcelValue, toWireGrid } from './excel-cells.ts';

/** `Excel.run`, or a stand-in with the same shape (tests). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelPortOptions {
  run?: ExcelRun;
  /** The clock for history timestamps and summary dates. */
  now?: () => Date;
  /** A new history version id. */
  newId?: () => string;
}

type Context = Excel.RequestContext;
type Sheet = Excel.Worksheet;
type Cell = string | number | boolean;

/** What a save's cells held before it wrote them: formulas as formulas, text as literal text. */
export interface ExcelKept {
  absent: boolean;
  blocks: { row: number; column: number; cells: Cell[][] }[];
}

/** Excel's longest sheet name. */
const SHEET_NAME_LIMIT = 31;

async function findSheet(context: Context, name: string): Promise<Sheet | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  sheet.load(['isNullObject', 'name']);
  await context.sync();
  return sheet.isNullObject ? null : sheet;
}

/** The used extent of a sheet (from A1). */
async function extentOf(context: Context, sheet: Sheet): Promise<Extent> {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load(['isNullObject', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
  await context.sync();
  if (used.isNullObject) return { lastRow: 0, lastColumn: 0 };
  return { lastRow: used.rowIndex + used.rowCount, lastColumn: used.columnIndex + used.columnCount };
}

const rangeOf = (sheet: Sheet, block: Block) => sheet.getRangeByIndexes(block.row - 1, block.column - 1, block.rows, block.columns);

/** The sheet from A1 to its last used cell. */
async function usedFromA1(context: Context, sheet: Sheet): Promise<Block> {
  const { lastRow, lastColumn } = await extentOf(context, sheet);
  return { row: 1, column: 1, rows: lastRow, columns: lastColumn };
}

/** A block's cells (the sheet's from A1 to its last used cell without one), loaded; null when empty. */
async function cellsOf(context: Context, sheet: Sheet, block: Block | null, properties: ('values' | 'numberFormat' | 'formulas')[]) {
  const area = block ?? (await usedFromA1(context, sheet));
  if (area.rows === 0 || area.columns === 0) return null;
  const range = rangeOf(sheet, area);
  range.load(properties);
  await context.sync();
  return range;
}

const isFormula = (cell: CellInput): cell is { formula: string } => cell !== null && typeof cell === 'object';

/** What a cell held before a write, to put back: its formula, or its value as literal text. */
function restorable(value: unknown, formula: unknown): Cell {
  if (typeof formula === 'string' && formula.startsWith('=') && formula !== value) return formula;
  if (typeof value === 'string') return toExcelValue(value);
  return typeof value === 'number' || typeof value === 'boolean' ? value : '';
}

async function keep(context: Context, sheet: Sheet | null, blocks: readonly Block[]): Promise<ExcelKept> {
  if (!sheet) return { absent: true, blocks: [] };
  const top = Math.min(...blocks.map((b) => b.row));
  const left = Math.min(...blocks.map((b) => b.column));
  const rows = Math.max(...blocks.map((b) => b.row + b.rows)) - top;
  const columns = Math.max(...blocks.map((b) => b.column + b.columns)) - left;
  const range = (await cellsOf(context, sheet, { row: top, column: left, rows, columns }, ['values', 'formulas']))!;
  const held = (row: number, column: number) => restorable(range.values[row - top]?.[column - left], range.formulas[row - top]?.[column - left]);
  return {
    absent: false,
    blocks: blocks.map((b) => ({
      row: b.row,
      column: b.column,
      cells: Array.from({ length: b.rows }, (_, r) => Array.from({ length: b.columns }, (_, c) => held(b.row + r, b.column + c))),
    })),
  };
}

/** A block as Excel takes it: formulas as formulas, text behind an apostrophe, null clears. */
function writeBlock(sheet: Sheet, block: CellBlock): void {
  const range = rangeOf(sheet, { row: block.row, column: block.column, rows: block.cells.length, columns: block.cells[0]!.length });
  if (block.cells.some((row) => row.some(isFormula))) range.formulas = block.cells.map((row) => row.map((cell) => (isFormula(cell) ? cell.formula : toExcelValue(cell))));
  else range.values = block.cells.map((row) => row.map((cell) => toExcelValue(cell as Exclude<CellInput, { formula: string }>)));
}

/** Accounts as columns, win rate as a line on the right axis. */
function addChart(sheet: Sheet, spec: ChartSpec): void {
  const chart = sheet.charts.add('ColumnClustered', sheet.getRange(spec.columns), 'Columns');
  chart.title.text = spec.title;
  chart.setPosition(spec.at);
  if (spec.line) {
    const line = chart.series.add(spec.line.name);
    line.setValues(sheet.getRange(spec.line.values));
    line.chartType = 'Line';
    line.axisGroup = 'Secondary';
  }
}

function newVersionId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

type WorksheetEvent<A> = { add(handler: (event: A) => Promise<unknown>): OfficeExtension.EventHandlerResult<A> } | undefined;

/**
 * Adds a handler to one of the worksheets' events; answers its removal, or null where the event's
 * API set is missing (the panel then polls).
 */
async function listen<A>(run: ExcelRun, event: (sheets: Excel.WorksheetCollection) => WorksheetEvent<A>, onEvent: (event: A) => Promise<unknown>): Promise<(() => void) | null> {
  try {
    return await run(async (context) => {
      const source = event(context.workbook.worksheets);
      if (!source) return null;
      const handler = source.add(onEvent);
      await context.sync();
      return () => {
        if (typeof Excel === 'undefined' || !handler.context) return void (handler as { remove(): void }).remove();
        void Excel.run(handler.context, async (inner) => {
          handler.remove();
          await inner.sync();
        }).catch(() => undefined);
      };
    });
  } catch {
    return null;
  }
}

/**
 * Excel's own event: `worksheets.onChanged` (ExcelApi 1.9) fires for a change to any sheet's cells;
 * those of the watched sheet call `onChange`.
 */
function watch(run: ExcelRun, sheetName: string, onChange: () => void): Promise<(() => void) | null> {
  return listen(run, (sheets) => sheets.onChanged, async (event: Excel.WorksheetChangedEventArgs) => {
    const changed = await run(async (inner) => {
      const sheet = inner.workbook.worksheets.getItem(event.worksheetId);
      sheet.load('name');
      await inner.sync();
      return sheet.name;
    }).catch(() => null);
    if (changed === sheetName) onChange();
  });
}

/** `worksheets.onActivated` (ExcelApi 1.7): the user went to another sheet. */
function watchActive(run: ExcelRun, onChange: () => void): Promise<(() => void) | null> {
  return listen(run, (sheets) => sheets.onActivated, async () => onChange());
}

export function excelPort(options: ExcelPortOptions = {}): Port<ExcelKept> {
  const run: ExcelRun = options.run ?? ((batch) => Excel.run(batch));
  const clock = options.now ?? (() => new Date());
  const lock = queueLock();
  /** One batch on a sheet, or `missing` when there is no such sheet. */
  const onSheet = <T>(name: string, missing: T, work: (context: Context, sheet: Sheet) => Promise<T>) =>
    run(async (context) => {
      const sheet = await findSheet(context, name);
      return sheet ? work(context, sheet) : missing;
    });
  /** One batch of changes to a sheet, synced at its end. */
  const change = (name: string, work: (sheet: Sheet) => void) => onSheet(name, undefined, async (context, sheet) => (work(sheet), context.sync()));
  return {
    traits: { textLimit: EXCEL_CELL_LIMIT, serialDates: true, dialect: EXCEL_DIALECT, sheetNameLimit: SHEET_NAME_LIMIT },
    sheets: () =>
      run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/visibility');
        await context.sync();
        return sheets.items.map((sheet) => ({ name: sheet.name, hidden: sheet.visibility !== 'Visible' }));
      }),
    activeSheet: () =>
      run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        sheet.load('name');
        await context.sync();
        return sheet.name;
      }),
    extent: (name) => onSheet(name, null, extentOf),
    read: (name, block) =>
      onSheet(name, null, async (context, sheet) => {
        const range = await cellsOf(context, sheet, block ?? null, ['values', 'numberFormat']);
        return range ? toWireGrid(range.values, range.numberFormat) : [];
      }),
    readFormulas: (name, block) =>
      onSheet(name, null, async (context, sheet) => {
        const range = await cellsOf(context, sheet, block ?? null, ['values', 'formulas']);
        // A text that merely starts with "=" shows the same in formulas and values: not a formula.
        const formulaOf = (formula: unknown, r: number, c: number) =>
          typeof formula === 'string' && formula.startsWith('=') && formula !== range!.values[r]?.[c] ? formula : '';
        return range ? range.formulas.map((row, r) => row.map((formula, c) => formulaOf(formula, r, c))) : [];
      }),
    keep: (name, blocks) => run(async (context) => keep(context, await findSheet(context, name), blocks)),
    write: (name, blocks) =>
      run(async (context) => {
        const sheet = (await findSheet(context, name)) ?? context.workbook.worksheets.add(name);
        for (const block of blocks) if (block.cells.length > 0) writeBlock(sheet, block);
        await context.sync();
      }),
    putBack: (name, kept) =>
      run(async (context) => {
        if (kept.absent) context.workbook.worksheets.getItemOrNullObject(name).delete();
        else {
          const sheet = await findSheet(context, name);
          for (const block of sheet ? kept.blocks : []) rangeOf(sheet!, { row: block.row, column: block.column, rows: block.cells.length, columns: block.cells[0]!.length }).values = block.cells;
        }
        await context.sync();
      }),
    clear: (name, blocks) => change(name, (sheet) => blocks.forEach((block) => rangeOf(sheet, block).clear('Contents'))),
    addSheet: (name, options = {}) =>
      run(async (context) => {
        const sheet = context.workbook.worksheets.add(name);
        if (options.frozenRows) sheet.freezePanes.freezeRows(options.frozenRows);
        if (options.hidden) sheet.visibility = 'Hidden';
        if (options.active) sheet.activate();
        await context.sync();
      }),
    format: (name, formats) =>
      change(name, (sheet) => {
        for (const { block, format } of formats) {
          const range = rangeOf(sheet, block);
          if (format.numberFormat) range.numberFormat = Array.from({ length: block.rows }, () => Array<string>(block.columns).fill(format.numberFormat!));
          if (format.bold) range.format.font.bold = true;
          if (format.fontSize) range.format.font.size = format.fontSize;
        }
      }),
    addChart: (name, chart) => change(name, (sheet) => addChart(sheet, chart)),
    lock: (work) => lock(async () => work()),
    watch: (sheet, onChange) => watch(run, sheet, onChange),
    watchActive: (onChange) => watchActive(run, onChange),
    now: () => {
      const iso = clock().toISOString();
      return { iso, local: iso.slice(0, 16).replace('T', ' ') };
    },
    newId: options.newId ?? newVersionId,
    user: () => '',
  };
}
