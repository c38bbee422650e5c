import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsResolver } from './activity.resolver';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';
import { AuditStore } from './audit.store';
import { Notification } from './notification.entity';
import { NotificationStore } from './notification.store';
import { NotificationsService } from './notifications.service';

/** Audit events and notifications: every domain writes them, so the module is global. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, Notification])],
  providers: [AuditStore, NotificationStore, AuditService, NotificationsService, NotificationsResolver],
  exports: [AuditService, NotificationsService],
})
export class ActivityModule {}
