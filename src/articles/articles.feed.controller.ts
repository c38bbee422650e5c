import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth';
import { publicBaseUrl } from '../common/request-context';
import { AppConfig } from '../config/config';
import { renderAtom } from '../common/atom';
import { NotFoundError } from '../common/errors';
import { latestOf, PUBLIC_CACHING, sendCacheable } from '../common/http-caching';
import { Language } from '../common/localized-text';
import { WorkspacesService } from '../workspaces';
import { ArticleReadingService } from './article-reading.service';

/** The public face of a workspace's writing: its published PUBLIC articles, one entry per language. */
@Controller('feeds')
export class ArticlesFeedController {
  constructor(
    private readonly articles: ArticleReadingService,
    private readonly workspaces: WorkspacesService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get(':workspaceSlug/articles.atom')
  async articlesAtom(@Param('workspaceSlug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const workspace = await this.workspaces.findBySlug(slug);
    const feed = workspace && (await this.articles.publicFeed(workspace.id));
    // A workspace that published nothing is not told apart from one that does not exist.
    if (!workspace || !feed?.entries.length) throw new NotFoundError('Feed');
    const base = publicBaseUrl(this.config.PUBLIC_URL, request);
    const { articles, entries } = feed;
    const body = renderAtom({
      id: `urn:tandem:workspace:${workspace.id}:articles`,
      title: `${workspace.name.fr} / ${workspace.name.en}`,
      selfUrl: `${base}/feeds/${workspace.slug}/articles.atom`,
      updated: articles[0]?.publishedAt ?? workspace.createdAt,
      entries: entries.map(({ article, revision, byline }) => ({
        id: `urn:tandem:article:${article.id}:${revision.language}`,
        title: revision.title,
        link: `${base}/feeds/${workspace.slug}/articles.atom#${article.id}-${revision.language}`,
        language: revision.language === Language.fr ? 'fr-CA' : 'en-CA',
        updated: article.publishedAt as Date,
        published: article.publishedAt as Date,
        summary: revision.summary,
        contentHtml: revision.body,
        authors: [byline[revision.language]],
      })),
    });
    return sendCacheable(request, reply, {
      body,
      contentType: 'application/atom+xml; charset=utf-8',
      lastModified: latestOf([workspace.updatedAt, ...articles.map((article) => article.updatedAt)]),
      cacheControl: PUBLIC_CACHING,
    });
  }
}
