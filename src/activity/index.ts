/** What other modules may use of the activity module: the audit trail and notifications. */
export { AuditAction } from './audit-action';
export { AuditEvent } from './audit-event.entity';
export { AuditService } from './audit.service';
export { NotificationKind } from './notification-kind';
export { NewNotification, NotificationsService } from './notifications.service';
