import { describe, expect, it } from 'vitest';
import { UNREADABLE, isBlank, parseNumberText, readBoolean, readDay, readNumber, readText } from '../../core/values.ts';

const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

describe('reading numbers (SPEC §2)', () => {
  it.each([
    [450, 450],
    ['450', 450],
    ['$1.2M', 1_200_000],
    ['5,000+', 5000],
    ['1,234,567', 1_234_567],
    ['  $ 50 M ', 50_000_000],
    ['10k', 10_000],
    ['2.5bn', 2_500_000_000],
    ['3B', 3_000_000_000],
    ['€750K', 750_000],
    ['USD 2M', 2_000_000],
    ['-15', -15],
    ['20%', 0.2],
    ['.5', 0.5],
  ])('reads %j as %d', (cell, expected) => {
    expect(readNumber(cell)).toBeCloseTo(expected, 9);
  });

  it.each([
    ['201-500', 350.5],
    ['$50M–$500M', 275_000_000],
    ['250 to 2,500', 1375],
    ['1,001-5,000', 3000.5],
    ['$50-500M', 275_000_000],
    ['10K—50K', 30_000],
  ])('reads the range %j as its midpoint %d', (cell, expected) => {
    expect(readNumber(cell)).toBeCloseTo(expected, 9);
  });

  it.each(['lots', 'n/a', '1,5', '12 employees', '1-2-3', 'M', '$'])('cannot read %j as a number', (cell) => {
    expect(readNumber(cell)).toBe(UNREADABLE);
  });

  it('reads blank cells as blank, not zero', () => {
    for (const cell of ['', '   ', null, undefined]) expect(readNumber(cell)).toBeNull();
  });

  it('does not read dates or yes/no values as numbers', () => {
    expect(readNumber(new Date(2026, 0, 1))).toBe(UNREADABLE);
    expect(readNumber(true)).toBe(UNREADABLE);
    expect(readNumber(Number.NaN)).toBe(UNREADABLE);
  });

  it('keeps a thousands separator from being read as a decimal point', () => {
    expect(parseNumberText('1,200')).toBe(1200);
    expect(parseNumberText('1,20')).toBeUndefined();
  });
});

describe('reading yes/no', () => {
  it.each([true, 'TRUE', 'yes', 'Y', '1', 1, 'x', '✓', ' Yes '])('reads %j as yes', (cell) => {
    expect(readBoolean(cell)).toBe(true);
  });
  it.each([false, 'FALSE', 'no', 'n', '0', 0])('reads %j as no', (cell) => {
    expect(readBoolean(cell)).toBe(false);
  });
  it.each(['maybe', 2, 'yes please'])('cannot read %j as yes or no', (cell) => {
    expect(readBoolean(cell)).toBe(UNREADABLE);
  });
});

describe('reading dates', () => {
  it('reads a host Date as the calendar day it shows', () => {
    expect(readDay(new Date(2026, 8, 30, 23, 59))).toBe(day('2026-09-30'));
  });
  it('reads ISO text dates, with or without a time', () => {
    expect(readDay('2026-09-30')).toBe(day('2026-09-30'));
    expect(readDay('2026-09-30T10:00:00Z')).toBe(day('2026-09-30'));
    // As PostgreSQL, DuckDB, BigQuery and Snowflake print a timestamp with time zone: the day as written.
    expect(readDay('2026-09-30 23:30:00+00')).toBe(day('2026-09-30'));
    expect(readDay('2026-09-30 23:30:00.123-05')).toBe(day('2026-09-30'));
    expect(readDay('2026-09-30 23:30:00.000 +0000')).toBe(day('2026-09-30'));
    expect(readDay('2026-09-30 23:30:00+0')).toBe(UNREADABLE);
  });
  it('rejects impossible ISO dates', () => {
    expect(readDay('2026-02-30')).toBe(UNREADABLE);
  });
  it('reads numbers as Excel serials only when the host says so', () => {
    // Excel serial 46295 is 2026-09-30 (serial 1 = 1900-01-01, with Excel's 1900 leap-year quirk).
    expect(readDay(46295, { serialDates: true })).toBe(day('2026-09-30'));
    expect(readDay(46295.75, { serialDates: true })).toBe(day('2026-09-30'));
    expect(readDay(46295)).toBe(UNREADABLE);
  });
  it('does not guess at ambiguous local formats', () => {
    expect(readDay('09/10/2026')).toBe(UNREADABLE);
  });
});

describe('reading text', () => {
  it('shows numbers, yes/no values and dates as text', () => {
    expect(readText(3)).toBe('3');
    expect(readText(true)).toBe('true');
    expect(readText(new Date(2026, 8, 30))).toBe('2026-09-30');
    expect(readText('  ')).toBeNull();
  });
});

describe('dates in the workbook’s time zone', () => {
  // Google Sheets hands a date over as the instant of its midnight in the spreadsheet's zone.
  const berlinMidnight = new Date('2026-09-29T22:00:00Z'); // 2026-09-30 00:00 in Berlin (UTC+2)
  const newYorkMidnight = new Date('2026-09-30T04:00:00Z'); // 2026-09-30 00:00 in New York (UTC−4)
  const winterBerlin = new Date('2026-01-14T23:00:00Z'); // 2026-01-15 00:00 in Berlin (UTC+1)

  it('reads the calendar day in the zone the host names', () => {
    expect(readDay(berlinMidnight, { timeZone: 'Europe/Berlin' })).toBe(day('2026-09-30'));
    expect(readDay(newYorkMidnight, { timeZone: 'America/New_York' })).toBe(day('2026-09-30'));
    expect(readDay(winterBerlin, { timeZone: 'Europe/Berlin' })).toBe(day('2026-01-15'));
    expect(readText(berlinMidnight, 'Europe/Berlin')).toBe('2026-09-30');
  });
  it('would read a day early in UTC, which is why the zone matters', () => {
    expect(readDay(berlinMidnight, { timeZone: 'UTC' })).toBe(day('2026-09-29'));
  });
  it('falls back to the local calendar day for an unknown zone name', () => {
    const local = new Date(2026, 8, 30, 12);
    expect(readDay(local, { timeZone: 'Not/AZone' })).toBe(day('2026-09-30'));
  });
});

describe('blank cells', () => {
  it('are exactly the cells JavaScript trims to nothing, whatever white space they hold', () => {
    // Every code point that String.prototype.trim removes, alone in a cell, is blank.
    for (let code = 0; code <= 0xffff; code++) {
      const cell = String.fromCharCode(code);
      expect(isBlank(cell), `U+${code.toString(16).padStart(4, '0')}`).toBe(cell.trim() === '');
    }
  });
});
