/** Scoring (SPEC §4, core/score.ts) as one SELECT: criteria, exclusions, score, tier, override. */
import { EXCLUDED, type Model, type ModelEntry } from '../model.ts';
import { bindModel, headerIndex } from '../score.ts';
import { headerKey, normalizeText } from '../text.ts';
import type { Dialect } from './dialects.ts';
import { Plan, type Ref, namePrefix } from './plan.ts';
import { whiteSpace } from './patterns.ts';
import { type ColumnReaders, columnReaders } from './readers.ts';
import { type BandSql, bandSql, doubleLiteral, numberLiteral } from './rules.ts';

/** A model row as SQL, with its `and` rows joined into `match`. */
interface RowSql extends BandSql {
  /** The row's own rule alone. */
  own: string;
  /** It has `and` rows. */
  narrowed: boolean;
}

export interface QueryInput {
  d: Dialect;
  /** The FROM item: a quoted table name or a table expression. */
  source: string;
  /** The table's columns, when known: Fields resolve by SPEC §3 and blank rows are found. */
  columns?: readonly string[];
  /** The `as of` day when the model has none, as days since 1970-01-01; else CURRENT_DATE. */
  today?: number;
  dimensions?: readonly string[];
}

/** The output columns, in order. */
export const OUTPUT_COLUMNS = ['icp_score', 'icp_tier', 'icp_excluded_by'] as const;


export function buildQuery(model: Model, input: QueryInput): string {
  const { d } = input;
  // Fields (against the columns, when known) and dimensions are checked by the core's own binding.
  const options = input.dimensions ? { dimensions: input.dimensions } : {};
  bindModel(model, input.columns ?? fieldsOf(model), options);

  // The query's own names start with a prefix no column of the table starts with.
  const plan = new Plan(namePrefix(input.columns, OUTPUT_COLUMNS));
  const readers = columnResolver(plan, d, input.columns);
  const asOf = model.settings.asOf ?? input.today;
  const context = { d, asOf: asOf === undefined ? d.today : String(asOf) };
  const band = (entry: ModelEntry): RowSql => {
    const own = bandSql(entry, readers(entry.field), context);
    if (entry.conditions.length === 0) return { ...own, own: own.match, narrowed: false };
    // SPEC §1 `and`: every condition must hold; a blank or unreadable one is FALSE, never NULL.
    const all = [own.match, ...entry.conditions.map((c) => bandSql(c, readers(c.field), context).match)];
    return { ...own, match: `(${all.map((m) => `COALESCE(${m}, FALSE)`).join(' AND ')})`, own: own.match, narrowed: true };
  };

  const wanted = input.dimensions?.map(normalizeText);
  const criteria = model.criteria.filter((c) => !wanted || wanted.includes(normalizeText(c.dimension)));
  const skip = model.settings.missing === 'skip';
  const earned: string[] = [];
  const possible: string[] = [];
  const counted: string[] = [];
  criteria.forEach((criterion, index) => {
    const bands = criterion.bands.map(band);
    const values = bands.map((b) => `CASE WHEN ${b.match} THEN ${b.points} END`);
    const best = plan.add(`icp_c${index + 1}_best`, greatest(d, values), describe(criterion.name, criterion.bands));
    const reads = [...new Set(bands.map((b) => b.read).filter((r): r is string => r !== null))];
    const most = doubleLiteral(d, criterion.possible);
    if (!skip) {
      earned.push(`COALESCE(${best}, 0)`);
      possible.push(most);
      return;
    }
    // A presence row whose own rule matched keeps the criterion, whatever its `and` rows read.
    const kept = [...reads.map((r) => `${r} IS NOT NULL`), ...bands.filter((b) => b.narrowed && b.read === null).map((b) => `COALESCE(${b.own}, FALSE)`)];
    const anyRead = kept.length ? kept.join(' OR ') : 'FALSE';
    const skipped = plan.add(`icp_c${index + 1}_skipped`, `${best} IS NULL AND NOT (${anyRead})`);
    earned.push(`CASE WHEN ${skipped} THEN 0 ELSE COALESCE(${best}, 0) END`);
    possible.push(`CASE WHEN ${skipped} THEN 0 ELSE ${most} END`);
    counted.push(`CASE WHEN ${skipped} THEN 0 ELSE 1 END`);
  });

  const exclusions = model.exclusions.map((entry) => ({ entry, sql: band(entry) }));
  const reason = plan.add(
    'icp_reason',
    exclusions.length ? `CASE ${exclusions.map(({ entry, sql }) => `WHEN ${sql.match} THEN ${d.string(entry.name)}`).join(' ')} END` : 'NULL',
  );
  const earnedSum = plan.add('icp_earned', sum(earned));
  const possibleSum = plan.add('icp_possible', sum(possible));
  const none = skip ? `${plan.add('icp_counted', sum(counted))} = 0 OR ` : '';
  const share = `LEAST(100, GREATEST(0, (100 * ${earnedSum}) / NULLIF(${possibleSum}, 0)))`;
  const computed = plan.add(
    'icp_computed',
    `CASE WHEN ${reason} IS NOT NULL THEN 0 WHEN ${none}${possibleSum} <= 0 THEN NULL ELSE ${roundTenth(plan, share, 'icp_share')} END`,
  );

  const tierOf = (score: string) =>
    model.tiers.length ? `CASE ${model.tiers.map((t) => `WHEN ${score} >= ${numberLiteral(d, t.min)} THEN ${d.string(t.name)}`).join(' ')} END` : 'NULL';
  let score: Ref = computed;
  let tierCases = '';
  const override = !input.dimensions && model.settings.override ? readers(model.settings.override) : null;
  if (override) {
    const value = override.number();
    const inRange = `${value} BETWEEN 0 AND 100`;
    score = plan.add('icp_final', `CASE WHEN ${inRange} THEN ${roundTenth(plan, value, 'icp_override_share')} ELSE ${computed} END`);
    const text = override.text();
    const labels = [...model.tiers.map((t) => t.name), EXCLUDED];
    tierCases = `WHEN ${inRange} THEN ${tierOf(score)} ${labels.map((l) => `WHEN ${text} = ${d.string(normalizeText(l))} THEN ${d.string(l)}`).join(' ')} `;
  }

  const blank = input.columns ? blankRow(plan, d, readers, input.columns) : null;
  const unlessBlank = (sql: string) => (blank ? `CASE WHEN ${blank} THEN NULL ELSE ${sql} END` : sql);
  const outputs: [string, string][] = [
    [unlessBlank(score), 'icp_score'],
    [unlessBlank(`CASE ${tierCases}WHEN ${reason} IS NOT NULL THEN ${d.string(EXCLUDED)} ELSE ${tierOf(score)} END`), 'icp_tier'],
    [unlessBlank(reason), 'icp_excluded_by'],
  ];
  // Re-scoring a scored table: its own icp_score, icp_tier and icp_excluded_by give way to the new ones.
  const replaced = (input.columns ?? []).filter((c) => (OUTPUT_COLUMNS as readonly string[]).includes(c.toLowerCase()));
  return render(plan, d, input.source, outputs, { columns: input.columns, replaced, rowAlias: plan.name('row') });
}

/** Every column the model names, standing in for the table's columns when they are not known. */
function fieldsOf(model: Model): string[] {
  const { override, overrideReason } = model.settings;
  return [...model.entries.map((e) => e.field), override ?? '', overrideReason ?? ''].filter(Boolean);
}

/** Readers per prospect column, made once per column. Fields resolve to columns by SPEC §3 when the columns are known. */
function columnResolver(plan: Plan, d: Dialect, columns: readonly string[] | undefined): (field: string) => ColumnReaders {
  const index = columns ? headerIndex(columns) : null;
  const byColumn = new Map<string, ColumnReaders>();
  return (field) => {
    const position = index?.get(headerKey(field));
    // Unknown columns: the Field as an unquoted name resolves in this engine (see Dialect.unquoted).
    const column = columns && position !== undefined ? columns[position]! : d.unquoted(field);
    let readers = byColumn.get(column);
    if (!readers) {
      const prefix = `icp_${byColumn.size + 1}${helperSuffix(column)}`;
      readers = columnReaders(plan, d, `${plan.name('src')}.${d.ident(column)}`, prefix);
      byColumn.set(column, readers);
    }
    return readers;
  };
}

/** `_employee_count` from "Employee Count": ASCII letters and digits only, for a readable helper name. */
function helperSuffix(column: string): string {
  const words = column.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 24);
  return words ? `_${words}` : '';
}

/** A row is blank when every one of the table's columns is empty or white space (evaluateRow's blank row). */
function blankRow(plan: Plan, d: Dialect, readers: (field: string) => ColumnReaders, columns: readonly string[]): Ref {
  if (columns.length === 0) return plan.add('icp_blank', 'FALSE');
  const all = d.concat(columns.map((column) => readers(column).raw));
  return plan.add('icp_blank', d.search(all, `^${whiteSpace(d)}*$`));
}

/** The largest non-NULL value, NULL when all are NULL. */
function greatest(d: Dialect, values: string[]): string {
  if (values.length === 1) return values[0]!;
  if (d.greatestSkipsNull) return `GREATEST(${values.join(', ')})`;
  const floor = d.negativeInfinity;
  return `NULLIF(GREATEST(${values.map((v) => `COALESCE(${v}, ${floor})`).join(', ')}), ${floor})`;
}

/** Left to right, as the core adds: the same doubles in the same order. */
function sum(terms: string[]): string {
  return terms.length ? terms.join(' + ') : '0';
}

/** roundScore: Math.round(x × 10) / 10, ties upward, exact for the non-negative scores. */
function roundTenth(plan: Plan, value: string, name: string): string {
  const tenths = plan.add(name, `(${value}) * 10`);
  return `(FLOOR(${tenths}) + CASE WHEN ${tenths} - FLOOR(${tenths}) >= 0.5 THEN 1 ELSE 0 END) / 10`;
}

/** A one-line comment naming the criterion and its model rows. */
function describe(name: string, bands: ModelEntry[]): string {
  const rows = bands.flatMap((b) => [b.row, ...b.conditions.map((c) => c.row)]);
  return `${name.replace(/\s+/g, ' ')} (model row${rows.length > 1 ? 's' : ''} ${rows.join(', ')})`;
}

interface Passing {
  /** The table's columns, when known. */
  columns: readonly string[] | undefined;
  /** Its columns named like an output column (a table scored before), left out of the output. */
  replaced: readonly string[];
  /** The name of the row as one composite value (PostgreSQL). */
  rowAlias: string;
}

/**
 * The table's own columns in the final SELECT, without the helper columns nor any column the
 * outputs replace. DuckDB leaves them out by name whatever the table holds (COLUMNS with a
 * lambda); the others need the columns known to leave out an older icp_score.
 */
function keepColumns(d: Dialect, helpers: readonly string[], passing: Passing): string {
  if (d.name === 'duckdb') {
    const dropped = [...helpers, ...OUTPUT_COLUMNS].map((name) => d.string(name)).join(', ');
    return `COLUMNS(c -> lower(c) NOT IN (${dropped}))`;
  }
  if (d.passthrough === 'row') {
    const row = passing.rowAlias;
    if (!passing.columns || passing.replaced.length === 0) return `(${row}).*`;
    const kept = passing.columns.filter((c) => !passing.replaced.includes(c));
    return kept.map((c) => `(${row}).${d.ident(c)}`).join(', ');
  }
  const dropped = [...helpers, ...passing.replaced.map(d.ident)];
  return `* ${d.passthrough === 'except' ? 'EXCEPT' : 'EXCLUDE'} (${dropped.join(', ')})`;
}

function render(plan: Plan, d: Dialect, source: string, outputs: [string, string][], passing: Passing): string {
  const ctes: string[] = [];
  const layerName = (n: number) => plan.name(`step${n}`);
  const alias = plan.name('src');
  for (let n = 1; n <= plan.depth; n++) {
    // COALESCE(alias.*) is the whole row even when the table has a column named like the alias.
    const head = n > 1 ? '*' : d.passthrough === 'row' ? `COALESCE(${alias}.*) AS ${passing.rowAlias}` : `${alias}.*`;
    const from = n > 1 ? layerName(n - 1) : `${source} AS ${alias}`;
    const columns = plan.layer(n).map((h) => `${h.comment ? `-- ${h.comment}\n    ` : ''}${h.sql} AS ${h.name}`);
    ctes.push(`${layerName(n)} AS (\n  SELECT\n    ${[head, ...columns].join(',\n    ')}\n  FROM ${from}${d.fence}\n)`);
  }
  const helpers = plan.helpers.map((h) => h.name);
  const keep = keepColumns(d, helpers, passing);
  const select = [...(keep ? [keep] : []), ...outputs.map(([sql, name]) => `${sql} AS ${name}`)].join(',\n  ');
  return `WITH\n${ctes.join(',\n')}\nSELECT\n  ${select}\nFROM ${layerName(plan.depth)}\n`;
}
