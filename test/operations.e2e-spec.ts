import { createOrganization, registerUser } from './support/factories';
import { eventually } from './support/eventually';
import { describeApp, ok, TestApp } from './support/harness';
import { databaseBehindProxy } from './support/tcp-proxy';
import { createSource, refreshSource } from './support/sources';

const METRICS_TOKEN = 'scraper-secret-0123456789';

/**
 * Prometheus's text format, read strictly: every sample line is `name{labels} value` (NaN in any
 * case, as Prometheus parses floats), every name declared by # TYPE.
 */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const types = new Set<string>();
  for (const line of text.split('\n').filter(Boolean)) {
    const type = /^# TYPE (\w+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) types.add(type[1]);
    if (line.startsWith('#')) continue;
    const sample = /^(\w+)(\{(?:\w+="(?:[^"\\]|\\.)*",?)*\})? (-?[\d.e+-]+|[Nn][Aa][Nn]|[+-]Inf)$/.exec(line);
    if (!sample) throw new Error(`Not a Prometheus sample: ${line}`);
    if (![...types].some((name) => sample[1] === name || sample[1].startsWith(`${name}_`))) throw new Error(`Undeclared metric: ${line}`);
    samples.set(`${sample[1]}${sample[2] ?? ''}`, Number(sample[3]));
  }
  return samples;
}

async function scrape(app: TestApp): Promise<Map<string, number>> {
  const response = await app.get('/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(response.body);
}

describeApp('metrics', { env: { METRICS_TOKEN } }, ({ app }) => {
  it('are readable with the metrics token only', async () => {
    expect((await app.get('/metrics')).statusCode).toBe(401);
    expect((await app.get('/metrics', { authorization: 'Bearer not-the-token-at-all' })).statusCode).toBe(401);
    const user = await registerUser(app);
    // A user's access token is not the metrics token.
    expect((await app.get('/metrics', { authorization: `Bearer ${user.token}` })).statusCode).toBe(401);
    await scrape(app);
  });

  it('count GraphQL requests by operation name and outcome, with their latency', async () => {
    const before = await scrape(app);
    const count = (samples: Map<string, number>, key: string) => samples.get(key) ?? 0;
    const okKey = 'tandem_graphql_requests_total{operation="RateLimit",code="OK"}';
    const refusedKey = 'tandem_graphql_requests_total{operation="Me",code="UNAUTHENTICATED"}';
    const latencyKey = 'tandem_graphql_request_duration_seconds_count{operation="RateLimit"}';

    ok(await app.graphql('query RateLimit { rateLimit { cost } }'));
    ok(await app.graphql('query RateLimit { rateLimit { cost } }'));
    await app.graphql('query Me { me { id } }');
    await app.graphql('{ me { id } }');

    const after = await scrape(app);
    expect(count(after, okKey) - count(before, okKey)).toBe(2);
    expect(count(after, refusedKey) - count(before, refusedKey)).toBe(1);
    expect(count(after, 'tandem_graphql_requests_total{operation="anonymous",code="UNAUTHENTICATED"}')).toBeGreaterThanOrEqual(1);
    expect(count(after, latencyKey) - count(before, latencyKey)).toBe(2);
    expect(after.get('tandem_graphql_request_duration_seconds_bucket{le="+Inf",operation="RateLimit"}')).toBe(after.get(latencyKey));
    expect(count(after, 'tandem_http_requests_total{method="POST",route="/graphql",status="200"}')).toBeGreaterThanOrEqual(4);
  });

  it('show the database pool, the fetch backlog and fetch outcomes', async () => {
    const user = await registerUser(app);
    const organization = await createOrganization(app, user);
    // A private address the fetcher refuses: an outcome without a network.
    const source = await createSource(app, user, organization, { url: 'http://127.0.0.1:9/feed.xml' });
    ok(await refreshSource(app, user, source.id));
    const samples = await scrape(app);
    expect(samples.get('tandem_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(samples.has('tandem_db_pool_connections{state="idle"}')).toBe(true);
    // How many wait is the moment's: the scrape's own collectors may queue for the embedded database's one connection.
    expect(samples.get('tandem_db_pool_waiting_requests')).toBeGreaterThanOrEqual(0);
    // With REDIS_URL the backlog is the BullMQ queue's job counts; without it, the sources due now.
    const backlogState = process.env.REDIS_URL ? 'waiting' : 'due';
    expect(samples.get(`tandem_fetch_queue_jobs{state="${backlogState}"}`)).toBeGreaterThanOrEqual(0);
    expect(samples.get('tandem_feed_fetches_total{outcome="REFUSED"}')).toBe(1);
    expect(samples.has('process_cpu_seconds_total')).toBe(true);
  });
});

describeApp('metrics without a token configured', ({ app }) => {
  it('do not exist', async () => {
    expect((await app.get('/metrics')).statusCode).toBe(404);
    expect((await app.get('/metrics', { authorization: 'Bearer anything-at-all-here' })).statusCode).toBe(404);
  });
});

describeApp('health', ({ app }) => {
  it('answers live, ready (database, migrations, Redis when configured) and the old /health', async () => {
    expect((await app.get('/health/live')).json()).toMatchObject({ status: 'ok' });
    const ready = await app.get('/health/ready');
    expect(ready.statusCode).toBe(200);
    const redis = process.env.REDIS_URL ? { status: 'up' } : { status: 'up', configured: false };
    expect(ready.json().details).toEqual({ database: { status: 'up' }, migrations: { status: 'up' }, redis });
    expect((await app.get('/health')).statusCode).toBe(200);
  });

  it('is not ready while a migration is pending', async () => {
    const [latest] = await app.dataSource.query(`SELECT id, timestamp, name FROM migrations ORDER BY timestamp DESC LIMIT 1`);
    await app.dataSource.query(`DELETE FROM migrations WHERE id = $1`, [latest.id]);
    try {
      const ready = await app.get('/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json().error.migrations).toEqual({ status: 'down', message: 'A migration is pending' });
      expect((await app.get('/health/live')).statusCode).toBe(200);
    } finally {
      await app.dataSource.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [latest.id, latest.timestamp, latest.name]);
    }
    expect((await app.get('/health/ready')).statusCode).toBe(200);
  });
});

describeApp('health with an unreachable Redis', { env: { REDIS_URL: 'redis://127.0.0.1:1' } }, ({ app }) => {
  it('is not ready, and still live', async () => {
    const ready = await app.get('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().error.redis).toEqual({ status: 'down', message: 'Redis does not answer' });
    expect((await app.get('/health/live')).statusCode).toBe(200);
  });
});

describe('health during a database outage', () => {
  const proxy = databaseBehindProxy();

  describeApp('between the app and its database', { env: () => proxy().appEnv }, ({ app }) => {
    it('is not ready while the database is unreachable, stays live, and is ready again after', async () => {
      expect((await app.get('/health/ready')).statusCode).toBe(200);
      proxy().cutOff();
      const ready = await app.get('/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json().error.database).toMatchObject({ status: 'down' });
      expect((await app.get('/health/live')).statusCode).toBe(200);
      proxy().restore();
      await eventually(async () => (await app.get('/health/ready')).statusCode === 200, 'ready again');
    });
  });
});
