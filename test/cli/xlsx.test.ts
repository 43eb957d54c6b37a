// Real xlsx workbooks (issue #18, items 4–6 and "A CLI that keeps the user's workbook"), through
// the built command: formula cells with a saved value, an error or none; rows the file does not
// hold; the 1904 date system; merged ranges; a row at 900,000,000; a scored copy of the
// workbook that keeps every other part; icp learn finding the sheet with the outcomes.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { BIN, csvRows, icpBin, withTempDir } from '../fixtures/cli/run.ts';
import { type RawSheet, formula, num, row, serialOf, styled, text, textRow, writeXlsx } from '../fixtures/cli/xlsx-files.ts';

/** Reads Employees, Industry (is none of Retail, so an unreadable cell must not match) and Last visit. */
const MODEL_ROWS = [
  ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension'],
  ['criterion', 'Company size', 'Employees', 'between', '200-2000', 30, 'Fit'],
  ['criterion', 'Not retail', 'Industry', 'is none of', 'Retail', 20, 'Fit'],
  ['criterion', 'Recent visit', 'Last visit', 'within days', 30, 10, 'Intent'],
  ['tier', 'Priority', '', '', 70, '', ''],
  ['tier', 'Standard', '', '', 0, '', ''],
  ['setting', 'as of', '', '', '2026-09-30', '', ''],
];
const MODEL_SHEET: RawSheet = { name: 'ICP Model', rows: MODEL_ROWS.map((r, i) => textRow(i + 1, r)).join('') };
const HEADER = ['Company', 'Employees', 'Industry', 'Last visit', 'Outcome'];

async function modelCsv(dir: string): Promise<string> {
  const file = path.join(dir, 'model.csv');
  await writeFile(file, `${MODEL_ROWS.map((r) => r.join(',')).join('\n')}\n`);
  return file;
}

/** The shapes: each a workbook whose Prospects sheet (also a history: it has Outcome) holds one thing real files hold. */
const SHAPES: Record<string, { sheets: RawSheet[]; date1904?: boolean }> = {
  formulas: {
    sheets: [
      {
        name: 'Prospects',
        rows: [
          textRow(1, HEADER),
          row(2, text('A2', 'Acme'), formula('B2', '100*3', { v: 300 }), formula('C2', 'INDEX(X,1)', { t: 'str', v: 'SaaS' }), num('D2', serialOf('2026-09-15'), 2), formula('E2', 'IF(1,"Won")', { t: 'str', v: 'Won' })),
          row(3, text('A3', 'Beta'), num('B3', 300), formula('C3', 'VLOOKUP(A3,X,2,0)', { t: 'e', v: '#N/A' }), num('D3', serialOf('2026-09-15'), 1), text('E3', 'Lost')),
          row(4, text('A4', 'Gamma'), num('B4', 300), formula('C4', 'A4&""'), num('D4', serialOf('2026-09-15'), 2), text('E4', 'Won')),
        ].join(''),
      },
      MODEL_SHEET,
    ],
  },
  blanks: {
    sheets: [
      {
        name: 'Prospects',
        rows: [
          textRow(1, HEADER),
          row(2, text('A2', 'Acme'), num('B2', 300), text('C2', 'SaaS'), num('D2', serialOf('2026-09-15'), 2), text('E2', 'Won')),
          // row 3: not in the file
          textRow(4, ['Beta', 5000, 'Retail', null, 'Lost']),
          '<row r="5"/>',
          row(6, styled('A6'), styled('C6')),
          textRow(7, ['Gamma', 300, 'Retail', null, 'Won']),
          row(9, styled('B9')),
        ].join(''),
      },
      MODEL_SHEET,
    ],
  },
  'date system 1904': {
    date1904: true,
    sheets: [
      {
        name: 'Prospects',
        rows: [textRow(1, HEADER), row(2, text('A2', 'Acme'), num('B2', 300), text('C2', 'SaaS'), num('D2', serialOf('2026-09-15', true), 2), text('E2', 'Won'))].join(''),
      },
      MODEL_SHEET,
    ],
  },
  'merged cells': {
    sheets: [
      {
        name: 'Prospects',
        rows: [
          textRow(1, HEADER),
          row(2, text('A2', 'Acme'), num('B2', 300), text('C2', 'Retail'), num('D2', serialOf('2026-09-15'), 2), text('E2', 'Won')),
          row(3, text('A3', 'Beta'), num('B3', 300), styled('C3'), num('D3', serialOf('2026-09-15'), 2), text('E3', 'Lost')),
        ].join(''),
        after: '<mergeCells count="1"><mergeCell ref="C2:C3"/></mergeCells>',
      },
      {
        name: 'ICP Model',
        // The Dimension "Fit" merged over the first two criteria: the file holds it in G2 only.
        rows: MODEL_ROWS.map((r, i) => (i === 2 ? row(3, ...r.slice(0, 6).map((v, j) => (typeof v === 'number' ? num(`${'ABCDEF'[j]}3`, v) : text(`${'ABCDEF'[j]}3`, v))), styled('G3')) : textRow(i + 1, r))).join(''),
        after: '<mergeCells count="1"><mergeCell ref="G2:G3"/></mergeCells>',
      },
    ],
  },
};

/** What the CSV icp score writes for each shape: the rows, every one in its place. */
const EXPECTED_CSV: Record<string, string[][]> = {
  formulas: [
    [...HEADER, 'icp_score', 'icp_tier'],
    ['Acme', '300', 'SaaS', '2026-09-15', 'Won', '100', 'Priority'],
    // #N/A is an error value: unreadable, so "is none of Retail" does not match (20 of 60 lost).
    ['Beta', '300', '#N/A', '2026-09-15', 'Lost', '66.7', 'Standard'],
    // A formula with no saved value: written empty, read as unreadable.
    ['Gamma', '300', '', '2026-09-15', 'Won', '66.7', 'Standard'],
  ],
  blanks: [
    [...HEADER, 'icp_score', 'icp_tier'],
    ['Acme', '300', 'SaaS', '2026-09-15', 'Won', '100', 'Priority'],
    ['', '', '', '', '', '', ''],
    ['Beta', '5000', 'Retail', '', 'Lost', '0', 'Standard'],
    ['', '', '', '', '', '', ''],
    ['', '', '', '', '', '', ''],
    ['Gamma', '300', 'Retail', '', 'Won', '50', 'Standard'],
  ],
  'date system 1904': [
    [...HEADER, 'icp_score', 'icp_tier'],
    ['Acme', '300', 'SaaS', '2026-09-15', 'Won', '100', 'Priority'],
  ],
  'merged cells': [
    [...HEADER, 'icp_score', 'icp_tier'],
    ['Acme', '300', 'Retail', '2026-09-15', 'Won', '66.7', 'Standard'],
    // The others of a merged range are blank, as the file stores them (and "is none of" needs a value).
    ['Beta', '300', '', '2026-09-15', 'Lost', '66.7', 'Standard'],
  ],
};

async function shapeFile(dir: string, name: string): Promise<string> {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.xlsx`);
  await writeXlsx(file, SHAPES[name]!.sheets, { date1904: SHAPES[name]!.date1904 });
  return file;
}

/** A sheet's cell values from row 1, as a spreadsheet reads the file (exceljs). */
async function sheetValues(file: string, sheet: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const rows: unknown[][] = [];
  book.getWorksheet(sheet)!.eachRow({ includeEmpty: true }, (r, n) => {
    rows[n - 1] = (r.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'richText' in v ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('') : v));
  });
  return rows;
}

describe('icp score on real xlsx files, written as CSV', () => {
  it.each(Object.keys(SHAPES))('%s', async (name) => {
    await withTempDir(async (dir) => {
      const ran = await icpBin(['score', '-m', await modelCsv(dir), await shapeFile(dir, name), '--no-why']);
      expect(ran.code).toBe(0);
      expect(csvRows(ran.stdout).map((r) => r.slice(0, 7))).toEqual(EXPECTED_CSV[name]);
      if (name === 'formulas') {
        expect(ran.stderr).toMatch(/^icp score: 1 formula cell of the sheet "Prospects" in ".*formulas\.xlsx" has no saved value \(the first is C4\), so icp read them as unreadable, as an error value\. Open the workbook in Excel and save it/);
      } else expect(ran.stderr).toBe('');
    });
  });
});

describe('icp score on real xlsx files, written into a copy of the workbook', () => {
  it.each(Object.keys(SHAPES))('%s', async (name) => {
    await withTempDir(async (dir) => {
      const input = await shapeFile(dir, name);
      const out = path.join(dir, 'scored.xlsx');
      const ran = await icpBin(['score', '-m', await modelCsv(dir), input, '-o', out, '--no-why']);
      expect(ran.code).toBe(0);
      expect(ran.stdout).toMatch(new RegExp(`^Wrote .*scored\\.xlsx: a copy of .* with icp_score, icp_tier and icp_why \\(values\\) in columns F, G and H of the sheet "Prospects"`));
      const values = await sheetValues(out, 'Prospects');
      const expected = EXPECTED_CSV[name]!;
      // Each row keeps its place: row n of the sheet has row n's results.
      expected.forEach((line, i) => {
        if (line.every((c) => c === '')) return;
        const got = (values[i] ?? []).slice(5, 7).map((v) => (v === undefined || v === null ? '' : String(v)));
        expect(got).toEqual(line.slice(5, 7));
      });
      for (let i = expected.length; i < values.length; i++) expect((values[i] ?? []).slice(5)).toEqual([]);
      expect(await sheetValues(out, 'ICP Model')).toEqual(await sheetValues(input, 'ICP Model'));
    });
  });
});

describe('every reader over every xlsx shape', () => {
  it.each(Object.keys(SHAPES))('%s: the model sheet (icp check) and the history (icp learn)', async (name) => {
    await withTempDir(async (dir) => {
      const file = await shapeFile(dir, name);
      const check = await icpBin(['check', file]);
      expect(check.stdout).toMatch(/the model is valid\. 3 criteria \(3 rows\), 0 exclusions, 2 tiers/);
      const learn = await icpBin(['learn', '-m', file, file, '-o', path.join(dir, 'out.csv'), '--sheet', 'Prospects']);
      // Too few deals to learn from: the reader read every deal, and no more.
      const decided = csvRows(EXPECTED_CSV[name]!.map((r) => r.join(',')).join('\n')).slice(1).filter((r) => r[4] !== '').length;
      expect(learn.stderr).toContain(`The outcome column has ${decided} decided outcome`);
    });
  });

  it('reads a merged range in the model sheet as the file stores it: the label in its first cell only', async () => {
    await withTempDir(async (dir) => {
      const file = await shapeFile(dir, 'merged cells');
      const sub = await icpBin(['score', '-m', file, file, '--dimensions', 'Fit', '--no-why']);
      // Only "Company size" carries the Dimension "Fit": 30 of 30 for both rows.
      expect(csvRows(sub.stdout).slice(1).map((r) => r[5])).toEqual(['100', '100']);
    });
  });
});

describe('icp learn on a history of formula cells (item 4)', () => {
  it('learns from their saved values, and never proposes an error value (nor "[object Object]") as a category', async () => {
    await withTempDir(async (dir) => {
      // 600 deals; Industry is a lookup formula: SaaS or Retail saved, or #N/A for 30% (which win more often).
      let seed = 5;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      const rows = [textRow(1, ['Company', 'Employees', 'Industry', 'Outcome'])];
      for (let i = 2; i <= 601; i++) {
        const error = random() < 0.3;
        const won = error ? random() < 0.7 : random() < 0.25;
        const industry = error ? formula(`C${i}`, 'VLOOKUP(A1,X,2,0)', { t: 'e', v: '#N/A' }) : formula(`C${i}`, 'X', { t: 'str', v: random() < 0.5 ? 'SaaS' : 'Retail' });
        rows.push(row(i, text(`A${i}`, `Co ${i}`), num(`B${i}`, Math.round(50 + random() * 3000)), industry, text(`D${i}`, won ? 'Won' : 'Lost')));
      }
      const history = path.join(dir, 'deals.xlsx');
      await writeXlsx(history, [{ name: 'Deals', rows: rows.join('') }]);
      const model = path.join(dir, 'model.csv');
      await writeFile(model, 'Kind,Name,Field,Rule,Value,Points\ncriterion,Company size,Employees,between,200-2000,30\n');
      const out = path.join(dir, 'out.csv');
      const ran = await icpBin(['learn', '-m', model, history, '-o', out, '--today', '2026-09-30', '--anyway']);
      expect(ran.stderr).toBe('');
      expect(ran.stdout).toMatch(/Industry is any of (SaaS|Retail)/);
      expect(ran.stdout).not.toMatch(/object Object|#N\/A/);
      expect(await readFile(out, 'utf8')).not.toMatch(/object Object|#N\/A/);
    });
  });
});

describe('a workbook that declares a row far past the last (item 6)', () => {
  async function farFile(dir: string, at: number, name: string): Promise<string> {
    const file = path.join(dir, name);
    await writeXlsx(file, [{ name: 'Prospects', rows: `${textRow(1, HEADER)}${textRow(2, ['Acme', 300, 'SaaS', null, 'Won'])}${row(at, text(`A${at}`, 'far'))}` }, MODEL_SHEET]);
    return file;
  }

  it('is refused in one sentence by icp check, score and learn, before anything is allocated', async () => {
    await withTempDir(async (dir) => {
      const far = await farFile(dir, 900_000_000, 'far.xlsx');
      expect((await readFile(far)).length).toBeLessThan(4000);
      const sentence = `the workbook "${far}" has a row numbered 900,000,000 on the sheet "Prospects", past the last row a spreadsheet can hold (1,048,576): the file is damaged or was not saved by a spreadsheet. Open it in Excel or LibreOffice and save it again, or export the sheet as CSV.`;
      const check = await icpBin(['check', far, '--model-sheet', 'Prospects']);
      expect(check).toMatchObject({ code: 2, stderr: `icp: ${sentence}\n` });
      const score = await icpBin(['score', '-m', await modelCsv(dir), far]);
      expect(score).toMatchObject({ code: 2, stderr: `icp: ${sentence}\n`, stdout: '' });
      const history = await farFile(dir, 50_000_000, 'history.xlsx');
      const learn = await icpBin(['learn', '-m', await modelCsv(dir), history, '-o', path.join(dir, 'out.csv')]);
      expect(learn.code).toBe(2);
      expect(learn.stderr).toContain('has a row numbered 50,000,000');
      // A column past XFD (16,384) is refused the same way.
      const wide = path.join(dir, 'wide.xlsx');
      await writeXlsx(wide, [{ name: 'Prospects', rows: `${textRow(1, HEADER)}${row(2, text('XFE2', 'too far'))}` }]);
      const columns = await icpBin(['score', '-m', await modelCsv(dir), wide]);
      expect(columns.stderr).toBe(`icp: the workbook "${wide}" has a cell in column 16,385 (row 2) on the sheet "Prospects", past the last column a spreadsheet can hold (XFD, 16,384): the file is damaged or was not saved by a spreadsheet. Open it in Excel or LibreOffice and save it again, or export the sheet as CSV.\n`);
    });
  });
});

describe('Ctrl-C while icp check reads a large workbook (item 11)', () => {
  let dir: string;
  let big: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'icp-big-'));
    big = path.join(dir, 'big.xlsx');
    const rows: string[] = [];
    for (let r = 1; r <= 500_000; r++) rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>criterion</t></is></c><c r="B${r}"><v>${r}</v></c></row>`);
    await writeXlsx(big, [{ name: 'ICP Model', rows: rows.join('') }]);
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Whether the process catches SIGINT (Linux's /proc; elsewhere taken as yes). */
  async function catchesSigint(pid: number): Promise<boolean> {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
    const caught = status?.match(/^SigCgt:\s*([0-9a-f]+)$/m)?.[1];
    return caught === undefined ? status === null : (BigInt(`0x${caught}`) & 2n) !== 0n;
  }

  /** Starts icp check, interrupts it after `after` ms: its exit code, 'finished' if it was done by then, or 'still running' 3 s later. */
  async function interrupt(after: number): Promise<number | 'finished' | 'still running' | null> {
    const child = spawn(process.execPath, [BIN, 'check', big], { stdio: 'ignore' });
    let done = false;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => ((done = true), resolve(code))));
    await new Promise((resolve) => setTimeout(resolve, after));
    // On a loaded machine node may still be starting after `after` ms: a SIGINT before icp's handler
    // is there kills it by the signal (code null), which says nothing of how icp stops. So wait, on
    // Linux, until the process catches SIGINT (bit 2 of SigCgt in /proc), for 10 s at the most.
    for (let waited = 0; waited < 10_000 && !done && !(await catchesSigint(child.pid!)); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    if (done) return 'finished';
    child.kill('SIGINT');
    const late = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 3000).unref());
    const outcome = await Promise.race([exited, late]);
    if (outcome === 'still running') child.kill('SIGKILL');
    return outcome;
  }

  it('stops it at once (exit 130), early or late in the reading', async () => {
    // Reading 500,000 rows takes seconds; main's reader spent its last ones without a break.
    const [early, late] = await Promise.all([interrupt(1500), interrupt(4000)]);
    expect(early).toBe(130);
    expect([130, 'finished']).toContain(late);
  });
});

describe('icp score … -o scored.xlsx keeps the user’s workbook', () => {
  // The starter workbook (icp init, written by exceljs as a spreadsheet would) scored once, shared.
  let dir: string;
  let starter: string;
  let once: string;
  let ran: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'icp-xlsx-'));
    starter = path.join(dir, 'starter.xlsx');
    once = path.join(dir, 'once.xlsx');
    await icpBin(['init', starter]);
    ran = await icpBin(['score', '-m', starter, starter, '-o', once]);
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes a copy of the starter workbook with every sheet, format and width, and says what it wrote', async () => {
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toBe(
      `Wrote ${once}: a copy of ${starter} with icp_score, icp_tier and icp_why (values) in columns G, H and I of the sheet "Prospects", 12 rows scored. ` +
        'Everything else is as it was (2 other sheets, formats, column widths); Excel rebuilds its calculation chain when it opens the file.\n',
    );
    const [before, after] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
    await before.xlsx.readFile(starter);
    await after.xlsx.readFile(once);
    expect(after.worksheets.map((w) => w.name)).toEqual(['Prospects', 'ICP Model', 'Closed deals']);
    for (const name of ['ICP Model', 'Closed deals']) expect(await sheetValues(once, name)).toEqual(await sheetValues(starter, name));
    const [p0, p1] = [before.getWorksheet('Prospects')!, after.getWorksheet('Prospects')!];
    for (let c = 1; c <= 6; c++) {
      expect(p1.getColumn(c).width).toBe(p0.getColumn(c).width);
      expect(p1.getRow(2).getCell(c).numFmt).toBe(p0.getRow(2).getCell(c).numFmt);
      expect(p1.getRow(2).getCell(c).value).toEqual(p0.getRow(2).getCell(c).value);
    }
    expect(p1.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(p1.getRow(1).values).toEqual([undefined, ...(p0.getRow(1).values as unknown[]).slice(1), 'icp_score', 'icp_tier', 'icp_why']);
  });

  it('writes the scores as values, the same as the CSV output', async () => {
    const values = await sheetValues(once, 'Prospects');
    const csv = csvRows((await icpBin(['score', '-m', starter, starter])).stdout);
    for (let r = 1; r <= 12; r++) expect(values[r]!.slice(6, 9)).toEqual([Number(csv[r]![6]), csv[r]![7], csv[r]![8]]);
  });

  it('replaces its own columns when the copy is scored again, not doubled', async () => {
    const twice = path.join(dir, 'twice.xlsx');
    const again = await icpBin(['score', '-m', once, once, '-o', twice]);
    expect(again.stdout).toContain('in columns G, H and I of the sheet "Prospects", 12 rows scored; the earlier ICP columns were replaced.');
    expect(await sheetValues(twice, 'Prospects')).toEqual(await sheetValues(once, 'Prospects'));
  });

  it('lets icp learn read the sheet that holds the outcomes, and says which', async () => {
    const learned = await icpBin(['learn', '--model', starter, starter, '-o', path.join(dir, 'model.csv'), '--today', '2026-09-30']);
    expect(learned.stderr).toBe('');
    expect(learned.code).toBe(0);
    expect(learned.stdout).toMatch(/^Columns: outcome "Outcome", amount "Amount", created "Created", closed "Closed"\.\nSheet: "Closed deals" of .*starter\.xlsx \(the first with an outcome column\)\.\n/);
    const help = await icpBin(['learn', '--help']);
    expect(help.stdout).toMatch(/\n {6}--sheet NAME +the sheet of an xlsx history \(default: the first sheet with an outcome column\)\n/);
  });

  it('replaces the panel’s ICP formula columns with values, keeps a chart, and leaves out the calculation chain', async () => {
    await withTempDir(async (dir) => {
      const input = path.join(dir, 'crm.xlsx');
      const formulaRow = (r: number, company: string, employees: number) =>
        row(r, text(`A${r}`, company), num(`B${r}`, employees), text(`C${r}`, 'SaaS'), formula(`F${r}`, `ICP.SCORE(A${r}:D${r},A1:D1,'ICP Model'!A:H)`, { v: 12 }), formula(`G${r}`, 'ICP.TIER(…)', { t: 'str', v: 'Old' }), text(`H${r}`, 'notes stay'));
      await writeXlsx(
        input,
        [{ name: 'Prospects', dimension: 'A1:H3', rows: [textRow(1, ['Company', 'Employees', 'Industry', 'Last visit', 'Outcome', 'ICP Score', 'ICP Tier', 'Notes']), formulaRow(2, 'Acme', 300), formulaRow(3, 'Beta', 5000)].join('') }, MODEL_SHEET],
        { calcChain: '<c r="F2" i="1"/><c r="G2"/><c r="F3"/><c r="G3"/>', chart: true },
      );
      const out = path.join(dir, 'scored.xlsx');
      const ran = await icpBin(['score', '-m', input, input, '-o', out, '--no-why']);
      expect(ran.stderr).toBe('');
      expect(ran.stdout).toContain('in columns F, G and I of the sheet "Prospects", 2 rows scored; the earlier ICP columns were replaced. Everything else is as it was (1 other sheet, formats, column widths, charts)');
      const values = await sheetValues(out, 'Prospects');
      expect(values[0]).toEqual(['Company', 'Employees', 'Industry', 'Last visit', 'Outcome', 'ICP Score', 'ICP Tier', 'Notes', 'icp_why']);
      // Acme: 30 + 20 of 60; Beta: 20 of 60 (5,000 employees is outside 200–2,000).
      expect(values[1]).toEqual(['Acme', 300, 'SaaS', undefined, undefined, 83.3, 'Priority', 'notes stay']);
      expect(values[2]).toEqual(['Beta', 5000, 'SaaS', undefined, undefined, 33.3, 'Standard', 'notes stay']);
      const parts = await zipParts(out);
      expect(parts.has('xl/calcChain.xml')).toBe(false);
      expect(parts.get('[Content_Types].xml')).not.toContain('calcChain');
      expect(parts.get('xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
      expect(parts.get('xl/charts/chart1.xml')).toBe((await zipParts(input)).get('xl/charts/chart1.xml'));
      expect(parts.get('xl/worksheets/sheet1.xml')).toContain('<dimension ref="A1:I3"/>');
      expect(parts.get('xl/worksheets/sheet1.xml')).not.toContain('<f>');
    });
  });
});

/** Every part of a zip, as text. */
async function zipParts(file: string): Promise<Map<string, string>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (e, z) => (e || !z ? reject(e) : resolve(z))));
  const parts = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          parts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
          zip.readEntry();
        });
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return parts;
}
