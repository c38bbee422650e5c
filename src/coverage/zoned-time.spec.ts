import { canonicalTimeZone, formatInZone, isRepeatedWallClock, parseEventTime } from './zoned-time';

const TORONTO = 'America/Toronto';

describe('zoned time', () => {
  it('reads a wall-clock time with the rules of its day', () => {
    expect(parseEventTime('2026-10-31T09:00', TORONTO)?.toISOString()).toBe('2026-10-31T13:00:00.000Z');
    expect(parseEventTime('2026-11-02T09:00', TORONTO)?.toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('takes the first of a repeated hour and skips over a missing one', () => {
    // 2026-11-01: 02:00 EDT becomes 01:00 EST, so 01:30 happens twice.
    expect(parseEventTime('2026-11-01T01:30', TORONTO)?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // 2026-03-08: 02:00 EST becomes 03:00 EDT, so 02:30 never happens; read with the offset before.
    expect(parseEventTime('2026-03-08T02:30', TORONTO)?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('accepts instants with an offset as they are, and refuses anything else', () => {
    expect(parseEventTime('2026-11-01T06:30:00Z', TORONTO)?.toISOString()).toBe('2026-11-01T06:30:00.000Z');
    expect(parseEventTime('2026-11-01T01:30:00-05:00', TORONTO)?.toISOString()).toBe('2026-11-01T06:30:00.000Z');
    expect(parseEventTime('2026-02-30T10:00', TORONTO)).toBeNull();
    // Neither an instant nor a wall-clock time rolls over to the next day or minute.
    expect(parseEventTime('2026-02-30T10:00:00Z', TORONTO)).toBeNull();
    expect(parseEventTime('2026-11-01T24:00Z', TORONTO)).toBeNull();
    expect(parseEventTime('2026-11-01T09:00:99', TORONTO)).toBeNull();
    expect(parseEventTime('tomorrow', TORONTO)).toBeNull();
  });

  it('shows an instant as the zone’s wall clock with its offset', () => {
    expect(formatInZone(new Date('2026-11-01T05:30:00Z'), TORONTO)).toBe('2026-11-01T01:30:00-04:00');
    expect(formatInZone(new Date('2026-11-01T06:30:00Z'), TORONTO)).toBe('2026-11-01T01:30:00-05:00');
    expect(isRepeatedWallClock(new Date('2026-11-01T06:30:00Z'), TORONTO)).toBe(true);
    expect(isRepeatedWallClock(new Date('2026-11-01T05:30:00Z'), TORONTO)).toBe(false);
  });

  it('knows IANA zones, under the name of their VTIMEZONE', () => {
    expect(canonicalTimeZone('America/St_Johns')).toBe('America/St_Johns');
    expect(canonicalTimeZone('america/toronto')).toBe('America/Toronto');
    expect(canonicalTimeZone('US/Eastern')).toBe('America/New_York');
    expect(canonicalTimeZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('UTC')).toBe('Etc/UTC');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(canonicalTimeZone('+05:00')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });
});
