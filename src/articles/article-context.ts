import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActivityKind, ActivityStream, AuditAction, AuditService } from '../activity';
import { NotFoundError, PreconditionFailedError } from '../common/errors';
import { Actor } from '../common/request-context';
import { AccessPolicy, canSee, roleAllows, WorkspaceAccess, WorkspaceAction, WorkspaceResource } from '../workspaces';
import { Article, ArticleAuthor, ArticleStatus } from './article.entity';
import { ArticleStore } from './article.store';

/** An article the caller may see, with what the rules need: the caller's access and the authors. */
export interface ArticleInContext {
  article: Article;
  access: WorkspaceAccess;
  authors: ArticleAuthor[];
}

/** What every use case of an article starts and ends with: the access check, and the audit trail. */
@Injectable()
export class ArticleContext {
  constructor(
    private readonly store: ArticleStore,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly stream: ActivityStream,
  ) {}

  /** Loads the article and checks `action` against it, with its visibility: NOT_FOUND when unseen. */
  async open(actor: Actor, articleId: string, action: WorkspaceAction, kind = 'Article'): Promise<ArticleInContext> {
    const article = await this.store.findById(articleId);
    if (!article) throw new NotFoundError(kind);
    const authors = await this.store.authorsOf([articleId]);
    const access = await this.policy.assert(actor, action, { ...articleResource(article, authors), kind });
    return { article, access, authors };
  }

  /** Of `userIds`, those who may read the article now (its visibility included): whom a notice about it may reach. */
  async readersAmong(article: Article, authors: readonly ArticleAuthor[], userIds: readonly string[]): Promise<string[]> {
    const resource = articleResource(article, authors);
    const accesses = await Promise.all(userIds.map((userId) => this.policy.accessOf({ userId }, article.workspaceId)));
    return userIds.filter((_, index) => {
      const access = accesses[index];
      return !!access && canSee(access, resource) && roleAllows(access.role, 'article.read');
    });
  }

  /** Whether the person may read the article now: a republication's original is shown only to its readers. */
  async mayRead(actor: Pick<Actor, 'userId'>, article: Article): Promise<boolean> {
    return (await this.readersAmong(article, await this.store.authorsOf([article.id]), [actor.userId])).length > 0;
  }

  /** Writes the audit event of a change to the article, in the change's transaction. */
  record(tx: EntityManager, actor: Actor, article: Article, action: AuditAction, details: Record<string, unknown>): Promise<void> {
    return this.audit.inWorkspace(tx, actor, article.workspaceId, action, 'article', article.id, details);
  }

  /** Puts an unaudited change of the article (a revision, a comment) on the activity stream, in the change's transaction. */
  announce(tx: EntityManager, actor: Actor, article: Pick<Article, 'id' | 'workspaceId'>, kind: ActivityKind, resource: { type: string; id: string }, payload: Record<string, unknown> = {}): Promise<void> {
    return this.stream.append(tx, [
      { kind, resourceType: resource.type, resourceId: resource.id, workspaceId: article.workspaceId, actorId: actor.userId, payload: { articleId: article.id, ...payload } },
    ]);
  }
}

/** Who may see an article, for the access policy: internal ones only to the lead organization and the named authors. */
export function articleResource(article: Article, authors: readonly Pick<ArticleAuthor, 'userId'>[]): WorkspaceResource {
  return {
    workspaceId: article.workspaceId,
    visibility: article.visibility,
    owningOrganizationId: article.leadOrganizationId,
    alsoVisibleTo: authors.map((author) => author.userId),
    kind: 'Article',
  };
}

/** An archived article is read-only. */
export function assertNotArchived(article: Pick<Article, 'status'>): void {
  if (article.status === ArticleStatus.ARCHIVED) throw new PreconditionFailedError('The article is archived', ['The article is archived']);
}

/** A republication carries its original's text, as its grant allows: it is not rewritten, nor granted further. */
export function assertNotRepublication(article: Pick<Article, 'republishedFromId'>): void {
  if (article.republishedFromId) {
    throw new PreconditionFailedError('The article is a republication', ["A republication keeps its original's text and is not granted further"]);
  }
}
