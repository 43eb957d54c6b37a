// Formulas across hosts: converting ICP_SCORE( ↔ ICP.SCORE( (core/formula-names.ts), and the
// score formulas each host writes from the one layout (workbook/sheet-layout.ts).
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../core/index.ts';
import { convertFormulaNames, countForeignNames } from '../../core/formula-names.ts';
import { EXCEL_DIALECT, SHEETS_DIALECT, planScoreColumns, scoreFormulas } from '../../workbook/sheet-layout.ts';

describe('workbooks that crossed hosts as .xlsx files', () => {
  // Google Sheets exports a function Excel lacks as IFERROR(__xludf.DUMMYFUNCTION("<formula>"), <last value>),
  // which Excel shows with an @ before __xludf; the formula inside is text, quotes doubled.
  const exported = '=IFERROR(@__xludf.DUMMYFUNCTION("ICP_TIER(A2:H,A1:H1,\'ICP Model\'!A:H)"),"Priority")';

  it('unwraps a Sheets export into the Excel call, closing open-ended Sheets ranges Excel cannot read', () => {
    expect(countForeignNames(exported, 'excel')).toBe(1);
    expect(convertFormulaNames(exported, 'excel', { lastRow: 500 })).toBe("=ICP.TIER(A2:H500,A1:H1,'ICP Model'!A:H)");
    expect(convertFormulaNames(exported, 'excel')).toBe("=ICP.TIER(A2:H1048576,A1:H1,'ICP Model'!A:H)");
  });

  it('unwraps the form without @, with quotes inside the exported formula and a numeric last value', () => {
    const withQuotes = '=IFERROR(__xludf.DUMMYFUNCTION("IF(ICP_SCORE(Leads!A2:H9,Leads!A1:H1,M!A1:H40)>70,""hot"",""cold"")"),"hot")';
    expect(convertFormulaNames(withQuotes, 'excel')).toBe('=IF(ICP.SCORE(Leads!A2:H9,Leads!A1:H1,M!A1:H40)>70,"hot","cold")');
    const numeric = '=IFERROR(__xludf.DUMMYFUNCTION("=ICP_SCORE(A2:H2,A1:H1,M!A:H)"),85)';
    expect(convertFormulaNames(numeric, 'excel')).toBe('=ICP.SCORE(A2:H2,A1:H1,M!A:H)');
  });

  it('leaves a Sheets export of some other function as it is', () => {
    const other = '=IFERROR(__xludf.DUMMYFUNCTION("QUERY(A1:B9,""select A"")"),"x")';
    expect(countForeignNames(other, 'excel')).toBe(0);
    expect(convertFormulaNames(other, 'excel')).toBe(other);
  });

  it('reads an add-in function as an .xlsx stores it (_xldudf_ICP_SCORE) into the Sheets name', () => {
    const stored = "=_xldudf_ICP_SCORE(A2:H9,A1:H1,'ICP Model'!A1:H40)";
    expect(countForeignNames(stored, 'sheets')).toBe(1);
    expect(convertFormulaNames(stored, 'sheets')).toBe("=ICP_SCORE(A2:H9,A1:H1,'ICP Model'!A1:H40)");
    expect(convertFormulaNames('=MY_xldudf_ICP_SCORE(A1)', 'sheets')).toBe('=MY_xldudf_ICP_SCORE(A1)');
  });
});

describe('converting ICP function names between hosts', () => {
  it('turns every Sheets name at a call position into the Excel name, and back', () => {
    const sheets = "=ICP_SCORE(A2:H9, A1:H1, 'ICP Model'!A1:H99)";
    const excel = "=ICP.SCORE(A2:H9, A1:H1, 'ICP Model'!A1:H99)";
    expect(convertFormulaNames(sheets, 'excel')).toBe(excel);
    expect(convertFormulaNames(excel, 'sheets')).toBe(sheets);
  });

  it('knows every declared function', () => {
    for (const fn of FUNCTIONS) {
      expect(convertFormulaNames(`=${fn.sheetsName}(A1, B1)`, 'excel')).toBe(`=ICP.${fn.id}(A1, B1)`);
      expect(convertFormulaNames(`=ICP.${fn.id}(A1, B1)`, 'sheets')).toBe(`=${fn.sheetsName}(A1, B1)`);
    }
  });

  it('converts names nested in other functions and several in one formula, in any letter case', () => {
    expect(convertFormulaNames('=IF(icp_tier(A2:H2,A1:H1,M!A:H)="Priority",ICP_SCORE(A2:H2,A1:H1,M!A:H),0)', 'excel')).toBe(
      '=IF(ICP.TIER(A2:H2,A1:H1,M!A:H)="Priority",ICP.SCORE(A2:H2,A1:H1,M!A:H),0)',
    );
    expect(convertFormulaNames('=ICP_SCORE (A2:H2, A1:H1, M!A:H)', 'excel')).toBe('=ICP.SCORE (A2:H2, A1:H1, M!A:H)');
  });

  it('leaves text in quotes, sheet names, longer names and non-calls alone', () => {
    const untouched = [
      '="ICP_SCORE(A1)"',
      '=CONCAT("call ICP_SCORE(", A1)',
      "='ICP_SCORE(x)'!A1 + MY_ICP_SCORE(A1)",
      '=ICP_SCORES(A1)',
      '=XICP_TIER(A1)',
      '=ICP_SCORE',
      'ICP_SCORE(A1, B1)',
      '=A1.ICP_SCORE(B1)',
    ];
    for (const formula of untouched) expect(convertFormulaNames(formula, 'excel')).toBe(formula);
    expect(convertFormulaNames('="ICP.SCORE(" & ICP.TIER(A1,B1,C1)', 'sheets')).toBe('="ICP.SCORE(" & ICP_TIER(A1,B1,C1)');
    expect(convertFormulaNames("='Bob''s ICP_SCORE('!A1 & ICP_SCORE(A1,B1,C1)", 'excel')).toBe("='Bob''s ICP_SCORE('!A1 & ICP.SCORE(A1,B1,C1)");
  });

  it('reads the _xludf. prefix Excel may store for a function it did not know', () => {
    expect(convertFormulaNames('=_xludf.ICP_SCORE(A2:H9,A1:H1,M!A1:H9)', 'excel')).toBe('=ICP.SCORE(A2:H9,A1:H1,M!A1:H9)');
  });

  it('counts the names a formula would convert', () => {
    expect(countForeignNames('=ICP_SCORE(A1,B1,C1)+ICP_SCORE(A2,B1,C1)&"ICP_TIER("', 'excel')).toBe(2);
    expect(countForeignNames('=ICP.SCORE(A1,B1,C1)', 'excel')).toBe(0);
    expect(countForeignNames('=ICP.SCORE(A1,B1,C1)', 'sheets')).toBe(1);
    expect(countForeignNames('ICP_SCORE(', 'excel')).toBe(0);
  });
});

describe('the score formulas each host writes', () => {
  const headers = ['Company', 'Employees', 'ICP Score', 'Industry', 'ICP Tier', 'ICP Why', 'Stage'];

  it('reuses ICP columns already there and reads around them', () => {
    const plan = planScoreColumns(headers, 'Leads', 1);
    expect(plan).toEqual({ targets: [3, 5, 6], dataColumns: [1, 2, 4, 7] });
    const request = { headers, plan, headerRow: 1, lastRow: 40, fieldMap: {}, modelReference: "'ICP Model'!A1:H1000" };
    expect(scoreFormulas(request, EXCEL_DIALECT)[0]).toBe("=ICP.SCORE(HSTACK(A2:B40, D2:D40, G2:G40), HSTACK(A1:B1, D1:D1, G1:G1), 'ICP Model'!A1:H1000)");
    expect(scoreFormulas({ ...request, lastRow: null, modelReference: "'ICP Model'!A:H" }, SHEETS_DIALECT)[1]).toBe(
      "=ICP_TIER({A2:B, D2:D, G2:G}, {A1:B1, D1:D1, G1:G1}, 'ICP Model'!A:H)",
    );
  });

  it('puts new ICP columns after the last one and passes mapped headers as an array of texts', () => {
    const plain = ['Company', 'Staff "count"', 'Industry'];
    const plan = planScoreColumns(plain, 'Leads', 3);
    expect(plan.targets).toEqual([4, 5, 6]);
    const formulas = scoreFormulas({ headers: plain, plan, headerRow: 3, lastRow: 9, fieldMap: { Employees: 'Staff "count"' }, modelReference: 'M' }, EXCEL_DIALECT);
    expect(formulas[2]).toBe('=ICP.EXPLAIN(A4:C9, {"Company","Employees","Industry"}, M)');
    expect(() => scoreFormulas({ headers: plain, plan, headerRow: 3, lastRow: 9, fieldMap: { Employees: 'Size' }, modelReference: 'M' }, EXCEL_DIALECT)).toThrow(
      'The Field "Employees" is mapped to the column "Size", but the sheet has no such column; its headers are "Company", "Staff "count"", "Industry".',
    );
  });

  it('refuses a sheet with nothing but ICP columns', () => {
    expect(() => planScoreColumns(['ICP Score', 'ICP Tier', 'ICP Why'], 'Leads', 1)).toThrow('The sheet "Leads" has no prospect columns in row 1 to score.');
  });
});
