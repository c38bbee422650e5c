import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export class FeedParseError extends Error {}

export interface ParsedItem {
  guid: string;
  url: string | null;
  title: string | null;
  /** HTML as the feed gave it: the caller sanitizes before storing. */
  summaryHtml: string | null;
  contentHtml: string | null;
  author: string | null;
  publishedAt: Date | null;
  updatedAt: Date | null;
  language: string | null;
}

export interface ParsedFeed {
  format: 'RSS' | 'RDF' | 'ATOM' | 'JSON_FEED';
  title: string | null;
  siteUrl: string | null;
  language: string | null;
  items: ParsedItem[];
}

const MAX_ITEMS = 500;
const MAX_FIELD = 200_000;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Only the five XML entities and character references: no DTD is read (it is cut out below).
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['item', 'entry', 'link', 'category', 'author'].includes(name),
});

/**
 * RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and JSON Feed 1.x, told apart by their content, with the
 * sloppiness of real feeds: missing dates, relative links, odd encodings. A document type
 * declaration is removed before parsing, so no external entity is fetched and no entity expands.
 */
export function parseFeed(body: Buffer, contentType: string | undefined, baseUrl: string): ParsedFeed {
  const text = decode(body, contentType);
  const start = text.trimStart();
  if (start.startsWith('{')) return parseJsonFeed(start, baseUrl);
  if (!start.startsWith('<')) throw new FeedParseError('Not a feed: neither XML nor JSON');
  const source = withoutDoctype(text);
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new FeedParseError(`Malformed XML (line ${valid.err.line}): ${valid.err.msg}`);
  const document: Record<string, any> = xml.parse(source);
  if (document.rss?.channel) return parseRss(document.rss.channel, baseUrl);
  if (document.RDF) return parseRdf(document.RDF, baseUrl);
  if (document.feed) return parseAtom(document.feed, baseUrl);
  throw new FeedParseError('Not a feed: no RSS, RDF or Atom root element');
}

/** Removes `<!DOCTYPE …>`, internal subset included: entity declarations are never honoured. */
function withoutDoctype(text: string): string {
  return text.replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\]\s*)?>/i, '');
}

/** The text of the body: BOM, then the XML declaration, then the Content-Type charset, then UTF-8. */
function decode(body: Buffer, contentType: string | undefined): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return body.subarray(3).toString('utf8');
  if (body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le').decode(body.subarray(2));
  if (body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be').decode(body.subarray(2));
  const declared = /^<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(body.subarray(0, 200).toString('latin1'))?.[1];
  const charset = (declared ?? /charset=["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? 'utf-8').toLowerCase();
  // Node decodes these labels as ISO-8859-1; the web (and feed authors) mean windows-1252.
  if (['windows-1252', 'cp1252', 'iso-8859-1', 'latin1', 'us-ascii'].includes(charset)) {
    return body.toString('latin1').replace(/[\u0080-\u009f]/g, (char) => CP1252_HIGH[char.charCodeAt(0) - 0x80]);
  }
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return body.toString('utf8');
  }
}

/** Windows-1252 at 0x80–0x9F (the five unassigned bytes kept as their C1 controls). */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return String(value).slice(0, MAX_FIELD) || null;
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'object') return text((value as Record<string, unknown>)['#text']);
  return null;
}

function absolute(url: string | null, base: string): string | null {
  if (!url) return null;
  try {
    const resolved = new URL(url.trim(), base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.toString() : null;
  } catch {
    return null;
  }
}

function date(value: unknown): Date | null {
  const raw = text(value);
  if (!raw) return null;
  const parsed = new Date(raw.replace(/\s+(UT|Z)$/, ' GMT'));
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** Items without an id are known by their link, or by a hash of what they say. */
function identity(guid: string | null, url: string | null, title: string | null, published: Date | null): string {
  return guid || url || `sha256:${createHash('sha256').update(`${title ?? ''}\u0000${published?.toISOString() ?? ''}`).digest('hex')}`;
}

function rssLink(links: unknown): string | null {
  for (const link of Array.isArray(links) ? links : [links]) {
    const href = typeof link === 'object' && link ? (link as Record<string, string>)['@_href'] : undefined;
    const value = href ?? text(link);
    if (value) return value;
  }
  return null;
}

function parseRss(channel: Record<string, any>, baseUrl: string): ParsedFeed {
  const siteUrl = absolute(rssLink(channel.link), baseUrl);
  const items = (channel.item ?? []).slice(0, MAX_ITEMS).map((item: Record<string, any>): ParsedItem => {
    const url = absolute(rssLink(item.link), siteUrl ?? baseUrl);
    const publishedAt = date(item.pubDate ?? item.date);
    const title = text(item.title);
    return {
      guid: identity(text(item.guid), url, title, publishedAt),
      url,
      title,
      summaryHtml: text(item.description),
      contentHtml: text(item.encoded),
      author: text(item.creator) ?? text(item.author),
      publishedAt,
      updatedAt: date(item.updated),
      language: text(item.language),
    };
  });
  return { format: 'RSS', title: text(channel.title), siteUrl, language: text(channel.language), items };
}

function parseRdf(rdf: Record<string, any>, baseUrl: string): ParsedFeed {
  const channel = rdf.channel ?? {};
  const siteUrl = absolute(text(channel.link), baseUrl);
  const items = (rdf.item ?? []).slice(0, MAX_ITEMS).map((item: Record<string, any>): ParsedItem => {
    const url = absolute(rssLink(item.link), siteUrl ?? baseUrl);
    const publishedAt = date(item.date);
    const title = text(item.title);
    return {
      guid: identity(item['@_about'] ?? null, url, title, publishedAt),
      url,
      title,
      summaryHtml: text(item.description),
      contentHtml: text(item.encoded),
      author: text(item.creator),
      publishedAt,
      updatedAt: null,
      language: text(item.language),
    };
  });
  return { format: 'RDF', title: text(channel.title), siteUrl, language: text(channel.language), items };
}

function atomLink(links: unknown, base: string): string | null {
  const candidates = (Array.isArray(links) ? links : [links]).filter((link) => link && typeof link === 'object') as Record<string, string>[];
  const alternate = candidates.find((link) => !link['@_rel'] || link['@_rel'] === 'alternate') ?? candidates[0];
  return absolute(alternate?.['@_href'] ?? null, base);
}

function parseAtom(feed: Record<string, any>, baseUrl: string): ParsedFeed {
  const base = absolute(feed['@_base'] ?? null, baseUrl) ?? baseUrl;
  const siteUrl = atomLink(feed.link, base);
  const language = feed['@_lang'] ?? null;
  const items = (feed.entry ?? []).slice(0, MAX_ITEMS).map((entry: Record<string, any>): ParsedItem => {
    const entryBase = absolute(entry['@_base'] ?? null, base) ?? base;
    const url = atomLink(entry.link, entryBase);
    const publishedAt = date(entry.published) ?? date(entry.updated);
    const title = text(entry.title);
    const author = (entry.author ?? [])[0];
    return {
      guid: identity(text(entry.id), url, title, publishedAt),
      url,
      title,
      summaryHtml: text(entry.summary),
      contentHtml: text(entry.content),
      author: author ? text(author.name) : null,
      publishedAt,
      updatedAt: date(entry.updated),
      language: entry['@_lang'] ?? language,
    };
  });
  return { format: 'ATOM', title: text(feed.title), siteUrl, language, items };
}

function parseJsonFeed(source: string, baseUrl: string): ParsedFeed {
  let feed: Record<string, any>;
  try {
    feed = JSON.parse(source);
  } catch (error) {
    throw new FeedParseError(`Malformed JSON: ${(error as Error).message}`);
  }
  if (typeof feed !== 'object' || !feed || !Array.isArray(feed.items)) throw new FeedParseError('Not a JSON Feed: no items');
  const siteUrl = absolute(typeof feed.home_page_url === 'string' ? feed.home_page_url : null, baseUrl);
  const string = (value: unknown) => (typeof value === 'string' ? value.slice(0, MAX_FIELD) : null);
  const items = feed.items.slice(0, MAX_ITEMS).map((item: Record<string, any>): ParsedItem => {
    const url = absolute(string(item.url) ?? string(item.external_url), siteUrl ?? baseUrl);
    const publishedAt = date(string(item.date_published));
    const title = string(item.title);
    const author = Array.isArray(item.authors) ? item.authors[0] : item.author;
    return {
      guid: identity(item.id === undefined || item.id === null ? null : String(item.id), url, title, publishedAt),
      url,
      title,
      summaryHtml: string(item.summary),
      contentHtml: string(item.content_html) ?? (string(item.content_text) ? escapeHtml(item.content_text) : null),
      author: author && typeof author === 'object' ? string(author.name) : null,
      publishedAt,
      updatedAt: date(string(item.date_modified)),
      language: string(item.language) ?? string(feed.language),
    };
  });
  return { format: 'JSON_FEED', title: string(feed.title), siteUrl, language: string(feed.language), items };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[char] as string);
}
