/**
 * The model document arranged as the editor shows it: criteria grouped by dimension (their
 * bands under them, each with its `and` rows, with each criterion's share of the possible
 * total), then exclusions (with their `and` rows), tiers, personas, settings, and rows whose
 * Kind the core does not know or that are out of place.
 */
import { normalizeText, readNumber } from '../core/index.ts';
import { type EditorRow, type ModelDoc, kindOf, sheetRow } from './doc.ts';

/** A row with its sheet row number. */
export interface PlacedRow {
  row: EditorRow;
  sheetRow: number;
  /** A criterion band's or exclusion's `and` rows (SPEC §1), in sheet order; none for other rows. */
  conditions: PlacedRow[];
}

/** The kinds an `and` row narrows. */
const OWNERS = new Set(['criterion', 'exclude']);

export interface CriterionGroup {
  /** The first band's id: stable while the criterion is renamed. */
  key: number;
  name: string;
  dimension: string;
  bands: PlacedRow[];
  /** max(0, highest readable Points). */
  possible: number;
  /** possible / the model's possible total, 0–1 (0 when the total is 0). */
  share: number;
}

export interface DimensionGroup {
  dimension: string;
  criteria: CriterionGroup[];
}

export interface Sections {
  dimensions: DimensionGroup[];
  /** Σ possible over criteria. */
  possibleTotal: number;
  exclusions: PlacedRow[];
  tiers: PlacedRow[];
  personas: PlacedRow[];
  settings: PlacedRow[];
  /** Rows with a Kind the core does not know (a typo): shown so they can be fixed. */
  unknown: PlacedRow[];
  /** `and` rows with no criterion or exclude row above them (a model error the core names). */
  misplaced: PlacedRow[];
  /** Rows with a blank Kind: the core ignores them; kept in place. */
  comments: number;
}

function pointsOf(row: EditorRow): number | null {
  const points = readNumber(row.points);
  return typeof points === 'number' ? points : null;
}

export function arrange(doc: ModelDoc): Sections {
  const sections: Sections = {
    dimensions: [],
    possibleTotal: 0,
    exclusions: [],
    tiers: [],
    personas: [],
    settings: [],
    unknown: [],
    misplaced: [],
    comments: 0,
  };
  const criteria = new Map<string, CriterionGroup>();
  // The row the next `and` rows narrow: the nearest row above with a Kind (SPEC §1).
  let owner: PlacedRow | null = null;
  doc.rows.forEach((row, index) => {
    const placed: PlacedRow = { row, sheetRow: sheetRow(doc, index), conditions: [] };
    const kind = kindOf(row);
    if (kind === '') {
      sections.comments++;
      return;
    }
    if (kind === 'and') {
      (owner ? owner.conditions : sections.misplaced).push(placed);
      return;
    }
    owner = kind !== null && OWNERS.has(kind) ? placed : null;
    if (kind === null) sections.unknown.push(placed);
    else if (kind === 'exclude') sections.exclusions.push(placed);
    else if (kind === 'tier') sections.tiers.push(placed);
    else if (kind === 'persona') sections.personas.push(placed);
    else if (kind === 'setting') sections.settings.push(placed);
    else {
      const key = normalizeText(row.name);
      let group = criteria.get(key);
      if (!group) {
        group = { key: row.id, name: row.name, dimension: '', bands: [], possible: 0, share: 0 };
        criteria.set(key, group);
      }
      group.bands.push(placed);
      if (!group.dimension && row.dimension.trim()) group.dimension = row.dimension.trim();
    }
  });
  const byDimension = new Map<string, DimensionGroup>();
  for (const group of criteria.values()) {
    const points = group.bands.map((b) => pointsOf(b.row)).filter((p): p is number => p !== null);
    group.possible = Math.max(0, ...points);
    sections.possibleTotal += group.possible;
    const key = normalizeText(group.dimension);
    let dimension = byDimension.get(key);
    if (!dimension) {
      dimension = { dimension: group.dimension, criteria: [] };
      byDimension.set(key, dimension);
      sections.dimensions.push(dimension);
    }
    dimension.criteria.push(group);
  }
  for (const group of criteria.values()) {
    group.share = sections.possibleTotal > 0 ? group.possible / sections.possibleTotal : 0;
  }
  return sections;
}

/** A share 0–1 as the editor shows it: `30%`, `4.5%` below 10 %. */
export function formatShare(share: number): string {
  const percent = share * 100;
  if (percent > 0 && percent < 10) return `${Math.round(percent * 10) / 10}%`;
  return `${Math.round(percent)}%`;
}

/** The possible total of the saved model and of the edited one, and where to say it changed. */
export interface PossibleChange {
  before: number;
  after: number;
  /** The first criterion (its key) whose most points changed from the saved model's; null when none did (one was removed). */
  at: number | null;
}

/**
 * How the edited model's possible total differs from the saved one's, or null when it does not
 * (or either is 0: nothing is scored out of it). Criteria are matched by name.
 */
export function possibleChange(edited: Sections, saved: Sections | null): PossibleChange | null {
  if (!saved || saved.possibleTotal <= 0 || edited.possibleTotal <= 0 || saved.possibleTotal === edited.possibleTotal) return null;
  const before = new Map(saved.dimensions.flatMap((d) => d.criteria).map((g) => [normalizeText(g.name), g.possible]));
  const changed = edited.dimensions.flatMap((d) => d.criteria).find((g) => g.possible !== (before.get(normalizeText(g.name)) ?? 0));
  return { before: saved.possibleTotal, after: edited.possibleTotal, at: changed?.key ?? null };
}
