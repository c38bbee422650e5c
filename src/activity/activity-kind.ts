import { AuditAction } from './audit-action';

/**
 * Every kind of event on the activity stream: each audited action (AuditService puts every audit
 * record on the stream) and the changes that are not audited but that someone else may need to hear
 * of at once.
 */
export const ActivityKind = {
  ...AuditAction,
  articleRevisionSaved: 'article.revision_saved',
  articleCommentAdded: 'article.comment_added',
  articleCommentResolved: 'article.comment_resolved',
  watchItemIngested: 'watch_item.ingested',
  watchItemCurated: 'watch_item.curated',
  notificationCreated: 'notification.created',
  // Live updates (src/realtime): a session ended by logout or a reused refresh token closes its sockets.
  sessionEnded: 'session.ended',
} as const;

export type ActivityKind = (typeof ActivityKind)[keyof typeof ActivityKind];
