import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations';
import { Digest } from './digest.entity';
import { DigestFeedsController } from './digest-feeds.controller';
import { DigestStore } from './digest.store';
import { DigestsResolver } from './digests.resolver';
import { DigestsService } from './digests.service';
import { FeedDiscoveryResolver } from './feed-discovery.resolver';
import { FeedDiscoveryService } from './feed-discovery.service';
import { FeedFetchingModule } from './feed-fetching.module';
import { FullTextSettingService } from './full-text-setting.service';
import { FullTextResolver } from './full-text.resolver';
import { OpmlService } from './opml.service';
import { SourceRule } from './rules/source-rule.entity';
import { SourceRulesLoaders } from './rules/source-rules.loaders';
import { SourceShareRulesResolver, WatchItemRulesResolver } from './rules/source-rules.resolver';
import { SourceRulesService } from './rules/source-rules.service';
import { SourceSharingService } from './source-sharing.service';
import { SourcesLoaders } from './sources.loaders';
import { CurationResolver, SourceShareResolver, WatchItemsResolver, WatchSourcesResolver } from './sources.resolver';
import { WatchItemStore } from './watch-item.store';
import { WatchItemsService } from './watch-items.service';
import { Curation, WatchItem } from './watch-item.entity';
import { SourceShare, WatchSource } from './watch-source.entity';
import { WatchSourceStore } from './watch-source.store';
import { WatchSourcesService } from './watch-sources.service';
import { WebSubModule } from './websub/websub.module';

/** Watch sources, their shares, fetched items, curation and digests. */
@Module({
  imports: [TypeOrmModule.forFeature([WatchSource, SourceShare, WatchItem, Curation, Digest, SourceRule]), OrganizationsModule, FeedFetchingModule, WebSubModule],
  providers: [
    WatchSourceStore,
    WatchItemStore,
    DigestStore,
    WatchSourcesService,
    FeedDiscoveryService,
    FeedDiscoveryResolver,
    SourceSharingService,
    OpmlService,
    WatchItemsService,
    DigestsService,
    SourcesLoaders,
    WatchSourcesResolver,
    SourceShareResolver,
    WatchItemsResolver,
    CurationResolver,
    DigestsResolver,
    SourceRulesService,
    SourceRulesLoaders,
    SourceShareRulesResolver,
    WatchItemRulesResolver,
    FullTextSettingService,
    FullTextResolver,
  ],
  controllers: [DigestFeedsController],
  exports: [WatchSourcesService, SourceSharingService, WatchItemsService, DigestsService, SourcesLoaders],
})
export class SourcesModule {}
