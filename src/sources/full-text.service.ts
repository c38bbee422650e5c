import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { WorkerPool, WorkerTimeoutError } from '../common/worker-threads';
import { AppConfig } from '../config/config';
import { FeedFetchStore, FetchedItem } from './feed-fetch.store';
import { decodeFeed } from './fetcher/feed-decoding';
import { FetchFailedError, FetchRefusedError, safeFetch } from './fetcher/safe-http';
import { extractArticle } from './full-text-extraction';

/**
 * How long the pages of one fetch may take altogether: pages not started by then keep their
 * summary. The fetch service holds its lease this much longer for a full-text source.
 */
export const FULL_TEXT_BUDGET_MS = 20_000;
/** Each page's own limit, within the budget. */
const PAGE_TIMEOUT_MS = 10_000;
/** Pages fetched at once by one fetch: a site is not hammered, a slow page does not hold the others. */
const PAGES_AT_ONCE = 3;
/** Pages from this size are read in a worker thread: Readability over a large DOM holds a thread for 100 ms and more. */
const OFF_THREAD_BYTES = 64 * 1024;
const extractors = new WorkerPool(Math.max(1, availableParallelism() - 1));

/**
 * Full text for sources whose feeds carry only summaries: each new item's page is fetched through
 * the same SSRF-safe client as feeds (addresses, redirects, time and size capped), its article
 * extracted and sanitized, and stored as the item's content. A page that cannot be read leaves the
 * item its summary and is counted on the source (`lastFetchFullTextFailures`); it never fails the fetch.
 */
@Injectable()
export class FullTextService {
  private readonly logger = new Logger(FullTextService.name);

  constructor(
    private readonly store: FeedFetchStore,
    private readonly config: AppConfig,
  ) {}

  /**
   * The fetched items with the article of each new, summary-only item as its content, for at most
   * FULL_TEXT_PER_FETCH of them. The content hash stays the feed's, so the next fetch of the same
   * entry changes nothing.
   */
  async complete(sourceId: string, items: FetchedItem[]): Promise<FetchedItem[]> {
    const candidates = items.filter((item) => !item.content && item.url);
    const known = await this.store.knownGuids(sourceId, candidates.map((item) => item.guid));
    const wanted = candidates.filter((item) => !known.has(item.guid)).slice(0, this.config.FULL_TEXT_PER_FETCH);
    const deadline = Date.now() + FULL_TEXT_BUDGET_MS;
    const articles = new Map<string, string>();
    let next = 0;
    const fetchInTurn = async () => {
      for (let item = wanted[next++]; item; item = wanted[next++]) {
        const article = Date.now() < deadline ? await this.articleOf(item.url as string, deadline) : null;
        if (article) articles.set(item.guid, article);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PAGES_AT_ONCE, wanted.length) }, fetchInTurn));
    await this.store.recordFullTextFailures(sourceId, wanted.length - articles.size);
    return items.map((item) => (articles.has(item.guid) ? { ...item, content: articles.get(item.guid) as string } : item));
  }

  /** The page's article, or null when the page cannot be fetched, is not HTML, or has none. */
  private async articleOf(url: string, deadline: number): Promise<string | null> {
    try {
      const page = await safeFetch(url, {
        allowHosts: this.config.FETCH_ALLOW_HOSTS,
        maxBytes: this.config.FULL_TEXT_MAX_BYTES,
        timeoutMs: Math.min(PAGE_TIMEOUT_MS, deadline - Date.now()),
      });
      if (page.kind !== 'ok' || !/html/i.test(page.contentType ?? 'text/html')) return null;
      const html = decodeFeed(page.body, page.contentType);
      if (page.body.length < OFF_THREAD_BYTES) return extractArticle(html, page.finalUrl);
      // Waiting for a thread and extracting count against the fetch's budget too.
      return await extractors.run<string | null>(__filename, join(__dirname, 'full-text-extraction.worker'), { html, pageUrl: page.finalUrl }, { timeoutMs: PAGE_TIMEOUT_MS, heapMb: 256, deadline });
    } catch (error) {
      // Refusals, failures and slowness of the page are expected; anything else is worth a line in the logs.
      if (!(error instanceof FetchRefusedError || error instanceof FetchFailedError || error instanceof WorkerTimeoutError)) this.logger.warn({ err: error, url }, 'A page could not be read for its full text');
      return null;
    }
  }
}
