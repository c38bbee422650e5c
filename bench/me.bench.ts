/**
 * `{ me { id } }` through the whole GraphQL stack against a bare Fastify route in the same process
 * that verifies the same access token and checks the same session (the Authenticator), then answers
 * the same JSON. Both are sent the very same request, the GraphQL client's POST with its JSON body,
 * so that reading and parsing a body, which any route taking one pays, is on both sides. Run twice:
 * with the session checked on every request (SESSION_CACHE_SECONDS=0), and as shipped, where both
 * sides find the session in the process's cache.
 *
 *   npm run bench:me                      # embedded PostgreSQL
 *   DATABASE_URL=postgres://… npm run bench:me
 */
import 'reflect-metadata';
import { deepStrictEqual } from 'node:assert';
import { Authenticator } from '../src/auth';
import { GraphQLContext } from '../src/common/request-context';
import { graphqlRequest, ok, SHIPPED_SESSION_CACHE_SECONDS, TestApp } from '../test/support/harness';
import { registerUser } from '../test/support/factories';
import { bareAnswer, compare, ONE_CLIENT_UNLIMITED, report } from './support';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const QUERY = '{ me { id } }';

async function main(): Promise<void> {
  for (const seconds of ['0', SHIPPED_SESSION_CACHE_SECONDS]) await measureWith(seconds);
}

async function measureWith(sessionCacheSeconds: string): Promise<void> {
  const app = await TestApp.start({ LOG_LEVEL: 'silent', SESSION_CACHE_SECONDS: sessionCacheSeconds, ...ONE_CLIENT_UNLIMITED }, (nest) =>
    nest
      .getHttpAdapter()
      .getInstance()
      // The same Fastify request GraphQL's context carries, typed by another instance of Fastify's generics.
      .post('/bench/me', async (request) => {
        const caller = await nest.get(Authenticator).callerOf(request as unknown as GraphQLContext['req']);
        return { data: { me: caller && { id: caller.userId } } };
      }),
  );
  try {
    const user = await registerUser(app);
    const fastify = app.app.getHttpAdapter().getInstance();
    const graphql = async () => ok(await app.graphql(QUERY, {}, { token: user.token }));
    const bare = async () => (await bareAnswer(fastify.inject({ ...graphqlRequest(QUERY, {}, { token: user.token }), url: '/bench/me' }))).data;
    deepStrictEqual(await bare(), await graphql());
    deepStrictEqual(await bare(), { me: { id: user.id } });
    const [reference, measured] = await compare(
      [
        { label: 'bare route: token and session', request: async () => void (await bare()) },
        { label: 'GraphQL { me { id } }', request: async () => void (await graphql()) },
      ],
      // Warmed up until the JIT has compiled both paths: after 50 requests, GraphQL's longer one still ran partly unoptimized.
      { total: REQUESTS, concurrency: 8, warmup: 1000 },
    );
    report(`{ me { id } } (${process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PostgreSQL'}, SESSION_CACHE_SECONDS=${sessionCacheSeconds})`, [reference, measured], reference, { 'GraphQL { me { id } }': '>= 0.5' });
  } finally {
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
