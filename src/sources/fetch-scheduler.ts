import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { FeedFetchService } from './feed-fetch.service';
import { ClaimedSource, FeedFetchStore } from './feed-fetch.store';
import { FetchQueue } from './fetch-queue';

/** How many due sources one tick enqueues at most (REDIS_URL); the rest wait for the next tick. */
const ENQUEUE_BATCH = 500;
/** A cycle claims this many sources per fetch slot at a time: a few, so that a stop strands little. */
const CLAIM_BATCH_PER_SLOT = 4;

/**
 * Fetches every shared feed on its schedule. Without REDIS_URL, in process: each tick starts a
 * cycle, unless one is running, that claims due sources (`FOR UPDATE SKIP LOCKED`, so several API
 * processes share the work) and fetches them FETCH_CONCURRENCY at a time until none is due. With
 * REDIS_URL, each tick enqueues the due sources for the workers. Off in tests unless FETCH_SCHEDULER=on.
 */
@Injectable()
export class FetchScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(FetchScheduler.name);
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private stopping = false;
  private cycle?: Promise<number>;

  constructor(
    private readonly config: AppConfig,
    private readonly fetcher: FeedFetchService,
    private readonly store: FeedFetchStore,
    private readonly queue: FetchQueue,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsFetchScheduler) return;
    this.timer = setInterval(() => void this.tick(), this.config.FETCH_TICK_MS);
    this.timer.unref();
  }

  /** Claims nothing more, lets the fetches in flight finish, and hands back what was claimed but not begun. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.cycle;
  }

  /**
   * What waits to be fetched, for the metrics: the BullMQ job counts with REDIS_URL, else the
   * sources due now that no fetcher holds (what this process's next cycle takes).
   */
  async backlog(): Promise<Record<string, number>> {
    if (this.queue.enabled) return this.queue.jobs().getJobCounts('waiting', 'active', 'delayed', 'failed');
    return { due: await this.store.countDue(new Date()) };
  }

  /** One look for due sources. */
  async tick(): Promise<void> {
    if (this.ticking || this.stopping) return;
    this.ticking = true;
    try {
      if (this.queue.enabled) await this.queue.enqueue(await this.store.dueSourceIds(new Date(), ENQUEUE_BATCH));
      else
        this.cycle ??= this.runCycle()
          .catch((error) => {
            this.logger.error({ err: error }, 'A feed fetch cycle stopped early');
            return 0;
          })
          .finally(() => (this.cycle = undefined));
    } catch (error) {
      this.logger.error({ err: error }, 'The feed scheduler could not look for due sources');
    } finally {
      this.ticking = false;
    }
  }

  /**
   * Fetches, in this process, every source that is due, FETCH_CONCURRENCY at a time, until none
   * is: one cycle (also the benchmark's unit). Sources are claimed a batch at a time by one slot
   * at a time, so finding due sources costs one query per batch, not per source. Returns how many
   * fetches it made. Leases are taken and checked at the instants `clock` tells (tests move it).
   */
  async runCycle(clock: () => Date = () => new Date()): Promise<number> {
    const claimed: ClaimedSource[] = [];
    let exhausted = false;
    let claiming: Promise<void> | undefined;
    const next = async (): Promise<ClaimedSource | undefined> => {
      while (!claimed.length && !exhausted && !this.stopping) {
        claiming ??= this.store
          .claimDue(clock(), this.config.FETCH_CONCURRENCY * CLAIM_BATCH_PER_SLOT)
          .then((batch) => {
            claimed.push(...batch);
            exhausted = !batch.length;
          })
          .finally(() => (claiming = undefined));
        await claiming;
      }
      return this.stopping ? undefined : claimed.shift();
    };
    let fetched = 0;
    try {
      await Promise.all(
        Array.from({ length: this.config.FETCH_CONCURRENCY }, async () => {
          for (let source = await next(); source; source = await next()) {
            if ((await this.fetcher.fetchClaimed(source, clock())) !== 'busy') fetched++;
          }
        }),
      );
    } finally {
      if (claimed.length) await this.store.release(claimed.splice(0).map((source) => source.id));
    }
    return fetched;
  }
}
