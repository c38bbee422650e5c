import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { AppError, ErrorCode } from './errors';

const HTTP_STATUS: Record<ErrorCode, number> = {
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
 * Refusals are expected outcomes, not faults: they are answered without being logged as errors.
 * GraphQL passes them on to the error formatter; plain HTTP routes (feeds, calendars) answer JSON.
 */
@Catch(AppError)
export class AppErrorFilter implements ExceptionFilter {
  catch(error: AppError, host: ArgumentsHost) {
    if (host.getType<string>() === 'graphql') return error;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // The route may have declared another content type (a feed, a calendar): the refusal is JSON.
    return reply
      .status(HTTP_STATUS[error.code])
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ error: { code: error.code, message: error.message, ...error.details } }));
  }
}
