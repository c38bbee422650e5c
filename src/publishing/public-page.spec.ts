import { jsonLdScript, longDate } from './public-page';
import { renderJsonFeed } from './json-feed';
import { Language } from '../common/localized-text';

describe('JSON-LD in a page', () => {
  it('writes no text that ends the script element or opens a comment, and parses back to the same data', () => {
    const data = { headline: '</script><script>alert(1)</script> <!-- & \u2028 -->' };
    const script = jsonLdScript(data);
    const inside = script.slice('<script type="application/ld+json">'.length, -'</script>'.length);
    expect(inside).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(inside)).toEqual(data);
  });
});

describe('dates of a page', () => {
  it('names the UTC day in the page language', () => {
    const instant = new Date('2026-12-01T23:30:00Z');
    expect(longDate(instant, Language.fr)).toBe('1 décembre 2026');
    expect(longDate(instant, Language.en)).toBe('December 1, 2026');
  });
});

describe('JSON Feed 1.1', () => {
  it('carries the Atom model: ids, page links, dates, authors as objects, languages', () => {
    const published = new Date('2026-11-30T12:00:00Z');
    const feed = JSON.parse(
      renderJsonFeed(
        {
          id: 'urn:feed',
          title: 'Veille / Watch',
          updated: published,
          entries: [{ id: 'urn:entry', title: 'Titre', link: 'https://t.example/fr/w/articles/1', language: 'fr-CA', updated: published, published, contentHtml: '<p>x</p>', authors: ['A (B)'] }],
        },
        'https://t.example/feeds/w/articles.json',
      ),
    );
    expect(feed).toEqual({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Veille / Watch',
      feed_url: 'https://t.example/feeds/w/articles.json',
      items: [
        {
          id: 'urn:entry',
          url: 'https://t.example/fr/w/articles/1',
          title: 'Titre',
          content_html: '<p>x</p>',
          date_published: '2026-11-30T12:00:00.000Z',
          date_modified: '2026-11-30T12:00:00.000Z',
          authors: [{ name: 'A (B)' }],
          language: 'fr-CA',
        },
      ],
    });
  });
});
