import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { NotificationDelivery } from './notification-kind';
import { Notification } from './notification.entity';
import { UnsubscribeScope } from './unsubscribe-link';

/** A person and their local day (YYYY-MM-DD), whose digest it would be. */
export interface DigestDay {
  userId: string;
  day: string;
}

/** Notifications: written with the change they tell of, read and marked read by their addressee, gathered into daily digests. */
@Injectable()
export class NotificationStore {
  constructor(@InjectRepository(Notification) private readonly notifications: Repository<Notification>) {}

  /**
   * Appends notices in `tx`, so the change and the notice commit together, and answers those
   * written: a notice whose `onceKey` was already used is not written again.
   */
  async append(tx: EntityManager, notices: Partial<Notification>[]): Promise<Notification[]> {
    const rows = notices.map((notice) => tx.create(Notification, { workspaceId: null, organizationId: null, onceKey: null, ...notice }));
    const result = await tx.createQueryBuilder().insert().into(Notification).values(rows).orIgnore().returning(['id']).execute();
    const ids = (result.raw as { id: string }[]).map((row) => row.id);
    return ids.length ? tx.findBy(Notification, { id: In(ids) }) : [];
  }

  /** A page of one person's notifications, newest first, optionally the unread ones only. */
  pageOf(userId: string, page: PageArgs, unreadOnly: boolean): Promise<Connection<Notification>> {
    const query = this.notifications.createQueryBuilder('notification').where('notification.user_id = :userId', { userId });
    if (unreadOnly) query.andWhere('notification.read_at IS NULL');
    return paginate(query, page, byCreation('notification', 'DESC'));
  }

  /** The notification `id` if it is addressed to `userId`. */
  findOwn(userId: string, id: string): Promise<Notification | null> {
    return this.notifications.findOneBy({ id, userId });
  }

  /** Marks a notification read at `readAt`, unless it already was. */
  async markRead(tx: EntityManager, id: string, readAt: Date): Promise<void> {
    await tx.update(Notification, { id, readAt: IsNull() }, { readAt });
  }

  /**
   * The person's notices waiting for a digest that an unsubscribe `scope` stops are not e-mailed
   * any more: of its kind, in its workspace — or, for every workspace, in those without a choice
   * of their own for that kind, which still applies; no kind (the digest's link): all of them.
   */
  async stopWaiting(tx: EntityManager, scope: UnsubscribeScope): Promise<void> {
    await tx.query(
      `UPDATE notification SET delivery = 'NONE'
        WHERE user_id = $1 AND delivery = 'DAILY' AND digested_on IS NULL
          AND ($2::text IS NULL OR kind = $2::text)
          AND ($3::uuid IS NULL OR workspace_id = $3::uuid)
          AND ($2::text IS NULL OR $3::uuid IS NOT NULL OR NOT EXISTS (
            SELECT 1 FROM notification_preference own WHERE own.user_id = $1 AND own.kind = $2::text AND own.workspace_id = notification.workspace_id))`,
      [scope.userId, scope.kind, scope.workspaceId],
    );
  }

  /** Who has notices waiting for a daily digest. */
  async awaitingDigest(): Promise<string[]> {
    const rows: { user_id: string }[] = await this.notifications.query(
      `SELECT DISTINCT user_id FROM notification WHERE delivery = 'DAILY' AND digested_on IS NULL`,
    );
    return rows.map((row) => row.user_id);
  }

  /**
   * Gives the person's waiting notices to the digest of their local day `day`, unless that day
   * already has one; answers how many. Two processes doing it at once: the second waits on the
   * rows the first updates, finds them taken, and gives none.
   */
  async takeForDigest(tx: EntityManager, userId: string, day: string): Promise<number> {
    const [, count] = await tx.query(
      `UPDATE notification SET digested_on = $2
        WHERE user_id = $1 AND delivery = 'DAILY' AND digested_on IS NULL
          AND NOT EXISTS (SELECT 1 FROM notification listed WHERE listed.user_id = $1 AND listed.digested_on = $2)`,
      [userId, day],
    );
    return count as number;
  }

  /** Of these people and their local days, those whose day has no digest yet. */
  async withoutDigest(candidates: readonly DigestDay[]): Promise<DigestDay[]> {
    if (!candidates.length) return [];
    const rows: { user_id: string; day: string }[] = await this.notifications.query(
      `SELECT due.user_id, due.day::text AS day FROM unnest($1::uuid[], $2::date[]) AS due(user_id, day)
        WHERE NOT EXISTS (SELECT 1 FROM notification listed WHERE listed.user_id = due.user_id AND listed.digested_on = due.day)`,
      [candidates.map((candidate) => candidate.userId), candidates.map((candidate) => candidate.day)],
    );
    return rows.map((row) => ({ userId: row.user_id, day: row.day }));
  }

  /** The notices of one person's digest of `day`, oldest first. */
  digestOf(userId: string, day: string): Promise<Notification[]> {
    return this.notifications.find({ where: { userId, digestedOn: day, delivery: NotificationDelivery.DAILY }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findById(id: string): Promise<Notification | null> {
    return this.notifications.findOneBy({ id });
  }
}
