import * as ical from 'node-ical';
import { CalendarEntry, renderCalendar } from './ical';

const entry = (overrides: Partial<CalendarEntry>): CalendarEntry => ({
  uid: 'session-1@tandem',
  sequence: 0,
  startsAt: new Date('2026-12-01T14:00:00Z'),
  endsAt: new Date('2026-12-01T15:00:00Z'),
  timeZone: 'America/Toronto',
  summary: 'Atelier / Workshop',
  status: 'CONFIRMED',
  ...overrides,
});

/** The lines starting with `prefix`, outside VTIMEZONE blocks (whose own DTSTARTs describe the zone's rules). */
const lines = (text: string, prefix: string) =>
  text
    .replace(/BEGIN:VTIMEZONE[\s\S]*?END:VTIMEZONE\r\n/g, '')
    .split('\r\n')
    .filter((line) => line.startsWith(prefix));
const zoneNames = (text: string) => text.split('\r\n').filter((line) => line.startsWith('TZID:'));

describe('iCalendar rendering', () => {
  const processZone = process.env.TZ;
  afterEach(() => {
    if (processZone === undefined) delete process.env.TZ;
    else process.env.TZ = processZone;
  });

  it('writes the wall clock of the event’s zone, whatever zone the server runs in', () => {
    for (const zone of ['UTC', 'Asia/Tokyo', 'America/Vancouver']) {
      process.env.TZ = zone;
      const text = renderCalendar('x', [entry({})]);
      expect(lines(text, 'DTSTART')).toEqual(['DTSTART;TZID=America/Toronto:20261201T090000']);
      expect(lines(text, 'DTEND')).toEqual(['DTEND;TZID=America/Toronto:20261201T100000']);
    }
  });

  it('carries one VTIMEZONE per zone, named as the entries name it', () => {
    const text = renderCalendar('x', [
      entry({}),
      entry({ uid: 'b', timeZone: 'America/Halifax' }),
      entry({ uid: 'c', timeZone: 'America/Toronto', sequence: 3 }),
    ]);
    expect(zoneNames(text).sort()).toEqual(['TZID:America/Halifax', 'TZID:America/Toronto']);
    expect(lines(text, 'DTSTART;TZID=America/Halifax')).toEqual(['DTSTART;TZID=America/Halifax:20261201T100000']);
    const parsed = ical.sync.parseICS(text) as Record<string, any>;
    expect(parsed.b.start.toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(Number(parsed.c.sequence)).toBe(3);
  });

  it('keeps the wall clock on both sides of a change of offset, and writes the repeated hour’s second pass in UTC', () => {
    // 2026-11-01 in Toronto: 01:30 EDT (05:30Z) then 01:30 EST (06:30Z).
    const night = entry({ startsAt: new Date('2026-11-01T04:30:00Z'), endsAt: new Date('2026-11-01T08:30:00Z') });
    const second = entry({ uid: 'second', startsAt: new Date('2026-11-01T06:30:00Z'), endsAt: new Date('2026-11-01T07:30:00Z') });
    const text = renderCalendar('x', [night, second]);
    expect(lines(text, 'DTSTART')).toEqual(['DTSTART;TZID=America/Toronto:20261101T003000', 'DTSTART:20261101T063000Z']);
    expect(lines(text, 'DTEND')).toEqual(['DTEND;TZID=America/Toronto:20261101T033000', 'DTEND:20261101T073000Z']);
    const parsed = ical.sync.parseICS(text) as Record<string, any>;
    expect([parsed[night.uid].start.toISOString(), parsed[night.uid].end.toISOString()]).toEqual(['2026-11-01T04:30:00.000Z', '2026-11-01T08:30:00.000Z']);
    expect(parsed.second.start.toISOString()).toBe('2026-11-01T06:30:00.000Z');
  });

  it('marks cancelled entries', () => {
    expect(lines(renderCalendar('x', [entry({ status: 'CANCELLED' })]), 'STATUS')).toEqual(['STATUS:CANCELLED']);
  });
});
