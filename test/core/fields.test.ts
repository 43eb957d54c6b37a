import { describe, expect, it } from 'vitest';
import { bindingHeaders, readModel, rowsToGrid, scoredFields } from '../../core/index.ts';
import { MODEL_COLUMNS, ROW_KEYS, rowCells } from '../../core/fields.ts';
import { modelGrid, modelRows } from '../fixtures/workbook.ts';

describe('the model columns (core/fields.ts)', () => {
  it('give each column one ModelRow key, in the order the worksheet writes them', () => {
    const [row] = modelRows([['criterion', 'Size', 'Employees', 'at least', 100, 10, 'Fit', 'a note']]);
    expect(rowCells(row!)).toEqual(['criterion', 'Size', 'Employees', 'at least', 100, 10, 'Fit', 'a note']);
    expect(new Set(Object.values(ROW_KEYS)).size).toBe(MODEL_COLUMNS.length);
    expect(rowsToGrid([row!])[0]).toEqual(['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note']);
  });
});

describe('the Fields a model scores', () => {
  const rows = modelRows([
    ['setting', 'Override reason', 'Why', '', ''],
    ['criterion', 'Size', 'Employees', 'at least', 100, 10],
    ['persona', 'Buyer', 'Title', 'contains any', 'CRO'],
    ['exclude', 'Rival', ' employees ', 'at most', 5],
    ['setting', 'override', 'ignored', '', 'Manual score'],
    ['tier', 'Hot', '', '', 50],
    ['criterion', 'Stack', 'Tech_Stack', 'contains any', 'Gong', 5],
  ]);

  it('are the criteria’s and exclusions’ Fields in sheet order, then the override columns, each once in its first spelling', () => {
    expect(scoredFields(rows)).toEqual(['Employees', 'Tech_Stack', 'Why', 'Manual score']);
  });

  it('are the same read from the sheet’s rows or from the model read from them', () => {
    expect(scoredFields(readModel(modelGrid(rows.map((r) => [r.kind, r.name, r.field, r.rule, r.value, r.points]))).entries)).toEqual(scoredFields(rows));
  });
});

describe('the header row a model binds to when Fields are mapped', () => {
  const headers = ['Company', 'Headcount', 'employees', 'Industry'];

  it('renames a mapped column to its Field and hides another column that would still match the Field', () => {
    expect(bindingHeaders(headers, [{ field: 'Employees', column: 'Headcount' }])).toEqual(['Company', 'Employees', '', 'Industry']);
  });

  it('finds the column by its exact text first, else as SPEC §3 matches headers', () => {
    expect(bindingHeaders(headers, [{ field: 'Sector', column: 'INDUSTRY' }])).toEqual(['Company', 'Headcount', 'employees', 'Sector']);
  });

  it('adds a skipped Field past the row’s end, so its cells read as blank', () => {
    expect(bindingHeaders(headers, [{ field: 'Employees', column: null }])).toEqual(['Company', 'Headcount', '', 'Industry', 'Employees']);
  });

  it('leaves out a column that is not there', () => {
    expect(bindingHeaders(headers, [{ field: 'Region', column: 'Territory' }])).toEqual(headers);
  });
});
