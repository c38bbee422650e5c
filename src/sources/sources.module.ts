import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations';
import { Digest } from './digest.entity';
import { DigestFeedsController } from './digest-feeds.controller';
import { DigestStore } from './digest.store';
import { DigestsResolver } from './digests.resolver';
import { DigestsService } from './digests.service';
import { FeedFetchingModule } from './feed-fetching.module';
import { OpmlService } from './opml.service';
import { SourceSharingService } from './source-sharing.service';
import { SourcesLoaders } from './sources.loaders';
import { CurationResolver, SourceShareResolver, WatchItemsResolver, WatchSourcesResolver } from './sources.resolver';
import { WatchItemStore } from './watch-item.store';
import { WatchItemsService } from './watch-items.service';
import { Curation, WatchItem } from './watch-item.entity';
import { SourceShare, WatchSource } from './watch-source.entity';
import { WatchSourceStore } from './watch-source.store';
import { WatchSourcesService } from './watch-sources.service';

/** Watch sources, their shares, fetched items, curation and digests. */
@Module({
  imports: [TypeOrmModule.forFeature([WatchSource, SourceShare, WatchItem, Curation, Digest]), OrganizationsModule, FeedFetchingModule],
  providers: [
    WatchSourceStore,
    WatchItemStore,
    DigestStore,
    WatchSourcesService,
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
  ],
  controllers: [DigestFeedsController],
  exports: [WatchSourcesService, SourceSharingService, WatchItemsService, DigestsService, SourcesLoaders],
})
export class SourcesModule {}
