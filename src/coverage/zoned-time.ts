import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { isCalendarTime, parseInstant, utcTime } from '../common/instants';

/**
 * Wall-clock times in IANA time zones, with the zone's rules of the day: 09:00 in Toronto is
 * 13:00Z in summer and 14:00Z in winter. Built on Intl; the iCalendar zone data only names zones.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const HOUR_MS = 3_600_000;

/** One per canonical zone name (see canonicalTimeZone). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

// Not through the cache of formatters: any spelling of any zone would grow it.
function intlName(timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * The one name a zone is stored and exported under, or null for what is not an IANA zone. Intl
 * accepts aliases and any letter case ("us/eastern"), but a calendar's TZID must be the name of a
 * VTIMEZONE it carries: so the name is the TZID of the zone's VTIMEZONE ("America/New_York"), and a
 * zone without VTIMEZONE data, or that Intl cannot compute with, is refused.
 */
export function canonicalTimeZone(timeZone: string): string | null {
  const resolved = intlName(timeZone);
  if (!resolved) return null;
  const vtimezone = getVtimezoneComponent(resolved) ?? getVtimezoneComponent(timeZone);
  const tzid = vtimezone ? /^TZID:(.+)$/m.exec(vtimezone)?.[1].trim() : undefined;
  return tzid && intlName(tzid) ? tzid : null;
}

/** The wall-clock fields of an instant in a zone, as if they were UTC (a "floating" time). */
export function floatingTime(instant: Date, timeZone: string): Date {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  return new Date(Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second));
}

/** The zone's offset from UTC at an instant, in milliseconds (Toronto in winter: −5 h). */
export function offsetAt(instant: Date, timeZone: string): number {
  return floatingTime(instant, timeZone).getTime() - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time names in a zone. A time that occurs twice (the hour repeated when
 * clocks fall back) is its first occurrence; a time that does not exist (the hour skipped when
 * clocks spring forward) is read with the offset before the change, as RFC 5545 does.
 */
export function instantOf(floating: Date, timeZone: string): Date {
  const local = floating.getTime();
  const before = offsetAt(new Date(local - 12 * HOUR_MS), timeZone);
  const after = offsetAt(new Date(local + 12 * HOUR_MS), timeZone);
  const candidates = [local - before, local - after].filter((candidate) => offsetAt(new Date(candidate), timeZone) === local - candidate);
  return new Date(candidates.length ? Math.min(...candidates) : local - before);
}

/**
 * An event time as people give it: an instant with its offset ("2026-11-01T05:30:00Z"), or a
 * wall-clock time in the event's zone ("2026-11-01T01:30"). Null when it is neither.
 */
export function parseEventTime(value: string, timeZone: string): Date | null {
  const match = LOCAL.exec(value);
  if (!match) return parseInstant(value, { secondsOptional: true });
  const [, year, month, day, hour, minute, second] = match.map((part) => Number(part ?? 0));
  return isCalendarTime(year, month, day, hour, minute, second) ? instantOf(utcTime(year, month, day, hour, minute, second), timeZone) : null;
}

/** An instant as the zone's wall clock with its offset: "2026-11-01T01:30:00-04:00". */
export function formatInZone(instant: Date, timeZone: string): string {
  const offset = offsetAt(instant, timeZone) / 60_000;
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${floatingTime(instant, timeZone).toISOString().slice(0, 19)}${sign}${hours}:${minutes}`;
}

/** Whether this wall-clock time of the instant also names an earlier instant (the repeated hour). */
export function isRepeatedWallClock(instant: Date, timeZone: string): boolean {
  return instantOf(floatingTime(instant, timeZone), timeZone).getTime() !== Math.floor(instant.getTime() / 1000) * 1000;
}
