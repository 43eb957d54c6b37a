/**
 * The text encodings of the CSV files people have: UTF-8 (with or without a byte-order mark),
 * UTF-16 LE and BE (Excel's "Unicode Text", with a BOM), and Windows-1252 (Excel for Windows'
 * "CSV (Comma delimited)", and most CRM exports on Windows). A file is read in the encoding
 * found here (or given with --encoding) and written back in the same one. iconv-lite decodes
 * and encodes (streaming); Windows-1252 follows the WHATWG table, so every byte reads as a
 * character and writes back as the same byte.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** The canonical names icp says and writes; any other name iconv-lite knows works too (--encoding). */
export const UTF8 = 'utf-8';
export const WINDOWS_1252 = 'windows-1252';

/** The byte-order marks, longest first. */
const BOMS: readonly { encoding: string; bytes: readonly number[] }[] = [
  { encoding: UTF8, bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
];

/**
 * Windows-1252's upper half as WHATWG (and every browser) reads it: the five bytes Microsoft
 * left undefined (81, 8D, 8F, 90, 9D) are the C1 controls of the same number, so they too read
 * as a character and are written back as the same byte.
 */
const WINDOWS_1252_HIGH =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ';

let registered = false;
function codecs(): typeof iconv {
  if (!registered) {
    iconv.getCodec(UTF8); // loads iconv-lite's table of encodings, which the line below amends
    (iconv.encodings as Record<string, unknown>)['windows1252'] = { type: '_sbcs', chars: WINDOWS_1252_HIGH };
    registered = true;
  }
  return iconv;
}

/** The encoding a --encoding value names, in icp's spelling; undefined for one iconv-lite does not know. */
export function knownEncoding(name: string): string | undefined {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const known: Record<string, string> = { utf8: UTF8, utf16le: 'utf-16le', utf16be: 'utf-16be', windows1252: WINDOWS_1252, cp1252: WINDOWS_1252, win1252: WINDOWS_1252 };
  if (known[key]) return known[key];
  return codecs().encodingExists(name) ? name.toLowerCase() : undefined;
}

/** The byte-order mark at the start of `bytes`: its encoding and length. */
export function bomAt(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  return bom ? { encoding: bom.encoding, length: bom.bytes.length } : undefined;
}

/** The byte-order mark that starts a file written in `encoding` (UTF-16 always carries one). */
export function bomFor(encoding: string): Uint8Array {
  const bom = BOMS.find((b) => b.encoding === encoding);
  return bom ? Uint8Array.from(bom.bytes) : new Uint8Array(0);
}

/** Where the first byte that is not ASCII is, or -1. */
export function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

/** UTF-16 without a BOM: in text that is mostly ASCII, every other byte is zero. */
function utf16ByZeros(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.3 && odd < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * The encoding of text that starts with `bytes` (after any BOM), or undefined while every byte
 * so far is ASCII (the same in UTF-8 and Windows-1252: more must be seen). The first non-ASCII
 * bytes decide: a valid UTF-8 sequence there (and in the next 4 KB) is UTF-8, anything else
 * Windows-1252. `atEnd`: these are all the bytes there are.
 */
export function sniffEncoding(bytes: Uint8Array, atEnd: boolean): string | undefined {
  const zeros = utf16ByZeros(bytes);
  if (zeros) return zeros;
  const at = firstNonAscii(bytes);
  if (at < 0) return atEnd ? UTF8 : undefined;
  let end = Math.min(bytes.length, at + 4096);
  if (end < bytes.length || !atEnd) {
    // Do not judge a sequence cut at the window's end: step back to the start of the last one.
    let back = end;
    while (back > at && (bytes[back - 1]! & 0xc0) === 0x80 && end - back < 3) back--;
    if (back > at && bytes[back - 1]! >= 0xc0) back--;
    if (back > at) end = back;
  }
  return isUtf8(bytes.subarray(at, end)) ? UTF8 : WINDOWS_1252;
}

/** A whole file's encoding: its BOM, else UTF-8 when every byte is valid UTF-8, else Windows-1252. */
export function wholeEncoding(bytes: Uint8Array): { encoding: string; bom: number } {
  const bom = bomAt(bytes);
  if (bom) return { encoding: bom.encoding, bom: bom.length };
  const zeros = utf16ByZeros(bytes);
  if (zeros) return { encoding: zeros, bom: 0 };
  return { encoding: isUtf8(bytes) ? UTF8 : WINDOWS_1252, bom: 0 };
}

/** A whole file as text: in `encoding` when given, else in the one its bytes show; the BOM dropped. */
export function decodeWhole(bytes: Buffer, encoding?: string): string {
  const found = wholeEncoding(bytes);
  const chosen = encoding ?? found.encoding;
  const skip = bomAt(bytes)?.encoding === chosen ? (bomAt(bytes)?.length ?? 0) : 0;
  const body = bytes.subarray(skip);
  return chosen === UTF8 ? body.toString('utf8') : codecs().decode(body, chosen);
}

/** A streaming decoder: bytes in, text out, a character split across two reads kept whole. */
export function streamDecoder(encoding: string): { write(bytes: Buffer): string; end(): string } {
  const decoder = codecs().getDecoder(encoding, { stripBOM: false });
  return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() ?? '' };
}

/** Text as bytes in `encoding`, with how many characters it cannot hold (written as "?"). */
export function encodeText(text: string, encoding: string): { bytes: Uint8Array; replaced: number } {
  if (encoding === UTF8) return { bytes: Buffer.from(text, 'utf8'), replaced: 0 };
  const bytes = codecs().encode(text, encoding, { addBOM: false });
  if (encoding.startsWith('utf-16') || encoding.startsWith('utf16')) return { bytes, replaced: 0 };
  // Every character the encoding lacks became "?": count the question marks that were not there.
  let before = 0;
  for (let at = text.indexOf('?'); at >= 0; at = text.indexOf('?', at + 1)) before++;
  let after = 0;
  for (let at = bytes.indexOf(0x3f); at >= 0; at = bytes.indexOf(0x3f, at + 1)) after++;
  return { bytes, replaced: Math.max(0, after - before) };
}

/** How an encoding is named in a sentence. */
export function encodingLabel(encoding: string): string {
  const labels: Record<string, string> = { [UTF8]: 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', [WINDOWS_1252]: 'Windows-1252' };
  return labels[encoding] ?? encoding;
}
