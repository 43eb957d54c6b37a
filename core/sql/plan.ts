/**
 * Helper columns laid out in layers: each helper goes in the first CTE after every helper
 * it reads, so each step of value reading is computed once per row and has a name a person
 * can follow in the printed query.
 */

export interface Helper {
  name: string;
  sql: string;
  layer: number;
  comment?: string;
}

/** A reference to a helper column, to use inside another helper's SQL. */
export type Ref = string;

/** The usual start of the query's own names; another is chosen when the table has columns that start so. */
export const DEFAULT_PREFIX = 'icp_';

export class Plan {
  readonly helpers: Helper[] = [];
  private readonly bySql = new Map<string, Helper>();
  private readonly byName = new Map<string, Helper>();
  private readonly names: RegExp;

  /**
   * `prefix` starts every name the query makes (helpers, the table alias, the steps): one that
   * no column of the table starts with, so no name can collide with a column (see namePrefix).
   */
  constructor(readonly prefix = DEFAULT_PREFIX) {
    this.names = new RegExp(`\\b${prefix}[A-Za-z0-9_]+`, 'g');
  }

  /** One of the query's own names: `src` → `icp_src` (or the prefix chosen). */
  name(base: string): string {
    return `${this.prefix}${base}`;
  }

  /**
   * A helper column holding `sql`. It goes one layer after the last helper its SQL names
   * (helper names are given as `icp_…` and start with the plan's prefix); the same SQL added
   * twice is one column.
   */
  add(given: string, sql: string, comment?: string): Ref {
    const existing = this.bySql.get(sql);
    if (existing) return existing.name;
    const name = given.startsWith(DEFAULT_PREFIX) ? this.name(given.slice(DEFAULT_PREFIX.length)) : given;
    let unique = name;
    for (let n = 2; this.byName.has(unique); n++) unique = `${name}_${n}`;
    const reads = sql.match(this.names) ?? [];
    const layer = 1 + Math.max(0, ...reads.map((ref) => this.byName.get(ref)?.layer ?? 0));
    const helper: Helper = { name: unique, sql, layer, ...(comment ? { comment } : {}) };
    this.helpers.push(helper);
    this.bySql.set(sql, helper);
    this.byName.set(unique, helper);
    return unique;
  }

  layerOf(ref: Ref): number {
    return this.byName.get(ref)?.layer ?? 0;
  }

  get depth(): number {
    return Math.max(0, ...this.helpers.map((h) => h.layer));
  }

  /** The helpers of one layer, in the order they were added. */
  layer(index: number): Helper[] {
    return this.helpers.filter((h) => h.layer === index);
  }
}

/**
 * The start of the query's own names for a table with these columns: `icp_` unless a column
 * (any case) starts with it, then `icpx_`, `icp2_`, … — the first that none does. The output
 * columns (icp_score, …) are not counted: a scored table's own are replaced, not collided with.
 */
export function namePrefix(columns: readonly string[] | undefined, outputs: readonly string[]): string {
  const taken = (columns ?? []).map((c) => c.toLowerCase()).filter((c) => !outputs.includes(c));
  for (let n = 1; ; n++) {
    const prefix = n === 1 ? DEFAULT_PREFIX : n === 2 ? 'icpx_' : `icp${n - 1}_`;
    if (!taken.some((c) => c.startsWith(prefix))) return prefix;
  }
}
