import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityEvent } from './activity-event.entity';
import { ActivityEventStore } from './activity-event.store';

export type DurableHandler = (tx: EntityManager, events: ActivityEvent[]) => Promise<void>;

/** How many events one transaction of a durable reader takes. */
const BATCH = 200;

/**
 * A reader of the stream that remembers its place in the database: each batch of events, what the
 * handler writes for it and the new place commit together, under a lock one process holds at a time.
 * Nudged on every event; nudges during a drain make one more drain after it.
 */
export class DurableReader {
  private readonly logger = new Logger(DurableReader.name);
  private draining?: Promise<void>;
  private again = false;
  private readonly ready: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly handle: DurableHandler,
    private readonly store: ActivityEventStore,
    private readonly dataSource: DataSource,
    private readonly afterCommit?: () => void,
  ) {
    this.ready = this.store.cursorNow().then((cursor) => this.store.addConsumer(name, cursor));
  }

  nudge(): void {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: Error) => this.logger.warn(`activity reader ${this.name} stopped on an error, to resume at the next event: ${error.message}`))
      .finally(() => {
        this.draining = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  /** Waits for the drain under way, if any. */
  async settled(): Promise<void> {
    await this.draining;
  }

  private async drain(): Promise<void> {
    await this.ready;
    for (;;) {
      const read = await this.dataSource.transaction((tx) => this.readBatch(tx));
      if (read) this.afterCommit?.();
      if (read < BATCH) return;
    }
  }

  private async readBatch(tx: EntityManager): Promise<number> {
    const cursor = await this.store.holdConsumer(tx, this.name);
    if (!cursor) return 0;
    const events = await this.store.readAfter(cursor, BATCH, tx);
    if (!events.length) return 0;
    await this.handle(tx, events);
    const last = events[events.length - 1];
    await this.store.moveConsumer(tx, this.name, { transactionId: last.transactionId, id: last.id });
    return events.length;
  }
}
