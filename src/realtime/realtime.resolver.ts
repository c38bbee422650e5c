import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, ID, Parent, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { Notification, NotificationsService } from '../activity';
import { Article, ArticleReadingService } from '../articles';
import { User, userLoader, UsersService } from '../auth';
import { NotFoundError } from '../common/errors';
import { ParseIdPipe } from '../common/id.pipe';
import { Loaders, RequestLoaders } from '../common/loaders';
import { GraphQLContext } from '../common/request-context';
import { Event, EventsService } from '../coverage';
import { ArticleChange, CoverageChange, LiveEvent, NotificationArrival, WorkspaceActivity } from './dto/live.types';
import { LiveErrorFilter } from './live-errors';
import { LiveDelivery } from './live-feed';
import { LiveSubscriptionsService } from './live-subscriptions.service';
import { SubscriptionWithinLimits } from './subscription-limits.guard';
import { articleOf, calendarEventOf } from './live-topics';

type LiveContext = Pick<GraphQLContext, 'req'>;

const AFTER = { type: () => ID, nullable: true, description: 'Resume: the id of the last event received; what followed is replayed first, then live events' } as const;

/** What the subscriber may no longer see resolves to null: the event still tells that something changed. */
async function visibleOrNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

@Resolver()
@UseFilters(LiveErrorFilter)
@UseGuards(SubscriptionWithinLimits)
export class RealtimeResolver {
  constructor(private readonly subscriptions: LiveSubscriptionsService) {}

  @Subscription(() => ArticleChange, { resolve: (delivery: LiveDelivery) => ArticleChange.of(delivery), description: 'Changes of one article the caller may see' })
  articleChanged(
    @Context() context: LiveContext,
    @Args('articleId', { type: () => ID }, new ParseIdPipe('Article')) articleId: string,
    @Args('after', AFTER) after?: string,
  ) {
    return this.subscriptions.articleChanged(context, articleId, after);
  }

  @Subscription(() => WorkspaceActivity, { resolve: (delivery: LiveDelivery) => WorkspaceActivity.of(delivery), description: 'What happens in a workspace, optionally only some kinds' })
  workspaceActivity(
    @Context() context: LiveContext,
    @Args('workspaceId', { type: () => ID }, new ParseIdPipe('Workspace')) workspaceId: string,
    @Args('kinds', { type: () => [String], nullable: true, description: 'e.g. ["watch_item.curated", "coverage.assigned"]; all kinds when absent' }) kinds?: string[],
    @Args('after', AFTER) after?: string,
  ) {
    return this.subscriptions.workspaceActivity(context, workspaceId, kinds ?? [], after);
  }

  @Subscription(() => CoverageChange, { resolve: (delivery: LiveDelivery) => CoverageChange.of(delivery), description: 'Changes of an event, its sessions and its coverage' })
  coverageChanged(
    @Context() context: LiveContext,
    @Args('eventId', { type: () => ID }, new ParseIdPipe('Event')) eventId: string,
    @Args('after', AFTER) after?: string,
  ) {
    return this.subscriptions.coverageChanged(context, eventId, after);
  }

  @Subscription(() => NotificationArrival, { resolve: (delivery: LiveDelivery) => NotificationArrival.of(delivery), description: "The caller's new notifications" })
  myNotifications(@Context() context: LiveContext, @Args('after', AFTER) after?: string) {
    return this.subscriptions.myNotifications(context, after);
  }
}

@Resolver(() => LiveEvent)
export class LiveEventResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User, { nullable: true, description: 'Who made the change; null for the server itself (a fetch, a rule)' })
  actor(@Parent() event: LiveEvent, @Loaders() loaders: RequestLoaders) {
    return event.actorId ? userLoader(loaders, this.users).load(event.actorId) : null;
  }
}

/** The article of an event, read with the subscriber's rights at delivery. */
function articleResolver(payload: new () => ArticleChange | WorkspaceActivity) {
  @Resolver(() => payload)
  class ArticleOfPayloadResolver {
    constructor(readonly articles: ArticleReadingService) {}

    @ResolveField(() => Article, { nullable: true, description: 'The article, as the subscriber may see it now; null when not about an article or no longer visible' })
    article(@Parent() { delivery }: ArticleChange | WorkspaceActivity) {
      const articleId = articleOf(delivery.event);
      return articleId ? visibleOrNull(this.articles.findVisible(delivery.connection.actor, articleId)) : null;
    }
  }
  return ArticleOfPayloadResolver;
}

export const ArticleChangeResolver = articleResolver(ArticleChange);
export const WorkspaceActivityResolver = articleResolver(WorkspaceActivity);

@Resolver(() => CoverageChange)
export class CoverageChangeResolver {
  constructor(private readonly events: EventsService) {}

  @ResolveField(() => Event, { nullable: true, description: 'The event, as the subscriber may see it now' })
  async event(@Parent() { delivery }: CoverageChange) {
    const eventId = calendarEventOf(delivery.event);
    return eventId ? (await visibleOrNull(this.events.event(delivery.connection.actor, eventId)))?.event ?? null : null;
  }
}

@Resolver(() => NotificationArrival)
export class NotificationArrivalResolver {
  constructor(private readonly notifications: NotificationsService) {}

  @ResolveField(() => Notification, { nullable: true })
  notification(@Parent() { delivery }: NotificationArrival) {
    return this.notifications.findMine(delivery.connection.actor, delivery.event.resourceId);
  }
}
