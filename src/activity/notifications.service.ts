import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors';
import { Connection, PageArgs } from '../common/pagination';
import { Actor } from '../common/request-context';
import { ActivityKind } from './activity-kind';
import { ActivityStream } from './activity-stream';
import { NotificationKind } from './notification-kind';
import { Notification } from './notification.entity';
import { NotificationStore } from './notification.store';

export type NewNotification = Pick<Notification, 'userId' | 'resourceType' | 'resourceId' | 'message'> & { kind: NotificationKind } &
  Partial<Pick<Notification, 'workspaceId'>>;

@Injectable()
export class NotificationsService {
  constructor(
    private readonly store: NotificationStore,
    private readonly stream: ActivityStream,
    private readonly dataSource: DataSource,
  ) {}

  /** Within the caller's transaction when given one, so the change and the notice commit together. */
  async notify(notices: NewNotification[], tx?: EntityManager): Promise<void> {
    if (!notices.length) return;
    if (tx) return this.append(tx, notices);
    return this.dataSource.transaction((tx) => this.append(tx, notices));
  }

  /** Each notice is also a personal event of the activity stream (for `myNotifications`). */
  private async append(tx: EntityManager, notices: NewNotification[]): Promise<void> {
    const ids = await this.store.append(tx, notices);
    await this.stream.append(
      tx,
      notices.map((notice, index) => ({
        kind: ActivityKind.notificationCreated,
        resourceType: 'notification',
        resourceId: ids[index],
        workspaceId: notice.workspaceId ?? null,
        recipientId: notice.userId,
        payload: { notificationKind: notice.kind, about: { type: notice.resourceType, id: notice.resourceId } },
      })),
    );
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
