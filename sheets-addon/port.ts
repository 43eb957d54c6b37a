/**
 * The workbook port (workbook/port.ts) in Google Sheets, over SpreadsheetApp: every call answers at
 * once, and the server functions run whole requests with it (sheets-addon/server.ts). Dates cross as
 * ISO text in the spreadsheet's time zone; text is written as literal text; a write past the sheet's
 * edge grows it first (and putting back shrinks it again).
 */
import type { CellBlock, ChartSpec, Port } from '../workbook/port.ts';
import { SHEETS_DIALECT } from '../workbook/sheet-layout.ts';
import { SHEETS_CELL_LIMIT, restorable, sheetCell, toWireGrid } from './cells.ts';
import { type AppsScript, appsScript, currentUser, dateFormatter, ensureSize, insertSheetQuietly, underDocumentLock } from './services.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** What a save's cells held before it wrote them (formulas kept), and the sheet's size then. */
export interface SheetsKept {
  /** There was no such sheet: putting back removes it. */
  absent: boolean;
  maxRows: number;
  maxColumns: number;
  blocks: { row: number; column: number; rows: unknown[][] }[];
}

interface Area {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** The part of an area inside the sheet's grid (writing or reading past its edge throws), or null. */
function within(sheet: Sheet, area: Area): Range | null {
  const rows = Math.min(area.rows, sheet.getMaxRows() - area.row + 1);
  const columns = Math.min(area.columns, sheet.getMaxColumns() - area.column + 1);
  return rows > 0 && columns > 0 ? sheet.getRange(area.row, area.column, rows, columns) : null;
}

/** An area's values, exactly that big: cells past the sheet's edge are blank. */
function valuesOf(sheet: Sheet, area: Area, read: (range: Range) => unknown[][]): unknown[][] {
  const range = within(sheet, area);
  const values = range ? read(range) : [];
  return Array.from({ length: area.rows }, (_, r) => Array.from({ length: area.columns }, (_, c) => values[r]?.[c] ?? ''));
}

const sizeOf = (block: CellBlock): Area => ({ row: block.row, column: block.column, rows: block.cells.length, columns: block.cells[0]?.length ?? 0 });

/** A block as setValues takes it: formulas as formulas, text as literal text. */
const inputs = (block: CellBlock) =>
  block.cells.map((row) => row.map((cell) => (cell !== null && typeof cell === 'object' ? cell.formula : sheetCell(cell))));

function keep(sheet: Sheet | null, blocks: readonly Area[]): SheetsKept {
  if (!sheet) return { absent: true, maxRows: 0, maxColumns: 0, blocks: [] };
  // One read of the area the blocks cover (each call to the Spreadsheet service is a round trip).
  const top = Math.min(...blocks.map((b) => b.row));
  const left = Math.min(...blocks.map((b) => b.column));
  const area = {
    row: top,
    column: left,
    rows: Math.max(...blocks.map((b) => b.row + b.rows)) - top,
    columns: Math.max(...blocks.map((b) => b.column + b.columns)) - left,
  };
  const values = valuesOf(sheet, area, (range) => range.getValues());
  const formulas = valuesOf(sheet, area, (range) => range.getFormulas());
  const held = (row: number, column: number) => restorable(values[row - top]![column - left], String(formulas[row - top]![column - left] ?? ''));
  return {
    absent: false,
    maxRows: sheet.getMaxRows(),
    maxColumns: sheet.getMaxColumns(),
    blocks: blocks.map((b) => ({
      row: b.row,
      column: b.column,
      rows: Array.from({ length: b.rows }, (_, r) => Array.from({ length: b.columns }, (_, c) => held(b.row + r, b.column + c))),
    })),
  };
}

/** Accounts as columns and win rate as a line on the right axis. */
function insertChart(sheet: Sheet, chart: ChartSpec): void {
  const at = sheet.getRange(chart.at);
  let builder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder = sheet
    .newChart()
    .asComboChart()
    .addRange(sheet.getRange(chart.columns))
    .setNumHeaders(1)
    .setPosition(at.getRow(), at.getColumn(), 0, 0)
    .setOption('title', chart.title)
    .setOption('series', { 0: { type: 'bars', targetAxisIndex: 0 }, 1: { type: 'line', targetAxisIndex: 1, pointSize: 6 } })
    .setOption('vAxes', { 0: { title: 'Accounts' }, 1: { title: chart.line?.name ?? '', format: 'percent' } });
  if (chart.line) builder = builder.addRange(sheet.getRange(chart.line.withHeader));
  sheet.insertChart(builder.build());
}

/** The port over the active spreadsheet (`apps`: the Apps Script services, the globals by default). */
export function sheetsPort(apps: AppsScript = appsScript()): Port<SheetsKept> {
  const spreadsheet = apps.SpreadsheetApp.getActive();
  const formatDate = dateFormatter(spreadsheet, apps.Utilities);
  const sheetOf = (name: string) => spreadsheet.getSheetByName(name);
  const need = (name: string) => sheetOf(name) ?? insertSheetQuietly(spreadsheet, name);
  return {
    // The apostrophe that keeps text literal counts against the cell's limit.
    traits: { textLimit: SHEETS_CELL_LIMIT - 1, serialDates: false, dialect: SHEETS_DIALECT, sheetNameLimit: 90 },
    sheets: () => spreadsheet.getSheets().map((sheet) => ({ name: sheet.getName(), hidden: sheet.isSheetHidden() })),
    activeSheet: () => spreadsheet.getActiveSheet()?.getName() ?? null,
    extent: (name) => {
      const sheet = sheetOf(name);
      return sheet && { lastRow: sheet.getLastRow(), lastColumn: sheet.getLastColumn() };
    },
    read: (name, block) => {
      const sheet = sheetOf(name);
      if (!sheet) return null;
      return toWireGrid(block ? valuesOf(sheet, block, (range) => range.getValues()) : sheet.getDataRange().getValues(), formatDate);
    },
    readFormulas: (name, block) => {
      const sheet = sheetOf(name);
      if (!sheet) return null;
      if (block) return valuesOf(sheet, block, (range) => range.getFormulas()).map((row) => row.map(String));
      return sheet.getLastRow() === 0 ? [] : sheet.getDataRange().getFormulas();
    },
    keep: (name, blocks) => keep(sheetOf(name), blocks),
    write: (name, blocks) => {
      const sheet = need(name);
      ensureSize(sheet, Math.max(...blocks.map((b) => b.row + b.cells.length - 1)), Math.max(...blocks.map((b) => b.column + (b.cells[0]?.length ?? 0) - 1)));
      for (const block of blocks) if (block.cells.length > 0) sheet.getRange(block.row, block.column, block.cells.length, block.cells[0]!.length).setValues(inputs(block));
      apps.SpreadsheetApp.flush();
    },
    putBack: (name, kept) => {
      const sheet = sheetOf(name);
      if (!sheet) return;
      if (kept.absent) return void spreadsheet.deleteSheet(sheet);
      for (const block of kept.blocks) within(sheet, { ...block, rows: block.rows.length, columns: block.rows[0]?.length ?? 0 })?.setValues(block.rows);
      if (sheet.getMaxRows() > kept.maxRows) sheet.deleteRows(kept.maxRows + 1, sheet.getMaxRows() - kept.maxRows);
      if (sheet.getMaxColumns() > kept.maxColumns) sheet.deleteColumns(kept.maxColumns + 1, sheet.getMaxColumns() - kept.maxColumns);
    },
    clear: (name, blocks) => {
      const sheet = sheetOf(name);
      if (sheet) for (const block of blocks) within(sheet, block)?.clearContent();
    },
    addSheet: (name, options = {}) => {
      const sheet = options.active ? spreadsheet.insertSheet(name) : insertSheetQuietly(spreadsheet, name);
      if (options.frozenRows) sheet.setFrozenRows(options.frozenRows);
      if (options.hidden) sheet.hideSheet();
      if (options.active) spreadsheet.setActiveSheet(sheet);
    },
    format: (name, formats) => {
      const sheet = sheetOf(name);
      if (!sheet) return;
      for (const { block, format } of formats) {
        const range = within(sheet, block);
        if (!range) continue;
        if (format.numberFormat) range.setNumberFormat(format.numberFormat);
        if (format.bold) range.setFontWeight('bold');
        if (format.fontSize) range.setFontSize(format.fontSize);
      }
    },
    addChart: (name, chart) => {
      const sheet = sheetOf(name);
      if (sheet) insertChart(sheet, chart);
    },
    lock: (work, busy) => underDocumentLock(apps.LockService, work as () => ReturnType<typeof busy>, busy),
    now: () => {
      const date = new Date();
      return { iso: date.toISOString(), local: apps.Utilities.formatDate(date, spreadsheet.getSpreadsheetTimeZone(), 'yyyy-MM-dd HH:mm') };
    },
    newId: () => apps.Utilities.getUuid(),
    user: () => currentUser(apps.Session),
  };
}
