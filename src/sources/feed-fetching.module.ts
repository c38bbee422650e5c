import { Module } from '@nestjs/common';
import { FeedFetchService } from './feed-fetch.service';
import { FeedFetchStore } from './feed-fetch.store';
import { FetchQueue } from './fetch-queue';
import { FetchScheduler } from './fetch-scheduler';

/**
 * The feed pipeline on its own (fetching, scheduling, the queue): what the API process and the
 * `npm run start:worker` processes share. It works in SQL and needs no repository.
 */
@Module({
  providers: [FeedFetchStore, FeedFetchService, FetchQueue, FetchScheduler],
  exports: [FeedFetchService, FetchQueue, FetchScheduler],
})
export class FeedFetchingModule {}
