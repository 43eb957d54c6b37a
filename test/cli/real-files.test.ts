// Every CSV a person has (issue #18, items 1 and 2): Windows-1252, UTF-16 LE and BE, UTF-8 with
// and without a BOM, CR line endings, semicolons with decimal commas. Each shape is scored by
// the built command and written back byte for byte in its own encoding; and every reader (the
// prospects, the model, the --header-from file, the learn history) reads every shape alike.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { starterWorkbook } from '../../cli/starter.ts';
import {
  EXPECTED_SCORES,
  MODEL_ROWS,
  PLAIN_MODEL_ROWS,
  PROSPECT_ROWS,
  SHAPES,
  type Shape,
  type TableCell,
  csvText,
  decoded,
  encoded,
} from '../fixtures/cli/real-files.ts';
import { icpBin, withTempDir } from '../fixtures/cli/run.ts';

const UTF8: Shape = SHAPES[0]!;

async function modelFile(dir: string, rows = MODEL_ROWS, shape = UTF8): Promise<string> {
  const file = path.join(dir, `model-${SHAPES.indexOf(shape)}.csv`);
  await writeFile(file, encoded(csvText(rows, shape), shape));
  return file;
}

function parsed(bytes: Buffer, shape: Shape): string[][] {
  const text = decoded(bytes, shape.encoding).replace(new RegExp(`${shape.newline === '\r' ? '\r' : '\r?\n'}$`), '');
  return Papa.parse<string[]>(text, { delimiter: shape.delimiter, newline: shape.newline }).data;
}

/** What a tier label turns into in an encoding that cannot hold it. */
const held = (label: string, shape: Shape) => (shape.encoding === 'windows-1252' ? label.replace('✓', '?') : label);

describe('icp score reads every CSV shape and writes it back in the same encoding', () => {
  it.each(SHAPES.map((s) => [s.name, s] as const))('%s', async (_, shape) => {
    await withTempDir(async (dir) => {
      const input = path.join(dir, 'prospects.csv');
      const inputBytes = encoded(csvText(PROSPECT_ROWS, shape), shape);
      await writeFile(input, inputBytes);
      const out = path.join(dir, 'scored.csv');
      const ran = await icpBin(['score', '-m', await modelFile(dir), input, '-o', out, '--stats']);
      expect(ran.code).toBe(0);
      expect(ran.stderr).toMatch(/^icp score: 3 rows in /m);
      const bytes = await readFile(out);
      const rows = parsed(bytes, shape);
      expect(rows[0]).toEqual([...PROSPECT_ROWS[0]!.map(String), 'icp_score', 'icp_tier', 'icp_why']);
      expect(rows.slice(1).map((r) => r.slice(6, 8))).toEqual(EXPECTED_SCORES.map(([score, tier]) => [score, held(tier!, shape)]));
      // The BOM as the input had it (UTF-8 files get one anyway, for Excel), none in Windows-1252.
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(shape.encoding === 'utf-8');
      if (shape.encoding.startsWith('utf-16')) expect(bytes.subarray(0, 2)).toEqual(encoded('', shape));
      // Every record is the input's bytes, then the appended columns: byte for byte, in the input's encoding.
      const inputLines = decoded(inputBytes, shape.encoding).split(shape.newline);
      const outputLines = decoded(bytes, shape.encoding).split(shape.newline);
      inputLines.slice(0, -1).forEach((line, i) => expect(outputLines[i]!.startsWith(line + shape.delimiter)).toBe(true));
      const record = iconv.encode(inputLines[1]!, shape.encoding);
      expect(bytes.includes(record)).toBe(true);
      if (shape.encoding === 'windows-1252') {
        expect(ran.stderr).toMatch(/icp score: \d+ characters of the appended columns cannot be written in Windows-1252 \(the encoding of .*prospects\.csv\) and were written as "\?" \(first on line 2\)\. To keep them, save the file as UTF-8/);
      } else expect(ran.stderr).not.toContain('cannot be written');
    });
  });

  it('reads standard input in its encoding too', async () => {
    await withTempDir(async (dir) => {
      const shape = SHAPES.find((s) => s.encoding === 'windows-1252')!;
      const bytes = encoded(csvText(PROSPECT_ROWS, shape), shape);
      const ran = await icpBin(['score', '-m', await modelFile(dir), '-', '--no-why'], { stdin: bytes });
      expect(parsed(ran.out, shape).slice(1).map((r) => r.slice(6, 8))).toEqual(EXPECTED_SCORES.map(([s, t]) => [s, held(t!, shape)]));
      expect(ran.out.includes(iconv.encode('Société Générale', 'windows-1252'))).toBe(true);
    });
  });

  it('takes the encoding given with --encoding: Mac Roman, as old Excel for Mac wrote "CSV (Macintosh)"', async () => {
    await withTempDir(async (dir) => {
      const shape: Shape = { name: 'Mac Roman', encoding: 'macintosh', bom: false, newline: '\r', delimiter: ',' };
      const input = path.join(dir, 'mac.csv');
      const bytes = encoded(csvText(PROSPECT_ROWS, shape), shape);
      await writeFile(input, bytes);
      const ran = await icpBin(['score', '-m', await modelFile(dir, PLAIN_MODEL_ROWS), input, '--encoding', 'macintosh', '--no-why']);
      expect(ran.stderr).toBe('');
      expect(parsed(ran.out, shape).slice(1).map((r) => r.slice(6, 8))).toEqual([['100', 'Top – Suivi'], ['75', 'Priority'], ['15', 'Standard']]);
      expect(ran.out.subarray(0, bytes.length - 1).toString('latin1').split('\r')[1]).toBe(bytes.toString('latin1').split('\r')[1] + ',100,Top – Suivi,'.replace('–', '\xd0'));
    });
  });

  it('says once when a file read as UTF-8 is not, and where', async () => {
    await withTempDir(async (dir) => {
      const shape = SHAPES.find((s) => s.encoding === 'windows-1252')!;
      const input = path.join(dir, 'prospects.csv');
      await writeFile(input, encoded(csvText(PROSPECT_ROWS, shape), shape));
      const ran = await icpBin(['score', '-m', await modelFile(dir), input, '--encoding', 'utf-8', '--no-why']);
      expect(ran.code).toBe(0);
      expect(ran.stderr).toBe(
        `icp score: ${input} is not all UTF-8 (first on line 2): those bytes were read and written as "\uFFFD". Give its encoding, e.g. --encoding windows-1252, and score it again.\n`,
      );
      const unknown = await icpBin(['score', '-m', await modelFile(dir), input, '--encoding', 'klingon']);
      expect(unknown.stderr).toBe('icp: --encoding "klingon" is not valid: use an encoding such as utf-8, utf-16le, utf-16be or windows-1252 (or iso-8859-15, shift_jis, …)\n');
    });
  });
});

describe('large files in every encoding, in chunks on worker threads', () => {
  it.each([
    ['Windows-1252 with CR line endings', SHAPES.find((s) => s.newline === '\r')!],
    ['UTF-16 LE', SHAPES.find((s) => s.encoding === 'utf-16le')!],
    ['semicolons', SHAPES.find((s) => s.delimiter === ';')!],
  ])('%s: the same bytes as one thread gives, every row scored', async (_, shape) => {
    await withTempDir(async (dir) => {
      const body = PROSPECT_ROWS.slice(1);
      const rows = [PROSPECT_ROWS[0]!, ...Array.from({ length: 24_000 }, (_, i) => body[i % 3]!.map((c, j) => (j === 0 ? `${c} ${i}` : c)))];
      const input = path.join(dir, 'big.csv');
      await writeFile(input, encoded(csvText(rows, shape), shape));
      const model = await modelFile(dir);
      const threaded = await icpBin(['score', '-m', model, input, '--threads', '2', '--no-why']);
      const inline = await icpBin(['score', '-m', model, input, '--threads', '0', '--no-why']);
      expect(threaded.out.equals(inline.out)).toBe(true);
      const scored = parsed(threaded.out, shape);
      expect(scored).toHaveLength(24_001);
      expect(scored.slice(1).map((r) => r[6])).toEqual(Array.from({ length: 24_000 }, (_, i) => EXPECTED_SCORES[i % 3]![0]));
    });
  });
});

describe('every reader reads every shape alike', () => {
  it.each(SHAPES.map((s) => [s.name, s] as const))('the model file and the --header-from file: %s', async (_, shape) => {
    await withTempDir(async (dir) => {
      const model = await modelFile(dir, PLAIN_MODEL_ROWS, shape);
      const header = path.join(dir, 'header.csv');
      await writeFile(header, encoded(csvText(PROSPECT_ROWS, shape), shape));
      const sql = await icpBin(['sql', '-m', model, '-d', 'duckdb', '--header-from', header, '--today', '2026-09-30']);
      expect(sql.stderr).toBe('');
      const reference = await icpBin(['sql', '-m', await modelFile(dir, PLAIN_MODEL_ROWS), '-d', 'duckdb', '--columns', PROSPECT_ROWS[0]!.join(','), '--today', '2026-09-30']);
      expect(sql.stdout).toBe(reference.stdout);
      const check = await icpBin(['check', model, '--header-from', header]);
      expect(check.stdout).toMatch(/the model is valid\. 5 criteria .* Every Field is a column of/);
    });
  });

  it.each(SHAPES.map((s) => [s.name, s] as const))('the history icp learn reads: %s', async (_, shape) => {
    await withTempDir(async (dir) => {
      const { deals } = starterWorkbook('b2b-saas', new Date(Date.UTC(2026, 8, 30)));
      const region = ['Île-de-France', 'München', 'Zürich'];
      const rows: TableCell[][] = [
        [...deals.headers, 'Region', 'Growth'],
        ...deals.rows.map((row, i) => [
          ...row.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : typeof c === 'number' ? c + 0.5 : String(c ?? ''))),
          region[i % 3]!,
          (i % 20) + 0.25,
        ]),
      ];
      // The model reads the Region, so a misread accent changes the scores and the report.
      const model = path.join(dir, 'model.csv');
      await writeFile(model, encoded(csvText([...PLAIN_MODEL_ROWS, ['criterion', 'Region', 'Region', 'is any of', 'Île-de-France, München', 10]], UTF8), UTF8));
      const learn = async (history: string, out: string) => {
        const ran = await icpBin(['learn', '-m', model, history, '-o', out, '--today', '2026-09-30', '--weigh-by', 'amount']);
        expect(ran.stderr).toBe('');
        return { stdout: ran.stdout.replace(out, 'OUT'), model: await readFile(out, 'utf8') };
      };
      const plain = path.join(dir, 'plain.csv');
      await writeFile(plain, encoded(csvText(rows, UTF8), UTF8));
      const shaped = path.join(dir, 'shaped.csv');
      await writeFile(shaped, encoded(csvText(rows, shape), shape));
      expect(await learn(shaped, path.join(dir, 'b.csv'))).toEqual(await learn(plain, path.join(dir, 'a.csv')));
    });
  });
});
