import { Injectable } from '@nestjs/common';
import { ActivityEvent } from '../activity';
import { ArticleReadingService } from '../articles';
import { AccessPolicy, WorkspaceAccess, WorkspaceResource } from '../workspaces';
import { articleOf, articleWhoseAudienceChanges, changesAccess, deliveryVerdict, LiveTopic, Verdict } from './live-topics';

/** Beyond this many remembered answers, the cache starts over: it bounds memory, not correctness. */
const MOST_REMEMBERED = 50_000;

/**
 * Who may receive an event, decided at delivery with the access policy — not at subscribe time.
 * The answers are remembered per process and forgotten when an event of the same ordered stream
 * changes them (a member removed, a partner leaving, an organization membership ended, an article's
 * visibility or authors), before any later event is delivered: so a removal stops delivery from the
 * next event on, in every process, without asking the database for each subscriber and event.
 */
@Injectable()
export class DeliveryAccess {
  // Promises, so that concurrent deliveries ask once; a new map on invalidation, so that an answer
  // still being read from before the change is never kept.
  private accesses = new Map<string, Promise<WorkspaceAccess | null>>();
  private audiences = new Map<string, Promise<WorkspaceResource | null>>();

  constructor(
    private readonly policy: AccessPolicy,
    private readonly articles: ArticleReadingService,
  ) {}

  /** Told of every event by the hub, in stream order, before the event is queued to anyone. */
  observe(event: ActivityEvent): void {
    if (changesAccess(event) || this.accesses.size > MOST_REMEMBERED) this.accesses = new Map();
    const article = articleWhoseAudienceChanges(event);
    if (article || this.audiences.size > MOST_REMEMBERED) this.audiences = new Map();
  }

  /** Whether `userId`, subscribed to `topic`, receives `event` now (see deliveryVerdict). */
  async verdict(topic: LiveTopic, userId: string, event: ActivityEvent): Promise<Verdict> {
    const articleId = articleOf(event);
    const [access, article] = await Promise.all([
      event.workspaceId ? this.accessOf(userId, event.workspaceId) : null,
      articleId ? this.audienceOf(articleId) : undefined,
    ]);
    return deliveryVerdict(topic, event, access, article);
  }

  private accessOf(userId: string, workspaceId: string): Promise<WorkspaceAccess | null> {
    return remembered(this.accesses, `${userId}:${workspaceId}`, () => this.policy.accessOf({ userId }, workspaceId));
  }

  private audienceOf(articleId: string): Promise<WorkspaceResource | null> {
    return remembered(this.audiences, articleId, () => this.articles.visibilityOf(articleId));
  }
}

/** The answer in `cache`, or `read` remembered there; a failed read is not remembered. */
function remembered<T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  let answer = cache.get(key);
  if (!answer) {
    answer = read();
    cache.set(key, answer);
    answer.catch(() => cache.get(key) === answer && cache.delete(key));
  }
  return answer;
}
