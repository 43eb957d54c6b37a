/**
 * The panel's Host in Excel: every operation is one `Excel.run` batch against the workbook.
 * Same rules as the Sheets host (workbook/host.ts): a save is validated first, refused when the model
 * sheet changed since the panel read it, keeps the replaced version in the hidden history sheet
 * (workbook/history-sheet.ts, the layout both hosts share), and a failed write puts the sheet back.
 * The score formulas and the summary sheet follow workbook/sheet-layout.ts with Excel's spelling.
 * It implements the Host's optional conversion of Google Sheets function names (ICP_SCORE( into
 * ICP.SCORE(, offered by the panel's notice), and, beyond the Host, finds blank cells that Excel
 * desktop would pass as 0 (the Excel bar above the panel warns about them).
 */
import { convertFormulaNames, countForeignNames } from '../core/formula-names.ts';
import { HISTORY_HEADER, encodeHistoryRow, readHistoryListing, readHistoryRows } from '../workbook/history-sheet.ts';
import { isIcpError, readModel as readCoreModel, summarize } from '../core/index.ts';
import {
  EXCEL_DIALECT,
  SCORE_COLUMNS,
  SUMMARY_LAYOUT,
  columnLetter,
  findHeader,
  planScoreColumns,
  quoteSheetName,
  scoreFormulas,
  summaryArguments,
  summarySheetBase,
} from '../workbook/sheet-layout.ts';
import { detectHeaderRow, isBlankCell, trimGrid } from '../workbook/grid.ts';
import { fingerprint } from '../workbook/fingerprint.ts';
import {
  historyIdSchema,
  parseRequest,
  rowLimitSchema,
  saveRequestSchema,
  scoreColumnsRequestSchema,
  sheetNameSchema,
  summaryRequestSchema,
} from '../workbook/wire.ts';
import {
  type ForeignFormulas,
  HISTORY_SHEET,
  type HistoryEntry,
  type Host,
  type ModelSnapshot,
  type SaveRequest,
  type SaveResult,
  type ScoreColumnsRequest,
  type ScoreColumnsResult,
  type SheetInfo,
  type SummaryRequest,
  type WireCell,
} from '../workbook/host.ts';
import { type BlankNumericColumn, blankCellsInNumericColumns } from './blank-cells.ts';
import { rectangle, toExcelValue, toWireCell, toWireGrid } from './excel-cells.ts';

/** `Excel.run`, or a stand-in with the same shape (tests). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHostOptions {
  run?: ExcelRun;
  /** The clock for history timestamps and summary dates. */
  now?: () => Date;
  /** A new history version id. */
  newId?: () => string;
}

/** How many rows from the top are searched for the header row. */
const HEADER_SCAN_ROWS = 25;
/** The model range a formula reads: at least this many rows, so a model that grows is still read. */
const MODEL_ROWS = 1000;
/** Excel's longest sheet name. */
const SHEET_NAME_LIMIT = 31;

interface Grid {
  /** The sheet from A1 to the last used cell (values as the API gives them: "" for blank). */
  values: unknown[][];
  formats: unknown[][];
  /** 1-based last used row and column; 0 when the sheet is empty. */
  lastRow: number;
  lastColumn: number;
}

const EMPTY_GRID: Grid = { values: [], formats: [], lastRow: 0, lastColumn: 0 };

/** The used extent of a sheet (from A1). */
async function extentOf(context: Excel.RequestContext, sheet: Excel.Worksheet): Promise<{ lastRow: number; lastColumn: number }> {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load(['isNullObject', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
  await context.sync();
  if (used.isNullObject) return { lastRow: 0, lastColumn: 0 };
  return { lastRow: used.rowIndex + used.rowCount, lastColumn: used.columnIndex + used.columnCount };
}

/**
 * The sheet's cells from A1 to its last used cell, or its first `maxRows` rows of them. Without
 * `withFormats` the number formats are not read (half the data for a long sheet; dates stay serials).
 */
async function readGrid(context: Excel.RequestContext, sheet: Excel.Worksheet, maxRows?: number, withFormats = true): Promise<Grid> {
  const { lastRow, lastColumn } = await extentOf(context, sheet);
  if (lastRow === 0) return EMPTY_GRID;
  const range = sheet.getRangeByIndexes(0, 0, Math.min(lastRow, maxRows ?? lastRow), lastColumn);
  range.load(withFormats ? ['values', 'numberFormat'] : ['values']);
  await context.sync();
  return { values: range.values, formats: withFormats ? range.numberFormat : [], lastRow, lastColumn };
}

async function findSheet(context: Excel.RequestContext, name: string): Promise<Excel.Worksheet | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  sheet.load(['isNullObject', 'name']);
  await context.sync();
  return sheet.isNullObject ? null : sheet;
}

async function requireSheet(context: Excel.RequestContext, name: string): Promise<Excel.Worksheet> {
  const sheet = await findSheet(context, name);
  if (sheet) return sheet;
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  throw new Error(`There is no sheet named "${name}" in this workbook; its sheets are ${sheets.items.map((s) => `"${s.name}"`).join(', ')}.`);
}

function snapshotOf(name: string, grid: Grid): ModelSnapshot {
  const rows = trimGrid(toWireGrid(grid.values, grid.formats));
  return { sheetName: name, rows, version: fingerprint(rows) };
}

function headerTexts(row: readonly unknown[], formats: readonly unknown[] | undefined): string[] {
  const texts = row.map((cell, c) => String(toWireCell(cell, typeof formats?.[c] === 'string' ? (formats[c] as string) : undefined) ?? '').trim());
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  return texts;
}

/** A sheet's header row and headers, found as the Sheets host finds them. */
function describe(name: string, top: Grid): SheetInfo {
  if (top.lastRow === 0) return { name, headerRow: 0, headers: [], dataRows: 0 };
  const headerRow = detectHeaderRow(top.values);
  if (headerRow === 0) return { name, headerRow: 0, headers: [], dataRows: 0 };
  return { name, headerRow, headers: headerTexts(top.values[headerRow - 1]!, top.formats[headerRow - 1]), dataRows: top.lastRow - headerRow };
}

async function describeSheet(context: Excel.RequestContext, sheet: Excel.Worksheet): Promise<SheetInfo> {
  sheet.load('name');
  const top = await readGrid(context, sheet, HEADER_SCAN_ROWS);
  return describe(sheet.name, top);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : typeof error === 'object' && error !== null && 'message' in error ? String((error as { message: unknown }).message) : String(error);
}

/** The model columns a formula reads: A to at least H, rows 1 to at least 1000. */
function modelReference(name: string, grid: Grid): string {
  const lastColumn = Math.max(8, grid.lastColumn);
  const lastRow = Math.max(MODEL_ROWS, grid.lastRow + 500);
  return `${quoteSheetName(name)}!A1:${columnLetter(lastColumn)}${lastRow}`;
}

/** The problem with the rows as a sentence, or null when the core reads them as a valid model. */
function validationProblem(rows: WireCell[][]): string | null {
  try {
    readCoreModel(rows, { serialDates: true });
    return null;
  } catch (error) {
    if (isIcpError(error)) return error.message;
    throw error;
  }
}

function newVersionId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** What a cell held before a write, to put back: its formula, or its value as literal text. */
function restorable(value: unknown, formula: unknown): string | number | boolean {
  if (typeof formula === 'string' && formula.startsWith('=') && formula !== value) return formula;
  if (typeof value === 'string') return value === '' ? '' : `'${value}`;
  return typeof value === 'number' || typeof value === 'boolean' ? value : '';
}

export type { ForeignFormulas };

export interface ExcelExtras {
  /** Blank cells in columns of a sheet that number or yes/no rules of the model read. */
  blankNumericCells(sheetName: string, modelSheet: string): Promise<BlankNumericColumn[]>;
}

/** The Host with its optional conversion of Google Sheets names (ICP_SCORE( → ICP.SCORE() implemented. */
export type ExcelHost = Host & Required<Pick<Host, 'findForeignFormulas' | 'convertForeignFormulas'>> & ExcelExtras;

export function excelHost(options: ExcelHostOptions = {}): ExcelHost {
  const run: ExcelRun = options.run ?? ((batch) => Excel.run(batch));
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? newVersionId;

  async function saveLocked(context: Excel.RequestContext, request: SaveRequest): Promise<SaveResult> {
    const existing = await findSheet(context, request.sheetName);
    const grid = existing ? await readGrid(context, existing) : EMPTY_GRID;
    const current = existing ? snapshotOf(request.sheetName, grid) : null;
    const unchanged = !current || current.version === request.baseVersion || (request.baseVersion === null && current.rows.length === 0);
    if (current && !unchanged) return { ok: false, reason: 'conflict', current };

    let formulas: unknown[][] = [];
    if (existing && grid.lastRow > 0) {
      const before = existing.getRangeByIndexes(0, 0, grid.lastRow, grid.lastColumn);
      before.load('formulas');
      await context.sync();
      formulas = before.formulas;
    }
    const history = current && current.rows.length > 0 ? await historySheet(context, true) : null;
    const historyEnd = history ? (await extentOf(context, history)).lastRow : 0;
    const { rows, width } = rectangle(request.rows.map((row) => row.map(toExcelValue)), '' as string | number | boolean);
    const sheet = existing ?? context.workbook.worksheets.add(request.sheetName);
    try {
      if (grid.lastRow > 0) sheet.getRangeByIndexes(0, 0, grid.lastRow, grid.lastColumn).clear('Contents');
      if (rows.length > 0) sheet.getRangeByIndexes(0, 0, rows.length, width).values = rows;
      if (history && current) {
        const version = { id: newId(), when: now().toISOString(), who: '', note: request.note, sheetName: request.sheetName, rows: current.rows };
        const cells = encodeHistoryRow(version).map((cell) => (typeof cell === 'string' ? toExcelValue(cell) : cell));
        history.getRangeByIndexes(historyEnd, 0, 1, cells.length).values = [cells];
      }
      await context.sync();
    } catch (error) {
      await putBack(context, request, existing, grid, formulas, rows.length, width, history, historyEnd);
      return { ok: false, reason: 'error', message: `The model could not be saved, so the sheet "${request.sheetName}" was left as it was: ${messageOf(error)}` };
    }
    return { ok: true, version: snapshotOf(request.sheetName, await readGrid(context, sheet)).version };
  }

  /** After a failed write: the model sheet as it was (or gone, if the save made it), the history row gone. */
  async function putBack(
    context: Excel.RequestContext,
    request: SaveRequest,
    existing: Excel.Worksheet | null,
    grid: Grid,
    formulas: unknown[][],
    rowsWritten: number,
    widthWritten: number,
    history: Excel.Worksheet | null,
    historyEnd: number,
  ): Promise<void> {
    if (!existing) {
      const added = context.workbook.worksheets.getItemOrNullObject(request.sheetName);
      added.delete();
    } else {
      existing.getRangeByIndexes(0, 0, Math.max(grid.lastRow, rowsWritten, 1), Math.max(grid.lastColumn, widthWritten, 1)).clear('Contents');
      if (grid.lastRow > 0) {
        existing.getRangeByIndexes(0, 0, grid.lastRow, grid.lastColumn).values = grid.values.map((row, r) => row.map((value, c) => restorable(value, formulas[r]?.[c])));
      }
    }
    if (history) history.getRangeByIndexes(historyEnd, 0, 1, 16_384).clear('Contents');
    await context.sync();
  }

  async function historySheet(context: Excel.RequestContext, create: boolean): Promise<Excel.Worksheet | null> {
    const found = await findSheet(context, HISTORY_SHEET);
    if (found || !create) return found;
    const sheet = context.workbook.worksheets.add(HISTORY_SHEET);
    sheet.getRangeByIndexes(0, 0, 1, HISTORY_HEADER.length).values = [[...HISTORY_HEADER]];
    sheet.freezePanes.freezeRows(1);
    sheet.visibility = 'Hidden';
    await context.sync();
    return sheet;
  }

  async function historyRows(context: Excel.RequestContext): Promise<unknown[][]> {
    const history = await historySheet(context, false);
    if (!history) return [];
    return (await readGrid(context, history)).values.slice(1);
  }

  /**
   * Every formula cell of every sheet that holds a Google Sheets ICP name, by sheet, and the last
   * row any sheet uses (where Sheets' open-ended ranges such as A2:H are closed on conversion).
   */
  async function foreignCells(context: Excel.RequestContext): Promise<{
    lastRow: number;
    found: { sheet: Excel.Worksheet; name: string; cells: { row: number; column: number; formula: string }[] }[];
  }> {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const found = [];
    let lastRow = 1;
    for (const sheet of sheets.items) {
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load(['isNullObject', 'rowIndex', 'columnIndex', 'rowCount', 'formulas', 'values']);
      await context.sync();
      if (used.isNullObject) continue;
      lastRow = Math.max(lastRow, used.rowIndex + used.rowCount);
      const cells: { row: number; column: number; formula: string }[] = [];
      used.formulas.forEach((row, r) =>
        row.forEach((formula, c) => {
          // A text that merely starts with "=" shows the same in formulas and values: not a formula.
          const isFormula = typeof formula === 'string' && formula !== used.values[r]?.[c];
          if (isFormula && countForeignNames(formula, 'excel') > 0) {
            cells.push({ row: used.rowIndex + r, column: used.columnIndex + c, formula });
          }
        }),
      );
      if (cells.length > 0) found.push({ sheet, name: sheet.name, cells });
    }
    return { lastRow, found };
  }

  const host: ExcelHost = {
    kind: 'excel',

    readModel: (sheetName) =>
      run(async (context) => {
        const name = parseRequest(sheetNameSchema, sheetName, 'a model sheet name');
        const sheet = await findSheet(context, name);
        return sheet ? snapshotOf(name, await readGrid(context, sheet)) : null;
      }),

    async saveModel(raw) {
      const request = parseRequest(saveRequestSchema, raw, 'a model to save');
      const problem = validationProblem(request.rows);
      if (problem) return { ok: false, reason: 'error', message: `Nothing was saved: ${problem}` };
      // Excel has no document lock: the version check and the write run in one batch, right after
      // each other, which is as close as an add-in can come.
      return run((context) => saveLocked(context, request));
    },

    listSheets: () =>
      run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/visibility');
        await context.sync();
        const visible = sheets.items.filter((sheet) => sheet.visibility === 'Visible' && sheet.name !== HISTORY_SHEET);
        const infos: SheetInfo[] = [];
        for (const sheet of visible) infos.push(await describeSheet(context, sheet));
        return infos;
      }),

    activeSheet: () =>
      run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        return describeSheet(context, sheet);
      }),

    readRows: (sheetName, limit) =>
      run(async (context) => {
        const name = parseRequest(sheetNameSchema, sheetName, 'a sheet name');
        const count = parseRequest(rowLimitSchema, limit, 'a row limit');
        const sheet = await requireSheet(context, name);
        const info = describe(name, await readGrid(context, sheet, HEADER_SCAN_ROWS));
        const width = info.headers.length;
        const height = Math.min(count, info.dataRows);
        if (width === 0 || height === 0) return { headers: info.headers, rows: [] };
        const range = sheet.getRangeByIndexes(info.headerRow, 0, height, width);
        range.load(['values', 'numberFormat']);
        await context.sync();
        const rows = toWireGrid(range.values, range.numberFormat);
        let end = rows.length;
        while (end > 0 && rows[end - 1]!.every(isBlankCell)) end--;
        return { headers: info.headers, rows: rows.slice(0, end) };
      }),

    insertScoreColumns: (raw: ScoreColumnsRequest) =>
      run(async (context): Promise<ScoreColumnsResult> => {
        const request: ScoreColumnsRequest = parseRequest(scoreColumnsRequestSchema, raw, 'a request to score a sheet');
        const sheet = await requireSheet(context, request.sheetName);
        const model = await requireSheet(context, request.modelSheet);
        const modelGrid = await readGrid(context, model);
        const { lastRow, lastColumn } = await extentOf(context, sheet);
        if (lastColumn === 0) throw new Error(`The sheet "${request.sheetName}" is empty: there are no prospect rows to score.`);
        const headerRange = sheet.getRangeByIndexes(request.headerRow - 1, 0, 1, lastColumn);
        headerRange.load(['values', 'numberFormat']);
        await context.sync();
        const headers = headerRange.values[0]!.map((cell, c) => String(toWireCell(cell, headerRange.numberFormat[0]?.[c] as string) ?? '').trim());
        const plan = planScoreColumns(headers, request.sheetName, request.headerRow);
        const firstRow = request.headerRow + 1;
        const dataEnd = Math.max(lastRow, firstRow);
        const formulas = scoreFormulas(
          { headers, plan, headerRow: request.headerRow, lastRow: dataEnd, fieldMap: request.fieldMap, modelReference: modelReference(request.modelSheet, modelGrid) },
          EXCEL_DIALECT,
        );
        const formulaCells = SCORE_COLUMNS.map(({ header }, i) => {
          const column = plan.targets[i]!;
          sheet.getRangeByIndexes(request.headerRow - 1, column - 1, 1, 1).values = [[toExcelValue(header)]];
          // The results spill down the column: anything below would block them.
          sheet.getRangeByIndexes(firstRow - 1, column - 1, dataEnd - firstRow + 1, 1).clear('Contents');
          sheet.getRangeByIndexes(firstRow - 1, column - 1, 1, 1).formulas = [[formulas[i]!]];
          return `${columnLetter(column)}${firstRow}`;
        });
        await context.sync();
        return { columns: SCORE_COLUMNS.map((c) => c.header), formulaCells };
      }),

    createSummarySheet: (raw: SummaryRequest) =>
      run(async (context) => {
        const request: SummaryRequest = parseRequest(summaryRequestSchema, raw, 'a request for a tier summary');
        const scored = await requireSheet(context, request.scoredSheet);
        const modelSheet = await requireSheet(context, request.modelSheet);
        const grid = await readGrid(context, scored, undefined, false);
        const info = describe(request.scoredSheet, grid);
        if (info.headerRow === 0) throw new Error(`The sheet "${request.scoredSheet}" is empty: there is nothing to summarize.`);
        const column = (header: string) => {
          const found = findHeader(info.headers, header);
          if (found > 0) return found;
          const known = info.headers.filter(Boolean).map((h) => `"${h}"`).join(', ');
          throw new Error(`The sheet "${request.scoredSheet}" has no "${header}" column${known ? `; its headers are ${known}` : ''}. Score the sheet first, or pick another column.`);
        };
        const tierColumn = column(request.tierColumn);
        const wonColumn = request.wonColumn ? column(request.wonColumn) : 0;
        const amountColumn = request.amountColumn ? column(request.amountColumn) : 0;
        const firstRow = info.headerRow + 1;
        const lastRow = Math.max(grid.lastRow, firstRow);
        const ref = (c: number) => `${quoteSheetName(request.scoredSheet)}!${columnLetter(c)}${firstRow}:${columnLetter(c)}${lastRow}`;
        const modelGrid = await readGrid(context, modelSheet);
        const args = summaryArguments(ref(tierColumn), modelReference(request.modelSheet, modelGrid), wonColumn ? ref(wonColumn) : null, amountColumn ? ref(amountColumn) : null);

        let model;
        try {
          model = readCoreModel(modelGrid.values, { serialDates: true });
        } catch (error) {
          if (isIcpError(error)) throw new Error(`The model "${request.modelSheet}" has a problem, so no summary was made: ${error.message}`);
          throw error;
        }
        const tiers = grid.values.slice(firstRow - 1).map((row) => row[tierColumn - 1] as WireCell);
        const tableRows = summarize(tiers, model).length;

        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await context.sync();
        const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
        const base = summarySheetBase(request.title, SHEET_NAME_LIMIT);
        let name = base;
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, SHEET_NAME_LIMIT - String(n).length - 3).trim()} (${n})`;

        const sheet = sheets.add(name);
        const { titleRow, sourceRow, tableRow } = SUMMARY_LAYOUT;
        const title = sheet.getRangeByIndexes(titleRow - 1, 0, 1, 1);
        title.values = [[toExcelValue(request.title || 'ICP tier summary')]];
        title.format.font.bold = true;
        title.format.font.size = 14;
        const created = now().toISOString().slice(0, 16).replace('T', ' ');
        sheet.getRangeByIndexes(sourceRow - 1, 0, 1, 1).values = [[toExcelValue(`Created ${created} from the sheet "${request.scoredSheet}" and the model "${request.modelSheet}".`)]];
        sheet.getRangeByIndexes(tableRow - 1, 0, 1, 1).formulas = [[`=${EXCEL_DIALECT.functionName('SUMMARY')}(${args.join(', ')})`]];
        sheet.getRangeByIndexes(tableRow - 1, 0, 1, 6).format.font.bold = true;
        for (const percent of SUMMARY_LAYOUT.percentColumns) {
          sheet.getRangeByIndexes(tableRow, percent - 1, tableRows, 1).numberFormat = Array.from({ length: tableRows }, () => ['0.0%']);
        }
        sheet.getRangeByIndexes(tableRow, SUMMARY_LAYOUT.amountColumn - 1, tableRows, 1).numberFormat = Array.from({ length: tableRows }, () => ['#,##0']);
        sheet.freezePanes.freezeRows(tableRow);
        // Accounts as columns, win rate as a line on the right axis; the Total row left out.
        const lastTierRow = tableRow + tableRows - 1;
        const chart = sheet.charts.add('ColumnClustered', sheet.getRange(`A${tableRow}:B${lastTierRow}`), 'Columns');
        chart.title.text = wonColumn ? 'Accounts and win rate by tier' : 'Accounts by tier';
        chart.setPosition(`H${tableRow}`);
        if (wonColumn) {
          const winRate = chart.series.add('Win rate');
          winRate.setValues(sheet.getRange(`E${tableRow + 1}:E${lastTierRow}`));
          winRate.chartType = 'Line';
          winRate.axisGroup = 'Secondary';
        }
        sheet.activate();
        await context.sync();
        return { sheetName: name };
      }),

    listHistory: (modelSheet) =>
      run(async (context): Promise<HistoryEntry[]> => {
        const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
        return (await historyRows(context))
          .flatMap((row) => {
            const entry = readHistoryListing(row);
            return entry && entry.sheetName === name ? [{ id: entry.id, when: entry.when, who: entry.who, note: entry.note, rows: entry.rows }] : [];
          })
          .reverse();
      }),

    readHistory: (modelSheet, id) =>
      run(async (context): Promise<ModelSnapshot> => {
        const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
        const wanted = parseRequest(historyIdSchema, id, 'a history id');
        const row = (await historyRows(context)).find((cells) => readHistoryListing(cells)?.id === wanted);
        if (!row) throw new Error(`There is no saved version "${wanted}" of the model "${name}" in the "${HISTORY_SHEET}" sheet.`);
        const rows = readHistoryRows(row);
        if (!rows) throw new Error(`The saved version "${wanted}" in the "${HISTORY_SHEET}" sheet is damaged (its JSON cannot be read), so it cannot be restored.`);
        return { sheetName: name, rows, version: fingerprint(rows) };
      }),

    findForeignFormulas: () =>
      run(async (context) => {
        const { found } = await foreignCells(context);
        return { formulas: found.reduce((sum, s) => sum + s.cells.length, 0), sheets: found.map((s) => s.name) };
      }),

    convertForeignFormulas: () =>
      run(async (context) => {
        const { found, lastRow } = await foreignCells(context);
        for (const { sheet, cells } of found) {
          for (const cell of cells) {
            sheet.getRangeByIndexes(cell.row, cell.column, 1, 1).formulas = [[convertFormulaNames(cell.formula, 'excel', { lastRow })]];
          }
        }
        await context.sync();
        return { formulas: found.reduce((sum, s) => sum + s.cells.length, 0), sheets: found.map((s) => s.name) };
      }),

    blankNumericCells: (sheetName, modelSheet) =>
      run(async (context) => {
        const sheet = await requireSheet(context, sheetName);
        const model = await findSheet(context, modelSheet);
        if (!model) return [];
        let read;
        try {
          read = readCoreModel((await readGrid(context, model)).values, { serialDates: true });
        } catch {
          return [];
        }
        const grid = await readGrid(context, sheet, undefined, false);
        const info = describe(sheetName, grid);
        if (info.headerRow === 0) return [];
        return blankCellsInNumericColumns(info.headers, grid.values.slice(info.headerRow), read);
      }),
  };
  return host;
}
