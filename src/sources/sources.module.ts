import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations';
import { Digest } from './digest.entity';
import { DigestFeedsController } from './digest-feeds.controller';
import { DigestsResolver } from './digests.resolver';
import { DigestsService } from './digests.service';
import { FeedFetchingModule } from './feed-fetching.module';
import { CurationResolver, SourceShareResolver, WatchItemsResolver, WatchSourcesResolver } from './sources.resolver';
import { WatchItemsService } from './watch-items.service';
import { Curation, WatchItem } from './watch-item.entity';
import { SourceShare, WatchSource } from './watch-source.entity';
import { WatchSourcesService } from './watch-sources.service';

/** Watch sources, their shares, fetched items, curation and digests. */
@Module({
  imports: [TypeOrmModule.forFeature([WatchSource, SourceShare, WatchItem, Curation, Digest]), OrganizationsModule, FeedFetchingModule],
  providers: [
    WatchSourcesService,
    WatchItemsService,
    DigestsService,
    WatchSourcesResolver,
    SourceShareResolver,
    WatchItemsResolver,
    CurationResolver,
    DigestsResolver,
  ],
  controllers: [DigestFeedsController],
  exports: [WatchSourcesService, WatchItemsService, DigestsService],
})
export class SourcesModule {}
