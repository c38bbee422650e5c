import { IncomingHttpHeaders } from 'node:http';
import { FastifyInstance } from 'fastify';
import { sendRefusal } from './common/app-error.filter';
import { ServiceUnavailableError } from './common/errors';
import { acceptedLanguage, translate } from './common/messages';

/** Requests in flight finish within milliseconds to seconds: a second is soon enough to try again. */
const OVERLOAD_RETRY_AFTER_SECONDS = 1;

/** Answered whatever the load: an orchestrator must not read an overload as a dead process, and an overload is when metrics matter most. */
const UNLIMITED_ROUTES = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * Whether a request asks to become a WebSocket: Node hands it over as an upgrade only when its
 * Connection header asks for one too. A request that merely names `Upgrade: websocket` is served
 * as the plain request it is, and counts.
 */
function isWebSocketUpgrade(headers: IncomingHttpHeaders): boolean {
  return headers.upgrade?.toLowerCase() === 'websocket' && (headers.connection ?? '').split(',').some((token) => token.trim().toLowerCase() === 'upgrade');
}

/**
 * At most `limit` requests in flight; past it, a fast 503 with Retry-After, in the shape of the
 * route's errors (GraphQL's on /graphql), instead of a queue growing behind the database pool. A
 * request counts until its response is sent or its client is gone.
 */
export function limitRequestsInFlight(fastify: FastifyInstance, limit: number): void {
  let inFlight = 0;
  fastify.addHook('onRequest', async (request, reply) => {
    if (UNLIMITED_ROUTES.has(request.routeOptions.url ?? '')) return;
    if (inFlight >= limit) {
      const overload = new ServiceUnavailableError(OVERLOAD_RETRY_AFTER_SECONDS, 'Too many requests in flight; try again shortly');
      // Accept-Language only: the caller's preferredLanguage is in a token whose signature an
      // overloaded process should not spend time checking.
      if (request.routeOptions.url !== '/graphql') return sendRefusal(request, reply, overload);
      const language = acceptedLanguage(request.headers['accept-language']) ?? 'en';
      return reply
        .code(503)
        .header('retry-after', String(OVERLOAD_RETRY_AFTER_SECONDS))
        .send({ data: null, errors: [{ message: translate(overload.message, language), extensions: { ...overload.details, code: overload.code } }] });
    }
    // A WebSocket upgrade of /graphql becomes a live connection, held for minutes: it would fill
    // the count, and live connections have bounds of their own (src/realtime).
    if (request.routeOptions.url === '/graphql' && isWebSocketUpgrade(request.headers)) return;
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
