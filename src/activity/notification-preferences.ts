import { defaultDelivery, MAILED_ON_THEIR_OWN, NotificationDelivery, NotificationKind } from './notification-kind';
import { EffectiveNotificationPreference } from './notification-preference.entity';

/** A stored choice, as the rules read it. */
export interface PreferenceChoice {
  workspaceId: string | null;
  kind: string;
  delivery: NotificationDelivery;
}

/**
 * The choice that applies to `kind` in `workspaceId` (null: in general): the workspace's, else the
 * general one, else the default; none for a kind mailed on its own, which stays NONE.
 */
export function effectivePreference(choices: readonly PreferenceChoice[], kind: NotificationKind, workspaceId: string | null): EffectiveNotificationPreference {
  if (MAILED_ON_THEIR_OWN.has(kind)) return { kind, workspaceId, delivery: defaultDelivery(kind), source: 'DEFAULT' };
  const inWorkspace = workspaceId ? choices.find((choice) => choice.kind === kind && choice.workspaceId === workspaceId) : undefined;
  if (inWorkspace) return { kind, workspaceId, delivery: inWorkspace.delivery, source: 'WORKSPACE' };
  const general = choices.find((choice) => choice.kind === kind && choice.workspaceId === null);
  if (general) return { kind, workspaceId, delivery: general.delivery, source: 'ALL_WORKSPACES' };
  return { kind, workspaceId, delivery: defaultDelivery(kind), source: 'DEFAULT' };
}
