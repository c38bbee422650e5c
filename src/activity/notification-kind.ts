/** Every kind of notification a person may receive, in one catalogue (preferences are kept per kind). */
export const NotificationKind = {
  reviewRequested: 'article.review_requested',
  savedSearchMatched: 'search.saved_search_matched',
  coverageAssigned: 'coverage.assigned',
  coverageUnassigned: 'coverage.unassigned',
  coverageDeclined: 'coverage.declined',
  coverageCancelled: 'coverage.cancelled',
  webhookDisabled: 'integration.webhook_disabled',
} as const;

export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];
