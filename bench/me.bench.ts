/**
 * `{ me { id } }` through the whole GraphQL stack against a bare Fastify route in the same process
 * that verifies the same access token and checks the same session (the Authenticator), then answers
 * the same JSON. Run twice: with the session checked on every request (SESSION_CACHE_SECONDS=0), and
 * as shipped, where both sides find the session in the process's cache.
 *
 *   npm run bench:me                      # embedded PostgreSQL
 *   DATABASE_URL=postgres://… npm run bench:me
 */
import 'reflect-metadata';
import { deepStrictEqual } from 'node:assert';
import { Authenticator } from '../src/auth';
import { AppConfig } from '../src/config/config';
import { GraphQLContext } from '../src/common/request-context';
import { ok, TestApp } from '../test/support/harness';
import { registerUser } from '../test/support/factories';
import { compare, report } from './support';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);

async function main(): Promise<void> {
  for (const seconds of ['0', String(new AppConfig().SESSION_CACHE_SECONDS)]) await measureWith(seconds);
}

async function measureWith(sessionCacheSeconds: string): Promise<void> {
  const app = await TestApp.start({ LOG_LEVEL: 'silent', SESSION_CACHE_SECONDS: sessionCacheSeconds }, (nest) =>
    nest
      .getHttpAdapter()
      .getInstance()
      // The same Fastify request GraphQL's context carries, typed by another instance of Fastify's generics.
      .get('/bench/me', async (request) => {
        const caller = await nest.get(Authenticator).callerOf(request as unknown as GraphQLContext['req']);
        return { data: { me: caller && { id: caller.userId } } };
      }),
  );
  try {
    const user = await registerUser(app);
    const fastify = app.app.getHttpAdapter().getInstance();
    const headers = { authorization: `Bearer ${user.token}` };
    const graphql = async () => ok(await app.graphql('{ me { id } }', {}, { token: user.token }));
    const bare = async () => JSON.parse((await fastify.inject({ method: 'GET', url: '/bench/me', headers })).body).data;
    deepStrictEqual(await bare(), await graphql());
    deepStrictEqual(await bare(), { me: { id: user.id } });
    const [reference, measured] = await compare(
      [
        { label: 'bare route: token and session', request: async () => void (await bare()) },
        { label: 'GraphQL { me { id } }', request: async () => void (await graphql()) },
      ],
      { total: REQUESTS, concurrency: 8, warmup: 50 },
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
