import { IncomingHttpHeaders } from 'node:http';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_STATUS, sendRefusal } from './common/app-error.filter';
import { networkOf } from './common/client-network';
import { AppError, RateLimitedError, ServiceUnavailableError } from './common/errors';
import { acceptedLanguage, translate } from './common/messages';
import { RequestRate } from './common/request-rate';

/** Requests in flight finish within milliseconds to seconds: a second is soon enough to try again. */
const RETRY_AFTER_SECONDS = 1;

/** Answered whatever the load: an orchestrator must not read an overload as a dead process, and an overload is when metrics matter most. */
const UNLIMITED_ROUTES = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/** /graphql is held to its hourly cost budget, not to a rate. */
const UNRATED_ROUTE = '/graphql';

/**
 * A WebSub hub pushes one request per update of every feed it serves, from a few addresses: only
 * what is refused (an unknown subscription, a bad signature) spends the rate, so that a hub's
 * pushes are taken however many, and anyone else's attempts are held to it.
 */
const CHARGED_WHEN_REFUSED = new Set(['/websub/:subscriptionId']);

/**
 * Whether a request asks to become a WebSocket: Node hands it over as an upgrade only when its
 * Connection header asks for one too. A request that merely names `Upgrade: websocket` is served
 * as the plain request it is, and counts.
 */
function isWebSocketUpgrade(headers: IncomingHttpHeaders): boolean {
  return headers.upgrade?.toLowerCase() === 'websocket' && (headers.connection ?? '').split(',').some((token) => token.trim().toLowerCase() === 'upgrade');
}

/** The requests in flight the process takes at once, and of them one client address; what one client may send a minute beside /graphql. */
export interface RequestLimits {
  total: number;
  perClient: number;
  routesPerMinute: number;
}

/**
 * At most `limits.total` requests in flight, and `limits.perClient` of one client (its address as
 * TRUST_PROXY makes it out; an IPv6 one by its /64, see networkOf); past them, a fast 503 (the
 * process is full) or 429 (that client has its share) with Retry-After, in the shape of the
 * route's errors (GraphQL's on /graphql), instead of a queue growing behind the database pool. A
 * request counts until its response is sent or its client is gone.
 *
 * The routes beside /graphql, which spend no hourly cost budget, are also held to
 * `limits.routesPerMinute` requests of one client (see RequestRate; WebSub's pushes as
 * CHARGED_WHEN_REFUSED says); past it, a 429 that says
 * when to come back. A feed reader polls a feed every few minutes; a client that asks for
 * calendars as fast as it can would hold the database pool for everyone.
 */
export function limitRequests(fastify: FastifyInstance, limits: RequestLimits): void {
  let inFlight = 0;
  const ofClient = new Map<string, number>();
  const routeRate = new RequestRate(limits.routesPerMinute);
  fastify.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url ?? '';
    if (UNLIMITED_ROUTES.has(route)) return;
    const client = networkOf(request.ip);
    const chargedWhenRefused = CHARGED_WHEN_REFUSED.has(route);
    const comeBackIn = route === UNRATED_ROUTE ? undefined : chargedWhenRefused ? routeRate.peek(client) : routeRate.take(client);
    if (comeBackIn !== undefined) {
      return refuse(request, reply, new RateLimitedError(comeBackIn, 'Too many requests from this client; try again in a moment'));
    }
    if (chargedWhenRefused) reply.raw.once('finish', () => reply.statusCode >= 400 && routeRate.take(client));
    if (inFlight >= limits.total) {
      return refuse(request, reply, new ServiceUnavailableError(RETRY_AFTER_SECONDS, 'Too many requests in flight; try again shortly'));
    }
    if ((ofClient.get(client) ?? 0) >= limits.perClient) {
      return refuse(request, reply, new RateLimitedError(RETRY_AFTER_SECONDS, 'Too many requests in flight from this client; try again shortly'));
    }
    // A WebSocket upgrade of /graphql becomes a live connection, held for minutes: it would fill
    // the count, and live connections have bounds of their own (src/realtime).
    if (route === '/graphql' && isWebSocketUpgrade(request.headers)) return;
    inFlight++;
    ofClient.set(client, (ofClient.get(client) ?? 0) + 1);
    let counted = true;
    const leave = () => {
      if (!counted) return;
      counted = false;
      inFlight--;
      const left = (ofClient.get(client) ?? 1) - 1;
      if (left) ofClient.set(client, left);
      else ofClient.delete(client);
    };
    reply.raw.once('finish', leave);
    reply.raw.once('close', leave);
  });
}

/**
 * A refusal of the limits. Its language is Accept-Language's only: the caller's preferredLanguage
 * is in a token whose signature an overloaded process should not spend time checking.
 */
function refuse(request: FastifyRequest, reply: FastifyReply, refusal: AppError): FastifyReply {
  if (request.routeOptions.url !== '/graphql') return sendRefusal(request, reply, refusal);
  const language = acceptedLanguage(request.headers['accept-language']) ?? 'en';
  return reply
    .code(HTTP_STATUS[refusal.code])
    .header('retry-after', String(RETRY_AFTER_SECONDS))
    .send({ data: null, errors: [{ message: translate(refusal.message, language), extensions: { ...refusal.details, code: refusal.code } }] });
}
