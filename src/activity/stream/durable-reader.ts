import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CoalescedRun } from '../../common/coalesced-run';
import { ActivityEvent } from './activity-event.entity';
import { ActivityEventStore } from './activity-event.store';
import { cursorBelow } from './stream-cursor';

export type DurableHandler = (tx: EntityManager, events: ActivityEvent[]) => Promise<void>;

/** How many events one transaction of a durable reader takes. */
const BATCH = 200;
/** After a failed drain, the first wait before the next, doubling up to the last. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 60_000;

/**
 * A reader of the stream that remembers its place in the database: each batch of events, what the
 * handler writes for it and the new place commit together, under a lock one process holds at a time.
 * Nudged on every event; nudges during a drain make one more drain after it; a failed drain is tried
 * again after a growing wait, not only at the next event.
 */
export class DurableReader {
  private readonly logger = new Logger(DurableReader.name);
  private readonly run = new CoalescedRun(
    () => this.drain(),
    (error) => this.retryLater(error),
  );
  private started = false;
  private stopped = false;
  private retryInMs = RETRY_FIRST_MS;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly name: string,
    private readonly handle: DurableHandler,
    private readonly store: ActivityEventStore,
    private readonly dataSource: DataSource,
    private readonly afterCommit?: () => void,
  ) {}

  nudge(): void {
    clearTimeout(this.retry);
    this.run.wake();
  }

  /** Stops after the drain under way, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.run.stop();
  }

  private retryLater(error: Error): void {
    this.logger.warn(`activity reader ${this.name} failed, trying again in ${this.retryInMs} ms: ${error.message}`);
    this.retry = setTimeout(() => this.nudge(), this.retryInMs).unref();
    this.retryInMs = Math.min(this.retryInMs * 2, RETRY_MAX_MS);
  }

  private async drain(): Promise<void> {
    if (!this.started) {
      // A reader new to the database starts at the events committed from now on.
      await this.store.addConsumer(this.name, cursorBelow(await this.store.horizon()));
      this.started = true;
    }
    while (!this.stopped) {
      const horizon = await this.store.horizon();
      const read = await this.dataSource.transaction((tx) => this.readBatch(tx, horizon));
      if (read) this.afterCommit?.();
      if (read < BATCH) break;
    }
    this.retryInMs = RETRY_FIRST_MS;
  }

  private async readBatch(tx: EntityManager, horizon: string): Promise<number> {
    const cursor = await this.store.holdConsumer(tx, this.name);
    if (!cursor) return 0;
    const events = await this.store.readAfter(cursor, BATCH, horizon, tx);
    if (!events.length) return 0;
    await this.handle(tx, events);
    const last = events[events.length - 1];
    await this.store.moveConsumer(tx, this.name, { transactionId: last.transactionId, id: last.id });
    return events.length;
  }
}
