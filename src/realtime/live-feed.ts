import { ActivityEvent, ActivityStream, comesAfter, StreamCursor } from '../activity';
import { BadUserInputError, NotFoundError } from '../common/errors';
import { GraphQLContext } from '../common/request-context';
import { CloseCode } from './close-codes';
import { DeliveryAccess, ReplayAnswers } from './delivery-access';
import { LiveConnection } from './live-connections';
import { publicError } from './live-errors';
import { accepts, LiveTopic, subjectOf } from './live-topics';

/** How many stream events one replay read takes. */
const REPLAY_PAGE = 500;

/** One delivered event, as the payload types' resolvers receive it: the event and whose rights resolve it. */
export interface LiveDelivery {
  event: ActivityEvent;
  connection: LiveConnection;
}

/** What a feed needs besides its topic. */
export interface FeedDependencies {
  connection: LiveConnection;
  /** The subscription's GraphQL context: each delivery gets a request of its own (fresh loaders). */
  context: Pick<GraphQLContext, 'req'>;
  access: DeliveryAccess;
  stream: ActivityStream;
  limits: { queue: number; bufferBytes: number };
  /** Called once when the feed ends, however it ends. */
  ended: (feed: LiveFeed) => void;
}

/**
 * One subscription's events, as the async iterator GraphQL subscriptions read: first the replay of
 * what the client missed (after the event id it names), then the live events the hub pushes, with
 * no gap and no duplicate between the two. Each event is authorized as it is taken, with the rights
 * of the connection's person at that moment: a replayed one with rights read after its page was
 * read, since the hub of this process may not have heard yet of what changed them. Events wait in
 * a bounded queue: a consumer that falls behind it, or whose socket holds too many unsent bytes, is
 * disconnected (4408), never buffered without bound.
 */
export class LiveFeed implements AsyncIterableIterator<LiveDelivery> {
  private readonly live: ActivityEvent[] = [];
  private readonly replayed: ActivityEvent[] = [];
  /** What the replayed events of the page being delivered are authorized with: asked afresh, not the hub's (see ReplayAnswers). */
  private replayAnswers?: ReplayAnswers;
  /** The id to replay after; null once the replay caught up with the live events. */
  private replayAfter: string | null = null;
  /**
   * How far the client has the stream: the resume point, then the last event the replay read, of
   * any topic. The hub may push an event the client has already (it was in flight to this process
   * when the replay read the stream, or when another process delivered it), even after the replay
   * caught up: a live event at or before this place is dropped.
   */
  private replayedThrough: StreamCursor | null = null;
  private wake?: () => void;
  private done = false;
  private readonly request: GraphQLContext['req'];

  constructor(
    readonly topic: LiveTopic,
    private readonly dependencies: FeedDependencies,
  ) {
    this.request = dependencies.context.req;
  }

  /** Starts from the event after `afterId`; false when the stream no longer (or never) held it. */
  async resumeAfter(afterId: string): Promise<boolean> {
    const page = await this.dependencies.stream.replayAfter(afterId, REPLAY_PAGE);
    if (!page) return false;
    this.replayedThrough = page.from;
    this.takeReplayPage(page.events);
    return true;
  }

  /** A live event of this topic, pushed by the hub in stream order. */
  push(event: ActivityEvent): void {
    if (this.done) return;
    const { connection, limits } = this.dependencies;
    if (this.live.length >= limits.queue || connection.socket.bufferedAmount > limits.bufferBytes) {
      connection.close(CloseCode.slowConsumer, 'Too slow: events were left waiting');
      this.end();
      return;
    }
    this.live.push(event);
    this.wake?.();
  }

  async next(): Promise<IteratorResult<LiveDelivery>> {
    const { connection, context } = this.dependencies;
    try {
      const event = await this.nextReceivable();
      if (event) {
        // Loaders are per request: a request of its own per delivery, so nothing is read from a cache of an earlier one.
        context.req = Object.create(this.request) as GraphQLContext['req'];
        return { done: false, value: { event, connection } };
      }
    } catch (error) {
      this.end();
      throw error;
    }
    this.end();
    return { done: true, value: undefined };
  }

  /** The next event the connection's person may receive now; null once the feed or the connection ended. */
  private async nextReceivable(): Promise<ActivityEvent | null> {
    const { connection, access } = this.dependencies;
    for (let taken = await this.take(); taken; taken = await this.take()) {
      const { event, replayAnswers } = taken;
      if (!connection.stillValid()) return null;
      const verdict = await access.verdict(this.topic, connection.actor.userId, event, replayAnswers);
      if (verdict === 'lost') throw publicError(new NotFoundError(subjectOf(this.topic)), connection.language);
      if (verdict === 'deliver' && !this.done) return event;
    }
    return null;
  }

  async return(): Promise<IteratorResult<LiveDelivery>> {
    this.end();
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<LiveDelivery>> {
    this.end();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    this.wake?.();
    this.dependencies.ended(this);
  }

  /** The next event to authorize, replayed ones (with their page's answers) first, then live ones; null once the feed ended. */
  private async take(): Promise<{ event: ActivityEvent; replayAnswers?: ReplayAnswers } | null> {
    while (!this.done) {
      const replayed = this.replayed.shift();
      if (replayed) return { event: replayed, replayAnswers: this.replayAnswers };
      if (this.replayAfter !== null) {
        const page = await this.dependencies.stream.replayAfter(this.replayAfter, REPLAY_PAGE);
        if (!page) throw publicError(replayWindowPassed(), this.dependencies.connection.language);
        this.takeReplayPage(page.events);
        continue;
      }
      const live = this.live.shift();
      if (live && this.replayedThrough && !comesAfter(live, this.replayedThrough)) continue;
      if (live) return { event: live };
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    return null;
  }

  private takeReplayPage(page: ActivityEvent[]): void {
    this.replayAnswers = this.dependencies.access.forReplayPage();
    this.replayed.push(...page.filter((event) => accepts(this.topic, event)));
    this.replayedThrough = page.at(-1) ?? this.replayedThrough;
    this.replayAfter = page.length === REPLAY_PAGE ? page[page.length - 1].id : null;
  }

}

/** The refusal of a resume from an event the stream no longer holds (or never held). */
export function replayWindowPassed(): BadUserInputError {
  return BadUserInputError.field('after', 'is not an event of the replay window: subscribe without it and reload');
}
