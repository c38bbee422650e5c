import { NewNotification, NotificationKind } from '../activity';
import { Article } from './article.entity';

/** What each approver receives when an article is submitted: a request for their review. */
export function reviewRequests(article: Pick<Article, 'id' | 'workspaceId'>, approvers: readonly string[]): NewNotification[] {
  return approvers.map((userId) => ({
    userId,
    kind: NotificationKind.reviewRequested,
    workspaceId: article.workspaceId,
    resourceType: 'article',
    resourceId: article.id,
    message: { fr: 'Un article attend votre révision', en: 'An article awaits your review' },
  }));
}
