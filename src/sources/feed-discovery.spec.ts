import { advertisedFeeds, commonFeedUrls, isHtmlPage } from './feed-discovery';
import { SourceKind } from './watch-source.entity';

describe('feeds advertised by a page', () => {
  it('lists RSS, Atom and JSON Feed alternates, absolute, titled, each once, in order', () => {
    const html = `<!doctype html><html><head><title>Blog</title>
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/rss+xml" title="Articles &amp; nouvelles" href="/feed.rss">
      <LINK REL="Alternate" TYPE="application/atom+xml" HREF="https://blog.example.ca/atom">
      <link rel="alternate" type="application/feed+json; charset=utf-8" title=" JSON " href="feed.json">
      <link rel="alternate" type="application/rss+xml" href="/feed.rss">
      <link rel="alternate" hreflang="en" href="/en/">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      </head><body><link rel="alternate" type="application/rss+xml" href="/in-body.xml"></body></html>`;
    expect(advertisedFeeds(html, 'https://blog.example.ca/posts/')).toEqual([
      { url: 'https://blog.example.ca/feed.rss', title: 'Articles & nouvelles', kind: SourceKind.RSS },
      { url: 'https://blog.example.ca/atom', title: null, kind: SourceKind.ATOM },
      { url: 'https://blog.example.ca/posts/feed.json', title: 'JSON', kind: SourceKind.JSON_FEED },
    ]);
  });

  it('resolves against <base href>', () => {
    const html = `<head><base href="https://cdn.example.ca/site/"><link rel="alternate" type="application/atom+xml" href="atom.xml"></head>`;
    expect(advertisedFeeds(html, 'https://blog.example.ca/')).toEqual([{ url: 'https://cdn.example.ca/site/atom.xml', title: null, kind: SourceKind.ATOM }]);
  });

  it('finds nothing on a page without alternates', () => {
    expect(advertisedFeeds('<html><head><title>x</title></head><body>hi</body></html>', 'https://a.example/')).toEqual([]);
  });
});

describe('discovery helpers', () => {
  it('tries the common paths on the page’s origin', () => {
    expect(commonFeedUrls('https://blog.example.ca:8443/a/b?c=d')).toEqual([
      'https://blog.example.ca:8443/feed',
      'https://blog.example.ca:8443/rss.xml',
      'https://blog.example.ca:8443/atom.xml',
      'https://blog.example.ca:8443/feed.xml',
      'https://blog.example.ca:8443/index.xml',
    ]);
  });

  it('tells a page from a feed by its type, or its first bytes without one', () => {
    expect(isHtmlPage('text/html; charset=utf-8', Buffer.from(''))).toBe(true);
    expect(isHtmlPage('application/rss+xml', Buffer.from('<!doctype html>'))).toBe(false);
    expect(isHtmlPage(undefined, Buffer.from('  <!DOCTYPE html><html>'))).toBe(true);
    expect(isHtmlPage(undefined, Buffer.from('<?xml version="1.0"?><rss/>'))).toBe(false);
  });
});
