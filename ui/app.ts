/**
 * The panel: tabs for the model editor, scoring the active sheet (with the tier preview), the
 * tier summary, learning from closed deals and the model's history; a busy line for every host
 * call; saving with conflict detection. The state lives in hooks by tab (ui/panel-calls.ts,
 * ui/model-state.ts, ui/score-state.ts); the views get what they show and what they may change.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ForeignFormulasNotice } from './foreign-formulas.ts';
import { HistoryView } from './history-view.ts';
import { EMPTY_LEARN_SESSION, type LearnSession, LearnView, type LearnViewProps } from './learn-view.ts';
import type { Host } from '../workbook/host.ts';
import { ModelView, type ModelViewProps } from './model-view.ts';
import { useModelChecks, useModelDoc, useModelSave, useSheetWatch } from './model-state.ts';
import { type Notice, usePanelCalls } from './panel-calls.ts';
import { type ConflictProps, ConflictView, SaveBar, type SaveBarProps } from './save-view.ts';
import { ScoreView, type ScoreViewProps } from './score-view.ts';
import { arrange, possibleChange } from './sections.ts';
import { useActiveSheetWatch, useScoreTab } from './score-state.ts';
import { SummaryView } from './summary-view.ts';
import { undoLabel, loadedPreset, undo } from './edit.ts';
import type { Problem } from './validate.ts';

type Tab = 'model' | 'score' | 'summary' | 'learn' | 'history';
/** Where the panel can open: a tab, or the model tab with the preset picker focused. */
export const PANEL_STEPS = ['model', 'score', 'summary', 'learn', 'history', 'presets'] as const;
export type PanelStep = (typeof PANEL_STEPS)[number];
const TABS: { id: Tab; label: string }[] = [
  { id: 'model', label: 'Model' },
  { id: 'score', label: 'Score' },
  { id: 'summary', label: 'Summary' },
  { id: 'learn', label: 'Learn' },
  { id: 'history', label: 'History' },
];

/** The panel's looks: each host's own (Fluent in Excel, Google's add-on style in Sheets), by theme tokens in panel.css. */
export const PANEL_THEMES = ['fluent', 'google'] as const;
export type PanelTheme = (typeof PANEL_THEMES)[number];

/** The look a host gets: Excel's Fluent, Sheets' Google style; the local preview shows the Sheets look unless told. */
export function themeFor(kind: Host['kind']): PanelTheme {
  return kind === 'excel' ? 'fluent' : 'google';
}

/** The open tab, moved between with the arrow keys; a row's cell focused after it renders. */
function usePanelTabs(step: PanelStep, root: { current: HTMLDivElement | null }) {
  const [tab, setTab] = useState<Tab>(step === 'presets' ? 'model' : step);
  const [focusTarget, setFocusTarget] = useState<{ id: number; column?: string } | null>(null);
  useEffect(() => {
    if (!focusTarget || !root.current) return;
    const row = root.current.querySelector(`[data-row-id="${focusTarget.id}"]`);
    let input = focusTarget.column ? row?.querySelector<HTMLInputElement>(`[data-testid="cell-${focusTarget.column}"]`) : null;
    if (!input && focusTarget.column === 'Name') input = row?.closest('[data-testid="criterion"]')?.querySelector<HTMLInputElement>('[data-testid="criterion-name"]');
    input ??= row?.querySelector<HTMLInputElement>('input') ?? null;
    input?.focus();
    input?.scrollIntoView?.({ block: 'center' });
    setFocusTarget(null);
  }, [focusTarget, tab]);
  const onTabKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const at = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(at + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next.id);
    root.current?.querySelector<HTMLElement>(`[data-testid="tab-${next.id}"]`)?.focus();
  };
  const focusProblem = (problem: Problem) => {
    if (problem.rowId !== null) setFocusTarget({ id: problem.rowId, column: problem.column });
  };
  return { tab, setTab, onTabKey, focusRow: (id: number) => setFocusTarget({ id }), focusProblem };
}

function StatusLine({ running, notice, dismiss }: { running: string | null; notice: Notice | null; dismiss: () => void }): VNode {
  return html`<div class="status" role="status" aria-live="polite">
    ${running !== null && html`<p class="busy" data-testid="busy"><span class="spinner" aria-hidden="true"></span>${running}…</p>`}
  </div>
  ${notice &&
  html`<div class=${`notice ${notice.kind}`} data-testid="notice" data-kind=${notice.kind} role=${notice.kind === 'error' ? 'alert' : 'status'}>
    <span data-testid="notice-text">${notice.text}</span>
    <button type="button" class="icon" data-testid="notice-close" aria-label="Dismiss" onClick=${dismiss}>✕</button>
  </div>`}`;
}

function TabBar({ tab, dirty, onTab, onKey }: { tab: Tab; dirty: boolean; onTab: (tab: Tab) => void; onKey: (event: KeyboardEvent) => void }): VNode {
  return html`<nav class="tabs" role="tablist" aria-label="Panel sections" onKeyDown=${onKey}>
    ${TABS.map(
      (t) => html`<button
        type="button"
        role="tab"
        id=${`icp-tab-${t.id}`}
        data-testid=${`tab-${t.id}`}
        aria-selected=${tab === t.id ? 'true' : 'false'}
        aria-controls="icp-tabpanel"
        tabindex=${tab === t.id ? 0 : -1}
        onClick=${() => onTab(t.id)}
      >
        ${t.label}${t.id === 'model' && dirty ? html`<span class="dot" data-testid="dirty" title="Unsaved changes"> •</span>` : ''}
      </button>`,
    )}
  </nav>`;
}

export function App({
  host: raw,
  modelSheet,
  step = 'model',
  theme,
  pollMs,
}: {
  host: Host;
  modelSheet: string;
  step?: PanelStep;
  theme?: PanelTheme;
  /** How often a host without change events is asked whether the model sheet changed (ui/model-watch.ts). */
  pollMs?: number;
}): VNode {
  const root = useRef<HTMLDivElement>(null);
  const { host, ctx, running, notice, dismiss } = usePanelCalls(raw, modelSheet);
  const tabs = usePanelTabs(step, root);
  const toModel = () => tabs.setTab('model');
  const model = useModelDoc(ctx);
  const scoring = useScoreTab(ctx, model.doc);
  const checks = useModelChecks(model.doc, scoring.checkedHeaders);
  const saving = useModelSave(ctx, model, checks, toModel);
  useSheetWatch(ctx, host, model, saving, pollMs);
  useActiveSheetWatch(host, scoring, { ready: model.saved !== null, busy: ctx.busy, ...(pollMs ? { pollMs } : {}) });
  const [learnSession, setLearnSession] = useState<LearnSession>(EMPTY_LEARN_SESSION);
  /** The saved model as the editor arranges it: what the live figures are compared with. */
  const savedSections = useMemo(() => (model.saved?.exists ? arrange(model.saved.doc) : null), [model.saved]);

  useEffect(() => {
    void model.load().then(scoring.refreshActive);
  }, []);
  const presetFocused = useRef(false);
  useEffect(() => {
    if (step !== 'presets' || presetFocused.current || model.saved === null) return;
    presetFocused.current = true;
    root.current?.querySelector<HTMLElement>('[data-testid="preset-select"]')?.focus();
  }, [model.saved]);

  const { saved } = model;
  const { validation } = checks;
  const { conflict } = saving;
  const body = (): VNode => {
    if (saved === null) {
      return html`<div class="loading">
        ${model.loadFailed
          ? html`<p class="issue">The model sheet could not be read.</p>
            <button type="button" data-testid="retry" onClick=${() => void model.load().then(scoring.refreshActive)}>Try again</button>`
          : html`<p class="hint">Reading the model…</p>`}
      </div>`;
    }
    if (tabs.tab === 'model') {
      const view: ModelViewProps = {
        sections: checks.sections, possible: possibleChange(checks.sections, savedSections), validation, errors: checks.errors, warnings: checks.warnings, checkedSheet: scoring.checkedSheet,
        change: model.change, focusRow: tabs.focusRow, focusProblem: tabs.focusProblem, modelSheet,
        undoLabel: undoLabel(model.editor), onUndo: () => model.setEditor(undo), onPreset: model.loadPreset, loadedPreset: loadedPreset(model.editor),
        startingOut: saving.startingOut, missingSheet: !saved.exists,
      };
      const bar: SaveBarProps = {
        dirty: model.dirty, exists: saved.exists, problems: saving.startingOut ? 0 : validation.errors.length, busy: ctx.busy, modelSheet,
        note: saving.note, onNote: saving.setNote, onSave: () => void saving.save(saved.version),
      };
      const compare: ConflictProps | null = conflict && {
        diff: conflict.diff, busy: ctx.busy, onLoadTheirs: saving.loadTheirs, onCancel: () => saving.setConflict(null),
        onOverwrite: () => void saving.save(conflict.current.version),
      };
      return html`<${ModelView} ...${view} />${compare ? html`<${ConflictView} ...${compare} />` : html`<${SaveBar} ...${bar} />`}`;
    }
    if (tabs.tab === 'score') {
      const view: ScoreViewProps = {
        active: scoring.active, matches: scoring.matches, picks: scoring.picks, onPick: scoring.pick, onRefresh: scoring.refreshActive,
        preview: scoring.preview, onPreview: scoring.runPreview, onScore: scoring.score, scoreResult: scoring.scoreResult,
        modelEmpty: checks.empty, model: validation.model, modelSheet, busy: ctx.busy, savedExists: saved.exists, dirty: model.dirty,
      };
      return html`<${ScoreView} ...${view} />`;
    }
    if (tabs.tab === 'summary') return html`<${SummaryView} ctx=${ctx} activeSheet=${scoring.active?.name ?? null} hostKind=${host.kind} />`;
    if (tabs.tab === 'learn') {
      const view: LearnViewProps = {
        ctx, doc: model.doc, model: validation.model, problems: validation.errors.length,
        session: learnSession, onSession: setLearnSession, onApply: saving.applyLearned,
      };
      return html`<${LearnView} ...${view} />`;
    }
    return html`<${HistoryView} ctx=${ctx} refreshKey=${saved.version} onRestore=${(...args: Parameters<typeof model.restore>) => (model.restore(...args), toModel())} />`;
  };

  return html`<div class="icp-panel" ref=${root} data-host=${host.kind} data-theme=${theme ?? themeFor(host.kind)}>
    <header class="top">
      <h1>ICP scoring</h1>
      <span class="sheet-name" title="The model sheet">${modelSheet}</span>
    </header>
    <${StatusLine} running=${running} notice=${notice} dismiss=${dismiss} />
    <${ForeignFormulasNotice} host=${host} ctx=${ctx} />
    <${TabBar} tab=${tabs.tab} dirty=${model.dirty} onTab=${tabs.setTab} onKey=${tabs.onTabKey} />
    <main id="icp-tabpanel" role="tabpanel" aria-labelledby=${`icp-tab-${tabs.tab}`}>${body()}</main>
  </div>`;
}
