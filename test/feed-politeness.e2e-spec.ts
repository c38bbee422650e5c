import { IncomingMessage, ServerResponse } from 'node:http';
import { FetchScheduler } from '../src/sources/fetch-scheduler';
import { entries, FeedRoute, FeedServer, rss2 } from './support/feeds';
import { eventually } from './support/eventually';
import { describeApp, ok } from './support/harness';
import { createSource, refreshSource, shareSource } from './support/sources';

const BACKOFF_BASE = 60;
const DAY = 86_400;

let server: FeedServer;
beforeAll(async () => (server = await FeedServer.start()));
afterAll(() => server.stop());

const settings = () => ({
  FETCH_ALLOW_HOSTS: server.host,
  FETCH_BACKOFF_BASE_SECONDS: String(BACKOFF_BASE),
  FETCH_BACKOFF_MAX_SECONDS: '600',
  FETCH_CONCURRENCY: '8',
  FETCH_PER_HOST_CONCURRENCY: '2',
});

const SCHEDULE_FIELDS = 'id feedUrl lastFetchOutcome lastFetchedAt nextFetchAt fetchIntervalSeconds goneAt consecutiveFailures lastError';

/** Seconds between the last fetch and the next one the source is due for. */
const delayOf = (source: { lastFetchedAt: string; nextFetchAt: string }) => Math.round((Date.parse(source.nextFetchAt) - Date.parse(source.lastFetchedAt)) / 1000);

/** `count` entries, `gapMinutes` apart, the newest `ageMinutes` old. */
const recentEntries = (prefix: string, count: number, gapMinutes: number, ageMinutes = 10) =>
  entries(prefix, count, new Date(Date.now() - ageMinutes * 60_000)).map((entry, index) => ({
    ...entry,
    published: new Date(Date.now() - (ageMinutes + index * gapMinutes) * 60_000),
  }));

describeApp('feed politeness, against a local feed server', { world: true, env: settings }, ({ app, world }) => {
  let path = 0;

  async function sharedFeed(route: FeedRoute) {
    const feedPath = `/polite-${path++}`;
    server.routes.set(feedPath, route);
    const source = await createSource(app, world.hostAdmin, world.host, { url: server.url(feedPath), kind: 'RSS' });
    await shareSource(app, world.hostAdmin, source.id, world.workspace);
    return { source, feedPath };
  }

  const refresh = async (sourceId: string) => {
    const data = ok(
      await app.graphql(`mutation($input: RefreshWatchSourceInput!) { refreshWatchSource(input: $input) { ${SCHEDULE_FIELDS} } }`, { input: { sourceId } }, { token: world.people.EDITOR.token }),
    );
    return data.refreshWatchSource;
  };
  const read = async (sourceId: string) => ok(await app.graphql(`query($id: ID!) { watchSource(id: $id) { ${SCHEDULE_FIELDS} } }`, { id: sourceId }, { token: world.hostAdmin.token })).watchSource;

  describe('when to come back after a success', () => {
    it('not before the Cache-Control max-age of the response, a 304 included', async () => {
      const cached = { 'cache-control': 'public, max-age=7200', etag: '"c1"' };
      const { source, feedPath } = await sharedFeed({
        handle: (request: IncomingMessage, response: ServerResponse) => {
          if (request.headers['if-none-match'] === '"c1"') response.writeHead(304, cached).end();
          else response.writeHead(200, { 'content-type': 'application/rss+xml', ...cached }).end(rss2('Cached', entries('cached', 1)));
        },
      });
      expect(delayOf(await refresh(source.id))).toBe(7200);
      const notModified = await refresh(source.id);
      expect(notModified.lastFetchOutcome).toBe('NOT_MODIFIED');
      expect(delayOf(notModified)).toBe(7200);
      // Not due in a cycle now, though a source without max-age of the same feed would be due in 30 minutes only.
      await app.app.get(FetchScheduler).runCycle();
      expect(server.hitsOf(feedPath)).toBe(2);
    });

    it('a max-age longer than a day is bounded to a day; no-store is no max-age', async () => {
      const { source } = await sharedFeed({ body: rss2('Long', entries('long', 1)), headers: { 'cache-control': 'max-age=604800' } });
      expect(delayOf(await refresh(source.id))).toBe(DAY);
      const { source: noStore } = await sharedFeed({ body: rss2('No store', entries('nostore', 1)), headers: { 'cache-control': 'no-store, max-age=7200' } });
      expect(delayOf(await refresh(noStore.id))).toBe(1800);
    });

    it("not before the RSS <ttl> (minutes)", async () => {
      const body = rss2('TTL', entries('ttl', 1)).replace('<channel>', '<channel><ttl>180</ttl>');
      const { source } = await sharedFeed({ body });
      const fetched = await refresh(source.id);
      expect(fetched).toMatchObject({ lastFetchOutcome: 'FETCHED', fetchIntervalSeconds: 10_800 });
      expect(delayOf(fetched)).toBe(10_800);
    });

    it('as often as the source publishes, within 15 min .. 24 h, and the learned interval holds on a 304', async () => {
      const { source: hourly } = await sharedFeed({ body: rss2('Hourly', recentEntries('hourly', 4, 60)), etag: '"h1"' });
      const fetched = await refresh(hourly.id);
      expect(fetched.fetchIntervalSeconds).toBe(3600);
      expect(delayOf(fetched)).toBe(3600);
      const notModified = await refresh(hourly.id);
      expect(notModified).toMatchObject({ lastFetchOutcome: 'NOT_MODIFIED', fetchIntervalSeconds: 3600 });
      expect(delayOf(notModified)).toBe(3600);

      const { source: busy } = await sharedFeed({ body: rss2('Every minute', recentEntries('minutely', 5, 1, 1)) });
      expect((await refresh(busy.id)).fetchIntervalSeconds).toBe(900);

      // Entries of a year ago: the source is quiet, polled once a day.
      const { source: quiet } = await sharedFeed({ body: rss2('Quiet', entries('quiet', 3)) });
      const quietFetched = await refresh(quiet.id);
      expect(quietFetched.fetchIntervalSeconds).toBe(DAY);
      expect(delayOf(quietFetched)).toBe(DAY);
    });
  });

  describe('when to come back after a failure', () => {
    it('not before the Retry-After of a 429 (seconds) or a 503 (an HTTP date), when it is longer than the back-off', async () => {
      const { source: throttled } = await sharedFeed({ status: 429, body: 'slow down', headers: { 'retry-after': '7200' } });
      const failed = await refresh(throttled.id);
      expect(failed).toMatchObject({ lastFetchOutcome: 'FAILED', consecutiveFailures: 1 });
      expect(failed.lastError).toMatch(/429/);
      expect(delayOf(failed)).toBe(7200);

      const { source: unavailable } = await sharedFeed({ status: 503, body: 'maintenance', headers: { 'retry-after': new Date(Date.now() + 3 * 3600_000).toUTCString() } });
      const down = delayOf(await refresh(unavailable.id));
      expect(down).toBeGreaterThan(3 * 3600 - 60);
      expect(down).toBeLessThanOrEqual(3 * 3600);
    });

    it('keeps the back-off when Retry-After is shorter, or comes with another status', async () => {
      const { source: short } = await sharedFeed({ status: 429, headers: { 'retry-after': '5' } });
      expect(delayOf(await refresh(short.id))).toBe(BACKOFF_BASE);
      const { source: broken } = await sharedFeed({ status: 500, headers: { 'retry-after': '7200' } });
      expect(delayOf(await refresh(broken.id))).toBe(BACKOFF_BASE);
    });
  });

  describe('a feed that moved', () => {
    it('for good (301, 308): the stored feed URL follows, the move is audited, and the old address is not asked again', async () => {
      for (const status of [301, 308]) {
        const newPath = `/polite-moved-${status}`;
        server.routes.set(newPath, { body: rss2('Moved', entries(`moved-${status}`, 1)) });
        const { source, feedPath } = await sharedFeed({ status, headers: { location: `${newPath}#top` } });
        const moved = await refresh(source.id);
        expect(moved).toMatchObject({ lastFetchOutcome: 'FETCHED', feedUrl: server.url(newPath) });
        await refresh(source.id);
        expect(server.hitsOf(feedPath)).toBe(1);
        expect(server.hitsOf(newPath)).toBe(2);
        const audit = await app.dataSource.query(`SELECT action, actor_id AS "actorId", organization_id AS "organizationId", details FROM audit_event WHERE resource_id = $1`, [source.id]);
        expect(audit.filter((event: any) => event.action === 'source.feed_moved')).toEqual([
          { action: 'source.feed_moved', actorId: null, organizationId: world.host.id, details: { from: server.url(feedPath), to: server.url(newPath) } },
        ]);
      }
    });

    it('for now (302, 307): the feed URL stays; a permanent redirect then a temporary one moves it to the first hop only', async () => {
      const target = '/polite-temporary-target';
      server.routes.set(target, { body: rss2('Temporary', entries('temporary', 1)) });
      for (const status of [302, 307]) {
        const { source } = await sharedFeed({ status, headers: { location: target } });
        expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED', feedUrl: source.feedUrl });
      }
      const hop = '/polite-temporary-hop';
      server.routes.set(hop, { status: 302, headers: { location: target } });
      const { source } = await sharedFeed({ status: 301, headers: { location: hop } });
      expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED', feedUrl: server.url(hop) });
    });

    it('to an address the fetcher refuses: nothing is followed, the feed URL stays', async () => {
      const { source } = await sharedFeed({ status: 301, headers: { location: 'http://169.254.169.254/latest/meta-data/' } });
      expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'REFUSED', feedUrl: source.feedUrl });
    });
  });

  it('fetches at most FETCH_PER_HOST_CONCURRENCY feeds of one host at once, however many fetch slots there are', async () => {
    // Every request is held until the test answers it, one at a time: with no limit, all six would be held at once.
    const held: (() => void)[] = [];
    let peak = 0;
    const route: FeedRoute = {
      handle: (_: IncomingMessage, response: ServerResponse) => {
        held.push(() => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss2('Same host', entries('same-host', 1))));
        peak = Math.max(peak, held.length);
      },
    };
    const sources = [];
    for (let n = 0; n < 6; n++) sources.push((await sharedFeed(route)).source);
    const cycle = app.app.get(FetchScheduler).runCycle();
    for (let answered = 0; answered < sources.length; answered++) {
      await eventually(async () => held.length >= Math.min(2, sources.length - answered), 'the next fetches of the host');
      held.shift()?.();
    }
    // Sources of earlier tests that failed may be due again by now: at least these six were fetched.
    expect(await cycle).toBeGreaterThanOrEqual(6);
    expect(peak).toBe(2);
    for (const source of sources) expect((await read(source.id)).lastFetchOutcome).toBe('FETCHED');
    // Later cycles fetch these feeds again: they answer at once from now on.
    Object.assign(route, { handle: undefined, body: rss2('Same host', entries('same-host', 1)) });
  });

  it('a 410 marks the source gone: the scheduler fetches it no more; a refresh that finds it back revives it', async () => {
    const { source, feedPath } = await sharedFeed({ status: 410, body: 'gone' });
    const gone = await refresh(source.id);
    expect(gone).toMatchObject({ lastFetchOutcome: 'GONE', consecutiveFailures: 0 });
    expect(gone.goneAt).not.toBeNull();
    expect(gone.lastError).toMatch(/410/);
    // Its next fetch time has come (it was due when it was created), yet a cycle leaves it.
    expect(Date.parse(gone.nextFetchAt)).toBeLessThanOrEqual(Date.now());
    await app.app.get(FetchScheduler).runCycle();
    expect(server.hitsOf(feedPath)).toBe(1);

    server.routes.set(feedPath, { body: rss2('Back', entries('back', 1)) });
    expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED', goneAt: null, lastError: null });
  });
});
