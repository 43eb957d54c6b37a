/**
 * Create tier summary: a new sheet for sharing (titled and dated) with the summary function
 * (ICP_SUMMARY in Sheets, ICP.SUMMARY in Excel) over a scored sheet, optionally with a won column
 * and an amount column, and a chart by tier.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { headerKey } from '../core/index.ts';
import type { PanelContext } from './context.ts';
import { busy, notices } from './messages.ts';
import { functionName } from './foreign-formulas.ts';
import type { Host, SheetInfo } from '../workbook/host.ts';
import { chooseAmountColumn } from './amount-column.ts';
import { WON_AVOID, WON_WORDS, suggestColumn } from './mapping.ts';

export const TIER_COLUMN = 'ICP Tier';

function findHeader(headers: readonly string[], name: string): string {
  return headers.find((h) => headerKey(h) === headerKey(name)) ?? '';
}

interface Choice {
  sheet: string;
  tier: string;
  won: string;
  amount: string;
  title: string;
}

function defaults(sheet: SheetInfo | undefined): Choice {
  const headers = sheet?.headers ?? [];
  return {
    sheet: sheet?.name ?? '',
    tier: findHeader(headers, TIER_COLUMN),
    won: suggestColumn(headers, WON_WORDS, WON_AVOID),
    amount: chooseAmountColumn(headers).header,
    title: sheet ? `ICP tier summary: ${sheet.name}` : '',
  };
}

/** What the Amount column of the summary will sum, said under the picker. */
function amountNote(choice: Choice, headers: readonly string[]): string {
  const suggested = chooseAmountColumn(headers);
  if (!choice.amount) {
    return suggested.header
      ? 'No amount: the summary leaves the Amount column blank.'
      : `No amount: ${suggested.reason}, so the summary leaves the Amount column blank. Pick the deal amount if the sheet has one; a company's Revenue or Employees is not a deal amount.`;
  }
  const what = `Amount sums "${choice.amount}"${choice.won ? ` over won rows ("${choice.won}")` : ' over every row'}`;
  return choice.amount === suggested.header
    ? `${what}: chosen because ${suggested.reason}. Change it above.`
    : `${what}, as you picked.`;
}

function ColumnSelect(props: { testid: string; label: string; value: string; headers: string[]; optional: boolean; onValue: (v: string) => void }): VNode {
  return html`<label class="cell wide">
    <span class="cell-label">${props.label}</span>
    <select data-testid=${props.testid} value=${props.value} onChange=${(e: Event) => props.onValue((e.currentTarget as HTMLSelectElement).value)}>
      <option value="">${props.optional ? '(none)' : 'Pick a column…'}</option>
      ${props.headers.filter(Boolean).map((h) => html`<option value=${h}>${h}</option>`)}
    </select>
  </label>`;
}

export function SummaryView({ ctx, activeSheet, hostKind }: { ctx: PanelContext; activeSheet: string | null; hostKind: Host['kind'] }): VNode {
  const [sheets, setSheets] = useState<SheetInfo[] | null>(null);
  const [choice, setChoice] = useState<Choice>(defaults(undefined));
  const [result, setResult] = useState<string | null>(null);

  const load = async () => {
    const list = await ctx.call(busy.sheets, (host) => host.listSheets());
    if (!list) return;
    const candidates = list.filter((s) => s.name !== ctx.modelSheet);
    setSheets(candidates);
    const scored = candidates.filter((s) => findHeader(s.headers, TIER_COLUMN));
    const pick = scored.find((s) => s.name === activeSheet) ?? scored[0] ?? candidates.find((s) => s.name === activeSheet) ?? candidates[0];
    setChoice(defaults(pick));
  };
  useEffect(() => {
    void load();
  }, []);

  const current = sheets?.find((s) => s.name === choice.sheet);
  const headers = current?.headers ?? [];
  const set = (patch: Partial<Choice>) => setChoice((c) => ({ ...c, ...patch }));
  const create = async () => {
    setResult(null);
    const answer = await ctx.call(busy.summary, (host) =>
      host.createSummarySheet({
        scoredSheet: choice.sheet,
        tierColumn: choice.tier,
        ...(choice.won ? { wonColumn: choice.won } : {}),
        ...(choice.amount ? { amountColumn: choice.amount } : {}),
        modelSheet: ctx.modelSheet,
        title: choice.title.trim(),
      }),
    );
    if (answer) {
      setResult(`Created the sheet "${answer.sheetName}".`);
      ctx.notify('success', notices.summaryCreated(answer.sheetName));
    }
  };
  const blocker = !choice.sheet ? 'Pick the scored sheet.' : !choice.tier ? `Pick its tier column (normally "${TIER_COLUMN}": score the sheet first).` : !choice.title.trim() ? 'Give the summary a title.' : null;

  return html`<div class="summary-view">
    <section class="section" aria-label="Create tier summary">
      <h3>Create tier summary</h3>
      <p class="hint">A new sheet to share: accounts, share, wins, win rate and amount per tier (${functionName(hostKind, 'SUMMARY')}), and a chart of accounts and win rate by tier.</p>
      ${sheets === null
        ? html`<p class="hint">Reading the sheets…</p>`
        : html`<div class="cells">
            <label class="cell wide">
              <span class="cell-label">Scored sheet</span>
              <select
                data-testid="summary-sheet"
                value=${choice.sheet}
                onChange=${(e: Event) => setChoice(defaults(sheets.find((s) => s.name === (e.currentTarget as HTMLSelectElement).value)))}
              >
                ${sheets.map((s) => html`<option value=${s.name}>${s.name}</option>`)}
              </select>
            </label>
            <${ColumnSelect} testid="summary-tier-column" label="Tier column" value=${choice.tier} headers=${headers} optional=${false} onValue=${(tier: string) => set({ tier })} />
            <${ColumnSelect} testid="summary-won-column" label="Won column (optional)" value=${choice.won} headers=${headers} optional=${true} onValue=${(won: string) => set({ won })} />
            <${ColumnSelect} testid="summary-amount-column" label="Deal amount column (optional)" value=${choice.amount} headers=${headers} optional=${true} onValue=${(amount: string) => set({ amount })} />
            <p class="hint cell wide" data-testid="summary-amount-note">${amountNote(choice, headers)}</p>
            <label class="cell wide">
              <span class="cell-label">Title</span>
              <input data-testid="summary-title" value=${choice.title} onInput=${(e: Event) => set({ title: (e.currentTarget as HTMLInputElement).value })} />
            </label>
          </div>`}
      ${blocker && sheets !== null && html`<p class="info" data-testid="summary-blocker">${blocker}</p>`}
      <div class="buttons">
        <button type="button" class="primary" data-testid="summary-create" disabled=${ctx.busy || blocker !== null || sheets === null} onClick=${create}>Create summary sheet</button>
        <button type="button" data-testid="summary-refresh" disabled=${ctx.busy} onClick=${load}>Refresh</button>
      </div>
      ${result && html`<p class="success" data-testid="summary-result">${result}</p>`}
    </section>
  </div>`;
}
