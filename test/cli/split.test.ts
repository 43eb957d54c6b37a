import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type Chunk, RecordSplitter } from '../../cli/split.ts';

const field = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', '"', '\n', '\r\n', '1'), maxLength: 6 });
const quoteField = (text: string) => (/[",\r\n]/.test(text) || text === '' ? `"${text.replace(/"/g, '""')}"` : text);
const csv = fc
  .tuple(fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'))
  .map(([records, newline]) => ({ records, newline, text: records.map((r) => r.map(quoteField).join(',')).join(newline) + newline }));

/** Feeds the bytes in pieces of the given sizes, then ends. */
function split(bytes: Buffer, sizes: number[], splitter: RecordSplitter): Chunk[] {
  const chunks: Chunk[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    chunks.push(...splitter.push(bytes.subarray(at, at + size)));
    at += size;
  }
  chunks.push(...splitter.end());
  return chunks;
}

const parse = (text: string, newline: string) => Papa.parse<string[]>(text.endsWith(newline) ? text.slice(0, -newline.length) : text, { delimiter: ',', newline: newline as '\n' }).data;

describe('the record splitter', () => {
  it('cuts only between records, however the bytes arrive', () => {
    fc.assert(
      fc.property(csv, fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }), ({ records, newline, text }, sizes) => {
        const bytes = Buffer.from(text);
        const chunks = split(bytes, sizes, new RecordSplitter(0x2c, 16));
        expect(Buffer.concat(chunks.map((c) => c.bytes)).equals(bytes)).toBe(true);
        const parsed = chunks.flatMap((c) => parse(c.bytes.toString('utf8'), newline));
        expect(parsed).toEqual(records);
      }),
    );
  });

  it('numbers each chunk by the line its first record starts on', () => {
    fc.assert(
      fc.property(csv, fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }), ({ text }, sizes) => {
        const bytes = Buffer.from(text);
        let before = 0;
        for (const chunk of split(bytes, sizes, new RecordSplitter(0x2c, 8))) {
          const offset = bytes.indexOf(chunk.bytes, before);
          expect(chunk.firstLine).toBe(1 + bytes.subarray(0, offset).toString('latin1').split('\n').length - 1);
          before = offset + chunk.bytes.length;
        }
      }),
    );
  });

  it('hands back the header record alone', () => {
    const splitter = new RecordSplitter(0x2c);
    expect(splitter.takeFirstRecord(Buffer.from('Name,"Note'))).toBeUndefined();
    const header = splitter.takeFirstRecord(Buffer.from('s\nmore",X\nAcme,1,2\n'));
    expect(header?.bytes.toString()).toBe('Name,"Notes\nmore",X\n');
    expect(splitter.end().map((c) => [c.bytes.toString(), c.firstLine])).toEqual([['Acme,1,2\n', 3]]);
  });

  it('keeps memory bounded when a stray quote never closes, cutting at a line break', () => {
    const text = `a,b\n${'x,"never closed\n'.repeat(200)}`;
    const chunks = split(Buffer.from(text), [64], new RecordSplitter(0x2c, 16, 256));
    expect(Buffer.concat(chunks.map((c) => c.bytes)).toString()).toBe(text);
    expect(Math.max(...chunks.map((c) => c.bytes.length))).toBeLessThanOrEqual(256 + 64);
  });

  it('reads a quote inside an unquoted field as text, as Papa Parse does', () => {
    const text = 'a,5" screen\nb,c\n';
    const chunks = split(Buffer.from(text), [3], new RecordSplitter(0x2c, 1));
    expect(chunks.map((c) => c.bytes.toString())).toEqual(['a,5" screen\n', 'b,c\n']);
  });
});
