import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../common/request-context';
import { defaultDelivery, NOTIFICATION_KINDS, NotificationDelivery, NotificationKind } from './notification-kind';
import { EffectiveNotificationPreference } from './notification-preference.entity';
import { NotificationPreferenceStore } from './notification-preference.store';
import { effectivePreference } from './notification-preferences';
import { NotificationStore } from './notification.store';
import { UnsubscribeScope } from './unsubscribe-link';

/** What people choose: how each kind of notification reaches them, per workspace or everywhere. */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    private readonly store: NotificationPreferenceStore,
    private readonly notices: NotificationStore,
    private readonly dataSource: DataSource,
  ) {}

  /** Every kind, as it reaches the caller in `workspaceId` (null: in general), defaults included. */
  async effectiveFor(actor: Pick<Actor, 'userId'>, workspaceId: string | null): Promise<EffectiveNotificationPreference[]> {
    const choices = await this.store.choicesOf([actor.userId]);
    return NOTIFICATION_KINDS.map((kind) => effectivePreference(choices, kind, workspaceId));
  }

  /** Records the caller's choice for one kind, in one workspace or (null) in every one; answers what applies now. */
  async choose(actor: Pick<Actor, 'userId'>, choice: { kind: NotificationKind; workspaceId: string | null; delivery: NotificationDelivery }): Promise<EffectiveNotificationPreference> {
    await this.dataSource.transaction((tx) => this.store.choose(tx, { userId: actor.userId, ...choice }));
    return effectivePreference([choice], choice.kind, choice.workspaceId);
  }

  /**
   * What a signed unsubscribe link stops: e-mail of one kind (in its workspace or everywhere), or
   * (no kind) the daily digest. Mail already waiting stops too (RFC 8058): in the same transaction,
   * the notices in that scope waiting for a digest are not e-mailed any more.
   */
  async unsubscribe(scope: UnsubscribeScope): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      if (scope.kind) await this.store.choose(tx, { userId: scope.userId, workspaceId: scope.workspaceId, kind: scope.kind, delivery: NotificationDelivery.NONE });
      else await this.store.stopDigest(tx, scope.userId, NOTIFICATION_KINDS.filter((kind) => defaultDelivery(kind) === NotificationDelivery.DAILY));
      await this.notices.stopWaiting(tx, scope);
    });
  }
}
