import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NotificationsService } from '../activity';
import { PeriodicTask } from '../common/periodic-task';
import { AppConfig } from '../config/config';
import { dueSoonNotice, isStillDueSoon } from './coverage-notices';
import { CoverageStore } from './coverage.store';

/**
 * "Coverage due soon": every NOTIFICATION_SWEEP_MS, the assignee of each coverage not filed yet
 * whose due time is less than COVERAGE_DUE_SOON_MINUTES away is notified. The notice's once key
 * (coverage, assignee, due time) makes it the only one, whichever sweep or process writes it first;
 * once filed, a coverage is no longer looked at, and a message built after that (or past due, or
 * reassigned) is not sent.
 */
@Injectable()
export class CoverageDueSoonService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('coverage due soon', () => this.sweep(), new Logger(CoverageDueSoonService.name));

  constructor(
    private readonly store: CoverageStore,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runsNotificationScheduler) this.task.start(this.config.NOTIFICATION_SWEEP_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One sweep: tells the assignee of each coverage due within the window that is not filed yet. */
  async sweep(now = new Date()): Promise<void> {
    const until = new Date(now.getTime() + this.config.COVERAGE_DUE_SOON_MINUTES * 60_000);
    const due = await this.store.dueBetween(now, until);
    const notices = due.flatMap((coverage) =>
      coverage.assigneeId && coverage.dueAt ? [dueSoonNotice({ ...coverage, assigneeId: coverage.assigneeId, dueAt: coverage.dueAt })] : [],
    );
    await this.notifications.notify(notices);
  }

  /** Whether the "due soon" notice of `coverageId` to `userId` still holds now (its message is built then). */
  async stillDueSoon(coverageId: string, userId: string, now = new Date()): Promise<boolean> {
    const coverage = await this.store.findCoverage(coverageId);
    return !!coverage && isStillDueSoon(coverage, userId, now);
  }
}
