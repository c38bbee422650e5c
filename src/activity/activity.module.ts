import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsResolver } from './activity.resolver';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';
import { AuditStore } from './audit.store';
import { NotificationDigestsService } from './notification-digests.service';
import { NotificationPreference } from './notification-preference.entity';
import { NotificationPreferenceStore } from './notification-preference.store';
import { NotificationPreferencesService } from './notification-preferences.service';
import { Notification } from './notification.entity';
import { NotificationStore } from './notification.store';
import { NotificationsService } from './notifications.service';
import { ActivityStream } from './activity-stream';
import { ActivityConsumer } from './stream/activity-consumer.entity';
import { ActivityEvent } from './stream/activity-event.entity';
import { ActivityEventStore } from './stream/activity-event.store';
import { CommitSignal } from './stream/commit-signal';

/** The activity stream, audit events and notifications: every domain writes them, so the module is global. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, Notification, NotificationPreference, ActivityEvent, ActivityConsumer])],
  providers: [ActivityEventStore, CommitSignal, ActivityStream, AuditStore, NotificationStore, NotificationPreferenceStore, AuditService, NotificationsService, NotificationPreferencesService, NotificationDigestsService, NotificationsResolver],
  exports: [ActivityStream, AuditService, NotificationsService, NotificationPreferencesService, NotificationDigestsService],
})
export class ActivityModule {}
