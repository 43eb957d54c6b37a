/**
 * Evaluates the few formula shapes the add-on writes, so a test can check that a formula reads
 * the right cells: `=FN(arg, …)` where an argument is a range (`A2:H`, `A1:H1`, `'Sheet'!A:H`),
 * a text (`""`, `"Employees"`) or an array literal of those (`{A2:C, G2:H}`, `{"a", "b"}`).
 * Ranges are read as Sheets passes them to a custom function: a grid, or a scalar for one cell;
 * open-ended ranges (`A2:H`) run to the sheet's last row.
 */
import { formulaArguments } from '../../workbook/sheet-layout.ts';
import type { FakeSheet, FakeSpreadsheet } from './apps-script.ts';


function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function readRange(reference: string, sheet: FakeSheet, spreadsheet: FakeSpreadsheet): unknown[][] {
  const match = /^(?:'((?:[^']|'')+)'!|([A-Za-z0-9_]+)!)?([A-Z]+)(\d*):([A-Z]+)(\d*)$|^(?:'((?:[^']|'')+)'!)?([A-Z]+)(\d+)$/.exec(reference);
  if (!match) throw new Error(`cannot read the reference ${reference}`);
  if (match[8]) {
    const target = match[7] ? spreadsheet.getSheetByName(match[7].replace(/''/g, "'")) : sheet;
    return target!.getRange(Number(match[9]), columnNumber(match[8]), 1, 1).getValues();
  }
  const name = match[1]?.replace(/''/g, "'") ?? match[2];
  const target = name ? spreadsheet.getSheetByName(name) : sheet;
  if (!target) throw new Error(`#REF!: no sheet named ${name}`);
  const firstRow = match[4] ? Number(match[4]) : 1;
  const lastRow = match[6] ? Number(match[6]) : Math.max(firstRow, target.getLastRow());
  const first = columnNumber(match[3]!);
  const last = columnNumber(match[5]!);
  return target.getRange(firstRow, first, lastRow - firstRow + 1, last - first + 1).getValues();
}

function evaluateArgument(arg: string, sheet: FakeSheet, spreadsheet: FakeSpreadsheet): unknown {
  if (arg.startsWith('"')) return arg.slice(1, -1).replace(/""/g, '"');
  if (arg.startsWith('{')) {
    const items = formulaArguments(arg.slice(1, -1)).map((item) => {
      const value = evaluateArgument(item, sheet, spreadsheet);
      return Array.isArray(value) ? (value as unknown[][]) : [[value]];
    });
    const height = items[0]!.length;
    if (items.some((item) => item.length !== height)) throw new Error('#VALUE!: array literal rows of different heights');
    return Array.from({ length: height }, (_, r) => items.flatMap((item) => item[r]!));
  }
  const grid = readRange(arg, sheet, spreadsheet);
  return grid.length === 1 && grid[0]!.length === 1 ? grid[0]![0] : grid;
}

/** The function name and evaluated arguments of a formula the add-on wrote. */
export function formulaCall(formula: string, sheet: FakeSheet, spreadsheet: FakeSpreadsheet): { name: string; args: unknown[] } {
  const match = /^=([A-Z_]+)\(([\s\S]*)\)$/.exec(formula);
  if (!match) throw new Error(`not a function call: ${formula}`);
  return { name: match[1]!, args: formulaArguments(match[2]!).map((arg) => evaluateArgument(arg, sheet, spreadsheet)) };
}
