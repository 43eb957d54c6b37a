/**
 * The model as warehouse SQL: one SELECT that scores every row of a table the way the
 * core scores a sheet (SPEC §1–4). Pure: text in, text out.
 */
import * as z from 'zod/mini';
import { ShapeError } from '../errors.ts';
import type { Model } from '../model.ts';
import { parseIsoDay } from '../values.ts';
import { DIALECTS, DIALECT_NAMES, type DialectName } from './dialects.ts';
import { OUTPUT_COLUMNS, buildQuery } from './query.ts';
import { checkRules } from './rules.ts';

export { DIALECT_NAMES, OUTPUT_COLUMNS };
export type { DialectName };

export interface SqlOptions {
  dialect: DialectName;
  /** The table to score (`schema.table` allowed); default `prospects`. */
  table?: string;
  /** A table expression used as is instead of `table`, e.g. DuckDB's `read_csv('p.csv', all_varchar = true)`. */
  from?: string;
  /** The table's columns. With them, Fields match columns by SPEC §3 and blank rows score blank; without, each Field is the column's exact name. */
  columns?: readonly string[];
  /** The day (`2026-09-30`) `within days` counts back from when the model has no `as of`; default CURRENT_DATE. */
  today?: string;
  /** Score only the criteria of these Dimension labels (a sub-score; no override). */
  dimensions?: readonly string[];
}

const optionsSchema = z.object({
  dialect: z.enum(DIALECT_NAMES),
  table: z.optional(z.string().check(z.minLength(1))),
  from: z.optional(z.string().check(z.minLength(1))),
  columns: z.optional(z.array(z.string())),
  today: z.optional(z.string()),
  dimensions: z.optional(z.array(z.string())),
});

/** One SELECT computing icp_score, icp_tier and icp_excluded_by for every row. Throws ModelError or ShapeError. */
export function modelToSql(model: Model, options: SqlOptions): string {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = String(issue?.path[0] ?? 'options');
    const hint = option === 'dialect' ? `; use one of ${DIALECT_NAMES.join(', ')}` : '';
    throw new ShapeError(option, `the SQL option "${option}" is not valid${hint}`);
  }
  const { dialect, table = 'prospects', from, columns, today, dimensions } = parsed.data;
  checkRules(model);
  const d = DIALECTS[dialect];
  let todayDay: number | undefined;
  if (today !== undefined) {
    todayDay = parseIsoDay(today);
    if (todayDay === undefined) throw new ShapeError('today', `today must be a date such as 2026-09-30, not "${today}"`);
  }
  const source = from ?? table.split('.').map(d.ident).join('.');
  return buildQuery(model, {
    d,
    source,
    ...(columns ? { columns } : {}),
    ...(todayDay !== undefined ? { today: todayDay } : {}),
    ...(dimensions ? { dimensions } : {}),
  });
}
