import { ActivityEvent, ActivityKind } from '../activity';
import { canSee, WorkspaceAccess, WorkspaceResource } from '../workspaces';

/** What of a stream event routing and delivery decide on. */
export type StreamFacts = Pick<ActivityEvent, 'kind' | 'resourceType' | 'resourceId' | 'workspaceId' | 'recipientId' | 'payload'>;

/** What one subscription listens to. */
export type LiveTopic =
  | { type: 'article'; articleId: string }
  | { type: 'workspace'; workspaceId: string; kinds: readonly string[] }
  | { type: 'event'; eventId: string }
  | { type: 'recipient'; userId: string };

const idIn = (payload: Record<string, unknown> | null | undefined, key: string): string | null => {
  const value = payload?.[key];
  return typeof value === 'string' ? value : null;
};

/** The article an event is about: the article itself, or one of its comments. */
export function articleOf(event: StreamFacts): string | null {
  const type = event.resourceType.toLowerCase();
  if (type === 'article') return event.resourceId;
  return type === 'comment' ? idIn(event.payload, 'articleId') : null;
}

/** The (calendar) event an event is about: the event itself, one of its sessions, or one of its coverages. */
export function calendarEventOf(event: StreamFacts): string | null {
  const type = event.resourceType.toLowerCase();
  if (type === 'event') return event.resourceId;
  return type === 'event_session' || type === 'coverage' ? idIn(event.payload, 'eventId') : null;
}

/** The key subscriptions to `topic` are found by. */
export function topicKey(topic: LiveTopic): string {
  switch (topic.type) {
    case 'article':
      return `article:${topic.articleId}`;
    case 'workspace':
      return `workspace:${topic.workspaceId}`;
    case 'event':
      return `event:${topic.eventId}`;
    case 'recipient':
      return `recipient:${topic.userId}`;
  }
}

/** The topic keys an event may interest: a subscription is found by its topic's key, then asked `accepts`. */
export function routingKeys(event: StreamFacts): string[] {
  const article = articleOf(event);
  const calendarEvent = calendarEventOf(event);
  return [
    ...(article ? [topicKey({ type: 'article', articleId: article })] : []),
    ...(event.workspaceId ? [topicKey({ type: 'workspace', workspaceId: event.workspaceId, kinds: [] })] : []),
    ...(calendarEvent ? [topicKey({ type: 'event', eventId: calendarEvent })] : []),
    ...(event.recipientId ? [topicKey({ type: 'recipient', userId: event.recipientId })] : []),
  ];
}

/** Whether a subscription to `topic` wants `event`. A personal event (a notification) reaches its recipient only. */
export function accepts(topic: LiveTopic, event: StreamFacts): boolean {
  switch (topic.type) {
    case 'article':
      return !event.recipientId && articleOf(event) === topic.articleId;
    case 'workspace':
      return !event.recipientId && event.workspaceId === topic.workspaceId && (!topic.kinds.length || topic.kinds.includes(event.kind));
    case 'event':
      return !event.recipientId && calendarEventOf(event) === topic.eventId;
    case 'recipient':
      return event.recipientId === topic.userId && event.kind === ActivityKind.notificationCreated;
  }
}

/** Events that change who has access to a workspace: partners, members, organization memberships. */
const ACCESS_CHANGES = /^(workspace\.partner|workspace\.member|organization\.member)\./;

export function changesAccess(event: Pick<StreamFacts, 'kind'>): boolean {
  return ACCESS_CHANGES.test(event.kind);
}

/** The article whose audience an event changes (its visibility, its named authors), or null. */
export function articleWhoseAudienceChanges(event: StreamFacts): string | null {
  return event.kind === ActivityKind.articleVisibilityChanged || event.kind === ActivityKind.articleAuthorAdded ? articleOf(event) : null;
}

/**
 * The delivery rule, the same as the queries': an event of a workspace reaches only who has access
 * to it now, and an event of an article only who may see the article now (internal articles: their
 * organization and named authors). `article` is undefined for an event about no article, null for
 * an article that is gone.
 */
export function mayDeliver(event: Pick<StreamFacts, 'workspaceId'>, access: WorkspaceAccess | null, article: WorkspaceResource | null | undefined): boolean {
  if (event.workspaceId && !access) return false;
  if (article === undefined) return true;
  return !!access && !!article && canSee(access, article);
}

/** What becomes of an event for one subscriber: delivered, skipped, or the end of a subscription whose subject is out of sight. */
export type Verdict = 'deliver' | 'skip' | 'lost';

/**
 * `mayDeliver`, and when it refuses, whether the subscriber lost sight of what it subscribed to:
 * the workspace (of a workspace's or an event's feed), or the article (every event of an article's
 * feed is about it). An internal article in a workspace's feed is only skipped.
 */
export function deliveryVerdict(topic: LiveTopic, event: Pick<StreamFacts, 'workspaceId'>, access: WorkspaceAccess | null, article: WorkspaceResource | null | undefined): Verdict {
  if (mayDeliver(event, access, article)) return 'deliver';
  if (topic.type === 'recipient') return 'skip';
  if (topic.type === 'article') return 'lost';
  return access ? 'skip' : 'lost';
}

/** How a lost subject is named in its NOT_FOUND. */
export function subjectOf(topic: LiveTopic): string {
  return { article: 'Article', workspace: 'Workspace', event: 'Event', recipient: 'Notification' }[topic.type];
}
