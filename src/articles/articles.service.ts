import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { createTwoFilesPatch } from 'diff';
import { DataSource, EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { AuditAction, AuditService, NotificationsService } from '../activity';
import { UsersService } from '../auth';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { Language, LocalizedText } from '../common/localized-text';
import { byCreation, Connection, paginate } from '../common/pagination';
import { Actor } from '../common/request-context';
import { htmlToPlainText, sanitizeRichText } from '../common/rich-text';
import { OrganizationsService } from '../organizations';
import { AccessPolicy, roleAllows, Visibility, WorkspaceAccess, WorkspaceAction, WorkspaceRole } from '../workspaces';
import {
  Approval,
  Article,
  ArticleAuthor,
  ArticleRevision,
  ArticleStatus,
  AuthorRole,
  Comment,
  RepublicationGrant,
  ReviewDecision,
} from './article.entity';
import {
  AddArticleAuthorInput,
  AddCommentInput,
  ArticlesArgs,
  ChangeArticleVisibilityInput,
  CreateArticleInput,
  DiffArgs,
  GrantRepublicationInput,
  PublishArticleInput,
  ReviewArticleInput,
  SaveArticleRevisionInput,
} from './dto/article.inputs';
import { approvesCurrentText, byline, followedByDefault, publicationBlockers, signature } from './publication-rules';

/** Emitted once a publication has committed: `{ articleId, workspaceId }`. */
export const ARTICLE_PUBLISHED = 'article.published';
export interface ArticlePublishedEvent {
  articleId: string;
  workspaceId: string;
}

const MANAGER_ROLES: readonly WorkspaceRole[] = [WorkspaceRole.OWNER, WorkspaceRole.COORDINATOR];

/** An article the caller may see, with what the rules need: the caller's access and the authors. */
interface ArticleInContext {
  article: Article;
  access: WorkspaceAccess;
  authors: ArticleAuthor[];
}

/**
 * Joint articles: authors of several organizations write each language in numbered revisions,
 * every organization with an author approves the exact text, and only then is it published.
 */
@Injectable()
export class ArticlesService {
  private readonly logger = new Logger(ArticlesService.name);

  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    @InjectRepository(ArticleAuthor) private readonly authors: Repository<ArticleAuthor>,
    @InjectRepository(ArticleRevision) private readonly revisions: Repository<ArticleRevision>,
    @InjectRepository(Approval) private readonly approvals: Repository<Approval>,
    @InjectRepository(Comment) private readonly comments: Repository<Comment>,
    @InjectRepository(RepublicationGrant) private readonly grants: Repository<RepublicationGrant>,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly events: EventEmitter2,
  ) {}

  // Reading

  /** The article if the caller may see it; NOT_FOUND otherwise (also for other modules, e.g. coverage deliverables). */
  async findVisible(actor: Actor, articleId: string): Promise<Article> {
    return (await this.inContext(actor, articleId, 'article.read')).article;
  }

  /** A workspace's articles the caller may see, newest first; internal ones only to their organization and authors. */
  async list(actor: Actor, args: ArticlesArgs): Promise<Connection<Article>> {
    const access = await this.policy.assert(actor, 'article.read', { workspaceId: args.workspaceId });
    const query = this.articles
      .createQueryBuilder('article')
      .where('article.workspace_id = :workspaceId', { workspaceId: args.workspaceId })
      .andWhere(
        `(article.visibility <> 'ORGANIZATION' OR article.lead_organization_id = :actingFor
          OR EXISTS (SELECT 1 FROM article_author author WHERE author.article_id = article.id AND author.user_id = :viewerId))`,
        { actingFor: access.organizationId, viewerId: actor.userId },
      );
    if (args.status) query.andWhere('article.status = :status', { status: args.status });
    return paginate(query, args, byCreation('article', 'DESC'));
  }

  /** Published PUBLIC articles of a workspace, newest publication first: what its public feed shows (archiving withdraws one). */
  publicArticles(workspaceId: string, limit = 50): Promise<Article[]> {
    return this.articles.find({
      where: { workspaceId, visibility: Visibility.PUBLIC, publishedAt: Not(IsNull()), status: Not(ArticleStatus.ARCHIVED) },
      order: { publishedAt: 'DESC' },
      take: limit,
    });
  }

  /** The published revisions of each article with its byline: what a public feed shows. */
  async publishedEntries(articles: Article[]): Promise<{ article: Article; revision: ArticleRevision; byline: LocalizedText }[]> {
    const keys = articles.flatMap((article) =>
      (
        [
          [Language.fr, article.publishedRevisionFr],
          [Language.en, article.publishedRevisionEn],
        ] as const
      ).flatMap(([language, number]) => (number ? [{ articleId: article.id, language, number }] : [])),
    );
    const [revisions, bylines] = await Promise.all([this.revisionsByNumber(keys), this.bylinesOf(articles.map((article) => article.id))]);
    return articles.flatMap((article) =>
      revisions
        .filter((revision) => revision.articleId === article.id)
        .filter((revision) => revision.number === (revision.language === Language.fr ? article.publishedRevisionFr : article.publishedRevisionEn))
        .map((revision) => ({ article, revision, byline: bylines.get(article.id) as LocalizedText })),
    );
  }

  /** The bylines of many articles, in three queries. */
  async bylinesOf(articleIds: readonly string[]): Promise<Map<string, LocalizedText>> {
    const authors = await this.authorsOfArticles(articleIds);
    const [users, organizations] = await Promise.all([
      this.users.findByIds([...new Set(authors.map((author) => author.userId))]),
      this.organizations.findByIds([...new Set(authors.map((author) => author.organizationId))]),
    ]);
    const names = new Map(users.flatMap((user) => (user ? [[user.id, user.displayName] as const] : [])));
    const signatures = new Map(organizations.map((organization) => [organization.id, signature(organization)]));
    return new Map(
      articleIds.map((id) => [
        id,
        byline(
          authors
            .filter((author) => author.articleId === id)
            .map((author) => ({ ...author, displayName: names.get(author.userId) ?? '', organization: signatures.get(author.organizationId) as LocalizedText })),
        ),
      ]),
    );
  }

  authorsOfArticles(articleIds: readonly string[]): Promise<ArticleAuthor[]> {
    return this.authors.find({ where: { articleId: In([...articleIds]) }, order: { bylineOrder: 'ASC', createdAt: 'ASC' } });
  }

  approvalsOfArticles(articleIds: readonly string[]): Promise<Approval[]> {
    return this.approvals.find({ where: { articleId: In([...articleIds]) }, order: { createdAt: 'DESC' } });
  }

  /** The latest revision of each (article, language) asked for, in one query. */
  async latestRevisions(keys: readonly { articleId: string; language: Language }[]): Promise<ArticleRevision[]> {
    if (!keys.length) return [];
    return this.revisions
      .createQueryBuilder('revision')
      .distinctOn(['revision.article_id', 'revision.language'])
      .where('revision.article_id IN (:...ids)', { ids: [...new Set(keys.map((key) => key.articleId))] })
      .orderBy('revision.article_id')
      .addOrderBy('revision.language')
      .addOrderBy('revision.number', 'DESC')
      .getMany();
  }

  /** Given revisions by number, in one query: `${articleId}:${language}:${number}`. */
  revisionsByNumber(keys: readonly { articleId: string; language: Language; number: number }[]): Promise<ArticleRevision[]> {
    if (!keys.length) return Promise.resolve([]);
    return this.revisions.find({ where: keys.map(({ articleId, language, number }) => ({ articleId, language, number })) });
  }

  /** Every revision of each (article, language) asked for, in one query. */
  revisionsOfArticles(keys: readonly { articleId: string; language: Language }[]): Promise<ArticleRevision[]> {
    if (!keys.length) return Promise.resolve([]);
    return this.revisions.find({
      where: { articleId: In([...new Set(keys.map((key) => key.articleId))]), language: In([...new Set(keys.map((key) => key.language))]) },
      order: { number: 'ASC' },
    });
  }

  commentsOfArticles(articleIds: readonly string[]): Promise<Comment[]> {
    return this.comments.find({ where: { articleId: In([...articleIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  grantsOfArticles(articleIds: readonly string[]): Promise<RepublicationGrant[]> {
    return this.grants.find({ where: { articleId: In([...articleIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A unified diff of the plain text (title, summary, body) between two revisions of one language, found by number. */
  diff({ language, from, to }: DiffArgs, before: ArticleRevision | null, after: ArticleRevision | null): string {
    if (!before || !after) {
      throw BadUserInputError.field(before ? 'to' : 'from', `there is no ${language} revision ${before ? to : from}`);
    }
    return createTwoFilesPatch(`${language} r${from}`, `${language} r${to}`, asText(before), asText(after));
  }

  // Writing

  async create(actor: Actor, input: CreateArticleInput): Promise<Article> {
    const access = await this.policy.assert(actor, 'article.create', { workspaceId: input.workspaceId });
    if (access.organizationId !== input.leadOrganizationId) {
      throw new ForbiddenError('You lead an article for the organization you act for in this workspace');
    }
    return this.dataSource.transaction(async (manager) => {
      const article = await manager.save(
        manager.create(Article, {
          workspaceId: input.workspaceId,
          leadOrganizationId: input.leadOrganizationId,
          visibility: input.visibility ?? Visibility.WORKSPACE,
          createdById: actor.userId,
        }),
      );
      await manager.insert(ArticleAuthor, {
        articleId: article.id,
        userId: actor.userId,
        organizationId: access.organizationId,
        role: AuthorRole.LEAD,
        bylineOrder: 0,
      });
      await this.record(manager, actor, article, 'article.created', { visibility: article.visibility });
      return article;
    });
  }

  /** Co-authors come from any ACTIVE partner organization: they must act for it in the workspace. */
  async addAuthor(actor: Actor, input: AddArticleAuthorInput): Promise<Article> {
    const { article, access, authors } = await this.inContext(actor, input.articleId, 'article.manage_authors');
    this.assertManagerOrAuthor(actor, access, authors, 'Only a coordinator or an author of the article adds authors');
    assertNotArchived(article);
    if (input.role === AuthorRole.LEAD) throw BadUserInputError.field('role', 'an article has one lead author, its creator');
    // Acting here for the organization means: a member of it, and it an ACTIVE partner (ACCESS_SQL).
    const theirs = await this.policy.accessOf({ userId: input.userId }, article.workspaceId);
    if (theirs?.organizationId !== input.organizationId) {
      throw new PreconditionFailedError('This person cannot write for this organization here', [
        'An author must be a member of the workspace acting for the organization they write for',
      ]);
    }
    if (!roleAllows(theirs.role, 'article.write')) {
      throw new PreconditionFailedError('This person cannot write here', ['An author must be able to write; observers only read']);
    }
    if (authors.some((author) => author.userId === input.userId)) throw new ConflictError('This person is already an author of the article');
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ArticleAuthor, {
        articleId: article.id,
        userId: input.userId,
        organizationId: input.organizationId,
        role: input.role,
        bylineOrder: input.bylineOrder ?? Math.max(...authors.map((author) => author.bylineOrder)) + 1,
      });
      await this.record(manager, actor, article, 'article.author.added', { userId: input.userId, organizationId: input.organizationId, role: input.role });
    });
    return article;
  }

  /**
   * A new revision of one language, written from `baseRevision`. If someone saved in between, the
   * save is refused with the current revision, so that no one's words are lost. The article row is
   * locked while numbering, so concurrent saves get consecutive numbers.
   */
  async saveRevision(actor: Actor, input: SaveArticleRevisionInput): Promise<ArticleRevision> {
    const { article, access, authors } = await this.inContext(actor, input.articleId, 'article.write');
    if (!authors.some((author) => author.userId === actor.userId)) throw new ForbiddenError("Only the article's authors write it");
    const outcome = await this.dataSource.transaction(async (manager) => {
      const locked = await lock(manager, article.id);
      assertNotArchived(locked);
      const both = await this.currentIn(manager, article.id);
      const current = both[input.language] ?? null;
      if ((input.baseRevision ?? null) !== (current?.number ?? null)) return { stale: true as const, current };
      const other = both[input.language === Language.fr ? Language.en : Language.fr];
      if (input.translationOf !== undefined && (!other || input.translationOf > other.number)) {
        throw BadUserInputError.field('translationOf', 'must be a revision of the other language');
      }
      const revision = await manager.save(
        manager.create(ArticleRevision, {
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
        }),
      );
      // Earlier approvals are stale by themselves (they name the old pair); the status follows.
      const next = { [ArticleStatus.PUBLISHED]: ArticleStatus.DRAFT, [ArticleStatus.APPROVED]: ArticleStatus.IN_REVIEW }[locked.status as string];
      await manager.update(Article, { id: article.id }, next ? { status: next } : { updatedAt: new Date() });
      return { stale: false as const, revision };
    });
    if (!outcome.stale) return outcome.revision;
    const { current } = outcome;
    throw new ConflictError('The text changed since the revision you started from', {
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

  /** Asks every organization with an author for its decision; its approvers who can see the article are notified. */
  async submitForReview(actor: Actor, articleId: string): Promise<Article> {
    const { article, access, authors } = await this.inContext(actor, articleId, 'article.submit');
    this.assertManagerOrAuthor(actor, access, authors, 'Only an author or a coordinator submits the article');
    const approvers = (await this.approversOf(article, authors)).filter((userId) => userId !== actor.userId);
    await this.dataSource.transaction(async (manager) => {
      const locked = await lock(manager, article.id);
      assertNotArchived(locked);
      if (locked.status !== ArticleStatus.DRAFT) {
        throw new ConflictError(`The article is ${locked.status.toLowerCase().replace('_', ' ')}`, { status: locked.status });
      }
      if (!(await manager.existsBy(ArticleRevision, { articleId }))) {
        throw new PreconditionFailedError('The article cannot be submitted yet', ['The article has no text yet']);
      }
      await manager.update(Article, { id: articleId }, { status: ArticleStatus.IN_REVIEW });
      await this.record(manager, actor, article, 'article.submitted', {});
      await this.notifications.notify(
        approvers.map((userId) => ({
          userId,
          kind: 'article.review_requested',
          workspaceId: article.workspaceId,
          resourceType: 'article',
          resourceId: articleId,
          message: { fr: 'Un article attend votre révision', en: 'An article awaits your review' },
        })),
        manager,
      );
    });
    return { ...article, status: ArticleStatus.IN_REVIEW };
  }

  /** An owner or coordinator decides for the organization they act for, on the current pair of revisions. */
  async review(actor: Actor, input: ReviewArticleInput): Promise<Approval> {
    const { article, access, authors } = await this.inContext(actor, input.articleId, 'article.review');
    if (access.organizationId !== input.organizationId) throw new ForbiddenError('You decide only for the organization you act for');
    if (!authors.some((author) => author.organizationId === input.organizationId)) {
      throw new PreconditionFailedError('This organization has no say on this article', ['The organization has no author on the article']);
    }
    if (article.status !== ArticleStatus.IN_REVIEW && article.status !== ArticleStatus.APPROVED) {
      throw new PreconditionFailedError('The article is not in review', [`The article is ${article.status}`]);
    }
    const organizationIds = new Set(authors.map((author) => author.organizationId));
    const approval = await this.dataSource.transaction(async (manager) => {
      await lock(manager, article.id);
      const current = await this.currentIn(manager, article.id);
      const saved = await manager.save(
        manager.create(Approval, {
          articleId: article.id,
          organizationId: input.organizationId,
          decision: input.decision,
          revisionFr: current.fr?.number ?? null,
          revisionEn: current.en?.number ?? null,
          comment: input.comment ?? null,
          decidedById: actor.userId,
        }),
      );
      const latest = latestDecisions(await manager.find(Approval, { where: { articleId: article.id }, order: { createdAt: 'DESC' } }));
      const everyoneApproves = [...organizationIds].every((id) => approvesCurrentText(latest.get(id), current));
      const status =
        input.decision === ReviewDecision.REQUEST_CHANGES ? ArticleStatus.DRAFT : everyoneApproves ? ArticleStatus.APPROVED : ArticleStatus.IN_REVIEW;
      await manager.update(Article, { id: article.id }, { status });
      await this.record(manager, actor, article, input.decision === ReviewDecision.APPROVE ? 'article.approved' : 'article.changes_requested', {
        organizationId: input.organizationId,
        revisionFr: saved.revisionFr,
        revisionEn: saved.revisionEn,
      });
      return saved;
    });
    return approval;
  }

  /**
   * By the lead author, a coordinator or an owner, when every organization with an author has
   * approved the current text and both languages are there and in step (or a coordinator says why
   * not). Otherwise PRECONDITION_FAILED with every reason. The published revisions are frozen.
   */
  async publish(actor: Actor, input: PublishArticleInput): Promise<Article> {
    const { article, access, authors } = await this.inContext(actor, input.articleId, 'article.publish');
    this.assertLeadOrManager(actor, access, authors, 'Only the lead author, a coordinator or an owner publishes');
    if (input.unilingualReason && !MANAGER_ROLES.includes(access.role)) throw new ForbiddenError('Only a coordinator or an owner publishes in one language');
    const organizationIds = [...new Set(authors.map((author) => author.organizationId))];
    const names = new Map((await this.organizations.findByIds(organizationIds)).map((organization) => [organization.id, organization.name.en]));
    const published = await this.dataSource.transaction(async (tx) => {
      const locked = await lock(tx, article.id);
      const current = await this.currentIn(tx, article.id);
      const latest = latestDecisions(await tx.find(Approval, { where: { articleId: article.id }, order: { createdAt: 'DESC' } }));
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
      await tx.save(locked);
      await this.record(tx, actor, article, 'article.published', {
        revisionFr: locked.publishedRevisionFr,
        revisionEn: locked.publishedRevisionEn,
        unilingualReason: locked.unilingualReason,
      });
      return locked;
    });
    try {
      await this.events.emitAsync(ARTICLE_PUBLISHED, { articleId: article.id, workspaceId: article.workspaceId } satisfies ArticlePublishedEvent);
    } catch (error) {
      // The publication has committed: a failing listener must not tell the caller it did not.
      this.logger.error({ err: error, articleId: article.id }, `A listener of ${ARTICLE_PUBLISHED} failed`);
    }
    return published;
  }

  /** Retires an article for good: it leaves the public feed and takes no more text, reviews, comments or grants. */
  async archive(actor: Actor, articleId: string): Promise<Article> {
    const { article, access, authors } = await this.inContext(actor, articleId, 'article.archive');
    this.assertLeadOrManager(actor, access, authors, 'Only the lead author, a coordinator or an owner archives');
    return this.dataSource.transaction(async (manager) => {
      const locked = await lock(manager, article.id);
      if (locked.status === ArticleStatus.ARCHIVED) throw new ConflictError('The article is already archived', { status: locked.status });
      await manager.update(Article, { id: article.id }, { status: ArticleStatus.ARCHIVED });
      await this.record(manager, actor, article, 'article.archived', { from: locked.status });
      return { ...locked, status: ArticleStatus.ARCHIVED };
    });
  }

  /** Widening or narrowing who sees the article: a coordinator, an owner or the lead author. */
  async changeVisibility(actor: Actor, input: ChangeArticleVisibilityInput): Promise<Article> {
    const { article, access, authors } = await this.inContext(actor, input.articleId, 'article.change_visibility');
    this.assertLeadOrManager(actor, access, authors, 'Only the lead author, a coordinator or an owner changes who sees the article');
    if (article.visibility === input.visibility) return article;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Article, { id: article.id }, { visibility: input.visibility });
      await this.record(manager, actor, article, 'article.visibility_changed', { from: article.visibility, to: input.visibility });
    });
    return { ...article, visibility: input.visibility };
  }

  // Comments

  async addComment(actor: Actor, input: AddCommentInput): Promise<Comment> {
    const { article, access, authors } = await this.inContext(actor, input.articleId, 'article.comment');
    if (access.role === WorkspaceRole.CONTRIBUTOR && !authors.some((author) => author.userId === actor.userId)) {
      throw new ForbiddenError('Contributors comment on the articles they write');
    }
    assertNotArchived(article);
    let revisionId: string;
    let quote: string | null = input.quote ?? null;
    if (input.parentId) {
      const parent = await this.comments.findOneBy({ id: input.parentId, articleId: article.id });
      if (!parent) throw new NotFoundError('Comment');
      revisionId = parent.revisionId;
    } else {
      if (!input.revisionId) throw BadUserInputError.field('revisionId', 'a new thread is anchored to a revision');
      const revision = await this.revisions.findOneBy({ id: input.revisionId, articleId: article.id });
      if (!revision) throw new NotFoundError('Revision');
      if (!quote) throw BadUserInputError.field('quote', 'a new thread quotes the passage it is about');
      if (!collapse(asText(revision)).includes(collapse(quote))) throw BadUserInputError.field('quote', 'must be a passage of the revision, quoted exactly');
      quote = quote.trim();
      revisionId = revision.id;
    }
    return this.comments.save(
      this.comments.create({
        articleId: article.id,
        revisionId,
        quote,
        body: input.body,
        parentId: input.parentId ?? null,
        authorId: actor.userId,
        organizationId: access.organizationId,
      }),
    );
  }

  /** A thread is resolved by whoever may comment; once. */
  async resolveComment(actor: Actor, commentId: string): Promise<Comment> {
    const comment = await this.comments.findOneBy({ id: commentId });
    if (!comment) throw new NotFoundError('Comment');
    const { access, authors } = await this.inContext(actor, comment.articleId, 'article.comment', 'Comment');
    if (access.role === WorkspaceRole.CONTRIBUTOR && !authors.some((author) => author.userId === actor.userId)) {
      throw new ForbiddenError('Contributors resolve threads on the articles they write');
    }
    if (comment.parentId) throw new PreconditionFailedError('Replies are resolved with their thread', ['Resolve the first comment of the thread']);
    if (comment.resolvedAt) throw new ConflictError('This thread is already resolved', { resolvedAt: comment.resolvedAt.toISOString() });
    const resolvedAt = new Date();
    await this.comments.update({ id: comment.id, resolvedAt: IsNull() }, { resolvedAt, resolvedById: actor.userId });
    return { ...comment, resolvedAt, resolvedById: actor.userId };
  }

  // Republication

  /** An organization with an author on a published article lets another republish it, on conditions. */
  async grantRepublication(actor: Actor, input: GrantRepublicationInput): Promise<RepublicationGrant> {
    const { article, access, authors } = await this.inContext(actor, input.articleId, 'article.grant');
    if (!authors.some((author) => author.organizationId === access.organizationId)) {
      throw new ForbiddenError('Only an organization with an author on the article grants republication');
    }
    if (!article.publishedAt) throw new PreconditionFailedError('The article is not published', ['The article is not published']);
    assertNotArchived(article);
    await this.organizations.getById(input.organizationId);
    if (input.organizationId === access.organizationId) throw BadUserInputError.field('organizationId', 'an organization does not grant itself');
    return this.dataSource.transaction(async (manager) => {
      const active = await manager.findOneBy(RepublicationGrant, {
        articleId: article.id,
        grantorOrganizationId: access.organizationId,
        granteeOrganizationId: input.organizationId,
        revokedAt: IsNull(),
      });
      if (active) throw new ConflictError('This organization already has a grant from yours', { grantId: active.id });
      const grant = await manager.save(
        manager.create(RepublicationGrant, {
          articleId: article.id,
          grantorOrganizationId: access.organizationId,
          granteeOrganizationId: input.organizationId,
          conditions: input.conditions,
          grantedById: actor.userId,
        }),
      );
      await this.record(manager, actor, article, 'article.republication_granted', { grantId: grant.id, granteeOrganizationId: input.organizationId });
      return grant;
    });
  }

  async revokeRepublication(actor: Actor, grantId: string): Promise<RepublicationGrant> {
    const grant = await this.grants.findOneBy({ id: grantId });
    if (!grant) throw new NotFoundError('Grant');
    const { article, access } = await this.inContext(actor, grant.articleId, 'article.grant', 'Grant');
    if (access.organizationId !== grant.grantorOrganizationId) throw new ForbiddenError('Only the granting organization revokes its grant');
    if (grant.revokedAt) throw new ConflictError('This grant is already revoked', { revokedAt: grant.revokedAt.toISOString() });
    const revokedAt = new Date();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(RepublicationGrant, { id: grant.id }, { revokedAt, revokedById: actor.userId });
      await this.record(manager, actor, article, 'article.republication_revoked', { grantId: grant.id, granteeOrganizationId: grant.granteeOrganizationId });
    });
    return { ...grant, revokedAt, revokedById: actor.userId };
  }

  // Internals

  /** Loads the article and checks `action` against it, with its visibility: NOT_FOUND when unseen. */
  private async inContext(actor: Actor, articleId: string, action: WorkspaceAction, kind = 'Article'): Promise<ArticleInContext> {
    const article = await this.articles.findOneBy({ id: articleId });
    if (!article) throw new NotFoundError(kind);
    const authors = await this.authors.findBy({ articleId });
    const access = await this.policy.assert(actor, action, {
      workspaceId: article.workspaceId,
      visibility: article.visibility,
      owningOrganizationId: article.leadOrganizationId,
      alsoVisibleTo: authors.map((author) => author.userId),
      kind,
    });
    return { article, access, authors };
  }

  private assertManagerOrAuthor(actor: Actor, access: WorkspaceAccess, authors: ArticleAuthor[], message: string): void {
    if (!MANAGER_ROLES.includes(access.role) && !authors.some((author) => author.userId === actor.userId)) throw new ForbiddenError(message);
  }

  private assertLeadOrManager(actor: Actor, access: WorkspaceAccess, authors: ArticleAuthor[], message: string): void {
    const lead = authors.some((author) => author.userId === actor.userId && author.role === AuthorRole.LEAD);
    if (!MANAGER_ROLES.includes(access.role) && !lead) throw new ForbiddenError(message);
  }

  /**
   * The owners and coordinators acting for an organization with an author, who can see the article:
   * an internal (ORGANIZATION) article is hidden from another organization's approvers unless they are authors.
   */
  private async approversOf(article: Article, authors: ArticleAuthor[]): Promise<string[]> {
    const organizationIds = [...new Set(authors.map((author) => author.organizationId))];
    if (article.visibility !== Visibility.ORGANIZATION) return this.policy.usersWithRole(article.workspaceId, organizationIds, MANAGER_ROLES);
    const [ofLead, ofOthers] = await Promise.all([
      this.policy.usersWithRole(article.workspaceId, [article.leadOrganizationId], MANAGER_ROLES),
      this.policy.usersWithRole(article.workspaceId, organizationIds, MANAGER_ROLES),
    ]);
    return [...new Set([...ofLead, ...ofOthers.filter((userId) => authors.some((author) => author.userId === userId))])];
  }

  private latestIn(manager: EntityManager, articleId: string, language: Language): Promise<ArticleRevision | null> {
    return manager.findOne(ArticleRevision, { where: { articleId, language }, order: { number: 'DESC' } });
  }

  private async currentIn(manager: EntityManager, articleId: string): Promise<Partial<Record<Language, ArticleRevision>>> {
    const [fr, en] = await Promise.all([this.latestIn(manager, articleId, Language.fr), this.latestIn(manager, articleId, Language.en)]);
    return { ...(fr && { fr }), ...(en && { en }) };
  }

  private record(manager: EntityManager, actor: Actor, article: Article, action: AuditAction, details: Record<string, unknown>): Promise<void> {
    return this.audit.inWorkspace(manager, actor, article.workspaceId, action, 'article', article.id, details);
  }
}

/** The article row, locked until the transaction ends: writes to one article take turns. */
function lock(manager: EntityManager, articleId: string): Promise<Article> {
  return manager.findOneOrFail(Article, { where: { id: articleId }, lock: { mode: 'pessimistic_write' } });
}

/** An archived article is read-only. */
function assertNotArchived(article: Article): void {
  if (article.status === ArticleStatus.ARCHIVED) throw new PreconditionFailedError('The article is archived', ['The article is archived']);
}

/** Each organization's most recent decision, from decisions sorted newest first. */
function latestDecisions(approvals: Approval[]): Map<string, Approval> {
  const latest = new Map<string, Approval>();
  for (const approval of approvals) if (!latest.has(approval.organizationId)) latest.set(approval.organizationId, approval);
  return latest;
}

/** The words of a revision, a block of text per line, as diffs and quotes see them. */
function asText(revision: ArticleRevision): string {
  const blocks = revision.body.split(/<\/(?:p|h\d|li|blockquote|pre|figcaption|tr)>|<br\s*\/?>/).map(htmlToPlainText).filter(Boolean);
  return [revision.title, revision.summary, ...blocks].join('\n') + '\n';
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
