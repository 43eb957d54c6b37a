/**
 * Crossing hosts: a workbook made in Google Sheets and opened in Excel holds `ICP_SCORE(` formulas,
 * one made in Excel and opened in Sheets holds `ICP.SCORE(`; each host knows only its own spelling.
 * When the host can find and convert such formulas (the optional Host methods), a notice at the top
 * of the panel says how many there are and where, and converts them on a click. Also: how this
 * host spells a function, for every function name the panel shows.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { FunctionDecl } from '../core/functions.ts';
import type { PanelContext } from './context.ts';
import type { ForeignFormulas, Host } from '../workbook/host.ts';
import { busy, notices } from './messages.ts';

type Kind = Host['kind'];

/**
 * The function's name as this host spells it in a formula: `ICP.SUMMARY` in Excel, `ICP_SUMMARY`
 * elsewhere (as workbook/sheet-layout.ts's dialects spell them; a test holds the two together). Spelled
 * here rather than read from the core's FUNCTIONS, which would bring every function into the panel.
 */
export function functionName(kind: Kind, id: FunctionDecl['id']): string {
  return kind === 'excel' ? `ICP.${id}` : `ICP_${id}`;
}

/** The other host's spelling of the same function. */
function foreignName(kind: Kind, id: FunctionDecl['id']): string {
  return functionName(kind === 'excel' ? 'sheets' : 'excel', id);
}

/** Who spells it which way, in sentences. The preview's workbook writes Sheets' spelling. */
const HOST_NAME: Record<Kind, string> = { sheets: 'Google Sheets', excel: 'Excel', preview: 'This preview' };
const foreignHostName = (kind: Kind) => (kind === 'excel' ? 'Google Sheets' : 'Excel');
/** "Excel's", "Google Sheets'". */
const possessive = (name: string) => (name.endsWith('s') ? `${name}'` : `${name}'s`);

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** At most this many sheet names are listed; the rest are counted. */
const LISTED_SHEETS = 5;

function SheetList({ sheets }: { sheets: string[] }): VNode {
  const listed = sheets.slice(0, LISTED_SHEETS);
  const more = sheets.length - listed.length;
  return html`${listed.map((name, i) => html`${i > 0 ? ', ' : ''}<strong>${name}</strong>`)}${more > 0 ? ` and ${plural(more, 'other')}` : ''}`;
}

/** `host`: the panel's checked host (ui/wire.ts), the same `ctx.call` hands out. */
export function ForeignFormulasNotice({ host, ctx }: { host: Host; ctx: PanelContext }): VNode | null {
  const supported = typeof host.findForeignFormulas === 'function' && typeof host.convertForeignFormulas === 'function';
  const [found, setFound] = useState<ForeignFormulas | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const here = HOST_NAME[host.kind];
  const there = foreignHostName(host.kind);

  const look = async () => {
    const answer = await ctx.call(busy.findFormulas(possessive(there)), (h) => h.findForeignFormulas!());
    if (answer) setFound(answer);
  };
  useEffect(() => {
    if (supported) void look();
  }, [host]);

  if (!supported || dismissed || !found || found.formulas === 0) return null;

  const convert = async () => {
    const changed = await ctx.call(busy.convertFormulas(possessive(host.kind === 'preview' ? 'this preview' : here)), (h) => h.convertForeignFormulas!());
    if (!changed) return;
    ctx.notify('success', notices.formulasConverted(plural(changed.formulas, 'formula'), plural(changed.sheets.length, 'sheet'), functionName(host.kind, 'SCORE')));
    await look();
  };

  const n = found.formulas;
  return html`<div class="foreign-formulas" data-testid="foreign-formulas" data-count=${n} role="region" aria-label="Formulas from the other host">
    <p data-testid="foreign-formulas-text">
      ${`${plural(n, 'formula')} on ${plural(found.sheets.length, 'sheet')} (`}<${SheetList} sheets=${found.sheets} />${`) ${n === 1 ? 'uses' : 'use'} ${possessive(there)} spelling, such as ${foreignName(host.kind, 'SCORE')}(. ${here} needs ${functionName(host.kind, 'SCORE')}(.`}
    </p>
    <div class="buttons">
      <button type="button" class="primary" data-testid="foreign-formulas-convert" disabled=${ctx.busy} onClick=${() => void convert()}>
        ${`Convert ${n === 1 ? 'it' : `all ${n.toLocaleString('en-US')}`} to ${functionName(host.kind, 'SCORE')}(`}
      </button>
      <button type="button" data-testid="foreign-formulas-dismiss" onClick=${() => setDismissed(true)}>Not now</button>
    </div>
    <p class="hint">Only the function names change: ranges, text in quotes and every other cell stay as they are.</p>
  </div>`;
}
