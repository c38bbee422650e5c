import { QueryFailedError } from 'typeorm';
import { ServiceUnavailableError } from '../common/errors';

/** How long a caller should wait before trying again when the database cannot answer. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Socket errors and PostgreSQL's connection-exception, operator-intervention and
 * insufficient-resources classes: the database is away or overloaded, not the request wrong.
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_SQLSTATE = /^(08|53|57P)/;
/** query_canceled: here, only ever by statement_timeout. */
const STATEMENT_TIMEOUT_SQLSTATE = '57014';
/** What pg, pg-pool and TypeORM say, without a code, when a connection is lost or cannot be had. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is not yet established|Too many connections/i;

/**
 * The SERVICE_UNAVAILABLE answer for an error that means the database cannot answer now
 * (unreachable, gone, overloaded, or a statement past STATEMENT_TIMEOUT_MS), else undefined.
 */
export function databaseUnavailable(error: unknown): ServiceUnavailableError | undefined {
  const cause = error instanceof QueryFailedError ? error.driverError : error;
  const { code, message } = (cause ?? {}) as { code?: unknown; message?: unknown };
  if (code === STATEMENT_TIMEOUT_SQLSTATE) {
    return new ServiceUnavailableError(DATABASE_RETRY_AFTER_SECONDS, 'The request took too long; try again shortly');
  }
  const unavailable =
    (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) ||
    (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message));
  return unavailable ? new ServiceUnavailableError(DATABASE_RETRY_AFTER_SECONDS) : undefined;
}
