import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { parseInstant } from '../common/instants';

// Worded as graphql-js words a scalar's refusal, which the error formatter reads the field from.
const REFUSAL = 'DateTime cannot represent this value: it must be a date and time with its offset from UTC, such as 2026-12-01T15:00:00Z or 2026-12-01T10:00:00-05:00';

/** The instant `value` is, or a refusal that points at the value written in the query when it is one. */
function instantOf(value: unknown, node?: ValueNode): Date {
  const instant = typeof value === 'string' ? parseInstant(value) : null;
  if (!instant) throw new GraphQLError(REFUSAL, { nodes: node });
  return instant;
}

/**
 * Instants as RFC 3339 text: sent in UTC with milliseconds (`toISOString`), read only with an
 * explicit offset and seconds (src/common/instants.ts). The name and type are the ones
 * `@nestjs/graphql` gives `Date` by default.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant (RFC 3339): a date and time with its offset from UTC, such as 2026-12-01T15:00:00Z or 2026-12-01T10:00:00-05:00. Sent in UTC.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize(value) {
    // A timestamp PostgreSQL wrote into JSON arrives as its text.
    const instant = typeof value === 'string' ? parseInstant(value) : value;
    if (instant instanceof Date && instant.getUTCFullYear() >= 0 && instant.getUTCFullYear() <= 9999) return instant.toISOString();
    // A resolver's mistake, not the client's.
    throw new TypeError(`DateTime cannot represent ${String(value)}`);
  },
  parseValue: instantOf,
  parseLiteral(ast) {
    return instantOf(ast.kind === Kind.STRING ? ast.value : undefined, ast);
  },
});
