import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { PeriodicTask } from './periodic-task';

const DAY_MS = 86_400_000;

/**
 * What a module keeps no longer than it must: every RECORDS_PRUNE_INTERVAL_MS, its records that
 * ended (expired, revoked, used, sent) more than EXPIRED_RECORDS_KEPT_DAYS ago are deleted. They
 * serve no one any more, and they hold addresses, names and client addresses. Several processes
 * may prune at once: each deletion is one statement that finds what is left.
 */
export abstract class RecordsRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  protected constructor(
    name: string,
    private readonly config: AppConfig,
  ) {
    this.task = new PeriodicTask(name, () => this.prune(new Date(Date.now() - config.EXPIRED_RECORDS_KEPT_DAYS * DAY_MS)), new Logger(name));
  }

  /** Deletes the module's records that ended before `endedBefore`. */
  protected abstract prune(endedBefore: Date): Promise<void>;

  onApplicationBootstrap(): void {
    this.task.start(this.config.RECORDS_PRUNE_INTERVAL_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
