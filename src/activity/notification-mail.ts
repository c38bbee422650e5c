import { OutgoingMail } from '../mail';
import { Notification } from './notification.entity';

/** The mail templates of notifications (registered by src/notifications, which may read what they are about). */
export const NotificationTemplate = {
  /** One notification, sent as it is written: params { notificationId }. */
  immediate: 'notification.immediate',
  /** A person's notices of one local day: params { day }. */
  dailyDigest: 'notification.daily_digest',
} as const;

/** The message of a notification delivered at once: one per notification, whatever retries. */
export function immediateMail(notification: Pick<Notification, 'id' | 'userId'>): OutgoingMail {
  return {
    to: { userId: notification.userId },
    template: NotificationTemplate.immediate,
    params: { notificationId: notification.id },
    idempotencyKey: `notification:${notification.id}`,
  };
}

/** A person's digest of their local day `day` (YYYY-MM-DD): one per person and day, whichever process sends it. */
export function digestMail(userId: string, day: string): OutgoingMail {
  return { to: { userId }, template: NotificationTemplate.dailyDigest, params: { day }, idempotencyKey: `digest:${userId}:${day}` };
}
