import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { FeedFetchService } from '../feed-fetch.service';
import { FeedParseError } from '../fetcher/feed-parser';
import { answerIntent, IntentVerification, renewalTime, validSignature } from './websub-protocol';
import { WebSubState, WebSubSubscription } from './websub-subscription.entity';
import { WebSubStore } from './websub.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A push that finds its source being fetched is asked again this much later. */
const BUSY_RETRY_SECONDS = 5;

/** What the callback answers a hub: a status, a plain-text body, and for a 503 when to come back. */
export interface HubAnswer {
  status: number;
  body: string;
  retryAfterSeconds?: number;
}

/**
 * The callback `/websub/{subscriptionId}` a hub calls: its verification of intent (GET), and
 * content distribution (POST), ingested like a fetch only when X-Hub-Signature is the HMAC of the
 * raw body with the subscription's secret. Anything else is refused and changes nothing.
 */
@Injectable()
export class WebSubCallbackService {
  constructor(
    private readonly store: WebSubStore,
    private readonly fetcher: FeedFetchService,
    private readonly config: AppConfig,
  ) {}

  async verifyIntent(subscriptionId: string, verification: IntentVerification): Promise<HubAnswer> {
    const subscription = await this.subscription(subscriptionId);
    if (!subscription) return unknown();
    const answer = answerIntent(verification, subscription.topicUrl, this.config.WEBSUB_LEASE_SECONDS);
    if (answer.kind === 'refuse') return unknown();
    if (answer.kind === 'denied') {
      await this.store.fail(subscription.id, `The hub denied the subscription: ${answer.reason}`, this.config.FETCH_INTERVAL_SECONDS);
      return { status: 200, body: '' };
    }
    const expiresAt = new Date(Date.now() + answer.leaseSeconds * 1000);
    await this.store.activate(subscription.id, { seconds: answer.leaseSeconds, expiresAt, renewAt: renewalTime(expiresAt, answer.leaseSeconds) }, this.config.FETCH_INTERVAL_MAX_SECONDS);
    return { status: 200, body: answer.challenge };
  }

  async distribute(subscriptionId: string, body: Buffer, contentType: string | undefined, signature: string | undefined): Promise<HubAnswer> {
    const subscription = await this.subscription(subscriptionId);
    if (!subscription || subscription.state !== WebSubState.ACTIVE) return unknown();
    if (!validSignature(signature, subscription.secret, body)) return { status: 403, body: 'X-Hub-Signature does not match the content' };
    try {
      const result = await this.fetcher.ingestPushed(subscription.sourceId, { body, contentType, finalUrl: subscription.topicUrl });
      if (result === 'busy') return { status: 503, body: 'The feed is being fetched; try again shortly', retryAfterSeconds: BUSY_RETRY_SECONDS };
    } catch (error) {
      if (error instanceof FeedParseError) return { status: 400, body: 'Not a feed' };
      throw error;
    }
    await this.store.recordDelivery(subscription.id);
    return { status: 204, body: '' };
  }

  private async subscription(id: string): Promise<WebSubSubscription | null> {
    return UUID.test(id) ? this.store.byId(id) : null;
  }
}

function unknown(): HubAnswer {
  return { status: 404, body: 'No such subscription' };
}
