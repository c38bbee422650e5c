import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../config/config';

/**
 * Tells every process following the stream that events were committed: this process at once, and,
 * with REDIS_URL, the others through one Redis channel. A signal carries nothing but "read again":
 * what to deliver always comes from the database, so a lost or doubled signal loses or doubles
 * nothing (the followers' poll catches what a lost one missed).
 */
@Injectable()
export class CommitSignal implements OnModuleDestroy {
  private readonly logger = new Logger(CommitSignal.name);
  private readonly listeners = new Set<() => void>();
  private publisher?: Redis;
  private subscriber?: Redis;

  constructor(private readonly config: AppConfig) {}

  private get channel(): string {
    return `${this.config.FETCH_QUEUE_PREFIX}:activity`;
  }

  /** After a commit that appended events. */
  raise(): void {
    for (const listener of this.listeners) listener();
    if (!this.config.REDIS_URL) return;
    this.publisher ??= this.connect(this.config.REDIS_URL);
    this.publisher.publish(this.channel, '1').catch((error: Error) => this.logger.warn(`activity signal not published: ${error.message}`));
  }

  /** Calls `listener` on every signal, this process's and (with REDIS_URL) the others'. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.config.REDIS_URL && !this.subscriber) {
      this.subscriber = this.connect(this.config.REDIS_URL);
      this.subscriber.on('message', () => this.listeners.forEach((each) => each()));
      this.subscriber.subscribe(this.channel).catch((error: Error) => this.logger.warn(`activity signals not received: ${error.message}`));
    }
    return () => this.listeners.delete(listener);
  }

  private connect(url: string): Redis {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
    redis.on('error', (error: Error) => this.logger.warn(`activity signals: ${error.message}`));
    return redis;
  }

  async onModuleDestroy(): Promise<void> {
    this.listeners.clear();
    await Promise.all([this.publisher, this.subscriber].map((redis) => redis?.quit().catch(() => redis.disconnect())));
  }
}
