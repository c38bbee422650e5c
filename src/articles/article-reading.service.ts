import { Injectable } from '@nestjs/common';
import { UsersService } from '../auth';
import { BadUserInputError } from '../common/errors';
import { Language, LocalizedText } from '../common/localized-text';
import { Connection } from '../common/pagination';
import { NodeSelection } from '../common/projection';
import { Actor } from '../common/request-context';
import { OrganizationsService } from '../organizations';
import { AccessPolicy } from '../workspaces';
import { organizationMaySee } from './article-access';
import { ArticleContext } from './article-context';
import { Article, ArticleRevision } from './article.entity';
import { ArticleStore } from './article.store';
import { ArticlesArgs, DiffArgs } from './dto/article.inputs';
import { bylineOf } from './publication-rules';
import { revisionDiff } from './revision-text';

/** One entry of a public feed: a published language of an article, with its frozen text. */
export interface PublishedEntry {
  article: Article;
  revision: ArticleRevision;
  byline: LocalizedText;
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
    const keys = articles.flatMap((article) =>
      (
        [
          [Language.fr, article.publishedRevisionFr],
          [Language.en, article.publishedRevisionEn],
        ] as const
      ).flatMap(([language, number]) => (number ? [{ articleId: article.id, language, number }] : [])),
    );
    const [revisions, bylines] = await Promise.all([this.store.revisionsByNumber(keys), this.bylinesOf(articles.map((article) => article.id))]);
    const entries = articles.flatMap((article) =>
      revisions
        .filter((revision) => revision.articleId === article.id)
        .filter((revision) => revision.number === (revision.language === Language.fr ? article.publishedRevisionFr : article.publishedRevisionEn))
        .map((revision) => ({ article, revision, byline: bylines.get(article.id) as LocalizedText })),
    );
    return { articles, entries };
  }

  /** A unified diff between two revisions of one language, found by number; BAD_USER_INPUT for a missing one. */
  diff({ language, from, to }: DiffArgs, before: ArticleRevision | null, after: ArticleRevision | null): string {
    if (!before || !after) {
      throw BadUserInputError.field(before ? 'to' : 'from', `there is no ${language} revision ${before ? to : from}`);
    }
    return revisionDiff(language, before, after);
  }

  /** The bylines of many articles, in three queries. */
  private async bylinesOf(articleIds: readonly string[]): Promise<Map<string, LocalizedText>> {
    const authors = await this.store.authorsOf(articleIds);
    const [people, organizations] = await Promise.all([
      this.users.findByIds([...new Set(authors.map((author) => author.userId))]),
      this.organizations.findByIds([...new Set(authors.map((author) => author.organizationId))]),
    ]);
    return new Map(articleIds.map((id) => [id, bylineOf(authors.filter((author) => author.articleId === id), people, organizations)]));
  }
}
