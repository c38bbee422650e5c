import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { INestApplicationContext } from '@nestjs/common';
import { FetchQueue } from '../src/sources/fetch-queue';
import { startFetchWorker } from '../src/sources/fetch-worker';
import { entries, FeedServer, rss2 } from './support/feeds';
import { describeApp, ok, testConfig } from './support/harness';
import { createSource, shareSource } from './support/sources';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether Redis answers (checked synchronously, so the suite can be skipped when it does not). */
function redisAnswers(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `require('net').connect(${Number(port) || 6379}, ${JSON.stringify(hostname)})
    .on('connect', () => process.exit(0)).on('error', () => process.exit(1))`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 5000 }).status === 0;
}

// With REDIS_URL set (CI), this suite always runs and fails if Redis does not answer; without it,
// it runs against the local Redis when there is one.
const describeWithRedis = process.env.REDIS_URL || redisAnswers(REDIS_URL) ? describeApp : describeApp.skip;
const prefix = `tandem-test-${process.pid}-${randomBytes(4).toString('hex')}`;

// The feed server starts before the app, which needs its address, and stops after it.
let server: FeedServer;
beforeAll(async () => (server = await FeedServer.start()));
afterAll(() => server.stop());

const settings = () => ({ REDIS_URL, FETCH_QUEUE_PREFIX: prefix, FETCH_SCHEDULER: 'on', FETCH_TICK_MS: '100', FETCH_ALLOW_HOSTS: server.host });

describeWithRedis('the fetch queue (REDIS_URL), drained by workers', { world: true, env: settings }, ({ app, world }) => {
  let queue: FetchQueue;
  const workers: INestApplicationContext[] = [];
  const running = new Map<string, number>();
  const maxRunning = new Map<string, number>();

  /** A feed that takes a moment to answer, counting how many requests for it run at once. */
  const slowFeed = (path: string) => ({
    handle: (_: IncomingMessage, response: ServerResponse) => {
      running.set(path, (running.get(path) ?? 0) + 1);
      maxRunning.set(path, Math.max(maxRunning.get(path) ?? 0, running.get(path) as number));
      setTimeout(() => {
        running.set(path, (running.get(path) as number) - 1);
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss2(path, entries(path.slice(1), 2)));
      }, 150);
    },
  });

  beforeAll(() => {
    queue = app.app.get(FetchQueue);
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await queue.jobs().obliterate({ force: true });
  });

  async function sharedSlowFeeds(count: number): Promise<{ id: string; path: string }[]> {
    const created: { id: string; path: string }[] = [];
    for (let index = 0; index < count; index++) {
      const path = `/queued-${created.length}-${randomBytes(3).toString('hex')}`;
      server.routes.set(path, slowFeed(path));
      const source = await createSource(app, world.hostAdmin, world.host, { url: server.url(path), kind: 'RSS' });
      await shareSource(app, world.hostAdmin, source.id, world.workspace);
      created.push({ id: source.id, path });
    }
    return created;
  }

  const outcomeOf = async (id: string) =>
    ok(await app.graphql(`query($id: ID!) { watchSource(id: $id) { lastFetchOutcome } }`, { id }, { token: world.hostAdmin.token })).watchSource.lastFetchOutcome;

  it('the API process enqueues due sources, once each (job id = source id), and fetches nothing itself', async () => {
    const sources = await sharedSlowFeeds(3);
    await waitFor(async () => (await queue.jobs().getWaitingCount()) === 3);
    // Several more ticks: still one job per source.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const jobs = await queue.jobs().getWaiting();
    expect(jobs.map((job) => job.id).sort()).toEqual(sources.map((source) => source.id).sort());
    for (const source of sources) expect(server.hitsOf(source.path)).toBe(0);
  });

  it('workers drain the queue; two workers never fetch the same source at once', async () => {
    const sources = await sharedSlowFeeds(5);
    await waitFor(async () => (await queue.jobs().getWaitingCount()) >= 8);
    // Stale duplicates with other job ids, as a crashed scheduler might leave: the PostgreSQL lease still holds.
    await queue.jobs().addBulk(sources.map((source) => ({ name: 'fetch', data: { sourceId: source.id }, opts: { jobId: `duplicate-${source.id}`, removeOnComplete: true } })));

    // This process's worker, and, on a PostgreSQL server, a second worker with its own connection pool.
    queue.startWorker();
    if (process.env.DATABASE_URL) {
      const url = (app.dataSource.options as { url: string }).url;
      workers.push(
        await startFetchWorker(
          testConfig({ TANDEM_DATA_DIR: 'memory://', DATABASE_URL: url, REDIS_URL, FETCH_QUEUE_PREFIX: prefix, FETCH_SCHEDULER: 'off', FETCH_ALLOW_HOSTS: server.host }),
        ),
      );
    }
    for (const source of sources) await waitFor(async () => (await outcomeOf(source.id)) === 'FETCHED', 15_000);
    await waitFor(async () => (await queue.jobs().getJobCounts('waiting', 'active')).waiting === 0);
    for (const source of sources) {
      expect({ path: source.path, max: maxRunning.get(source.path) }).toEqual({ path: source.path, max: 1 });
      expect({ path: source.path, hits: server.hitsOf(source.path) }).toEqual({ path: source.path, hits: 1 });
    }
    const items = ok(
      await app.graphql(`query($id: ID!, $source: ID) { watchItems(workspaceId: $id, filter: { sourceId: $source }) { totalCount } }`, { id: world.workspace.id, source: sources[0].id }, { token: world.hostAdmin.token }),
    );
    expect(items.watchItems.totalCount).toBe(2);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
