import { HttpException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { AppError, ConflictError, ErrorCode, FieldError, listed } from './errors';
import { MessageLanguage, translatedDetails, translatedMessage } from './messages';
import { databaseUnavailable } from '../database';
import { queryInputFields } from './query-input-errors';

/** The refusal an HTTP status of Nest or Fastify stands for. */
export const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  429: 'RATE_LIMITED',
};

const PG_UNIQUE_VIOLATION = '23505';

/**
 * A request refused at the HTTP edge before GraphQL ran, with its HTTP status: a body that is not
 * JSON, or not UTF-8 (see src/graphql/http-edge.ts).
 */
export class RequestRefusedError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** graphql-js guesses at the names a query got wrong; `hideSchema` keeps those guesses to itself. */
const SUGGESTION = / Did you mean .*\?$/;

/**
 * Turns whatever a resolver threw into the error the API promises, with nothing internal in it,
 * its messages in `language` (src/common/messages.ts); with `hideSchema`, query errors do not
 * suggest names of the schema.
 */
export function toPublicError(error: GraphQLError, exposeInternals: boolean, hideSchema = false, language: MessageLanguage = 'en'): GraphQLError {
  const original = error.originalError;
  const publicError = (code: ErrorCode, message: string, details: Record<string, unknown> = {}) =>
    new GraphQLError(translatedMessage(message, details, language), {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      extensions: { ...translatedDetails(details, language), code },
    });

  const malformed = requestShapeFields(error);
  if (malformed) return publicError('BAD_USER_INPUT', 'The request is malformed', { fields: malformed });
  // A query the schema rejects before running it (syntax, unknown field, wrong variable type):
  // the message is about the query. Such errors have no path; one with a path is the server's own.
  // An input refused there names its fields; in French, the message is theirs, graphql-js' own
  // being English only.
  if ((!original || original instanceof GraphQLError) && !error.path) {
    const code = (error.extensions?.code as ErrorCode | undefined) ?? 'BAD_USER_INPUT';
    const fields = queryInputFields(error);
    const message = language !== 'en' && fields.length ? listed(fields) : hideSchema ? error.message.replace(SUGGESTION, '') : error.message;
    return publicError(code, message, { fields });
  }
  if (!original) return publicError('INTERNAL_SERVER_ERROR', exposeInternals ? error.message : 'Internal server error');
  if (original instanceof AppError) return publicError(original.code, original.message, original.details);
  const unavailable = databaseUnavailable(original);
  if (unavailable) return publicError(unavailable.code, unavailable.message, unavailable.details);
  const requestStatus = requestErrorStatus(original);
  if (requestStatus) {
    const message =
      original instanceof RequestRefusedError ? original.message : requestStatus === 413 ? 'The request body is too large' : 'The request is malformed';
    return publicError(requestStatus === 429 ? 'RATE_LIMITED' : 'BAD_USER_INPUT', message, { fields: [] });
  }
  if (original instanceof QueryFailedError && (original.driverError as { code?: string })?.code === PG_UNIQUE_VIOLATION) {
    const conflict = new ConflictError('That already exists');
    return publicError(conflict.code, conflict.message);
  }
  if (original instanceof HttpException && HTTP_STATUS_CODES[original.getStatus()]) {
    return publicError(HTTP_STATUS_CODES[original.getStatus()], original.message);
  }
  return publicError(
    'INTERNAL_SERVER_ERROR',
    exposeInternals ? original.message : 'Internal server error',
    exposeInternals ? { stacktrace: original.stack?.split('\n') } : {},
  );
}

/**
 * The fields of a request whose shape Fastify's schema of the route refused (a batch sent as an
 * array, `variables` that are not an object), as the API names them: `body` for the whole body,
 * else the property's path; null for any other error.
 */
function requestShapeFields(error: unknown): FieldError[] | null {
  const { validation, validationContext } = (error ?? {}) as { validation?: unknown; validationContext?: unknown };
  if (!Array.isArray(validation) || typeof validationContext !== 'string') return null;
  return validation.map((item: { instancePath?: string; keyword?: string; params?: { type?: unknown } }) => ({
    field: item.instancePath ? item.instancePath.slice(1).replace(/\//g, '.') : validationContext,
    message: item.keyword === 'type' ? `must be of type ${String(item.params?.type).replace(/,/g, ' or ')}` : 'is not valid',
  }));
}

/**
 * The HTTP status of an error Fastify, Mercurius or the HTTP edge raised before GraphQL ran (a body
 * too large, malformed JSON, a wrong content type, no query at all), or undefined for any other error.
 */
export function requestErrorStatus(error: unknown): number | undefined {
  if (error instanceof RequestRefusedError) return error.statusCode;
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  return typeof code === 'string' && /^(FST|MER)_ERR/.test(code) && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500
    ? statusCode
    : undefined;
}
