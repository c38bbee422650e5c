import { parseFeedDate } from './feed-dates';
import { absoluteHtml, absoluteUrl, escapeText } from './feed-urls';
import { FeedParseError } from './feed-xml';
import type { ParsedFeed, ParsedItem } from './feed-parser';
import { identity } from './feed-text';

type Json = Record<string, unknown>;

const MAX_FIELD = 200_000;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const string = (value: unknown) => (typeof value === 'string' ? value.slice(0, MAX_FIELD) : null);
const STRING_FIELDS = ['url', 'external_url', 'title', 'content_html', 'content_text', 'summary', 'date_published', 'date_modified', 'language'];

/** An item of the types JSON Feed says: an object, an id that is a string or a number, strings where strings go. */
function wellTyped(item: unknown): item is Json {
  if (!isObject(item)) return false;
  if (item.id !== undefined && item.id !== null && typeof item.id !== 'string' && typeof item.id !== 'number') return false;
  return STRING_FIELDS.every((field) => item[field] === undefined || item[field] === null || typeof item[field] === 'string');
}

function authorName(holder: Json): string | null {
  const author = Array.isArray(holder.authors) ? holder.authors[0] : holder.author;
  return isObject(author) ? string(author.name) : null;
}

/** JSON Feed 1.0 and 1.1; an item of the wrong types is skipped and counted, the others kept. */
export function parseJsonFeed(source: string, documentUrl: string, maxItems: number): ParsedFeed {
  let feed: unknown;
  try {
    feed = JSON.parse(source);
  } catch (error) {
    throw new FeedParseError(`Malformed JSON: ${(error as Error).message}`);
  }
  if (!isObject(feed) || !Array.isArray(feed.items)) throw new FeedParseError('Not a JSON Feed: no items');
  const siteUrl = absoluteUrl(string(feed.home_page_url), documentUrl);
  const base = siteUrl ?? documentUrl;
  const feedAuthor = authorName(feed);
  const candidates: unknown[] = feed.items.slice(0, maxItems);
  const items = candidates.filter(wellTyped).map((item): ParsedItem => {
    const attachments = (Array.isArray(item.attachments) ? item.attachments : []).filter(isObject).map((attachment) => absoluteUrl(string(attachment.url), base));
    const enclosures = attachments.filter((url): url is string => !!url);
    const url = absoluteUrl(string(item.url) ?? string(item.external_url), base) ?? enclosures[0] ?? null;
    const publishedAt = parseFeedDate(string(item.date_published));
    const title = string(item.title);
    const html = string(item.content_html);
    const text = string(item.content_text);
    return {
      guid: identity(item.id === undefined || item.id === null ? null : String(item.id), url, title, publishedAt),
      url,
      title,
      summaryHtml: string(item.summary),
      contentHtml: html ? absoluteHtml(html, base) : text ? escapeText(text) : null,
      author: authorName(item) ?? feedAuthor,
      publishedAt,
      updatedAt: parseFeedDate(string(item.date_modified)),
      language: string(item.language) ?? string(feed.language),
      enclosures,
    };
  });
  const hub = (Array.isArray(feed.hubs) ? feed.hubs : []).filter(isObject).find((candidate) => string(candidate.type)?.toLowerCase() === 'websub');
  return {
    format: 'JSON_FEED',
    title: string(feed.title),
    siteUrl,
    language: string(feed.language),
    items,
    skippedItems: candidates.length - items.length,
    ttlMinutes: null,
    hubUrl: absoluteUrl(string(hub?.url), base),
    selfUrl: absoluteUrl(string(feed.feed_url), base),
  };
}
