import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { Notification } from './notification.entity';

/** Notifications: written with the change they tell of, read and marked read by their addressee. */
@Injectable()
export class NotificationStore {
  constructor(@InjectRepository(Notification) private readonly notifications: Repository<Notification>) {}

  /** Appends notices in `tx`, so the change and the notice commit together; their ids, in order. */
  async append(tx: EntityManager, notices: Partial<Notification>[]): Promise<string[]> {
    const notifications = tx.getRepository(Notification);
    const saved = await notifications.save(notices.map((notice) => notifications.create({ workspaceId: null, ...notice })));
    return saved.map((notification) => notification.id);
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
}
