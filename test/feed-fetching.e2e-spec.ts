import { IncomingMessage, ServerResponse } from 'node:http';
import { FetchScheduler } from '../src/sources/fetch-scheduler';
import { atom, entries, FeedServer, jsonFeed, rss1, rss2 } from './support/feeds';
import { describeApp, ok, refused } from './support/harness';
import { countQueries } from './support/queries';
import { createSource, curate, listItems, refreshSource, shareSource } from './support/sources';
import { createWorkspace } from './support/world';

const BACKOFF_BASE = 60;
const BACKOFF_MAX = 600;

// The feed server starts before the app, which needs its address, and stops after it.
let server: FeedServer;
beforeAll(async () => (server = await FeedServer.start()));
afterAll(() => server.stop());

const settings = () => ({
  FETCH_ALLOW_HOSTS: server.host,
  FETCH_BACKOFF_BASE_SECONDS: String(BACKOFF_BASE),
  FETCH_BACKOFF_MAX_SECONDS: String(BACKOFF_MAX),
});

describeApp('the feed pipeline, against a local feed server', { world: true, env: settings }, ({ app, world }) => {
  let path = 0;

  /** A source of the host organization on a new path of the feed server, shared into the workspace. */
  async function sharedFeed(route: Parameters<FeedServer['routes']['set']>[1], fields: Record<string, unknown> = {}) {
    const feedPath = `/feed-${path++}`;
    server.routes.set(feedPath, route);
    const source = await createSource(app, world.hostAdmin, world.host, { url: server.url(feedPath), kind: 'RSS', ...fields });
    await shareSource(app, world.hostAdmin, source.id, world.workspace);
    return { source, feedPath };
  }

  const refresh = async (sourceId: string) => ok(await refreshSource(app, world.people.EDITOR, sourceId)).refreshWatchSource;
  const itemsOf = async (sourceId: string) => (await listItems(app, world.people.PARTNER_MEMBER, world.workspace, { sourceId }, { first: 100 })).edges.map((edge: any) => edge.node);

  describe('each feed format, end to end', () => {
    it('RSS 2.0', async () => {
      const feed = entries('rss', 3);
      feed[0].content = '<p>Full <strong>text</strong></p>';
      feed[0].author = 'Sophie Tremblay';
      const { source } = await sharedFeed({ body: rss2('Blogue RSS', feed) });
      const fetched = await refresh(source.id);
      expect(fetched).toMatchObject({ lastFetchOutcome: 'FETCHED', consecutiveFailures: 0, lastError: null, title: 'Blogue RSS', kind: 'RSS' });
      expect(fetched.lastFetchedAt).not.toBeNull();
      const items = await itemsOf(source.id);
      expect(items.map((item: any) => item.title)).toEqual(['rss entry 0', 'rss entry 1', 'rss entry 2']);
      expect(items[0]).toMatchObject({
        guid: 'rss-0',
        url: 'https://blog.example.ca/rss/0',
        summary: '<p>Summary of <em>rss</em> 0</p>',
        content: '<p>Full <strong>text</strong></p>',
        author: 'Sophie Tremblay',
        language: 'fr',
        publishedAt: '2025-11-20T12:00:00.000Z',
        excerpt: 'Summary of rss 0',
        status: 'NEW',
        curation: null,
        source: { id: source.id },
      });
    });

    it('RSS 1.0 (RDF)', async () => {
      const feed = entries('rdf', 2).map((entry) => ({ ...entry, language: 'en' }));
      const { source } = await sharedFeed({ body: rss1('Carnet RDF', feed), contentType: 'application/rdf+xml' });
      expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED', kind: 'RSS' });
      const items = await itemsOf(source.id);
      expect(items.map((item: any) => [item.title, item.url, item.publishedAt])).toEqual([
        ['rdf entry 0', 'https://blog.example.ca/rdf/0', '2025-11-20T12:00:00.000Z'],
        ['rdf entry 1', 'https://blog.example.ca/rdf/1', '2025-11-20T11:00:00.000Z'],
      ]);
    });

    it('Atom 1.0 (a feed registered as RSS says it is Atom)', async () => {
      const feed = entries('atom', 2);
      feed[1].author = 'Kema Joseph';
      const { source } = await sharedFeed({ body: atom('Atom feed', feed), contentType: 'application/atom+xml' });
      expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED', kind: 'ATOM', title: 'Atom feed' });
      const items = await itemsOf(source.id);
      expect(items.map((item: any) => [item.guid, item.title, item.language, item.author])).toEqual([
        ['atom-0', 'atom entry 0', 'en', null],
        ['atom-1', 'atom entry 1', 'en', 'Kema Joseph'],
      ]);
    });

    it('JSON Feed 1.1', async () => {
      const feed = entries('json', 2);
      feed[0].language = 'en-CA';
      const { source } = await sharedFeed({ body: jsonFeed('Flux JSON', feed), contentType: 'application/feed+json' });
      expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED', kind: 'JSON_FEED' });
      const items = await itemsOf(source.id);
      expect(items.map((item: any) => [item.guid, item.title, item.language, item.summary])).toEqual([
        ['json-0', 'json entry 0', 'en', '<p>Summary of <em>json</em> 0</p>'],
        ['json-1', 'json entry 1', 'fr', '<p>Summary of <em>json</em> 1</p>'],
      ]);
    });
  });

  it('handles real-world sloppiness: HTML in titles, relative links, missing dates and guids, hostile HTML', async () => {
    const before = Date.now();
    const body = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Sloppy</title><link>/</link>
      <item><title>&lt;b&gt;Bold&lt;/b&gt; &amp;amp; title</title><link>/posts/1</link>
        <description>&lt;p onclick="steal()"&gt;Hi&lt;script&gt;alert(1)&lt;/script&gt;&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;&lt;iframe src="https://evil.example"&gt;&lt;/iframe&gt;&lt;/p&gt;</description></item>
      <item><title>Undated, no link</title><description>plain</description></item>
      <item><guid>twice</guid><title>First of a repeated guid</title><link>javascript:alert(1)</link></item>
      <item><guid>twice</guid><title>Second of a repeated guid</title></item>
      <item><guid>future</guid><title>From the future</title><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item>
    </channel></rss>`;
    const { source, feedPath } = await sharedFeed({ body });
    expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED' });
    const items = await itemsOf(source.id);
    expect(items.map((item: any) => item.title).sort()).toEqual(['Bold & title', 'First of a repeated guid', 'From the future', 'Undated, no link']);
    // Only http(s) links are kept; an entry dated in the future is dated now.
    expect(items.find((item: any) => item.guid === 'twice').url).toBeNull();
    expect(new Date(items.find((item: any) => item.guid === 'future').publishedAt).getTime()).toBeLessThanOrEqual(Date.now());
    const bold = items.find((item: any) => item.title.startsWith('Bold'));
    expect(bold.title).toBe('Bold & title');
    expect(bold.url).toBe(server.url('/posts/1'));
    expect(bold.guid).toBe(server.url('/posts/1'));
    expect(bold.summary).not.toMatch(/script|onclick|javascript|iframe/i);
    for (const item of items) expect(new Date(item.publishedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(server.hitsOf(feedPath)).toBe(1);
  });

  it('sends the stored ETag back, and an unchanged feed costs a 304 that changes nothing', async () => {
    const { source, feedPath } = await sharedFeed({ body: rss2('Etag', entries('etag', 2)), etag: '"v1"' });
    const first = await refresh(source.id);
    expect(first).toMatchObject({ lastFetchOutcome: 'FETCHED', etag: '"v1"' });
    const itemsBefore = await itemsOf(source.id);

    const second = await refresh(source.id);
    expect(second).toMatchObject({ lastFetchOutcome: 'NOT_MODIFIED', etag: '"v1"', consecutiveFailures: 0 });
    expect(server.conditionalRequests.filter((request) => request.path === feedPath)).toEqual([{ path: feedPath, ifNoneMatch: '"v1"', ifModifiedSince: undefined }]);
    expect(new Date(second.lastFetchedAt).getTime()).toBeGreaterThanOrEqual(new Date(first.lastFetchedAt).getTime());
    expect(await itemsOf(source.id)).toEqual(itemsBefore);
  });

  it('sends Last-Modified back as If-Modified-Since when the feed has no ETag', async () => {
    const lastModified = 'Wed, 19 Nov 2025 10:00:00 GMT';
    const { source, feedPath } = await sharedFeed({ body: rss2('LM', entries('lm', 1)), lastModified });
    expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED', lastModified });
    expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'NOT_MODIFIED' });
    expect(server.conditionalRequests.filter((request) => request.path === feedPath).map((request) => request.ifModifiedSince)).toEqual([lastModified]);
  });

  it('does not parse again the very bytes it parsed last time, from a server without validators', async () => {
    const { source, feedPath } = await sharedFeed({ body: rss2('Plain', entries('plain', 2)) });
    expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED' });
    const before = await itemsOf(source.id);
    expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'UNCHANGED', consecutiveFailures: 0 });
    expect(await itemsOf(source.id)).toEqual(before);
    expect(server.hitsOf(feedPath)).toBe(2);
    server.routes.set(feedPath, { body: rss2('Plain', entries('plain', 3)) });
    expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED' });
    expect(await itemsOf(source.id)).toHaveLength(3);
  });

  it('on a re-fetch, adds new items and updates changed ones, without duplicates', async () => {
    const feed = entries('dedupe', 3);
    const { source, feedPath } = await sharedFeed({ body: rss2('Dedupe', feed) });
    await refresh(source.id);
    const before = new Map<string, any>((await itemsOf(source.id)).map((item: any) => [item.guid, item]));
    expect(before.size).toBe(3);

    const changed = [{ ...feed[0], title: 'dedupe entry 0, corrected' }, feed[1], feed[2], { ...entries('dedupe-new', 1)[0], published: new Date('2025-11-21T00:00:00Z') }];
    server.routes.set(feedPath, { body: rss2('Dedupe', changed) });
    await refresh(source.id);
    const after = await itemsOf(source.id);
    expect(after.map((item: any) => item.guid)).toEqual(['dedupe-new-0', 'dedupe-0', 'dedupe-1', 'dedupe-2']);
    const corrected = after.find((item: any) => item.guid === 'dedupe-0');
    expect(corrected).toMatchObject({ id: before.get('dedupe-0').id, title: 'dedupe entry 0, corrected' });
    expect(new Date(corrected.updatedAt).getTime()).toBeGreaterThan(new Date(before.get('dedupe-0').updatedAt).getTime());
    // Unchanged items are not rewritten.
    expect(after.find((item: any) => item.guid === 'dedupe-1')).toEqual(before.get('dedupe-1'));

    // The same feed again: nothing changes at all.
    await refresh(source.id);
    expect(await itemsOf(source.id)).toEqual(after);
  });

  it('backs off exponentially on failure, says why, and recovers', async () => {
    const { source, feedPath } = await sharedFeed({ status: 500, body: 'boom' });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const failed = await refresh(source.id);
      expect(failed).toMatchObject({ lastFetchOutcome: 'FAILED', consecutiveFailures: attempt, refusedReason: null });
      expect(failed.lastError).toMatch(/500/);
      delays.push(Math.round((new Date(failed.nextFetchAt).getTime() - new Date(failed.lastFetchedAt).getTime()) / 1000));
    }
    expect(delays).toEqual([60, 120, 240, 480, 600]);

    server.routes.set(feedPath, { body: 'this is not a feed', contentType: 'application/rss+xml' });
    const unparseable = await refresh(source.id);
    expect(unparseable).toMatchObject({ lastFetchOutcome: 'FAILED', consecutiveFailures: 6 });
    expect(unparseable.lastError).toBeTruthy();

    server.routes.set(feedPath, { body: rss2('Back', entries('back', 1)) });
    const recovered = await refresh(source.id);
    expect(recovered).toMatchObject({ lastFetchOutcome: 'FETCHED', consecutiveFailures: 0, lastError: null });
    expect(new Date(recovered.nextFetchAt).getTime() - new Date(recovered.lastFetchedAt).getTime()).toBe(1800 * 1000);
  });

  describe('hostile feeds', () => {
    it('does not follow a redirect to the cloud metadata address or to a port that is not allowed (REFUSED, with the reason)', async () => {
      for (const target of ['http://169.254.169.254/latest/meta-data/', 'http://127.0.0.1:1/feed']) {
        const { source } = await sharedFeed({ status: 302, headers: { location: target } });
        const refusedSource = await refresh(source.id);
        expect(refusedSource).toMatchObject({ lastFetchOutcome: 'REFUSED', consecutiveFailures: 1 });
        expect(refusedSource.refusedReason).toBeTruthy();
        expect(refusedSource.lastError).toBe(refusedSource.refusedReason);
      }
    });

    it('gives up on endless redirects', async () => {
      const { source, feedPath } = await sharedFeed({ status: 302, headers: {} });
      server.routes.set(feedPath, { status: 302, headers: { location: feedPath } });
      const failed = await refresh(source.id);
      expect(failed.lastFetchOutcome).toMatch(/FAILED|REFUSED/);
      expect(server.hitsOf(feedPath)).toBeLessThanOrEqual(6);
    });

    it('stops reading a body larger than the cap', async () => {
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const { source } = await sharedFeed({
        handle: (_: IncomingMessage, response: ServerResponse) => {
          response.writeHead(200, { 'content-type': 'application/rss+xml' });
          const write = () => {
            while (sent < 50 && !response.destroyed) {
              sent++;
              if (!response.write(chunk)) return void response.once('drain', write);
            }
            response.end();
          };
          response.on('error', () => undefined);
          write();
        },
      });
      const failed = await refresh(source.id);
      expect(failed.lastFetchOutcome).toBe('FAILED');
      expect(sent).toBeLessThan(50);
    });

    it('expands no entity: no external entity (XXE), no entity bomb', async () => {
      const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <rss version="2.0"><channel><title>XXE</title><item><guid>1</guid><title>&xxe;</title></item></channel></rss>`;
      const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
        <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">]>
        <rss version="2.0"><channel><title>Bomb</title><item><guid>1</guid><title>&lol6;</title></item></channel></rss>`;
      for (const body of [xxe, bomb]) {
        const { source } = await sharedFeed({ body });
        const fetched = await refresh(source.id);
        expect(fetched.lastFetchOutcome).toMatch(/FETCHED|FAILED/);
        for (const item of await itemsOf(source.id)) {
          expect(item.title).not.toMatch(/root:|lollollol/);
        }
      }
    });
  });

  describe('watchItems', () => {
    let workspace: Awaited<ReturnType<typeof createWorkspace>>;
    const sources: Record<string, string> = {};

    beforeAll(async () => {
      // A workspace of its own, so the counts below are exact.
      workspace = await createWorkspace(app, world.hostAdmin, world.host);
      const feeds = {
        fr: { body: rss2('Français', entries('fr', 5, new Date('2025-11-10T12:00:00Z')), 'fr-CA'), topics: ['ia'] },
        en: { body: atom('English', entries('en', 5, new Date('2025-11-10T11:30:00Z')), 'en-CA'), topics: ['accessibilite'] },
      };
      for (const [name, feed] of Object.entries(feeds)) {
        const feedPath = `/items-${name}`;
        server.routes.set(feedPath, { body: feed.body });
        const source = await createSource(app, world.hostAdmin, world.host, { url: server.url(feedPath), kind: 'RSS', topics: feed.topics });
        await shareSource(app, world.hostAdmin, source.id, workspace);
        await refresh(source.id);
        sources[name] = source.id;
      }
    });

    const titles = (connection: any) => connection.edges.map((edge: any) => edge.node.title);

    it('lists newest first, keyset-paginated', async () => {
      const all: string[] = [];
      let after: string | undefined;
      do {
        const page = await listItems(app, world.hostAdmin, workspace, {}, { first: 3, after });
        expect(page.totalCount).toBe(10);
        all.push(...titles(page));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
      } while (after);
      expect(all).toEqual([
        'fr entry 0', 'en entry 0', 'fr entry 1', 'en entry 1', 'fr entry 2', 'en entry 2', 'fr entry 3', 'en entry 3', 'fr entry 4', 'en entry 4',
      ]);
    });

    it('filters by source, topic, language and date', async () => {
      expect(titles(await listItems(app, world.hostAdmin, workspace, { sourceId: sources.en, since: '2025-11-10T09:30:00Z' }))).toEqual([
        'en entry 0', 'en entry 1', 'en entry 2',
      ]);
      expect((await listItems(app, world.hostAdmin, workspace, { topic: 'IA' })).totalCount).toBe(5);
      expect(titles(await listItems(app, world.hostAdmin, workspace, { language: 'en', since: '2025-11-10T10:00:00Z' }))).toEqual(['en entry 0', 'en entry 1']);
      expect((await listItems(app, world.hostAdmin, workspace, { topic: 'absent' })).totalCount).toBe(0);
    });

    it('costs the same number of SQL queries for 2 items as for 10, with their sources, organizations, curations and curators', async () => {
      for (const edge of (await listItems(app, world.hostAdmin, workspace, {}, { first: 10 })).edges) {
        ok(await curate(app, world.hostAdmin, workspace, edge.node.id, { status: 'SHORTLISTED', annotation: 'vu' }));
      }
      const page = async (first: number) =>
        ok(
          await app.graphql(
            `query($id: ID!, $first: Int) { watchItems(workspaceId: $id, first: $first) { edges { node {
               title status excerpt source { title organization { slug } shares { note sharedBy { displayName } workspace { slug } } }
               curation { annotation curatedBy { displayName } } } } } }`,
            { id: workspace.id, first },
            { token: world.hostAdmin.token },
          ),
        ).watchItems.edges.length;
      let sizes: number[] = [];
      const small = await countQueries(app, async () => (sizes = [await page(2)]));
      const large = await countQueries(app, async () => sizes.push(await page(10)));
      expect(sizes).toEqual([2, 10]);
      expect(large).toBe(small);
    });

    it("shows only the items of sources shared into the workspace now, to the workspace's members", async () => {
      // The same sources' items are not in the main workspace, where they are not shared.
      expect((await listItems(app, world.hostAdmin, world.workspace, { sourceId: sources.fr })).totalCount).toBe(0);
      refused(
        await app.graphql(`query($id: ID!) { watchItems(workspaceId: $id) { totalCount } }`, { id: workspace.id }, { token: world.people.OUTSIDER.token }),
        'NOT_FOUND',
      );
      ok(await app.graphql(`mutation($input: UnshareWatchSourceInput!) { unshareWatchSource(input: $input) }`, { input: { sourceId: sources.en, workspaceId: workspace.id } }, { token: world.hostAdmin.token }));
      expect((await listItems(app, world.hostAdmin, workspace)).totalCount).toBe(5);
      await shareSource(app, world.hostAdmin, sources.en, workspace);
    });
  });

  describe('scheduling', () => {
    it('a cycle fetches every due source that is shared, and only those', async () => {
      const { source: due, feedPath: duePath } = await sharedFeed({ body: rss2('Due', entries('due', 1)) });
      const unsharedPath = `/feed-${path++}`;
      server.routes.set(unsharedPath, { body: rss2('Unshared', entries('unshared', 1)) });
      const unshared = await createSource(app, world.hostAdmin, world.host, { url: server.url(unsharedPath), kind: 'RSS' });
      // Every other shared source of this file is due later (it was fetched above) or fails: the cycle takes what is due now.
      await app.app.get(FetchScheduler).runCycle();
      expect(server.hitsOf(duePath)).toBe(1);
      expect(server.hitsOf(unsharedPath)).toBe(0);
      const afterCycle = ok(await app.graphql(`query($id: ID!) { watchSource(id: $id) { lastFetchOutcome } }`, { id: due.id }, { token: world.hostAdmin.token })).watchSource;
      expect(afterCycle).toEqual({ lastFetchOutcome: 'FETCHED' });
      expect(ok(await app.graphql(`query($id: ID!) { watchSource(id: $id) { lastFetchedAt } }`, { id: unshared.id }, { token: world.hostAdmin.token })).watchSource.lastFetchedAt).toBeNull();
      // Fetched, it is not due again before its interval.
      await app.app.get(FetchScheduler).runCycle();
      expect(server.hitsOf(duePath)).toBe(1);
    });

    it('never fetches one source twice at once: a refresh during a fetch is CONFLICT', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const { source, feedPath } = await sharedFeed({
        handle: (_: IncomingMessage, response: ServerResponse) => void held.then(() => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss2('Slow', entries('slow', 1)))),
      });
      const first = refreshSource(app, world.hostAdmin, source.id);
      await waitFor(() => server.hitsOf(feedPath) === 1);
      refused(await refreshSource(app, world.people.EDITOR, source.id), 'CONFLICT');
      release();
      expect(ok(await first).refreshWatchSource.lastFetchOutcome).toBe('FETCHED');
      expect(server.hitsOf(feedPath)).toBe(1);
    });
  });

  describe('refreshWatchSource', () => {
    it('is for members of the owning organization: FORBIDDEN to partners who see the source, NOT_FOUND to others', async () => {
      const { source } = await sharedFeed({ body: rss2('Perm', entries('perm', 1)) });
      ok(await refreshSource(app, world.people.OBSERVER, source.id));
      refused(await refreshSource(app, world.people.PARTNER_MEMBER, source.id), 'FORBIDDEN');
      refused(await refreshSource(app, world.people.OUTSIDER, source.id), 'NOT_FOUND');
    });

    it('has nothing to fetch for a source without a feed (PRECONDITION_FAILED)', async () => {
      const source = await createSource(app, world.hostAdmin, world.host, { url: 'https://social.example.ca/@tandem', kind: 'SOCIAL_ACCOUNT' });
      refused(await refreshSource(app, world.hostAdmin, source.id), 'PRECONDITION_FAILED');
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
