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

export class Plan {
  readonly helpers: Helper[] = [];
  private readonly bySql = new Map<string, Helper>();
  private readonly byName = new Map<string, Helper>();

  /**
   * A helper column holding `sql`. It goes one layer after the last helper its SQL names
   * (helper names start with `icp_`); the same SQL added twice is one column.
   */
  add(name: string, sql: string, comment?: string): Ref {
    const existing = this.bySql.get(sql);
    if (existing) return existing.name;
    let unique = name;
    for (let n = 2; this.byName.has(unique); n++) unique = `${name}_${n}`;
    const reads = sql.match(/\bicp_[A-Za-z0-9_]+/g) ?? [];
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
