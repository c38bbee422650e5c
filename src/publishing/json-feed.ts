import { AtomFeed } from '../common/atom';

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), from the same model as the Atom feed beside it. */
export function renderJsonFeed(feed: Omit<AtomFeed, 'selfUrl'>, feedUrl: string): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: feed.title,
      feed_url: feedUrl,
      items: feed.entries.map((entry) => ({
        id: entry.id,
        url: entry.link,
        title: entry.title,
        ...(entry.summary ? { summary: entry.summary } : {}),
        content_html: entry.contentHtml ?? '',
        ...(entry.published ? { date_published: entry.published.toISOString() } : {}),
        date_modified: entry.updated.toISOString(),
        authors: entry.authors.map((name) => ({ name })),
        ...(entry.language ? { language: entry.language } : {}),
      })),
    },
    null,
    2,
  );
}
