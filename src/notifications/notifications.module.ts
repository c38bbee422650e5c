import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles';
import { CoverageModule } from '../coverage';
import { OrganizationsModule } from '../organizations';
import { DigestScheduler } from './digest-scheduler';
import { NoticeAudience } from './notice-audience';
import { NotificationMailTemplates } from './notification-mail-templates';
import { NotificationSettingsResolver } from './notification-settings.resolver';
import { NotificationSettingsService } from './notification-settings.service';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeLinks } from './unsubscribe-links';

/**
 * Notifications beyond the app: their e-mail (at once, or in the daily digest) built with what the
 * addressee may still see, people's preferences, and the unsubscribe links. Apart from the activity
 * module, which every domain writes notices to, because it reads those domains back.
 */
@Module({
  imports: [ArticlesModule, CoverageModule, OrganizationsModule],
  controllers: [UnsubscribeController],
  providers: [UnsubscribeLinks, NoticeAudience, NotificationMailTemplates, DigestScheduler, NotificationSettingsService, NotificationSettingsResolver],
})
export class NotificationsModule {}
