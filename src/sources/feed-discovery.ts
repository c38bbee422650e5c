import { Parser } from 'htmlparser2';
import { absoluteUrl } from './fetcher/feed-urls';
import { SourceKind } from './watch-source.entity';

/**
 * Feed discovery on a web page, without I/O: the feeds it advertises with
 * `<link rel="alternate" type="…">` (the RSS autodiscovery convention, also used for Atom and
 * JSON Feed), and the common paths tried when it advertises none.
 */

export interface FeedLink {
  url: string;
  title: string | null;
  kind: SourceKind;
}

/** Link types that name a feed, and the kind of feed they name. */
const FEED_TYPES: Record<string, SourceKind> = {
  'application/rss+xml': SourceKind.RSS,
  'application/rdf+xml': SourceKind.RSS,
  'application/atom+xml': SourceKind.ATOM,
  'application/feed+json': SourceKind.JSON_FEED,
  'application/json': SourceKind.JSON_FEED,
};

/** Where sites commonly serve their feed, tried against the page's origin when it advertises none. */
export const COMMON_FEED_PATHS = ['/feed', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml'];

/** The most feeds one page is taken to advertise. */
const MAX_LINKS = 20;

/**
 * The feeds a page advertises, in its order, each once, absolute (against `<base href>` when the
 * page has one, else `pageUrl`), with their titles. Only the head's links count: reading stops at <body>.
 */
export function advertisedFeeds(html: string, pageUrl: string): FeedLink[] {
  const found: { href: string; title: string | null; kind: SourceKind }[] = [];
  let base = pageUrl;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'body') return parser.pause();
        if (name === 'base' && attributes.href) base = absoluteUrl(attributes.href, pageUrl) ?? base;
        if (name !== 'link' || !attributes.href) return;
        const rels = (attributes.rel ?? '').toLowerCase().split(/\s+/);
        const kind = FEED_TYPES[(attributes.type ?? '').split(';')[0].trim().toLowerCase()];
        if (rels.includes('alternate') && kind && found.length < MAX_LINKS) found.push({ href: attributes.href, title: attributes.title?.trim() || null, kind });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  const seen = new Set<string>();
  return found.flatMap(({ href, title, kind }) => {
    const url = absoluteUrl(href, base);
    if (!url || seen.has(url)) return [];
    seen.add(url);
    return [{ url, title, kind }];
  });
}

/** The common feed paths on the origin of `pageUrl`. */
export function commonFeedUrls(pageUrl: string): string[] {
  const origin = new URL(pageUrl).origin;
  return COMMON_FEED_PATHS.map((path) => `${origin}${path}`);
}

/** Whether a response is a web page rather than a feed, by its content type or, without one, its first bytes. */
export function isHtmlPage(contentType: string | undefined, body: Buffer): boolean {
  if (contentType) return /^\s*(text\/html|application\/xhtml\+xml)/i.test(contentType);
  return /^\s*(<!doctype html|<html)/i.test(body.subarray(0, 512).toString('latin1'));
}
