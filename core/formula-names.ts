/**
 * The ICP function names in formulas, as each host spells them: Google Sheets `ICP_SCORE(`,
 * Excel `ICP.SCORE(` (Excel requires a namespace). A workbook that crosses hosts keeps the other
 * host's spelling; these convert one into the other, touching nothing else: not text in quotes,
 * not sheet names, not longer names that merely contain one (`MY_ICP_SCORE(`).
 */
import { FUNCTIONS } from './functions.ts';

export type FormulaHost = 'excel' | 'sheets';

const IDS = FUNCTIONS.map((f) => f.id);
const ID_PATTERN = IDS.join('|');
/**
 * A function name at a call position, in the other host's spelling. Excel shows a function it
 * does not know with the `_xludf.` prefix it stores; an .xlsx stores an add-in's function
 * `ICP.SCORE` as `_xldudf_ICP_SCORE` (both forms seen in public xlsx files; converted too).
 */
const FROM: Record<FormulaHost, RegExp> = {
  // Into Excel: Sheets names (ICP_SCORE), possibly as Excel stores an unknown function.
  excel: new RegExp(`(?<![A-Za-z0-9_.])(?:_xludf\\.)?ICP_(${ID_PATTERN})(?=\\s*\\()`, 'gi'),
  // Into Sheets: Excel names (ICP.SCORE), or as an .xlsx stores an add-in function.
  sheets: new RegExp(`(?<![A-Za-z0-9_.])(?:ICP\\.|_xldudf_ICP_)(${ID_PATTERN})(?=\\s*\\()`, 'gi'),
};

/**
 * Google Sheets exports a function Excel lacks as `=IFERROR(__xludf.DUMMYFUNCTION("…"), cached)`:
 * the original formula as text (quotes doubled), then the last value Sheets computed. Excel may
 * show `@__xludf` (implicit intersection). Returns the original formula, or null.
 */
export function unwrapSheetsExport(formula: string): string | null {
  const match = /^=\s*IFERROR\(\s*@?__xludf\.DUMMYFUNCTION\(\s*"((?:[^"]|"")*)"\s*\)\s*,/i.exec(formula);
  if (!match || !formula.trimEnd().endsWith(')')) return null;
  const inner = match[1]!.replace(/""/g, '"').trim();
  return inner.startsWith('=') ? inner : `=${inner}`;
}

/** Excel's last row: an open-ended Sheets range `A2:H` becomes `A2:H1048576` in Excel. */
export const EXCEL_ROWS = 1_048_576;
// `A2:H` (a start cell, then a column with no row), not inside a name or followed by a row.
const OPEN_RANGE = /(?<![A-Za-z0-9_.$])(\$?[A-Za-z]{1,3}\$?\d+):(\$?[A-Za-z]{1,3})(?![A-Za-z0-9_(!$])/g;

/** The formula's parts outside quotes ("text" and 'sheet names'), with their offsets. */
function unquotedParts(formula: string): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  let start = 0;
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch !== '"' && ch !== "'") {
      i++;
      continue;
    }
    parts.push({ start, end: i });
    // A quote inside quotes is written twice.
    i++;
    while (i < formula.length) {
      if (formula[i] === ch && formula[i + 1] === ch) i += 2;
      else if (formula[i] === ch) break;
      else i++;
    }
    i++;
    start = i;
  }
  if (start < formula.length) parts.push({ start, end: formula.length });
  return parts;
}

/** Rewrites the parts of a formula outside quotes. */
function mapUnquoted(formula: string, rewrite: (part: string) => string): string {
  let out = '';
  let last = 0;
  for (const { start, end } of unquotedParts(formula)) {
    out += formula.slice(last, start) + rewrite(formula.slice(start, end));
    last = end;
  }
  return out + formula.slice(last);
}

/**
 * The formula with every ICP function name in the other host's spelling turned into `to`'s.
 * Into Excel, a Sheets export wrapper around an ICP call is unwrapped, and Sheets' open-ended
 * ranges (`A2:H`, which Excel cannot read) are closed at `lastRow` (default: Excel's last row).
 */
export function convertFormulaNames(formula: string, to: FormulaHost, options: { lastRow?: number } = {}): string {
  if (!formula.startsWith('=')) return formula;
  const unwrapped = to === 'excel' ? unwrapSheetsExport(formula) : null;
  const source = unwrapped !== null && countNames(unwrapped, to) > 0 ? unwrapped : formula;
  const lastRow = options.lastRow ?? EXCEL_ROWS;
  return mapUnquoted(source, (part) => {
    const renamed = part.replace(FROM[to], (_match, id: string) => (to === 'excel' ? `ICP.${id.toUpperCase()}` : `ICP_${id.toUpperCase()}`));
    return to === 'excel' && source !== formula ? renamed.replace(OPEN_RANGE, `$1:$2${lastRow}`) : renamed;
  });
}

function countNames(formula: string, to: FormulaHost): number {
  let count = 0;
  for (const { start, end } of unquotedParts(formula)) {
    count += formula.slice(start, end).match(FROM[to])?.length ?? 0;
  }
  return count;
}

/** Whether a formula calls an ICP function, in either host's spelling: the cell holds the model's own answer. */
export function callsIcpFunction(formula: string): boolean {
  return countForeignNames(formula, 'excel') + countForeignNames(formula, 'sheets') > 0;
}

/** How many ICP function names in the other host's spelling the formula holds (a Sheets export wrapper looked into). */
export function countForeignNames(formula: string, to: FormulaHost): number {
  if (!formula.startsWith('=')) return 0;
  const unwrapped = to === 'excel' ? unwrapSheetsExport(formula) : null;
  return countNames(unwrapped ?? formula, to);
}
