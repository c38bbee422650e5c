import { Injectable } from '@nestjs/common';
import { BadUserInputError } from '../common/errors';
import { htmlToPlainText } from '../common/rich-text';
import { AppConfig } from '../config/config';
import { DiscoveredFeed } from './dto/discovered-feed';
import { advertisedFeeds, commonFeedUrls, isHtmlPage } from './feed-discovery';
import { decodeFeed } from './fetcher/feed-decoding';
import { parseFeedOffThread } from './fetcher/feed-parsing';
import { FetchRefusedError, safeFetch, SafeFetchResult } from './fetcher/safe-http';
import { SourceKind } from './watch-source.entity';

/** A page is read for its links within this; a common path is probed within less. */
const PAGE_TIMEOUT_MS = 10_000;
const PROBE_TIMEOUT_MS = 5_000;
const PAGE_MAX_BYTES = 2 * 1024 * 1024;

type Fetched = Extract<SafeFetchResult, { kind: 'ok' }>;

/**
 * discoverFeeds: what feeds a web page offers, so a site can be registered without knowing its
 * feed's address. Everything goes through the SSRF-safe client, like a feed fetch: a private
 * address is refused the same way.
 */
@Injectable()
export class FeedDiscoveryService {
  constructor(private readonly config: AppConfig) {}

  /** The URL itself when it is a feed; else the feeds its page advertises; else those found at the common paths of its site. */
  async discover(rawUrl: string): Promise<DiscoveredFeed[]> {
    const page = await this.fetchPage(rawUrl.trim());
    if (!isHtmlPage(page.contentType, page.body)) {
      const feed = await asFeed(page);
      return feed ? [feed] : [];
    }
    const advertised = advertisedFeeds(decodeFeed(page.body, page.contentType), page.finalUrl);
    if (advertised.length) return advertised;
    const probed = await Promise.all(commonFeedUrls(page.finalUrl).map((url) => this.probe(url)));
    const seen = new Set<string>();
    return probed.filter((feed): feed is DiscoveredFeed => !!feed && !seen.has(feed.url) && !!seen.add(feed.url));
  }

  private async fetchPage(url: string): Promise<Fetched> {
    if (!/^https?:\/\//i.test(url)) throw BadUserInputError.field('url', 'must be an http or https URL');
    let response: SafeFetchResult;
    try {
      response = await safeFetch(url, { allowHosts: this.config.FETCH_ALLOW_HOSTS, timeoutMs: PAGE_TIMEOUT_MS, maxBytes: PAGE_MAX_BYTES });
    } catch (error) {
      if (error instanceof FetchRefusedError) throw BadUserInputError.field('url', 'is an address the server does not fetch (a private or reserved address, or credentials in the URL)');
      throw BadUserInputError.field('url', 'could not be fetched');
    }
    // Nothing was sent conditionally: a 304 cannot come, but the type says it could.
    if (response.kind !== 'ok') throw BadUserInputError.field('url', 'could not be fetched');
    return response;
  }

  /** A common path that answers with a feed, or null (any failure is only "not here"). */
  private async probe(url: string): Promise<DiscoveredFeed | null> {
    try {
      const response = await safeFetch(url, { allowHosts: this.config.FETCH_ALLOW_HOSTS, timeoutMs: PROBE_TIMEOUT_MS, maxBytes: PAGE_MAX_BYTES });
      return response.kind === 'ok' && !isHtmlPage(response.contentType, response.body) ? await asFeed(response) : null;
    } catch {
      return null;
    }
  }
}

/** The response as a discovered feed when it parses as one (its first entry is enough), else null. */
async function asFeed(response: Fetched): Promise<DiscoveredFeed | null> {
  try {
    const feed = await parseFeedOffThread(response.body, response.contentType, response.finalUrl, 1);
    const kind = feed.format === 'ATOM' ? SourceKind.ATOM : feed.format === 'JSON_FEED' ? SourceKind.JSON_FEED : SourceKind.RSS;
    return { url: response.finalUrl, title: feed.title ? htmlToPlainText(feed.title).slice(0, 300) || null : null, kind };
  } catch {
    return null;
  }
}
