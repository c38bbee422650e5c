import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditAction, AuditService } from '../activity';
import { NotFoundError, PreconditionFailedError } from '../common/errors';
import { Actor } from '../common/request-context';
import { AccessPolicy, WorkspaceAccess, WorkspaceAction } from '../workspaces';
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
  ) {}

  /** Loads the article and checks `action` against it, with its visibility: NOT_FOUND when unseen. */
  async open(actor: Actor, articleId: string, action: WorkspaceAction, kind = 'Article'): Promise<ArticleInContext> {
    const article = await this.store.findById(articleId);
    if (!article) throw new NotFoundError(kind);
    const authors = await this.store.authorsOf([articleId]);
    const access = await this.policy.assert(actor, action, {
      workspaceId: article.workspaceId,
      visibility: article.visibility,
      owningOrganizationId: article.leadOrganizationId,
      alsoVisibleTo: authors.map((author) => author.userId),
      kind,
    });
    return { article, access, authors };
  }

  /** Writes the audit event of a change to the article, in the change's transaction. */
  record(tx: EntityManager, actor: Actor, article: Article, action: AuditAction, details: Record<string, unknown>): Promise<void> {
    return this.audit.inWorkspace(tx, actor, article.workspaceId, action, 'article', article.id, details);
  }
}

/** An archived article is read-only. */
export function assertNotArchived(article: Pick<Article, 'status'>): void {
  if (article.status === ArticleStatus.ARCHIVED) throw new PreconditionFailedError('The article is archived', ['The article is archived']);
}
