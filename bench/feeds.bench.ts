/**
 * The feed pipeline on 1,000 feeds of 20 items served by a local server (127.0.0.1 only): a full
 * fetch cycle (every feed new: fetch, parse, sanitize, upsert 20 items), then a second cycle where
 * every feed answers 304 to the conditional request. Reference, measured in the same run: the
 * bare HTTP GETs of the same 1,000 feeds, as many at once, without Tandem.
 *
 *   npm run bench:feeds                      # embedded PostgreSQL
 *   DATABASE_URL=postgres://… npm run bench:feeds
 *   BENCH_FEEDS=200 npm run bench:feeds      # smaller
 */
import 'reflect-metadata';
import { strictEqual } from 'node:assert';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { FetchScheduler } from '../src/sources/fetch-scheduler';
import { entries, FeedServer, rss2 } from '../test/support/feeds';
import { TestApp } from '../test/support/harness';
import { createWorld } from '../test/support/world';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 1000);
const ITEMS = 20;
const CONCURRENCY = 8;

interface Cycle {
  label: string;
  feeds: number;
  seconds: number;
}

async function main(): Promise<void> {
  const server = await FeedServer.start();
  for (let n = 0; n < FEEDS; n++) {
    server.routes.set(`/feed/${n}`, { body: rss2(`Feed ${n}`, entries(`f${n}`, ITEMS)), etag: `"feed-${n}-v1"` });
  }
  // Every feed is on one local host: the per-host politeness limit would measure itself, not the pipeline.
  const app = await TestApp.start({ LOG_LEVEL: 'silent', FETCH_ALLOW_HOSTS: server.host, FETCH_CONCURRENCY: String(CONCURRENCY), FETCH_PER_HOST_CONCURRENCY: String(CONCURRENCY) });
  // Stops by itself even if something hangs.
  const watchdog = setTimeout(() => {
    console.error('The benchmark took more than 10 minutes; giving up');
    process.exit(1);
  }, 600_000);
  watchdog.unref();
  try {
    const world = await createWorld(app);
    await app.dataSource.query(
      `WITH sources AS (
         INSERT INTO watch_source (organization_id, url, feed_url, kind)
         SELECT $1::uuid, $2 || n, $2 || n, 'RSS' FROM generate_series(0, $3 - 1) n RETURNING id)
       INSERT INTO source_share (source_id, workspace_id, shared_by_id) SELECT id, $4::uuid, $5::uuid FROM sources`,
      [world.host.id, `http://${server.host}/feed/`, FEEDS, world.workspace.id, world.hostAdmin.id],
    );
    const scheduler = app.app.get(FetchScheduler);
    const cycle = async (label: string): Promise<Cycle> => {
      await app.dataSource.query('UPDATE watch_source SET next_fetch_at = now()');
      const started = performance.now();
      const feeds = await scheduler.runCycle();
      return { label, feeds, seconds: (performance.now() - started) / 1000 };
    };

    const reference = await bareFetches(server);
    const full = await cycle('full cycle: 200, parse, upsert 20 items');
    const [{ count: items }] = await app.dataSource.query('SELECT count(*)::int AS count FROM watch_item');
    strictEqual(items, FEEDS * ITEMS);
    const requestsBefore = server.conditionalRequests.length;
    const unchanged = await cycle('second cycle: all 304 Not Modified');
    strictEqual(server.conditionalRequests.length - requestsBefore, FEEDS, 'every feed was asked conditionally');
    const [{ count: notModified }] = await app.dataSource.query(`SELECT count(*)::int AS count FROM watch_source WHERE last_fetch_outcome = 'NOT_MODIFIED'`);
    strictEqual(notModified, FEEDS);

    console.log(`\n${FEEDS} feeds of ${ITEMS} items, ${CONCURRENCY} fetches at once (${process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PostgreSQL'})`);
    console.table(
      [reference, full, unchanged].map((result) => ({
        case: result.label,
        feeds: result.feeds,
        seconds: result.seconds.toFixed(2),
        'feeds/s': Math.round(result.feeds / result.seconds),
        'ratio to reference': (reference.seconds / result.seconds).toFixed(3),
      })),
    );
    console.log(`304 cycle vs full cycle: ${(full.seconds / unchanged.seconds).toFixed(2)}× the feeds per second`);
  } finally {
    await app.stop();
    await server.stop();
  }
}

/** The same GETs, CONCURRENCY at a time, straight from Node to the feed server. */
async function bareFetches(server: FeedServer): Promise<Cycle> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < FEEDS) await get(server.port, `/feed/${next++}`);
    }),
  );
  return { label: 'reference: bare HTTP GETs, no Tandem', feeds: FEEDS, seconds: (performance.now() - started) / 1000 };
}

function get(port: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (response) => {
      response.resume();
      response.on('end', resolve);
    })
      .on('error', reject)
      .end();
  });
}

void main();
