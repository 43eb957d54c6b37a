/**
 * The Excel bar above the shared panel: what only Excel needs.
 * - Excel desktop passes blank cells to custom functions as 0: warn about blank cells in the
 *   active sheet's columns that number or yes/no rules read (there a 0 counts, see blank-cells.ts).
 * - In the standalone preview (no Office host) say so.
 * Converting a Google Sheets workbook's ICP_SCORE( formulas is not here: the shared panel offers it
 * for every host that can (ui/foreign-formulas.ts).
 * Every string from a cell is rendered as text (preact escapes it).
 */
import { html } from 'htm/preact';
import { render, type VNode } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { BlankNumericColumn } from './blank-cells.ts';
import type { ExcelExtras } from './excel-host.ts';
import type { Host } from '../workbook/host.ts';
import { messageOf } from '../workbook/messages.ts';
import './excel-bar.css';

export interface ExcelBarProps {
  /** null in the standalone preview. */
  excel: (ExcelExtras & Pick<Host, 'activeSheet'>) | null;
  modelSheet: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function ExcelBar({ excel, modelSheet }: ExcelBarProps): VNode {
  const [blanks, setBlanks] = useState<{ sheet: string; columns: BlankNumericColumn[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const check = useCallback(async () => {
    if (!excel) return;
    setBusy(true);
    setProblem(null);
    try {
      const active = await excel.activeSheet();
      setBlanks(active && active.name !== modelSheet ? { sheet: active.name, columns: await excel.blankNumericCells(active.name, modelSheet) } : null);
    } catch (error) {
      setProblem(`Checking the active sheet for blank cells failed: ${messageOf(error)}`);
    } finally {
      setBusy(false);
    }
  }, [excel, modelSheet]);

  useEffect(() => {
    void check();
  }, [check]);

  if (!excel) {
    return html`<div class="excel-bar" data-testid="excel-bar">
      <p class="excel-note" data-testid="preview-notice">
        ${"Preview: Excel is not here, so the panel works on an in-memory workbook. Open it from Excel's ICP panel button to work on your workbook."}
      </p>
    </div>`;
  }
  return html`<div class="excel-bar" data-testid="excel-bar">
    ${problem && html`<p class="excel-note excel-problem" data-testid="excel-problem">${problem}</p>`}
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
      ${busy ? 'Checking…' : 'Check for blank cells again'}
    </button>
  </div>`;
}

export function mountExcelBar(root: HTMLElement, props: ExcelBarProps): void {
  render(html`<${ExcelBar} ...${props} />`, root);
}
