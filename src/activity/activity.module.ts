import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsResolver } from './activity.resolver';
import { ActivityStreamModule } from './activity-stream.module';
import { NotificationDigestsService } from './notification-digests.service';
import { NotificationPreference } from './notification-preference.entity';
import { NotificationPreferenceStore } from './notification-preference.store';
import { NotificationPreferencesService } from './notification-preferences.service';
import { Notification } from './notification.entity';
import { NotificationStore } from './notification.store';
import { NotificationsService } from './notifications.service';

/** The activity stream, audit events and notifications: every domain writes them, so the module is global. */
@Global()
@Module({
  imports: [ActivityStreamModule, TypeOrmModule.forFeature([Notification, NotificationPreference])],
  providers: [NotificationStore, NotificationPreferenceStore, NotificationsService, NotificationPreferencesService, NotificationDigestsService, NotificationsResolver],
  exports: [ActivityStreamModule, NotificationsService, NotificationPreferencesService, NotificationDigestsService],
})
export class ActivityModule {}
