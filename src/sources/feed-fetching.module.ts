import { Module } from '@nestjs/common';
import { FeedFetchService } from './feed-fetch.service';
import { FeedFetchStore } from './feed-fetch.store';
import { FeedPoliteness } from './feed-politeness.service';
import { FetchObserver } from './fetch-observer';
import { FetchQueue } from './fetch-queue';
import { FetchScheduler } from './fetch-scheduler';
import { FullTextService } from './full-text.service';
import { RuleIngestionService } from './rules/rule-ingestion.service';
import { SourceRuleStore } from './rules/source-rule.store';
import { WebSubSubscriber } from './websub/websub-subscriber.service';
import { WebSubStore } from './websub/websub.store';

/**
 * The feed pipeline on its own (fetching, scheduling, the queue): what the API process and the
 * `npm run start:worker` processes share. It works in SQL and needs no repository.
 */
@Module({
  providers: [FeedFetchStore, FeedFetchService, FetchQueue, FetchScheduler, FetchObserver, FullTextService, SourceRuleStore, RuleIngestionService, FeedPoliteness, WebSubStore, WebSubSubscriber],
  exports: [WebSubStore, WebSubSubscriber, FeedFetchService, FetchQueue, FetchScheduler, FetchObserver, SourceRuleStore],
})
export class FeedFetchingModule {}
