import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { CoalescedRun } from '../common/coalesced-run';
import { AppConfig } from '../config/config';
import { ActivityKind } from './activity-kind';
import { ActivityEvent } from './stream/activity-event.entity';
import { ActivityEventStore } from './stream/activity-event.store';
import { cursorBelow, StreamCursor } from './stream/stream-cursor';
import { CommitSignal } from './stream/commit-signal';
import { DurableHandler, DurableReader } from './stream/durable-reader';

export interface NewActivityEvent {
  kind: ActivityKind;
  resourceType: string;
  resourceId: string;
  workspaceId?: string | null;
  organizationId?: string | null;
  /** Set for a personal event: a notification for this person. */
  recipientId?: string | null;
  actorId?: string | null;
  /** Ids and small facts, never content: whoever delivers the event re-reads what it shows, with the receiver's rights. */
  payload?: Record<string, unknown>;
}

export type ActivityListener = (event: ActivityEvent) => void;

/** How many events one read takes; a burst larger than this is read in several. */
const BATCH = 500;
/** How soon to read again while committed events wait behind a transaction still running: soon, then less and less often. */
const HELD_BACK_FIRST_RETRY_MS = 25;
/** How often the events older than the replay window are forgotten. */
const PRUNE_EVERY_MS = 10 * 60_000;

/** Marks a transaction that appended events, on its query runner, for the commit watcher. */
const APPENDED = 'activityEventsAppended';

/**
 * The activity stream: the transactional outbox of every change someone else may need to hear of
 * (DESIGN.md). Services append in their change's transaction; after commit, every process that
 * follows the stream receives each event once, in stream order — the order of the writing
 * transactions, which for two changes of one resource (they lock it) is their commit order.
 */
@Injectable()
export class ActivityStream implements EntitySubscriberInterface, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ActivityStream.name);
  private readonly listeners = new Set<ActivityListener>();
  private cursor?: StreamCursor;
  /** Reads what is new; a wake during a read makes one more read after it, never two at once. */
  private readonly reader = new CoalescedRun(
    () => this.readNew(),
    (error) => this.logger.warn(`activity stream not read: ${error.message}`),
  );
  private stopSignals?: () => void;
  private poll?: NodeJS.Timeout;
  private pruning?: NodeJS.Timeout;
  private stopped = false;
  private heldBackRetryMs = HELD_BACK_FIRST_RETRY_MS;

  constructor(
    private readonly store: ActivityEventStore,
    private readonly signal: CommitSignal,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    // A TypeORM subscriber sees every commit: the way to signal only after the change is durable.
    dataSource.subscribers.push(this);
  }

  /** In the change's transaction: followers receive the events only once it commits. */
  async append(tx: EntityManager, events: NewActivityEvent[]): Promise<void> {
    if (!events.length) return;
    await this.store.append(
      tx,
      events.map((event) => ({
        workspaceId: null,
        organizationId: null,
        recipientId: null,
        actorId: null,
        ...event,
        payload: event.payload ?? {},
      })),
    );
    if (tx.queryRunner) tx.queryRunner.data[APPENDED] = true;
  }

  /** Every event committed from now on, in stream order, for as long as the returned function is not called. */
  follow(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.startFollowing();
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) this.stopFollowing();
    };
  }

  /**
   * Runs `handle` once for every event committed since reader `name` first started, across restarts
   * and processes: its place in the stream moves in the transaction `handle` writes in. For
   * deliveries that must survive a crash (webhooks); `follow` is for what lives in this process.
   * `afterCommit` runs after each batch `handle` wrote for has committed.
   */
  consume(name: string, handle: DurableHandler, afterCommit?: () => void): { stop: () => Promise<void> } {
    const reader = new DurableReader(name, handle, this.store, this.dataSource, afterCommit);
    const unfollow = this.follow(() => reader.nudge());
    reader.nudge();
    return {
      stop: () => {
        unfollow();
        return reader.stop();
      },
    };
  }

  /**
   * The events after event `afterId` (at most `limit`, in stream order) and that event's place in the
   * stream; null when the stream no longer (or never) held it.
   */
  async replayAfter(afterId: string, limit: number): Promise<{ from: StreamCursor; events: ActivityEvent[] } | null> {
    const from = await this.store.cursorAt(afterId, this.replayWindowStart());
    return from && { from, events: await this.store.readAfter(from, limit, await this.store.horizon()) };
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // A savepoint's release commits nothing yet: wait for the outer commit.
    if (queryRunner.isTransactionActive || !queryRunner.data[APPENDED]) return;
    delete queryRunner.data[APPENDED];
    this.signal.raise();
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) delete queryRunner.data[APPENDED];
  }

  onApplicationBootstrap(): void {
    this.pruning = setInterval(() => {
      this.store.pruneBefore(this.replayWindowStart()).catch((error: Error) => this.logger.warn(`activity events not pruned: ${error.message}`));
    }, PRUNE_EVERY_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pruning);
    this.listeners.clear();
    this.stopFollowing();
    await this.reader.stop();
  }

  private replayWindowStart(): Date {
    return new Date(Date.now() - this.config.ACTIVITY_REPLAY_HOURS * 3_600_000);
  }

  private startFollowing(): void {
    this.cursor = undefined;
    this.stopSignals = this.signal.listen(() => this.wake());
    this.poll = setInterval(() => this.wake(), this.config.ACTIVITY_POLL_MS).unref();
    this.wake();
  }

  private stopFollowing(): void {
    this.stopSignals?.();
    this.stopSignals = undefined;
    clearInterval(this.poll);
  }

  private wake(): void {
    if (this.stopped || !this.listeners.size) return;
    this.reader.wake();
  }

  private async readNew(): Promise<void> {
    const horizon = await this.store.horizon();
    this.cursor ??= cursorBelow(horizon);
    for (;;) {
      const events = await this.store.readAfter(this.cursor, BATCH, horizon);
      for (const event of events) {
        this.cursor = { transactionId: event.transactionId, id: event.id };
        this.deliver(event);
      }
      if (events.length < BATCH) break;
    }
    if (!(await this.store.hasHeldBack(this.cursor, horizon))) {
      this.heldBackRetryMs = HELD_BACK_FIRST_RETRY_MS;
      return;
    }
    setTimeout(() => this.wake(), this.heldBackRetryMs).unref();
    this.heldBackRetryMs = Math.min(this.heldBackRetryMs * 2, this.config.ACTIVITY_POLL_MS);
  }

  private deliver(event: ActivityEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error(`activity listener failed on event ${event.id}: ${(error as Error).message}`);
      }
    }
  }
}
