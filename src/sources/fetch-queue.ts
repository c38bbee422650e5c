import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { queueConnection } from '../common/job-queues';
import { AppConfig } from '../config/config';
import { FeedFetchService } from './feed-fetch.service';

export const FETCH_QUEUE_NAME = 'feed-fetch';

interface FetchJob {
  sourceId: string;
}

/**
 * With REDIS_URL: feed fetches are BullMQ jobs. The job id is the source id, so a source waiting
 * or running in the queue is not enqueued twice; the worker still takes the source's lease in
 * PostgreSQL, so even a stale duplicate never fetches a source twice at once.
 */
@Injectable()
export class FetchQueue implements OnModuleDestroy {
  private readonly logger = new Logger(FetchQueue.name);
  private queue?: Queue<FetchJob>;
  private worker?: Worker<FetchJob>;

  constructor(
    private readonly config: AppConfig,
    private readonly fetcher: FeedFetchService,
  ) {}

  get enabled(): boolean {
    return !!this.config.REDIS_URL;
  }

  /** Enqueues a fetch of each source not already waiting or running. */
  async enqueue(sourceIds: readonly string[]): Promise<void> {
    if (!sourceIds.length) return;
    await this.jobs().addBulk(
      sourceIds.map((sourceId) => ({
        name: 'fetch',
        data: { sourceId },
        // Removed once done, so the source can be enqueued again when it next falls due.
        opts: { jobId: sourceId, removeOnComplete: true, removeOnFail: true },
      })),
    );
  }

  /** Drains the queue in this process, FETCH_CONCURRENCY jobs at a time (what `npm run start:worker` runs). */
  startWorker(): Worker<FetchJob> {
    if (!this.config.REDIS_URL) throw new Error('REDIS_URL: required to drain the fetch queue');
    this.worker ??= new Worker<FetchJob>(FETCH_QUEUE_NAME, (job) => this.fetcher.fetchIfDue(job.data.sourceId), {
      connection: queueConnection(this.config),
      prefix: this.config.FETCH_QUEUE_PREFIX,
      concurrency: this.config.FETCH_CONCURRENCY,
    });
    this.worker.on('failed', (job, error) => this.logger.error({ err: error, sourceId: job?.data.sourceId }, 'Feed fetch job failed'));
    return this.worker;
  }

  /** The queue itself (tests and operators inspect it). */
  jobs(): Queue<FetchJob> {
    this.queue ??= new Queue<FetchJob>(FETCH_QUEUE_NAME, { connection: queueConnection(this.config), prefix: this.config.FETCH_QUEUE_PREFIX });
    return this.queue;
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }
}
