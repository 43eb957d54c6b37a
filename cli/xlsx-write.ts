/**
 * `icp score … -o scored.xlsx` from an xlsx input: a copy of the input workbook, every part as
 * it was (other sheets, formats, widths, charts, pivot tables, images, names), with the scored
 * sheet's icp_score, icp_tier and icp_why columns written as values, replacing any earlier ICP
 * columns (the panel's ICP Score, ICP Tier and ICP Why, or icp score's own). The zip is copied
 * part by part (yauzl in, yazl out) and the scored sheet's XML rewritten as it streams (saxes),
 * so memory stays flat. The calculation chain is left out, as Excel rebuilds it: cells that
 * held formulas may now hold values.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { SaxesTagPlain } from 'saxes';
import yazl from 'yazl';
import type { Cell } from '../core/index.ts';
import { planScoreColumns } from '../workbook/sheet-layout.ts';
import { CliError } from './errors.ts';
import { MAX_COLUMNS, NO_SAVED_VALUE, type SheetCells, type SheetInfo, type SheetRow, type XlsxBook, columnIndex, columnLetters, localName, xmlParser } from './xlsx.ts';

/** What a data row gets: score (null for none), tier, why. A blank row gets null. */
export type RowScore = (cells: Cell[]) => [number | null, string, string] | null;

export interface ScoredWorkbook {
  /** Column letters of icp_score, icp_tier, icp_why. */
  columns: string[];
  /** How many of them were there already (and replaced). */
  replaced: number;
  rows: number;
  uncached: { count: number; first: string };
  /** Parts of note kept as they were: "charts", "pivot tables", … */
  kept: string[];
}

const APPENDED = ['icp_score', 'icp_tier', 'icp_why'] as const;

const escapeText = (text: string) => text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
const escapeAttribute = (text: string) =>
  text.replace(/[&<"\t\n\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '"' ? '&quot;' : `&#${c.charCodeAt(0)};`));

function openTag(tag: SaxesTagPlain, attributes = tag.attributes, selfClosing = tag.isSelfClosing): string {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
  return `<${tag.name}${attrs}${selfClosing ? '/' : ''}>`;
}

/** One new cell: a number, or an inline string (no shared-strings part to change). */
function cellXml(prefix: string, ref: string, value: number | string | null): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number') return `<${prefix}c r="${ref}"><${prefix}v>${value}</${prefix}v></${prefix}c>`;
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  // A character XML 1.0 cannot hold is written as OOXML's _xHHHH_ escape.
  const safe = escapeText(value.replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F${m}`)).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`);
  return `<${prefix}c r="${ref}" t="inlineStr"><${prefix}is><${prefix}t${space}>${safe}</${prefix}t></${prefix}is></${prefix}c>`;
}

/** What the rewriter knows of the scored sheet before it starts: its header row and how a row is scored. */
interface SheetPlan {
  sheet: SheetInfo;
  headerRow: number;
  headers: readonly string[];
  score: RowScore;
}

/**
 * The scored sheet's XML, rewritten event by event: everything as it was, but each row's
 * cells in the ICP columns replaced by the new results (and the header cells of new columns
 * added), and the dimension widened to hold them.
 */
class SheetRewriter {
  private targets: number[] | undefined; // 0-based columns of icp_score, icp_tier, icp_why
  private replaced = 0;
  private pending: string[] = [];
  size = 0;
  private rows = 0;
  readonly uncached = { count: 0, first: '' };
  private row: { tag: SaxesTagPlain; number: number; parts: { column: number; xml: string }[] } | undefined;
  private cell: { column: number; xml: string[]; depth: number } | undefined;
  private lastRow = 0;
  private lastColumn = -1;

  constructor(
    private readonly reader: SheetCells,
    private readonly plan: SheetPlan,
  ) {}

  /** Where the ICP columns go: the earlier ones where the header has them, else after `width` columns. */
  private place(width: number): number[] {
    const { headers, sheet, headerRow } = this.plan;
    const padded = [...headers, ...Array<string>(Math.max(0, width - headers.length)).fill('')];
    let planned: number[];
    try {
      planned = planScoreColumns(padded, sheet.name, headerRow).targets.map((t) => t - 1);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    this.replaced = planned.filter((t) => t < headers.length).length;
    return planned;
  }

  private emit(xml: string): void {
    this.pending.push(xml);
    this.size += xml.length;
  }

  /** The XML written so far, handed over once. */
  take(): string {
    const chunk = this.pending.join('');
    this.pending = [];
    this.size = 0;
    return chunk;
  }

  /** A piece of XML inside the row being read (not a cell): kept, after its cells. */
  private inRow(xml: string): void {
    this.row!.parts.push({ column: Number.MAX_SAFE_INTEGER, xml });
  }

  open(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    this.reader.open(tag);
    if (this.cell) {
      this.cell.xml.push(openTag(tag));
      if (!tag.isSelfClosing) this.cell.depth++;
    } else if (this.row && name === 'c') this.openCell(tag);
    else if (this.row) this.inRow(openTag(tag));
    else if (name === 'row') {
      const number = tag.attributes.r ? Number(tag.attributes.r) : this.lastRow + 1;
      this.lastRow = number;
      this.lastColumn = -1;
      this.row = { tag, number, parts: [] };
      if (tag.isSelfClosing) this.closeRow(tag);
    } else if (name === 'dimension') this.dimension(tag);
    else {
      if (name === 'sheetData') this.targets ??= this.place(this.plan.headers.length);
      this.emit(openTag(tag));
    }
  }

  private openCell(tag: SaxesTagPlain): void {
    const row = this.row!;
    const letters = tag.attributes.r ? /^[A-Za-z]+/.exec(String(tag.attributes.r))?.[0] : undefined;
    const column = letters ? columnIndex(letters) : this.lastColumn + 1;
    this.lastColumn = column;
    // Every cell says where it is, so new cells can go between them.
    const xml = openTag(tag, { ...tag.attributes, r: `${columnLetters(column)}${row.number}` });
    if (tag.isSelfClosing) row.parts.push({ column, xml });
    else this.cell = { column, xml: [xml], depth: 1 };
  }

  /** The sheet's used range, widened to the ICP columns (placed after it when it is wider than the header). */
  private dimension(tag: SaxesTagPlain): void {
    const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(String(tag.attributes.ref ?? ''));
    const width = match ? columnIndex(match[3] ?? match[1]!) + 1 : 0;
    const targets = (this.targets = this.place(width < MAX_COLUMNS - 3 ? Math.max(width, this.plan.headers.length) : this.plan.headers.length));
    if (!match) return this.emit(openTag(tag));
    const last = Math.max(columnIndex(match[3] ?? match[1]!), ...targets);
    this.emit(openTag(tag, { ...tag.attributes, ref: `${match[1]}${match[2]}:${columnLetters(last)}${match[4] ?? match[2]}` }));
  }

  text(text: string): void {
    this.reader.text(text);
    const xml = escapeText(text);
    if (this.cell) this.cell.xml.push(xml);
    else if (this.row) this.inRow(xml);
    else this.emit(xml);
  }

  close(tag: SaxesTagPlain): void {
    if (this.cell) {
      this.reader.close(tag);
      if (tag.isSelfClosing) return;
      this.cell.xml.push(`</${tag.name}>`);
      if (--this.cell.depth === 0) {
        this.row!.parts.push({ column: this.cell.column, xml: this.cell.xml.join('') });
        this.cell = undefined;
      }
    } else if (this.row && localName(tag.name) === 'row') this.closeRow(tag);
    else {
      this.reader.close(tag);
      if (tag.isSelfClosing) return;
      if (this.row) this.inRow(`</${tag.name}>`);
      else this.emit(`</${tag.name}>`);
    }
  }

  /** A row ends: its cells, less the ICP columns, with the new results in them. */
  private closeRow(tag: SaxesTagPlain): void {
    const read = this.reader.close(tag);
    const row = this.row!;
    this.row = undefined;
    const targets = (this.targets ??= this.place(this.plan.headers.length));
    const prefix = row.tag.name.includes(':') ? row.tag.name.slice(0, row.tag.name.indexOf(':') + 1) : '';
    const ref = (i: number) => `${columnLetters(targets[i]!)}${row.number}`;
    const mine = new Set(targets);
    const added: { column: number; xml: string }[] = [];
    if (row.number === this.plan.headerRow) {
      APPENDED.forEach((name, i) => {
        if (targets[i]! >= this.plan.headers.length) added.push({ column: targets[i]!, xml: cellXml(prefix, ref(i), name) });
        else mine.delete(targets[i]!); // an earlier ICP column keeps its header
      });
    } else if (row.number > this.plan.headerRow && read) {
      const result = this.plan.score(this.cellsOf(read, mine, row.number));
      if (result) {
        this.rows++;
        result.forEach((value, i) => added.push({ column: targets[i]!, xml: cellXml(prefix, ref(i), value) }));
      }
    }
    const parts = [...row.parts.filter((p) => !mine.has(p.column)), ...added.filter((a) => a.xml)].sort((a, b) => a.column - b.column);
    const { spans: _spans, ...attributes } = row.tag.attributes;
    attributes.r = String(row.number);
    this.emit(parts.length ? `${openTag(row.tag, attributes, false)}${parts.map((p) => p.xml).join('')}</${row.tag.name}>` : openTag(row.tag, attributes, true));
  }

  /** A row's cells as scored: the ICP columns blank (they are results, not data); no saved value unreadable. */
  private cellsOf(read: SheetRow, mine: ReadonlySet<number>, number: number): Cell[] {
    const cells = read.cells;
    for (const column of read.uncached) {
      if (mine.has(column)) continue;
      if (this.uncached.count++ === 0) this.uncached.first = `${columnLetters(column)}${number}`;
      cells[column] = NO_SAVED_VALUE;
    }
    for (const t of mine) if (t < cells.length) cells[t] = null;
    return cells;
  }

  result(): Omit<ScoredWorkbook, 'kept'> {
    return { columns: (this.targets ?? []).map(columnLetters), replaced: this.replaced, rows: this.rows, uncached: this.uncached };
  }
}

/** Rewrites the scored sheet's XML into `out`, as it streams. */
async function rewriteSheet(book: XlsxBook, plan: SheetPlan, out: PassThrough): Promise<Omit<ScoredWorkbook, 'kept'>> {
  const rewriter = new SheetRewriter(await book.cellsReader(plan.sheet), plan);
  const parser = xmlParser({ open: (tag) => rewriter.open(tag), text: (text) => rewriter.text(text), close: (tag) => rewriter.close(tag) });
  parser.on('xmldecl', (decl) => out.write(`<?xml version="${decl.version ?? '1.0'}" encoding="UTF-8"${decl.standalone ? ` standalone="${decl.standalone}"` : ''}?>\n`));
  parser.on('cdata', (data) => rewriter.text(data));
  const flush = async () => {
    if (rewriter.size > 0 && !out.write(rewriter.take())) await once(out, 'drain');
  };
  await book.parsePart(
    plan.sheet.part,
    {},
    async () => {
      if (rewriter.size > 1 << 16) await flush();
    },
    parser,
  );
  await flush();
  out.end();
  return rewriter.result();
}

/** The parts of note a workbook holds, all kept as they were. */
function notableParts(book: XlsxBook): string[] {
  const parts = book.parts();
  const has = (pattern: RegExp) => parts.some((p) => pattern.test(p));
  return [
    ...(has(/^xl\/charts\//) ? ['charts'] : []),
    ...(has(/^xl\/pivotTables\//) ? ['pivot tables'] : []),
    ...(has(/^xl\/tables\//) ? ['tables'] : []),
    ...(has(/^xl\/media\//) ? ['images'] : []),
    ...(has(/^xl\/(comments|threadedComments)/) ? ['comments'] : []),
    ...(has(/vbaProject\.bin$/) ? ['macros'] : []),
  ];
}

/** A small XML part as text, without the calculation chain's entry (its Override, its Relationship). */
async function withoutCalcChain(book: XlsxBook, part: string, calcChain: string): Promise<Readable> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await book.stream(part)) as AsyncIterable<Buffer>) chunks.push(chunk);
  const name = calcChain.slice(calcChain.lastIndexOf('/') + 1).replace(/\./g, '\\.');
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(new RegExp(`<Override\\b[^>]*PartName=["']/${calcChain.replace(/\./g, '\\.')}["'][^>]*/>`, 'g'), '')
    .replace(new RegExp(`<Relationship\\b[^>]*Target=["'][^"']*${name}["'][^>]*/>`, 'g'), '');
  return Readable.from([Buffer.from(text, 'utf8')]);
}

/**
 * Writes a copy of `book` with the sheet scored (see the file's comment) through `write`;
 * says what was written.
 */
export async function writeScoredWorkbook(book: XlsxBook, plan: SheetPlan, write: (bytes: Uint8Array) => Promise<void>): Promise<ScoredWorkbook> {
  const calcChain = book.parts().find((p) => /(^|\/)calcChain\.xml$/.test(p));
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as unknown as Readable;
  const fail = (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error)));
  zip.on('error', fail);
  const sheetOut = new PassThrough();
  let rewriting: Promise<Omit<ScoredWorkbook, 'kept'>> | undefined;
  const source = (make: () => Promise<Readable>) => (callback: (error: Error | null, stream: Readable) => void) => {
    make().then(
      (stream) => {
        stream.on('error', fail);
        callback(null, stream);
      },
      (error: Error) => fail(error),
    );
  };
  for (const part of book.parts()) {
    const entry = book.entry(part)!;
    const options = { mtime: entry.getLastModDate(), compress: true };
    if (part === calcChain) continue;
    if (part.endsWith('/')) zip.addEmptyDirectory(part, { mtime: options.mtime });
    else if (part === plan.sheet.part) {
      zip.addReadStreamLazy(part, options, source(async () => {
        rewriting = rewriteSheet(book, plan, sheetOut);
        rewriting.catch(fail);
        return sheetOut;
      }));
    } else if (calcChain && (part === '[Content_Types].xml' || part.endsWith('.rels'))) {
      zip.addReadStreamLazy(part, options, source(() => withoutCalcChain(book, part, calcChain)));
    } else zip.addReadStreamLazy(part, options, source(() => book.stream(part)));
  }
  zip.end();
  for await (const chunk of output as AsyncIterable<Buffer>) await write(chunk);
  const result = await rewriting!;
  return { ...result, kept: notableParts(book) };
}
