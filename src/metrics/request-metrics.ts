import { FastifyInstance, FastifyRequest } from 'fastify';
import { Metrics } from './metrics.service';

const GRAPHQL_ROUTE = '/graphql';
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
/** The first named operation of a document, past comments and blanks. */
const FIRST_OPERATION = /^(?:\s|#[^\n]*\n)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;
/** Operation names are the caller's words: past this many distinct ones, the rest count as "other". */
const MAX_OPERATION_NAMES = 200;

/** The outcome of each GraphQL request that has one: the code of its first error, as the error formatter wrote it. */
const outcomes = new WeakMap<FastifyRequest, string>();

/**
 * Tells the metrics the code of a GraphQL response's first error, from the error formatter, which has
 * them at hand: a response without errors is then known to be OK without reading it, whatever its size.
 */
export function noteGraphqlOutcome(request: FastifyRequest, code: string): void {
  outcomes.set(request, code);
}

/** Counts every response, and GraphQL ones by operation name and outcome, from Fastify's hooks. */
export function countRequests(fastify: FastifyInstance, metrics: Metrics): void {
  const operationNames = new Set<string>();
  const operationOf = (request: FastifyRequest): string => {
    const name = operationNameOf((request.method === 'GET' ? request.query : request.body) as Record<string, unknown> | undefined);
    if (operationNames.has(name) || operationNames.size < MAX_OPERATION_NAMES) {
      operationNames.add(name);
      return name;
    }
    return 'other';
  };
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url === GRAPHQL_ROUTE && !outcomes.has(request)) outcomes.set(request, outcomeOf(reply.statusCode, payload));
    return payload;
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const seconds = reply.elapsedTime / 1000;
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpAnswered(request.method, route, reply.statusCode, seconds);
    if (route === GRAPHQL_ROUTE) metrics.graphqlAnswered(operationOf(request), outcomes.get(request) ?? 'UNKNOWN', seconds);
  });
}

/** `operationName`, else the name of the document's first operation, else "anonymous". */
export function operationNameOf(body: Record<string, unknown> | undefined): string {
  const given = body?.operationName;
  if (typeof given === 'string' && given) return OPERATION_NAME.test(given) ? given : 'invalid';
  const query = typeof body?.query === 'string' ? body.query : '';
  return FIRST_OPERATION.exec(query)?.[1].slice(0, 64) ?? 'anonymous';
}

/**
 * The outcome of a response the error formatter did not see (refused before GraphQL ran, e.g. by
 * backpressure): OK for a 200, else the code of its first error, read from the payload.
 */
function outcomeOf(statusCode: number, payload: unknown): string {
  if (statusCode === 200) return 'OK';
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString() : '';
  try {
    const code = (JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : 'OK';
  } catch {
    return 'UNKNOWN';
  }
}
