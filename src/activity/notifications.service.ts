import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { Actor } from '../common/request-context';
import { NotificationKind } from './notification-kind';
import { Notification } from './notification.entity';

export type NewNotification = Pick<Notification, 'userId' | 'resourceType' | 'resourceId' | 'message'> & { kind: NotificationKind } &
  Partial<Pick<Notification, 'workspaceId'>>;

@Injectable()
export class NotificationsService {
  constructor(@InjectRepository(Notification) private readonly notifications: Repository<Notification>) {}

  /** Within the caller's transaction when given one, so the change and the notice commit together. */
  async notify(notices: NewNotification[], manager?: EntityManager): Promise<void> {
    if (!notices.length) return;
    const repository = manager ? manager.getRepository(Notification) : this.notifications;
    await repository.save(notices.map((notice) => repository.create({ workspaceId: null, ...notice })), { reload: false });
  }

  /** The caller's own notifications, newest first. */
  listMine(actor: Actor, page: PageArgs & { unreadOnly?: boolean }): Promise<Connection<Notification>> {
    const query = this.notifications.createQueryBuilder('notification').where('notification.user_id = :userId', { userId: actor.userId });
    if (page.unreadOnly) query.andWhere('notification.read_at IS NULL');
    return paginate(query, page, byCreation('notification', 'DESC'));
  }

  async markRead(actor: Actor, notificationId: string): Promise<Notification> {
    const notification = await this.notifications.findOneBy({ id: notificationId, userId: actor.userId });
    if (!notification) throw new NotFoundError('Notification');
    if (!notification.readAt) {
      await this.notifications.update({ id: notificationId, readAt: IsNull() }, { readAt: new Date() });
      notification.readAt = new Date();
    }
    return notification;
  }
}
