import { decodeFeed } from './feed-decoding';
import { latest, parseFeedDate } from './feed-dates';
import { constructHtml, identity, personName, plain } from './feed-text';
import { absoluteId, absoluteUrl } from './feed-urls';
import { child, childrenOf, FeedParseError, readFeedXml, XmlNode } from './feed-xml';
import { parseJsonFeed } from './json-feed';

export { FeedParseError } from './feed-xml';

export interface ParsedItem {
  guid: string;
  url: string | null;
  title: string | null;
  /** HTML as the feed gave it, its URLs made absolute: the caller sanitizes before storing. */
  summaryHtml: string | null;
  contentHtml: string | null;
  author: string | null;
  publishedAt: Date | null;
  updatedAt: Date | null;
  language: string | null;
  /** Absolute URLs of the entry's media: RSS enclosures, media:content, Atom rel="enclosure", JSON attachments. */
  enclosures: string[];
}

export interface ParsedFeed {
  format: 'RSS' | 'RDF' | 'ATOM' | 'JSON_FEED';
  title: string | null;
  siteUrl: string | null;
  language: string | null;
  items: ParsedItem[];
  /** Entries left out because they were unusable (nothing to identify or show, fields of the wrong types). */
  skippedItems: number;
  /** RSS <ttl>: minutes the feed may be cached before it is fetched again. */
  ttlMinutes: number | null;
  /** The WebSub hub the feed advertises (rel="hub"), and its own address for it (rel="self"). */
  hubUrl: string | null;
  selfUrl: string | null;
}

export const DEFAULT_MAX_ITEMS = 500;

/**
 * RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0 and 0.3, and JSON Feed 1.x, told apart by their content,
 * read as forgivingly as mature readers do: undeclared HTML entities, wrong or missing encodings,
 * unclosed tags, relative links and xml:base, zone names in dates. At most `maxItems` entries are
 * read; an unusable entry is skipped and counted, the others kept.
 */
export function parseFeed(body: Buffer, contentType: string | undefined, documentUrl: string, maxItems = DEFAULT_MAX_ITEMS): ParsedFeed {
  // Control characters are not allowed in XML and only break what displays the text.
  const text = decodeFeed(body, contentType).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  const start = text.trimStart();
  if (start.startsWith('{')) return parseJsonFeed(start, documentUrl, maxItems);
  if (!start.startsWith('<')) throw new FeedParseError('Not a feed: neither XML nor JSON');
  const { root, items } = readFeedXml(withoutDoctype(start), documentUrl, maxItems);
  const feed = root.name === 'feed' ? atomFeed(root, documentUrl) : rssFeed(root, documentUrl);
  const parsed = items.map((item) => (root.name === 'feed' ? atomItem(item, feed) : rssItem(item, feed))).filter((item): item is ParsedItem => !!item);
  const channel = root.name === 'feed' ? root : (child(root, 'channel') ?? root);
  const ttl = Number(plain(child(channel, 'ttl')));
  return {
    format: feed.format,
    title: feed.title,
    siteUrl: feed.siteUrl,
    language: feed.language,
    items: parsed,
    skippedItems: items.length - parsed.length,
    ttlMinutes: Number.isInteger(ttl) && ttl > 0 ? ttl : null,
    hubUrl: links(channel, 'hub')[0] ?? null,
    selfUrl: links(channel, 'self')[0] ?? null,
  };
}

/**
 * The prolog's `<!DOCTYPE …>`, internal subset included: entity declarations are never honoured.
 * Anchored at the start, so a body of unclosed `<!DOCTYPE[` costs one scan, not one per occurrence;
 * a declaration anywhere else is read by the XML reader as one, and never expanded either.
 */
const PROLOG_DOCTYPE = /^(<\?xml[^>]*>\s*)?<!DOCTYPE[^[>]*(\[[\s\S]*?\]\s*)?>/i;

function withoutDoctype(text: string): string {
  return text.replace(PROLOG_DOCTYPE, '$1');
}

interface FeedContext {
  format: ParsedFeed['format'];
  title: string | null;
  siteUrl: string | null;
  language: string | null;
  author: string | null;
  documentUrl: string;
}

/** An item is kept when it says anything at all: an empty one is skipped. */
function usable(item: ParsedItem, guid: string | null): ParsedItem | null {
  return guid || item.url || item.title || item.summaryHtml || item.contentHtml || item.author || item.publishedAt ? item : null;
}

const firstDate = (node: XmlNode, names: string[]) => names.map((name) => parseFeedDate(plain(child(node, name)))).find((date) => date) ?? null;

/** Atom-style links (href, rel) and RSS-style ones (text), resolved; `rel` absent counts as alternate. */
function links(node: XmlNode, rel: string, base?: string): string[] {
  return childrenOf(node, 'link')
    .filter((link) => (link.attributes.rel ?? 'alternate').toLowerCase() === rel)
    .sort((a, b) => Number(!!a.attributes.href) - Number(!!b.attributes.href))
    .map((link) => absoluteUrl(link.attributes.href ?? link.text, link.explicitBase || !base ? link.base : base))
    .filter((url): url is string => !!url);
}

function enclosures(node: XmlNode, base?: string): string[] {
  const media = [...childrenOf(node, 'enclosure'), ...childrenOf(node, 'media:content'), ...childrenOf(node, 'media:group/media:content')];
  const urls = media.map((element) => absoluteUrl(element.attributes.url, element.explicitBase || !base ? element.base : base));
  return [...new Set([...links(node, 'enclosure', base), ...urls].filter((url): url is string => !!url))];
}

const mediaDescription = (node: XmlNode) => constructHtml(child(node, 'media:description') ?? child(node, 'media:group/media:description'), 'text');

function rssFeed(root: XmlNode, documentUrl: string): FeedContext {
  const channel = child(root, 'channel') ?? root;
  const siteUrl = links(channel, 'alternate')[0] ?? null;
  return {
    format: root.name === 'rss' ? 'RSS' : 'RDF',
    title: constructHtml(child(channel, 'title'), 'html'),
    siteUrl,
    language: plain(child(channel, 'language')) ?? plain(child(channel, 'dc:language')) ?? channel.language,
    author: personName(plain(child(channel, 'managingeditor')) ?? plain(child(channel, 'dc:creator'))),
    documentUrl,
  };
}

function rssItem(item: XmlNode, feed: FeedContext): ParsedItem | null {
  // Without xml:base, RSS links are relative to the site, else to the feed's own address.
  const base = item.explicitBase ? item.base : (feed.siteUrl ?? feed.documentUrl);
  const guidNode = child(item, 'guid');
  const guid = plain(guidNode) ?? item.attributes['rdf:about'] ?? item.attributes.about ?? null;
  const permalink = guidNode && guid && guidNode.attributes.ispermalink?.toLowerCase() !== 'false' && /^(https?:\/\/|\/)/i.test(guid) ? absoluteUrl(guid, base) : null;
  const media = enclosures(item, base);
  const url = links(item, 'alternate', base)[0] ?? permalink ?? media[0] ?? null;
  const title = constructHtml(child(item, 'title'), 'html', base);
  const publishedAt = firstDate(item, ['pubdate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'dcterms:date', 'published', 'issued']);
  const author = child(item, 'author');
  const parsed: ParsedItem = {
    guid: identity(guid, url, title, publishedAt),
    url,
    title,
    summaryHtml: constructHtml(child(item, 'description'), 'html', base) ?? mediaDescription(item),
    contentHtml: constructHtml(child(item, 'content:encoded'), 'html', base),
    author: personName(plain(child(item, 'dc:creator')) ?? plain(child(author, 'name')) ?? plain(author) ?? plain(child(item, 'dcterms:creator'))) ?? feed.author,
    publishedAt,
    updatedAt: firstDate(item, ['dcterms:modified', 'updated', 'modified']),
    language: plain(child(item, 'dc:language')) ?? plain(child(item, 'language')) ?? item.language,
    enclosures: media,
  };
  return usable(parsed, guid);
}

function atomAuthor(node: XmlNode | null): string | null {
  return personName(plain(child(node, 'name')) ?? plain(child(node, 'email')));
}

function atomFeed(root: XmlNode, documentUrl: string): FeedContext {
  return {
    format: 'ATOM',
    title: constructHtml(child(root, 'title'), 'text'),
    siteUrl: links(root, 'alternate')[0] ?? null,
    language: root.language,
    author: atomAuthor(child(root, 'author')),
    documentUrl,
  };
}

function atomItem(entry: XmlNode, feed: FeedContext): ParsedItem | null {
  const idNode = child(entry, 'id');
  const id = plain(idNode);
  const guid = id && idNode ? absoluteId(id, idNode.base) : null;
  const content = child(entry, 'content');
  const media = enclosures(entry);
  const url = links(entry, 'alternate')[0] ?? absoluteUrl(content?.attributes.src, content?.base ?? entry.base) ?? media[0] ?? null;
  const title = constructHtml(child(entry, 'title'), 'text');
  // An entry's own <updated> (never its <source>'s); the latest when it repeats them.
  const updatedAt = latest(childrenOf(entry, 'updated').map((node) => parseFeedDate(plain(node)))) ?? firstDate(entry, ['modified', 'dcterms:modified']);
  const publishedAt = firstDate(entry, ['published', 'issued', 'created', 'dc:date', 'dcterms:issued', 'dcterms:created']) ?? updatedAt;
  const parsed: ParsedItem = {
    guid: identity(guid, url, title, publishedAt),
    url,
    title,
    summaryHtml: constructHtml(child(entry, 'summary'), 'text') ?? (content ? null : mediaDescription(entry)),
    contentHtml: content?.attributes.src ? null : constructHtml(content, 'text'),
    author: atomAuthor(child(entry, 'author')) ?? personName(plain(child(entry, 'dc:creator'))) ?? feed.author,
    publishedAt,
    updatedAt,
    language: entry.language,
    enclosures: media,
  };
  return usable(parsed, guid);
}
