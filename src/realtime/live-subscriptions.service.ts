import { Injectable } from '@nestjs/common';
import { ActivityKind, ActivityStream } from '../activity';
import { ArticleReadingService } from '../articles';
import { BadUserInputError, PreconditionFailedError } from '../common/errors';
import { GraphQLContext } from '../common/request-context';
import { AppConfig } from '../config/config';
import { EventsService } from '../coverage';
import { AccessPolicy } from '../workspaces';
import { DeliveryAccess } from './delivery-access';
import { LiveConnection, LiveConnections } from './live-connections';
import { LiveFeed, replayWindowPassed } from './live-feed';
import { LiveHub } from './live-hub';
import { LiveTopic } from './live-topics';

const KINDS: ReadonlySet<string> = new Set(Object.values(ActivityKind));

type LiveContext = Pick<GraphQLContext, 'req'>;

/**
 * Starting a subscription: the subscriber must see what it subscribes to now (NOT_FOUND otherwise,
 * as for the queries), within the bounds of its connection; every event is then authorized again
 * at delivery (DeliveryAccess).
 */
@Injectable()
export class LiveSubscriptionsService {
  constructor(
    private readonly connections: LiveConnections,
    private readonly hub: LiveHub,
    private readonly access: DeliveryAccess,
    private readonly stream: ActivityStream,
    private readonly articles: ArticleReadingService,
    private readonly events: EventsService,
    private readonly policy: AccessPolicy,
    private readonly config: AppConfig,
  ) {}

  async articleChanged(context: LiveContext, articleId: string, after?: string): Promise<LiveFeed> {
    const connection = this.connections.of(context.req);
    await this.articles.findVisible(connection.actor, articleId);
    return this.open(connection, context, { type: 'article', articleId }, after);
  }

  async workspaceActivity(context: LiveContext, workspaceId: string, kinds: readonly string[] = [], after?: string): Promise<LiveFeed> {
    const connection = this.connections.of(context.req);
    if (kinds.some((kind) => !KINDS.has(kind))) throw BadUserInputError.field('kinds', 'must be kinds of the activity stream');
    await this.policy.assert(connection.actor, 'workspace.read', { workspaceId });
    return this.open(connection, context, { type: 'workspace', workspaceId, kinds }, after);
  }

  async coverageChanged(context: LiveContext, eventId: string, after?: string): Promise<LiveFeed> {
    const connection = this.connections.of(context.req);
    await this.events.event(connection.actor, eventId);
    return this.open(connection, context, { type: 'event', eventId }, after);
  }

  myNotifications(context: LiveContext, after?: string): Promise<LiveFeed> {
    const connection = this.connections.of(context.req);
    return this.open(connection, context, { type: 'recipient', userId: connection.actor.userId }, after);
  }

  /** A feed of `topic`, listening before it replays (if `after` is given), so nothing falls between the two. */
  private async open(connection: LiveConnection, context: LiveContext, topic: LiveTopic, after?: string): Promise<LiveFeed> {
    if (connection.subscriptions >= this.config.SUBSCRIPTIONS_PER_CONNECTION) {
      throw new PreconditionFailedError('Too many subscriptions on this connection', ['Complete a subscription before starting another']);
    }
    connection.subscriptions += 1;
    const feed = new LiveFeed(topic, {
      connection,
      context,
      access: this.access,
      stream: this.stream,
      limits: { queue: this.config.SUBSCRIPTION_QUEUE_LIMIT, bufferBytes: this.config.SUBSCRIPTION_BUFFER_BYTES },
      ended: (ended) => {
        this.hub.remove(ended);
        connection.subscriptions -= 1;
      },
    });
    this.hub.add(feed);
    try {
      if (after !== undefined && !(await feed.resumeAfter(after))) throw replayWindowPassed();
    } catch (error) {
      await feed.return();
      throw error;
    }
    return feed;
  }
}
