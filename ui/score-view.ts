/**
 * Score this sheet: the active sheet's header row, each model Field matched to a column (the
 * user picks where none matches), then one array formula per output column. And the preview:
 * the sheet's rows scored in the panel with the model as edited, counted per tier.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useMemo } from 'preact/hooks';
import { type Model, isModelError } from '../core/index.ts';
import { messageOf } from './context.ts';
import type { SheetInfo, WireCell } from '../workbook/host.ts';
import { type FieldMatch, rankHeaders, substituteHeaders } from './mapping.ts';
import { type Distribution, distribution } from './tier-preview.ts';

/** Rows the preview reads at most: enough for a distribution, small enough for one round trip. */
export const PREVIEW_ROWS = 5000;

export interface PreviewData {
  sheet: string;
  headers: string[];
  rows: WireCell[][];
  /** Data rows on the sheet (the preview may have read fewer). */
  total: number;
}

export interface ScoreViewProps {
  active: SheetInfo | null;
  /** The model has no rows yet: nothing to fix, something to start. */
  modelEmpty?: boolean;
  modelSheet: string;
  busy: boolean;
  matches: FieldMatch[];
  picks: Record<string, string>;
  onPick: (field: string, header: string) => void;
  onRefresh: () => void;
  savedExists: boolean;
  dirty: boolean;
  /** The model being edited, when it has no problems. */
  model: Model | null;
  preview: PreviewData | null;
  onPreview: () => void;
  onScore: () => void;
  scoreResult: string | null;
}

function FieldRow({ match, headers, pick, onPick }: { match: FieldMatch; headers: string[]; pick: string; onPick: (header: string) => void }): VNode {
  if (match.header !== null) {
    return html`<li class="field-row matched" data-testid="field-row" data-field=${match.field} data-matched="true">
      <span class="field">${match.field}</span> <span aria-hidden="true">→</span> <span class="header">${match.header}</span>
    </li>`;
  }
  const { ordered, likely } = rankHeaders(match.field, headers);
  return html`<li class=${`field-row${pick ? '' : ' unmatched'}`} data-testid="field-row" data-field=${match.field} data-matched="false">
    <label>
      <span class="field">${match.field}</span> has no column. Use:
      <select data-testid="field-select" aria-label=${`Column for the Field ${match.field}`} value=${pick} onChange=${(e: Event) => onPick((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">Pick a column…</option>
        ${ordered.map((header) => html`<option value=${header}>${header}${header === likely ? ' (closest name)' : ''}</option>`)}
      </select>
    </label>
  </li>`;
}

function Bars({ result, preview }: { result: Distribution; preview: PreviewData }): VNode {
  const max = Math.max(1, ...result.bars.map((b) => b.count));
  const partial = preview.rows.length < preview.total;
  return html`<div class="preview" data-testid="preview">
    <p data-testid="preview-used">
      ${result.used} row${result.used === 1 ? '' : 's'} of "${preview.sheet}" scored with the model as edited
      ${partial ? ` (the first ${preview.rows.length} of ${preview.total})` : ''}${result.average !== null ? `; average score ${result.average}` : ''}.
    </p>
    <ul class="bars">
      ${result.bars.map(
        (bar) => html`<li class=${`bar ${bar.kind}`} data-testid="preview-bar" data-tier=${bar.label} data-count=${bar.count}>
          <span class="bar-label">${bar.label}</span>
          <span class="bar-track"><span class="bar-fill" style=${{ width: `${(100 * bar.count) / max}%` }}></span></span>
          <span class="bar-count" data-testid="preview-count">${bar.count}${result.used ? ` · ${Math.round((100 * bar.count) / result.used)}%` : ''}</span>
        </li>`,
      )}
    </ul>
  </div>`;
}

function PreviewResult({ model, preview, picks, empty }: { model: Model | null; preview: PreviewData; picks: Record<string, string>; empty: boolean }): VNode {
  const outcome = useMemo(() => {
    if (!model && empty) return { error: 'Start the model first (Model tab): pick a preset or add a criterion, then preview.' };
    if (!model) return { error: 'Fix the model’s problems (Model tab) to see the preview.' };
    try {
      return { result: distribution(model, substituteHeaders(preview.headers, picks), preview.rows) };
    } catch (error) {
      if (isModelError(error)) return { error: 'Some Fields have no column: pick one above.', issues: error.issues.map((i) => `Row ${i.row}: ${i.message}`) };
      return { error: messageOf(error) };
    }
  }, [model, preview, picks, empty]);
  if ('result' in outcome && outcome.result) return html`<${Bars} result=${outcome.result} preview=${preview} />`;
  return html`<div class="preview" data-testid="preview">
    <p class="issue" data-testid="preview-error">${outcome.error}</p>
    ${'issues' in outcome && outcome.issues && html`<ul>${outcome.issues.map((i) => html`<li>${i}</li>`)}</ul>`}
  </div>`;
}

export function ScoreView(props: ScoreViewProps): VNode {
  const { active } = props;
  const onModelSheet = active?.name === props.modelSheet;
  const unresolved = props.matches.filter((m) => m.header === null && !props.picks[m.field]);
  const blocker = !active
    ? 'No sheet is open.'
    : onModelSheet
      ? `This is the model sheet: open the sheet of prospects, then Refresh.`
      : active.headerRow === 0
        ? `"${active.name}" is empty.`
        : !props.savedExists
          ? `Save the model first: the formulas read the "${props.modelSheet}" sheet.`
          : unresolved.length > 0
            ? `Pick a column for ${unresolved.map((m) => `"${m.field}"`).join(', ')}.`
            : null;
  return html`<div class="score-view">
    <section class="section" aria-label="Active sheet">
      <h3>Score this sheet</h3>
      <div class="sheet-line">
        <p data-testid="active-sheet">
          ${active
            ? html`<strong>${active.name}</strong>: header row ${active.headerRow}, ${active.dataRows} row${active.dataRows === 1 ? '' : 's'}`
            : 'No sheet is open.'}
        </p>
        <button type="button" data-testid="refresh-sheet" disabled=${props.busy} onClick=${props.onRefresh}>Refresh</button>
      </div>
      ${active && !onModelSheet && active.headerRow > 0 &&
      html`<ul class="field-map" data-testid="field-map" aria-label="Model fields and their columns">
        ${props.matches.map(
          (match) => html`<${FieldRow}
            key=${match.field}
            match=${match}
            headers=${active.headers}
            pick=${props.picks[match.field] ?? ''}
            onPick=${(header: string) => props.onPick(match.field, header)}
          />`,
        )}
      </ul>`}
      <p class="hint">Writes ICP Score, ICP Tier and ICP Why as one array formula each, reading the saved "${props.modelSheet}" sheet${props.dirty ? ' (your unsaved edits apply once you save)' : ''}.</p>
      ${blocker && html`<p class="info" data-testid="score-blocker">${blocker}</p>`}
      <button type="button" class="primary" data-testid="insert-scores" disabled=${props.busy || blocker !== null} onClick=${props.onScore}>
        Score this sheet
      </button>
      ${props.scoreResult && html`<p class="success" data-testid="score-result">${props.scoreResult}</p>`}
    </section>
    <section class="section" aria-label="Preview">
      <h3>Preview tiers</h3>
      <p class="hint">The sheet's rows scored here with the model as you edit it, before saving.</p>
      <button type="button" data-testid="preview-run" disabled=${props.busy || !active || onModelSheet || active.headerRow === 0} onClick=${props.onPreview}>
        ${props.preview ? 'Read the rows again' : 'Preview tiers'}
      </button>
      ${props.preview && html`<${PreviewResult} model=${props.model} preview=${props.preview} picks=${props.picks} empty=${props.modelEmpty ?? false} />`}
    </section>
  </div>`;
}
