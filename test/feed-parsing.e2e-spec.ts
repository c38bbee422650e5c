import { performance } from 'node:perf_hooks';
import { parseFeed } from '../src/sources/fetcher/feed-parser';
import { longestStall } from './support/event-loop';
import { FeedServer } from './support/feeds';
import { describeApp, ok } from './support/harness';
import { createSource, listItems, shareSource } from './support/sources';

let server: FeedServer;
beforeAll(async () => (server = await FeedServer.start()));
afterAll(() => server.stop());

const MAX_ITEMS_PER_FETCH = 500;

describeApp('feed parsing that holds up to the real web, through the fetch path', { world: true, env: () => ({ FETCH_ALLOW_HOSTS: server.host }) }, ({ app, world }) => {
  let path = 0;

  async function sharedFeed(body: string | Buffer, contentType: string) {
    const feedPath = `/parsing-${path++}`;
    server.routes.set(feedPath, { body: body as string, contentType });
    const source = await createSource(app, world.hostAdmin, world.host, { url: server.url(feedPath), kind: 'RSS' });
    await shareSource(app, world.hostAdmin, source.id, world.workspace);
    return { source, feedPath };
  }

  const refresh = async (sourceId: string) =>
    ok(
      await app.graphql<{ refreshWatchSource: Record<string, any> }>(
        `mutation($input: RefreshWatchSourceInput!) { refreshWatchSource(input: $input) { id lastFetchOutcome lastError lastFetchSkippedItems } }`,
        { input: { sourceId } },
        { token: world.people.EDITOR.token },
      ),
    ).refreshWatchSource;
  const itemsOf = async (sourceId: string, first = 100) => listItems(app, world.people.PARTNER_MEMBER, world.workspace, { sourceId }, { first });

  it('stores what readers show: XHTML titles and content, entities, xml:base and relative ids resolved, then sanitized', async () => {
    const { source } = await sharedFeed(
      `<?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/news/" xml:lang="fr">
        <title>Actualit&eacute;s</title><link href="./"/>
        <entry><id>/entries/1</id><link href="first"/><updated>2026-01-01T00:00:00Z</updated><updated>2026-03-01T10:00:00+02:00</updated>
          <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Un <em>titre</em> &#8217;XHTML&#x2019;</div></title>
          <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Voir <a href="../about">&agrave; propos</a> <img src="img/a.png" alt="a"/><script>alert(1)</script></p></div></content>
          <author><name>me@example.com (Example editor)</name></author></entry>
      </feed>`,
      'application/atom+xml',
    );
    expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED', lastError: null, lastFetchSkippedItems: 0 });
    const [item] = (await itemsOf(source.id)).edges.map((edge: any) => edge.node);
    expect(item).toMatchObject({
      guid: 'https://atom.example/entries/1',
      url: 'https://atom.example/news/first',
      title: 'Un titre ’XHTML’',
      author: 'Example editor',
      language: 'fr',
    });
    expect(item.content).toContain('href="https://atom.example/about"');
    expect(item.content).toContain('à propos');
    expect(item.content).toContain('src="https://atom.example/news/img/a.png"');
    expect(item.content).not.toContain('script');
  });

  it('gives an RSS item whose only URL is its permalink guid, or its enclosure, that link; reads legacy encodings', async () => {
    const body = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Qu'),
      Buffer.from([0xe9]),
      Buffer.from(`bec</title><link>https://rss.example/</link>
        <item><title>Permalien</title><guid>https://rss.example/2026/permalien</guid><pubDate>Tue, 24 Nov 2026 10:00:00 CEST</pubDate></item>
        <item><title>Balado</title><enclosure url="/audio/1.mp3" type="audio/mpeg" length="1"/></item>
        </channel></rss>`),
    ]);
    const { source } = await sharedFeed(body, 'application/rss+xml');
    expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED', lastFetchSkippedItems: 0 });
    const items = (await itemsOf(source.id)).edges.map((edge: any) => edge.node);
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: 'Permalien', url: 'https://rss.example/2026/permalien', publishedAt: '2026-11-24T08:00:00.000Z' }),
        expect.objectContaining({ title: 'Balado', url: 'https://rss.example/audio/1.mp3' }),
      ]),
    );
  });

  it("keeps an entry's media: enclosures and media:content made absolute, what is not http(s) dropped", async () => {
    const { source } = await sharedFeed(
      `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Balados</title><link>https://podcast.example/</link>
        <item><guid>episode-1</guid><title>Épisode 1</title><link>https://podcast.example/1</link>
          <enclosure url="/audio/1.mp3" type="audio/mpeg" length="1"/>
          <media:content url="https://cdn.example/1.jpg" medium="image"/>
          <enclosure url="javascript:alert(1)" type="audio/mpeg" length="1"/>
        </item>
        <item><guid>episode-2</guid><title>Épisode 2</title></item>
      </channel></rss>`,
      'application/rss+xml',
    );
    expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED' });
    const media = Object.fromEntries(
      (
        ok(await app.graphql(`query($workspaceId: ID!, $filter: WatchItemFilter) { watchItems(workspaceId: $workspaceId, filter: $filter, first: 10) { edges { node { guid enclosures } } } }`, {
          workspaceId: world.workspace.id,
          filter: { sourceId: source.id },
        }, { token: world.people.PARTNER_MEMBER.token })).watchItems.edges as { node: { guid: string; enclosures: string[] } }[]
      ).map(({ node }) => [node.guid, node.enclosures]),
    );
    // A relative URL of an RSS item stands against the channel's link, as its other links do.
    expect(media).toEqual({ 'episode-1': ['https://podcast.example/audio/1.mp3', 'https://cdn.example/1.jpg'], 'episode-2': [] });
  });

  it('skips an item of the wrong types, keeps the others and counts the skipped one on the source', async () => {
    const feed = (items: unknown[]) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'JSON', items });
    const { source, feedPath } = await sharedFeed(feed([{ id: 'a', title: 'A' }, { id: { wrong: true }, title: 7 }, { id: 'b', title: 'B' }]), 'application/feed+json');
    expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED', lastError: null, lastFetchSkippedItems: 1 });
    expect((await itemsOf(source.id)).edges.map((edge: any) => edge.node.guid).sort()).toEqual(['a', 'b']);

    server.routes.set(feedPath, { body: feed([{ id: 'c', title: 'C' }]), contentType: 'application/feed+json' });
    expect(await refresh(source.id)).toMatchObject({ lastFetchOutcome: 'FETCHED', lastFetchSkippedItems: 0 });
  });

  it('takes at most the item cap of a 100,000-item feed without stalling the event loop', async () => {
    const body = `<rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>${Array.from({ length: 100_000 }, (_, n) => `<item><guid>g${n}</guid></item>`).join('')}</channel></rss>`;
    // What reading the whole feed on this thread costs, in this run: the stall there would be.
    const started = performance.now();
    expect(parseFeed(Buffer.from(body), undefined, 'https://big.example/', 100_000).items).toHaveLength(100_000);
    const wholeParseMs = performance.now() - started;

    const { source } = await sharedFeed(body, 'application/rss+xml');
    const { result: fetched, stallMs } = await longestStall(() => refresh(source.id));
    expect(fetched).toMatchObject({ lastFetchOutcome: 'FETCHED', lastFetchSkippedItems: 0 });
    expect((await itemsOf(source.id, 1)).totalCount).toBe(MAX_ITEMS_PER_FETCH);
    // Parsed on this thread, the longest stall would be about the whole parse; a busy machine adds its own.
    expect(stallMs).toBeLessThan(wholeParseMs);
  });
});
