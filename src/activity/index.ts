/** What other modules may use of the activity module: the activity stream, the audit trail and notifications. */
export { ActivityKind } from './activity-kind';
export { articleNamedBy } from './event-subjects';
export { ActivityListener, ActivityStream, NewActivityEvent } from './activity-stream';
export { ActivityStreamModule } from './activity-stream.module';
export { ActivityEvent } from './stream/activity-event.entity';
export { comesAfter } from './stream/stream-cursor';
export type { StreamCursor } from './stream/stream-cursor';
export { AuditAction } from './audit-action';
export { AuditEvent } from './audit-event.entity';
export { AuditService } from './audit.service';
export { NotificationDigestsService } from './notification-digests.service';
export { NOTIFICATION_KINDS, NotificationDelivery, NotificationKind } from './notification-kind';
export { NotificationTemplate } from './notification-mail';
export { EffectiveNotificationPreference } from './notification-preference.entity';
export { NotificationPreferencesService } from './notification-preferences.service';
export { UNSUBSCRIBE_PATH, unsubscribeKey, unsubscribeQuery, UnsubscribeScope, verifiedScope } from './unsubscribe-link';
export { Notification } from './notification.entity';
export { NewNotification, NotificationsService } from './notifications.service';
