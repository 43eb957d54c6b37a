/**
 * The Learn tab's result, decisions first (issue 21): the verdict says what to do, each found or
 * changed row leads with the decision in an analyst's words and one line of evidence, and the
 * statistics (effect ± s.e., p-values, PSI, |z|) wait behind a Details fold. The sentences are the
 * learner's own (core/learn/words.ts), which `icp learn --report` writes too.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import type { LearnReport, SuggestedRow } from '../core/index.ts';
import {
  STATUS_LABEL,
  aucNote,
  consideredShown,
  consideredText,
  decisionText,
  evidenceLine,
  evidenceText,
  isDecision,
  nothingFoundText,
  percent,
  ruleText,
  signedWhole,
  verdictLead,
} from '../core/learn/words.ts';
import { tierPairs, winRateText } from './learn-logic.ts';

/** The column names every table and row of the result uses. */
export const CURRENT = 'Current';
export const SUGGESTED = 'Suggested';

/** How many segments considered and not kept are listed. */
const CONSIDERED_LISTED = 5;

function pointsOf(row: SuggestedRow, excluded: boolean): string {
  if (excluded) return 'exclude';
  const points = row.triedPoints ?? row.suggestedPoints;
  return points === null ? '–' : String(points);
}

/** One row: the decision, current → suggested points, the evidence, and the statistics behind Details. */
export function DecisionItem(props: { row: SuggestedRow; adopted: boolean; excluded: boolean; onExclude: (on: boolean) => void }): VNode {
  const { row } = props;
  const found = row.origin === 'found';
  const changed = isDecision(row);
  const classes = ['learn-row', row.kind === 'exclude' ? 'exclusion' : '', changed ? 'changed' : '', found ? 'found' : '', row.status.replace(/ /g, '-')].filter(Boolean).join(' ');
  const to = row.triedPoints ?? row.suggestedPoints;
  const change = row.currentPoints !== null && to !== null && to !== row.currentPoints && !props.excluded ? to - row.currentPoints : null;
  return html`<li class=${classes} data-testid="learn-row" data-row=${row.row} data-name=${row.name} data-status=${row.status} data-origin=${row.origin} data-changed=${changed ? 'true' : 'false'}>
    <p class="learn-decision" data-testid="learn-decision">${decisionText(row, props.adopted)}</p>
    ${row.kind === 'criterion' &&
    html`<p class="learn-points">
      <span class="hint">${CURRENT}</span>${' '}<span data-testid="learn-current">${found ? 'new' : row.currentPoints}</span>${' '}<span aria-hidden="true">→</span>${' '}<span class="hint">${SUGGESTED}</span>${' '}<strong data-testid="learn-suggested">${pointsOf(row, props.excluded)}</strong>
      ${change !== null && html`<span class="learn-change" data-testid="learn-change">${signedWhole(change)}</span>`}
    </p>`}
    <p class="learn-evidence" data-testid="learn-evidence">${evidenceLine(row)}</p>
    ${row.status === 'candidate exclusion' &&
    html`<label class="learn-exclude">
      <input type="checkbox" data-testid="learn-exclude" checked=${props.excluded} onChange=${(e: Event) => props.onExclude((e.currentTarget as HTMLInputElement).checked)} />
      Make it an exclude row instead
    </label>`}
    <details class="learn-details" data-testid="learn-row-details">
      <summary>Details</summary>
      <p class="learn-rule">
        <span class="learn-rule-text">${ruleText(row)}${row.origin === 'moved' && html` <span class="learn-was">(was ${row.previousRule && row.previousRule !== row.rule ? `${row.previousRule} ` : ''}${row.previousValue})</span>`}</span>
        <span class="tag" data-testid="learn-status">${STATUS_LABEL[row.status]}</span>
      </p>
      <p data-testid="learn-stats">${evidenceText(row)}</p>
      <p class="hint" data-testid="learn-row-note">${row.note}</p>
    </details>
  </li>`;
}

/** What to do first, the held-out AUCs and why they differ from the Backtest sheet's; the test's statistics behind Details. */
export function Verdict({ report }: { report: LearnReport }): VNode {
  const { validation, suggestion } = report;
  const auc = (value: number | null) => (value === null ? '–' : value.toFixed(2));
  const found = suggestion.rows.filter((r) => r.origin === 'found').length;
  const lead = verdictLead({ usable: suggestion.usable, heldOut: validation.testAccounts, current: validation.current.auc, suggested: validation.suggested.auc, found });
  return html`<div class=${`learn-verdict ${validation.verdict.replace(/ /g, '-')}`} data-testid="learn-verdict" data-verdict=${validation.verdict}>
    <p class="learn-lead" data-testid="learn-lead"><strong>${lead}</strong></p>
    <p class="learn-auc">Held-out AUC: ${CURRENT} <strong data-testid="learn-auc-current">${auc(validation.current.auc)}</strong> <span aria-hidden="true">→</span> ${SUGGESTED} <strong data-testid="learn-auc-suggested">${auc(validation.suggested.auc)}</strong></p>
    <p class="hint" data-testid="learn-auc-note">${aucNote(validation.testAccounts, validation.method === 'time split')} AUC is the chance a won deal scores above a lost one: 0.5 is a coin toss, 1 is perfect.</p>
    <details class="learn-details" data-testid="learn-verdict-details">
      <summary>Details</summary>
      <p data-testid="learn-suggestion-message">${suggestion.message}</p>
      <p data-testid="learn-verdict-text">${validation.sentence}</p>
      ${validation.backtest && html`<p class="hint" data-testid="learn-backtest-note">${validation.backtest.sentence}</p>`}
      ${validation.stability && html`<p class=${validation.stability.reading === 'stable' ? 'hint' : 'warning'} data-testid="learn-stability" data-reading=${validation.stability.reading}>${validation.stability.sentence}</p>`}
      <p class="hint" data-testid="learn-method">${validation.description}</p>
      <p class="hint" data-testid="learn-procedure">${suggestion.procedure} ${suggestion.recency}</p>
    </details>
  </div>`;
}

/** The rows found in the history and the model rows the suggestion changes, decisions first; the rest folded. */
export function Decisions(props: { report: LearnReport; exclusions: readonly number[]; onExclude: (row: number, on: boolean) => void }): VNode {
  const { report } = props;
  const item = (s: SuggestedRow) => html`<${DecisionItem} key=${s.row} row=${s} adopted=${report.suggestion.usable} excluded=${props.exclusions.includes(s.row)} onExclude=${(on: boolean) => props.onExclude(s.row, on)} />`;
  const found = report.suggestion.rows.filter((r) => r.origin === 'found');
  const model = report.suggestion.rows.filter((r) => r.origin !== 'found');
  const changed = model.filter(isDecision);
  const kept = model.filter((r) => !isDecision(r));
  const d = report.discovery;
  const adopted = report.suggestion.usable ? '' : ' (not adopted)';
  return html`<div class="learn-decisions">
    <h4>Found in the history${adopted}</h4>
    ${found.length > 0
      ? html`<ul class="learn-rows" data-testid="learn-found">${found.map(item)}</ul>`
      : html`<p class="info" data-testid="learn-nothing-found">${nothingFoundText(d ? { looked: d.looked, pairLooked: d.pairLooked, columns: d.columns.length } : null)}</p>`}
    ${changed.length > 0 &&
    html`<h4>Changed in the model${adopted}</h4>
      <ul class="learn-rows" data-testid="learn-points">${changed.map(item)}</ul>`}
    ${kept.length > 0 &&
    html`<details class="learn-drift" data-testid="learn-kept">
      <summary>Kept as they are: ${kept.length} row${kept.length === 1 ? '' : 's'}</summary>
      <ul class="learn-rows">${kept.map(item)}</ul>
    </details>`}
    <${Considered} report=${report} />
  </div>`;
}

/** The strongest segments looked at and not kept, with the reason in words (the statistics behind Details). */
function Considered({ report }: { report: LearnReport }): VNode | null {
  const listed = consideredShown(report.discovery?.considered ?? [], CONSIDERED_LISTED);
  if (listed.length === 0) return null;
  return html`<div class="learn-considered" data-testid="learn-considered">
    <h4>Considered and not kept</h4>
    <ul>${listed.map((c) => html`<li data-testid="learn-considered-row" data-segment=${c.label}>${consideredText(c)}</li>`)}</ul>
    <details class="learn-details">
      <summary>Details</summary>
      <ul>${listed.map((c) => html`<li>${c.label}: lift ${c.lift.toFixed(2)}, z ${c.z.toFixed(1)}; ${c.reason}.</li>`)}</ul>
    </details>
  </div>`;
}

/** Win rate by tier and wins captured on the held-out deals, Current beside Suggested. */
export function Tiers({ report }: { report: LearnReport }): VNode {
  const { current, suggested } = report.validation;
  const met = (yes: boolean) => (yes ? 'met' : 'not met');
  const head = (first: string) => html`<thead><tr><th scope="col">${first}</th><th scope="col">${CURRENT}</th><th scope="col">${SUGGESTED}</th></tr></thead>`;
  return html`<div class="learn-tiers">
    <h4>Win rate by tier (held-out deals)</h4>
    <table class="learn-table" data-testid="learn-tiers">
      ${head('Tier')}
      <tbody>
        ${tierPairs(report).map(
          (p) => html`<tr data-testid="learn-tier" data-tier=${p.tier}>
            <th scope="row">${p.tier}</th>
            <td data-testid="learn-tier-current">${winRateText(p.current)}<br /><span class="hint">${percent(p.current?.shareOfAccounts ?? 0)} of deals</span></td>
            <td data-testid="learn-tier-suggested">${winRateText(p.suggested)}<br /><span class="hint">${percent(p.suggested?.shareOfAccounts ?? 0)} of deals</span></td>
          </tr>`,
        )}
      </tbody>
    </table>
    <h4>Wins captured by the top tiers</h4>
    <table class="learn-table" data-testid="learn-captured">
      ${head('Tiers')}
      <tbody>
        ${current.captured.map((c, i) => {
          const s = suggested.captured[i];
          const cell = (row: typeof c | undefined) => (row ? `${percent(row.shareOfWins)} of wins in ${percent(row.shareOfAccounts)} of deals` : '–');
          return html`<tr data-testid="learn-captured-row" data-through=${c.through}><th scope="row">Through ${c.through}</th><td>${cell(c)}</td><td>${cell(s)}</td></tr>`;
        })}
        <tr data-testid="learn-top-quarter">
          <th scope="row">Best-scored quarter</th>
          <td>${percent(current.topQuarter.shareOfWins)} of wins</td>
          <td>${percent(suggested.topQuarter.shareOfWins)} of wins</td>
        </tr>
      </tbody>
    </table>
    <p class="hint" data-testid="learn-target">Target: at least 60% of the wins in the top 15–35% of deals. ${CURRENT}: ${met(current.meetsTarget)}; ${SUGGESTED.toLowerCase()}: ${met(suggested.meetsTarget)}.</p>
  </div>`;
}
