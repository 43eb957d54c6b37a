/**
 * Learn from history: pick the closed-won / closed-lost sheet and its columns (suggested from the
 * header names), learn in the panel with the core, see the current and the suggested points side
 * by side (held-out AUC, win rate by tier, wins captured, drift), and apply the suggestion as a new
 * version of the model (the version it replaces goes to the history sheet).
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { type DriftReport, type LearnReport, type LearnResult, type Model, type OutcomeReading, describeUnrecognized, headerKey, isModelError, type LearnPhase } from '../core/index.ts';
import { learnFromHistoryAsync } from '../core/learner.ts';
import { percent } from '../core/learn/words.ts';
import { type PanelContext, messageOf } from './context.ts';
import { type ModelDoc, docToGrid } from './doc.ts';
import type { SheetInfo } from '../workbook/host.ts';
import {
  type HistoryChoice,
  LEARN_ROWS,
  NO_COLUMN,
  filledRows,
  historyGrid,
  learnNote,
  pickHistorySheet,
  readingText,
  suggestedChoice,
} from './learn-logic.ts';
import { ApplyBar, type PendingApply, prepareApply } from './learn-apply-view.ts';
import { Decisions, Tiers, Verdict } from './learn-result.ts';
import { matchFields, rankHeaders } from './mapping.ts';
import { GoalSelect, type PanelGoal, goalInput } from './learn-goal.ts';
import { notices } from './messages.ts';
import { WhatIfView } from './what-if-view.ts';

/** One learning run: what was read and what the core answered (or the error it threw). */
export interface LearnRun {
  sheet: string;
  /** Rows holding anything, and the sheet's data rows (more when the read stopped at LEARN_ROWS). */
  rows: number;
  sheetRows: number;
  /** The model grid learned against, as JSON: applying needs the editor to still hold it. */
  modelJson: string;
  result: LearnResult | null;
  error: { message: string; issues: string[] } | null;
  seconds: number;
}

/** What the Learn tab keeps while other tabs are open. */
export interface LearnSession {
  choice: HistoryChoice | null;
  /** Model Field → the history header picked for it, where none matches. */
  picks: Record<string, string>;
  run: LearnRun | null;
  /** Candidate exclusions (model rows) to turn into exclude rows. */
  exclusions: number[];
  note: string;
  applied: string | null;
  /** Look for segments in every column (default on), and weigh won deals by amount. */
  discover: boolean;
  weighByAmount: boolean;
  /** The goal learned toward when not wins (ui/learn-goal.ts). */
  goal?: PanelGoal;
}

export const EMPTY_LEARN_SESSION: LearnSession = { choice: null, picks: {}, run: null, exclusions: [], note: '', applied: null, discover: true, weighByAmount: false };

export interface LearnViewProps {
  ctx: PanelContext;
  doc: ModelDoc;
  /** The model being edited, when it reads without problems. */
  model: Model | null;
  problems: number;
  session: LearnSession;
  onSession: (update: (session: LearnSession) => LearnSession) => void;
  /** Load the document into the editor (one undoable change) and save it with the note; true when saved. */
  onApply: (next: ModelDoc, label: string, note: string) => Promise<boolean>;
}

interface Progress {
  /** 'sheet' while the host reads the rows, then the core's learning phases. */
  phase: 'sheet' | LearnPhase;
  fraction: number;
  label: string;
}

/** What each learning phase is doing, as the progress line says it. */
const PHASE_LABELS: Record<LearnPhase, string> = {
  reading: 'Reading outcomes, amounts and dates',
  lift: 'Measuring the lift of each model row',
  validating: 'Searching, fitting and checking on held-out accounts',
  fitting: 'Learning the suggested model from every deal',
  drift: 'Checking drift by quarter',
  done: 'Done',
};

/** Resolves after the browser has painted what is on screen now. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(resolve, 0));
    else setTimeout(resolve, 0);
  });
}

function columnLabel(header: string, index: number): string {
  return header.trim() || `(column ${index + 1}, no header)`;
}

function ColumnSelect(props: { testid: string; label: string; value: number; headers: string[]; optional: boolean; onValue: (v: number) => void }): VNode {
  return html`<label class="cell wide">
    <span class="cell-label">${props.label}</span>
    <select data-testid=${props.testid} value=${String(props.value)} onChange=${(e: Event) => props.onValue(Number((e.currentTarget as HTMLSelectElement).value))}>
      <option value=${String(NO_COLUMN)}>${props.optional ? '(none)' : 'Pick a column…'}</option>
      ${props.headers.map((h, i) => html`<option value=${String(i)}>${columnLabel(h, i)}</option>`)}
    </select>
  </label>`;
}

function Labels({ outcomes }: { outcomes: OutcomeReading }): VNode | null {
  if (outcomes.unrecognized.length === 0) return null;
  return html`<div class="learn-labels" data-testid="learn-labels">
    <p><strong>Outcome labels that are not known words</strong></p>
    <ul>
      ${outcomes.unrecognized.map(
        (l) => html`<li data-testid="learn-label" data-read-as=${l.readAs}>
          “${l.label}”: ${l.count} row${l.count === 1 ? '' : 's'}, read as ${l.readAs}${l.looksLikeWin ? ' (did you mean Won?)' : ''}
        </li>`,
      )}
    </ul>
    <p class="hint">Known words: Won / Closed Won / TRUE / yes / 1, and Lost / Closed Lost / FALSE / no / 0; a blank is open. Fix or filter these rows in the sheet, then learn again.</p>
  </div>`;
}

function Effort({ report }: { report: LearnReport }): VNode | null {
  if (report.effort.length === 0) return null;
  const withRevenue = report.effort.some((e) => e.shareOfRevenue !== null);
  return html`<details class="learn-drift" data-testid="learn-effort">
    <summary>Effort against ${withRevenue ? 'revenue' : 'wins'}: ${report.effort.length} segments</summary>
    <p class="hint">Share of the accounts worked against share of ${withRevenue ? 'won revenue' : 'wins'}, largest gaps first.</p>
    <table class="learn-table">
      <thead><tr><th scope="col">Segment</th><th scope="col">Accounts</th><th scope="col">${withRevenue ? 'Revenue' : 'Wins'}</th></tr></thead>
      <tbody>
        ${report.effort.map(
          (e) => html`<tr data-testid="learn-effort-row" data-segment=${e.segment}>
            <th scope="row">${e.segment}</th>
            <td>${percent(e.shareOfAccounts)}</td>
            <td>${percent(withRevenue ? e.shareOfRevenue : e.shareOfWins)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}

/** Rows whose effect changed in the newest deals, and each row's effect by quarter on demand. */
function Changes({ report }: { report: LearnReport }): VNode | null {
  const changes = report.changes;
  if (!changes || changes.rows.length === 0) return null;
  const changed = changes.rows.filter((r) => r.changed);
  return html`<details class="learn-drift" data-testid="learn-changes" open=${changed.length > 0}>
    <summary>What changed in ${changes.newest}: ${changed.length ? `${changed.length} segment${changed.length === 1 ? '' : 's'}` : 'nothing beyond chance'}</summary>
    <ul>
      ${changes.rows.map((r) => html`<li class=${r.changed ? 'warning' : ''} data-testid="learn-change-row" data-segment=${r.segment} data-direction=${r.direction}>${r.sentence}</li>`)}
    </ul>
  </details>`;
}

/** Columns the learning did not read, with why (the product's own answers first). */
function LeftOut({ report }: { report: LearnReport }): VNode | null {
  const shown = report.leftOut.filter((l) => !/^the (outcome|deal amount|created date|closed date)/.test(l.why));
  if (shown.length === 0) return null;
  return html`<details class="learn-drift" data-testid="learn-left-out">
    <summary>Not learned from: ${shown.length} column${shown.length === 1 ? '' : 's'}</summary>
    <ul>${shown.map((l) => html`<li data-testid="learn-left-out-column" data-header=${l.header}><strong>${l.header}</strong>: ${l.why}.</li>`)}</ul>
  </details>`;
}

function Drift({ drift }: { drift: DriftReport }): VNode {
  const flagged = drift.quarters.filter((q) => q.flags.length > 0).length;
  return html`<details class="learn-drift" data-testid="learn-drift" open=${flagged > 0}>
    <summary>Drift by quarter created: ${drift.quarters.length} quarter${drift.quarters.length === 1 ? '' : 's'}, ${flagged} with warnings</summary>
    <ul>
      ${drift.quarters.map(
        (q) => html`<li data-testid="learn-quarter" data-quarter=${q.quarter} data-flags=${q.flags.length}>
          <strong>${q.quarter}</strong>: ${percent(q.winRate)} won of ${q.won + q.lost} decided${q.open ? `, ${q.open} open` : ''}${q.medianCycleDays !== null ? `; cycle ${Math.round(q.medianCycleDays)} days` : ''}
          ${q.flags.length > 0 && html`<ul>${q.flags.map((f) => html`<li class="warning" data-testid="learn-flag" data-kind=${f.kind}>${f.message}</li>`)}</ul>`}
        </li>`,
      )}
    </ul>
    <p class="hint">The newest quarters still have open deals: their win rate counts only the deals decided so far.</p>
  </details>`;
}

/** Why the history cannot be learned from yet, or null. */
function blockerOf(state: {
  problems: number;
  model: Model | null;
  sheets: SheetInfo[] | null;
  choice: HistoryChoice | null;
  sheet: SheetInfo | undefined;
  unmatched: { field: string }[];
  picks: Record<string, string>;
}): string | null {
  const { problems, model, sheets, choice, sheet, unmatched, picks } = state;
  if (problems > 0) return `The model has ${problems} problem${problems === 1 ? '' : 's'}: fix ${problems === 1 ? 'it' : 'them'} on the Model tab first.`;
  if (!model || model.criteria.length === 0) return 'The model has no criteria to learn points for: start from a preset on the Model tab.';
  if (sheets !== null && sheets.length === 0) return 'There is no sheet to learn from: add the closed-won / closed-lost history as a sheet.';
  if (!choice || !sheet) return 'Pick the history sheet.';
  if (choice.outcome === NO_COLUMN) return 'Pick the outcome column (won / lost).';
  const missing = unmatched.filter((m) => !picks[m.field]);
  return missing.length ? `Pick a column for ${missing.map((m) => `"${m.field}"`).join(', ')}.` : null;
}

/** A column to pick for each Field of the model the history names differently. */
function FieldMap(props: { unmatched: { field: string }[]; headers: string[]; picks: Record<string, string>; onPick: (field: string, header: string) => void }): VNode {
  return html`<ul class="field-map" aria-label="Model fields with no column in the history">
    ${props.unmatched.map((m) => {
      const { ordered, likely } = rankHeaders(m.field, props.headers);
      const pick = props.picks[m.field] ?? '';
      return html`<li class=${`field-row${pick ? '' : ' unmatched'}`} data-testid="learn-field-row" data-field=${m.field}>
        <label>
          <span class="field">${m.field}</span> has no column. Use:
          <select
            data-testid="learn-field-select"
            aria-label=${`History column for the Field ${m.field}`}
            value=${pick}
            onChange=${(e: Event) => props.onPick(m.field, (e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">Pick a column…</option>
            ${ordered.map((h) => html`<option value=${h}>${h}${h === likely ? ' (closest name)' : ''}</option>`)}
          </select>
        </label>
      </li>`;
    })}
  </ul>`;
}

/** Read the history sheet through the host and learn from it, painting progress; null when the read failed or the headers changed. */
async function learnOnce(args: {
  ctx: PanelContext;
  sheet: SheetInfo;
  choice: HistoryChoice;
  session: LearnSession;
  doc: ModelDoc;
  setProgress: (progress: Progress | null) => void;
  reload: () => Promise<void>;
}): Promise<LearnRun | null> {
  const { ctx, sheet, choice, session, doc, setProgress } = args;
  const reading = `Reading the rows of "${sheet.name}"`;
  setProgress({ phase: 'sheet', fraction: 0.05, label: reading });
  const data = await ctx.call(reading, (host) => host.readRows(sheet.name, LEARN_ROWS));
  if (!data) {
    setProgress(null);
    return null;
  }
  if (JSON.stringify(data.headers) !== JSON.stringify(sheet.headers)) {
    setProgress(null);
    ctx.notify('error', `The header row of "${sheet.name}" changed since it was listed: check the columns, then learn again.`);
    await args.reload();
    return null;
  }
  const rows = filledRows(data.rows);
  const onProgress = ({ phase, fraction }: { phase: LearnPhase; fraction: number }) =>
    setProgress({ phase, fraction: 0.3 + 0.7 * fraction, label: `${PHASE_LABELS[phase]} (${rows.toLocaleString('en-US')} rows)` });
  const modelGrid = docToGrid(doc);
  const started = performance.now();
  let result: LearnResult | null = null;
  let error: LearnRun['error'] = null;
  try {
    const column = (index: number) => (index === NO_COLUMN ? null : index);
    const goal = goalInput(session.goal, data.headers.map((h) => String(h ?? '')), choice);
    result = await learnFromHistoryAsync(
      {
        modelGrid,
        historyGrid: historyGrid(data.headers, data.rows, session.picks),
        columns: { outcome: choice.outcome, amount: column(choice.amount), created: column(choice.created), closed: column(choice.closed), ...goal.columns },
        onProgress,
        options: {
          discover: session.discover,
          weighBy: session.weighByAmount && choice.amount !== NO_COLUMN && !session.goal ? 'amount' : 'wins',
          ...goal.options,
          // Columns holding ICP functions are the model's own answers: never learned from.
          icpColumns: data.icpColumns ?? [],
        },
      },
      nextPaint,
    );
  } catch (thrown) {
    const issues = isModelError(thrown) ? thrown.issues.map((i) => `Row ${i.row}: ${i.message}`) : [];
    error = { message: messageOf(thrown), issues };
  }
  setProgress(null);
  return { sheet: sheet.name, rows, sheetRows: sheet.dataRows, modelJson: JSON.stringify(modelGrid), result, error, seconds: (performance.now() - started) / 1000 };
}

export function LearnView(props: LearnViewProps): VNode {
  const { ctx, doc, model, session, onSession } = props;
  const [sheets, setSheets] = useState<SheetInfo[] | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [pending, setPending] = useState<PendingApply | null>(null);
  const update = (patch: Partial<LearnSession>) => onSession((s) => ({ ...s, ...patch }));
  useRunTold(session.run, ctx.announce);

  const load = async () => {
    const list = await ctx.call('Listing the sheets', (host) => host.listSheets());
    if (!list) return;
    const candidates = list.filter((s) => s.name !== ctx.modelSheet);
    setSheets(candidates);
    const kept = session.choice && candidates.find((s) => s.name === session.choice!.sheet);
    if (!kept) {
      const pick = pickHistorySheet(candidates, ctx.modelSheet, model);
      update({ choice: pick ? suggestedChoice(pick, model) : null, picks: {} });
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const choice = session.choice;
  const sheet = sheets?.find((s) => s.name === choice?.sheet);
  const headers = sheet?.headers ?? [];
  // The Fields the learning reads: criteria, exclusions and their conditions (the override column is not used).
  const fields = useMemo(() => {
    const byKey = new Map<string, string>();
    for (const e of model?.entries ?? []) if ((e.kind === 'criterion' || e.kind === 'exclude' || e.kind === 'and') && !byKey.has(headerKey(e.field))) byKey.set(headerKey(e.field), e.field);
    return [...byKey.values()];
  }, [model]);
  const unmatched = matchFields(fields, headers).filter((m) => m.header === null);
  const docJson = useMemo(() => JSON.stringify(docToGrid(doc)), [doc]);
  const run = session.run;
  const report = run?.result?.ok ? run.result : null;
  const stale = run !== null && run.modelJson !== docJson && session.applied === null;

  const blocker = blockerOf({ problems: props.problems, model, sheets, choice, sheet, unmatched, picks: session.picks });

  const learn = async () => {
    if (!choice || !sheet || blocker) return;
    update({ run: null, applied: null, exclusions: [] });
    setPending(null);
    const learned = await learnOnce({ ctx, sheet, choice, session, doc, setProgress, reload: load });
    if (learned) update({ run: learned, note: learned.result?.ok ? learnNote(sheet.name, learned.result) : '' });
  };

  // Nothing is applied unseen: Apply shows the rows that change and the tier moves first.
  const preview = async (anyway: boolean) => {
    if (!run || !report || stale || !sheets) return;
    setPending(await prepareApply({ ctx, doc, report, exclusions: session.exclusions, sheets, history: run.sheet, anyway }));
  };
  const apply = async () => {
    if (!run || !report || stale || !pending) return;
    const { anyway, next } = pending;
    const note = session.note.trim() || learnNote(run.sheet, report);
    const saved = await props.onApply(next, `apply the model learned from "${run.sheet}"${anyway ? ' (anyway)' : ''}`, anyway ? `${note} (applied anyway: not shown to be better)` : note);
    setPending(null);
    if (saved) {
      update({ applied: `Saved "${ctx.modelSheet}" with the learned model as a new version. The version it replaced is in the history; Undo on the Model tab brings it back.` });
    }
  };

  const toggleExclusion = (row: number, on: boolean) => {
    setPending(null);
    update({ exclusions: on ? [...session.exclusions.filter((r) => r !== row), row] : session.exclusions.filter((r) => r !== row) });
  };

  const setSheet = (name: string) => {
    const next = sheets?.find((s) => s.name === name);
    if (next) update({ choice: suggestedChoice(next, model), picks: {} });
  };
  const setColumn = (role: Exclude<keyof HistoryChoice, 'sheet'>, value: number) => choice && update({ choice: { ...choice, [role]: value } });

  return html`<div class="learn-view">
    <section class="section" aria-label="Learn from history">
      <h3>Learn from history</h3>
      <p class="hint">Reads closed-won / closed-lost deals against the model as edited and suggests a model — points, rows found in any column, tier minimums — kept only if it ranks deals the learning never saw better. Nothing changes until you apply.</p>
      ${sheets === null
        ? html`<p class="hint">Reading the sheets…</p>`
        : html`<div class="cells">
            <label class="cell wide">
              <span class="cell-label">History sheet</span>
              <select data-testid="learn-sheet" value=${choice?.sheet ?? ''} onChange=${(e: Event) => setSheet((e.currentTarget as HTMLSelectElement).value)}>
                ${!sheet && html`<option value="">Pick a sheet…</option>`}
                ${sheets.map((s) => html`<option value=${s.name}>${s.name} (${s.dataRows} rows)</option>`)}
              </select>
            </label>
            ${choice && sheet &&
            html`<${ColumnSelect} testid="learn-outcome" label="Outcome (won / lost)" value=${choice.outcome} headers=${headers} optional=${false} onValue=${(v: number) => setColumn('outcome', v)} />
              <${ColumnSelect} testid="learn-amount" label="Amount (optional)" value=${choice.amount} headers=${headers} optional=${true} onValue=${(v: number) => setColumn('amount', v)} />
              <${ColumnSelect} testid="learn-created" label="Created date (optional: drift)" value=${choice.created} headers=${headers} optional=${true} onValue=${(v: number) => setColumn('created', v)} />
              <${ColumnSelect} testid="learn-closed" label="Close date (optional: time split)" value=${choice.closed} headers=${headers} optional=${true} onValue=${(v: number) => setColumn('closed', v)} />`}
          </div>
          ${choice && sheet && html`<p class="hint">Columns suggested from the header names; change any that is wrong.</p>`}
          ${choice && sheet &&
          html`<div class="cells"><${GoalSelect} headers=${headers} choice=${choice} goal=${session.goal} onGoal=${(goal: PanelGoal | undefined) => update({ goal })} /></div>
          <div class="learn-options">
            <label><input type="checkbox" data-testid="learn-discover" checked=${session.discover} onChange=${(e: Event) => update({ discover: (e.currentTarget as HTMLInputElement).checked })} /> Look for new segments in every column</label>
            <label><input type="checkbox" data-testid="learn-weigh" disabled=${choice.amount === NO_COLUMN || session.goal !== undefined} checked=${session.weighByAmount && choice.amount !== NO_COLUMN && !session.goal} onChange=${(e: Event) => update({ weighByAmount: (e.currentTarget as HTMLInputElement).checked })} /> Weigh won deals by amount (value, not only wins)</label>
          </div>`}
          ${unmatched.length > 0 && html`<${FieldMap} unmatched=${unmatched} headers=${headers} picks=${session.picks} onPick=${(field: string, header: string) => update({ picks: { ...session.picks, [field]: header } })} />`}`}
      ${blocker && sheets !== null && html`<p class="info" data-testid="learn-blocker">${blocker}</p>`}
      <div class="buttons">
        <button type="button" class="primary" data-testid="learn-run" disabled=${ctx.busy || progress !== null || blocker !== null || sheets === null} onClick=${learn}>
          ${run ? 'Learn again' : 'Learn from this history'}
        </button>
        <button type="button" data-testid="learn-refresh" disabled=${ctx.busy || progress !== null} onClick=${load}>Refresh</button>
      </div>
      ${progress &&
      html`<div class="learn-progress" data-testid="learn-progress" data-phase=${progress.phase}>
        <progress data-testid="learn-progress-bar" max="1" value=${progress.fraction} aria-label="Learning progress"></progress>
        <span data-testid="learn-progress-label">${progress.label}…</span>
      </div>`}
    </section>
    ${run && html`<${Outcome} run=${run} report=${report} session=${session} stale=${stale} busy=${ctx.busy} pending=${pending}
      onExclude=${toggleExclusion} onNote=${(note: string) => update({ note })} onPreview=${preview} onConfirm=${apply} onCancel=${() => setPending(null)} />`}
  </div>`;
}

interface OutcomeProps {
  run: LearnRun;
  report: LearnReport | null;
  session: LearnSession;
  stale: boolean;
  busy: boolean;
  pending: PendingApply | null;
  onExclude: (row: number, on: boolean) => void;
  onNote: (note: string) => void;
  onPreview: (anyway: boolean) => void;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The outcome of a run in one sentence, for the status region. */
function learnedText(sheet: string, result: LearnResult | null): string {
  if (!result?.ok) return notices.notLearned(sheet);
  const { current, suggested, verdict } = result.validation;
  const auc = (value: number | null) => (value === null ? '–' : value.toFixed(2));
  return notices.learned(sheet, result.outcomes.won + result.outcomes.lost, auc(current.auc), auc(suggested.auc), verdict);
}

/** The runs whose outcome was told: read out, and the focus moved to it. */
const told = new WeakSet<LearnRun>();

/**
 * A run's outcome, once: one sentence in the status region, and the focus on the result's heading
 * (the Learn button waited, disabled, while the panel learned, which took the focus away from it).
 */
function useRunTold(run: LearnRun | null, announce: (text: string) => void): void {
  useEffect(() => {
    if (!run || told.has(run)) return;
    told.add(run);
    announce(learnedText(run.sheet, run.result));
    // Only where the focus was lost: a person who moved it meanwhile keeps it where they put it.
    if (!document.activeElement || document.activeElement === document.body) document.getElementById('icp-learn-result')?.focus();
  }, [run]);
}

/** Where the focus goes when a run ends. */
const ResultHeading = (): VNode => html`<h3 id="icp-learn-result" tabindex="-1" data-testid="learn-result-heading">Learning result</h3>`;

/** What one run found: the refusal, the error, or the report side by side with the apply bar. */
function Outcome(props: OutcomeProps): VNode {
  const { run, report } = props;
  if (run.error) {
    return html`<section class="section learn-result" aria-labelledby="icp-learn-result">
      <${ResultHeading} />
      <p class="issue" data-testid="learn-error">${run.error.message}</p>
      ${run.error.issues.length > 0 && html`<ul>${run.error.issues.map((i) => html`<li>${i}</li>`)}</ul>`}
    </section>`;
  }
  const result = run.result!;
  const read = html`<p data-testid="learn-read">${readingText(run.sheet, run.rows, result.outcomes, run.sheetRows)}</p>`;
  if (!result.ok) {
    const labels = describeUnrecognized(result.outcomes);
    return html`<section class="section learn-result" aria-labelledby="icp-learn-result">
      <${ResultHeading} />
      ${read}
      <p class="issue" data-testid="learn-refusal">${labels ? result.problem.replace(` ${labels}`, '') : result.problem}</p>
      <${Labels} outcomes=${result.outcomes} />
    </section>`;
  }
  const r = report!;
  const labels = describeUnrecognized(r.outcomes);
  const warnings = r.warnings.filter((w) => w !== labels);
  const usable = r.suggestion.usable;
  const bar = html`<${ApplyBar} anyway=${!usable} note=${props.session.note} onNote=${props.onNote} stale=${props.stale} busy=${props.busy} applied=${props.session.applied}
    excluding=${props.session.exclusions.length > 0} pending=${props.pending} onPreview=${props.onPreview} onConfirm=${props.onConfirm} onCancel=${props.onCancel} />`;
  return html`<section class="section learn-result" aria-labelledby="icp-learn-result">
    <${ResultHeading} />
    ${read}
    <p class="hint" data-testid="learn-time">Learned in ${props.run.seconds < 0.1 ? 'under 0.1' : props.run.seconds.toFixed(1)} s.</p>
    <${Labels} outcomes=${r.outcomes} />
    ${warnings.length > 0 && html`<ul class="learn-warnings" data-testid="learn-warnings">${warnings.map((w) => html`<li class="warning" data-testid="learn-warning">${w}</li>`)}</ul>`}
    <${Verdict} report=${r} />
    <${Decisions} report=${r} exclusions=${props.session.exclusions} onExclude=${props.onExclude} />
    ${r.suggestion.tiers &&
    html`<div class="hint" data-testid="learn-tier-refit">
      <p>Tier minimums${usable ? '' : ' (suggested, not adopted)'}: ${r.suggestion.tiers.sentence}</p>
      <p>${r.suggestion.tiers.minimums.map(
        (m, k) => html`${k ? ', ' : ''}<span data-testid="learn-tier-minimum" data-tier=${m.tier} data-minimum=${m.to}>${m.tier} ≥ ${m.to}${m.to !== m.from ? ` (was ${m.from})` : ''}</span>`,
      )}</p>
    </div>`}
    <${Tiers} report=${r} />
    <${Changes} report=${r} />
    <${Effort} report=${r} />
    <${WhatIfView} report=${r} modelJson=${run.modelJson} />
    <${LeftOut} report=${r} />
    ${r.drift && html`<${Drift} drift=${r.drift} />`}
    ${usable ? html`<div class="learn-apply" data-testid="learn-apply-bar">${bar}</div>` : html`<details class="learn-apply" data-testid="learn-apply-anyway-bar"><summary>Apply the suggestion anyway…</summary>${bar}</details>`}
  </section>`;
}
