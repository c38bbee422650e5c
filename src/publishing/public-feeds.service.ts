import { Injectable } from '@nestjs/common';
import { ArticleReadingService } from '../articles';
import { AtomFeed } from '../common/atom';
import { NotFoundError } from '../common/errors';
import { latestOf } from '../common/http-caching';
import { Language } from '../common/localized-text';
import { bilingualDigestTitle, DigestsService, introductionOf, renderDigestFragment } from '../sources';
import { WorkspacesService } from '../workspaces';
import { publicAddresses } from './public-addresses';

/** A feed's entries and the latest change of what it shows; rendered as Atom or JSON Feed at its address. */
export interface PublicFeed {
  feed: Omit<AtomFeed, 'selfUrl'>;
  lastModified: Date;
}

/**
 * The public feeds of a workspace: its published PUBLIC articles (one entry per published language)
 * and its published digests, each entry linking to its page. A workspace that published nothing
 * is not told apart from one that does not exist.
 */
@Injectable()
export class PublicFeedsService {
  constructor(
    private readonly articles: ArticleReadingService,
    private readonly digests: DigestsService,
    private readonly workspaces: WorkspacesService,
  ) {}

  async articlesFeed(workspaceSlug: string, baseUrl: string): Promise<PublicFeed> {
    const workspace = await this.workspaces.findBySlug(workspaceSlug);
    const published = workspace && (await this.articles.publicFeed(workspace.id));
    if (!workspace || !published?.entries.length) throw new NotFoundError('Feed');
    const { articles, entries } = published;
    return {
      feed: {
        id: `urn:tandem:workspace:${workspace.id}:articles`,
        title: `${workspace.name.fr} / ${workspace.name.en}`,
        updated: articles[0].publishedAt as Date,
        entries: entries.map(({ article, revision, byline }) => ({
          id: `urn:tandem:article:${article.id}:${revision.language}`,
          title: revision.title,
          link: baseUrl + publicAddresses.article(revision.language, workspace.slug, article.id),
          language: revision.language === Language.fr ? 'fr-CA' : 'en-CA',
          updated: article.publishedAt as Date,
          published: article.publishedAt as Date,
          summary: revision.summary,
          contentHtml: revision.body,
          authors: [byline[revision.language]],
        })),
      },
      lastModified: latestOf([workspace.updatedAt, ...articles.map((article) => article.updatedAt)]),
    };
  }

  async digestsFeed(workspaceSlug: string, baseUrl: string): Promise<PublicFeed> {
    const { workspace, digests } = await this.digests.publishedOf(workspaceSlug);
    if (!digests.length) throw new NotFoundError('Feed');
    const name = `${workspace.name.fr} / ${workspace.name.en}`;
    const entries = await Promise.all(
      digests.map(async (digest) => {
        const renderable = await this.digests.renderable(digest, workspace);
        const introduction = introductionOf(digest);
        return {
          id: `urn:tandem:digest:${digest.id}`,
          title: bilingualDigestTitle(renderable),
          // The entry is bilingual; its page opens in French, and links to the English one.
          link: baseUrl + publicAddresses.digest(Language.fr, workspace.slug, digest.id),
          updated: digest.publishedAt as Date,
          published: digest.publishedAt as Date,
          summary: introduction ? `${introduction.fr}\n\n${introduction.en}` : undefined,
          contentHtml: renderDigestFragment(renderable),
          authors: [name],
        };
      }),
    );
    return {
      feed: { id: `urn:tandem:workspace:${workspace.id}:digests`, title: name, updated: digests[0].publishedAt as Date, entries },
      lastModified: latestOf([workspace.updatedAt, ...digests.map((digest) => digest.updatedAt)]),
    };
  }
}
