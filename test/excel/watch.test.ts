/**
 * The Excel task pane hears a model sheet changed by hand through Excel's own event
 * (`worksheets.onChanged`), and falls back to the panel's poll where that API set is missing.
 */
import { describe, expect, it } from 'vitest';
import { excelHost } from '../../excel-addin/excel-host.ts';
import { FakeExcelWorkbook } from '../fakes/excel-workbook.ts';

const MODEL = [
  ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'],
  ['criterion', 'Size', 'Employees', 'between', '200-2000', 30],
];

function workbook() {
  const book = new FakeExcelWorkbook({ Prospects: [['Company', 'Employees']], 'ICP Model': MODEL });
  return { book, host: excelHost({ run: book.run }) };
}

describe('the Excel host watching the model sheet', () => {
  it('calls back for a change typed into the model sheet, not for other sheets', async () => {
    const { book, host } = workbook();
    const heard: string[] = [];
    const off = await host.watchModel('ICP Model', () => heard.push('model'));
    expect(off).toBeTypeOf('function');
    await book.typeInto('Prospects', 2, 1, 'Acme');
    expect(heard).toEqual([]);
    await book.typeInto('ICP Model', 2, 4, 'betwen');
    expect(heard).toEqual(['model']);
    off!();
    await book.typeInto('ICP Model', 2, 4, 'between');
    expect(heard).toEqual(['model']);
  });

  it('answers null where Excel has no onChanged event, so the panel polls', async () => {
    const { book, host } = workbook();
    book.changeHandlers = null;
    expect(await host.watchModel('ICP Model', () => {})).toBeNull();
  });
});

describe('the Excel host watching the sheet the user is on', () => {
  it('calls back when the user activates another sheet (worksheets.onActivated), until unsubscribed', async () => {
    const { book, host } = workbook();
    let heard = 0;
    const off = await host.watchActiveSheet(() => heard++);
    expect(off).toBeTypeOf('function');
    book.setActive('ICP Model');
    await Promise.resolve();
    expect(heard).toBe(1);
    expect((await host.activeSheet())?.name).toBe('ICP Model');
    off!();
    book.setActive('Prospects');
    expect(heard).toBe(1);
  });

  it('answers null where Excel has no onActivated event (ExcelApi 1.7), so the panel polls', async () => {
    const { book, host } = workbook();
    book.activateHandlers = null;
    expect(await host.watchActiveSheet(() => {})).toBeNull();
  });
});
