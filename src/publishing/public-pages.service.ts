import { Injectable } from '@nestjs/common';
import { ArticleReadingService, PublishedArticle } from '../articles';
import { NotFoundError } from '../common/errors';
import { latestOf } from '../common/http-caching';
import { Language, LANGUAGES } from '../common/localized-text';
import { OrganizationsService } from '../organizations';
import { DigestsService } from '../sources';
import { WorkspacesService } from '../workspaces';
import { articlePage, PageOrigin } from './article-page';
import { digestPage } from './digest-page';
import { PublicFeedKind, publicAddresses } from './public-addresses';
import { PageAddresses, renderPublicPage } from './public-page';

/** A rendered page and the latest change of what it shows. */
export interface RenderedPage {
  body: string;
  lastModified: Date;
}

/**
 * The public pages of a workspace's published PUBLIC articles and published digests, one per
 * language. What is not published, not public, or in an unknown workspace is not found, with the
 * same answer whichever it is.
 */
@Injectable()
export class PublicPagesService {
  constructor(
    private readonly articles: ArticleReadingService,
    private readonly digests: DigestsService,
    private readonly workspaces: WorkspacesService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** `articleId` is a well-formed id (the controller's pipe); `language` is anything the address held. */
  async article(language: string, workspaceSlug: string, articleId: string, baseUrl: string): Promise<RenderedPage> {
    if (!isLanguage(language)) throw new NotFoundError('Article');
    const workspace = await this.workspaces.findBySlug(workspaceSlug);
    const published = workspace && (await this.articles.publicArticle(workspace.id, articleId));
    if (!workspace || !published) throw new NotFoundError('Article');
    const addresses = pageAddresses(baseUrl, workspace.slug, 'articles', (each) => publicAddresses.article(each, workspace.slug, articleId));
    return {
      body: renderPublicPage(articlePage(published, language, workspace.name[language], addresses, await this.originOf(published, baseUrl))),
      lastModified: latestOf([workspace.updatedAt, published.article.updatedAt]),
    };
  }

  /** A republication's original, credited with its public page in each language while it has one; null for an original. */
  private async originOf({ republishedFrom }: PublishedArticle, baseUrl: string): Promise<PageOrigin | null> {
    if (!republishedFrom) return null;
    const { organization, conditions, original } = republishedFrom;
    const [workspace] = original ? await this.workspaces.findByIds([original.workspaceId]) : [];
    if (!original || !workspace) return { organization, conditions, addresses: null };
    const page = (language: Language) => baseUrl + publicAddresses.article(language, workspace.slug, original.articleId);
    return { organization, conditions, addresses: { fr: page(Language.fr), en: page(Language.en) } };
  }

  async digest(language: string, workspaceSlug: string, digestId: string, baseUrl: string): Promise<RenderedPage> {
    if (!isLanguage(language)) throw new NotFoundError('Digest');
    const { workspace, digest } = await this.digests.published(workspaceSlug, digestId);
    const [renderable, [host]] = await Promise.all([this.digests.renderable(digest, workspace), this.organizations.findByIds([workspace.hostOrganizationId])]);
    const addresses = pageAddresses(baseUrl, workspace.slug, 'digests', (each) => publicAddresses.digest(each, workspace.slug, digestId));
    const page = digestPage({ ...renderable, publishedAt: digest.publishedAt as Date, updatedAt: digest.updatedAt }, host ?? null, language, addresses);
    return { body: renderPublicPage(page), lastModified: latestOf([workspace.updatedAt, digest.updatedAt]) };
  }
}

function isLanguage(language: string): language is Language {
  return LANGUAGES.includes(language as Language);
}

function pageAddresses(baseUrl: string, workspaceSlug: string, kind: PublicFeedKind, page: (language: Language) => string): PageAddresses {
  return {
    fr: baseUrl + page(Language.fr),
    en: baseUrl + page(Language.en),
    atom: baseUrl + publicAddresses.feed(workspaceSlug, kind, 'atom'),
    json: baseUrl + publicAddresses.feed(workspaceSlug, kind, 'json'),
  };
}
