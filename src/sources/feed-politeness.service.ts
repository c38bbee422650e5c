import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction, AuditService } from '../activity';
import { AppConfig } from '../config/config';
import { ClaimedSource, FeedFetchStore } from './feed-fetch.store';
import {
  cacheMaxAgeSeconds,
  pollingIntervalSeconds,
  PollingBounds,
  publishingIntervalSeconds,
  retryAfterSeconds,
  secondsUntilNextFetch,
  secondsUntilRetry,
} from './fetch-politeness';
import { ParsedFeed } from './fetcher/feed-parser';
import { assertFetchable, FetchFailedError } from './fetcher/safe-http';
import { HostLimiter, hostOf } from './host-limiter';

/** Statuses whose Retry-After says when to come back. */
const THROTTLING = new Set([429, 503]);

/**
 * The fetcher's manners, applied to one source at a time (rules in fetch-politeness.ts): a
 * limit per host, when to come back after a success or a failure, a feed that moved for good
 * (301, 308) or is gone (410).
 */
@Injectable()
export class FeedPoliteness {
  private readonly logger = new Logger(FeedPoliteness.name);
  private readonly hosts: HostLimiter;

  constructor(
    private readonly config: AppConfig,
    private readonly store: FeedFetchStore,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {
    this.hosts = new HostLimiter(config.FETCH_PER_HOST_CONCURRENCY);
  }

  get bounds(): PollingBounds {
    return { minSeconds: this.config.FETCH_INTERVAL_MIN_SECONDS, maxSeconds: this.config.FETCH_INTERVAL_MAX_SECONDS, defaultSeconds: this.config.FETCH_INTERVAL_SECONDS };
  }

  /** Runs `fetch` once the feed's host has a free slot in this process, with `now` moved on by the wait. */
  inTurn<T>(feedUrl: string, now: Date, fetch: (now: Date) => Promise<T>): Promise<T> {
    const queuedAt = Date.now();
    return this.hosts.run(hostOf(feedUrl), () => fetch(new Date(now.getTime() + Date.now() - queuedAt)));
  }

  /**
   * After a success: the polling interval learned from the feed (null when it tells nothing),
   * and when to fetch next — not before the response's max-age, at most daily while a hub pushes.
   */
  schedule(source: ClaimedSource, cacheControl: string | undefined, feed: ParsedFeed | null, now: Date): { fetchIntervalSeconds: number | null; nextFetchSeconds: number } {
    const publishing = feed ? publishingIntervalSeconds(feed.items.map((item) => item.publishedAt), now) : null;
    // A feed that tells nothing of its pace (a push of one entry, undated entries) keeps the interval learned before.
    const learned = feed && (publishing !== null || feed.ttlMinutes !== null) ? pollingIntervalSeconds(publishing, feed.ttlMinutes, this.bounds) : null;
    const interval = learned ?? source.fetchIntervalSeconds ?? this.config.FETCH_INTERVAL_SECONDS;
    // While a hub pushes, polling is a safety net: daily, or at the end of the lease when sooner.
    const pushedSeconds = source.pushedUntil ? Math.floor((source.pushedUntil.getTime() - now.getTime()) / 1000) : 0;
    const polling = pushedSeconds > interval ? Math.min(pushedSeconds, Math.max(interval, this.bounds.maxSeconds)) : interval;
    return { fetchIntervalSeconds: learned, nextFetchSeconds: secondsUntilNextFetch(polling, cacheMaxAgeSeconds(cacheControl), this.bounds) };
  }

  /** After a failure: the back-off, or longer when a 429 or 503 said Retry-After. */
  retryDelay(backoffSeconds: number, error: unknown, now: Date): number {
    const throttled = error instanceof FetchFailedError && THROTTLING.has(error.status ?? 0);
    return secondsUntilRetry(backoffSeconds, throttled ? retryAfterSeconds(error.retryAfter, now) : null);
  }

  isGone(error: unknown): error is FetchFailedError {
    return error instanceof FetchFailedError && error.status === 410;
  }

  /**
   * A feed reached through permanent redirects only is stored at its new address, once checked
   * against the fetch policy again, and the move is audited. The address is canonical as a URL
   * (scheme and host case, default port, no fragment) but otherwise kept as the server gave it: a
   * feed's trailing slash or query matters to its server.
   */
  async followMove(source: ClaimedSource, movedTo: string | undefined): Promise<void> {
    if (!movedTo) return;
    const target = new URL(movedTo);
    target.hash = '';
    const feedUrl = target.toString();
    if (feedUrl === source.feedUrl) return;
    try {
      await assertFetchable(feedUrl, { allowHosts: this.config.FETCH_ALLOW_HOSTS });
    } catch (error) {
      this.logger.warn({ sourceId: source.id, feedUrl, err: error }, 'A feed moved to an address the fetcher refuses: kept at its old address');
      return;
    }
    await this.dataSource.transaction(async (tx) => {
      const moved = await this.store.moveFeed(tx, source.id, feedUrl);
      if (!moved) return;
      await this.audit.record(
        {
          actorId: null,
          action: AuditAction.sourceFeedMoved,
          resourceType: 'watch_source',
          resourceId: source.id,
          organizationId: moved.organizationId,
          details: { from: moved.from, to: feedUrl },
        },
        tx,
      );
    });
  }
}
