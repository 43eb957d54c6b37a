/**
 * The model editor: criteria grouped by dimension with their bands, points and share of the
 * total; exclusions; tiers; personas; settings. Every problem the core finds is shown on its
 * row, next to the cell it is about, as the user types.
 */
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { KINDS, type ModelColumn, PRESETS, ROW_KEYS, RULES, type Rule, SCORED_KINDS, SETTING_KEYS, findRule, parseRuleName } from '../core/index.ts';
import { type EditorRow, type ModelDoc, inputText } from './doc.ts';
import { type RowPatch, freshName, insertRow, moveBlockBefore, newRowOf, removeRows, swapBlocks, updateRow, updateRows } from './edit.ts';
import { notices } from './messages.ts';
import { type CriterionGroup, type DimensionGroup, type PlacedRow, type PossibleChange, type Sections, formatShare } from './sections.ts';
import { type Problem, type Validation, problemText, warningText } from './validate.ts';

export type Change = (label: string, change: (doc: ModelDoc) => ModelDoc, key?: string) => void;

export interface ModelViewProps {
  sections: Sections;
  /** How the possible total differs from the saved model's, said where it changed; null when it does not. */
  possible: PossibleChange | null;
  validation: Validation;
  /** Problems by editor row id. */
  errors: Map<number, Problem[]>;
  warnings: Map<number, Problem[]>;
  /** The sheet whose headers the Fields were checked against, if any. */
  checkedSheet: string | null;
  change: Change;
  /** Ask to focus a row's first input after the next render. */
  focusRow: (id: number) => void;
  /** Focus the input of a problem's row and column. */
  focusProblem: (problem: Problem) => void;
  undoLabel: string | null;
  onUndo: () => void;
  onPreset: (id: string) => void;
  /** The preset the editor holds (loaded and not undone), shown in the picker. */
  loadedPreset: string | null;
  /** The model has no rows yet and no save was tried: a start, not a problem. */
  startingOut: boolean;
  missingSheet: boolean;
  modelSheet: string;
}

const NONE: Problem[] = [];

interface CellProps {
  placed: PlacedRow;
  column: string;
  label: string;
  value: string;
  errors: Problem[];
  warnings: Problem[];
  list?: string;
  placeholder?: string;
  /** Commit on change (blur or Enter) instead of on every keystroke: for edits that move the row. */
  commit?: boolean;
  /** Grid columns out of 6. */
  span: number;
  /** No visible label (the placeholder says it). */
  bare?: boolean;
  onValue: (text: string) => void;
}

function Cell(props: CellProps): VNode {
  const invalid = props.errors.some((p) => p.column === props.column);
  const warned = props.warnings.some((p) => p.column === props.column);
  const handler = (event: Event) => props.onValue((event.currentTarget as HTMLInputElement).value);
  return html`<label class=${`cell${invalid ? ' invalid' : warned ? ' warned' : ''}`} style=${{ gridColumn: `span ${props.span}` }}>
    ${!props.bare && html`<span class="cell-label">${props.label}</span>`}
    <input
      data-testid=${`cell-${props.column}`}
      aria-label=${`Row ${props.placed.sheetRow} ${props.label}`}
      aria-invalid=${invalid ? 'true' : undefined}
      value=${props.value}
      list=${props.list}
      placeholder=${props.placeholder ?? (props.bare ? props.label : '')}
      spellcheck=${false}
      autocomplete="off"
      onInput=${props.commit ? undefined : handler}
      onChange=${props.commit ? handler : undefined}
    />
  </label>`;
}

function RowProblems({ errors, warnings, sheet }: { errors: Problem[]; warnings: Problem[]; sheet: string | null }): VNode | null {
  if (errors.length === 0 && warnings.length === 0) return null;
  return html`<ul class="row-problems">
    ${errors.map((p) => html`<li class="issue" data-testid="row-issue" data-column=${p.column}>${problemText(p)}</li>`)}
    ${warnings.map((p) => html`<li class="warning" data-testid="row-warning" data-column=${p.column}>${warningText(p, sheet)}</li>`)}
  </ul>`;
}

interface RowButtonsProps {
  what: string;
  onUp: (() => void) | null;
  onDown: (() => void) | null;
  onRemove: () => void;
  testid?: string;
}

function MoveButtons({ what, onUp, onDown, onRemove, testid = 'row' }: RowButtonsProps): VNode {
  return html`<span class="row-buttons">
    <button type="button" class="icon" data-testid=${`${testid}-up`} aria-label=${`Move ${what} up`} title="Move up" disabled=${!onUp} onClick=${onUp ?? undefined}>↑</button>
    <button type="button" class="icon" data-testid=${`${testid}-down`} aria-label=${`Move ${what} down`} title="Move down" disabled=${!onDown} onClick=${onDown ?? undefined}>↓</button>
    <button type="button" class="icon danger" data-testid=${`${testid}-remove`} aria-label=${`Remove ${what}`} title="Remove" onClick=${onRemove}>✕</button>
  </span>`;
}


interface CellSpec {
  column: ModelColumn;
  label: string;
  /** Grid columns out of 6. */
  span: number;
  list?: string;
  placeholder?: string;
  bare?: boolean;
  commit?: boolean;
}

/** The cells several kinds of row share. */
const FIELD: CellSpec = { column: 'Field', label: 'Field', span: 3, placeholder: 'Prospect column' };
const RULE: CellSpec = { column: 'Rule', label: 'Rule', span: 3, list: 'icp-rules' };
const POINTS: CellSpec = { column: 'Points', label: 'Points', span: 2 };
const NOTE: CellSpec = { column: 'Note', label: 'Note', span: 6 };
const value = (span: number, label = 'Value'): CellSpec => ({ column: 'Value', label, span });

const CELLS: Record<string, CellSpec[]> = {
  criterion: [FIELD, RULE, value(4), POINTS, NOTE],
  exclude: [{ column: 'Name', label: 'Reason', span: 6 }, FIELD, RULE, value(6), NOTE],
  tier: [{ column: 'Name', label: 'Tier', span: 4 }, { column: 'Value', label: 'Minimum', span: 2, placeholder: '0–100' }, { ...NOTE, label: 'Approach' }],
  persona: [
    { column: 'Name', label: 'Persona', span: 6 },
    { column: 'Field', label: 'Field', span: 2, placeholder: 'Title' },
    { column: 'Rule', label: 'Rule', span: 4, list: 'icp-persona-rules' },
    value(6, 'Title words'),
    NOTE,
  ],
  setting: [{ column: 'Name', label: 'Setting', span: 3, list: 'icp-settings' }, { column: 'Value', label: 'Value', span: 3, list: 'icp-setting-values' }, NOTE],
  and: [FIELD, { ...RULE, list: 'icp-condition-rules' }, value(6)],
  unknown: [
    { column: 'Kind', label: 'Kind', span: 2, list: 'icp-kinds', commit: true },
    { column: 'Name', label: 'Name', span: 4 },
    { column: 'Field', label: 'Field', span: 3 },
    RULE,
    value(4),
    POINTS,
  ],
};

/** The Value placeholder of a criterion, exclusion or `and` row: an example of what its rule takes (core/rules.ts). */
function valueHint(row: EditorRow): string | undefined {
  const rule = SCORED_KINDS.includes(row.kind.trim().toLowerCase()) && findRule(parseRuleName(row.rule) ?? '');
  if (!rule) return undefined;
  return rule.examples.length > 0 ? `e.g. ${rule.examples[0]}` : 'no Value needed';
}

interface RowCardProps {
  placed: PlacedRow;
  cells: CellSpec[];
  /** The rows this one moves among (its section, or its criterion's bands). */
  siblings: PlacedRow[];
  what: string;
  props: ModelViewProps;
  /** A criterion band or an exclusion: it shows its `and` rows and offers to add one. */
  conditions?: boolean;
}

/** A row and its `and` rows: what moves and is removed together (SPEC §1). */
const blockIds = (placed: PlacedRow): number[] => [placed.row.id, ...placed.conditions.map((c) => c.row.id)];

/** The row's cells as inputs, each marked with the problems of its column. */
function Cells({ placed, cells, props }: { placed: PlacedRow; cells: CellSpec[]; props: ModelViewProps }): VNode {
  const { row, sheetRow } = placed;
  const errors = props.errors.get(row.id) ?? NONE;
  const warnings = props.warnings.get(row.id) ?? NONE;
  const set = (column: ModelColumn) => (text: string) =>
    props.change(`change ${column} on row ${sheetRow}`, (doc) => updateRow(doc, row.id, { [ROW_KEYS[column]]: text }), `cell:${row.id}:${column}`);
  return html`<div class="cells">
    ${cells.map(
      (spec) => html`<${Cell}
        key=${spec.column}
        placed=${placed}
        column=${spec.column}
        label=${spec.label}
        value=${inputText(row[ROW_KEYS[spec.column]] as EditorRow['value'])}
        errors=${errors}
        warnings=${warnings}
        list=${spec.list}
        placeholder=${spec.column === 'Value' ? (valueHint(row) ?? spec.placeholder) : spec.placeholder}
        span=${spec.span}
        bare=${spec.bare}
        commit=${spec.commit}
        onValue=${set(spec.column)}
      />`,
    )}
  </div>`;
}

function RowCard({ placed, cells, siblings, what, props, conditions = false }: RowCardProps): VNode {
  const { row, sheetRow } = placed;
  const errors = props.errors.get(row.id) ?? NONE;
  const warnings = props.warnings.get(row.id) ?? NONE;
  const index = siblings.findIndex((s) => s.row.id === row.id);
  const before = siblings[index - 1];
  const after = siblings[index + 1];
  const label = `${what} on row ${sheetRow}`;
  const block = blockIds(placed);
  return html`<div class=${`row${errors.length ? ' has-issue' : ''}`} data-testid="model-row" data-row=${sheetRow} data-row-id=${row.id} data-kind=${row.kind.trim().toLowerCase()}>
    <div class="row-head">
      <span class="row-number">Row ${sheetRow}</span>
      <${MoveButtons}
        what=${label}
        onUp=${before ? () => props.change(`move ${label} up`, (doc) => swapBlocks(doc, block, blockIds(before))) : null}
        onDown=${after ? () => props.change(`move ${label} down`, (doc) => swapBlocks(doc, block, blockIds(after))) : null}
        onRemove=${() => props.change(`remove ${label}`, (doc) => removeRows(doc, block))}
      />
    </div>
    <${Cells} placed=${placed} cells=${cells} props=${props} />
    <${RowProblems} errors=${errors} warnings=${warnings} sheet=${props.checkedSheet} />
    ${conditions && html`<${Conditions} owner=${placed} what=${label} props=${props} />`}
  </div>`;
}

/** Columns an `and` row should leave blank, shown only while they hold something (so it can be cleared). */
const STRAY_CELLS: CellSpec[] = [
  { column: 'Name', label: 'Name', span: 3 },
  { column: 'Points', label: 'Points', span: 3 },
];
const NOTE_CELL: CellSpec = { column: 'Note', label: 'Note', span: 6 };

/** A band's or exclusion's `and` rows, each with its cells and a remove button, and "Add a condition". */
function Conditions({ owner, what, props }: { owner: PlacedRow; what: string; props: ModelViewProps }): VNode {
  const add = () => {
    const row = newRowOf('and', { rule: 'is any of' });
    props.change(`add a condition to ${what}`, (doc) => insertRow(doc, row, owner.row.id));
    props.focusRow(row.id);
  };
  return html`<div class="conditions" data-testid="conditions" aria-label=${`Conditions of ${what}`}>
    ${owner.conditions.map((placed) => {
      const { row, sheetRow } = placed;
      const errors = props.errors.get(row.id) ?? NONE;
      const warnings = props.warnings.get(row.id) ?? NONE;
      const shown = (spec: CellSpec) => inputText(row[ROW_KEYS[spec.column]] as EditorRow['value']).trim() !== '' || errors.some((p) => p.column === spec.column);
      const cells = [...CELLS.and!, ...STRAY_CELLS.filter(shown), ...(shown(NOTE_CELL) ? [NOTE_CELL] : [])];
      return html`<div key=${row.id} class=${`condition${errors.length ? ' has-issue' : ''}`} data-testid="condition" data-row=${sheetRow} data-row-id=${row.id}>
        <div class="row-head">
          <span class="row-number">and · Row ${sheetRow}</span>
          <button type="button" class="icon danger" data-testid="condition-remove" aria-label=${`Remove the condition on row ${sheetRow}`} title="Remove" onClick=${() =>
            props.change(`remove the condition on row ${sheetRow}`, (doc) => removeRows(doc, [row.id]))}>✕</button>
        </div>
        <${Cells} placed=${placed} cells=${cells} props=${props} />
        <${RowProblems} errors=${errors} warnings=${warnings} sheet=${props.checkedSheet} />
      </div>`;
    })}
    <button type="button" class="add" data-testid="add-condition" title="The row counts only when every condition matches too" onClick=${add}>+ Add a condition</button>
  </div>`;
}

/** Why most scores move when one weight changes: every score is out of the possible total. */
function PossibleNote({ change }: { change: PossibleChange }): VNode {
  return html`<p class="hint possible-change" data-testid="possible-change">${notices.possibleChanged(change.before, change.after)}</p>`;
}

function CriterionCard({ group, dimension, props }: { group: CriterionGroup; dimension: DimensionGroup; props: ModelViewProps }): VNode {
  const ids = group.bands.map((b) => b.row.id);
  const block = group.bands.flatMap(blockIds);
  const index = dimension.criteria.indexOf(group);
  const before = dimension.criteria[index - 1];
  const after = dimension.criteria[index + 1];
  const nameInvalid = group.bands.some((b) => (props.errors.get(b.row.id) ?? NONE).some((p) => p.column === 'Name'));
  const rows = group.bands.map((b) => b.sheetRow);
  const where = rows.length === 1 ? `Row ${rows[0]}` : `Rows ${rows.join(', ')}`;
  const what = `criterion "${group.name}"`;
  const idsOf = (g: CriterionGroup) => g.bands.flatMap(blockIds);
  const addBand = () => {
    const last = group.bands[group.bands.length - 1]!.row;
    const band = newRowOf('criterion', { name: last.name, field: last.field, rule: last.rule, dimension: last.dimension });
    props.change(`add a band to ${what}`, (doc) => insertRow(doc, band, last.id));
    props.focusRow(band.id);
  };
  return html`<section class="criterion" data-testid="criterion" data-name=${group.name} aria-label=${`Criterion ${group.name}`}>
    <div class="criterion-meta">
      <span class="cell-label">${where}</span>
      <span class="share" data-testid="criterion-share" title="This criterion's most points, as a share of the possible total">
        ${formatShare(group.share)} (${group.possible} pts)
      </span>
      <${MoveButtons}
        what=${what}
        testid="criterion"
        onUp=${before ? () => props.change(`move ${what} up`, (doc) => moveBlockBefore(doc, block, idsOf(before))) : null}
        onDown=${after ? () => props.change(`move ${what} down`, (doc) => moveBlockBefore(doc, idsOf(after), block)) : null}
        onRemove=${() => props.change(`remove ${what}`, (doc) => removeRows(doc, block))}
      />
    </div>
    ${props.possible?.at === group.key && html`<${PossibleNote} change=${props.possible} />`}
    <div class="cells">
      <label class=${`cell${nameInvalid ? ' invalid' : ''}`} style=${{ gridColumn: 'span 3' }}>
        <input
          data-testid="criterion-name"
          aria-label=${`Criterion name, ${where}`}
          aria-invalid=${nameInvalid ? 'true' : undefined}
          placeholder="Name"
          value=${group.name}
          autocomplete="off"
          onInput=${(e: Event) => {
            const name = (e.currentTarget as HTMLInputElement).value;
            props.change(`rename ${what}`, (doc) => updateRows(doc, ids, { name }), `name:${group.key}`);
          }}
        />
      </label>
      <label class="cell" style=${{ gridColumn: 'span 3' }}>
        <input
          data-testid="criterion-dimension"
          aria-label=${`Dimension of ${what}`}
          value=${group.dimension}
          list="icp-dimensions"
          placeholder="Dimension"
          autocomplete="off"
          onChange=${(e: Event) => {
            const value = (e.currentTarget as HTMLInputElement).value.trim();
            props.change(`set the dimension of ${what}`, (doc) => updateRows(doc, ids, { dimension: value }));
          }}
        />
      </label>
    </div>
    ${group.bands.map(
      (band) => html`<${RowCard} key=${band.row.id} placed=${band} cells=${CELLS.criterion!} siblings=${group.bands} what=${`band of ${what}`} props=${props} conditions />`,
    )}
    <button type="button" class="add" data-testid="add-band" onClick=${addBand}>+ Band</button>
  </section>`;
}

/** The sections of plain rows: their heading, hint, what one row is called, and a new row. */
const ROW_SECTIONS = {
  exclude: {
    title: 'Exclusions',
    hint: 'Hard disqualifiers: a match (with every condition, if it has any) excludes the account (score 0, tier Excluded).',
    what: 'exclusion',
    template: () => newRowOf('exclude', { name: 'New exclusion', rule: 'is any of' }),
  },
  tier: {
    title: 'Tiers',
    hint: 'Minimum score of each tier; minimums must differ. An account gets the highest tier it reaches.',
    what: 'tier',
    template: () => newRowOf('tier', { name: 'New tier' }),
  },
  persona: {
    title: 'Personas',
    hint: "Matched against a contact's job title, in order; the first match wins.",
    what: 'persona',
    template: () => newRowOf('persona', { name: 'New persona', field: 'Title', rule: 'contains any' }),
  },
  setting: {
    title: 'Settings',
    hint: `${SETTING_KEYS.join(', ')}.`,
    what: 'setting',
    template: () => newRowOf('setting'),
  },
} satisfies Record<string, { title: string; hint: string; what: string; template: () => EditorRow }>;

interface SectionProps {
  kind: keyof typeof ROW_SECTIONS;
  rows: PlacedRow[];
  props: ModelViewProps;
}

function RowSection({ kind, rows, props }: SectionProps): VNode {
  const { title, hint, what, template } = ROW_SECTIONS[kind];
  const add = () => {
    const row = template();
    props.change(`add ${what}`, (doc) => insertRow(doc, row));
    props.focusRow(row.id);
  };
  return html`<section class="section" data-testid=${`section-${kind}`} aria-label=${title}>
    <h3>${title}</h3>
    <p class="hint">${hint}</p>
    ${rows.map(
      (placed) => html`<${RowCard} key=${placed.row.id} placed=${placed} cells=${CELLS[kind]!} siblings=${rows} what=${what} props=${props} conditions=${kind === 'exclude'} />`,
    )}
    <button type="button" class="add" data-testid=${`add-${kind}`} onClick=${add}>+ ${what[0]!.toUpperCase() + what.slice(1)}</button>
  </section>`;
}

function Problems({ validation, props }: { validation: Validation; props: ModelViewProps }): VNode | null {
  const { errors, warnings } = validation;
  if (errors.length === 0 && warnings.length === 0) {
    return html`<p class="ok" data-testid="valid">The model reads without problems.</p>`;
  }
  return html`<div class="problems" data-testid="problems" role="region" aria-label="Problems">
    ${errors.length > 0 &&
    html`<p class="issue"><strong>${errors.length} problem${errors.length === 1 ? '' : 's'}</strong> to fix before saving:</p>
      <ul>
        ${errors.map(
          (p) => html`<li data-testid="problem">
            ${p.rowId === null
              ? problemText(p)
              : html`<button type="button" class="link" onClick=${() => props.focusProblem(p)}>${problemText(p)}</button>`}
          </li>`,
        )}
      </ul>`}
    ${warnings.length > 0 &&
    html`<details class="warnings" data-testid="warnings">
      <summary>${warnings.length} Field${warnings.length === 1 ? ' is' : 's are'} not a column of "${props.checkedSheet ?? ''}"</summary>
      <ul>${warnings.map((p) => html`<li>${problemText(p)}</li>`)}</ul>
      <p class="hint">Fine if the model is meant for another sheet; on the Score tab you can pick a column for each.</p>
    </details>`}
  </div>`;
}

function PresetPicker({ props }: { props: ModelViewProps }): VNode {
  const select = (event: Event) => {
    const target = event.currentTarget as HTMLSelectElement;
    const id = target.value;
    if (id) props.onPreset(id);
    else target.value = props.loadedPreset ?? '';
  };
  return html`<label class="cell wide preset">
    <span class="cell-label">${props.loadedPreset ? 'Loaded from the preset' : 'Start from a preset'}</span>
    <select data-testid="preset-select" value=${props.loadedPreset ?? ''} onChange=${select}>
      <option value="">${props.loadedPreset ? 'Choose another preset…' : 'Choose a preset…'}</option>
      ${PRESETS.map((p) => html`<option value=${p.id} title=${p.description}>${p.name}</option>`)}
    </select>
  </label>`;
}

/** The Rule autocomplete: each rule with what it matches (core/rules.ts). */
const ruleOptions = (rules: readonly Rule[]) => rules.map((r) => html`<option value=${r.name} label=${r.matches} />`);

function Lists({ sections }: { sections: Sections }): VNode {
  return html`<div hidden>
    <datalist id="icp-rules">${ruleOptions(RULES)}</datalist>
    <datalist id="icp-persona-rules">${ruleOptions(RULES.filter((r) => r.persona))}</datalist>
    <datalist id="icp-settings">${SETTING_KEYS.map((k) => html`<option value=${k} />`)}</datalist>
    <datalist id="icp-setting-values">${['zero', 'skip', 'today'].map((k) => html`<option value=${k} />`)}</datalist>
    <datalist id="icp-condition-rules">${ruleOptions(RULES.filter((r) => r.name !== 'decays over days'))}</datalist>
    <datalist id="icp-kinds">${KINDS.map((k) => html`<option value=${k} />`)}</datalist>
    <datalist id="icp-dimensions">
      ${[...new Set([...sections.dimensions.map((d) => d.dimension).filter(Boolean), 'Firmographics', 'Technographics', 'Behavioral', 'Environmental'])].map(
        (d) => html`<option value=${d} />`,
      )}
    </datalist>
  </div>`;
}

export function ModelView(props: ModelViewProps): VNode {
  const { sections, validation } = props;
  const addCriterion = (dimension: string) => () => {
    const row = newRowOf('criterion', { rule: 'is any of', points: 10, dimension });
    props.change('add a criterion', (doc) => insertRow(doc, { ...row, name: freshName(doc, 'New criterion', 'criterion') }));
    props.focusRow(row.id);
  };
  return html`<div class="model-view">
    <${Lists} sections=${sections} />
    <div class="toolbar">
      <${PresetPicker} props=${props} />
      <button type="button" data-testid="undo" disabled=${!props.undoLabel} onClick=${props.onUndo} title=${props.undoLabel ? `Undo: ${props.undoLabel}` : 'Nothing to undo'}>
        Undo
      </button>
    </div>
    <details class="presets-about">
      <summary class="hint">About the presets</summary>
      <dl>${PRESETS.map((p) => html`<dt>${p.name}</dt><dd class="hint">${p.description}</dd>`)}</dl>
    </details>
    ${props.undoLabel && html`<p class="hint" data-testid="undo-label">Undo: ${props.undoLabel}</p>`}
    ${props.missingSheet && !props.startingOut &&
    html`<p class="info" data-testid="no-model-sheet">There is no "${props.modelSheet}" sheet yet. Start from a preset or add rows, then Save to create it.</p>`}
    ${props.startingOut
      ? html`<div class="start" data-testid="model-start">
          <p><strong>Start your model.</strong> Pick a preset above and adjust it, or add your first criterion: a prospect column, a rule and the points it earns.</p>
          <button type="button" class="primary" data-testid="start-criterion" onClick=${addCriterion('')}>+ Add a criterion</button>
          ${props.missingSheet && html`<p class="hint" data-testid="no-model-sheet">There is no "${props.modelSheet}" sheet yet: Save creates it.</p>`}
        </div>`
      : html`<${Problems} validation=${validation} props=${props} />`}

    <section class="section" data-testid="section-criterion" aria-label="Criteria">
      <h3>Criteria <span class="hint" data-testid="possible-total">possible total ${sections.possibleTotal} pts${props.possible ? ` (was ${props.possible.before})` : ''}</span></h3>
      ${props.possible && props.possible.at === null && html`<${PossibleNote} change=${props.possible} />`}
      <p class="hint">Rows of one criterion are its bands: the matching band with the most points counts. A band with conditions counts only when they all match too.</p>
      ${sections.dimensions.map(
        (dimension) => html`<div class="dimension" data-testid="dimension" data-dimension=${dimension.dimension}>
          <h4 title=${dimension.dimension || undefined}>${dimension.dimension || 'No dimension'}</h4>
          ${dimension.criteria.map((group) => html`<${CriterionCard} key=${group.key} group=${group} dimension=${dimension} props=${props} />`)}
          ${dimension.dimension &&
          html`<button type="button" class="add" data-testid="add-criterion-in-dimension" title=${`+ Criterion in ${dimension.dimension}`} onClick=${addCriterion(dimension.dimension)}>
            + Criterion in ${dimension.dimension}
          </button>`}
        </div>`,
      )}
      <button type="button" class="add" data-testid="add-criterion" onClick=${addCriterion('')}>+ Criterion</button>
    </section>

    <${RowSection} kind="exclude" rows=${sections.exclusions} props=${props} />
    <${RowSection} kind="tier" rows=${sections.tiers} props=${props} />
    <${RowSection} kind="persona" rows=${sections.personas} props=${props} />
    <${RowSection} kind="setting" rows=${sections.settings} props=${props} />
    ${sections.unknown.length > 0 &&
    html`<section class="section" data-testid="section-unknown" aria-label="Rows with an unknown kind">
      <h3>Rows with an unknown kind</h3>
      ${sections.unknown.map(
        (placed) => html`<${RowCard} key=${placed.row.id} placed=${placed} cells=${CELLS.unknown!} siblings=${sections.unknown} what="row" props=${props} />`,
      )}
    </section>`}
    ${sections.misplaced.length > 0 &&
    html`<section class="section" data-testid="section-misplaced" aria-label="Conditions out of place">
      <h3>Conditions out of place</h3>
      <p class="hint">An "and" row narrows the criterion or exclusion row above it in the sheet. Change its Kind, or remove it.</p>
      ${sections.misplaced.map(
        (placed) => html`<${RowCard} key=${placed.row.id} placed=${placed} cells=${CELLS.unknown!} siblings=${[placed]} what="row" props=${props} />`,
      )}
    </section>`}
    ${sections.comments > 0 &&
    html`<p class="hint">${sections.comments} row${sections.comments === 1 ? ' has' : 's have'} a blank Kind: the model ignores ${sections.comments === 1 ? 'it' : 'them'}, and saving keeps ${sections.comments === 1 ? 'it' : 'them'} in place.</p>`}
  </div>`;
}
