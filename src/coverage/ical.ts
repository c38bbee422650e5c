import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar, ICalDayJsStub, ICalEventStatus } from 'ical-generator';
import { floatingTime, isRepeatedWallClock } from './zoned-time';

/** One VEVENT: an event, a session or an assignment, with its times as instants and its zone. */
export interface CalendarEntry {
  uid: string;
  /** Grows with every change, so that clients replace their copy (RFC 5545 SEQUENCE). */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  /** A canonical IANA name (see canonicalTimeZone), which is also the TZID of its VTIMEZONE. */
  timeZone: string;
  summary: string;
  description?: string;
  location?: string | null;
  url?: string | null;
  status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
}

/**
 * An instant on the wall clock of a zone, in the shape ical-generator takes for Day.js values. Given
 * a plain Date and a TZID, ical-generator would print the wall clock of the SERVER's zone; this
 * prints the event's, whatever zone the process runs in.
 */
class WallClock implements ICalDayJsStub {
  private readonly local: string;

  constructor(
    private readonly instant: Date,
    timeZone: string,
  ) {
    this.local = floatingTime(instant, timeZone).toISOString(); // 2026-11-01T00:30:00.000Z, read as local
  }

  get year(): number {
    return Number(this.local.slice(0, 4));
  }

  /** ical-generator asks for the two halves of a DATE-TIME: YYYYMMDD and HHmmss. */
  format(pattern?: string): string {
    if (pattern === 'YYYYMMDD') return this.local.slice(0, 10).replaceAll('-', '');
    if (pattern === 'HHmmss') return this.local.slice(11, 19).replaceAll(':', '');
    throw new Error(`Unexpected date format ${pattern}`);
  }

  isValid(): boolean {
    return true;
  }

  toDate(): Date {
    return this.instant;
  }

  toJSON(): string {
    return this.instant.toISOString();
  }

  tz(): WallClock {
    return this;
  }
}

/**
 * An iCalendar (RFC 5545) document: times on the wall clock of each entry's zone (DTSTART;TZID=…),
 * with one VTIMEZONE per zone used. A time in the hour repeated when clocks fall back names its
 * FIRST occurrence when written with a TZID, so an entry touching the second one is written in UTC.
 */
export function renderCalendar(name: string, entries: readonly CalendarEntry[], stamp = new Date()): string {
  const calendar = new ICalCalendar({ prodId: { company: 'Tandem', product: 'Coverage', language: 'FR' }, name });
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  for (const entry of entries) {
    const zoned = !isRepeatedWallClock(entry.startsAt, entry.timeZone) && !isRepeatedWallClock(entry.endsAt, entry.timeZone);
    calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      start: zoned ? new WallClock(entry.startsAt, entry.timeZone) : entry.startsAt,
      end: zoned ? new WallClock(entry.endsAt, entry.timeZone) : entry.endsAt,
      timezone: zoned ? entry.timeZone : null,
      stamp,
      summary: entry.summary,
      description: entry.description,
      location: entry.location ?? undefined,
      url: entry.url ?? undefined,
      status: ICalEventStatus[entry.status],
    });
  }
  return calendar.toString();
}
