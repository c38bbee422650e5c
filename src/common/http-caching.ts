import { createHash } from 'node:crypto';
import { FastifyReply, FastifyRequest } from 'fastify';

/** Public documents (feeds, digests): any cache may keep them five minutes. */
export const PUBLIC_CACHING = 'public, max-age=300';

/**
 * Documents behind a secret address (calendars): never in a shared cache, and revalidated at each
 * request, so a revoked link or a lost access shows at once while an unchanged calendar costs a 304.
 */
export const PRIVATE_CACHING = 'private, no-cache';

/**
 * The headers of a page for one reader (a message's web view, an unsubscribe page): HTML allowed
 * to do what `contentSecurityPolicy` says and nothing more, kept by no cache, leaking no referrer.
 */
export function privatePageHeaders(contentSecurityPolicy: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'private, no-store',
  };
}

export interface CacheableDocument {
  body: string;
  contentType: string;
  /**
   * The latest change of what the document shows; its ETag is exact, this is the coarser validator.
   * Null for a document that follows its reader's access: losing access removes what it showed
   * with no later date, so it is validated by its ETag only.
   */
  lastModified: Date | null;
  cacheControl: string;
  headers?: Record<string, string>;
}

/**
 * Sends a document with its validators (a strong ETag of its bytes, Last-Modified when it has one)
 * and its caching rule, or `304 Not Modified` when the request's If-None-Match (else
 * If-Modified-Since, RFC 9110 §13.2.2) says the caller holds it already.
 */
export function sendCacheable(request: FastifyRequest, reply: FastifyReply, document: CacheableDocument): FastifyReply {
  const etag = `"${createHash('sha256').update(document.body).digest('base64url').slice(0, 32)}"`;
  const lastModified = document.lastModified && new Date(Math.floor(document.lastModified.getTime() / 1000) * 1000);
  if (lastModified) reply.header('last-modified', lastModified.toUTCString());
  reply.header('etag', etag).header('cache-control', document.cacheControl).headers(document.headers ?? {});
  if (holdsCurrent(request, etag, lastModified)) return reply.code(304).send();
  return reply.header('content-type', document.contentType).send(document.body);
}

function holdsCurrent(request: FastifyRequest, etag: string, lastModified: Date | null): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    // Weak comparison (RFC 9110 §8.8.3.2): W/"x" matches "x".
    const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(etag);
  }
  // Without a modification date, If-Modified-Since is ignored (RFC 9110 §13.1.3).
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return !!lastModified && !Number.isNaN(since) && lastModified.getTime() <= since;
}

/** The latest of some change times: what a document made of several rows last changed at. */
export function latestOf(times: readonly Date[]): Date {
  return new Date(Math.max(...times.map((time) => time.getTime())));
}
