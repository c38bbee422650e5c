import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A feed entry as the local feed server writes it, in any format. */
export interface FeedEntry {
  id: string;
  title: string;
  link?: string;
  summary?: string;
  content?: string;
  author?: string;
  published?: Date;
  language?: string;
}

export interface FeedRoute {
  status?: number;
  contentType?: string;
  body?: string;
  /** Answers 304 to a request that sends it back in If-None-Match. */
  etag?: string;
  /** Answers 304 to a request that sends it back in If-Modified-Since. */
  lastModified?: string;
  headers?: Record<string, string>;
  /** Full control, for slow or odd answers. */
  handle?: (request: IncomingMessage, response: ServerResponse) => void;
}

/**
 * A local HTTP server serving feeds from a mutable route table, counting requests per path and
 * remembering the conditional headers it received. The Tandem under test reaches it through
 * FETCH_ALLOW_HOSTS=`host`.
 */
export class FeedServer {
  readonly routes = new Map<string, FeedRoute>();
  readonly hits = new Map<string, number>();
  readonly conditionalRequests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[] = [];
  private constructor(private readonly server: Server) {}

  static async start(): Promise<FeedServer> {
    const server = createServer();
    const feeds = new FeedServer(server);
    server.on('request', (request, response) => feeds.answer(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return feeds;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `127.0.0.1:<port>`: what FETCH_ALLOW_HOSTS needs. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  url(path: string): string {
    return `http://${this.host}${path}`;
  }

  hitsOf(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0];
    this.hits.set(path, this.hitsOf(path) + 1);
    const route = this.routes.get(path);
    if (!route) {
      response.writeHead(404).end('not found');
      return;
    }
    if (route.handle) return route.handle(request, response);
    const ifNoneMatch = request.headers['if-none-match'];
    const ifModifiedSince = request.headers['if-modified-since'];
    if (ifNoneMatch || ifModifiedSince) this.conditionalRequests.push({ path, ifNoneMatch, ifModifiedSince });
    const validators = {
      ...(route.etag ? { etag: route.etag } : {}),
      ...(route.lastModified ? { 'last-modified': route.lastModified } : {}),
    };
    if ((route.etag && ifNoneMatch === route.etag) || (!route.etag && route.lastModified && ifModifiedSince === route.lastModified)) {
      response.writeHead(304, validators).end();
      return;
    }
    response.writeHead(route.status ?? 200, { 'content-type': route.contentType ?? 'application/rss+xml; charset=utf-8', ...validators, ...route.headers });
    response.end(route.body ?? '');
  }
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rss2(title: string, entries: FeedEntry[], language = 'fr-CA'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>${xml(title)}</title><link>https://blog.example.ca/</link><language>${language}</language>
${entries
  .map(
    (entry) => `<item><guid isPermaLink="false">${xml(entry.id)}</guid><title>${xml(entry.title)}</title>
${entry.link ? `<link>${xml(entry.link)}</link>` : ''}${entry.summary ? `<description>${xml(entry.summary)}</description>` : ''}
${entry.content ? `<content:encoded>${xml(entry.content)}</content:encoded>` : ''}${entry.author ? `<dc:creator>${xml(entry.author)}</dc:creator>` : ''}
${entry.published ? `<pubDate>${entry.published.toUTCString()}</pubDate>` : ''}</item>`,
  )
  .join('\n')}
</channel></rss>`;
}

export function rss1(title: string, entries: FeedEntry[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example.ca/"><title>${xml(title)}</title><link>https://rdf.example.ca/</link><description>RDF</description>
<items><rdf:Seq>${entries.map((entry) => `<rdf:li resource="${xml(entry.link ?? entry.id)}"/>`).join('')}</rdf:Seq></items></channel>
${entries
  .map(
    (entry) => `<item rdf:about="${xml(entry.link ?? entry.id)}"><title>${xml(entry.title)}</title><link>${xml(entry.link ?? entry.id)}</link>
${entry.summary ? `<description>${xml(entry.summary)}</description>` : ''}${entry.published ? `<dc:date>${entry.published.toISOString()}</dc:date>` : ''}
${entry.language ? `<dc:language>${entry.language}</dc:language>` : ''}</item>`,
  )
  .join('\n')}
</rdf:RDF>`;
}

export function atom(title: string, entries: FeedEntry[], language = 'en'): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language}"><title>${xml(title)}</title><id>urn:example:feed</id>
<updated>2025-11-20T12:00:00Z</updated><link href="https://atom.example.ca/"/>
${entries
  .map(
    (entry) => `<entry><id>${xml(entry.id)}</id><title type="text">${xml(entry.title)}</title>
${entry.link ? `<link rel="alternate" href="${xml(entry.link)}"/>` : ''}${entry.summary ? `<summary type="html">${xml(entry.summary)}</summary>` : ''}
${entry.content ? `<content type="html">${xml(entry.content)}</content>` : ''}${entry.author ? `<author><name>${xml(entry.author)}</name></author>` : ''}
${entry.published ? `<published>${entry.published.toISOString()}</published><updated>${entry.published.toISOString()}</updated>` : ''}</entry>`,
  )
  .join('\n')}
</feed>`;
}

export function jsonFeed(title: string, entries: FeedEntry[], language = 'fr'): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: 'https://json.example.ca/',
    language,
    items: entries.map((entry) => ({
      id: entry.id,
      url: entry.link,
      title: entry.title,
      summary: entry.summary,
      content_html: entry.content,
      authors: entry.author ? [{ name: entry.author }] : undefined,
      date_published: entry.published?.toISOString(),
      language: entry.language,
    })),
  });
}

/** `count` entries, newest first, one hour apart before `newest`. */
export function entries(prefix: string, count: number, newest = new Date('2025-11-20T12:00:00Z')): FeedEntry[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-${index}`,
    title: `${prefix} entry ${index}`,
    link: `https://blog.example.ca/${prefix}/${index}`,
    summary: `<p>Summary of <em>${prefix}</em> ${index}</p>`,
    published: new Date(newest.getTime() - index * 3600_000),
  }));
}
