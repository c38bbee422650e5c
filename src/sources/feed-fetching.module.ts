import { Module } from '@nestjs/common';
import { FeedFetchService } from './feed-fetch.service';
import { FeedFetchStore } from './feed-fetch.store';
import { FetchObserver } from './fetch-observer';
import { FetchQueue } from './fetch-queue';
import { FetchScheduler } from './fetch-scheduler';

/**
 * The feed pipeline on its own (fetching, scheduling, the queue): what the API process and the
 * `npm run start:worker` processes share. It works in SQL and needs no repository.
 */
@Module({
  providers: [FeedFetchStore, FeedFetchService, FetchQueue, FetchScheduler, FetchObserver],
  exports: [FeedFetchService, FetchQueue, FetchScheduler, FetchObserver],
})
export class FeedFetchingModule {}
