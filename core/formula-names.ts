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
 * does not know with the `_xludf.` prefix it stores (an unverified form, converted too).
 */
const FROM: Record<FormulaHost, RegExp> = {
  // Into Excel: Sheets names (ICP_SCORE), possibly as Excel stores an unknown function.
  excel: new RegExp(`(?<![A-Za-z0-9_.])(?:_xludf\\.)?ICP_(${ID_PATTERN})(?=\\s*\\()`, 'gi'),
  // Into Sheets: Excel names (ICP.SCORE).
  sheets: new RegExp(`(?<![A-Za-z0-9_.])ICP\\.(${ID_PATTERN})(?=\\s*\\()`, 'gi'),
};

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

/** The formula with every ICP function name in the other host's spelling turned into `to`'s. */
export function convertFormulaNames(formula: string, to: FormulaHost): string {
  if (!formula.startsWith('=')) return formula;
  const pattern = FROM[to];
  let out = '';
  let last = 0;
  for (const { start, end } of unquotedParts(formula)) {
    const part = formula.slice(start, end);
    const converted = part.replace(pattern, (_match, id: string) => (to === 'excel' ? `ICP.${id.toUpperCase()}` : `ICP_${id.toUpperCase()}`));
    out += formula.slice(last, start) + converted;
    last = end;
  }
  return out + formula.slice(last);
}

/** How many ICP function names in the other host's spelling the formula holds. */
export function countForeignNames(formula: string, to: FormulaHost): number {
  if (!formula.startsWith('=')) return 0;
  let count = 0;
  for (const { start, end } of unquotedParts(formula)) {
    count += formula.slice(start, end).match(FROM[to])?.length ?? 0;
  }
  return count;
}
