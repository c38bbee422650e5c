import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';

/** RFC 3339 `date-time`: a calendar date, a time of day and an explicit offset from UTC. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

// Worded as graphql-js words a scalar's refusal, which the error formatter reads the field from.
const REFUSAL = 'DateTime cannot represent this value: it must be a date and time with its offset from UTC, such as 2026-12-01T15:00:00Z or 2026-12-01T10:00:00-05:00';

/**
 * The instant a client wrote, or null when it is not one. JavaScript's own parser reads a time
 * without an offset in the server's time zone and rolls "February 30" over to March: an instant
 * that depends on where the server runs, or that nobody meant.
 */
export function parseInstant(text: string): Date | null {
  const parts = DATE_TIME.exec(text);
  if (!parts) return null;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number);
  const [fraction, utc, sign, offsetHours, offsetMinutes] = parts.slice(7);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  if (!utc && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59)) return null;
  const instant = new Date(0);
  // setUTCFullYear, not Date.UTC: that one reads the years 0 to 99 as 1900 to 1999.
  instant.setUTCFullYear(year, month - 1, day);
  instant.setUTCHours(hour, minute, second, fraction ? Number(fraction.slice(1, 4).padEnd(3, '0')) : 0);
  const offsetMs = utc ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  return new Date(instant.getTime() - offsetMs);
}

function daysIn(year: number, month: number): number {
  if (month !== 2) return [4, 6, 9, 11].includes(month) ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** The instant `value` is, or a refusal that points at the value written in the query when it is one. */
function instantOf(value: unknown, node?: ValueNode): Date {
  const instant = typeof value === 'string' ? parseInstant(value) : null;
  if (!instant) throw new GraphQLError(REFUSAL, { nodes: node });
  return instant;
}

/**
 * Instants as RFC 3339 text: sent in UTC with milliseconds (`toISOString`), read only with an
 * explicit offset. The name and type are the ones `@nestjs/graphql` gives `Date` by default.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant (RFC 3339): a date and time with its offset from UTC, such as 2026-12-01T15:00:00Z or 2026-12-01T10:00:00-05:00. Sent in UTC.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize(value) {
    // A timestamp PostgreSQL wrote into JSON arrives as its text.
    const instant = typeof value === 'string' ? parseInstant(value) : value;
    if (instant instanceof Date && !Number.isNaN(instant.getTime())) return instant.toISOString();
    // A resolver's mistake, not the client's.
    throw new TypeError(`DateTime cannot represent ${String(value)}`);
  },
  parseValue: instantOf,
  parseLiteral(ast) {
    return instantOf(ast.kind === Kind.STRING ? ast.value : undefined, ast);
  },
});
