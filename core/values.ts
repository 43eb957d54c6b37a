/**
 * Reading spreadsheet cells as the SPEC's rules need them (SPEC §2, "Reading numbers").
 * A cell arrives as the host gives it: number, text, boolean, Date, or blank.
 */

/** What a cell can hold when it reaches the core. */
export type Cell = string | number | boolean | Date | null | undefined;

/** How the host hands over cell values. */
export interface ReadOptions {
  /** Excel passes dates as serial numbers: read numbers as date serials in date rules. */
  serialDates?: boolean;
  /**
   * The workbook's IANA time zone (`Europe/Berlin`). Google Sheets hands over a date as the instant
   * of its midnight in the spreadsheet's zone, so its calendar day must be read in that zone, not
   * in the script's. Without it, a Date's local calendar day is used.
   */
  timeZone?: string;
}

/** A cell that holds something, but not something this rule can read. */
export const UNREADABLE: unique symbol = Symbol('unreadable');
export type Unreadable = typeof UNREADABLE;

const SPREADSHEET_ERROR = /^#(?:N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!|GETTING_DATA|BUSY!|FIELD!|BLOCKED!|CONNECT!|UNKNOWN!)$/i;

/** Empty, white space only, null or undefined. */
export function isBlank(cell: Cell): boolean {
  if (typeof cell === 'string') {
    // Most cells start with a visible character: skip the trim (and its copy) for them.
    const first = cell.charCodeAt(0);
    // White space JavaScript trims: ASCII controls and space, NBSP, U+1680 and U+2000 up, U+FEFF.
    return cell.length === 0 || (first <= 32 || first === 160 || first === 0x1680 || first > 0x1fff ? cell.trim() === '' : false);
  }
  return cell === null || cell === undefined;
}

/** Text such as `#N/A` or `#REF!`: a spreadsheet error that reached us as text. */
export function isErrorText(cell: Cell): boolean {
  return typeof cell === 'string' && cell.length <= 16 && SPREADSHEET_ERROR.test(cell.trim());
}

const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, mn: 1e6, b: 1e9, bn: 1e9, t: 1e12 };
const CURRENCY = /[$€£¥₹₩₽₺₪¢]|\b(?:usd|eur|gbp|cad|aud|chf|jpy|inr)\b/gi;
// One number: optional sign, digits with comma groups of three or none, decimals, K/M/B suffix, trailing +, %.
const SINGLE = /^([-+]?)(\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)(k|mm|mn|m|bn|b|t)?(\+?)(%?)$/i;
// Two unsigned numbers joined by a dash or "to": a range, read as its midpoint.
const RANGE = /^(\+?[\d.,]+(?:k|mm|mn|m|bn|b|t)?)(?:-|–|—|to)([\d.,]+(?:k|mm|mn|m|bn|b|t)?\+?)$/i;

interface ParsedNumber {
  value: number;
  suffix: string;
}

function parseSingle(text: string): ParsedNumber | undefined {
  const match = SINGLE.exec(text);
  if (!match) return undefined;
  const [, sign, digits = '', suffixRaw = '', , percent] = match;
  const suffix = suffixRaw.toLowerCase();
  let value = Number(digits.replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  if (suffix) value *= MULTIPLIERS[suffix] ?? 1;
  if (percent) value /= 100;
  if (sign === '-') value = -value;
  return { value, suffix };
}

/** The low and high ends of a range text (`$50M–$500M`, `250 to 2,500`), or undefined. */
export function parseRange(text: string): [number, number] | undefined {
  const compact = text.replace(CURRENCY, '').replace(/\s+/g, '');
  const match = RANGE.exec(compact);
  if (!match) return undefined;
  const low = parseSingle(match[1] ?? '');
  const high = parseSingle(match[2] ?? '');
  if (!low || !high) return undefined;
  // "$50-500M": the suffix written once applies to both ends.
  const lowValue = !low.suffix && high.suffix ? low.value * (MULTIPLIERS[high.suffix] ?? 1) : low.value;
  return [lowValue, high.value];
}

/** A number from text as CRM exports write them, or undefined. Ranges read as their midpoint. */
export function parseNumberText(text: string): number | undefined {
  const compact = text.replace(CURRENCY, '').replace(/\s+/g, '');
  if (compact === '') return undefined;
  const single = parseSingle(compact);
  if (single) return single.value;
  const range = parseRange(compact);
  return range ? (range[0] + range[1]) / 2 : undefined;
}

/** A cell as a number for number rules; blank gives null. */
export function readNumber(cell: Cell): number | null | Unreadable {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : UNREADABLE;
  if (isBlank(cell)) return null;
  if (typeof cell !== 'string') return UNREADABLE;
  return parseNumberText(cell) ?? UNREADABLE;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x', '✓', '✔', '☑']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/** A cell as yes/no: TRUE, yes, y, 1, x, ✓ / FALSE, no, n, 0. */
export function readBoolean(cell: Cell): boolean | null | Unreadable {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : UNREADABLE;
  if (isBlank(cell)) return null;
  if (typeof cell !== 'string') return UNREADABLE;
  const word = cell.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return UNREADABLE;
}

const DAY_MS = 86_400_000;
/** Days between 1899-12-30 (Excel serial 0) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;
// The zone may be Z, ±hh, ±hhmm or ±hh:mm, after an optional space: how PostgreSQL, DuckDB,
// BigQuery and Snowflake print a timestamp with time zone (`2026-09-15 10:00:00+00`).
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:Z|[+-]\d{2}(?::?\d{2})?))?)?$/;

/** A calendar day as a whole number of days since 1970-01-01. */
export type DayNumber = number;

const HOUR_MS = 3_600_000;
/** Per time zone, the zone's UTC offset (ms) by hour since 1970: offsets change only on the hour. */
const zoneOffsets = new Map<string, { format: Intl.DateTimeFormat; byHour: Map<number, number> } | null>();

function zoneOffset(time: number, timeZone: string): number | undefined {
  let zone = zoneOffsets.get(timeZone);
  if (zone === undefined) {
    try {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
      });
      zone = { format, byHour: new Map() };
    } catch {
      zone = null; // an unknown zone name: fall back to local days
    }
    zoneOffsets.set(timeZone, zone);
  }
  if (zone === null) return undefined;
  const hour = Math.floor(time / HOUR_MS);
  let offset = zone.byHour.get(hour);
  if (offset === undefined) {
    const parts: Record<string, number> = {};
    for (const part of zone.format.formatToParts(new Date(hour * HOUR_MS))) parts[part.type] = Number(part.value);
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
    offset = wall - hour * HOUR_MS;
    if (zone.byHour.size < 100_000) zone.byHour.set(hour, offset);
  }
  return offset;
}

/** The calendar day a host Date shows: in the workbook's time zone when known, else its local date. */
export function dayOfDate(date: Date, timeZone?: string): DayNumber {
  if (timeZone) {
    const time = date.getTime();
    const offset = zoneOffset(time, timeZone);
    if (offset !== undefined) return Math.floor((time + offset) / DAY_MS);
  }
  return Math.floor(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS);
}

export function dayFromParts(year: number, month: number, day: number): DayNumber | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return Math.floor(ms / DAY_MS);
}

/** `2026-09-30` for a day number. */
export function isoDay(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A day from ISO text (`2026-09-30`, time part ignored), or undefined. */
export function parseIsoDay(text: string): DayNumber | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return undefined;
  return dayFromParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** A cell as a calendar day: a host Date, ISO text, or (when the host says so) an Excel serial. */
export function readDay(cell: Cell, options: ReadOptions = {}): DayNumber | null | Unreadable {
  if (cell instanceof Date || isDateLike(cell)) {
    const time = (cell as Date).getTime();
    return Number.isFinite(time) ? dayOfDate(cell as Date, options.timeZone) : UNREADABLE;
  }
  if (typeof cell === 'number') {
    if (!options.serialDates || !Number.isFinite(cell) || cell < 1) return UNREADABLE;
    return Math.floor(cell) - EXCEL_EPOCH_OFFSET;
  }
  if (isBlank(cell)) return null;
  if (typeof cell !== 'string') return UNREADABLE;
  return parseIsoDay(cell) ?? UNREADABLE;
}

/** A Date made in another realm (a vm context, an iframe) fails `instanceof Date`. */
function isDateLike(cell: Cell): boolean {
  return typeof cell === 'object' && cell !== null && Object.prototype.toString.call(cell) === '[object Date]';
}

/** A cell as text for text rules; numbers and booleans as they print, dates as ISO days. */
export function readText(cell: Cell, timeZone?: string): string | null {
  if (isBlank(cell)) return null;
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date || isDateLike(cell)) {
    // An invalid Date (no host makes one, but a script might) reads as nothing.
    return Number.isFinite((cell as Date).getTime()) ? isoDay(dayOfDate(cell as Date, timeZone)) : null;
  }
  return String(cell);
}

/** A cell shown in an explanation: short, one line. */
export function displayCell(cell: Cell, timeZone?: string): string {
  const text = readText(cell, timeZone);
  if (text === null) return '';
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/**
 * A number as plain decimal text, never with an exponent: `0.000000049`, not `4.9e-8`, and
 * `1200000000000000000000`, not `1.2e+21`. The shortest digits that read back as the same
 * number, so a value written into a model cell reads back (the value reader takes no exponent).
 */
export function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, first, rest = '', exponent] = match;
  const digits = first! + rest;
  const point = 1 + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
