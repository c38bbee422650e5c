import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { NotificationDelivery, NotificationKind } from './notification-kind';
import { NotificationPreference } from './notification-preference.entity';

/** People's notification preferences: one row per person, workspace (or none: every workspace) and kind. */
@Injectable()
export class NotificationPreferenceStore {
  constructor(@InjectRepository(NotificationPreference) private readonly preferences: Repository<NotificationPreference>) {}

  /** Every choice of these people, read in `tx` when given (the notices being written are in it). */
  choicesOf(userIds: readonly string[], tx?: EntityManager): Promise<NotificationPreference[]> {
    if (!userIds.length) return Promise.resolve([]);
    return (tx?.getRepository(NotificationPreference) ?? this.preferences).findBy({ userId: In([...userIds]) });
  }

  /** Records one choice, replacing the one it overrides. */
  async choose(tx: EntityManager, choice: { userId: string; workspaceId: string | null; kind: NotificationKind; delivery: NotificationDelivery }): Promise<void> {
    await tx.query(
      `INSERT INTO notification_preference (user_id, workspace_id, kind, delivery) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_notification_preference_user_id_workspace_id_kind
       DO UPDATE SET delivery = EXCLUDED.delivery, updated_at = now()`,
      [choice.userId, choice.workspaceId, choice.kind, choice.delivery],
    );
  }

  /** Nothing in the daily digest any more: every DAILY choice, and every kind DAILY by default not chosen otherwise, becomes NONE. */
  async stopDigest(tx: EntityManager, userId: string, dailyByDefault: readonly NotificationKind[]): Promise<void> {
    await tx.query(`UPDATE notification_preference SET delivery = 'NONE', updated_at = now() WHERE user_id = $1 AND delivery = 'DAILY'`, [userId]);
    await tx.query(
      `INSERT INTO notification_preference (user_id, workspace_id, kind, delivery) SELECT $1, NULL, kind, 'NONE' FROM unnest($2::text[]) kind
       ON CONFLICT ON CONSTRAINT uq_notification_preference_user_id_workspace_id_kind DO NOTHING`,
      [userId, dailyByDefault],
    );
  }
}
