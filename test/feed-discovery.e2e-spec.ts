import { atom, entries, FeedServer, jsonFeed, rss2 } from './support/feeds';
import { describeApp, ok, refused } from './support/harness';

let server: FeedServer;
beforeAll(async () => (server = await FeedServer.start()));
afterAll(() => server.stop());

const DISCOVER = `query($url: String!) { discoverFeeds(url: $url) { url title kind } }`;
const page = (head: string) => ({ contentType: 'text/html; charset=utf-8', body: `<!doctype html><html><head><title>Site</title>${head}</head><body><p>Hello</p></body></html>` });

describeApp('discoverFeeds, against a local web server', { world: true, env: () => ({ FETCH_ALLOW_HOSTS: server.host }) }, ({ app, world }) => {
  const discover = (url: string) => app.graphql(DISCOVER, { url }, { token: world.people.OBSERVER.token });

  it('lists the feeds a page advertises (RSS, Atom, JSON Feed), absolute, with their titles, without probing', async () => {
    server.routes.set(
      '/blog/',
      page(`<link rel="alternate" type="application/rss+xml" title="Billets (RSS)" href="/blog/rss">
        <link rel="alternate" type="application/atom+xml" title="Billets (Atom)" href="atom.xml">
        <link rel="alternate" type="application/feed+json" href="${server.url('/blog/feed.json')}">
        <link rel="alternate" hreflang="en" href="/en/blog/">`),
    );
    const feeds = ok(await discover(server.url('/blog/'))).discoverFeeds;
    expect(feeds).toEqual([
      { url: server.url('/blog/rss'), title: 'Billets (RSS)', kind: 'RSS' },
      { url: server.url('/blog/atom.xml'), title: 'Billets (Atom)', kind: 'ATOM' },
      { url: server.url('/blog/feed.json'), title: null, kind: 'JSON_FEED' },
    ]);
    expect(server.hitsOf('/feed') + server.hitsOf('/rss.xml')).toBe(0);
  });

  it('returns the URL itself when it is a feed, with the feed’s title', async () => {
    server.routes.set('/itself.atom', { contentType: 'application/atom+xml', body: atom('Le fil lui-même', entries('itself', 2)) });
    expect(ok(await discover(server.url('/itself.atom'))).discoverFeeds).toEqual([{ url: server.url('/itself.atom'), title: 'Le fil lui-même', kind: 'ATOM' }]);
    server.routes.set('/itself.json', { contentType: 'application/feed+json', body: jsonFeed('JSON itself', entries('json-itself', 1)) });
    expect(ok(await discover(server.url('/itself.json'))).discoverFeeds).toEqual([{ url: server.url('/itself.json'), title: 'JSON itself', kind: 'JSON_FEED' }]);
  });

  it('probes the common paths of the site when the page advertises nothing, keeping those that are feeds', async () => {
    server.routes.set('/plain', page(''));
    server.routes.set('/rss.xml', { body: rss2('Probed RSS', entries('probed', 1)) });
    server.routes.set('/atom.xml', page('')); // a page, not a feed
    server.routes.set('/index.xml', { contentType: 'application/xml', body: 'not a feed at all' });
    const feeds = ok(await discover(server.url('/plain'))).discoverFeeds;
    expect(feeds).toEqual([{ url: server.url('/rss.xml'), title: 'Probed RSS', kind: 'RSS' }]);
    for (const path of ['/feed', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml']) expect(server.hitsOf(path)).toBe(1);
  });

  it('finds nothing when neither the page nor the common paths of its site offer a feed', async () => {
    server.routes.set('/lonely', page(''));
    for (const path of ['/rss.xml', '/atom.xml', '/index.xml']) server.routes.delete(path);
    expect(ok(await discover(server.url('/lonely'))).discoverFeeds).toEqual([]);
  });

  it('refuses private addresses, redirects to them, and other schemes, like a feed fetch (BAD_USER_INPUT on url)', async () => {
    server.routes.set('/to-metadata', { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } });
    for (const url of ['http://10.0.0.1/', 'http://127.0.0.1:1/', 'http://[::1]/', 'http://169.254.169.254/', server.url('/to-metadata'), 'ftp://files.example.ca/feed.xml', 'file:///etc/passwd', 'not a url']) {
      const error = refused(await discover(url), 'BAD_USER_INPUT');
      expect(error.extensions.fields.map((field: any) => field.field)).toEqual(['url']);
    }
  });

  it('says when the page cannot be fetched', async () => {
    const error = refused(await discover(server.url('/missing-page')), 'BAD_USER_INPUT');
    expect(error.extensions.fields).toEqual([{ field: 'url', message: 'could not be fetched' }]);
  });

  it('is for signed-in people only', async () => {
    refused(await app.graphql(DISCOVER, { url: server.url('/blog/') }), 'UNAUTHENTICATED');
  });
});
