/** The scoring worksheet (SPEC §1): reading it into a validated model and writing it back. */
import * as z from 'zod/mini';
import { type ModelIssue, type ModelIssueCode, ModelError, isModelError } from './errors.ts';
import { MODEL_COLUMNS, type ModelColumn, type ModelRow, REQUIRED_COLUMNS, ROW_KEYS, rowCells, settingColumn } from './fields.ts';
import { type Operand, type RuleName, PERSONA_RULES, RULE_NAMES, parseOperand, parseRuleName } from './rules.ts';
import { didYouMean, normalizeText } from './text.ts';
import {
  type Cell,
  type DayNumber,
  type ReadOptions,
  UNREADABLE,
  isBlank,
  isoDay,
  readDay,
  readNumber,
  readText,
} from './values.ts';


export const KINDS = ['criterion', 'exclude', 'and', 'tier', 'persona', 'setting'] as const;
export type Kind = (typeof KINDS)[number];

/** The kinds of row an `and` row may narrow (SPEC §1). */
export const CONDITION_OWNERS: readonly Kind[] = ['criterion', 'exclude'];

export const SETTING_KEYS = ['as of', 'missing', 'override', 'override reason'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** The largest Points (either sign) a criterion row may give: far beyond any real model, far below overflow. */
export const MAX_POINTS = 1_000_000;

/** The rules a row of this kind may use, listed when its Rule is nothing like any of them. */
const rulesFor = (kind: Kind): readonly RuleName[] =>
  kind === 'persona' ? PERSONA_RULES : kind === 'and' ? RULE_NAMES.filter((rule) => rule !== 'decays over days') : RULE_NAMES;

/** The label every host shows for an excluded account. */
export const EXCLUDED = 'Excluded';

export type { ModelColumn, ModelRow };

/** A validated, non-blank model row. */
export interface ModelEntry {
  /** 1-based row in the model range (header row = 1), for messages. */
  row: number;
  kind: Kind;
  name: string;
  field: string;
  rule: RuleName | null;
  operand: Operand;
  /** The Value cell as typed, kept for writing back. */
  value: Cell;
  points: number;
  dimension: string;
  note: string;
  /** Criterion and exclude rows: the `and` rows under it, in sheet order; it matches only when all of them match too. */
  conditions: ModelEntry[];
}

export interface Criterion {
  name: string;
  dimension: string;
  /** The criterion's rows: its bands. */
  bands: ModelEntry[];
  /** max(0, the highest Points): what it adds to the possible total. */
  possible: number;
}

export interface Tier {
  name: string;
  min: number;
  note: string;
  row: number;
}

export interface Settings {
  asOf: DayNumber | null;
  missing: 'zero' | 'skip';
  override: string | null;
  overrideReason: string | null;
}

export interface Model {
  entries: ModelEntry[];
  criteria: Criterion[];
  exclusions: ModelEntry[];
  /** Highest minimum first. */
  tiers: Tier[];
  personas: ModelEntry[];
  settings: Settings;
  /** Dimension labels in first-seen order. */
  dimensions: string[];
}

const cellSchema = z.custom<Cell>(
  (cell) =>
    cell === null ||
    cell === undefined ||
    ['string', 'number', 'boolean'].includes(typeof cell) ||
    Object.prototype.toString.call(cell) === '[object Date]',
  { message: 'a cell must hold text, a number, a yes/no value, a date or nothing' },
);
/** A range as hosts pass it: rows of cells. */
export const gridSchema = z.array(z.array(cellSchema));

function text(cell: Cell): string {
  return (readText(cell) ?? '').trim();
}

/**
 * Where the model's header row is (the first non-blank row; -1 when the range is blank) and
 * which position each model column holds (header names case-insensitive, first wins).
 */
export function findModelHeader(grid: readonly (readonly Cell[])[]): { headerIndex: number; columns: Map<ModelColumn, number> } {
  const headerIndex = grid.findIndex((row) => row.some((cell) => !isBlank(cell)));
  const columns = new Map<ModelColumn, number>();
  (grid[headerIndex] ?? []).forEach((cell, index) => {
    const name = MODEL_COLUMNS.find((column) => column.toLowerCase() === normalizeText(text(cell)));
    if (name && !columns.has(name)) columns.set(name, index);
  });
  return { headerIndex, columns };
}

/** The header row and its columns; a ModelError when the range is blank or lacks a required column. */
function locateColumns(grid: Cell[][]): { headerIndex: number; columns: Map<ModelColumn, number> } {
  const { headerIndex, columns } = findModelHeader(grid);
  if (headerIndex < 0) {
    throw new ModelError([
      { code: 'empty_model', row: 1, column: 'Kind', value: '', message: `the model range is empty; it needs a header row: ${MODEL_COLUMNS.join(', ')}` },
    ]);
  }
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    const found = (grid[headerIndex] ?? []).map(text).filter(Boolean);
    throw new ModelError([
      {
        code: 'missing_columns',
        row: headerIndex + 1,
        column: missing[0] ?? 'Kind',
        value: found.join(', '),
        message: `the header row has no ${missing.map((m) => `"${m}"`).join(', ')} column${missing.length > 1 ? 's' : ''}; the model needs ${MODEL_COLUMNS.join(', ')} (Dimension and Note optional)${found.length ? `, and found ${found.map((f) => `"${f}"`).join(', ')}` : ''}`,
      },
    ]);
  }
  return { headerIndex, columns };
}

/**
 * An apostrophe before a character that starts a formula (or before another apostrophe and
 * one, for text that starts so itself): the guard files and spreadsheets put there.
 */
const FORMULA_GUARD = /^'(?='?[=+\-@\t\r])/;

/**
 * A cell as a spreadsheet reads it: text written with the formula guard (`'@rival`, as icp and
 * other tools write such text into files) is the text after the apostrophe.
 */
function unguarded(cell: Cell): Cell {
  return typeof cell === 'string' && FORMULA_GUARD.test(cell) ? cell.slice(1) : cell;
}

/** The scoring-worksheet range (header row included) as model rows; blank-Kind rows dropped. */
export function gridToRows(input: unknown): { row: number; data: ModelRow }[] {
  const parsed = gridSchema.safeParse(input);
  if (!parsed.success) {
    throw new ModelError([
      { code: 'not_a_range', row: 1, column: 'Kind', value: '', message: 'the model argument must be a range of cells, header row included' },
    ]);
  }
  const grid = parsed.data;
  const { headerIndex, columns } = locateColumns(grid);
  const at = (cells: Cell[], column: ModelColumn): Cell => {
    const index = columns.get(column);
    return index === undefined ? '' : unguarded(cells[index]);
  };
  const rows: { row: number; data: ModelRow }[] = [];
  for (let index = headerIndex + 1; index < grid.length; index++) {
    const cells = grid[index] ?? [];
    if (isBlank(at(cells, 'Kind'))) continue;
    rows.push({
      row: index + 1,
      data: {
        kind: text(at(cells, 'Kind')),
        name: text(at(cells, 'Name')),
        field: text(at(cells, 'Field')),
        rule: text(at(cells, 'Rule')),
        value: at(cells, 'Value') ?? '',
        points: at(cells, 'Points') ?? '',
        dimension: text(at(cells, 'Dimension')),
        note: text(at(cells, 'Note')),
      },
    });
  }
  return rows;
}

/** Read and validate the scoring worksheet. Throws one ModelError listing every bad row. */
export function readModel(grid: unknown, options: ReadOptions = {}): Model {
  return rowsToModel(gridToRows(grid), options);
}

/** What `safeReadModel` answers: the model, or the error listing every issue (each with its code, row and column). */
export type ReadModelResult = { success: true; data: Model } | { success: false; error: ModelError };

/** `readModel` without the throw, as zod's `safeParse`: a bad model is an answer, not an exception. */
export function safeReadModel(grid: unknown, options: ReadOptions = {}): ReadModelResult {
  try {
    return { success: true, data: readModel(grid, options) };
  } catch (error) {
    if (isModelError(error)) return { success: false, error };
    throw error;
  }
}

/** Validate model rows (as the panel holds them) into a model. Throws one ModelError listing every bad row. */
export function rowsToModel(rows: { row: number; data: ModelRow }[], options: ReadOptions = {}): Model {
  const issues: ModelIssue[] = [];
  const entries: ModelEntry[] = [];
  let owner: ConditionOwner | null = null;
  for (const { row, data } of rows) {
    const entry = readEntry(row, trimmed(data), issues);
    if (entry) entries.push(entry);
    const kind = normalizeText(data.kind);
    if (kind === 'and') placeCondition(row, entry, owner, issues);
    else owner = { row, kind, entry };
  }
  const settings = readSettings(entries, options, issues);
  const tiers = readTiers(entries, issues);
  const criteria = groupCriteria(entries);
  if (criteria.length > 0 && !criteria.some((criterion) => criterion.possible > 0)) {
    const first = criteria[0]?.bands[0];
    issues.push({
      code: 'no_positive_points',
      row: first?.row ?? 1,
      column: 'Points',
      value: String(first?.points ?? ''),
      message: 'the model has no criterion with positive points, so no score can be computed; give at least one criterion points above 0',
    });
  }
  if (criteria.length === 0 && issues.length === 0) {
    issues.push({ code: 'no_criteria', row: 1, column: 'Kind', value: '', message: 'the model has no criterion rows; add at least one row of Kind "criterion"' });
  }
  if (issues.length > 0) throw new ModelError(issues.sort((a, b) => a.row - b.row));
  const dimensions = [...new Set(criteria.map((c) => c.dimension).filter(Boolean))];
  return {
    entries,
    criteria,
    exclusions: entries.filter((e) => e.kind === 'exclude'),
    tiers,
    personas: entries.filter((e) => e.kind === 'persona'),
    settings,
    dimensions,
  };
}

/** Text cells trimmed, as the worksheet reader gives them, whoever built the rows. */
function trimmed(data: ModelRow): ModelRow {
  const trim = (cell: Cell): Cell => (typeof cell === 'string' ? cell.trim() : cell);
  return {
    kind: data.kind.trim(),
    name: data.name.trim(),
    field: data.field.trim(),
    rule: data.rule.trim(),
    value: trim(data.value),
    points: trim(data.points),
    dimension: data.dimension.trim(),
    note: data.note.trim(),
  };
}

/** The first column of the row whose text holds U+0000. */
function nulColumn(data: ModelRow): ModelColumn | undefined {
  return MODEL_COLUMNS.find((column) => {
    const cell = data[ROW_KEYS[column]];
    return typeof cell === 'string' && cell.includes('\u0000');
  });
}

function readEntry(row: number, data: ModelRow, issues: ModelIssue[]): ModelEntry | undefined {
  const before = issues.length;
  const problem = (code: ModelIssueCode, column: ModelColumn, value: string, message: string) => issues.push({ code, row, column, value, message });
  const nul = nulColumn(data);
  if (nul) {
    problem('nul_character', nul, '', `${nul} holds a NUL character (U+0000, an invisible control code, often from a bad copy or export), which warehouses and spreadsheets cannot store; delete it`);
    return undefined;
  }
  const kindWord = normalizeText(data.kind);
  const kind = (KINDS as readonly string[]).includes(kindWord) ? (kindWord as Kind) : undefined;
  if (!kind) {
    problem('unknown_kind', 'Kind', data.kind, `unknown kind "${data.kind}"${didYouMean(data.kind, KINDS)} (use ${KINDS.join(', ')})`);
    return undefined;
  }
  const a = kind === 'and' ? 'an "and"' : `a ${kind}`;
  if (kind === 'and') checkConditionCells(data, problem);
  else if (data.name === '') problem('missing_name', 'Name', '', `a ${kind} row needs a Name`);

  let rule: RuleName | null = null;
  let operand: Operand = { kind: 'none' };
  if (kind === 'criterion' || kind === 'exclude' || kind === 'and' || kind === 'persona') {
    if (kind !== 'persona' && data.field === '') problem('missing_field', 'Field', '', `${a} row needs a Field: the prospect column it reads`);
    if (data.rule === '') {
      problem('missing_rule', 'Rule', '', `${a} row needs a Rule, such as "between" or "is any of"`);
    } else {
      rule = parseRuleName(data.rule) ?? null;
      if (!rule) problem('unknown_rule', 'Rule', data.rule, `unknown rule "${data.rule}"${didYouMean(data.rule, RULE_NAMES) || ` (use ${rulesFor(kind).join(', ')})`}`);
    }
    if (rule && kind === 'persona' && !PERSONA_RULES.includes(rule)) {
      problem('persona_rule', 'Rule', data.rule, `persona rows match job titles: use ${PERSONA_RULES.map((r) => `"${r}"`).join(', ')}`);
      rule = null;
    }
    if (rule === 'decays over days' && kind === 'and') {
      problem('condition_rule', 'Rule', data.rule, 'an "and" row cannot use "decays over days": a condition matches or not, it scales no points; use "within days", or put the decay on the criterion row');
      rule = null;
    }
    if (rule) {
      const parsed = parseOperand(rule, data.value);
      if ('problem' in parsed) problem('invalid_value', 'Value', text(data.value), parsed.problem);
      else operand = parsed;
    }
  }

  let points = 0;
  if (kind === 'criterion') {
    const read = readNumber(data.points);
    if (read === null) problem('missing_points', 'Points', '', 'a criterion row needs Points: a number, may be negative');
    else if (read === UNREADABLE) problem('invalid_points', 'Points', text(data.points), `Points must be a number, not "${text(data.points)}"`);
    else if (Math.abs(read) > MAX_POINTS) {
      problem('points_out_of_range', 'Points', text(data.points), `Points must be between -1,000,000 and 1,000,000, not "${text(data.points)}": only their ratio to the other criteria counts`);
    } else points = read;
  }
  if (issues.length > before) return undefined;
  return {
    row,
    kind,
    name: data.name,
    field: data.field,
    rule,
    operand,
    value: data.value,
    points,
    dimension: data.dimension,
    note: data.note,
    conditions: [],
  };
}

type Problem = (code: ModelIssueCode, column: ModelColumn, value: string, message: string) => void;

/** An `and` row has no Name nor Points of its own (SPEC §1): they belong to the row it narrows. */
function checkConditionCells(data: ModelRow, problem: Problem): void {
  if (data.name !== '') {
    problem('condition_name', 'Name', data.name, `an "and" row has no Name: it is a condition of the row above it; clear the Name, or make the row a criterion or exclude row of its own`);
  }
  if (!isBlank(data.points)) {
    problem('condition_points', 'Points', text(data.points), 'an "and" row has no Points: the criterion row above it earns its points when all its conditions match; clear the Points');
  }
}

/** The row an `and` row would narrow: the nearest row above it with a Kind other than `and`. */
interface ConditionOwner {
  row: number;
  /** Its Kind as typed (normalized). */
  kind: string;
  /** Its entry, when the row itself read without problems. */
  entry: ModelEntry | undefined;
}

/**
 * Attach an `and` row to the row it narrows, or report it misplaced. An owner that did not read
 * (a typo in its Kind or Rule) has its own problem; the `and` row waits for it.
 */
function placeCondition(row: number, entry: ModelEntry | undefined, owner: ConditionOwner | null, issues: ModelIssue[]): void {
  const misplaced = (message: string) => issues.push({ code: 'misplaced_condition', row, column: 'Kind', value: 'and', message });
  const fix = 'move it directly under the criterion or exclude row it narrows, or delete it';
  if (!owner) {
    misplaced(`an "and" row narrows the criterion or exclude row above it, and there is none above it; ${fix}`);
    return;
  }
  if (!(CONDITION_OWNERS as readonly string[]).includes(owner.kind)) {
    if (!(KINDS as readonly string[]).includes(owner.kind)) return;
    misplaced(`an "and" row narrows the criterion or exclude row above it, but row ${owner.row} above it is a ${owner.kind} row; ${fix}`);
    return;
  }
  if (entry && owner.entry) owner.entry.conditions.push(entry);
}

function readTiers(entries: ModelEntry[], issues: ModelIssue[]): Tier[] {
  const tiers: Tier[] = [];
  const seenMin = new Map<number, ModelEntry>();
  const seenName = new Map<string, ModelEntry>();
  for (const entry of entries.filter((e) => e.kind === 'tier')) {
    const problem = (code: ModelIssueCode, column: ModelColumn, value: string, message: string) =>
      issues.push({ code, row: entry.row, column, value, message });
    const min = readNumber(entry.value);
    if (typeof min !== 'number' || min < 0 || min > 100) {
      problem('invalid_tier_minimum', 'Value', text(entry.value), `tier "${entry.name}" needs its minimum score (0–100) in Value, not "${text(entry.value)}"`);
      continue;
    }
    if (normalizeText(entry.name) === normalizeText(EXCLUDED)) {
      problem('reserved_tier_name', 'Name', entry.name, `"${EXCLUDED}" is the label for excluded accounts; name the tier something else`);
      continue;
    }
    const sameMin = seenMin.get(min);
    if (sameMin) {
      problem('duplicate_tier_minimum', 'Value', String(min), `tier "${entry.name}" has the same minimum (${min}) as tier "${sameMin.name}" on row ${sameMin.row}; minimums must differ`);
      continue;
    }
    const sameName = seenName.get(normalizeText(entry.name));
    if (sameName) {
      problem('duplicate_tier', 'Name', entry.name, `tier "${entry.name}" is already defined on row ${sameName.row}`);
      continue;
    }
    seenMin.set(min, entry);
    seenName.set(normalizeText(entry.name), entry);
    tiers.push({ name: entry.name, min, note: entry.note, row: entry.row });
  }
  return tiers.sort((a, b) => b.min - a.min);
}

function readSettings(entries: ModelEntry[], options: ReadOptions, issues: ModelIssue[]): Settings {
  const settings: Settings = { asOf: null, missing: 'zero', override: null, overrideReason: null };
  for (const entry of entries.filter((e) => e.kind === 'setting')) {
    const problem = (code: ModelIssueCode, column: ModelColumn, value: string, message: string) =>
      issues.push({ code, row: entry.row, column, value, message });
    const key = normalizeText(entry.name) as SettingKey;
    const value = text(entry.value);
    switch (key) {
      case 'as of': {
        if (isBlank(entry.value) || normalizeText(value) === 'today') break;
        const day = readDay(entry.value, options);
        if (typeof day !== 'number') problem('invalid_setting', 'Value', value, `setting "as of" needs a date such as 2026-09-30, not "${value}"`);
        else settings.asOf = day;
        break;
      }
      case 'missing': {
        const word = normalizeText(value);
        if (word === 'zero' || word === 'skip' || word === '') settings.missing = word === 'skip' ? 'skip' : 'zero';
        else problem('invalid_setting', 'Value', value, `setting "missing" must be "zero" or "skip", not "${value}"${didYouMean(value, ['zero', 'skip'])}`);
        break;
      }
      case 'override':
      case 'override reason': {
        const field = settingColumn(entry);
        if (!field) problem('invalid_setting', 'Value', '', `setting "${key}" needs the prospect column's name in Value`);
        else if (key === 'override') settings.override = field;
        else settings.overrideReason = field;
        break;
      }
      default:
        problem('unknown_setting', 'Name', entry.name, `unknown setting "${entry.name}"${didYouMean(entry.name, SETTING_KEYS)} (use ${SETTING_KEYS.join(', ')})`);
    }
  }
  return settings;
}

function groupCriteria(entries: ModelEntry[]): Criterion[] {
  const byName = new Map<string, Criterion>();
  for (const entry of entries.filter((e) => e.kind === 'criterion')) {
    const key = normalizeText(entry.name);
    let criterion = byName.get(key);
    if (!criterion) {
      criterion = { name: entry.name, dimension: '', bands: [], possible: 0 };
      byName.set(key, criterion);
    }
    criterion.bands.push(entry);
    if (!criterion.dimension && entry.dimension) criterion.dimension = entry.dimension;
  }
  for (const criterion of byName.values()) {
    criterion.possible = Math.max(0, ...criterion.bands.map((band) => band.points));
  }
  return [...byName.values()];
}

/** The model as worksheet rows (header first), words in their canonical spelling. */
export function writeModel(model: Model): Cell[][] {
  return [
    [...MODEL_COLUMNS],
    ...model.entries.map((entry) => [
      entry.kind,
      entry.name,
      entry.field,
      entry.rule ?? '',
      writeValue(entry, model.settings),
      entry.kind === 'criterion' ? entry.points : '',
      entry.dimension,
      entry.note,
    ]),
  ];
}

function writeValue(entry: ModelEntry, settings: Settings): Cell {
  if (entry.kind === 'setting' && normalizeText(entry.name) === 'as of') {
    return settings.asOf === null ? text(entry.value) : isoDay(settings.asOf);
  }
  if (entry.kind === 'tier') return readNumber(entry.value) as number;
  const value = entry.value;
  return typeof value === 'number' ? value : text(value);
}

/** Model rows as a worksheet grid with the standard header. */
export function rowsToGrid(rows: readonly ModelRow[]): Cell[][] {
  return [
    [...MODEL_COLUMNS],
    ...rows.map(rowCells),
  ];
}
