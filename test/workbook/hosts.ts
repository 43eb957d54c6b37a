/**
 * The four hosts behind one test handle, each over the same workbook: Google Sheets (the built
 * Code.js in a vm over the Apps Script stand-in, called through the sidebar's own client and a
 * google.script.run stand-in), Excel (the task pane's host over the office-addin-mock workbook),
 * the preview (HyperFormula) and the in-memory workbook. The host-contract suite runs on each.
 */
import { HyperFormula } from 'hyperformula';
import { excelHost } from '../../excel-addin/excel-host.ts';
import { toRawContent } from '../../preview/cells.ts';
import { HyperFormulaHost } from '../../preview/host.ts';
import { registerIcpFunctions } from '../../preview/plugin.ts';
import { ENGINE_CONFIG } from '../../preview/workbook.ts';
import { sheetsHost } from '../../sheets-addon/client.ts';
import { trimGrid } from '../../workbook/grid.ts';
import { type StoredVersion, readVersions } from '../../workbook/history-sheet.ts';
import { HISTORY_SHEET, type Host, type WireCell } from '../../workbook/host.ts';
import { MemoryHost } from '../../workbook/memory-host.ts';
import { columnLetter } from '../../workbook/sheet-layout.ts';
import { type FakeValue, createAppsScript } from '../fakes/apps-script.ts';
import { loadCodeJs } from '../../support/fakes/code-js.ts';
import { FakeExcelWorkbook } from '../fakes/excel-workbook.ts';
import { bridgeTo, installScriptRun } from '../fakes/script-run.ts';

export type HostName = 'sheets' | 'excel' | 'preview' | 'memory';
export const HOST_NAMES: HostName[] = ['sheets', 'excel', 'preview', 'memory'];

export const NOW = new Date('2026-09-30T12:34:00Z');

/** A host over a workbook, with what a test needs to look at the workbook and to make things go wrong. */
export interface HostHandle {
  name: HostName;
  host: Host;
  /** A sheet's data range as the panel reads it (formulas as the values they show), or null. */
  values(sheet: string): WireCell[][] | null;
  /** The formula in a cell (as the host spells it), or undefined. */
  formula(sheet: string, a1: string): string | undefined;
  /** The number format set on a cell (`0.0%`), or undefined where none was set. */
  numberFormat(sheet: string, a1: string): string | undefined;
  /** A formula a person typed (1-based row and column); `shows` is its value where the host does not calculate. */
  setFormula(sheet: string, row: number, column: number, formula: string, shows: WireCell): void;
  /** A value a person typed. */
  edit(sheet: string, row: number, column: number, value: string | number): void;
  /** Runs `edit` once, right after the next time the host reads the sheet's values. */
  afterNextRead(sheet: string, edit: () => void): void;
  /** The next write to the model sheet stops half-way and fails; with `restoreFails`, so does putting it back. */
  failModelWrite(sheet: string, options?: { restoreFails?: boolean }): void;
  /** The versions the hidden history sheet holds, oldest first. */
  versions(): StoredVersion[];
  isHidden(sheet: string): boolean;
  dispose(): void;
}

type Workbook = Record<string, WireCell[][]>;

function sheets(book: Workbook): HostHandle {
  const apps = createAppsScript({ email: '', timeZone: 'Etc/UTC' });
  for (const [name, rows] of Object.entries(book)) apps.spreadsheet._addSheet(name, rows.map((row) => row.map((cell) => cell ?? '')) as FakeValue[][]);
  const global = globalThis as Record<string, unknown>;
  global.__icpContractBridge = bridgeTo(loadCodeJs(apps.globals));
  installScriptRun('__icpContractBridge');
  const sheet = (name: string) => {
    const found = apps.spreadsheet.getSheetByName(name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  };
  const grid = (name: string) => {
    const found = apps.spreadsheet.getSheetByName(name);
    return found ? (found.getDataRange().getValues() as WireCell[][]) : null;
  };
  return {
    name: 'sheets',
    host: sheetsHost(),
    values: (name) => {
      const cells = grid(name);
      return cells && trimGrid(cells);
    },
    formula: (name, a1) => sheet(name).getRange(a1).getFormula() || undefined,
    numberFormat: (name, a1) => {
      const format = sheet(name).getRange(a1).getNumberFormats()[0]![0]!;
      return format === 'General' ? undefined : format;
    },
    setFormula: (name, row, column, formula) => void sheet(name).getRange(row, column).setFormula(formula),
    edit: (name, row, column, value) => void sheet(name).getRange(row, column).setValue(value),
    afterNextRead: (name, edit) => sheet(name)._afterNextRead(edit),
    failModelWrite: (name, options = {}) => {
      // The second row of cells written fails; then, if asked, the first write putting it back.
      sheet(name)._failNextWrite(0, 'Service Spreadsheets timed out while accessing document.', 1);
      if (options.restoreFails) sheet(name)._failNextWrite(0, 'Service Spreadsheets timed out while accessing document.');
    },
    versions: () => readVersions(grid(HISTORY_SHEET) ?? []),
    isHidden: (name) => sheet(name).isSheetHidden(),
    dispose: () => {
      delete global.google;
      delete global.__icpContractBridge;
    },
  };
}

function excel(book: Workbook): HostHandle {
  const workbook = new FakeExcelWorkbook(
    Object.fromEntries(Object.entries(book).map(([name, rows]) => [name, rows.map((row) => row.map((cell) => cell ?? ''))])),
  );
  let ids = 0;
  const host = excelHost({ run: workbook.run, now: () => NOW, newId: () => `v${++ids}` });
  return {
    name: 'excel',
    host,
    values: (name) => {
      const cells = workbook.values(name);
      return cells && trimGrid(cells);
    },
    formula: (name, a1) => workbook.formula(name, a1),
    numberFormat: (name, a1) => workbook.numberFormat(name, a1),
    setFormula: (name, row, column, formula, shows) => workbook.setCell(name, row, column, { value: shows ?? '', formula }),
    edit: (name, row, column, value) => workbook.setCell(name, row, column, { value }),
    afterNextRead: (name, edit) => workbook.afterNextRead(name, edit),
    failModelWrite: (name, options = {}) => workbook.failWritesTo(name, options.restoreFails ? 2 : 1),
    versions: () => readVersions(workbook.values(HISTORY_SHEET) ?? []),
    isHidden: (name) => workbook.visibility(name) === 'Hidden',
    dispose: () => {},
  };
}

const DROPPED = 'The connection dropped.';

function preview(book: Workbook): HostHandle {
  registerIcpFunctions();
  const raw = Object.fromEntries(Object.entries(book).map(([name, rows]) => [name, rows.map((row) => row.map(toRawContent))]));
  const engine = HyperFormula.buildFromSheets(raw, ENGINE_CONFIG);
  const host = new HyperFormulaHost(engine, { now: () => NOW });
  const address = (sheet: string, a1: string) => engine.simpleCellAddressFromString(a1, engine.getSheetId(sheet)!);
  return {
    name: 'preview',
    host,
    values: (name) => (engine.doesSheetExist(name) ? host.values(name) : null),
    formula: (name, a1) => {
      const at = address(name, a1);
      return at ? engine.getCellFormula(at) : undefined;
    },
    numberFormat: (name, a1) => {
      const at = address(name, a1);
      return at ? host.numberFormat(at) : undefined;
    },
    setFormula: (name, row, column, formula) => host.setCellInput(name, row - 1, column - 1, formula),
    edit: (name, row, column, value) => host.setCellInput(name, row - 1, column - 1, String(value)),
    afterNextRead: (name, edit) => host.afterNextRead(name, edit),
    failModelWrite: (_name, options = {}) => {
      host.failures = { saveModel: DROPPED };
      host.failRestore = options.restoreFails ? 'The connection dropped again.' : null;
    },
    versions: () => host.historyRows(),
    isHidden: (name) => !host.visibleSheets().includes(name),
    dispose: () => engine.destroy(),
  };
}

function memory(book: Workbook): HostHandle {
  const host = new MemoryHost({ sheets: book, now: () => NOW });
  return {
    name: 'memory',
    host,
    values: (name) => {
      const cells = host.cells(name);
      return cells && trimGrid(cells);
    },
    formula: (name, a1) => host.formulas(name)[a1],
    numberFormat: (name, a1) => host.numberFormat(name, a1),
    setFormula: (name, row, column, formula, shows) => host.setFormula(name, row, column, formula, shows),
    edit: (name, row, column, value) => host.setCell(name, row, column, value),
    afterNextRead: (name, edit) => host.afterNextRead(name, edit),
    failModelWrite: (_name, options = {}) => {
      host.failures = { saveModel: DROPPED };
      host.failRestore = options.restoreFails ? 'The connection dropped again.' : null;
    },
    versions: () => host.historyRows(),
    isHidden: (name) => host.isHidden(name),
    dispose: () => {},
  };
}

export function openHost(name: HostName, book: Workbook): HostHandle {
  return { sheets, excel, preview, memory }[name](book);
}

/** `B7` for a 1-based row and column. */
export const a1 = (row: number, column: number) => `${columnLetter(column)}${row}`;
