import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors';
import { Connection, PageArgs } from '../common/pagination';
import { Actor } from '../common/request-context';
import { NotificationKind } from './notification-kind';
import { Notification } from './notification.entity';
import { NotificationStore } from './notification.store';

export type NewNotification = Pick<Notification, 'userId' | 'resourceType' | 'resourceId' | 'message'> & { kind: NotificationKind } &
  Partial<Pick<Notification, 'workspaceId'>>;

@Injectable()
export class NotificationsService {
  constructor(
    private readonly store: NotificationStore,
    private readonly dataSource: DataSource,
  ) {}

  /** Within the caller's transaction when given one, so the change and the notice commit together. */
  async notify(notices: NewNotification[], tx?: EntityManager): Promise<void> {
    if (!notices.length) return;
    if (tx) return this.store.append(tx, notices);
    return this.dataSource.transaction((tx) => this.store.append(tx, notices));
  }

  /** The caller's own notifications, newest first. */
  listMine(actor: Actor, page: PageArgs & { unreadOnly?: boolean }): Promise<Connection<Notification>> {
    return this.store.pageOf(actor.userId, page, !!page.unreadOnly);
  }

  async markRead(actor: Actor, notificationId: string): Promise<Notification> {
    const notification = await this.store.findOwn(actor.userId, notificationId);
    if (!notification) throw new NotFoundError('Notification');
    if (!notification.readAt) {
      const readAt = new Date();
      await this.dataSource.transaction((tx) => this.store.markRead(tx, notificationId, readAt));
      notification.readAt = readAt;
    }
    return notification;
  }
}
