/**
 * The four hosts behind one test handle, each over the same workbook: Google Sheets (the built
 * Code.js in a vm over the Apps Script stand-in, called through the sidebar's own client and a
 * google.script.run stand-in), Excel (the task pane's host over the office-addin-mock workbook),
 * the preview (HyperFormula) and the in-memory workbook. The host-contract suite runs on each.
 * Each handle also has the same workbook behind a port that fails on purpose (`faulty`,
 * test/workbook/faulty-port.ts): Sheets' requests then run as its server functions do (answered at
 * once, in process, over the Apps Script stand-in), the others' as their Host runs them.
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
import { answeredAtOnce } from '../../workbook/requests.ts';
import { sheetsPort } from '../../sheets-addon/port.ts';
import type { AppsScript } from '../../sheets-addon/services.ts';
import type { Port } from '../../workbook/port.ts';
import { columnLetter } from '../../workbook/sheet-layout.ts';
import { type FakeValue, createAppsScript } from '../fakes/apps-script.ts';
import { loadCodeJs } from '../../support/fakes/code-js.ts';
import { FakeExcelWorkbook } from '../fakes/excel-workbook.ts';
import { bridgeTo, installScriptRun } from '../fakes/script-run.ts';
import { FaultyPort } from './faulty-port.ts';

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
  /** A value a person typed (the host's change events, where it has them, fire). */
  edit(sheet: string, row: number, column: number, value: string | number): void;
  /** Runs `edit` once, right after the next time the host reads the sheet's values. */
  afterNextRead(sheet: string, edit: () => void): void;
  /** The next write to the model sheet stops half-way and fails; with `restoreFails`, so does putting it back. */
  failModelWrite(sheet: string, options?: { restoreFails?: boolean }): void;
  /** The versions the hidden history sheet holds, oldest first. */
  versions(): StoredVersion[];
  isHidden(sheet: string): boolean;
  /** Every sheet, in tab order. */
  sheetNames(): string[];
  /** The user goes to a sheet. */
  activate(sheet: string): void;
  /** The workbook's requests over its port wrapped in a FaultyPort (`port`), to make any call fail. */
  faulty: { host: Host; port: FaultyPort };
  dispose(): void;
}

/** Server functions that answer at once, as the panel's Host sees them (promises). */
function promised(server: ReturnType<typeof answeredAtOnce>): Host {
  const host: Record<string, unknown> = { kind: 'sheets' };
  for (const [name, call] of Object.entries(server)) host[name] = async (...args: unknown[]) => (call as (...a: unknown[]) => unknown)(...args);
  return host as unknown as Host;
}

type Workbook = Record<string, WireCell[][]>;

/** A sheet's data range from its raw cells (or null when there is no such sheet). */
const trimmed = (read: (sheet: string) => WireCell[][] | null) => (sheet: string) => {
  const cells = read(sheet);
  return cells && trimGrid(cells);
};

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
    values: trimmed(grid),
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
    sheetNames: () => apps.spreadsheet.getSheets().map((s) => s.getName()),
    activate: (name) => void apps.spreadsheet.setActiveSheet(sheet(name)),
    faulty: (() => {
      const port: FaultyPort = new FaultyPort(sheetsPort(apps.globals as unknown as AppsScript) as Port);
      return { host: promised(answeredAtOnce(() => port)), port };
    })(),
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
  const options = { run: workbook.run, now: () => NOW, newId: () => `v${++ids}` };
  const host = excelHost(options);
  let port!: FaultyPort;
  const faulty = excelHost(options, (inner) => (port = new FaultyPort(inner)));
  return {
    name: 'excel',
    host,
    values: trimmed((name) => workbook.values(name)),
    formula: (name, a1) => workbook.formula(name, a1),
    numberFormat: (name, a1) => workbook.numberFormat(name, a1),
    setFormula: (name, row, column, formula, shows) => workbook.setCell(name, row, column, { value: shows ?? '', formula }),
    // As a person types: Excel's worksheets.onChanged fires.
    edit: (name, row, column, value) => void workbook.typeInto(name, row, column, value),
    afterNextRead: (name, edit) => workbook.afterNextRead(name, edit),
    failModelWrite: (name, options = {}) => workbook.failWritesTo(name, options.restoreFails ? 2 : 1),
    versions: () => readVersions(workbook.values(HISTORY_SHEET) ?? []),
    isHidden: (name) => workbook.visibility(name) === 'Hidden',
    sheetNames: () => workbook.sheetNames(),
    activate: (name) => workbook.setActive(name),
    faulty: { host: faulty, port },
    dispose: () => {},
  };
}

const DROPPED = 'The connection dropped.';

/** The next write to the sheet stops half-way and fails; with `restoreFails`, putting it back fails too. */
function failWrite(port: FaultyPort, sheet: string, restoreFails = false): void {
  port.faults.push({ call: 'write', sheet, when: 'halfway', message: DROPPED });
  if (restoreFails) port.faults.push({ call: 'putBack', sheet, message: 'The connection dropped again.' });
}

function preview(book: Workbook): HostHandle {
  registerIcpFunctions();
  const raw = Object.fromEntries(Object.entries(book).map(([name, rows]) => [name, rows.map((row) => row.map(toRawContent))]));
  const engine = HyperFormula.buildFromSheets(raw, ENGINE_CONFIG);
  let port!: FaultyPort;
  const host = new HyperFormulaHost(engine, { now: () => NOW }, (inner) => (port = new FaultyPort(inner)));
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
    afterNextRead: (name, edit) => port.afterNextRead(name, edit),
    failModelWrite: (name, options = {}) => failWrite(port, name, options.restoreFails),
    versions: () => host.historyRows(),
    isHidden: (name) => !host.visibleSheets().includes(name),
    sheetNames: () => engine.getSheetNames(),
    activate: (name) => host.setActive(name),
    faulty: { host, port },
    dispose: () => engine.destroy(),
  };
}

function memory(book: Workbook): HostHandle {
  let port!: FaultyPort;
  const host = new MemoryHost({ sheets: book, now: () => NOW }, (inner) => (port = new FaultyPort(inner)));
  return {
    name: 'memory',
    host,
    values: trimmed((name) => host.cells(name)),
    formula: (name, a1) => host.formulas(name)[a1],
    numberFormat: (name, a1) => host.numberFormat(name, a1),
    setFormula: (name, row, column, formula, shows) => host.setFormula(name, row, column, formula, shows),
    edit: (name, row, column, value) => host.setCell(name, row, column, value),
    afterNextRead: (name, edit) => port.afterNextRead(name, edit),
    failModelWrite: (name, options = {}) => failWrite(port, name, options.restoreFails),
    versions: () => host.historyRows(),
    isHidden: (name) => host.isHidden(name),
    sheetNames: () => host.sheetNames(),
    activate: (name) => host.setActive(name),
    faulty: { host, port },
    dispose: () => {},
  };
}

export function openHost(name: HostName, book: Workbook): HostHandle {
  return { sheets, excel, preview, memory }[name](book);
}

/** `B7` for a 1-based row and column. */
export const a1 = (row: number, column: number) => `${columnLetter(column)}${row}`;
