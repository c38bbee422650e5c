import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors';
import { Connection, PageArgs } from '../common/pagination';
import { Actor } from '../common/request-context';
import { MailOutbox } from '../mail';
import { ActivityKind } from './activity-kind';
import { ActivityStream } from './activity-stream';
import { immediateMail } from './notification-mail';
import { NotificationDelivery, NotificationKind } from './notification-kind';
import { NotificationPreferenceStore } from './notification-preference.store';
import { effectivePreference } from './notification-preferences';
import { Notification } from './notification.entity';
import { NotificationStore } from './notification.store';

export type NewNotification = Pick<Notification, 'userId' | 'resourceType' | 'resourceId' | 'message'> & { kind: NotificationKind } &
  Partial<Pick<Notification, 'workspaceId' | 'organizationId' | 'onceKey'>>;

@Injectable()
export class NotificationsService {
  constructor(
    private readonly store: NotificationStore,
    private readonly preferences: NotificationPreferenceStore,
    private readonly stream: ActivityStream,
    private readonly outbox: MailOutbox,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Within the caller's transaction when given one, so the change, the notice and its e-mail commit
   * together. Each notice leaves the app as its addressee chose for its kind and workspace: an
   * e-mail now, a line of tomorrow's digest, or nothing. A notice with a used `onceKey` is dropped.
   */
  async notify(notices: NewNotification[], tx?: EntityManager): Promise<void> {
    if (!notices.length) return;
    if (!tx) return this.dataSource.transaction((tx) => this.notify(notices, tx));
    const choices = await this.preferences.choicesOf([...new Set(notices.map((notice) => notice.userId))], tx);
    const written = await this.store.append(
      tx,
      notices.map((notice) => {
        const own = choices.filter((choice) => choice.userId === notice.userId);
        return { ...notice, delivery: effectivePreference(own, notice.kind, notice.workspaceId ?? null).delivery };
      }),
    );
    await this.outbox.enqueue(tx, written.filter((notice) => notice.delivery === NotificationDelivery.IMMEDIATE).map(immediateMail));
    // Each notice is also a personal event of the activity stream (for `myNotifications`).
    await this.stream.append(
      tx,
      written.map((notice) => ({
        kind: ActivityKind.notificationCreated,
        resourceType: 'notification',
        resourceId: notice.id,
        workspaceId: notice.workspaceId,
        recipientId: notice.userId,
        payload: { notificationKind: notice.kind, about: { type: notice.resourceType, id: notice.resourceId } },
      })),
    );
  }

  /** The caller's own notifications, newest first. */
  listMine(actor: Actor, page: PageArgs & { unreadOnly?: boolean }): Promise<Connection<Notification>> {
    return this.store.pageOf(actor.userId, page, !!page.unreadOnly);
  }

  /** A notification as it is now, for the message that tells of it; null once it is gone. */
  find(notificationId: string): Promise<Notification | null> {
    return this.store.findById(notificationId);
  }

  /** One of the caller's own notifications (live updates resolve the one they announce), or null. */
  findMine(actor: Actor, notificationId: string): Promise<Notification | null> {
    return this.store.findOwn(actor.userId, notificationId);
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
