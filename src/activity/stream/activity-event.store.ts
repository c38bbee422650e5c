import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ActivityConsumer } from './activity-consumer.entity';
import { ActivityEvent } from './activity-event.entity';

import { StreamCursor } from './stream-cursor';

export type NewActivityEventRow = Omit<ActivityEvent, 'id' | 'transactionId' | 'createdAt'>;

/** Below the oldest transaction still running: every transaction there has committed or rolled back. */
const FINISHED = 'pg_snapshot_xmin(pg_current_snapshot())::text::bigint';

/** The activity stream's table: appended in the changes' transactions, read in stream order after commit. */
@Injectable()
export class ActivityEventStore {
  constructor(@InjectRepository(ActivityEvent) private readonly events: Repository<ActivityEvent>) {}

  async append(tx: EntityManager, events: NewActivityEventRow[]): Promise<void> {
    const rows = events.map((event) => ({ ...event, transactionId: () => 'pg_current_xact_id()::text::bigint' }));
    // TypeORM's partial type cannot take a JSON payload typed as a record; the rows are whole events.
    await tx.createQueryBuilder().insert().into(ActivityEvent).values(rows as QueryDeepPartialEntity<ActivityEvent>[]).updateEntity(false).execute();
  }

  /** Where a reader that starts now begins: after every finished transaction. */
  async cursorNow(): Promise<StreamCursor> {
    const [{ finished }] = await this.events.query(`SELECT ${FINISHED}::text AS finished`);
    return { transactionId: (BigInt(finished) - 1n).toString(), id: '9223372036854775807' };
  }

  /** The events after `cursor` whose transactions have finished, in stream order. */
  readAfter(cursor: StreamCursor, limit: number, tx?: EntityManager): Promise<ActivityEvent[]> {
    return (tx ?? this.events.manager)
      .createQueryBuilder(ActivityEvent, 'event')
      .where('(event.transaction_id, event.id) > (:transactionId, :id)', cursor)
      .andWhere(`event.transaction_id < ${FINISHED}`)
      .orderBy('event.transaction_id')
      .addOrderBy('event.id')
      .limit(limit)
      .getMany();
  }

  /** Whether committed events wait behind a transaction still running (they become readable when it ends). */
  async hasHeldBack(cursor: StreamCursor): Promise<boolean> {
    const rows = await this.events
      .createQueryBuilder('event')
      .select('1')
      .where('(event.transaction_id, event.id) > (:transactionId, :id)', cursor)
      .andWhere(`event.transaction_id >= ${FINISHED}`)
      .limit(1)
      .getRawMany();
    return rows.length > 0;
  }

  /** The cursor at event `id`, if the stream still holds it. */
  async cursorAt(id: string, notBefore: Date): Promise<StreamCursor | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const event = await this.events
      .createQueryBuilder('event')
      .select(['event.id', 'event.transactionId'])
      .where('event.id = :id AND event.created_at >= :notBefore', { id, notBefore })
      .getOne();
    return event && { transactionId: event.transactionId, id: event.id };
  }

  /** Starts durable reader `name` at `cursor`, unless it exists. */
  async addConsumer(name: string, cursor: StreamCursor): Promise<void> {
    await this.events.manager
      .createQueryBuilder()
      .insert()
      .into(ActivityConsumer)
      .values({ name, transactionId: cursor.transactionId, eventId: cursor.id })
      .orIgnore()
      .execute();
  }

  /**
   * The place of reader `name`, held for `tx` so no other process reads for it meanwhile; null when
   * another holds it. An advisory lock, not a row lock: reading takes no transaction id, so this
   * reader holds back no one else's events until it writes.
   */
  async holdConsumer(tx: EntityManager, name: string): Promise<StreamCursor | null> {
    const [{ held }] = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext('activity_consumer'), hashtext($1)) AS held`, [name]);
    if (!held) return null;
    const consumer = await tx.findOneByOrFail(ActivityConsumer, { name });
    return { transactionId: consumer.transactionId, id: consumer.eventId };
  }

  async moveConsumer(tx: EntityManager, name: string, cursor: StreamCursor): Promise<void> {
    await tx.update(ActivityConsumer, { name }, { transactionId: cursor.transactionId, eventId: cursor.id });
  }

  /** Forgets the events older than the replay window that every durable reader has passed. */
  async pruneBefore(before: Date): Promise<void> {
    await this.events.query(
      `DELETE FROM activity_event event WHERE event.created_at < $1
          AND NOT EXISTS (SELECT 1 FROM activity_consumer consumer WHERE (consumer.transaction_id, consumer.event_id) < (event.transaction_id, event.id))`,
      [before],
    );
  }
}
