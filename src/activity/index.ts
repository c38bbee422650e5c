/** What other modules may use of the activity module: the activity stream, the audit trail and notifications. */
export { ActivityKind } from './activity-kind';
export { articleOf } from './event-subjects';
export { ActivityListener, ActivityStream, NewActivityEvent } from './activity-stream';
export { ActivityEvent } from './stream/activity-event.entity';
export { AuditAction } from './audit-action';
export { AuditEvent } from './audit-event.entity';
export { AuditService } from './audit.service';
export { NotificationKind } from './notification-kind';
export { NewNotification, NotificationsService } from './notifications.service';
