import { randomBytes } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { ParsedFeed } from '../fetcher/feed-parser';
import { FetchFailedError, FetchRefusedError, safeFetch } from '../fetcher/safe-http';
import { linkHeaderHubs } from './websub-protocol';
import { WebSubState, WebSubSubscription } from './websub-subscription.entity';
import { WebSubStore } from './websub.store';

/** A subscription asked and not verified, or refused, is asked again after this: not at every fetch. */
const ASK_AGAIN_AFTER_MS = 24 * 3600_000;
/** A renewal taken by one process is not taken by another for this long. */
const RENEWAL_HOLD_SECONDS = 600;
const RENEWAL_BATCH = 100;
const HUB_TIMEOUT_MS = 10_000;

/**
 * The subscribing side of WebSub: after a fetch, a feed that advertises a hub (rel="hub") and its
 * own address (rel="self"), in the feed or in the Link header, is subscribed to with a callback
 * under PUBLIC_URL and a secret of its own; leases are renewed before they end, and a hub that
 * fails, or a lease that lapses, sends the source back to polling. Requests to hubs go through
 * the SSRF-safe client. Without PUBLIC_URL no hub could call back: nothing is subscribed.
 */
@Injectable()
export class WebSubSubscriber implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebSubSubscriber.name);
  private timer?: NodeJS.Timeout;
  private renewing?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly store: WebSubStore,
  ) {}

  get enabled(): boolean {
    return !!this.config.PUBLIC_URL;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled || !this.config.runsFetchScheduler) return;
    this.timer = setInterval(() => {
      this.renewing ??= this.renewDue()
        .catch((error) => this.logger.error({ err: error }, 'WebSub leases could not be renewed'))
        .finally(() => (this.renewing = undefined));
    }, this.config.FETCH_TICK_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
  }

  /**
   * After a successful fetch of `documentUrl`: subscribes when the feed advertises a hub, unless it
   * is subscribed there already (or asked lately). Never fails the fetch: what goes wrong is logged.
   */
  async advertised(sourceId: string, feed: ParsedFeed, linkHeader: string | undefined, documentUrl: string): Promise<void> {
    if (!this.enabled) return;
    await this.subscribeIfNew(sourceId, feed, linkHeader, documentUrl).catch((error) => this.logger.error({ err: error, sourceId }, 'A WebSub subscription could not be asked'));
  }

  private async subscribeIfNew(sourceId: string, feed: ParsedFeed, linkHeader: string | undefined, documentUrl: string): Promise<void> {
    const header = linkHeaderHubs(linkHeader, documentUrl);
    const hubUrl = header.hub ?? feed.hubUrl;
    const topicUrl = header.self ?? feed.selfUrl;
    if (!hubUrl || !topicUrl) return;
    const [current] = await this.store.bySourceIds([sourceId]);
    if (current && current.hubUrl === hubUrl && current.topicUrl === topicUrl && !askAgain(current)) return;
    await this.subscribe(sourceId, hubUrl, topicUrl);
  }

  /**
   * Expires the leases that ended by `now` (their sources are polled again), then renews those
   * whose renewal time came. Returns how many it asked to renew.
   */
  async renewDue(now = new Date()): Promise<number> {
    await this.store.expireLapsed(now, this.config.FETCH_INTERVAL_SECONDS);
    const due = await this.store.claimRenewals(now, RENEWAL_HOLD_SECONDS, RENEWAL_BATCH);
    for (const subscription of due) await this.subscribe(subscription.sourceId, subscription.hubUrl, subscription.topicUrl);
    return due.length;
  }

  /** Asks the hub (WebSub §5.1); the hub answers 202 and verifies intent at the callback. A hub that refuses or fails sends the source back to polling. */
  private async subscribe(sourceId: string, hubUrl: string, topicUrl: string): Promise<void> {
    const subscription = await this.store.requested(sourceId, hubUrl, topicUrl, randomBytes(32).toString('base64url'));
    try {
      await safeFetch(hubUrl, {
        form: {
          'hub.mode': 'subscribe',
          'hub.topic': topicUrl,
          'hub.callback': `${this.config.PUBLIC_URL}/websub/${subscription.id}`,
          'hub.secret': subscription.secret,
          'hub.lease_seconds': String(this.config.WEBSUB_LEASE_SECONDS),
        },
        allowHosts: this.config.FETCH_ALLOW_HOSTS,
        maxRedirects: 0,
        timeoutMs: HUB_TIMEOUT_MS,
      });
    } catch (error) {
      const expected = error instanceof FetchFailedError || error instanceof FetchRefusedError;
      if (!expected) this.logger.error({ err: error, sourceId }, 'Unexpected error while subscribing to a WebSub hub');
      const reason = expected ? (error as Error).message : 'the hub could not be reached';
      await this.store.fail(subscription.id, `The hub did not accept the subscription: ${reason}`.slice(0, 500), this.config.FETCH_INTERVAL_SECONDS);
    }
  }
}

/** Whether a subscription to the same hub and topic is worth asking again: a renewal comes on its own time, the rest after a while. */
function askAgain(subscription: WebSubSubscription): boolean {
  if (subscription.state === WebSubState.ACTIVE) return false;
  return Date.now() - new Date(subscription.requestedAt).getTime() > ASK_AGAIN_AFTER_MS;
}
