import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, In, IsNull, Not, Repository } from 'typeorm';
import { inOrderOfKeys } from '../common/key-order';
import { Language } from '../common/localized-text';
import { byCreation, Connection, paginate } from '../common/pagination';
import { NodeSelection } from '../common/projection';
import { Actor } from '../common/request-context';
import { AccessPolicy, Visibility } from '../workspaces';
import { Approval, Article, ArticleAuthor, ArticleRevision, ArticleStatus } from './article.entity';
import { APPROVAL_ORDER, AUTHOR_ORDER, REVISION_ORDER } from './article.projection';
import { ArticlesArgs } from './dto/article.inputs';

export interface RevisionKey {
  articleId: string;
  language: Language;
}

export interface NumberedRevisionKey extends RevisionKey {
  number: number;
}

/** The current (latest) revision of each language, with its text. */
export type CurrentText = Partial<Record<Language, ArticleRevision>>;

/** Who sees an internal (ORGANIZATION) article aliased `article`: its lead organization, and its named authors (the viewer's access row is `access`). */
export const ARTICLE_VISIBILITY = {
  visibility: 'article.visibility',
  owningOrganization: 'article.lead_organization_id',
  namedPeople: 'EXISTS (SELECT 1 FROM article_author author WHERE author.article_id = article.id AND author.user_id = access.user_id)',
};

/** "The viewer (`:viewerId`) may read the article aliased `article` in its workspace": internal ones only for their lead organization and authors. */
export const READABLE_BY_VIEWER = AccessPolicy.permittedToSql(':viewerId', 'article.read', { workspace: 'article.workspace_id', ...ARTICLE_VISIBILITY });

/** Every query of articles, their authors, revisions and approvals. */
@Injectable()
export class ArticleStore {
  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    @InjectRepository(ArticleAuthor) private readonly authors: Repository<ArticleAuthor>,
    @InjectRepository(ArticleRevision) private readonly revisions: Repository<ArticleRevision>,
    @InjectRepository(Approval) private readonly approvals: Repository<Approval>,
  ) {}

  // Articles

  /** One article by id, or null. */
  findById(articleId: string): Promise<Article | null> {
    return this.articles.findOneBy({ id: articleId });
  }

  /**
   * A page of a workspace's articles the viewer may read, newest first, the viewer's access checked in
   * the same statement: empty without access. Internal ones only to their lead organization and authors.
   * Given the GraphQL selection of its nodes, one statement also reads what they select (article.projection.ts).
   */
  pageOfWorkspace(viewer: Pick<Actor, 'userId'>, args: ArticlesArgs, nodes?: NodeSelection): Promise<Connection<Article>> {
    const query = this.articles
      .createQueryBuilder('article')
      .where('article.workspace_id = :workspaceId', { workspaceId: args.workspaceId })
      .andWhere(READABLE_BY_VIEWER, { viewerId: viewer.userId });
    if (args.status) query.andWhere('article.status = :status', { status: args.status });
    return paginate(query, args, byCreation('article', 'DESC'), nodes);
  }

  /** Published PUBLIC articles of a workspace that are not archived, newest publication first. */
  publicArticles(workspaceId: string, limit: number): Promise<Article[]> {
    return this.articles.find({ where: publiclyReadable(workspaceId), order: { publishedAt: 'DESC' }, take: limit });
  }

  /** One article of a workspace if it is published, PUBLIC and not archived, or null. */
  publicArticle(workspaceId: string, articleId: string): Promise<Article | null> {
    return this.articles.findOneBy({ ...publiclyReadable(workspaceId), id: articleId });
  }

  /** The article if anyone may read it, whichever its workspace (a republication's original), or null. */
  publicArticleById(articleId: string): Promise<Article | null> {
    return this.articles.findOneBy({ ...PUBLICLY_READABLE, id: articleId });
  }

  /** The article row, locked until the transaction ends: writes to one article take turns. */
  lockForWrite(tx: EntityManager, articleId: string): Promise<Article> {
    return tx.findOneOrFail(Article, { where: { id: articleId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Of these articles, those the viewer may read in their workspace (not merely their published text), in one statement. */
  readableByIds(viewerId: string, articleIds: readonly string[]): Promise<Article[]> {
    return this.articles.createQueryBuilder('article').where('article.id = ANY(:articleIds)', { articleIds }).andWhere(READABLE_BY_VIEWER, { viewerId }).getMany();
  }

  /** Many articles by id, whatever their workspace: the caller decides what of them to show. */
  findByIds(articleIds: readonly string[]): Promise<Article[]> {
    return this.articles.findBy({ id: In([...articleIds]) });
  }

  /** Inserts a new article (a republication comes published) and returns it with its generated columns. */
  insertArticle(
    tx: EntityManager,
    article: Pick<Article, 'workspaceId' | 'leadOrganizationId' | 'visibility' | 'createdById'> &
      Partial<Pick<Article, 'status' | 'publishedAt' | 'publishedRevisionFr' | 'publishedRevisionEn' | 'unilingualReason' | 'republishedFromId' | 'republicationGrantId'>>,
  ): Promise<Article> {
    return tx.save(tx.create(Article, article));
  }

  /** The republication made under a grant into a workspace, or null. */
  republicationUnder(tx: EntityManager, grantId: string, workspaceId: string): Promise<Article | null> {
    return tx.findOneBy(Article, { republicationGrantId: grantId, workspaceId });
  }

  /** Archives the republications made under a grant that are not archived yet, and returns them as they were. */
  async withdrawRepublications(tx: EntityManager, grantId: string): Promise<Article[]> {
    const live = await tx.find(Article, { where: { republicationGrantId: grantId, status: Not(ArticleStatus.ARCHIVED) }, lock: { mode: 'pessimistic_write' } });
    if (live.length) await tx.update(Article, { id: In(live.map((article) => article.id)) }, { status: ArticleStatus.ARCHIVED });
    return live;
  }

  /** Changes some columns of an article. */
  async updateArticle(tx: EntityManager, articleId: string, changes: Partial<Pick<Article, 'status' | 'visibility' | 'updatedAt'>>): Promise<void> {
    await tx.update(Article, { id: articleId }, changes);
  }

  /** Saves a locked article whose publication columns changed. */
  savePublication(tx: EntityManager, article: Article): Promise<Article> {
    return tx.save(article);
  }

  // Authors

  /** The authors of many articles, in byline order. */
  authorsOf(articleIds: readonly string[]): Promise<ArticleAuthor[]> {
    return this.authors.find({ where: { articleId: In([...articleIds]) }, order: AUTHOR_ORDER });
  }

  /** Adds an author to an article. */
  async insertAuthor(tx: EntityManager, author: Pick<ArticleAuthor, 'articleId' | 'userId' | 'organizationId' | 'role' | 'bylineOrder'>): Promise<void> {
    await tx.insert(ArticleAuthor, author);
  }

  // Revisions

  /** The latest revision of each (article, language) asked for, in one query. */
  async latestRevisions(keys: readonly RevisionKey[]): Promise<ArticleRevision[]> {
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

  /** Given revisions by (article, language, number), in one query; in the transaction when given one. */
  async revisionsByNumber(keys: readonly NumberedRevisionKey[], tx?: EntityManager): Promise<ArticleRevision[]> {
    if (!keys.length) return [];
    return (tx?.getRepository(ArticleRevision) ?? this.revisions).find({ where: keys.map(({ articleId, language, number }) => ({ articleId, language, number })) });
  }

  /** Every revision of each (article, language) asked for, in the order asked, each oldest first, in one query: at most `limit` of them in all. */
  async revisionsOf(keys: readonly RevisionKey[], limit: number): Promise<ArticleRevision[]> {
    if (!keys.length) return [];
    // Two arrays, not an OR of a thousand pairs to plan.
    const query = this.revisions
      .createQueryBuilder('revision')
      .where('(revision.article_id, revision.language::text) IN (SELECT * FROM unnest(:articleIds::uuid[], :languages::text[]))', {
        articleIds: keys.map((key) => key.articleId),
        languages: keys.map((key) => key.language),
      });
    return inOrderOfKeys(query, "revision.article_id || ':' || revision.language", keys.map((key) => `${key.articleId}:${key.language}`), 'text', limit)
      .addOrderBy('revision.number', REVISION_ORDER.number)
      .getMany();
  }

  /** One revision of an article by id, or null. */
  revisionOf(articleId: string, revisionId: string): Promise<ArticleRevision | null> {
    return this.revisions.findOneBy({ id: revisionId, articleId });
  }

  /** The current revision of each language, read in the transaction. */
  async currentText(tx: EntityManager, articleId: string): Promise<CurrentText> {
    const latest = await tx
      .createQueryBuilder(ArticleRevision, 'revision')
      .distinctOn(['revision.language'])
      .where('revision.article_id = :articleId', { articleId })
      .orderBy('revision.language')
      .addOrderBy('revision.number', 'DESC')
      .getMany();
    return Object.fromEntries(latest.map((revision) => [revision.language, revision]));
  }

  /** Whether the article has any text yet. */
  hasRevision(tx: EntityManager, articleId: string): Promise<boolean> {
    return tx.existsBy(ArticleRevision, { articleId });
  }

  /** Inserts a revision and returns it with its generated columns. */
  insertRevision(
    tx: EntityManager,
    revision: Pick<ArticleRevision, 'articleId' | 'language' | 'number' | 'title' | 'summary' | 'body' | 'basedOn' | 'translationOf' | 'authorId' | 'organizationId'>,
  ): Promise<ArticleRevision> {
    return tx.save(tx.create(ArticleRevision, revision));
  }

  // Approvals

  /** Every decision on many articles, newest first. */
  approvalsOf(articleIds: readonly string[]): Promise<Approval[]> {
    return this.approvals.find({ where: { articleId: In([...articleIds]) }, order: APPROVAL_ORDER });
  }

  /** Every decision on one article, newest first, read in the transaction. */
  decisionsIn(tx: EntityManager, articleId: string): Promise<Approval[]> {
    return tx.find(Approval, { where: { articleId }, order: { createdAt: 'DESC' } });
  }

  /** Records an organization's decision and returns it. */
  insertApproval(
    tx: EntityManager,
    approval: Pick<Approval, 'articleId' | 'organizationId' | 'decision' | 'revisionFr' | 'revisionEn' | 'comment' | 'decidedById'>,
  ): Promise<Approval> {
    return tx.save(tx.create(Approval, approval));
  }
}

/** What anyone may read without signing in: published PUBLIC articles that are not archived (isPubliclyReadable, in SQL). */
const PUBLICLY_READABLE: FindOptionsWhere<Article> = { visibility: Visibility.PUBLIC, publishedAt: Not(IsNull()), status: Not(ArticleStatus.ARCHIVED) };

/** What anyone may read of a workspace without signing in. */
function publiclyReadable(workspaceId: string): FindOptionsWhere<Article> {
  return { workspaceId, ...PUBLICLY_READABLE };
}
