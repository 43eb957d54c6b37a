/**
 * The dialect table: every place where DuckDB, PostgreSQL, BigQuery and Snowflake spell
 * the same thing differently. The rest of core/sql writes neutral SQL through these.
 * Regular expressions are written in the neutral syntax described in patterns.ts and
 * rendered here for each engine.
 */

export const DIALECT_NAMES = ['duckdb', 'postgres', 'bigquery', 'snowflake'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** How the final SELECT hands back the table's own columns without the helper columns. */
type Passthrough = 'exclude' | 'except' | 'row';

export interface Dialect {
  name: DialectName;
  /** A quoted identifier. */
  ident(name: string): string;
  /** A string literal. */
  string(text: string): string;
  /** True when `regex` is found somewhere in `subject` (NULL when subject is NULL). */
  search(subject: string, regex: string, ignoreCase?: boolean): string;
  /** The text of the pattern's one capturing group (call only where the pattern matches). */
  extract(subject: string, regex: string): string;
  /** Every match of `regex` replaced by plain `replacement` text. */
  replaceAll(subject: string, regex: string, replacement: string): string;
  /** True where `text` holds the plain text `part`. */
  contains(text: string, part: string): string;
  /** Texts joined, NULLs left out (all NULL gives ''). */
  concat(texts: string[]): string;
  /** Any column as text: numbers, booleans and dates as the engine prints them. */
  asText(expr: string): string;
  /** Text of digits (and one dot) as a double, NULL where the engine cannot hold it. */
  parseDouble(text: string): string;
  /** A double-precision value: `CAST(x AS DOUBLE)` in this dialect. */
  toDouble(expr: string): string;
  toInteger(expr: string): string;
  /** Integer division of non-negative integers. */
  intDiv(a: string, b: string): string;
  mod(a: string, b: string): string;
  /** Negative infinity as a double. */
  negativeInfinity: string;
  /** GREATEST skips NULL arguments (DuckDB, PostgreSQL) instead of returning NULL. */
  greatestSkipsNull: boolean;
  /** Today (CURRENT_DATE) as days since 1970-01-01. */
  today: string;
  passthrough: Passthrough;
  /**
   * The name a column has when a table was made with its name unquoted, as the engine folds it
   * (PostgreSQL: lower case, Snowflake: upper case): how a Field resolves when the columns are
   * not known. Engines that match names case-insensitively (DuckDB, BigQuery) keep the Field.
   */
  unquoted(name: string): string;
  /** Ends each CTE so the planner keeps it a step of its own instead of copying its expressions into the next. */
  fence: string;
  /** Regex syntax: one character written as an escape, for characters that are not printable. */
  regexChar(code: number): string;
  /** Regex syntax: the body of a bracket class matching one letter or digit (any script where the engine can). */
  letterOrDigit: string;
  /** Regex syntax: lookaround-free `\b`-like guards before and after an ASCII word (currency codes). */
  asciiWordStart: string;
  asciiWordEnd: string;
}

const hex = (code: number, width: number) => code.toString(16).toUpperCase().padStart(width, '0');

/** Standard SQL literal: quotes doubled, backslashes literal. */
function standardString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * PostgreSQL literal that means the same whatever `standard_conforming_strings` is: text with
 * a backslash is an escape string (E'…', backslashes doubled), which never depends on the
 * setting; text without one is a plain standard literal, read alike under both settings.
 */
function postgresString(text: string): string {
  return text.includes('\\') ? `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : standardString(text);
}

/** Backslash-escaping literal (BigQuery, Snowflake): control and invisible characters as \uXXXX. */
function backslashString(text: string): string {
  let out = "'";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\') out += '\\\\';
    else if (char === "'") out += "\\'";
    else if (code < 0x20 || code === 0x7f || INVISIBLE.has(code)) out += `\\u${hex(code, 4)}`;
    else out += char;
  }
  return `${out}'`;
}

/** Characters that print as nothing: always escaped in SQL text, so the query reads true. */
const INVISIBLE = new Set([0xa0, 0x1680, ...range(0x2000, 0x200a), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** A name that may be written unquoted: letters, digits, `_` (and `$`), not starting with a digit. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const asWritten = (name: string) => name;

/** `"name"` with quotes doubled. */
const doubleQuoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** What DuckDB and BigQuery share: unquoted names kept as written, no fence between steps, and RE2's regular expressions. */
const RE2_AS_WRITTEN: Pick<Dialect, 'unquoted' | 'fence' | 'regexChar' | 'letterOrDigit' | 'asciiWordStart' | 'asciiWordEnd'> = {
  unquoted: asWritten,
  fence: '',
  regexChar: (code) => `\\x{${hex(code, 2)}}`,
  letterOrDigit: '\\p{L}\\p{N}',
  asciiWordStart: '\\b',
  asciiWordEnd: '\\b',
};

const duckdb: Dialect = {
  name: 'duckdb',
  ident: doubleQuoted,
  string: standardString,
  search: (s, r, i) => `regexp_matches(${s}, ${standardString(r)}${i ? ", 'i'" : ''})`,
  extract: (s, r) => `regexp_extract(${s}, ${standardString(r)}, 1)`,
  replaceAll: (s, r, to) => `regexp_replace(${s}, ${standardString(r)}, ${standardString(to)}, 'g')`,
  contains: (t, part) => `contains(${t}, ${standardString(part)})`,
  concat: (texts) => `concat_ws('', ${texts.join(', ')})`,
  asText: (e) => `CAST(${e} AS VARCHAR)`,
  parseDouble: (t) => `CASE WHEN NOT isinf(CAST(${t} AS DOUBLE)) THEN CAST(${t} AS DOUBLE) END`,
  toDouble: (e) => `CAST(${e} AS DOUBLE)`,
  toInteger: (e) => `CAST(${e} AS INTEGER)`,
  intDiv: (a, b) => `((${a}) // (${b}))`,
  mod: (a, b) => `((${a}) % (${b}))`,
  negativeInfinity: `CAST('-inf' AS DOUBLE)`,
  greatestSkipsNull: true,
  today: `(CURRENT_DATE - DATE '1970-01-01')`,
  passthrough: 'exclude',
  ...RE2_AS_WRITTEN,
};

const postgres: Dialect = {
  name: 'postgres',
  ident: doubleQuoted,
  string: postgresString,
  search: (s, r, i) => `(${s} ${i ? '~*' : '~'} ${postgresString(r)})`,
  extract: (s, r) => `substring(${s} from ${postgresString(r)})`,
  replaceAll: (s, r, to) => `regexp_replace(${s}, ${postgresString(r)}, ${postgresString(to)}, 'g')`,
  contains: (t, part) => `(strpos(${t}, ${postgresString(part)}) > 0)`,
  concat: (texts) => `concat_ws('', ${texts.join(', ')})`,
  asText: (e) => `CAST(${e} AS TEXT)`,
  // float8 input raises an error past 1.8e308: refuse such long digit strings up front.
  parseDouble: (t) => `CASE WHEN length(${t}) <= 290 THEN CAST(${t} AS DOUBLE PRECISION) END`,
  toDouble: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  toInteger: (e) => `CAST(${e} AS INTEGER)`,
  intDiv: (a, b) => `((${a}) / (${b}))`,
  mod: (a, b) => `((${a}) % (${b}))`,
  negativeInfinity: `CAST('-Infinity' AS DOUBLE PRECISION)`,
  greatestSkipsNull: true,
  today: `(CURRENT_DATE - DATE '1970-01-01')`,
  passthrough: 'row',
  unquoted: (name) => (PLAIN_NAME.test(name) ? name.toLowerCase() : name),
  // OFFSET 0 stops PostgreSQL from inlining each step into the next, which would repeat every reader per use.
  fence: '\n  OFFSET 0',
  regexChar: (code) => `\\u${hex(code, 4)}`,
  letterOrDigit: '[:alnum:]',
  // ARE has no \b; lookarounds over ASCII word characters say the same.
  asciiWordStart: '(?<![A-Za-z0-9_])',
  asciiWordEnd: '(?![A-Za-z0-9_])',
};

const bigquery: Dialect = {
  name: 'bigquery',
  ident: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
  string: backslashString,
  search: (s, r, i) => `REGEXP_CONTAINS(${s}, ${backslashString(i ? `(?i)${r}` : r)})`,
  extract: (s, r) => `REGEXP_EXTRACT(${s}, ${backslashString(r)})`,
  replaceAll: (s, r, to) => `REGEXP_REPLACE(${s}, ${backslashString(r)}, ${backslashString(to.replace(/\\/g, '\\\\'))})`,
  contains: (t, part) => `(STRPOS(${t}, ${backslashString(part)}) > 0)`,
  concat: (texts) => `ARRAY_TO_STRING([${texts.join(', ')}], '')`,
  asText: (e) => `CAST(${e} AS STRING)`,
  parseDouble: (t) => `CASE WHEN LENGTH(${t}) <= 290 THEN SAFE_CAST(${t} AS FLOAT64) END`,
  toDouble: (e) => `CAST(${e} AS FLOAT64)`,
  toInteger: (e) => `CAST(${e} AS INT64)`,
  intDiv: (a, b) => `DIV(${a}, ${b})`,
  mod: (a, b) => `MOD(${a}, ${b})`,
  negativeInfinity: `CAST('-inf' AS FLOAT64)`,
  greatestSkipsNull: false,
  today: `DATE_DIFF(CURRENT_DATE(), DATE '1970-01-01', DAY)`,
  passthrough: 'except',
  ...RE2_AS_WRITTEN,
};

const snowflake: Dialect = {
  name: 'snowflake',
  ident: doubleQuoted,
  string: backslashString,
  search: (s, r, i) => `(REGEXP_INSTR(${s}, ${backslashString(posixGroups(r).text)}, 1, 1, 0, '${i ? 'i' : 'c'}') > 0)`,
  extract: (s, r) => {
    const { text, group } = posixGroups(r);
    return `REGEXP_SUBSTR(${s}, ${backslashString(text)}, 1, 1, 'e', ${group})`;
  },
  replaceAll: (s, r, to) => `REGEXP_REPLACE(${s}, ${backslashString(posixGroups(r).text)}, ${backslashString(to)})`,
  contains: (t, part) => `CONTAINS(${t}, ${backslashString(part)})`,
  concat: (texts) => `ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(${texts.join(', ')}), '')`,
  asText: (e) => `TO_VARCHAR(${e})`,
  parseDouble: (t) => `CASE WHEN LENGTH(${t}) <= 290 THEN TRY_TO_DOUBLE(${t}) END`,
  toDouble: (e) => `CAST(${e} AS DOUBLE)`,
  toInteger: (e) => `CAST(${e} AS INTEGER)`,
  intDiv: (a, b) => `FLOOR((${a}) / (${b}))`,
  mod: (a, b) => `MOD(${a}, ${b})`,
  negativeInfinity: `CAST('-inf' AS DOUBLE)`,
  greatestSkipsNull: false,
  today: `DATEDIFF(day, DATE '1970-01-01', CURRENT_DATE())`,
  passthrough: 'exclude',
  unquoted: (name) => (PLAIN_NAME.test(name) ? name.toUpperCase() : name),
  fence: '',
  // POSIX ERE has no character escapes: the string literal carries the character (as \uXXXX).
  regexChar: (code) => String.fromCodePoint(code),
  letterOrDigit: '[:alnum:]',
  asciiWordStart: '\\b',
  asciiWordEnd: '\\b',
};

/**
 * Snowflake's POSIX patterns have no `(?:…)`: every group captures. Turns the neutral
 * pattern's non-capturing groups into plain ones and says which group is the one capturing group.
 */
export function posixGroups(regex: string): { text: string; group: number } {
  let text = '';
  let groups = 0;
  let group = 0;
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const char = regex[i]!;
    if (char === '\\') {
      text += char + (regex[i + 1] ?? '');
      i++;
    } else if (inClass) {
      const named = char === '[' && regex[i + 1] === ':' ? regex.indexOf(':]', i + 2) : -1;
      if (named >= 0) {
        text += regex.slice(i, named + 2);
        i = named + 1;
        continue;
      }
      if (char === ']') inClass = false;
      text += char;
    } else if (char === '[') {
      inClass = true;
      text += char;
      if (regex[i + 1] === '^') text += regex[++i];
      if (regex[i + 1] === ']') text += regex[++i];
    } else if (char === '(') {
      groups++;
      if (regex.startsWith('?:', i + 1)) i += 2;
      else if (group === 0) group = groups;
      text += '(';
    } else {
      text += char;
    }
  }
  return { text, group: group || 1 };
}

export const DIALECTS: Record<DialectName, Dialect> = { duckdb, postgres, bigquery, snowflake };
