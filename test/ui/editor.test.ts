import { describe, expect, it } from 'vitest';
import { findPreset } from '../../core/index.ts';
import { type ModelDoc, docFromGrid, docFromModelRows, docToGrid, numberIfPlain } from '../../ui/doc.ts';
import { applyChange, initialState, insertRow, loadedPreset, moveBlockBefore, newRowOf, removeRows, replaceDoc, swapBlocks, swapRows, undo, undoLabel, updateRow } from '../../ui/edit.ts';
import type { WireCell } from '../../workbook/host.ts';
import { arrange, formatShare } from '../../ui/sections.ts';
import { validateDoc, warningText } from '../../ui/validate.ts';

const GRID: WireCell[][] = [
  ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Owner', 'Dimension', 'Note'],
  ['criterion', 'Company size', 'Employees', 'between', '250-2500', 30, 'Ana', 'Firmographics', ''],
  ['criterion', 'Company size', 'Employees', 'between', '100-250', 15, '', 'Firmographics', ''],
  ['', 'comment: bands above', '', '', '', '', '', '', ''],
  ['criterion', 'CRM', 'Tech stack', 'contains any', 'Salesforce', 25, '', 'Technographics', ''],
  ['criterion', 'Funding', 'Funding stage', 'is any of', 'Series B', 15, '', 'Firmographics', ''],
  ['tier', 'Priority', '', '', 70, '', '', '', 'Call first'],
  ['tier', 'Standard', '', '', 0, '', '', '', ''],
];

function names(doc: ModelDoc): string[] {
  return doc.rows.map((r) => `${r.kind}:${r.name}:${String(r.points)}`);
}

describe('the model document', () => {
  it('writes back exactly the sheet it read: other columns, comment rows and column order kept', () => {
    expect(docToGrid(docFromGrid(GRID))).toEqual(GRID);
  });

  it('appends the model columns a sheet lacks, and keeps blank rows above the header', () => {
    const grid: WireCell[][] = [[], ['kind', 'NAME', 'field', 'rule', 'value', 'points'], ['criterion', 'A', 'X', 'is true', '', 5]];
    const doc = docFromGrid(grid);
    expect(doc.headerIndex).toBe(1);
    expect(docToGrid(doc)).toEqual([
      ['', '', '', '', '', '', '', ''],
      ['kind', 'NAME', 'field', 'rule', 'value', 'points', 'Dimension', 'Note'],
      ['criterion', 'A', 'X', 'is true', '', 5, '', ''],
    ]);
  });

  it('writes typed plain numbers as numbers and leaves other text as text', () => {
    expect(['30', '-10', '2.5', '0', '007', '10.0', '20%', '$5M', ' 30'].map(numberIfPlain)).toEqual([30, -10, 2.5, 0, '007', '10.0', '20%', '$5M', ' 30']);
  });

  it('trims the text cells it writes, as the worksheet reader would read them', () => {
    let doc = docFromGrid(GRID);
    doc = updateRow(doc, doc.rows[0]!.id, { name: '  Company size ', points: ' 35 ' });
    expect(docToGrid(doc)[1]!.slice(0, 6)).toEqual(['criterion', 'Company size', 'Employees', 'between', '250-2500', 35]);
  });
});

describe('arranging the model for the editor', () => {
  it('groups criteria by dimension in first-seen order, bands under their criterion, with sheet row numbers', () => {
    const sections = arrange(docFromGrid(GRID));
    expect(sections.dimensions.map((d) => [d.dimension, d.criteria.map((c) => [c.name, c.bands.map((b) => b.sheetRow)])])).toEqual([
      ['Firmographics', [['Company size', [2, 3]], ['Funding', [6]]]],
      ['Technographics', [['CRM', [5]]]],
    ]);
    expect(sections.tiers.map((t) => t.sheetRow)).toEqual([7, 8]);
    expect(sections.comments).toBe(1);
  });

  it("gives each criterion's highest points as its share of the possible total", () => {
    // possible = 30 + 25 + 15 = 70
    const sections = arrange(docFromGrid(GRID));
    const shares = Object.fromEntries(sections.dimensions.flatMap((d) => d.criteria.map((c) => [c.name, c.share])));
    expect(sections.possibleTotal).toBe(70);
    expect(shares).toEqual({ 'Company size': 30 / 70, CRM: 25 / 70, Funding: 15 / 70 });
    expect([30 / 70, 0.045, 0].map(formatShare)).toEqual(['43%', '4.5%', '0%']);
  });

  it('counts a criterion whose points are all negative as 0 of the total', () => {
    const doc = docFromModelRows(findPreset('expansion')!.rows);
    const support = arrange(doc).dimensions.flatMap((d) => d.criteria).find((c) => c.name === 'Support escalations')!;
    expect([support.possible, support.share]).toEqual([0, 0]);
  });
});

describe('editing and undo', () => {
  it('undoes the last change, and typing in one cell undoes as one step', () => {
    const doc = docFromGrid(GRID);
    const id = doc.rows[0]!.id;
    let state = initialState(doc);
    for (const text of ['3', '35']) state = applyChange(state, 'change Points on row 2', (d) => updateRow(d, id, { points: text }), `cell:${id}:Points`);
    state = applyChange(state, 'change Rule on row 2', (d) => updateRow(d, id, { rule: 'at least' }), `cell:${id}:Rule`);
    expect(undoLabel(state)).toBe('change Rule on row 2');
    state = undo(state);
    expect(state.doc.rows[0]!.rule).toBe('between');
    expect(state.doc.rows[0]!.points).toBe('35');
    state = undo(state);
    expect(state.doc.rows[0]!.points).toBe(30);
    expect(undoLabel(state)).toBeNull();
    expect(undo(state)).toBe(state);
  });

  it('undoes loading a preset, bringing back the rows it replaced', () => {
    const doc = docFromGrid(GRID);
    let state = initialState(doc);
    state = replaceDoc(state, 'load the preset', docFromModelRows(findPreset('b2b-saas')!.rows));
    expect(state.doc.rows).toHaveLength(7);
    state = undo(state);
    expect(docToGrid(state.doc)).toEqual(GRID);
  });

  it('knows which preset the document was loaded from, through later edits, until that load is undone or replaced', () => {
    let state = initialState(docFromGrid(GRID));
    expect(loadedPreset(state)).toBeNull();
    state = replaceDoc(state, 'load the preset "B2B SaaS"', docFromModelRows(findPreset('b2b-saas')!.rows), 'b2b-saas');
    expect(loadedPreset(state)).toBe('b2b-saas');
    state = applyChange(state, 'change Points on row 2', (doc) => updateRow(doc, doc.rows[0]!.id, { points: 35 }));
    expect(loadedPreset(state)).toBe('b2b-saas');
    state = replaceDoc(state, 'load the preset "Tiered"', docFromModelRows(findPreset('tiered')!.rows), 'tiered');
    expect(loadedPreset(state)).toBe('tiered');
    state = undo(state);
    expect(loadedPreset(state)).toBe('b2b-saas');
    state = replaceDoc(state, 'restore a version', docFromGrid(GRID));
    expect(loadedPreset(state)).toBeNull();
    state = undo(undo(undo(state)));
    expect(loadedPreset(state)).toBeNull();
    expect(docToGrid(state.doc)).toEqual(GRID);
  });

  it('moves a criterion with all its bands before the previous criterion, other rows staying put', () => {
    const doc = docFromGrid(GRID);
    const [size1, size2, comment, crm] = doc.rows;
    const moved = moveBlockBefore(doc, [crm!.id], [size1!.id, size2!.id]);
    expect(names(moved)).toEqual(['criterion:CRM:25', 'criterion:Company size:30', 'criterion:Company size:15', ':comment: bands above:', 'criterion:Funding:15', 'tier:Priority:', 'tier:Standard:']);
    expect(comment!.id).toBe(moved.rows[3]!.id);
  });

  it('swaps two rows, removes rows, and inserts a new row after the last of its kind', () => {
    const doc = docFromGrid(GRID);
    const [, , , , , priority, standard] = doc.rows;
    const swapped = swapRows(doc, priority!.id, standard!.id);
    expect(names(swapped).slice(5)).toEqual(['tier:Standard:', 'tier:Priority:']);
    const tier = newRowOf('tier', { name: 'Watch', value: 40 });
    expect(names(insertRow(doc, tier)).slice(5)).toEqual(['tier:Priority:', 'tier:Standard:', 'tier:Watch:']);
    const exclusion = newRowOf('exclude', { name: 'Competitor' });
    expect(names(insertRow(doc, exclusion)).at(-1)).toBe('exclude:Competitor:');
    expect(removeRows(doc, [priority!.id, standard!.id]).rows).toHaveLength(5);
  });
});

describe('and rows in the editor', () => {
  const COMBINED: WireCell[][] = [
    ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
    ['criterion', 'Fit', 'Employees', 'between', '250-2500', 30],
    ['', 'spacer', '', '', '', ''],
    ['and', '', 'Revenue', 'between', '$50M-$500M', ''],
    ['criterion', 'Fit', 'Employees', 'between', '100-250', 15],
    ['exclude', 'Tiny retailers', 'Industry', 'is any of', 'Retail', ''],
    ['and', '', 'Employees', 'at most', 50, ''],
    ['tier', 'Hot', '', '', 70, ''],
    ['and', '', 'Region', 'is any of', 'EMEA', ''],
  ];
  const kinds = (doc: ModelDoc) => doc.rows.map((r) => `${r.kind}:${r.name || r.field}`);

  it('places each and row under the band or exclusion above it, spacer rows skipped; one under a tier is out of place', () => {
    const sections = arrange(docFromGrid(COMBINED));
    const [fit] = sections.dimensions[0]!.criteria;
    expect(fit!.bands.map((b) => [b.sheetRow, b.conditions.map((c) => c.sheetRow)])).toEqual([[2, [4]], [5, []]]);
    expect(sections.exclusions.map((e) => e.conditions.map((c) => c.sheetRow))).toEqual([[7]]);
    expect(sections.tiers[0]!.conditions).toEqual([]);
    expect(sections.misplaced.map((m) => m.sheetRow)).toEqual([9]);
  });

  it('inserts a row after the and rows of the row it follows, so no condition changes owner', () => {
    const doc = docFromGrid(COMBINED);
    const [fit30] = doc.rows;
    const band = newRowOf('criterion', { name: 'Fit', field: 'Employees' });
    expect(kinds(insertRow(doc, band, fit30!.id)).slice(0, 5)).toEqual(['criterion:Fit', ':spacer', 'and:Revenue', 'criterion:Fit', 'criterion:Fit']);
    const condition = newRowOf('and', { field: 'Region' });
    expect(kinds(insertRow(doc, condition, fit30!.id)).slice(0, 4)).toEqual(['criterion:Fit', ':spacer', 'and:Revenue', 'and:Region']);
    expect(kinds(insertRow(doc, newRowOf('exclude', { name: 'Competitor' }))).slice(4, 7)).toEqual(['exclude:Tiny retailers', 'and:Employees', 'exclude:Competitor']);
  });

  it('swaps a band with its and rows as one block; a spacer inside the block keeps its place', () => {
    const doc = docFromGrid(COMBINED);
    const [fit30, , revenue, fit15] = doc.rows;
    const swapped = swapBlocks(doc, [fit30!.id, revenue!.id], [fit15!.id]);
    expect(kinds(swapped).slice(0, 4)).toEqual(['criterion:Fit', ':spacer', 'criterion:Fit', 'and:Revenue']);
    expect(swapped.rows[0]!.points).toBe(15);
    expect(arrange(swapped).dimensions[0]!.criteria[0]!.bands.map((b) => [b.row.points, b.conditions.length])).toEqual([[15, 0], [30, 1]]);
  });
});

describe('validation as you type', () => {
  it('places each problem on its row and column, numbered as the sheet numbers rows', () => {
    let doc = docFromGrid(GRID);
    doc = updateRow(doc, doc.rows[3]!.id, { rule: 'contains anny' });
    doc = updateRow(doc, doc.rows[6]!.id, { value: '70' });
    const { model, errors } = validateDoc(doc);
    expect(model).toBeNull();
    expect(errors.map((p) => [p.rowId, p.row, p.column])).toEqual([
      [doc.rows[3]!.id, 5, 'Rule'],
      [doc.rows[6]!.id, 8, 'Value'],
    ]);
    expect(errors[0]!.message).toBe('unknown rule "contains anny" — did you mean "contains any"?');
    expect(errors[1]!.message).toMatch(/same minimum \(70\) as tier "Priority" on row 7/);
  });

  it('reports a term too long to match and a NUL in model text on their cells, as icp check and the functions do', () => {
    let doc = docFromGrid(GRID);
    const spaced = Array.from({ length: 2000 }, (_, i) => `d${i}.example.com`).join(' ');
    doc = updateRow(doc, doc.rows[3]!.id, { value: spaced });
    doc = updateRow(doc, doc.rows[4]!.id, { name: 'Fund\u0000ing' });
    const { model, errors } = validateDoc(doc);
    expect(model).toBeNull();
    expect(errors.map((p) => [p.row, p.column])).toEqual([
      [5, 'Value'],
      [6, 'Name'],
    ]);
    expect(errors[0]!.message).toMatch(/^the term "d0\.example\.com .*" is 34,889 characters long; a term can be at most 200\. Separate terms with commas/);
    expect(errors[1]!.message).toMatch(/^Name holds a NUL character/);
  });

  it('warns, without blocking, about Fields that are not columns of the active sheet', () => {
    const doc = docFromGrid(GRID);
    const { model, errors, warnings } = validateDoc(doc, ['Company', 'Employees', 'Tech Stack']);
    expect(model).not.toBeNull();
    expect(errors).toEqual([]);
    expect(warnings.map((w) => [w.row, w.value])).toEqual([[6, 'Funding stage']]);
    expect(warningText(warnings[0]!, 'Leads')).toBe('Row 6: "Funding stage" is not a column of "Leads"; pick one on the Score tab.');
  });

  it('says the model needs a criterion when it has none', () => {
    const { errors } = validateDoc(docFromGrid([GRID[0]!]));
    expect(errors.map((e) => [e.rowId, e.message])).toEqual([[null, 'the model has no criterion rows; add at least one row of Kind "criterion"']]);
  });
});
