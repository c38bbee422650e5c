import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NotificationDigestsService } from '../activity';
import { UsersService } from '../auth';
import { PeriodicTask } from '../common/periodic-task';
import { AppConfig } from '../config/config';
import { localMoment } from './local-day';

/**
 * Queues the daily digests, in process: every NOTIFICATION_SWEEP_MS, each person with notices
 * waiting whose local time has reached NOTIFICATION_DIGEST_HOUR gets the digest of their local
 * day, once — a day that has one takes no more, and the message's key `digest:{userId}:{day}` keeps
 * two processes sweeping at once from sending two.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('daily digests', () => this.sweep(), new Logger(DigestScheduler.name));

  constructor(
    private readonly digests: NotificationDigestsService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runsNotificationScheduler) this.task.start(this.config.NOTIFICATION_SWEEP_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One sweep at `now`: answers how many digests it queued. */
  async sweep(now = new Date()): Promise<number> {
    const people = await this.users.findByIds(await this.digests.awaiting());
    const due = people.flatMap((person) => {
      if (!person) return [];
      const { day, hour } = localMoment(now, person.timeZone);
      return hour >= this.config.NOTIFICATION_DIGEST_HOUR ? [{ userId: person.id, day }] : [];
    });
    // Those already sent their day's digest are left out first, in one query, not one transaction each.
    let queued = 0;
    for (const { userId, day } of await this.digests.withoutDigest(due)) {
      if (await this.digests.send(userId, day)) queued += 1;
    }
    return queued;
  }
}
