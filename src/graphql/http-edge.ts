import { isUtf8 } from 'node:buffer';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance } from 'fastify';
import { RequestRefusedError } from '../common/graphql-errors';
import { AppConfig } from '../config/config';

const GRAPHQL_PATH = '/graphql';

/** `application/json`, with no charset or UTF-8 (the only encoding JSON has, RFC 8259 §8.1). */
function isJsonContentType(header: string | undefined): boolean {
  const [mediaType, ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  return mediaType === 'application/json' && (charset === undefined || charset === 'utf-8' || charset === 'utf8');
}

/**
 * The HTTP edge of the API, on Fastify, before GraphQL sees a request:
 * - GraphQL is POSTed as JSON only. A form (urlencoded or multipart) or a `text/plain` body is
 *   what any web page can make a browser send to another site without asking it first (no CORS
 *   preflight), so it gets 415 and never runs: no page can sign someone up or in behind their back.
 *   Queries also come by GET, which Mercurius never lets run a mutation.
 * - A JSON body that is not UTF-8 is 400, instead of being read with replacement characters.
 * - Browsers may call the API only from the origins of CORS_ORIGINS (none by default).
 * Called once, after `app.init()` and before Fastify is ready.
 */
export function registerHttpEdge(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.method === 'POST' && request.routeOptions.url === GRAPHQL_PATH && !isJsonContentType(request.headers['content-type'])) {
      done(new RequestRefusedError(415, 'Send GraphQL requests as application/json'));
    } else {
      done();
    }
  });

  // Every route that Nest's JSON parser reads (WebSub reads its bodies as bytes, for the feed parser to
  // decode): that parser reads bad bytes as U+FFFD. It keeps the bytes it parsed (createApp's
  // rawBody), checked here before any handler sees the body, then let go rather than held with it.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const parsed = request as { rawBody?: Buffer };
    const { rawBody } = parsed;
    parsed.rawBody = undefined;
    if (rawBody && isJsonContentType(request.headers['content-type']) && !isUtf8(rawBody)) done(new RequestRefusedError(400, 'The request body is not valid UTF-8'));
    else done();
  });

  if (config.CORS_ORIGINS.length > 0) app.enableCors({ origin: config.CORS_ORIGINS, maxAge: 600 });
}

/**
 * Mercurius declares an error's path a list of strings in the response schema of /graphql, so
 * Fastify's serializer wrote the place of a list item as "0" where the GraphQL specification (and
 * every client that puts an error back in its place in the data) has the number 0. The path is
 * declared as names and numbers here, as the routes are added. Called before `app.init()`.
 */
export function serveErrorPathsAsTheyAre(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const response = route.schema?.response as Record<string, JsonSchema> | undefined;
    const errors = response?.['2xx']?.properties?.errors;
    if (route.url !== GRAPHQL_PATH || !response || !errors?.items?.properties?.path) return;
    const path: JsonSchema = { type: 'array', items: { type: ['string', 'integer'] } };
    const withPath = (schema: JsonSchema, name: string, property: JsonSchema): JsonSchema => ({ ...schema, properties: { ...schema.properties, [name]: property } });
    const answer = withPath(response['2xx'], 'errors', { ...errors, items: withPath(errors.items, 'path', path) });
    route.schema = { ...route.schema, response: { ...response, '2xx': answer } };
  });
}

/** As much of a JSON schema as serveErrorPathsAsTheyAre reads. */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}
