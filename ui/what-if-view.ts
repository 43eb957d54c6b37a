/**
 * The Learn tab's what-if (issue #20, item 5): the effort audit as a plan. Beside the effort
 * table, move a share of the accounts worked from one group (a tier of the model learned against,
 * or a segment of the effort table) to another, and read the won revenue the move would have
 * brought over the same period, with its 90% range (the delta method, core/what-if.ts), over the
 * rows the run read (the report's history table, core reportHistory, scored as `icp learn --what-if` scores it,
 * core/what-if-history.ts). Kept apart from learn-view.ts, which only places it.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { type LearnReport, type Model, readModel } from '../core/index.ts';
import { reportHistory } from '../core/learner.ts';
import { type WhatIfAnswer, type WhatIfResult } from '../core/what-if.ts';
import { type ScoredHistory, scoreHistory, scoredWhatIf, whatIfGroups } from '../core/what-if-history.ts';

/** The share offered first, in %. */
export const DEFAULT_SHARE = 20;

/** The plan from the form's fields, or the sentence saying what to change. */
export function formWhatIf(scored: ScoredHistory, from: string, to: string, shareText: string): WhatIfAnswer<WhatIfResult> {
  const share = Number(shareText.trim().replace(/%$/, ''));
  if (shareText.trim() === '' || !Number.isFinite(share) || share <= 0 || share > 100) {
    return { ok: false, problem: 'The share must be more than 0% and at most 100% of the accounts worked.' };
  }
  if (from === to) return { ok: false, problem: 'From and To are the same group: pick two different groups.' };
  const answer = scoredWhatIf({ share: share / 100, from, to }, scored);
  return answer.ok ? answer : { ok: false, problem: answer.problem.charAt(0).toUpperCase() + answer.problem.slice(1) + '.' };
}

function modelOf(json: string): Model | null {
  try {
    return readModel(JSON.parse(json));
  } catch {
    return null;
  }
}

function GroupSelect(props: { testid: string; label: string; value: string; groups: Groups; onValue: (v: string) => void }): VNode {
  const option = (name: string) => html`<option value=${name}>${name}</option>`;
  return html`<label class="cell wide">
    <span class="cell-label">${props.label}</span>
    <select data-testid=${props.testid} value=${props.value} onChange=${(e: Event) => props.onValue((e.currentTarget as HTMLSelectElement).value)}>
      ${props.groups.tiers.length > 0 && html`<optgroup label="Tiers">${props.groups.tiers.map(option)}</optgroup>`}
      ${props.groups.segments.length > 0 && html`<optgroup label="Segments (effort table)">${props.groups.segments.map(option)}</optgroup>`}
    </select>
  </label>`;
}

/** A number per report, so a new run starts the form afresh (its groups are the new run's). */
const runIds = new WeakMap<LearnReport, number>();
let lastRunId = 0;
function runId(report: LearnReport): number {
  if (!runIds.has(report)) runIds.set(report, ++lastRunId);
  return runIds.get(report)!;
}

type Groups = { tiers: string[]; segments: string[] };

/** The what-if under the effort table: From, To, Share, and the projection or what to change. */
export function WhatIfView({ report, modelJson }: { report: LearnReport; modelJson: string }): VNode | null {
  const scored = useMemo(() => {
    const model = modelOf(modelJson);
    const table = reportHistory(report);
    if (!model || !table) return null;
    const answer = scoreHistory(model, table, report.columns);
    return answer.ok ? { ...answer.value, groups: whatIfGroups(model, answer.value, report.effort.map((e) => e.segment)) } : 'no amount';
  }, [report, modelJson]);
  if (!scored) return null;
  if (scored === 'no amount') {
    return html`<p class="hint" data-testid="what-if-needs-amount">The what-if (moving accounts worked from one group to another) needs the amount column: pick it above and learn again.</p>`;
  }
  if (scored.groups.tiers.length + scored.groups.segments.length < 2) return null;
  return html`<${WhatIfForm} key=${runId(report)} scored=${scored} groups=${scored.groups} />`;
}

function WhatIfForm({ scored, groups }: { scored: ScoredHistory; groups: Groups }): VNode {
  const all = [...groups.tiers, ...groups.segments];
  // Offered first: from the lowest tier to the top one.
  const [from, setFrom] = useState(() => groups.tiers.filter((t) => t !== 'Excluded').at(-1) ?? all[1]!);
  const [to, setTo] = useState(() => all[0]!);
  const [share, setShare] = useState(String(DEFAULT_SHARE));
  const answer = formWhatIf(scored, from, to, share);
  return html`<section class="learn-what-if" aria-labelledby="icp-what-if" data-testid="what-if">
    <h4 id="icp-what-if">What if</h4>
    <p class="hint">Move a share of the accounts worked (decided deals) from one group to another: the won revenue it would have brought over the same period.</p>
    <div class="cells">
      <${GroupSelect} testid="what-if-from" label="From" value=${from} groups=${groups} onValue=${setFrom} />
      <${GroupSelect} testid="what-if-to" label="To" value=${to} groups=${groups} onValue=${setTo} />
      <label class="cell what-if-share">
        <span class="cell-label">Share (%)</span>
        <input type="number" data-testid="what-if-share" min="1" max="100" step="1" inputmode="decimal" value=${share} onInput=${(e: Event) => setShare((e.currentTarget as HTMLInputElement).value)} />
      </label>
    </div>
    <div aria-live="polite" data-testid="what-if-result">
      ${answer.ok
        ? html`<p data-testid="what-if-sentence">${answer.value.sentence}</p><p class="hint" data-testid="what-if-detail">${answer.value.detail}</p>`
        : html`<p class="issue" data-testid="what-if-error">${answer.problem}</p>`}
    </div>
  </section>`;
}
