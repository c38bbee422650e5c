import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsResolver } from './activity.resolver';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';
import { AuditStore } from './audit.store';
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
  imports: [TypeOrmModule.forFeature([AuditEvent, Notification, ActivityEvent, ActivityConsumer])],
  providers: [ActivityEventStore, CommitSignal, ActivityStream, AuditStore, NotificationStore, AuditService, NotificationsService, NotificationsResolver],
  exports: [ActivityStream, AuditService, NotificationsService],
})
export class ActivityModule {}
