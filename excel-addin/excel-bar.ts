/**
 * The Excel bar above the shared panel: what only Excel needs.
 * - A workbook made in Google Sheets holds ICP_SCORE( formulas: offer to convert them to ICP.SCORE(.
 * - Excel desktop passes blank cells to custom functions as 0: warn about blank cells in the
 *   active sheet's columns that number or yes/no rules read (there a 0 counts, see blank-cells.ts).
 * - In the standalone preview (no Office host) say so.
 * Every string from a cell is rendered as text (preact escapes it).
 */
import { html } from 'htm/preact';
import { render, type VNode } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { BlankNumericColumn } from './blank-cells.ts';
import type { ExcelExtras, ForeignFormulas } from './excel-host.ts';
import type { Host } from '../ui/host.ts';
import './excel-bar.css';

export interface ExcelBarProps {
  /** null in the standalone preview. */
  excel: (ExcelExtras & Pick<Host, 'activeSheet'>) | null;
  modelSheet: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function ExcelBar({ excel, modelSheet }: ExcelBarProps): VNode {
  const [foreign, setForeign] = useState<ForeignFormulas | null>(null);
  const [converted, setConverted] = useState<ForeignFormulas | null>(null);
  const [blanks, setBlanks] = useState<{ sheet: string; columns: BlankNumericColumn[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const check = useCallback(async () => {
    if (!excel) return;
    setBusy(true);
    setProblem(null);
    try {
      setForeign(await excel.findSheetsFormulas());
      const active = await excel.activeSheet();
      setBlanks(active && active.name !== modelSheet ? { sheet: active.name, columns: await excel.blankNumericCells(active.name, modelSheet) } : null);
    } catch (error) {
      setProblem(`Checking the workbook failed: ${messageOf(error)}`);
    } finally {
      setBusy(false);
    }
  }, [excel, modelSheet]);

  useEffect(() => {
    void check();
  }, [check]);

  const convert = async () => {
    if (!excel) return;
    setBusy(true);
    setProblem(null);
    try {
      setConverted(await excel.convertSheetsFormulas());
      setForeign(await excel.findSheetsFormulas());
    } catch (error) {
      setProblem(`Converting the formulas failed: ${messageOf(error)}`);
    } finally {
      setBusy(false);
    }
  };

  if (!excel) {
    return html`<div class="excel-bar" data-testid="excel-bar">
      <p class="excel-note" data-testid="preview-notice">
        ${"Preview: Excel is not here, so the panel works on an in-memory workbook. Open it from Excel's ICP panel button to work on your workbook."}
      </p>
    </div>`;
  }
  return html`<div class="excel-bar" data-testid="excel-bar">
    ${problem && html`<p class="excel-note excel-problem" data-testid="excel-problem">${problem}</p>`}
    ${foreign && foreign.formulas > 0 &&
    html`<div class="excel-note" data-testid="convert-offer">
      <p>
        ${`This workbook has ${plural(foreign.formulas, 'formula')} with Google Sheets names (such as ICP_SCORE) in `}${foreign.sheets.map(
          (s, i) => html`${i > 0 ? ', ' : ''}<strong>${s}</strong>`,
        )}${'. Excel calls them ICP.SCORE and so on.'}
      </p>
      <button type="button" data-testid="convert-formulas" disabled=${busy} onClick=${convert}>Convert to Excel names</button>
    </div>`}
    ${converted &&
    html`<p class="excel-note excel-done" data-testid="convert-result">
      ${`Converted ${plural(converted.formulas, 'formula')} in ${plural(converted.sheets.length, 'sheet')}; nothing else was changed.`}
    </p>`}
    ${blanks && blanks.columns.length > 0 &&
    html`<div class="excel-note excel-warning" data-testid="blank-warning">
      <p>
        ${'Excel on Windows and Mac passes blank cells to the ICP functions as 0. On '}<strong>${blanks.sheet}</strong>${', these columns have blank cells and are read by number or yes/no rules, where a 0 counts (for example "at most 10" matches it):'}
      </p>
      <ul>
        ${blanks.columns.map((c) => html`<li data-testid="blank-column" data-column=${c.header}>${c.header}: ${plural(c.blanks, 'blank cell')}</li>`)}
      </ul>
      <p>Fill them in to score the same in Excel on the web, Windows and Mac.</p>
    </div>`}
    <button type="button" class="excel-check" data-testid="excel-check" disabled=${busy} onClick=${check}>
      ${busy ? 'Checking…' : 'Check the workbook again'}
    </button>
  </div>`;
}

export function mountExcelBar(root: HTMLElement, props: ExcelBarProps): void {
  render(html`<${ExcelBar} ...${props} />`, root);
}
