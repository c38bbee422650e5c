import { createHmac, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSubSubscriber } from '../src/sources/websub/websub-subscriber.service';
import { eventually } from './support/eventually';
import { atom, entries, FeedServer, rss2 } from './support/feeds';
import { describeApp, ok, TestApp } from './support/harness';
import { createSource, listItems, refreshSource, shareSource } from './support/sources';
import { World } from './support/world';

const PUBLIC_URL = 'https://tandem.test';
/** What the hub grants (it asks for a day): renewal and lapse are reached by moving the clock. */
const GRANTED_LEASE = 3 * 86_400;
const DAY = 86_400;
/** A tenth of the lease before its end, and a minute more. */
const PAST_RENEWAL_TIME = () => new Date(Date.now() + (GRANTED_LEASE * 0.9 + 60) * 1000);

interface SubscriptionRequest {
  mode: string;
  topic: string;
  callback: string;
  secret: string;
  leaseSeconds: string;
}

/**
 * A WebSub hub written for the test: it takes subscription requests over HTTP (or fails them),
 * verifies intent at the callback, and distributes content signed with the subscriber's secret.
 * Tandem is reached in process (the callback is under PUBLIC_URL, which nothing serves here).
 */
class TestHub {
  readonly requests: SubscriptionRequest[] = [];
  readonly verifications: { status: number; body: string; challenge: string }[] = [];
  failing = false;
  app?: TestApp;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<TestHub> {
    const server = createServer();
    const hub = new TestHub(server);
    server.on('request', (request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const form = new URLSearchParams(body);
        const subscription = {
          mode: form.get('hub.mode') ?? '',
          topic: form.get('hub.topic') ?? '',
          callback: form.get('hub.callback') ?? '',
          secret: form.get('hub.secret') ?? '',
          leaseSeconds: form.get('hub.lease_seconds') ?? '',
        };
        hub.requests.push(subscription);
        if (hub.failing) return void response.writeHead(500).end('hub down');
        response.writeHead(202).end();
        // Verification of intent comes after the 202, as most hubs do it.
        setImmediate(() => void hub.verify(subscription));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return hub;
  }

  get host(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get url(): string {
    return `http://${this.host}/hub`;
  }

  lastRequestFor(topic: string): SubscriptionRequest {
    const request = [...this.requests].reverse().find((candidate) => candidate.topic === topic);
    if (!request) throw new Error(`The hub had no subscription request for ${topic}`);
    return request;
  }

  /** GET the callback as a hub verifies intent; `overrides` change what it asks. */
  async verify(subscription: SubscriptionRequest, overrides: Record<string, string> = {}) {
    const challenge = randomUUID();
    const query = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': subscription.topic, 'hub.challenge': challenge, 'hub.lease_seconds': String(GRANTED_LEASE), ...overrides });
    const response = await this.inject({ method: 'GET', url: `${pathOf(subscription.callback)}?${query}` });
    const verification = { status: response.statusCode, body: response.body, challenge };
    this.verifications.push(verification);
    return verification;
  }

  /** POSTs content to the callback, signed `algorithm=HMAC(secret, body)` unless another signature is given. */
  async distribute(subscription: SubscriptionRequest, body: string, options: { algorithm?: string; secret?: string; signature?: string | null } = {}) {
    const signature =
      options.signature === undefined ? `${options.algorithm ?? 'sha256'}=${createHmac(options.algorithm ?? 'sha256', options.secret ?? subscription.secret).update(body).digest('hex')}` : options.signature;
    return this.inject({
      method: 'POST',
      url: pathOf(subscription.callback),
      headers: { 'content-type': 'application/atom+xml', link: `<${this.url}>; rel="hub", <${subscription.topic}>; rel="self"`, ...(signature === null ? {} : { 'x-hub-signature': signature }) },
      payload: body,
    });
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private inject(options: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: string }) {
    if (!this.app) throw new Error('The hub has no app to call back');
    return this.app.app.getHttpAdapter().getInstance().inject(options);
  }
}

const pathOf = (callback: string) => {
  if (!callback.startsWith(`${PUBLIC_URL}/`)) throw new Error(`A callback outside PUBLIC_URL: ${callback}`);
  return callback.slice(PUBLIC_URL.length);
};

let server: FeedServer;
let hub: TestHub;
beforeAll(async () => {
  server = await FeedServer.start();
  hub = await TestHub.start();
});
afterAll(async () => {
  await server.stop();
  await hub.stop();
});

const WEBSUB_FIELDS = 'lastFetchOutcome lastFetchedAt nextFetchAt webSub { id state hubUrl topicUrl leaseExpiresAt verifiedAt lastDeliveryAt lastError }';

/** An Atom feed on `path` of the feed server that names the hub and itself. */
function hubbedAtom(path: string, prefix: string, count = 1): string {
  return atom(`Hubbed ${prefix}`, entries(prefix, count)).replace('<updated>', `<link rel="hub" href="${hub.url}"/><link rel="self" href="${server.url(path)}"/><updated>`);
}

/** Sources of one app, on paths of the feed server that start with `prefix`. */
function feedsOf(app: TestApp, world: World, prefix: string) {
  let path = 0;
  return {
    /** A shared source on a new path, whose feed is `body` (given the path, for feeds that name themselves). */
    async shared(body: (feedPath: string) => string, headers: Record<string, string> = {}) {
      const feedPath = `/${prefix}-${path++}`;
      server.routes.set(feedPath, { body: body(feedPath), contentType: 'application/atom+xml', headers });
      const source = await createSource(app, world.hostAdmin, world.host, { url: server.url(feedPath), kind: 'ATOM' });
      await shareSource(app, world.hostAdmin, source.id, world.workspace);
      return { source, feedPath, topic: server.url(feedPath) };
    },
    async refresh(sourceId: string) {
      return ok(await refreshSource(app, world.hostAdmin, sourceId)).refreshWatchSource;
    },
    async read(sourceId: string) {
      return ok(await app.graphql(`query($id: ID!) { watchSource(id: $id) { ${WEBSUB_FIELDS} } }`, { id: sourceId }, { token: world.hostAdmin.token })).watchSource;
    },
    async guids(sourceId: string) {
      return (await listItems(app, world.hostAdmin, world.workspace, { sourceId }, { first: 100 })).edges.map((edge: any) => edge.node.guid).sort();
    },
  };
}

const settings = () => ({ PUBLIC_URL, FETCH_ALLOW_HOSTS: `${server.host},${hub.host}`, WEBSUB_LEASE_SECONDS: '86400' });

describeApp('WebSub, against a local hub', { world: true, env: settings }, ({ app, world }) => {
  const feeds = feedsOf(app, world, 'websub');
  beforeAll(() => (hub.app = app));

  /** A source whose feed names the hub, fetched once: subscribed and verified. */
  async function subscribed(prefix: string) {
    const feed = await feeds.shared((feedPath) => hubbedAtom(feedPath, prefix));
    await feeds.refresh(feed.source.id);
    await eventually(async () => (await feeds.read(feed.source.id)).webSub?.state === 'ACTIVE', 'verified by the hub');
    return { ...feed, subscription: hub.lastRequestFor(feed.topic) };
  }

  it('subscribes to the hub an Atom feed names, with a callback under PUBLIC_URL and a secret of its own; the hub verifies intent', async () => {
    const { source, topic, subscription } = await subscribed('atom-hub');
    expect(subscription).toMatchObject({ mode: 'subscribe', topic, leaseSeconds: '86400' });
    const read = await feeds.read(source.id);
    expect(subscription.callback).toBe(`${PUBLIC_URL}/websub/${read.webSub.id}`);
    expect(subscription.secret.length).toBeGreaterThanOrEqual(32);
    const verification = hub.verifications.find((candidate) => candidate.status === 200 && candidate.body === candidate.challenge);
    expect(verification).toBeDefined();
    expect(read.webSub).toMatchObject({ state: 'ACTIVE', hubUrl: hub.url, topicUrl: topic, lastError: null });
    // The lease the hub granted, from the verification on.
    const lease = (Date.parse(read.webSub.leaseExpiresAt) - Date.parse(read.webSub.verifiedAt)) / 1000;
    expect(Math.round(lease)).toBe(GRANTED_LEASE);
    // While the hub pushes, polling is a daily safety net (the lease lasts longer).
    expect(Math.round((Date.parse(read.nextFetchAt) - Date.parse(read.webSub.verifiedAt)) / 1000)).toBeGreaterThanOrEqual(DAY - 2);
    const polled = await feeds.refresh(source.id);
    expect(Math.round((Date.parse(polled.nextFetchAt) - Date.parse(polled.lastFetchedAt)) / 1000)).toBe(DAY);

    // Another secret for another subscription; the secret is not in the API at all.
    const other = await subscribed('atom-hub-other');
    expect(other.subscription.secret).not.toBe(subscription.secret);
    const asked = await app.graphql(`query($id: ID!) { watchSource(id: $id) { webSub { secret } } }`, { id: source.id }, { token: world.hostAdmin.token });
    expect(asked.errors?.[0].message).toMatch(/secret/);
  });

  it('finds the hub in an RSS feed (atom:link) and in the HTTP Link header', async () => {
    const rss = await feeds.shared((feedPath) =>
      rss2('RSS hubbed', entries('rss-hub', 1)).replace(
        '<channel>',
        `<channel><atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="hub" href="${hub.url}"/><atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="self" href="${server.url(feedPath)}"/>`,
      ),
    );
    await feeds.refresh(rss.source.id);
    expect(hub.lastRequestFor(rss.topic).mode).toBe('subscribe');

    const self = `${server.url('/websub-linked')}?as=self`;
    const linked = await feeds.shared(() => atom('Linked', entries('link-hub', 1)), { link: `<${hub.url}>; rel="hub", <${self}>; rel="self"` });
    await feeds.refresh(linked.source.id);
    expect(hub.lastRequestFor(self).mode).toBe('subscribe');
    await eventually(async () => (await feeds.read(linked.source.id)).webSub?.state === 'ACTIVE', 'verified by the hub');
  });

  it('refuses a verification of intent for another topic, without a challenge, or for no subscription: 404, nothing echoed', async () => {
    const { subscription } = await subscribed('refusals');
    const wrong: Record<string, string>[] = [{ 'hub.topic': 'https://evil.example/feed' }, { 'hub.challenge': '' }, { 'hub.mode': 'unsubscribe' }];
    for (const overrides of wrong) {
      const verification = await hub.verify(subscription, overrides);
      expect(verification.status).toBe(404);
      expect(verification.body).not.toContain(verification.challenge);
    }
    const unknown = await hub.verify({ ...subscription, callback: `${PUBLIC_URL}/websub/${randomUUID()}` });
    expect(unknown.status).toBe(404);
    expect((await hub.verify({ ...subscription, callback: `${PUBLIC_URL}/websub/not-an-id` })).status).toBe(404);
  });

  it('takes a denial for its topic: the subscription is failed, with the hub\'s reason, and the source polled', async () => {
    const { source, subscription } = await subscribed('denied');
    const denial = await hub.verify(subscription, { 'hub.mode': 'denied', 'hub.reason': 'topic not served here', 'hub.challenge': '' });
    expect(denial.status).toBe(200);
    const read = await feeds.read(source.id);
    expect(read.webSub).toMatchObject({ state: 'FAILED', lastError: 'The hub denied the subscription: topic not served here' });
    expect(Date.parse(read.nextFetchAt) - Date.now()).toBeLessThanOrEqual(1800 * 1000);
  });

  it('keeps a denial whose reason holds control characters, as one line of text: nothing of it reaches the database as it came', async () => {
    const { source, subscription } = await subscribed('denied-controls');
    // NUL, an override, a line feed, the line separator, a mark, NEL and a C1 control, in a row.
    const reason = `no\u0000thanks\u202E\n\u2028\u200F\u0085\u009B${'é'.repeat(289)}\u{1F600}x`;
    const denial = await hub.verify(subscription, { 'hub.mode': 'denied', 'hub.reason': reason, 'hub.challenge': '' });
    expect(denial.status).toBe(200);
    const read = await feeds.read(source.id);
    // Controls, separators and bidirectional controls become one blank; 300 characters are kept, counted by code
    // point: the emoji, the 300th, is kept whole (cut by UTF-16 unit, half of its pair would be).
    expect(read.webSub).toMatchObject({ state: 'FAILED', lastError: `The hub denied the subscription: no thanks ${'é'.repeat(289)}\u{1F600}` });
  });

  it('asks the hub to come back (503, Retry-After) when content arrives while the source is being fetched', async () => {
    const { source, feedPath, subscription } = await subscribed('busy');
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.routes.set(feedPath, { handle: (_request, response) => void answered.then(() => response.writeHead(200, { 'content-type': 'application/atom+xml' }).end(hubbedAtom(feedPath, 'busy'))) });
    const hits = server.hitsOf(feedPath);
    const fetching = feeds.refresh(source.id);
    await eventually(async () => server.hitsOf(feedPath) > hits, 'being fetched');
    const pushed = await hub.distribute(subscription, atom('Busy', entries('busy-push', 1)));
    expect(pushed.statusCode).toBe(503);
    expect(pushed.headers['retry-after']).toBe('5');
    answer();
    await fetching;
    expect(await feeds.guids(source.id)).toEqual(['busy-0']);
  });

  it('ingests content signed with the secret (sha1, sha256, sha384, sha512) like a fetch: parsed, sanitized, stored', async () => {
    const { source, subscription } = await subscribed('pushed');
    for (const algorithm of ['sha1', 'sha256', 'sha384', 'sha512']) {
      const pushed = entries(`pushed-${algorithm}`, 1);
      pushed[0].content = '<p>Pushed<script>alert(1)</script></p>';
      const response = await hub.distribute(subscription, atom('Pushed', pushed), { algorithm });
      expect(response.statusCode).toBeGreaterThanOrEqual(200);
      expect(response.statusCode).toBeLessThan(300);
    }
    expect(await feeds.guids(source.id)).toEqual(['pushed-0', 'pushed-sha1-0', 'pushed-sha256-0', 'pushed-sha384-0', 'pushed-sha512-0']);
    const items = (await listItems(app, world.hostAdmin, world.workspace, { sourceId: source.id }, { first: 100 })).edges.map((edge: any) => edge.node);
    expect(items.find((item: any) => item.guid === 'pushed-sha256-0').content).toBe('<p>Pushed</p>');
    expect((await feeds.read(source.id)).webSub.lastDeliveryAt).not.toBeNull();
  });

  it('ingests nothing without a valid signature: another secret, another body, no header, an unknown algorithm', async () => {
    const { source, subscription } = await subscribed('forged');
    const forged = atom('Forged', entries('forged-push', 1));
    const signedOther = `sha256=${createHmac('sha256', subscription.secret).update('<feed/>').digest('hex')}`;
    for (const options of [{ secret: 'not-the-secret' }, { signature: signedOther }, { signature: null }, { signature: `md5=${createHmac('md5', subscription.secret).update(forged).digest('hex')}` }]) {
      const response = await hub.distribute(subscription, forged, options);
      expect(response.statusCode).toBe(403);
    }
    expect(await feeds.guids(source.id)).toEqual(['forged-0']);
    expect((await feeds.read(source.id)).webSub.lastDeliveryAt).toBeNull();
  });

  it('renews the lease before it ends, with the same callback and secret', async () => {
    const { source, subscription } = await subscribed('renewed');
    const before = (await feeds.read(source.id)).webSub;
    const requests = hub.requests.length;
    // Past its renewal time, before its end.
    const renewed = await app.app.get(WebSubSubscriber).renewDue(PAST_RENEWAL_TIME());
    expect(renewed).toBeGreaterThanOrEqual(1);
    const renewal = hub.requests.slice(requests).find((request) => request.topic === subscription.topic);
    expect(renewal).toMatchObject({ mode: 'subscribe', callback: subscription.callback, secret: subscription.secret });
    await eventually(async () => Date.parse((await feeds.read(source.id)).webSub.verifiedAt) > Date.parse(before.verifiedAt), 'verified again');
    const after = (await feeds.read(source.id)).webSub;
    expect(after.state).toBe('ACTIVE');
    expect(Date.parse(after.leaseExpiresAt)).toBeGreaterThan(Date.parse(before.leaseExpiresAt));
  });

  describe('falls back to polling', () => {
    it('when the hub fails the subscription', async () => {
      hub.failing = true;
      try {
        const feed = await feeds.shared((feedPath) => hubbedAtom(feedPath, 'failing'));
        const fetched = await feeds.refresh(feed.source.id);
        const read = await feeds.read(feed.source.id);
        expect(read.webSub.state).toBe('FAILED');
        expect(read.webSub.lastError).toMatch(/500/);
        // Polled at its usual interval (the default: one entry says nothing of its pace).
        expect(Math.round((Date.parse(read.nextFetchAt) - Date.parse(fetched.lastFetchedAt)) / 1000)).toBe(1800);
      } finally {
        hub.failing = false;
      }
    });

    it('when the renewal fails, or the lease lapses', async () => {
      const failed = await subscribed('renewal-fails');
      hub.failing = true;
      try {
        await app.app.get(WebSubSubscriber).renewDue(PAST_RENEWAL_TIME());
      } finally {
        hub.failing = false;
      }
      const afterFailure = await feeds.read(failed.source.id);
      expect(afterFailure.webSub.state).toBe('FAILED');
      expect(Date.parse(afterFailure.nextFetchAt) - Date.now()).toBeLessThanOrEqual(1800 * 1000);

      const lapsed = await subscribed('lapsed');
      await app.app.get(WebSubSubscriber).renewDue(new Date(Date.now() + (GRANTED_LEASE + 60) * 1000));
      const afterLapse = await feeds.read(lapsed.source.id);
      expect(afterLapse.webSub.state).toBe('EXPIRED');
      expect(Date.parse(afterLapse.nextFetchAt) - Date.now()).toBeLessThanOrEqual(1800 * 1000);
      // Content pushed after the lapse is not taken.
      expect((await hub.distribute(lapsed.subscription, atom('Late', entries('late', 1)))).statusCode).toBe(404);
      expect(await feeds.guids(lapsed.source.id)).toEqual(['lapsed-0']);
    });
  });
});

describeApp('WebSub pushes and the rate of a client', { world: true, env: () => ({ ...settings(), ROUTE_REQUESTS_PER_MINUTE: '2' }) }, ({ app, world }) => {
  const feeds = feedsOf(app, world, 'websub-rate');
  beforeAll(() => (hub.app = app));

  it("takes a hub's pushes however many, and holds what is refused to ROUTE_REQUESTS_PER_MINUTE", async () => {
    const feed = await feeds.shared((feedPath) => hubbedAtom(feedPath, 'rated'));
    await feeds.refresh(feed.source.id);
    await eventually(async () => (await feeds.read(feed.source.id)).webSub?.state === 'ACTIVE', 'verified by the hub');
    const subscription = hub.lastRequestFor(feed.topic);
    for (let push = 0; push < 4; push++) {
      expect((await hub.distribute(subscription, atom('Rated', entries(`rated-push-${push}`, 1)))).statusCode).toBeLessThan(300);
    }
    const forged = atom('Forged', entries('rated-forged', 1));
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++) statuses.push((await hub.distribute(subscription, forged, { secret: 'not-the-secret' })).statusCode);
    expect(statuses).toEqual([403, 403, 429]);
  });
});

describeApp('WebSub without PUBLIC_URL', { world: true, env: () => ({ FETCH_ALLOW_HOSTS: `${server.host},${hub.host}` }) }, ({ app, world }) => {
  it('subscribes to nothing: no hub could call back', async () => {
    const feeds = feedsOf(app, world, 'no-public-url');
    const feed = await feeds.shared((feedPath) => hubbedAtom(feedPath, 'no-public-url'));
    expect(await feeds.refresh(feed.source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED' });
    expect(hub.requests.filter((request) => request.topic === feed.topic)).toEqual([]);
    expect((await feeds.read(feed.source.id)).webSub).toBeNull();
  });
});
