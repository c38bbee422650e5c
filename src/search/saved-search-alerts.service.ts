import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationKind, NotificationsService } from '../activity';
import { AppConfig } from '../config/config';
import { SavedSearchMatches, SavedSearchStore } from './saved-search.store';

/** Saved searches looked at per transaction: the rest wait for the next round. */
const BATCH = 200;
/** How long alerts may wait behind a running transaction before the wait is logged. */
const HELD_BACK_WARNING_MS = 60_000;

/**
 * Watch alerts: every SAVED_SEARCH_CHECK_MS, each saved search counts the watch items stored
 * since it last looked that match it and that its owner may see now, and notifies the owner in
 * the same transaction that moves its mark forward, so an item alerts once. Saved searches are
 * locked with SKIP LOCKED, so several API processes share the work without doubling it.
 */
@Injectable()
export class SavedSearchAlertsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SavedSearchAlertsService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly store: SavedSearchStore,
    private readonly notifications: NotificationsService,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.checkAll()
        .catch((error: unknown) => this.logger.warn(`saved search alerts: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, this.config.SAVED_SEARCH_CHECK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round: batches until every saved search has been looked at up to the round's instant (see checkInstant). */
  async checkAll(): Promise<void> {
    // One instant for the whole round: read per batch, it would move on while the batches advance
    // and the round would never run out of saved searches behind it.
    const { until, heldBackBy, oldest } = await this.dataSource.transaction((tx) => this.store.checkInstant(tx));
    // Alerts wait for the oldest transaction still running: a session left idle in one stops them.
    if (oldest && heldBackBy > HELD_BACK_WARNING_MS) {
      this.logger.warn(`saved search alerts wait for a transaction open for ${Math.round(heldBackBy / 1000)} s (pid ${oldest.pid}, ${oldest.state})`);
    }
    for (;;) {
      const checked = await this.dataSource.transaction(async (tx) => {
        const { checked, matched } = await this.store.lockNewMatches(tx, until, BATCH);
        await this.notifications.notify(matched.map(noticeOf), tx);
        if (checked.length) await this.store.advance(tx, checked, until);
        return checked.length;
      });
      if (checked < BATCH) return;
    }
  }
}

function noticeOf(saved: SavedSearchMatches) {
  return {
    userId: saved.owner_id,
    kind: NotificationKind.savedSearchMatched,
    workspaceId: saved.workspace_id,
    resourceType: 'SavedSearch',
    resourceId: saved.id,
    message: {
      fr: `« ${saved.name} » : ${saved.matches} nouvel élément${saved.matches > 1 ? 's' : ''} de veille`,
      en: `“${saved.name}”: ${saved.matches} new watch item${saved.matches > 1 ? 's' : ''}`,
    },
  };
}
