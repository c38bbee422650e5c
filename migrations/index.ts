import { MigrationInterface } from 'typeorm';
import { Foundation1764043200000 } from './1764043200000-Foundation';
import { Workspaces1764100000000 } from './1764100000000-Workspaces';
import { Notifications1764150000000 } from './1764150000000-Notifications';
import { Sources1764200000000 } from './1764200000000-Sources';
import { Articles1764300000000 } from './1764300000000-Articles';
import { Coverage1764400000000 } from './1764400000000-Coverage';
import { Search1764500000000 } from './1764500000000-Search';
import { ApiTokens1764600000000 } from './1764600000000-ApiTokens';
import { FeedSkippedItems1764680000000 } from './1764680000000-FeedSkippedItems';
import { FeedPolitenessAndWebSub1764700000000 } from './1764700000000-FeedPolitenessAndWebSub';
import { SourceRulesAndFullText1764710000000 } from './1764710000000-SourceRulesAndFullText';
import { Mfa1764730000000 } from './1764730000000-Mfa';
import { ActivityStream1764740000000 } from './1764740000000-ActivityStream';
import { ActivityConsumers1764745000000 } from './1764745000000-ActivityConsumers';
import { Mail1764750000000 } from './1764750000000-Mail';
import { AccountTokens1764760000000 } from './1764760000000-AccountTokens';
import { NotificationPreferences1764770000000 } from './1764770000000-NotificationPreferences';
import { Webhooks1764800000000 } from './1764800000000-Webhooks';
import { Republication1764810000000 } from './1764810000000-Republication';
import { SessionSecondFactor1764820000000 } from './1764820000000-SessionSecondFactor';
import { WatchItemEnclosures1764830000000 } from './1764830000000-WatchItemEnclosures';
import { SearchVectors1764840000000 } from './1764840000000-SearchVectors';
import { SupersededRevisions1764850000000 } from './1764850000000-SupersededRevisions';
import { WebhookEventsSince1764860000000 } from './1764860000000-WebhookEventsSince';
import { NotificationOrganization1764870000000 } from './1764870000000-NotificationOrganization';
import { HeadlineText1764880000000 } from './1764880000000-HeadlineText';
import { WebhookDisabledNoticeHost1764890000000 } from './1764890000000-WebhookDisabledNoticeHost';
import { WebhookAuditHost1764900000000 } from './1764900000000-WebhookAuditHost';
import { SearchAsYouType1764910000000 } from './1764910000000-SearchAsYouType';
import { SearchWordsWithDigits1764920000000 } from './1764920000000-SearchWordsWithDigits';

/** Every migration, in order. A landed migration is never edited: add a new one. */
export const migrations: (new () => MigrationInterface)[] = [
  Foundation1764043200000,
  Workspaces1764100000000,
  Notifications1764150000000,
  Sources1764200000000,
  Articles1764300000000,
  Coverage1764400000000,
  Search1764500000000,
  ApiTokens1764600000000,
  FeedSkippedItems1764680000000,
  FeedPolitenessAndWebSub1764700000000,
  SourceRulesAndFullText1764710000000,
  Mfa1764730000000,
  ActivityStream1764740000000,
  ActivityConsumers1764745000000,
  Mail1764750000000,
  AccountTokens1764760000000,
  NotificationPreferences1764770000000,
  Webhooks1764800000000,
  Republication1764810000000,
  SessionSecondFactor1764820000000,
  WatchItemEnclosures1764830000000,
  SearchVectors1764840000000,
  SupersededRevisions1764850000000,
  WebhookEventsSince1764860000000,
  NotificationOrganization1764870000000,
  HeadlineText1764880000000,
  WebhookDisabledNoticeHost1764890000000,
  WebhookAuditHost1764900000000,
  SearchAsYouType1764910000000,
  SearchWordsWithDigits1764920000000,
];
