import { registerEnumType } from '@nestjs/graphql';

/** Every kind of notification a person may receive, in one catalogue (preferences are kept per kind). */
export const NotificationKind = {
  reviewRequested: 'article.review_requested',
  /** An organization approved the article's current text. */
  approvalGiven: 'article.approval_given',
  /** An organization asked for changes: its approval, if it gave one, no longer holds. */
  approvalWithdrawn: 'article.approval_withdrawn',
  articlePublished: 'article.published',
  mention: 'article.mention',
  savedSearchMatched: 'search.saved_search_matched',
  coverageAssigned: 'coverage.assigned',
  coverageUnassigned: 'coverage.unassigned',
  /** The assignee answered: accepted (declining is coverageDeclined). */
  coverageAccepted: 'coverage.accepted',
  coverageDeclined: 'coverage.declined',
  coverageCancelled: 'coverage.cancelled',
  coverageDueSoon: 'coverage.due_soon',
  digestPublished: 'digest.published',
  partnerInvited: 'workspace.partner_invited',
  /** A webhook endpoint of one's organization kept failing and was disabled. */
  webhookDisabled: 'integration.webhook_disabled',
} as const;

export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];

export const NOTIFICATION_KINDS: readonly NotificationKind[] = Object.values(NotificationKind);

/** How a person hears of a notification beyond the app, where every one of them is listed. */
export enum NotificationDelivery {
  IMMEDIATE = 'IMMEDIATE',
  DAILY = 'DAILY',
  /** In the app only. */
  NONE = 'NONE',
}
registerEnumType(NotificationDelivery, {
  name: 'NotificationDelivery',
  description: 'By e-mail at once, in the daily digest, or not by e-mail (every notification is in the app)',
});

/** What one must act on comes at once; the rest waits for the daily digest. */
const IMMEDIATE_BY_DEFAULT: ReadonlySet<NotificationKind> = new Set([NotificationKind.coverageAssigned, NotificationKind.reviewRequested]);

/**
 * Kinds whose e-mail is their module's own transactional message, sent whatever the preference
 * (a partner invitation carries the only link to answer it): their notices stay in the app, NONE,
 * so the message never comes twice.
 */
export const MAILED_ON_THEIR_OWN: ReadonlySet<NotificationKind> = new Set([NotificationKind.partnerInvited]);

export function defaultDelivery(kind: NotificationKind): NotificationDelivery {
  if (MAILED_ON_THEIR_OWN.has(kind)) return NotificationDelivery.NONE;
  return IMMEDIATE_BY_DEFAULT.has(kind) ? NotificationDelivery.IMMEDIATE : NotificationDelivery.DAILY;
}
