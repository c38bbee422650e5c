import { parseInstant } from './instants';

describe('parseInstant', () => {
  it('reads RFC 3339 date-times at their offset, to the millisecond', () => {
    expect(parseInstant('2026-12-01T10:00:00Z')?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(parseInstant('2026-12-01T10:00:00.29-05:00')?.toISOString()).toBe('2026-12-01T15:00:00.290Z');
    expect(parseInstant('2026-12-01 23:30:00.123456+05:30')?.toISOString()).toBe('2026-12-01T18:00:00.123Z');
    expect(parseInstant('2028-02-29T00:00:00Z')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(parseInstant('0050-01-01T00:00:00Z')?.getUTCFullYear()).toBe(50);
    expect(parseInstant('2026-12-01T10:00Z', { secondsOptional: true })?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('refuses what is not one instant: no offset, no time, impossible dates and times', () => {
    for (const text of ['2026-12-01T10:00:00', '2026-12-01', '2026-12-01T10:00Z', '2027-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-12-01T24:00:00Z',
      '2026-12-01T10:60:00Z', '2026-12-01T10:00:60Z', '2026-12-01T10:00:00+24:00', '2026-13-01T00:00:00Z', ' 2026-12-01T10:00:00Z', '1700000000000',
      // Outside the years 0000 to 9999 once at UTC.
      '0000-01-01T00:00:00+00:01', '9999-12-31T23:59:59-23:59']) {
      expect(parseInstant(text)).toBeNull();
    }
  });
});
