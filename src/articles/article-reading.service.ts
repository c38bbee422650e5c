import { Injectable } from '@nestjs/common';
import { UsersService } from '../auth';
import { BadUserInputError } from '../common/errors';
import { Language, LocalizedText } from '../common/localized-text';
import { Connection } from '../common/pagination';
import { NodeSelection } from '../common/projection';
import { Actor } from '../common/request-context';
import { Organization, OrganizationsService } from '../organizations';
import { AccessPolicy, WorkspaceResource } from '../workspaces';
import { organizationMaySee } from './article-access';
import { ArticleContext, articleResource } from './article-context';
import { Article, ArticleRevision, Comment } from './article.entity';
import { ArticleStore } from './article.store';
import { CommentStore } from './comment.store';
import { RepublicationGrantStore } from './republication-grant.store';
import { ArticlesArgs, DiffArgs } from './dto/article.inputs';
import { bylineOf, signingAuthors } from './publication-rules';
import { revisionDiff } from './revision-text';

/** An author who signs a published article, with the organization they write for. */
export interface PublicAuthor {
  displayName: string;
  organization: Organization;
}

/** Who a published article is by: its byline in both languages, and its signing authors in byline order. */
export interface PublicCredits {
  byline: LocalizedText;
  authors: PublicAuthor[];
}

/** One entry of a public feed: a published language of an article, with its frozen text. */
export interface PublishedEntry extends PublicCredits {
  article: Article;
  revision: ArticleRevision;
}

/** What the public page of a republication shows of its original: who granted it, on what conditions, and where the original is. */
export interface PublicOrigin {
  organization: Organization;
  conditions: string;
  /** Null once the original is no longer public (archived, or no longer PUBLIC): credited, linked nowhere. */
  original: { articleId: string; workspaceId: string } | null;
}

/**
 * A published PUBLIC article as its public page shows it: the frozen text of each published
 * language. A republication is credited to its original's authors, and names its origin.
 */
export interface PublishedArticle extends PublicCredits {
  article: Article;
  revisions: Partial<Record<Language, ArticleRevision>>;
  leadOrganization: Organization | null;
  republishedFrom: PublicOrigin | null;
}

/** Reading articles: one by id, a workspace's list, the public feed, diffs. */
@Injectable()
export class ArticleReadingService {
  constructor(
    private readonly store: ArticleStore,
    private readonly context: ArticleContext,
    private readonly policy: AccessPolicy,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly grants: RepublicationGrantStore,
    private readonly comments: CommentStore,
  ) {}

  /** Whether the organization as a whole may still see the article (see organizationMaySee); false once it is gone. */
  async visibleToOrganization(articleId: string, organizationId: string): Promise<boolean> {
    const article = await this.store.findById(articleId);
    return !!article && organizationMaySee(article, organizationId);
  }

  /** The article if the caller may see it; NOT_FOUND otherwise (also for other modules, e.g. coverage deliverables). */
  async findVisible(actor: Actor, articleId: string): Promise<Article> {
    return (await this.context.open(actor, articleId, 'article.read')).article;
  }

  /** Of these articles, those the caller may read in their workspace (as findVisible would give them), in one statement. */
  readableByIds(actor: Pick<Actor, 'userId'>, articleIds: readonly string[]): Promise<Article[]> {
    return this.store.readableByIds(actor.userId, articleIds);
  }

  /** Of these comments, those on an article the caller may read in its workspace, in one statement. */
  readableCommentsByIds(actor: Pick<Actor, 'userId'>, commentIds: readonly string[]): Promise<Comment[]> {
    return this.comments.readableByIds(actor.userId, commentIds);
  }

  /** The article if the caller may read it, else null: for what points at it from elsewhere (a republication's original). */
  async findReadable(actor: Pick<Actor, 'userId'>, articleId: string): Promise<Article | null> {
    const article = await this.store.findById(articleId);
    return article && (await this.context.mayRead(actor, article)) ? article : null;
  }

  /** Who may see the article now, for deliveries decided outside a request (live updates); null when it is gone. */
  async visibilityOf(articleId: string): Promise<WorkspaceResource | null> {
    const article = await this.store.findById(articleId);
    return article && articleResource(article, await this.store.authorsOf([articleId]));
  }

  /** A workspace's articles the caller may see, newest first; internal ones only to their organization and authors. */
  async list(actor: Actor, args: ArticlesArgs, nodes?: NodeSelection): Promise<Connection<Article>> {
    // The page's statement checks access itself; only an empty or failed page asks the policy, whose
    // refusal (NOT_FOUND, FORBIDDEN) then comes first, as when it was asked before the page.
    let page: Connection<Article> | undefined;
    try {
      page = await this.store.pageOfWorkspace(actor, args, nodes);
    } finally {
      if (!page?.edges.length) await this.policy.assert(actor, 'article.read', { workspaceId: args.workspaceId });
    }
    return page;
  }

  /**
   * What a workspace's public feed shows: its published PUBLIC articles that are not archived,
   * newest publication first, and one entry per published language.
   */
  async publicFeed(workspaceId: string, limit = 50): Promise<{ articles: Article[]; entries: PublishedEntry[] }> {
    const articles = await this.store.publicArticles(workspaceId, limit);
    const [revisions, credits] = await Promise.all([this.publishedRevisions(articles), this.creditsOf(articles)]);
    const entries = articles.flatMap((article) =>
      revisions
        .filter((revision) => revision.articleId === article.id)
        .map((revision) => ({ article, revision, ...(credits.get(article.id) as PublicCredits) })),
    );
    return { articles, entries };
  }

  /** One published PUBLIC article of a workspace that is not archived, or null: no access token needed. */
  async publicArticle(workspaceId: string, articleId: string): Promise<PublishedArticle | null> {
    const article = await this.store.publicArticle(workspaceId, articleId);
    if (!article) return null;
    const [revisions, credits, [leadOrganization], republishedFrom] = await Promise.all([
      this.publishedRevisions([article]),
      this.creditsOf([article]),
      this.organizations.findByIds([article.leadOrganizationId]),
      this.originOf(article),
    ]);
    return {
      article,
      revisions: Object.fromEntries(revisions.map((revision) => [revision.language, revision])),
      leadOrganization: leadOrganization ?? null,
      republishedFrom,
      ...(credits.get(article.id) as PublicCredits),
    };
  }

  /** A republication's origin as its grant makes it public, or null for an original. */
  private async originOf(article: Article): Promise<PublicOrigin | null> {
    if (!article.republicationGrantId || !article.republishedFromId) return null;
    const [grant, original] = await Promise.all([this.grants.findById(article.republicationGrantId), this.store.publicArticleById(article.republishedFromId)]);
    const [organization] = grant ? await this.organizations.findByIds([grant.grantorOrganizationId]) : [];
    if (!grant || !organization) return null;
    return { organization, conditions: grant.conditions, original: original && { articleId: original.id, workspaceId: original.workspaceId } };
  }

  /** A unified diff between two revisions of one language, found by number; BAD_USER_INPUT for a missing one. */
  diff({ language, from, to }: DiffArgs, before: ArticleRevision | null, after: ArticleRevision | null): string {
    if (!before || !after) {
      throw BadUserInputError.field(before ? 'to' : 'from', `there is no ${language} revision ${before ? to : from}`);
    }
    return revisionDiff(language, before, after);
  }

  /** The frozen text of each published language of many articles, in one query. */
  private publishedRevisions(articles: readonly Article[]): Promise<ArticleRevision[]> {
    const published = (article: Article) =>
      (
        [
          [Language.fr, article.publishedRevisionFr],
          [Language.en, article.publishedRevisionEn],
        ] as const
      ).flatMap(([language, number]) => (number ? [{ articleId: article.id, language, number }] : []));
    return this.store.revisionsByNumber(articles.flatMap(published));
  }

  /**
   * The bylines and signing authors of many articles, in three queries, by article id. A
   * republication is credited to whoever wrote its text: its original's authors.
   */
  private async creditsOf(articles: readonly Article[]): Promise<Map<string, PublicCredits>> {
    const writtenBy = new Map(articles.map((article) => [article.id, article.republishedFromId ?? article.id]));
    const articleIds = [...new Set(writtenBy.values())];
    const authors = await this.store.authorsOf(articleIds);
    const [people, organizations] = await Promise.all([
      this.users.findByIds([...new Set(authors.map((author) => author.userId))]),
      this.organizations.findByIds([...new Set(authors.map((author) => author.organizationId))]),
    ]);
    const names = new Map(people.flatMap((person) => (person ? [[person.id, person.displayName] as const] : [])));
    const signers = new Map(organizations.flatMap((organization) => (organization ? [[organization.id, organization] as const] : [])));
    const credits = new Map(
      articleIds.map((id) => {
        const own = authors.filter((author) => author.articleId === id);
        const signing = signingAuthors(own).flatMap((author) => {
          const organization = signers.get(author.organizationId);
          return organization ? [{ displayName: names.get(author.userId) ?? '', organization }] : [];
        });
        return [id, { byline: bylineOf(own, people, organizations), authors: signing }];
      }),
    );
    return new Map([...writtenBy].map(([id, writer]) => [id, credits.get(writer) as PublicCredits]));
  }
}
