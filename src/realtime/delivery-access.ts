import { Injectable } from '@nestjs/common';
import { ActivityEvent } from '../activity';
import { ArticleReadingService } from '../articles';
import { AccessPolicy, WorkspaceAccess, WorkspaceResource } from '../workspaces';
import { articleOf, articleWhoseAudienceChanges, changesAccess, deliveryVerdict, LiveTopic, Verdict } from './live-topics';

/** Beyond this many remembered answers, the cache starts over: it bounds memory, not correctness. */
const MOST_REMEMBERED = 50_000;

/**
 * Remembered answers of the access policy: promises, so that concurrent deliveries ask once; a map
 * is replaced, never cleared, so that an answer still being read from before a change is never kept.
 */
interface Answers {
  accesses: Map<string, Promise<WorkspaceAccess | null>>;
  audiences: Map<string, Promise<WorkspaceResource | null>>;
}

const noAnswers = (): Answers => ({ accesses: new Map(), audiences: new Map() });

/**
 * The answers one page of a resume's replay is authorized with (DeliveryAccess.forReplayPage).
 * The page was read from the database, where it may be ahead of this process's hub (another
 * process committed it, and its signal or this process's poll has not come yet): the hub's answers
 * may predate an event of the page, or one before the resume point — a member removed, an article
 * turned internal. A page's answers are read after the page, so after every event in it and before
 * it committed, and are forgotten whenever the hub's are.
 */
export class ReplayAnswers {
  /** @internal */
  answers = noAnswers();

  /** @internal */
  constructor(public forgettings: number) {}
}

/**
 * Who may receive an event, decided at delivery with the access policy — not at subscribe time.
 * For live events, the answers are remembered per process and forgotten when an event of the same
 * ordered stream changes them (a member removed, a partner leaving, an organization membership
 * ended, an article's visibility or authors), before the hub routes any later event: so a removal
 * stops delivery from the next event on, in every process, without asking the database for each
 * subscriber and event. A replay is not routed by the hub, so it does not use them (ReplayAnswers).
 */
@Injectable()
export class DeliveryAccess {
  private readonly live = noAnswers();
  /** How many times the live answers were forgotten for a change: a replay page's are forgotten with them. */
  private forgettings = 0;

  constructor(
    private readonly policy: AccessPolicy,
    private readonly articles: ArticleReadingService,
  ) {}

  /** Told of every event by the hub, in stream order, before the event is queued to anyone. */
  observe(event: ActivityEvent): void {
    const accessChanged = changesAccess(event);
    const audienceChanged = articleWhoseAudienceChanges(event) !== null;
    if (accessChanged || this.live.accesses.size > MOST_REMEMBERED) this.live.accesses = new Map();
    if (audienceChanged || this.live.audiences.size > MOST_REMEMBERED) this.live.audiences = new Map();
    if (accessChanged || audienceChanged) this.forgettings += 1;
  }

  /** Answers for a replay page just read from the stream: asked afresh (see ReplayAnswers). */
  forReplayPage(): ReplayAnswers {
    return new ReplayAnswers(this.forgettings);
  }

  /** Whether `userId`, subscribed to `topic`, receives `event` now (see deliveryVerdict); `replayPage` for a replayed event. */
  async verdict(topic: LiveTopic, userId: string, event: ActivityEvent, replayPage?: ReplayAnswers): Promise<Verdict> {
    const answers = replayPage ? this.answersOf(replayPage) : this.live;
    const articleId = articleOf(event);
    const [access, article] = await Promise.all([
      event.workspaceId ? this.accessOf(answers, userId, event.workspaceId) : null,
      articleId ? this.audienceOf(answers, articleId) : undefined,
    ]);
    return deliveryVerdict(topic, event, access, article);
  }

  private answersOf(page: ReplayAnswers): Answers {
    if (page.forgettings !== this.forgettings) {
      page.answers = noAnswers();
      page.forgettings = this.forgettings;
    }
    return page.answers;
  }

  private accessOf(answers: Answers, userId: string, workspaceId: string): Promise<WorkspaceAccess | null> {
    return remembered(answers.accesses, `${userId}:${workspaceId}`, () => this.policy.accessOf({ userId }, workspaceId));
  }

  private audienceOf(answers: Answers, articleId: string): Promise<WorkspaceResource | null> {
    return remembered(answers.audiences, articleId, () => this.articles.visibilityOf(articleId));
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
