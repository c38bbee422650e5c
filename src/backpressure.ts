import { FastifyInstance } from 'fastify';
import { ServiceUnavailableError } from './common/errors';
import { acceptedLanguage, translate } from './common/messages';

/** Requests in flight finish within milliseconds to seconds: a second is soon enough to try again. */
const OVERLOAD_RETRY_AFTER_SECONDS = 1;

/** Answered whatever the load: an orchestrator must not read an overload as a dead process, and an overload is when metrics matter most. */
const UNLIMITED_ROUTES = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * At most `limit` requests in flight; past it, a fast 503 with Retry-After and a GraphQL-shaped
 * error, instead of a queue growing behind the database pool. A request counts until its
 * response is sent or its client is gone.
 */
export function limitRequestsInFlight(fastify: FastifyInstance, limit: number): void {
  let inFlight = 0;
  fastify.addHook('onRequest', async (request, reply) => {
    if (UNLIMITED_ROUTES.has(request.routeOptions.url ?? '')) return;
    if (inFlight >= limit) {
      const { code, message, details } = new ServiceUnavailableError(OVERLOAD_RETRY_AFTER_SECONDS, 'Too many requests in flight; try again shortly');
      // Accept-Language only: the caller's preferredLanguage is in a token whose signature an
      // overloaded process should not spend time checking.
      const language = acceptedLanguage(request.headers['accept-language']) ?? 'en';
      return reply
        .code(503)
        .header('retry-after', String(OVERLOAD_RETRY_AFTER_SECONDS))
        .send({ data: null, errors: [{ message: translate(message, language), extensions: { ...details, code } }] });
    }
    // A WebSocket upgrade becomes a live connection, held for minutes: it would fill the count, and
    // live connections have bounds of their own (src/realtime).
    if (request.headers.upgrade?.toLowerCase() === 'websocket') return;
    inFlight++;
    let counted = true;
    const leave = () => {
      if (counted) inFlight--;
      counted = false;
    };
    reply.raw.once('finish', leave);
    reply.raw.once('close', leave);
  });
}
