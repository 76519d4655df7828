import { describe, expect, it } from 'vitest';
import { addMonths, dateOf, formatInstant, isDateText, parseInstant, startOfDate, timestampOf } from './time';

// 2026-04-01T00:00:00Z is 1 775 001 600 s after the epoch (computed independently with Python's datetime).
const APRIL_FIRST_2026_UTC = 1_775_001_600_000;

describe('parseInstant', () => {
  it('accepts a UTC instant with Z', () => {
    expect(parseInstant('2026-04-01T00:00:00Z')).toBe(APRIL_FIRST_2026_UTC);
  });

  it('accepts an instant with a positive offset', () => {
    expect(parseInstant('2026-04-01T08:00:00+08:00')).toBe(APRIL_FIRST_2026_UTC);
  });

  it('accepts an instant with a negative offset', () => {
    expect(parseInstant('2026-03-31T19:30:00-04:30')).toBe(APRIL_FIRST_2026_UTC);
  });

  it('accepts fractional seconds, keeping millisecond precision', () => {
    expect(parseInstant('2026-04-01T00:00:00.1Z')).toBe(APRIL_FIRST_2026_UTC + 100);
    expect(parseInstant('2026-04-01T00:00:00.123Z')).toBe(APRIL_FIRST_2026_UTC + 123);
    expect(parseInstant('2026-04-01T00:00:00.123456789Z')).toBe(APRIL_FIRST_2026_UTC + 123);
  });

  it('refuses an instant without a zone', () => {
    expect(parseInstant('2026-04-01T00:00:00')).toBeUndefined();
    expect(parseInstant('2026-04-01T00:00:00.000')).toBeUndefined();
  });

  it('refuses a bare date', () => {
    expect(parseInstant('2026-04-01')).toBeUndefined();
  });

  it('refuses 30 February', () => {
    expect(parseInstant('2026-02-30T00:00:00Z')).toBeUndefined();
  });

  it('refuses 29 February outside leap years and accepts it in them', () => {
    expect(parseInstant('2026-02-29T00:00:00Z')).toBeUndefined();
    expect(parseInstant('2100-02-29T00:00:00Z')).toBeUndefined();
    expect(parseInstant('2028-02-29T00:00:00Z')).toBe(Date.UTC(2028, 1, 29));
    expect(parseInstant('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
  });

  it('refuses hour 24', () => {
    expect(parseInstant('2026-04-01T24:00:00Z')).toBeUndefined();
  });

  it('refuses minute 60 and second 60', () => {
    expect(parseInstant('2026-04-01T12:60:00Z')).toBeUndefined();
    expect(parseInstant('2026-12-31T23:59:60Z')).toBeUndefined();
  });

  it('refuses month 13 and day 0', () => {
    expect(parseInstant('2026-13-01T00:00:00Z')).toBeUndefined();
    expect(parseInstant('2026-04-00T00:00:00Z')).toBeUndefined();
  });

  it('refuses an out-of-range offset', () => {
    expect(parseInstant('2026-04-01T00:00:00+24:00')).toBeUndefined();
    expect(parseInstant('2026-04-01T00:00:00+08:60')).toBeUndefined();
  });

  it('refuses forms other than extended ISO 8601', () => {
    for (const text of ['2026-04-01 00:00:00Z', '20260401T000000Z', '2026-04-01T00:00Z', '2026-04-01T00:00:00+0800', '2026-04-01T00:00:00z', 'Wed, 01 Apr 2026 00:00:00 GMT', '']) {
      expect(parseInstant(text)).toBeUndefined();
    }
  });
});

describe('formatInstant', () => {
  it('formats in UTC with milliseconds', () => {
    expect(formatInstant(APRIL_FIRST_2026_UTC + 5)).toBe('2026-04-01T00:00:00.005Z');
  });

  it('gives one canonical form for every way of writing an instant', () => {
    const forms = ['2026-04-01T08:00:00+08:00', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00.000000Z', '2026-03-31T23:00:00-01:00'];
    expect(new Set(forms.map((form) => formatInstant(parseInstant(form) as number)))).toEqual(new Set(['2026-04-01T00:00:00.000Z']));
  });
});

describe('timestampOf', () => {
  it('keeps nanos within [0, 1e9) before 1970, as protobuf Timestamp requires', () => {
    expect(timestampOf('1969-12-31T23:59:59.999Z')).toEqual({ seconds: -1, nanos: 999_000_000 });
    expect(timestampOf('1960-01-01T00:00:00.5Z')).toEqual({ seconds: -315_619_200, nanos: 500_000_000 });
  });

  it('splits an instant into whole seconds and nanoseconds', () => {
    expect(timestampOf('2026-04-01T00:00:00.123Z')).toEqual({ seconds: 1_775_001_600, nanos: 123_000_000 });
  });

  it('reads the instant\'s offset', () => {
    expect(timestampOf('2026-04-01T08:00:00+08:00')).toEqual({ seconds: 1_775_001_600, nanos: 0 });
  });
});

describe('isDateText', () => {
  it('accepts a real calendar date', () => {
    expect(isDateText('2026-04-01')).toBe(true);
    expect(isDateText('2024-02-29')).toBe(true);
  });

  it('refuses a date that does not exist', () => {
    expect(isDateText('2026-02-30')).toBe(false);
    expect(isDateText('2026-02-29')).toBe(false);
    expect(isDateText('2026-04-31')).toBe(false);
    expect(isDateText('2026-00-10')).toBe(false);
  });

  it('refuses other forms', () => {
    for (const text of ['2026-4-1', '20260401', '2026/04/01', '2026-04-01T00:00:00Z', ' 2026-04-01', '']) expect(isDateText(text)).toBe(false);
  });
});

describe('startOfDate', () => {
  it('is 16:00 UTC of the previous day (China Standard Time, UTC+08:00)', () => {
    expect(formatInstant(startOfDate('2026-04-01'))).toBe('2026-03-31T16:00:00.000Z');
  });

  it('crosses a year boundary', () => {
    expect(formatInstant(startOfDate('2027-01-01'))).toBe('2026-12-31T16:00:00.000Z');
  });

  it('crosses a leap day', () => {
    expect(formatInstant(startOfDate('2028-03-01'))).toBe('2028-02-29T16:00:00.000Z');
  });
});

describe('dateOf', () => {
  it('gives the China Standard Time date from 16:00 UTC of the day before', () => {
    expect(dateOf(Date.parse('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
  });

  it('gives the previous date one millisecond earlier', () => {
    expect(dateOf(Date.parse('2026-03-31T15:59:59.999Z'))).toBe('2026-03-31');
  });

  it('is the inverse of startOfDate', () => {
    for (const date of ['2019-07-01', '2023-05-01', '2024-02-29', '2026-04-01', '2026-12-31']) expect(dateOf(startOfDate(date))).toBe(date);
  });
});

describe('addMonths', () => {
  it('keeps the day of the month when the target month has it', () => {
    expect(addMonths('2026-04-15', 3)).toBe('2026-07-15');
  });

  it('clamps to the end of a shorter month: 2026-11-30 plus 3 months is 2027-02-28', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('clamps to 29 February in a leap year', () => {
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('clamps 29 February to 28 February a year later', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('keeps 29 February four years later', () => {
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
  });

  it('clamps 31 to 30 in a 30-day month', () => {
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
  });

  it('carries into the next year', () => {
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-04-01', 36)).toBe('2029-04-01');
  });

  it('returns the same date for zero months', () => {
    expect(addMonths('2026-04-01', 0)).toBe('2026-04-01');
  });

  it('counts backwards for negative months', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
  });
});
