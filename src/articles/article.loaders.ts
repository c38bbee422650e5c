import { Injectable } from '@nestjs/common';
import { userLoader, UsersService } from '../auth';
import { AppConfig } from '../config/config';
import { byKeys, groupByKeys, RequestLoaders } from '../common/loaders';
import { Language, LocalizedText } from '../common/localized-text';
import { organizationLoader, OrganizationsService } from '../organizations';
import { Approval, Article, ArticleAuthor, ArticleRevision, Comment, RepublicationGrant } from './article.entity';
import { ArticleStore, RevisionKey } from './article.store';
import { CommentStore } from './comment.store';
import { bylineOf, CurrentRevisions } from './publication-rules';
import { RepublicationGrantStore } from './republication-grant.store';
import { Republication, republicationOf } from './republication.model';

/** Loader keys are `articleId:language[:number]`. */
function parseKey(key: string): RevisionKey {
  const [articleId, language] = key.split(':');
  return { articleId, language: language as Language };
}

/** The loaders of an article page, over the request's RequestLoaders: each is one query per request, whatever the page size. */
@Injectable()
export class ArticleLoaders {
  constructor(
    private readonly store: ArticleStore,
    private readonly comments: CommentStore,
    private readonly grants: RepublicationGrantStore,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly config: AppConfig,
  ) {}

  /** An article's authors, in byline order. */
  authors(loaders: RequestLoaders, articleId: string): Promise<ArticleAuthor[]> {
    return loaders
      .get<string, ArticleAuthor[]>('articleAuthors', async (ids) => groupByKeys(ids, await this.store.authorsOf(ids), (author) => author.articleId))
      .load(articleId);
  }

  /** An article's byline, from its authors, their people and organizations. */
  async byline(loaders: RequestLoaders, articleId: string): Promise<LocalizedText> {
    const authors = await this.authors(loaders, articleId);
    const [people, organizations] = await Promise.all([
      userLoader(loaders, this.users).loadMany(authors.map((author) => author.userId)),
      organizationLoader(loaders, this.organizations).loadMany(authors.map((author) => author.organizationId)),
    ]);
    return bylineOf(authors, people.map(orNull), organizations.map(orNull));
  }

  /** An article's decisions, newest first. */
  approvals(loaders: RequestLoaders, articleId: string): Promise<Approval[]> {
    return loaders
      .get<string, Approval[]>('articleApprovals', async (ids) => groupByKeys(ids, await this.store.approvalsOf(ids), (approval) => approval.articleId))
      .load(articleId);
  }

  /** The latest revision of one language of an article, or null. */
  currentRevision(loaders: RequestLoaders, articleId: string, language: Language): Promise<ArticleRevision | null> {
    return loaders
      .get<string, ArticleRevision | null>('currentRevision', async (keys) =>
        byKeys(keys, await this.store.latestRevisions(keys.map(parseKey)), (revision) => `${revision.articleId}:${revision.language}`),
      )
      .load(`${articleId}:${language}`);
  }

  /** The current revision of each language of an article. */
  async current(loaders: RequestLoaders, articleId: string): Promise<CurrentRevisions> {
    const [fr, en] = await Promise.all([this.currentRevision(loaders, articleId, Language.fr), this.currentRevision(loaders, articleId, Language.en)]);
    return { ...(fr && { fr }), ...(en && { en }) };
  }

  /** Every revision of one language of an article, oldest first: each save adds one, so the batch is read within the request's list budget. */
  revisions(loaders: RequestLoaders, articleId: string, language: Language): Promise<ArticleRevision[]> {
    return loaders
      .growingLists<string, ArticleRevision>(
        'articleRevisions',
        this.config.GRAPHQL_MAX_COST,
        (keys, rows) => this.store.revisionsOf(keys.map(parseKey), rows),
        (revision) => `${revision.articleId}:${revision.language}`,
      )
      .load(`${articleId}:${language}`);
  }

  /** One revision of one language of an article by number, or null. */
  revision(loaders: RequestLoaders, articleId: string, language: Language, number: number): Promise<ArticleRevision | null> {
    return loaders
      .get<string, ArticleRevision | null>('articleRevisionByNumber', async (keys) => {
        const wanted = keys.map((key) => ({ ...parseKey(key), number: Number(key.split(':')[2]) }));
        return byKeys(keys, await this.store.revisionsByNumber(wanted), (revision) => `${revision.articleId}:${revision.language}:${revision.number}`);
      })
      .load(`${articleId}:${language}:${number}`);
  }

  /** An article's comments, oldest first: a thread grows without bound, so the batch is read within the request's list budget. */
  commentsOf(loaders: RequestLoaders, articleId: string): Promise<Comment[]> {
    return loaders
      .growingLists<string, Comment>('articleComments', this.config.GRAPHQL_MAX_COST, (ids, rows) => this.comments.commentsOf(ids, rows), (comment) => comment.articleId)
      .load(articleId);
  }

  /** An article's republication grants, revoked ones included, oldest first. */
  grantsOf(loaders: RequestLoaders, articleId: string): Promise<RepublicationGrant[]> {
    return loaders
      .get<string, RepublicationGrant[]>('articleGrants', async (ids) => groupByKeys(ids, await this.grants.grantsOf(ids), (grant) => grant.articleId))
      .load(articleId);
  }

  /** Where a republished article comes from, or null for an article that is not a republication. */
  async republication(loaders: RequestLoaders, article: Article): Promise<Republication | null> {
    const { republicationGrantId, republishedFromId } = article;
    if (!republicationGrantId || !republishedFromId) return null;
    const [grant, original] = await Promise.all([
      loaders.get<string, RepublicationGrant | null>('grantById', async (ids) => byKeys(ids, await this.grants.findByIds(ids), (grant) => grant.id)).load(republicationGrantId),
      loaders.get<string, Article | null>('articleById', async (ids) => byKeys(ids, await this.store.findByIds(ids), (found) => found.id)).load(republishedFromId),
    ]);
    if (!grant || !original) return null;
    const published = async (language: Language, number: number | null) => (number ? this.revision(loaders, original.id, language, number) : null);
    const [fr, en] = await Promise.all([published(Language.fr, original.publishedRevisionFr), published(Language.en, original.publishedRevisionEn)]);
    return republicationOf(grant, original, { ...(fr && { fr }), ...(en && { en }) });
  }
}

/** A loaded value, or null for a key that failed to load. */
function orNull<T>(value: T | Error): T | null {
  return value instanceof Error ? null : value;
}
