import { randomBytes, randomUUID } from 'node:crypto';
import { get, IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MailComposer } from '../src/mail/mail-composer';
import { UnsubscribeLinks } from '../src/notifications/unsubscribe-links';
import { longestStall } from './support/event-loop';
import { PASSWORD, registerUser, TestUser } from './support/factories';
import { describeApp, ok, refused } from './support/harness';
import { eventually } from './support/eventually';
import { databaseBehindProxy } from './support/tcp-proxy';

/** What a test sends a plain HTTP route, in process. */
type RouteRequest = { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: string };

/** A secret link's token that names nothing. */
const unknownToken = () => randomBytes(32).toString('base64url');

/**
 * GET /test/held, added to an app before it is ready: it answers only once the test releases it,
 * a request kept in flight as long as the test needs.
 */
function heldRoute() {
  let enter!: () => void;
  let release!: () => void;
  const entered = new Promise<void>((resolve) => (enter = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    entered,
    release: () => release(),
    addTo: (nest: NestFastifyApplication) =>
      void nest
        .getHttpAdapter()
        .getInstance()
        .get('/test/held', async () => {
          enter();
          await released;
          return { released: true };
        }),
  };
}

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) }`;

describeApp('the embedded database, off the event loop', ({ app }) => {
  it('keeps the API event loop responsive while a statement works', async () => {
    const started = performance.now();
    const { stallMs } = await longestStall(() => app.dataSource.query('SELECT count(*) FROM generate_series(1, 3000000)'));
    const statementMs = performance.now() - started;
    // On the API's thread, PGlite would block the loop for the whole statement.
    expect(stallMs).toBeLessThan(statementMs / 2);
  });
});

describe('requests in flight', () => {
  const route = heldRoute();

  describeApp(
    'past MAX_REQUESTS_IN_FLIGHT',
    {
      env: { MAX_REQUESTS_IN_FLIGHT: '1', METRICS_TOKEN: 'scraper-secret-0123456789' },
      beforeReady: route.addTo,
    },
    ({ app }) => {
      it('answers a fast 503 with Retry-After and a GraphQL error in the caller’s language, keeps the health checks and /metrics, and frees the slot after', async () => {
        const fastify = app.app.getHttpAdapter().getInstance();
        const held = fastify.inject({ method: 'GET', url: '/test/held' });
        await route.entered;

        const refusalIn = (headers: Record<string, string>) =>
          fastify.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ query: '{ __typename }' }) });
        const refusal = await refusalIn({});
        expect(refusal.statusCode).toBe(503);
        expect(refusal.headers['retry-after']).toBe('1');
        expect(refusal.json()).toEqual({
          data: null,
          errors: [{ message: 'Too many requests in flight; try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 } }],
        });
        const french = await refusalIn({ 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' });
        expect({ status: french.statusCode, message: french.json().errors[0].message }).toEqual({ status: 503, message: 'Trop de requêtes en cours ; réessayez sous peu' });
        // A plain route gives it in the shape of its other refusals.
        const feed = await app.get(`/search-feeds/${unknownToken()}.atom`, { 'accept-language': 'fr' });
        expect({ status: feed.statusCode, retryAfter: feed.headers['retry-after'], body: feed.json() }).toEqual({
          status: 503,
          retryAfter: '1',
          body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'Trop de requêtes en cours ; réessayez sous peu', retryAfterSeconds: 1 } },
        });
        for (const url of ['/health', '/health/live', '/health/ready']) expect({ url, status: (await app.get(url)).statusCode }).toEqual({ url, status: 200 });
        expect((await app.get('/metrics', { authorization: 'Bearer scraper-secret-0123456789' })).statusCode).toBe(200);

        route.release();
        expect((await held).json()).toEqual({ released: true });
        expect(ok(await app.graphql('{ __typename }'))).toEqual({ __typename: 'Query' });
      });
    },
  );
});

describe('requests in flight of one client', () => {
  const route = heldRoute();

  describeApp(
    'past MAX_REQUESTS_IN_FLIGHT_PER_CLIENT',
    {
      env: { MAX_REQUESTS_IN_FLIGHT: '8', MAX_REQUESTS_IN_FLIGHT_PER_CLIENT: '1' },
      beforeReady: route.addTo,
    },
    ({ app }) => {
      it('answers that client a fast 429 with Retry-After, while other clients are served, and serves it again once its request is done', async () => {
        const fastify = app.app.getHttpAdapter().getInstance();
        const query = (remoteAddress: string, headers: Record<string, string> = {}) =>
          fastify.inject({ method: 'POST', url: '/graphql', remoteAddress, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ query: '{ __typename }' }) });
        const held = fastify.inject({ method: 'GET', url: '/test/held', remoteAddress: '198.51.100.7' });
        await route.entered;

        const refusal = await query('198.51.100.7', { 'accept-language': 'fr' });
        expect({ status: refusal.statusCode, retryAfter: refusal.headers['retry-after'], body: refusal.json() }).toEqual({
          status: 429,
          retryAfter: '1',
          body: { data: null, errors: [{ message: 'Trop de requêtes en cours de ce client ; réessayez sous peu', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } }] },
        });
        const feed = await fastify.inject({ method: 'GET', url: `/search-feeds/${unknownToken()}.atom`, remoteAddress: '198.51.100.7' });
        expect({ status: feed.statusCode, code: feed.json().error.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
        expect((await query('203.0.113.9')).json()).toEqual({ data: { __typename: 'Query' } });

        route.release();
        expect((await held).json()).toEqual({ released: true });
        expect((await query('198.51.100.7')).json()).toEqual({ data: { __typename: 'Query' } });
      });
    },
  );
});

describeApp('requests a minute of one client, beside /graphql', { env: { ROUTE_REQUESTS_PER_MINUTE: '3' } }, ({ app }) => {
  it('answers a client past ROUTE_REQUESTS_PER_MINUTE a 429 that says when to come back, on every route but /graphql and the probes, while other clients are served', async () => {
    const fastify = app.app.getHttpAdapter().getInstance();
    const from = (remoteAddress: string, url: string) => fastify.inject({ method: 'GET', url, remoteAddress, headers: { 'accept-language': 'fr' } });
    const feed = () => `/search-feeds/${unknownToken()}.atom`;
    // An IPv6 client by its /64: a host picks any address of it.
    const [first, sameNetwork] = ['2001:db8:5:7::1', '2001:db8:5:7::2'];
    for (const address of [first, sameNetwork, first]) expect((await from(address, feed())).statusCode).toBe(404);

    for (const url of [feed(), `/calendar/${unknownToken()}.ics`, '/nowhere']) {
      const refusal = await from(sameNetwork, url);
      // One request comes back every 20 s; less of it is left once some time has passed.
      const retryAfter = Number(refusal.headers['retry-after']);
      expect({ status: refusal.statusCode, soon: retryAfter >= 1 && retryAfter <= 20, body: refusal.json() }).toEqual({
        status: 429,
        soon: true,
        body: { error: { code: 'RATE_LIMITED', message: 'Trop de requêtes de ce client ; réessayez dans un moment', retryAfterSeconds: retryAfter } },
      });
    }
    expect((await from('2001:db8:5:8::1', feed())).statusCode).toBe(404);
    expect((await from(first, '/health')).statusCode).toBe(200);
    // WebSub's callback spends the rate only with what it refuses (test/websub.e2e-spec.ts): this client has none left.
    expect((await from(first, `/websub/${randomUUID()}?hub.mode=subscribe&hub.topic=x&hub.challenge=y`)).statusCode).toBe(429);
    const query = await fastify.inject({ method: 'POST', url: '/graphql', remoteAddress: first, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: '{ __typename }' }) });
    expect(query.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('requests in flight of one client, behind a reverse proxy', () => {
  const route = heldRoute();

  describeApp(
    'with TRUST_PROXY',
    {
      env: { TRUST_PROXY: 'true', MAX_REQUESTS_IN_FLIGHT: '8', MAX_REQUESTS_IN_FLIGHT_PER_CLIENT: '1' },
      beforeReady: route.addTo,
    },
    ({ app }) => {
      it('counts the address the proxy wrote: a client cannot spend another address’s share by writing it first in X-Forwarded-For', async () => {
        const fastify = app.app.getHttpAdapter().getInstance();
        // The proxy (127.0.0.1) appends the address it saw, 203.0.113.66, to what the client sent: the victim's address.
        const held = fastify.inject({ method: 'GET', url: '/test/held', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '198.51.100.7, 203.0.113.66' } });
        await route.entered;
        const from = (forwardedFor: string) =>
          fastify.inject({ method: 'POST', url: '/graphql', remoteAddress: '127.0.0.1', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, payload: JSON.stringify({ query: '{ __typename }' }) });
        try {
          expect((await from('198.51.100.7')).json()).toEqual({ data: { __typename: 'Query' } });
          // The holder itself has spent its share, whatever it writes first.
          expect((await from('192.0.2.1, 203.0.113.66')).statusCode).toBe(429);
        } finally {
          route.release();
        }
        expect((await held).json()).toEqual({ released: true });
      });
    },
  );
});

describe('requests in flight, counted over TCP', () => {
  const route = heldRoute();

  describeApp(
    'past MAX_REQUESTS_IN_FLIGHT',
    {
      env: { MAX_REQUESTS_IN_FLIGHT: '1' },
      beforeReady: route.addTo,
    },
    ({ app }) => {
      it('counts a plain request that merely names `Upgrade: websocket`: only a real WebSocket upgrade of /graphql is left out', async () => {
        await app.app.listen({ port: 0, host: '127.0.0.1' });
        const base = (await app.app.getUrl()).replace('[::1]', '127.0.0.1');
        // Without `Connection: upgrade`, Node serves it as the plain GET it is: it holds the one slot.
        const held = httpGet(`${base}/test/held`, { upgrade: 'websocket' });
        await route.entered;
        try {
          const next = await httpGet(`${base}/search-feeds/${unknownToken()}.atom`);
          expect({ status: next.status, retryAfter: next.headers['retry-after'] }).toEqual({ status: 503, retryAfter: '1' });
        } finally {
          route.release();
        }
        expect(JSON.parse((await held).body)).toEqual({ released: true });
        expect(ok(await app.graphql('{ __typename }'))).toEqual({ __typename: 'Query' });
      });
    },
  );
});

function httpGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    }).on('error', reject);
  });
}

// PGlite ignores statement_timeout and cannot interrupt a statement (see data-source-options.ts).
(process.env.DATABASE_URL ? describeApp : describeApp.skip)(
  'a statement past STATEMENT_TIMEOUT_MS',
  { env: { STATEMENT_TIMEOUT_MS: '500' } },
  ({ app }) => {
    it('is cancelled, and the request answered SERVICE_UNAVAILABLE with 503', async () => {
      await app.dataSource.query(
        `CREATE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(30); RETURN NEW; END $$`,
      );
      await app.dataSource.query(`CREATE TRIGGER slow_insert BEFORE INSERT ON "user" FOR EACH ROW EXECUTE FUNCTION slow_insert()`);
      const response = await app.graphql(REGISTER, { input: { email: 'slow@example.gc.ca', password: PASSWORD, displayName: 'Slow' } });
      expect(response.status).toBe(503);
      expect(refused(response, 'SERVICE_UNAVAILABLE').extensions.retryAfterSeconds).toBeGreaterThan(0);

      await app.dataSource.query(`DROP TRIGGER slow_insert ON "user"`);
      await registerUser(app);
    });
  },
);

describe('a database outage', () => {
  // The app reaches its database through a proxy the test cuts.
  const proxy = databaseBehindProxy();

  describeApp('between the app and its database', { env: () => proxy().appEnv }, ({ app }) => {
    let user: TestUser;
    beforeAll(async () => (user = await registerUser(app)));
    const me = () => app.graphql('{ me { id } }', {}, { token: user.token });

    it('answers SERVICE_UNAVAILABLE with 503 and Retry-After, never UNAUTHENTICATED, until the database is back', async () => {
      proxy().cutOff();
      const fastify = app.app.getHttpAdapter().getInstance();
      const response = await fastify.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
        payload: JSON.stringify({ query: '{ me { id } }' }),
      });
      expect(response.statusCode).toBe(503);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.json().errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
      refused(await me(), 'SERVICE_UNAVAILABLE');
      expect((await app.get('/health')).statusCode).toBe(503);

      proxy().restore();
      await eventually(async () => (await me()).status === 200, 'answering again');
      expect(ok(await me()).me).toEqual({ id: user.id });
    });

    // The plain HTTP routes that read the database, each asked something it answers (404, 403, 200) while the database is up.
    const routes = (): [string, () => RouteRequest][] => [
      ['a saved search’s feed', () => ({ method: 'GET', url: `/search-feeds/${unknownToken()}.atom` })],
      ['an assignments calendar', () => ({ method: 'GET', url: `/calendar/${unknownToken()}.ics` })],
      ['a workspace’s public articles (Atom)', () => ({ method: 'GET', url: '/feeds/some-workspace/articles.atom' })],
      ['a workspace’s public digests (JSON Feed)', () => ({ method: 'GET', url: '/feeds/some-workspace/digests.json' })],
      ['a public article page', () => ({ method: 'GET', url: `/fr/some-workspace/articles/${randomUUID()}` })],
      ['a published digest’s page', () => ({ method: 'GET', url: `/feeds/some-workspace/digests/${randomUUID()}.html` })],
      ['a one-click unsubscribe', () => {
        const link = new URL(app.app.get(UnsubscribeLinks).urlFor({ userId: user.id, kind: null, workspaceId: null }));
        return { method: 'POST', url: link.pathname + link.search, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' };
      }],
      ['a mail’s web view', () => {
        const link = new URL(app.app.get(MailComposer).webViewUrl(randomUUID(), 'fr'));
        return { method: 'GET', url: link.pathname + link.search };
      }],
      ['a WebSub hub’s verification of intent', () => ({ method: 'GET', url: `/websub/${randomUUID()}?hub.mode=subscribe&hub.topic=https://example.com/feed&hub.challenge=abc` })],
    ];

    it.each(routes())('answers %s with 503, Retry-After and SERVICE_UNAVAILABLE in the caller’s language, not a 500', async (_route, request) => {
      const fastify = app.app.getHttpAdapter().getInstance();
      expect((await fastify.inject(request())).statusCode).toBeLessThan(500);

      proxy().cutOff();
      try {
        const { headers, ...asked } = request();
        const response = await fastify.inject({ ...asked, headers: { ...headers, 'accept-language': 'fr' } });
        expect({ status: response.statusCode, retryAfter: Number(response.headers['retry-after']) > 0, error: response.json().error }).toEqual({
          status: 503,
          retryAfter: true,
          error: { code: 'SERVICE_UNAVAILABLE', message: 'Le service est indisponible ; réessayez sous peu', retryAfterSeconds: expect.any(Number) },
        });
      } finally {
        proxy().restore();
      }
    });
  });
});
