import { FeedParseError, parseFeed } from './feed-parser';

const BASE = 'https://blog.example.ca/feed/';
const parse = (body: string | Buffer, type = 'application/xml') => parseFeed(Buffer.isBuffer(body) ? body : Buffer.from(body), type, BASE);

describe('parseFeed', () => {
  it('reads RSS 2.0 with relative links, HTML titles, CDATA and missing dates', () => {
    const feed = parse(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel><title>Veille &amp; co</title><link>/</link><language>fr-CA</language>
        <item><title>Un &lt;b&gt;titre&lt;/b&gt;</title><link>/billet-1</link><guid isPermaLink="false">id-1</guid>
          <pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate><description><![CDATA[<p>Résumé</p>]]></description>
          <content:encoded><![CDATA[<p>Texte <script>x</script></p>]]></content:encoded><dc:creator>Sophie</dc:creator></item>
        <item><title>Sans date ni guid</title><link>https://blog.example.ca/billet-2</link></item>
      </channel></rss>`);
    expect(feed).toMatchObject({ format: 'RSS', title: 'Veille & co', siteUrl: 'https://blog.example.ca/', language: 'fr-CA' });
    expect(feed.items[0]).toMatchObject({
      guid: 'id-1',
      url: 'https://blog.example.ca/billet-1',
      title: 'Un <b>titre</b>',
      summaryHtml: '<p>Résumé</p>',
      author: 'Sophie',
    });
    expect(feed.items[0].publishedAt?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(feed.items[1]).toMatchObject({ guid: 'https://blog.example.ca/billet-2', publishedAt: null });
  });

  it('reads RSS 1.0 (RDF)', () => {
    const feed = parse(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link></channel>
      <item rdf:about="https://rdf.example/a"><title>A</title><link>https://rdf.example/a</link><dc:date>2026-11-20T08:00:00Z</dc:date></item></rdf:RDF>`);
    expect(feed.format).toBe('RDF');
    expect(feed.items).toEqual([expect.objectContaining({ guid: 'https://rdf.example/a', title: 'A', publishedAt: new Date('2026-11-20T08:00:00Z') })]);
  });

  it('reads Atom 1.0 with xml:base and alternate links', () => {
    const feed = parse(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://atom.example/news/">
      <title type="html">News</title><link rel="self" href="feed.atom"/><link href="./"/>
      <entry><id>tag:atom.example,2026:1</id><title>First</title><link rel="edit" href="edit/1"/><link rel="alternate" href="first"/>
        <updated>2026-11-21T00:00:00Z</updated><summary type="html">&lt;p&gt;hi&lt;/p&gt;</summary><author><name>Kema</name></author></entry></feed>`);
    expect(feed).toMatchObject({ format: 'ATOM', title: 'News', siteUrl: 'https://atom.example/news/', language: 'en' });
    expect(feed.items[0]).toMatchObject({ guid: 'tag:atom.example,2026:1', url: 'https://atom.example/news/first', summaryHtml: '<p>hi</p>', author: 'Kema' });
  });

  it('reads JSON Feed 1.1', () => {
    const feed = parse(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON',
        home_page_url: 'https://json.example/',
        language: 'fr',
        items: [{ id: 7, url: '/sept', title: 'Sept', content_text: 'a < b', date_published: '2026-11-22T12:00:00-05:00', authors: [{ name: 'Lou' }] }],
      }),
      'application/feed+json',
    );
    expect(feed).toMatchObject({ format: 'JSON_FEED', title: 'JSON', language: 'fr' });
    expect(feed.items[0]).toMatchObject({ guid: '7', url: 'https://json.example/sept', contentHtml: 'a &lt; b', author: 'Lou', publishedAt: new Date('2026-11-22T17:00:00Z') });
  });

  it('honours the declared encoding', () => {
    const body = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss><channel><title>'), Buffer.from([0x51, 0x75, 0xe9, 0x62, 0x65, 0x63, 0x20, 0x80]), Buffer.from('</title></channel></rss>')]);
    expect(parse(body).title).toBe('Québec €');
  });

  it('never reads external entities nor expands declared ones', () => {
    const xxe = parse(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>&xxe;</title></channel></rss>`);
    expect(xxe.title).not.toContain('root:');
    const lol = '<!ENTITY a "aaaaaaaaaa">' + Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('');
    const bomb = parse(`<?xml version="1.0"?><!DOCTYPE rss [${lol}]><rss><channel><title>&j;</title></channel></rss>`);
    expect((bomb.title ?? '').length).toBeLessThan(100);
  });

  it('refuses what is not a feed', () => {
    expect(() => parse('<html><body>hello</body></html>')).toThrow(FeedParseError);
    expect(() => parse('{"hello": 1}')).toThrow(FeedParseError);
    expect(() => parse('plain text')).toThrow(FeedParseError);
  });

  it('keeps what a truncated or ill-formed feed has, as readers do', () => {
    const feed = parse('<rss><channel><title>oops</channel><item><title>A &eacute; <b>bold</b></title><guid>a</guid></item><item><title>cut');
    expect(feed.title).toBe('oops');
    expect(feed.items.map((item) => item.title)).toEqual(['A é <b>bold</b>', 'cut']);
  });

  it('reads at most the item cap, and stops reading there', () => {
    const items = (count: number, from = 0) => Array.from({ length: count }, (_, n) => `<item><guid>g${from + n}</guid></item>`).join('');
    // What follows the cap is never read: not even an unknown root would be noticed there.
    const feed = parseFeed(Buffer.from(`<rss><channel>${items(5)}${items(3, 5)}</channel></rss>`), 'application/rss+xml', BASE, 5);
    expect(feed.items.map((item) => item.guid)).toEqual(['g0', 'g1', 'g2', 'g3', 'g4']);
    expect(feed.skippedItems).toBe(0);
  });

  it('skips and counts empty items, keeping the others', () => {
    const feed = parse('<rss><channel><item></item><item><title>Kept</title></item><item> </item></channel></rss>');
    expect(feed.items.map((item) => item.title)).toEqual(['Kept']);
    expect(feed.skippedItems).toBe(2);
  });
});
