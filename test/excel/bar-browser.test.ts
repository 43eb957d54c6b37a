/**
 * The Excel bar (above the panel in Excel) in headless Chromium, on a stand-in for the Excel host:
 * the warning about blank cells Excel desktop passes as 0, and cell text shown as text. (The offer
 * to convert Google Sheets formula names is the shared panel's: panel-foreign-formulas-browser.)
 */
import { describe, expect, it } from 'vitest';
import type { TestPage } from '../../support/browser/chromium.ts';
import { pageSuite } from '../browser/panel-page.ts';

const suite = pageSuite('test/fakes/excel-bar-page.ts', 'Excel bar (test)');

type Stub = NonNullable<Window['icpExcelBarStub']>;

async function open(stub: Stub): Promise<TestPage> {
  const page = await suite.open({
    width: 300,
    init: (s: Stub) => {
      window.icpExcelBarStub = s;
    },
    initArg: stub,
  });
  await page.getByTestId('excel-check').waitFor();
  await page.locator('[data-testid="excel-check"]:not([disabled])').waitFor();
  return page;
}

describe('the Excel bar', { timeout: 30_000 }, () => {
  it('warns about blank cells in the active sheet that Excel desktop would pass as 0, column by column', async () => {
    const p = await open({ active: 'Leads', blanks: [{ header: 'Employees', blanks: 3 }, { header: 'Has RevOps', blanks: 1 }] });
    const warning = p.getByTestId('blank-warning');
    expect(await warning.textContent()).toContain('On Leads, these columns have blank cells and are read by number or yes/no rules');
    expect(await p.getByTestId('blank-column').allTextContents()).toEqual(['Employees: 3 blank cells', 'Has RevOps: 1 blank cell']);
    expect(await p.evaluate(() => window.icpExcelBarCalls)).toContain('blankNumericCells Leads ICP Model');
  });

  it('shows a sheet name from the workbook as text, not markup', async () => {
    const p = await open({ active: '<img src=x onerror=alert(1)>', blanks: [{ header: 'Employees', blanks: 1 }] });
    expect(await p.getByTestId('blank-warning').locator('strong').textContent()).toBe('<img src=x onerror=alert(1)>');
    expect(await p.locator('.excel-bar img').count()).toBe(0);
  });

  it('shows no warning when the active sheet has no such blank cells', async () => {
    const p = await open({ active: 'Leads', blanks: [] });
    expect(await p.evaluate(() => window.icpExcelBarCalls)).toContain('blankNumericCells Leads ICP Model');
    expect(await p.getByTestId('blank-warning').count()).toBe(0);
  });

  it('says so when checking for blank cells fails', async () => {
    const p = await open({ active: 'Leads', blanks: [], failBlanks: 'The workbook is busy.' });
    expect(await p.getByTestId('excel-problem').textContent()).toBe('Checking the active sheet for blank cells failed: The workbook is busy.');
  });
});
