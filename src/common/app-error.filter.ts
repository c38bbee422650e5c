import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { FastifyReply, FastifyRequest } from 'fastify';
import { databaseUnavailable } from '../database';
import { AppError, ErrorCode } from './errors';
import { HTTP_STATUS_CODES } from './graphql-errors';
import { acceptedLanguage, translatedDetails, translatedMessage } from './messages';

/** The HTTP status of each refusal, where HTTP carries it. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/**
 * A refusal as the plain HTTP routes (feeds, calendars, pages, unsubscribe links) answer it: its
 * status, `Retry-After` when it says when to come back, and `{ error: { code, message, … } }` in
 * the language of the request's Accept-Language. The routes carry no token, so that header is
 * what tells the caller's language.
 */
export function sendRefusal(request: FastifyRequest, reply: FastifyReply, refusal: AppError): FastifyReply {
  const language = acceptedLanguage(request.headers['accept-language']) ?? 'en';
  const retryAfter = refusal.details.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  // The route may have declared another content type (a feed, a calendar): the refusal is JSON.
  return reply
    .status(HTTP_STATUS[refusal.code])
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ error: { code: refusal.code, message: translatedMessage(refusal.message, refusal.details, language), ...translatedDetails(refusal.details, language) } }));
}

/**
 * Nest's own refusals (an address no route serves, GraphiQL's assets in production) as the API's,
 * so that every refusal of a route has one shape; an address is named by no route's message.
 */
function refusalOfHttpException(error: unknown): AppError | undefined {
  if (!(error instanceof HttpException)) return undefined;
  const code = HTTP_STATUS_CODES[error.getStatus()];
  if (!code) return undefined;
  return new AppError(code, error.getStatus() === HttpStatus.NOT_FOUND ? 'Nothing is served at this address' : error.message);
}

/**
 * Refusals are expected outcomes, not faults: they are answered without being logged as errors.
 * GraphQL passes them on to its error formatter, and the rest as Nest does. A plain HTTP route
 * answers a refusal, Nest's own (refusalOfHttpException) and a database it cannot reach (a 503
 * that says when to retry, not a 500) with sendRefusal; any other error as Nest does.
 */
@Catch()
export class AppErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(AppErrorFilter.name);

  override catch(error: unknown, host: ArgumentsHost) {
    // Nothing returned: Nest's own handler logs the error and rethrows it to the formatter.
    if (host.getType<string>() === 'graphql') return error instanceof AppError ? error : undefined;
    const unavailable = error instanceof AppError ? undefined : databaseUnavailable(error);
    // An outage is the operator's to know of, though the caller is only told to come back.
    if (unavailable) this.logger.warn(`A route answered 503: ${(error as Error).message}`);
    const refusal = error instanceof AppError ? error : (unavailable ?? refusalOfHttpException(error));
    if (!refusal) return super.catch(error, host);
    const http = host.switchToHttp();
    return sendRefusal(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), refusal);
  }
}
