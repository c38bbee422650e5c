import { lookup as dnsLookup } from 'node:dns/promises';
import http, { IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { isPublicAddress } from './address-policy';

/** The fetch was not attempted, or stopped, because policy forbids it (scheme, address, redirects). */
export class FetchRefusedError extends Error {}

/** The fetch was attempted and failed (time-out, size, HTTP status, content type, network). */
export class FetchFailedError extends Error {
  constructor(
    message: string,
    /** The HTTP status that failed it, if the server answered. */
    readonly status?: number,
    /** The server's Retry-After, as sent (on 429 and 503). */
    readonly retryAfter?: string,
  ) {
    super(message);
  }
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface SafeFetchOptions {
  etag?: string;
  lastModified?: string;
  /** `host:port` pairs that may resolve to non-public addresses (tests, intranets). */
  allowHosts?: readonly string[];
  maxRedirects?: number;
  connectTimeoutMs?: number;
  /** For the whole exchange, redirects and body included: a server dribbling bytes is cut here. */
  timeoutMs?: number;
  /** After decompression. */
  maxBytes?: number;
  /** Name resolution; the system resolver by default (replaceable in tests). */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** POSTs these fields as a form instead of a GET (a WebSub hub request); any content type is then accepted. */
  form?: Record<string, string>;
}

/** What a successful response said about fetching it again. */
export interface FetchHints {
  /** Where every redirect followed was permanent (301, 308): the feed's new address. */
  movedTo?: string;
  cacheControl?: string;
  /** The Link header (RFC 8288), where a feed may name its WebSub hub. */
  link?: string;
}

export type SafeFetchResult =
  | ({ kind: 'not-modified'; finalUrl: string } & FetchHints)
  | ({ kind: 'ok'; finalUrl: string; status: number; contentType: string | undefined; body: Buffer; etag?: string; lastModified?: string } & FetchHints);

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const USER_AGENT = 'TandemFeedFetcher/1.0 (+https://github.com/tandem; watch sources of government communicators)';
const ACCEPTED_TYPES = /xml|rss|atom|json|^text\/|html/i;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);

const systemResolve = async (hostname: string): Promise<ResolvedAddress[]> => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * GET a URL that a user typed, without letting it reach what it should not: only http(s), every
 * address the host resolves to must be public (unless the host:port is allow-listed), the
 * connection goes to the very address that was checked (no second lookup to rebind), each
 * redirect is checked again, and time, redirects and body size are capped.
 */
export async function safeFetch(rawUrl: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const maxRedirects = options.maxRedirects ?? 5;
  let url = parseHttpUrl(rawUrl);
  // Only a chain of permanent redirects moves a feed; one temporary redirect on the way does not.
  let movedTo: string | undefined;
  let permanent = true;
  for (let redirects = 0; ; redirects++) {
    const target = await checkedAddress(url, options);
    const response = await request(url, target, options, deadline, options.form ? formPost(options.form) : FEED_GET);
    if (REDIRECTS.has(response.statusCode ?? 0) && response.headers.location) {
      response.resume();
      if (redirects >= maxRedirects) throw new FetchRefusedError(`Too many redirects (more than ${maxRedirects})`);
      url = parseHttpUrl(new URL(response.headers.location, url).toString());
      permanent &&= PERMANENT_REDIRECTS.has(response.statusCode ?? 0);
      if (permanent) movedTo = url.toString();
      continue;
    }
    const hints: FetchHints = { movedTo, cacheControl: header(response, 'cache-control'), link: linkHeader(response) };
    if (response.statusCode === 304) {
      response.resume();
      return { kind: 'not-modified', finalUrl: url.toString(), ...hints };
    }
    if (!response.statusCode || response.statusCode >= 400 || response.statusCode < 200) {
      response.resume();
      throw new FetchFailedError(`The server answered HTTP ${response.statusCode}`, response.statusCode, header(response, 'retry-after'));
    }
    const contentType = response.headers['content-type'];
    if (contentType && !options.form && !ACCEPTED_TYPES.test(contentType)) {
      response.resume();
      throw new FetchFailedError(`Not a feed: the server sent ${contentType.split(';')[0]}`);
    }
    const body = await readBody(response, options.maxBytes ?? DEFAULT_MAX_BYTES, deadline);
    return {
      kind: 'ok',
      finalUrl: url.toString(),
      status: response.statusCode,
      contentType,
      body,
      etag: header(response, 'etag'),
      lastModified: header(response, 'last-modified'),
      ...hints,
    };
  }
}

export interface SafePostOptions extends Pick<SafeFetchOptions, 'allowHosts' | 'connectTimeoutMs' | 'timeoutMs' | 'maxBytes' | 'resolve'> {
  headers: Record<string, string>;
}

/**
 * POST `body` to a URL a user registered (a webhook's), with safeFetch's checks of scheme and
 * address, pinned connection and time cap. A redirect is not followed: it is a failure, as is any
 * status but 2xx (FetchFailedError with the status). The answer's body is read up to `maxBytes` and dropped.
 */
export async function postSafely(rawUrl: string, body: string, options: SafePostOptions): Promise<{ status: number }> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const url = parseHttpUrl(rawUrl);
  const target = await checkedAddress(url, options);
  const response = await request(url, target, options, deadline, { method: 'POST', headers: options.headers, body });
  const status = response.statusCode ?? 0;
  await readBody(response, options.maxBytes ?? DEFAULT_MAX_BYTES, deadline).catch(() => undefined);
  if (status < 200 || status >= 300) throw new FetchFailedError(`The receiver answered HTTP ${status}`, status);
  return { status };
}

function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchRefusedError(`Not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefusedError(`Only http and https are fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new FetchRefusedError('URLs with credentials are not fetched');
  return url;
}

/** Refuses (FetchRefusedError) a URL the fetcher would not go to: its scheme, credentials, or an address that is not public. */
export async function assertFetchable(rawUrl: string, options: SafeFetchOptions = {}): Promise<void> {
  await checkedAddress(parseHttpUrl(rawUrl), options);
}

/** The one address to connect to, after checking every address the host has. */
async function checkedAddress(url: URL, options: SafeFetchOptions): Promise<ResolvedAddress> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const allowed = (options.allowHosts ?? []).includes(`${hostname}:${port}`);
  let addresses: ResolvedAddress[];
  if (isIP(hostname)) addresses = [{ address: hostname, family: isIP(hostname) }];
  else {
    try {
      addresses = await (options.resolve ?? systemResolve)(hostname);
    } catch {
      throw new FetchFailedError(`The host ${hostname} could not be resolved`);
    }
  }
  if (!addresses.length) throw new FetchFailedError(`The host ${hostname} has no address`);
  if (!allowed) {
    const forbidden = addresses.find((candidate) => !isPublicAddress(candidate.address));
    if (forbidden) throw new FetchRefusedError(`Refused: ${hostname} resolves to ${forbidden.address}, which is not a public address`);
  }
  return addresses[0];
}

/** What a request sends besides a GET's usual headers. */
interface Outgoing {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

const FEED_GET: Outgoing = {
  method: 'GET',
  headers: {
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  },
};

/** A form POSTed where a feed is read (a WebSub hub request). */
function formPost(fields: Record<string, string>): Outgoing {
  return { method: 'POST', headers: { ...FEED_GET.headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

function request(url: URL, target: ResolvedAddress, options: SafeFetchOptions, deadline: number, outgoing: Outgoing): Promise<IncomingMessage> {
  // Hand the checked address to the socket: the connection cannot be re-resolved elsewhere.
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) (callback as (error: null, addresses: ResolvedAddress[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new FetchFailedError('The fetch timed out'));
    const sent = client.request(url, {
      method: outgoing.method,
      lookup: pinned,
      agent: false,
      headers: {
        'user-agent': USER_AGENT,
        ...outgoing.headers,
        ...(options.etag ? { 'if-none-match': options.etag } : {}),
        ...(options.lastModified ? { 'if-modified-since': options.lastModified } : {}),
        ...(outgoing.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(outgoing.body)) }),
      },
    });
    const overall = setTimeout(() => sent.destroy(new FetchFailedError('The fetch timed out')), remaining);
    const connect = setTimeout(() => sent.destroy(new FetchFailedError('The connection timed out')), Math.min(options.connectTimeoutMs ?? 5_000, remaining));
    sent.once('socket', (socket) => socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connect)));
    sent.once('response', (response) => {
      clearTimeout(connect);
      response.once('close', () => clearTimeout(overall));
      response.once('error', () => clearTimeout(overall));
      // The deadline also covers the body: destroying the request ends the response stream.
      response.once('end', () => clearTimeout(overall));
      resolve(response);
    });
    sent.once('error', (error) => {
      clearTimeout(connect);
      clearTimeout(overall);
      reject(error instanceof FetchFailedError || error instanceof FetchRefusedError ? error : new FetchFailedError(`Network error: ${error.message}`));
    });
    sent.end(outgoing.body);
  });
}

/** The body, decompressed, refused as soon as it passes `maxBytes` (announced or actual). */
async function readBody(response: IncomingMessage, maxBytes: number, deadline: number): Promise<Buffer> {
  const announced = Number(response.headers['content-length']);
  const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
  if (!encoding && announced > maxBytes) {
    response.destroy();
    throw tooLarge(maxBytes);
  }
  const decoded: Readable =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? response.pipe(zlib.createGunzip())
      : encoding === 'deflate'
        ? response.pipe(zlib.createInflate())
        : encoding === 'br'
          ? response.pipe(zlib.createBrotliDecompress())
          : response;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of decoded) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      if (Date.now() > deadline) throw new FetchFailedError('The fetch timed out');
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    response.destroy();
    decoded.destroy();
    if (error instanceof FetchFailedError) throw error;
    throw Date.now() > deadline ? new FetchFailedError('The fetch timed out') : new FetchFailedError(`The body could not be read: ${(error as Error).message}`);
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): FetchFailedError {
  return new FetchFailedError(`The feed is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`);
}

/** Every Link header of the response as one (RFC 8288 allows several), within a size a feed needs. */
function linkHeader(response: IncomingMessage): string | undefined {
  const value = response.headers.link;
  const joined = Array.isArray(value) ? value.join(', ') : value;
  return joined && joined.length <= 4096 ? joined : undefined;
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return typeof value === 'string' && value.length <= 512 ? value : undefined;
}
