import { FeedFetchService } from '../src/sources/feed-fetch.service';
import { FeedFetchStore } from '../src/sources/feed-fetch.store';
import { FetchScheduler } from '../src/sources/fetch-scheduler';
import { entries, FeedServer, rss2 } from './support/feeds';
import { describeApp, ok } from './support/harness';
import { createSource, shareSource } from './support/sources';

/** Not the default (60), so the tests show the setting is what counts. */
const LEASE_SECONDS = 90;

// The feed server starts before the app, which needs its address, and stops after it.
let server: FeedServer;
beforeAll(async () => (server = await FeedServer.start()));
afterAll(() => server.stop());

const settings = () => ({ FETCH_ALLOW_HOSTS: server.host, FETCH_LEASE_SECONDS: String(LEASE_SECONDS) });

/**
 * Fetch leases, with time driven through the `now` the pipeline takes: a "crashed" fetcher is one
 * that claimed sources and never came back; no test waits for a lease to run out.
 */
describeApp('fetch leases (FETCH_LEASE_SECONDS)', { world: true, env: settings }, ({ app, world }) => {
  let path = 0;

  const store = () => app.app.get(FeedFetchStore);
  const fetcher = () => app.app.get(FeedFetchService);
  const later = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);

  /** A new due source of the host organization, shared into the workspace; nothing else is due in this file's database. */
  async function dueFeed() {
    const feedPath = `/lease-${path++}`;
    server.routes.set(feedPath, { body: rss2('Lease', entries(`lease-${path}`, 1)) });
    const source = await createSource(app, world.hostAdmin, world.host, { url: server.url(feedPath), kind: 'RSS' });
    await shareSource(app, world.hostAdmin, source.id, world.workspace);
    const outcome = async () =>
      ok(await app.graphql(`query($id: ID!) { watchSource(id: $id) { lastFetchOutcome } }`, { id: source.id }, { token: world.hostAdmin.token })).watchSource
        .lastFetchOutcome;
    return { source, feedPath, hits: () => server.hitsOf(feedPath), outcome };
  }

  it("frees a crashed fetcher's sources after the configured time, and the next cycle fetches them", async () => {
    const { source, hits, outcome } = await dueFeed();
    const crashedAt = new Date();
    const claimed = await store().claimDue(crashedAt, 100);
    expect(claimed.map((held) => held.id)).toEqual([source.id]);
    expect(claimed[0].leaseUntil.getTime() - crashedAt.getTime()).toBe(LEASE_SECONDS * 1000);

    const scheduler = app.app.get(FetchScheduler);
    expect(await scheduler.runCycle(() => later(crashedAt, LEASE_SECONDS - 1))).toBe(0);
    expect(hits()).toBe(0);

    expect(await scheduler.runCycle(() => later(crashedAt, LEASE_SECONDS + 1))).toBe(1);
    expect(hits()).toBe(1);
    expect(await outcome()).toBe('FETCHED');
  });

  it('a fetcher whose lease ran out leaves the source to the fetcher that took it meanwhile', async () => {
    const { source, hits } = await dueFeed();
    const claimedAt = new Date();
    const [stalled] = await store().claimDue(claimedAt, 100);
    const resumedAt = later(claimedAt, LEASE_SECONDS + 1);
    const [taken] = await store().claimDue(resumedAt, 100);
    expect([stalled.id, taken.id]).toEqual([source.id, source.id]);

    expect(await fetcher().fetchClaimed(stalled, resumedAt)).toBe('busy');
    expect(hits()).toBe(0);
    expect(await fetcher().fetchClaimed(taken, resumedAt)).toBe('FETCHED');
    expect(hits()).toBe(1);
  });

  it('renews a lease that is about to run out before fetching, so that nobody takes the source mid-fetch', async () => {
    const { feedPath, hits, outcome } = await dueFeed();
    const claimedAt = new Date();
    const [held] = await store().claimDue(claimedAt, 100);
    let takenMidFetch: unknown[] = [];
    server.routes.set(feedPath, {
      handle: (_, response) =>
        void store()
          .claimDue(later(claimedAt, LEASE_SECONDS + 1), 100)
          .then((claimed) => {
            takenMidFetch = claimed;
            response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss2('Lease', entries('renewed', 1)));
          }),
    });
    expect(await fetcher().fetchClaimed(held, later(claimedAt, LEASE_SECONDS - 5))).toBe('FETCHED');
    expect(takenMidFetch).toEqual([]);
    expect(hits()).toBe(1);
    expect(await outcome()).toBe('FETCHED');
  });
});
