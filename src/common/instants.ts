/**
 * Instants and calendar times read from text, strictly. JavaScript's own parser reads a time
 * without an offset in the server's time zone and rolls "February 30" over to March 2 and 24:00
 * over to the next day: an instant that depends on where the server runs, or that nobody meant.
 */

/** RFC 3339 `date-time`: a calendar date, a time of day and an explicit offset from UTC; seconds may be left out where allowed. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Whether the fields name a day of the Gregorian calendar and a time of that day (no 24:00, no leap second). */
export function isCalendarTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour <= 23 && minute <= 59 && second <= 59;
}

function daysIn(year: number, month: number): number {
  if (month !== 2) return [4, 6, 9, 11].includes(month) ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** The calendar time as if it were UTC; setUTCFullYear, not Date.UTC, which reads the years 0 to 99 as 1900 to 1999. */
export function utcTime(year: number, month: number, day: number, hour: number, minute: number, second: number, millisecond = 0): Date {
  const time = new Date(0);
  time.setUTCFullYear(year, month - 1, day);
  time.setUTCHours(hour, minute, second, millisecond);
  return time;
}

/**
 * The instant RFC 3339 text names, to the millisecond (finer fractions are cut), or null when it
 * names none or one outside the years 0000 to 9999 once at UTC. `secondsOptional` also reads
 * "2026-12-01T10:00Z".
 */
export function parseInstant(text: string, { secondsOptional = false } = {}): Date | null {
  const parts = DATE_TIME.exec(text);
  if (!parts || (parts[6] === undefined && !secondsOptional)) return null;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map((part) => Number(part ?? 0));
  const [fraction, utc, sign, offsetHours, offsetMinutes] = parts.slice(7);
  if (!isCalendarTime(year, month, day, hour, minute, second)) return null;
  if (!utc && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59)) return null;
  const millisecond = fraction ? Number(fraction.slice(1, 4).padEnd(3, '0')) : 0;
  const offsetMs = utc ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const instant = new Date(utcTime(year, month, day, hour, minute, second, millisecond).getTime() - offsetMs);
  return instant.getUTCFullYear() >= 0 && instant.getUTCFullYear() <= 9999 ? instant : null;
}
