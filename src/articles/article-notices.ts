import { NewNotification, NotificationKind } from '../activity';
import { LocalizedText } from '../common/localized-text';
import { Article, ReviewDecision } from './article.entity';

/** Who hears of what happens to an article, and in which words: every article notice is written here. */

type Person = { userId: string };

function notice(article: Pick<Article, 'id' | 'workspaceId'>, userId: string, kind: NotificationKind, message: LocalizedText): NewNotification {
  return { userId, kind, workspaceId: article.workspaceId, resourceType: 'article', resourceId: article.id, message };
}

/** Everyone of `people` but the one who made the change, each once. */
function othersThan(actor: Person, people: readonly Person[]): string[] {
  return [...new Set(people.map((person) => person.userId))].filter((userId) => userId !== actor.userId);
}

/** What each approver receives when an article is submitted: a request for their review. */
export function reviewRequests(article: Pick<Article, 'id' | 'workspaceId'>, approvers: readonly string[]): NewNotification[] {
  return approvers.map((userId) => notice(article, userId, NotificationKind.reviewRequested, { fr: 'Un article attend votre révision', en: 'An article awaits your review' }));
}

/** The authors hear of an organization's decision: an approval given, or (changes requested) withheld. */
export function decisionNotices(actor: Person, article: Pick<Article, 'id' | 'workspaceId'>, authors: readonly Person[], decision: ReviewDecision): NewNotification[] {
  const [kind, message] =
    decision === ReviewDecision.APPROVE
      ? [NotificationKind.approvalGiven, { fr: 'Un article que vous écrivez a été approuvé', en: 'An article you write was approved' }]
      : [NotificationKind.approvalWithdrawn, { fr: 'Des changements sont demandés à un article que vous écrivez', en: 'Changes were requested to an article you write' }];
  return othersThan(actor, authors).map((userId) => notice(article, userId, kind, message));
}

/** The authors hear that their article is published. */
export function publicationNotices(actor: Person, article: Pick<Article, 'id' | 'workspaceId'>, authors: readonly Person[]): NewNotification[] {
  return othersThan(actor, authors).map((userId) =>
    notice(article, userId, NotificationKind.articlePublished, { fr: 'Un article que vous écrivez est publié', en: 'An article you write was published' }),
  );
}

/** The members named in a comment (they may all see the article: the caller keeps only those). */
export function mentionNotices(actor: Person, article: Pick<Article, 'id' | 'workspaceId'>, mentioned: readonly string[]): NewNotification[] {
  return othersThan(actor, mentioned.map((userId) => ({ userId }))).map((userId) =>
    notice(article, userId, NotificationKind.mention, { fr: 'Vous êtes mentionné dans un commentaire', en: 'You were mentioned in a comment' }),
  );
}

/** How many people one comment may mention: more is a broadcast, which mentions are not. */
export const MAX_MENTIONS = 20;

const MENTION = /@\[[^\]\n]{1,200}\]\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/gi;

/**
 * The people a comment mentions, each once, in order: `@[Display Name](userId)`, which a client
 * writes from its member picker. The id decides (names are neither unique nor stable), and the
 * name keeps the text readable as it is.
 */
export function mentionedIn(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION)].map((match) => match[1].toLowerCase()))].slice(0, MAX_MENTIONS);
}
