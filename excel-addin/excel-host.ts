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
import { safeReadModel } from '../core/index.ts';
import { FORMULA_ROWS, HEADER_SCAN_ROWS, describeSheet, icpColumns, previewRows, snapshotOf } from '../workbook/grid.ts';
import { HISTORY_HEADER, listVersions, readHistoryListing, versionSnapshot } from '../workbook/history-sheet.ts';
import { type ForeignFormulas, HISTORY_SHEET, type Host, type SheetInfo, type WireCell } from '../workbook/host.ts';
import { queueLock } from '../workbook/lock.ts';
import { messages } from '../workbook/messages.ts';
import { type CellRun, type SaveTarget, saveModelAsync } from '../workbook/save.ts';
import { SCORE_HEADERS, planScoring, scoringRequest } from '../workbook/score-columns.ts';
import { EXCEL_DIALECT, SUMMARY_LAYOUT } from '../workbook/sheet-layout.ts';
import { planSummary, summaryColumn, summaryRequestOf } from '../workbook/summary-sheet.ts';
import { historyId, parseRequest, rowLimit, sheetName as sheetNameSchema } from '../workbook/wire.ts';
import { type BlankNumericColumn, blankCellsInNumericColumns } from './blank-cells.ts';
import { EXCEL_CELL_LIMIT, toExcelValue, toWireCell, toWireGrid } from './excel-cells.ts';

/** `Excel.run`, or a stand-in with the same shape (tests). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHostOptions {
  run?: ExcelRun;
  /** The clock for history timestamps and summary dates. */
  now?: () => Date;
  /** A new history version id. */
  newId?: () => string;
}

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

const wireOf = (grid: Grid) => toWireGrid(grid.values, grid.formats);

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
  throw new Error(messages.noSuchSheet(name, sheets.items.map((s) => s.name)));
}

/** A sheet's header row and headers, from its top rows (workbook/grid.ts). */
function describe(name: string, top: Grid): SheetInfo {
  return describeSheet(name, wireOf(top), top.lastRow);
}

async function describeWorksheet(context: Excel.RequestContext, sheet: Excel.Worksheet): Promise<SheetInfo> {
  sheet.load('name');
  const top = await readGrid(context, sheet, HEADER_SCAN_ROWS);
  return describe(sheet.name, top);
}

function newVersionId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** What a cell held before a write, to put back: its formula, or its value as literal text. */
function restorable(value: unknown, formula: unknown): string | number | boolean {
  if (typeof formula === 'string' && formula.startsWith('=') && formula !== value) return formula;
  if (typeof value === 'string') return toExcelValue(value);
  return typeof value === 'number' || typeof value === 'boolean' ? value : '';
}

/** What the cells a save writes held before (formulas kept); `created` when the save made the sheet. */
interface Saved {
  created: boolean;
  runs: { run: CellRun; cells: (string | number | boolean)[] }[];
}

/** The save flow's reads and writes in one Excel.run batch (Excel has no document lock). */
function excelTarget(context: Excel.RequestContext, options: { now: () => Date; newId: () => string }): SaveTarget<Saved> {
  const historySheet = async (create: boolean): Promise<Excel.Worksheet | null> => {
    const found = await findSheet(context, HISTORY_SHEET);
    if (found || !create) return found;
    const sheet = context.workbook.worksheets.add(HISTORY_SHEET);
    sheet.getRangeByIndexes(0, 0, 1, HISTORY_HEADER.length).values = [[...HISTORY_HEADER]];
    sheet.freezePanes.freezeRows(1);
    sheet.visibility = 'Hidden';
    await context.sync();
    return sheet;
  };
  return {
    textLimit: EXCEL_CELL_LIMIT,
    async readModel(name) {
      const sheet = await findSheet(context, name);
      return sheet ? wireOf(await readGrid(context, sheet)) : null;
    },
    async appendHistory(cells) {
      const history = (await historySheet(true))!;
      const at = (await extentOf(context, history)).lastRow;
      history.getRangeByIndexes(at, 0, 1, cells.length).values = [cells.map((cell) => (typeof cell === 'string' ? toExcelValue(cell) : cell))];
      await context.sync();
      return at + 1;
    },
    async dropHistory(row) {
      const history = await historySheet(false);
      if (!history) return;
      history.getRangeByIndexes(row - 1, 0, 1, 16_384).clear('Contents');
      await context.sync();
    },
    async capture(name, runs) {
      const sheet = await findSheet(context, name);
      if (!sheet) return { created: true, runs: [] };
      const top = Math.min(...runs.map((run) => run.row));
      const left = Math.min(...runs.map((run) => run.column));
      const bottom = Math.max(...runs.map((run) => run.row));
      const right = Math.max(...runs.map((run) => run.column + run.cells.length - 1));
      const block = sheet.getRangeByIndexes(top - 1, left - 1, bottom - top + 1, right - left + 1);
      block.load(['values', 'formulas']);
      await context.sync();
      return {
        created: false,
        runs: runs.map((run) => ({
          run,
          cells: run.cells.map((_, i) => restorable(block.values[run.row - top]?.[run.column - left + i], block.formulas[run.row - top]?.[run.column - left + i])),
        })),
      };
    },
    async write(name, runs) {
      const sheet = (await findSheet(context, name)) ?? context.workbook.worksheets.add(name);
      for (const run of runs) sheet.getRangeByIndexes(run.row - 1, run.column - 1, 1, run.cells.length).values = [run.cells.map(toExcelValue)];
      await context.sync();
    },
    async restore(name, saved) {
      if (saved.created) {
        context.workbook.worksheets.getItemOrNullObject(name).delete();
      } else {
        const sheet = await findSheet(context, name);
        if (sheet) for (const { run, cells } of saved.runs) sheet.getRangeByIndexes(run.row - 1, run.column - 1, 1, cells.length).values = [cells];
      }
      await context.sync();
    },
    now: options.now,
    newId: options.newId,
    who: () => '',
  };
}

export type { ForeignFormulas };

export interface ExcelExtras {
  /** Blank cells in columns of a sheet that number or yes/no rules of the model read. */
  blankNumericCells(sheetName: string, modelSheet: string): Promise<BlankNumericColumn[]>;
}

/** The Host with its optional conversion of Google Sheets names (ICP_SCORE( → ICP.SCORE() implemented. */
export type ExcelHost = Host & Required<Pick<Host, 'findForeignFormulas' | 'convertForeignFormulas' | 'watchModel'>> & ExcelExtras;

export function excelHost(options: ExcelHostOptions = {}): ExcelHost {
  const run: ExcelRun = options.run ?? ((batch) => Excel.run(batch));
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? newVersionId;
  // Excel has no document lock: saves (and conversions) from this pane run one at a time.
  const lock = queueLock();

  async function historyRows(context: Excel.RequestContext): Promise<unknown[][]> {
    const history = await findSheet(context, HISTORY_SHEET);
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
        return sheet ? snapshotOf(name, wireOf(await readGrid(context, sheet))) : null;
      }),

    saveModel: (request) =>
      saveModelAsync(request, true, lock, (save) => run((context) => save(excelTarget(context, { now, newId })))),

    listSheets: () =>
      run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/visibility');
        await context.sync();
        const visible = sheets.items.filter((sheet) => sheet.visibility === 'Visible' && sheet.name !== HISTORY_SHEET);
        const infos: SheetInfo[] = [];
        for (const sheet of visible) infos.push(await describeWorksheet(context, sheet));
        return infos;
      }),

    activeSheet: () =>
      run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        return describeWorksheet(context, sheet);
      }),

    readRows: (sheetName, limit) =>
      run(async (context) => {
        const name = parseRequest(sheetNameSchema, sheetName, 'a sheet name');
        const count = parseRequest(rowLimit, limit, 'a row limit');
        const sheet = await requireSheet(context, name);
        const info = describe(name, await readGrid(context, sheet, HEADER_SCAN_ROWS));
        const height = Math.min(count, info.dataRows);
        if (info.headers.length === 0 || height === 0) return { headers: info.headers, rows: [] };
        const range = sheet.getRangeByIndexes(info.headerRow, 0, height, info.headers.length);
        range.load(['values', 'numberFormat']);
        // The first data rows' formulas: a column holding ICP functions is the model's own answer.
        const top = sheet.getRangeByIndexes(info.headerRow, 0, Math.min(FORMULA_ROWS, height), info.headers.length);
        top.load('formulas');
        await context.sync();
        return { ...previewRows(info, toWireGrid(range.values, range.numberFormat), count), icpColumns: icpColumns(top.formulas) };
      }),

    insertScoreColumns: (raw) =>
      run(async (context) => {
        const request = scoringRequest(raw);
        const sheet = await requireSheet(context, request.sheetName);
        const model = await requireSheet(context, request.modelSheet);
        const modelExtent = await extentOf(context, model);
        const { lastRow, lastColumn } = await extentOf(context, sheet);
        let headerCells: WireCell[] = [];
        if (lastColumn > 0) {
          const headerRange = sheet.getRangeByIndexes(request.headerRow - 1, 0, 1, lastColumn);
          headerRange.load(['values', 'numberFormat']);
          await context.sync();
          headerCells = toWireGrid(headerRange.values, headerRange.numberFormat)[0]!;
        }
        const plan = planScoring(request, { headerCells, lastRow, model: modelExtent, dialect: EXCEL_DIALECT });
        const dataEnd = Math.max(lastRow, plan.firstRow);
        plan.targets.forEach((column, i) => {
          sheet.getRangeByIndexes(request.headerRow - 1, column - 1, 1, 1).values = [[toExcelValue(SCORE_HEADERS[i]!)]];
          // The results spill down the column: anything below would block them.
          sheet.getRangeByIndexes(plan.firstRow - 1, column - 1, dataEnd - plan.firstRow + 1, 1).clear('Contents');
          sheet.getRangeByIndexes(plan.firstRow - 1, column - 1, 1, 1).formulas = [[plan.formulas[i]!]];
        });
        await context.sync();
        return { columns: [...SCORE_HEADERS], formulaCells: plan.formulaCells };
      }),

    createSummarySheet: (raw) =>
      run(async (context) => {
        const request = summaryRequestOf(raw);
        const scored = await requireSheet(context, request.scoredSheet);
        const modelSheet = await requireSheet(context, request.modelSheet);
        const grid = await readGrid(context, scored, undefined, false);
        const info = describe(request.scoredSheet, grid);
        const tierColumn = info.headerRow > 0 ? summaryColumn(info, request.tierColumn) : 0;
        const tiers = tierColumn > 0 ? grid.values.slice(info.headerRow).map((row) => toWireCell(row[tierColumn - 1], undefined)) : [];
        const modelGrid = await readGrid(context, modelSheet);
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await context.sync();
        const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
        const plan = planSummary(request, {
          info,
          tiers,
          lastRow: grid.lastRow,
          model: wireOf(modelGrid),
          serialDates: true,
          dialect: EXCEL_DIALECT,
          created: now().toISOString().slice(0, 16).replace('T', ' '),
          maxNameLength: SHEET_NAME_LIMIT,
          taken: (name) => taken.has(name.toLowerCase()),
        });

        const sheet = sheets.add(plan.sheetName);
        const { titleRow, sourceRow, tableRow } = SUMMARY_LAYOUT;
        const title = sheet.getRangeByIndexes(titleRow - 1, 0, 1, 1);
        title.values = [[toExcelValue(plan.title)]];
        title.format.font.bold = true;
        title.format.font.size = 14;
        sheet.getRangeByIndexes(sourceRow - 1, 0, 1, 1).values = [[toExcelValue(plan.source)]];
        sheet.getRangeByIndexes(tableRow - 1, 0, 1, 1).formulas = [[plan.formula]];
        sheet.getRangeByIndexes(tableRow - 1, 0, 1, 6).format.font.bold = true;
        for (const run of plan.formats) {
          sheet.getRangeByIndexes(run.row - 1, run.column - 1, run.rows, 1).numberFormat = Array.from({ length: run.rows }, () => [run.format]);
        }
        sheet.freezePanes.freezeRows(tableRow);
        // Accounts as columns, win rate as a line on the right axis; the Total row left out.
        const chart = sheet.charts.add('ColumnClustered', sheet.getRange(plan.chart.accounts), 'Columns');
        chart.title.text = plan.chart.title;
        chart.setPosition(`H${tableRow}`);
        if (plan.chart.winRate) {
          const winRate = chart.series.add('Win rate');
          winRate.setValues(sheet.getRange(plan.chart.winRate));
          winRate.chartType = 'Line';
          winRate.axisGroup = 'Secondary';
        }
        sheet.activate();
        await context.sync();
        return { sheetName: plan.sheetName };
      }),

    listHistory: (modelSheet) =>
      run(async (context) => {
        const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
        return listVersions(await historyRows(context), name);
      }),

    readHistory: (modelSheet, id) =>
      run(async (context) => {
        const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
        const wanted = parseRequest(historyId, id, 'a history id');
        const row = (await historyRows(context)).find((cells) => readHistoryListing(cells)?.id === wanted);
        return versionSnapshot(row, name, wanted);
      }),

    findForeignFormulas: () =>
      run(async (context) => {
        const { found } = await foreignCells(context);
        return { formulas: found.reduce((sum, s) => sum + s.cells.length, 0), sheets: found.map((s) => s.name) };
      }),

    convertForeignFormulas: () =>
      lock(() =>
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
      ),

    /**
     * Excel's own event: `worksheets.onChanged` (ExcelApi 1.9) fires for a change to any sheet's
     * cells; those of the model sheet call `onChange`. Null where the API set is missing: the panel polls.
     */
    watchModel: async (sheetName, onChange) => {
      try {
        return await run(async (context) => {
          const sheets = context.workbook.worksheets;
          if (!sheets.onChanged) return null;
          const handler = sheets.onChanged.add(async (event) => {
            const changed = await run(async (inner) => {
              const sheet = inner.workbook.worksheets.getItem(event.worksheetId);
              sheet.load('name');
              await inner.sync();
              return sheet.name;
            }).catch(() => null);
            if (changed === sheetName) onChange();
          });
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
    },

    blankNumericCells: (sheetName, modelSheet) =>
      run(async (context) => {
        const sheet = await requireSheet(context, sheetName);
        const model = await findSheet(context, modelSheet);
        if (!model) return [];
        const read = safeReadModel((await readGrid(context, model)).values, { serialDates: true });
        if (!read.success) return [];
        const grid = await readGrid(context, sheet, undefined, false);
        const info = describe(sheetName, grid);
        if (info.headerRow === 0) return [];
        return blankCellsInNumericColumns(info.headers, grid.values.slice(info.headerRow), read.data);
      }),
  };
  return host;
}
