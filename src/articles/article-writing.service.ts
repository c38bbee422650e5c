import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityKind, AuditAction } from '../activity';
import { UsersService } from '../auth';
import { BadUserInputError, ConflictError, ForbiddenError, PreconditionFailedError } from '../common/errors';
import { Language } from '../common/localized-text';
import { Actor } from '../common/request-context';
import { htmlToPlainText, sanitizeRichText } from '../common/rich-text';
import { AccessPolicy, Visibility } from '../workspaces';
import { actsFor, isAuthor, mayAddAuthors, mayWrite, writesArticles } from './article-access';
import { ArticleContext, assertNotArchived, assertNotRepublication } from './article-context';
import { Article, ArticleRevision, ArticleStatus, AuthorRole } from './article.entity';
import { ArticleStore } from './article.store';
import { AddArticleAuthorInput, CreateArticleInput, SaveArticleRevisionInput } from './dto/article.inputs';
import { followedByDefault } from './publication-rules';

/** What a new revision does to the article's status: edits after approval or publication go back a step. */
const STATUS_AFTER_EDIT: Partial<Record<ArticleStatus, ArticleStatus>> = {
  [ArticleStatus.PUBLISHED]: ArticleStatus.DRAFT,
  [ArticleStatus.APPROVED]: ArticleStatus.IN_REVIEW,
};

/** Writing articles: creating one, adding its authors, saving numbered revisions of each language. */
@Injectable()
export class ArticleWritingService {
  constructor(
    private readonly store: ArticleStore,
    private readonly context: ArticleContext,
    private readonly policy: AccessPolicy,
    private readonly users: UsersService,
    private readonly dataSource: DataSource,
  ) {}

  /** A new article, led by its creator for the organization they act for. */
  async create(actor: Actor, input: CreateArticleInput): Promise<Article> {
    const access = await this.policy.assert(actor, 'article.create', { workspaceId: input.workspaceId });
    if (!actsFor(access, input.leadOrganizationId)) {
      throw new ForbiddenError('You lead an article for the organization you act for in this workspace');
    }
    return this.dataSource.transaction(async (tx) => {
      const article = await this.store.insertArticle(tx, {
        workspaceId: input.workspaceId,
        leadOrganizationId: input.leadOrganizationId,
        visibility: input.visibility ?? Visibility.WORKSPACE,
        createdById: actor.userId,
      });
      await this.store.insertAuthor(tx, {
        articleId: article.id,
        userId: actor.userId,
        organizationId: access.organizationId,
        role: AuthorRole.LEAD,
        bylineOrder: 0,
      });
      await this.context.record(tx, actor, article, AuditAction.articleCreated, { visibility: article.visibility });
      return article;
    });
  }

  /** Co-authors come from any ACTIVE partner organization: they must act for it in the workspace. */
  async addAuthor(actor: Actor, input: AddArticleAuthorInput): Promise<Article> {
    const { article, access, authors } = await this.context.open(actor, input.articleId, 'article.manage_authors');
    if (!mayAddAuthors(access, authors, actor)) throw new ForbiddenError('Only a coordinator or an author of the article adds authors');
    assertNotArchived(article);
    if (input.role === AuthorRole.LEAD) throw BadUserInputError.field('role', 'an article has one lead author, its creator');
    // Acting here for the organization means: a member of it, and it an ACTIVE partner (the access policy).
    const theirs = await this.policy.accessOf({ userId: input.userId }, article.workspaceId);
    if (!actsFor(theirs, input.organizationId)) {
      throw new PreconditionFailedError('This person cannot write for this organization here', [
        'An author must be a member of the workspace acting for the organization they write for',
      ]);
    }
    if (!writesArticles(theirs)) {
      throw new PreconditionFailedError('This person cannot write here', ['An author must be able to write; observers only read']);
    }
    if (isAuthor(authors, input)) throw new ConflictError('This person is already an author of the article');
    await this.dataSource.transaction(async (tx) => {
      await this.store.insertAuthor(tx, {
        articleId: article.id,
        userId: input.userId,
        organizationId: input.organizationId,
        role: input.role,
        bylineOrder: input.bylineOrder ?? Math.max(...authors.map((author) => author.bylineOrder)) + 1,
      });
      await this.context.record(tx, actor, article, AuditAction.articleAuthorAdded, {
        userId: input.userId,
        organizationId: input.organizationId,
        role: input.role,
      });
    });
    return article;
  }

  /**
   * A new revision of one language, written from `baseRevision`. If someone saved in between, the
   * save is refused with the current revision, so that no one's words are lost. The article row is
   * locked while numbering, so concurrent saves get consecutive numbers.
   */
  async saveRevision(actor: Actor, input: SaveArticleRevisionInput): Promise<ArticleRevision> {
    const { article, access, authors } = await this.context.open(actor, input.articleId, 'article.write');
    if (!mayWrite(authors, actor)) throw new ForbiddenError("Only the article's authors write it");
    assertNotRepublication(article);
    const outcome = await this.dataSource.transaction(async (tx) => {
      const locked = await this.store.lockForWrite(tx, article.id);
      assertNotArchived(locked);
      const both = await this.store.currentText(tx, article.id);
      const current = both[input.language] ?? null;
      if ((input.baseRevision ?? null) !== (current?.number ?? null)) return { stale: true as const, current };
      const other = both[input.language === Language.fr ? Language.en : Language.fr];
      if (input.translationOf !== undefined && (!other || input.translationOf > other.number)) {
        throw BadUserInputError.field('translationOf', 'must be a revision of the other language');
      }
      const revision = await this.store.insertRevision(tx, {
        articleId: article.id,
        language: input.language,
        number: (current?.number ?? 0) + 1,
        title: htmlToPlainText(input.title),
        summary: htmlToPlainText(input.summary),
        body: sanitizeRichText(input.body),
        basedOn: current?.number ?? null,
        translationOf: input.translationOf ?? followedByDefault(input.language, both),
        authorId: actor.userId,
        organizationId: access.organizationId,
      });
      // Earlier approvals are stale by themselves (they name the old pair); the status follows.
      const next = STATUS_AFTER_EDIT[locked.status];
      await this.store.updateArticle(tx, article.id, next ? { status: next } : { updatedAt: new Date() });
      await this.context.announce(tx, actor, article, ActivityKind.articleRevisionSaved, { type: 'article', id: article.id }, { revisionId: revision.id, language: revision.language, number: revision.number });
      return { stale: false as const, revision };
    });
    if (!outcome.stale) return outcome.revision;
    throw await this.staleBase(outcome.current);
  }

  /** The refusal of a save from an outdated revision: it carries the current one, to merge with. */
  private async staleBase(current: ArticleRevision | null): Promise<ConflictError> {
    return new ConflictError('The text changed since the revision you started from', {
      currentRevision: current && {
        number: current.number,
        authorId: current.authorId,
        authorName: (await this.users.findById(current.authorId))?.displayName ?? null,
        createdAt: current.createdAt.toISOString(),
        title: current.title,
        summary: current.summary,
        body: current.body,
      },
    });
  }
}
