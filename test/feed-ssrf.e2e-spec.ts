import { entries, FeedServer, rss2 } from './support/feeds';
import { describeApp, ok } from './support/harness';
import { createSource, refreshSource, shareSource } from './support/sources';

// In process (no REDIS_URL, even where CI sets one): here the scheduler fetches by itself.
const settings = { FETCH_SCHEDULER: 'on', FETCH_TICK_MS: '100', FETCH_ALLOW_HOSTS: '', REDIS_URL: '' };

/**
 * With the default settings (no FETCH_ALLOW_HOSTS), the fetcher goes nowhere private, although
 * a real feed answers at those addresses. The scheduler runs here (FETCH_SCHEDULER=on) and
 * records the refusal by itself.
 */
describeApp('the fetcher with the default settings', { world: true, env: settings }, ({ app, world }) => {
  let server: FeedServer;

  beforeAll(async () => {
    server = await FeedServer.start();
    server.routes.set('/feed', { body: rss2('Private', entries('private', 1)) });
  });
  afterAll(() => server.stop());

  const targets = () => [
    ['127.0.0.1', `http://127.0.0.1:${server.port}/feed`],
    ['10.0.0.1', 'http://10.0.0.1/feed'],
    ['[::1]', `http://[::1]:${server.port}/feed`],
    ['a name that resolves to a private address', `http://localhost:${server.port}/feed`],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['an IPv4-mapped IPv6 loopback', `http://[::ffff:127.0.0.1]:${server.port}/feed`],
  ];

  it.each([0, 1, 2, 3, 4, 5])('refuses target %#, and the source records why', async (index) => {
    const [name, url] = targets()[index];
    // Not shared: the scheduler leaves it alone, only the refresh below fetches it.
    const source = await createSource(app, world.hostAdmin, world.host, { url, kind: 'RSS' });
    const refreshed = ok(await refreshSource(app, world.hostAdmin, source.id)).refreshWatchSource;
    expect({ name, outcome: refreshed.lastFetchOutcome, failures: refreshed.consecutiveFailures }).toEqual({ name, outcome: 'REFUSED', failures: 1 });
    expect(refreshed.refusedReason).toEqual(expect.any(String));
    expect(refreshed.refusedReason.length).toBeGreaterThan(0);
    expect(server.hitsOf('/feed')).toBe(0);
  });

  it('runs the scheduler when asked: a shared source is fetched (here, refused) without anyone asking', async () => {
    const source = await createSource(app, world.hostAdmin, world.host, { url: `http://127.0.0.1:${server.port}/feed?scheduled`, kind: 'RSS' });
    await shareSource(app, world.hostAdmin, source.id, world.workspace);
    const query = `query($id: ID!) { watchSource(id: $id) { lastFetchOutcome refusedReason } }`;
    let state: any;
    const deadline = Date.now() + 10_000;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = ok(await app.graphql(query, { id: source.id }, { token: world.hostAdmin.token })).watchSource;
    } while (!state.lastFetchOutcome && Date.now() < deadline);
    expect(state.lastFetchOutcome).toBe('REFUSED');
    expect(state.refusedReason).toBeTruthy();
    expect(server.hitsOf('/feed')).toBe(0);
  });
});
