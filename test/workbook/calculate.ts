/**
 * What an ICP formula a host wrote shows, where the test's stand-in does not calculate (the Apps
 * Script and Excel stand-ins keep formulas as text): the formula's ranges are read from the
 * workbook as the host passes them, and the function runs in the built bundle the host loads
 * (Code.js for Sheets, functions.js for Excel on the web). The preview and the in-memory workbook
 * calculate their own formulas; their cells are read as they are.
 */
import { FUNCTIONS } from '../../core/index.ts';
import type { WireCell } from '../../workbook/host.ts';
import { formulaArguments } from '../../workbook/sheet-layout.ts';
import { callTopLevel, loadCodeJs } from '../../support/fakes/code-js.ts';
import { asExcelPasses, callExcel, loadFunctionsJs } from '../../support/fakes/excel-functions.ts';
import type { HostHandle } from './hosts.ts';

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A range argument (`'Scored'!B2:B`, `'ICP Model'!A:H`, `Scored!B2:B12`) read from the workbook as rows of cells. */
function readRange(h: HostHandle, reference: string): WireCell[][] {
  const match = /^(?:'((?:[^']|'')+)'|([^'!]+))!([A-Z]+)(\d*):([A-Z]+)(\d*)$/.exec(reference);
  if (!match) throw new Error(`cannot read the reference ${reference}`);
  const sheet = (match[1] ?? match[2]!).replace(/''/g, "'");
  const values = h.values(sheet);
  if (!values) throw new Error(`#REF!: no sheet named ${sheet}`);
  const first = match[4] ? Number(match[4]) : 1;
  const last = match[6] ? Number(match[6]) : Math.max(first, values.length);
  const [from, to] = [columnNumber(match[3]!), columnNumber(match[5]!)];
  return Array.from({ length: last - first + 1 }, (_, r) => Array.from({ length: to - from + 1 }, (_, c) => values[first - 1 + r]?.[from - 1 + c] ?? ''));
}

let codeJs: ReturnType<typeof loadCodeJs> | undefined;
let functionsJs: ReturnType<typeof loadFunctionsJs> | undefined;

/**
 * The table the formula at `a1` shows, `rows` × `columns` from that cell: calculated by the host
 * (preview, memory) or by its bundle over the cells its ranges name (Sheets, Excel).
 */
export function shownTable(h: HostHandle, sheet: string, a1: string, rows: number, columns: number): WireCell[][] {
  if (h.name === 'preview' || h.name === 'memory') {
    const at = /^([A-Z]+)(\d+)$/.exec(a1)!;
    const [row, column] = [Number(at[2]), columnNumber(at[1]!)];
    const values = h.values(sheet) ?? [];
    return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => values[row - 1 + r]?.[column - 1 + c] ?? ''));
  }
  const formula = h.formula(sheet, a1);
  const call = formula && /^=ICP[._]([A-Z]+)\(([\s\S]*)\)$/.exec(formula);
  if (!call) throw new Error(`${sheet}!${a1} holds no ICP formula: ${formula}`);
  const fn = FUNCTIONS.find((f) => f.id === call[1])!;
  const args = formulaArguments(call[2]!).map((arg) => (arg === '""' ? '' : readRange(h, arg)));
  if (h.name === 'sheets') return callTopLevel((codeJs ??= loadCodeJs()), fn.sheetsName, args) as WireCell[][];
  return callExcel((functionsJs ??= loadFunctionsJs()), fn.id, args.map((arg) => asExcelPasses(arg === '' ? null : arg, 'web'))) as WireCell[][];
}
