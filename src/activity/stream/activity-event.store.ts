import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ActivityConsumer } from './activity-consumer.entity';
import { ActivityEvent } from './activity-event.entity';
import { StreamCursor } from './stream-cursor';

export type NewActivityEventRow = Omit<ActivityEvent, 'id' | 'transactionId' | 'createdAt'>;

/**
 * The stream's horizon: every transaction of this database with a smaller id has committed or rolled
 * back. It is the smallest id among this database's transactions still running (the server's lock
 * table tells whose each running id is, a prepared transaction tells it itself), else the next id the
 * server gives. Not pg_snapshot_xmin, the oldest transaction running on the whole server: one left
 * open in another database, which cannot write here, held back every reader of this one. Only the
 * database and pid of other sessions are read, which every role may see.
 */
const HORIZON = `SELECT coalesce(min(running), pg_snapshot_xmax(pg_current_snapshot()))::text AS horizon
   FROM pg_snapshot_xip(pg_current_snapshot()) running
  WHERE EXISTS (SELECT 1 FROM pg_locks lock JOIN pg_stat_activity backend ON backend.pid = lock.pid
                 WHERE lock.locktype = 'transactionid' AND lock.mode = 'ExclusiveLock' AND lock.granted
                   AND lock.transactionid = running::xid AND backend.datname = current_database())
     OR EXISTS (SELECT 1 FROM pg_prepared_xacts prepared WHERE prepared.transaction = running::xid AND prepared.database = current_database())`;

/** The activity stream's table: appended in the changes' transactions, read in stream order after commit. */
@Injectable()
export class ActivityEventStore {
  constructor(@InjectRepository(ActivityEvent) private readonly events: Repository<ActivityEvent>) {}

  async append(tx: EntityManager, events: NewActivityEventRow[]): Promise<void> {
    const rows = events.map((event) => ({ ...event, transactionId: () => 'pg_current_xact_id()::text::bigint' }));
    // TypeORM's partial type cannot take a JSON payload typed as a record; the rows are whole events.
    await tx.createQueryBuilder().insert().into(ActivityEvent).values(rows as QueryDeepPartialEntity<ActivityEvent>[]).updateEntity(false).execute();
  }

  /**
   * The stream's horizon now (see HORIZON), to read below in later statements: a statement whose
   * snapshot is taken after this one ends sees every event of the transactions below it. Read in a
   * transaction of its own, since a transaction keeps what it first read of pg_stat_activity.
   */
  async horizon(): Promise<string> {
    const [{ horizon }] = await this.events.query(HORIZON);
    return horizon;
  }

  /**
   * The events after `cursor` of the transactions below `horizon` (read before, by `horizon()`), in
   * stream order. `tx`, if given, must read committed data (a snapshot per statement, the default).
   */
  readAfter(cursor: StreamCursor, limit: number, horizon: string, tx?: EntityManager): Promise<ActivityEvent[]> {
    return (tx ?? this.events.manager)
      .createQueryBuilder(ActivityEvent, 'event')
      .where('(event.transaction_id, event.id) > (:transactionId, :id)', cursor)
      .andWhere('event.transaction_id < :horizon', { horizon })
      .orderBy('event.transaction_id')
      .addOrderBy('event.id')
      .limit(limit)
      .getMany();
  }

  /** Whether committed events after `cursor` wait behind `horizon`, a transaction still running then (they become readable when it ends). */
  async hasHeldBack(cursor: StreamCursor, horizon: string): Promise<boolean> {
    const rows = await this.events
      .createQueryBuilder('event')
      .select('1')
      .where('(event.transaction_id, event.id) > (:transactionId, :id)', cursor)
      .andWhere('event.transaction_id >= :horizon', { horizon })
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
