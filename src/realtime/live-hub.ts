import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ActivityEvent, ActivityStream } from '../activity';
import { DeliveryAccess } from './delivery-access';
import { LiveConnections } from './live-connections';
import { LiveFeed } from './live-feed';
import { accepts, routingKeys, topicKey } from './live-topics';

/**
 * The one follower of the activity stream in this process for live updates: the stream already
 * delivers every committed event to every process (through Redis with REDIS_URL), so each event is
 * routed here once, to the subscriptions of this process whose topic wants it — after the access
 * cache and the connections have heard of it, so a change of rights applies from the next event on.
 */
@Injectable()
export class LiveHub implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly feeds = new Map<string, Set<LiveFeed>>();
  private unfollow?: () => void;

  constructor(
    private readonly stream: ActivityStream,
    private readonly access: DeliveryAccess,
    private readonly connections: LiveConnections,
  ) {}

  // Followed from the start, not from the first subscription: a resume's replay then meets live
  // events already flowing, with no gap between the two.
  onApplicationBootstrap(): void {
    this.unfollow = this.stream.follow((event) => this.route(event));
  }

  onModuleDestroy(): void {
    this.unfollow?.();
  }

  add(feed: LiveFeed): void {
    const key = topicKey(feed.topic);
    const feeds = this.feeds.get(key) ?? new Set<LiveFeed>();
    feeds.add(feed);
    this.feeds.set(key, feeds);
  }

  remove(feed: LiveFeed): void {
    const key = topicKey(feed.topic);
    const feeds = this.feeds.get(key);
    feeds?.delete(feed);
    if (feeds && !feeds.size) this.feeds.delete(key);
  }

  /** Subscriptions open in this process: what a benchmark or a test waits for before making changes. */
  get subscriptionCount(): number {
    let count = 0;
    for (const feeds of this.feeds.values()) count += feeds.size;
    return count;
  }

  private route(event: ActivityEvent): void {
    this.access.observe(event);
    this.connections.observe(event);
    for (const key of routingKeys(event)) {
      for (const feed of this.feeds.get(key) ?? []) if (accepts(feed.topic, event)) feed.push(event);
    }
  }
}
