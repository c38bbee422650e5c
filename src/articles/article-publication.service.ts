import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { AuditAction, NotificationsService } from '../activity';
import { ConflictError, ForbiddenError, PreconditionFailedError } from '../common/errors';
import { Actor } from '../common/request-context';
import { OrganizationsService } from '../organizations';
import { authoringOrganizations, mayArchive, mayChangeVisibility, mayPublish, mayPublishUnilingual } from './article-access';
import { ArticleContext } from './article-context';
import { publicationNotices } from './article-notices';
import { Article, ArticleStatus } from './article.entity';
import { ARTICLE_PUBLISHED, ArticlePublishedEvent } from './article.events';
import { ArticleStore } from './article.store';
import { ChangeArticleVisibilityInput, PublishArticleInput } from './dto/article.inputs';
import { latestDecisions, publicationBlockers } from './publication-rules';

/** Publication and what follows it: publishing the approved text, archiving, changing who sees the article. */
@Injectable()
export class ArticlePublicationService {
  private readonly logger = new Logger(ArticlePublicationService.name);

  constructor(
    private readonly store: ArticleStore,
    private readonly context: ArticleContext,
    private readonly organizations: OrganizationsService,
    private readonly notifications: NotificationsService,
    private readonly emitter: EventEmitter2,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * By the lead author, a coordinator or an owner, when every organization with an author has
   * approved the current text and both languages are there and in step (or a coordinator says why
   * not). Otherwise PRECONDITION_FAILED with every reason. The published revisions are frozen.
   */
  async publish(actor: Actor, input: PublishArticleInput): Promise<Article> {
    const { article, access, authors } = await this.context.open(actor, input.articleId, 'article.publish');
    if (!mayPublish(access, authors, actor)) throw new ForbiddenError('Only the lead author, a coordinator or an owner publishes');
    if (input.unilingualReason && !mayPublishUnilingual(access)) throw new ForbiddenError('Only a coordinator or an owner publishes in one language');
    const organizationIds = authoringOrganizations(authors);
    const names = new Map((await this.organizations.findByIds(organizationIds)).map((organization) => [organization.id, organization.name.en]));
    const published = await this.dataSource.transaction(async (tx) => {
      const locked = await this.store.lockForWrite(tx, article.id);
      const current = await this.store.currentText(tx, article.id);
      const latest = latestDecisions(await this.store.decisionsIn(tx, article.id));
      const reasons = publicationBlockers({
        status: locked.status,
        current,
        published: { fr: locked.publishedRevisionFr, en: locked.publishedRevisionEn },
        organizations: organizationIds.map((id) => ({ name: names.get(id) ?? id, latest: latest.get(id) })),
        unilingualReason: input.unilingualReason,
      });
      if (reasons.length) throw new PreconditionFailedError('The article cannot be published yet', reasons);
      Object.assign(locked, {
        status: ArticleStatus.PUBLISHED,
        publishedAt: new Date(),
        publishedRevisionFr: current.fr?.number ?? null,
        publishedRevisionEn: current.en?.number ?? null,
        unilingualReason: input.unilingualReason ?? null,
      });
      await this.store.savePublication(tx, locked);
      await this.context.record(tx, actor, article, AuditAction.articlePublished, {
        revisionFr: locked.publishedRevisionFr,
        revisionEn: locked.publishedRevisionEn,
        unilingualReason: locked.unilingualReason,
      });
      await this.notifications.notify(publicationNotices(actor, article, authors), tx);
      return locked;
    });
    try {
      await this.emitter.emitAsync(ARTICLE_PUBLISHED, { articleId: article.id, workspaceId: article.workspaceId } satisfies ArticlePublishedEvent);
    } catch (error) {
      // The publication has committed: a failing listener must not tell the caller it did not.
      this.logger.error({ err: error, articleId: article.id }, `A listener of ${ARTICLE_PUBLISHED} failed`);
    }
    return published;
  }

  /** Retires an article for good: it leaves the public feed and takes no more text, reviews, comments or grants. */
  async archive(actor: Actor, articleId: string): Promise<Article> {
    const { article, access, authors } = await this.context.open(actor, articleId, 'article.archive');
    if (!mayArchive(access, authors, actor)) throw new ForbiddenError('Only the lead author, a coordinator or an owner archives');
    return this.dataSource.transaction(async (tx) => {
      const locked = await this.store.lockForWrite(tx, article.id);
      if (locked.status === ArticleStatus.ARCHIVED) throw new ConflictError('The article is already archived', { status: locked.status });
      await this.store.updateArticle(tx, article.id, { status: ArticleStatus.ARCHIVED });
      await this.context.record(tx, actor, article, AuditAction.articleArchived, { from: locked.status });
      return { ...locked, status: ArticleStatus.ARCHIVED };
    });
  }

  /** Widening or narrowing who sees the article: a coordinator, an owner or the lead author. */
  async changeVisibility(actor: Actor, input: ChangeArticleVisibilityInput): Promise<Article> {
    const { article, access, authors } = await this.context.open(actor, input.articleId, 'article.change_visibility');
    if (!mayChangeVisibility(access, authors, actor)) {
      throw new ForbiddenError('Only the lead author, a coordinator or an owner changes who sees the article');
    }
    if (article.visibility === input.visibility) return article;
    await this.dataSource.transaction(async (tx) => {
      await this.store.updateArticle(tx, article.id, { visibility: input.visibility });
      await this.context.record(tx, actor, article, AuditAction.articleVisibilityChanged, { from: article.visibility, to: input.visibility });
    });
    return { ...article, visibility: input.visibility };
  }
}
