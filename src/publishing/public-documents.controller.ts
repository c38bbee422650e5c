import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth';
import { renderAtom } from '../common/atom';
import { PUBLIC_CACHING, sendCacheable } from '../common/http-caching';
import { ParseIdPipe } from '../common/id.pipe';
import { publicBaseUrl } from '../common/request-context';
import { AppConfig } from '../config/config';
import { renderJsonFeed } from './json-feed';
import { FeedFormat, PublicFeedKind, publicAddresses } from './public-addresses';
import { PublicFeed, PublicFeedsService } from './public-feeds.service';
import { PAGE_SECURITY_HEADERS } from './public-page';
import { PublicPagesService, RenderedPage } from './public-pages.service';

const FEED_TYPES: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/**
 * What a workspace publishes, to anyone: a page per published article and digest in each language
 * (`/fr/<workspace>/articles/<id>`, `/en/…`, `…/digests/<id>`) and its feeds as Atom and JSON Feed
 * (`/feeds/<workspace>/articles.atom`, `.json`, `digests.atom`, `.json`). Public caching, validators, 304s.
 */
@Controller()
export class PublicDocumentsController {
  constructor(
    private readonly pages: PublicPagesService,
    private readonly feeds: PublicFeedsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get(':language/:workspaceSlug/articles/:articleId')
  async articlePage(
    @Param('language') language: string,
    @Param('workspaceSlug') slug: string,
    @Param('articleId', new ParseIdPipe('Article')) articleId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return sendPage(request, reply, await this.pages.article(language, slug, articleId, this.baseUrl(request)));
  }

  @Public()
  @Get(':language/:workspaceSlug/digests/:digestId')
  async digestPage(
    @Param('language') language: string,
    @Param('workspaceSlug') slug: string,
    @Param('digestId', new ParseIdPipe('Digest')) digestId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return sendPage(request, reply, await this.pages.digest(language, slug, digestId, this.baseUrl(request)));
  }

  @Public()
  @Get('feeds/:workspaceSlug/articles.atom')
  async articlesAtom(@Param('workspaceSlug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.sendFeed(request, reply, 'articles', 'atom', await this.feeds.articlesFeed(slug, this.baseUrl(request)), slug);
  }

  @Public()
  @Get('feeds/:workspaceSlug/articles.json')
  async articlesJson(@Param('workspaceSlug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.sendFeed(request, reply, 'articles', 'json', await this.feeds.articlesFeed(slug, this.baseUrl(request)), slug);
  }

  @Public()
  @Get('feeds/:workspaceSlug/digests.atom')
  async digestsAtom(@Param('workspaceSlug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.sendFeed(request, reply, 'digests', 'atom', await this.feeds.digestsFeed(slug, this.baseUrl(request)), slug);
  }

  @Public()
  @Get('feeds/:workspaceSlug/digests.json')
  async digestsJson(@Param('workspaceSlug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.sendFeed(request, reply, 'digests', 'json', await this.feeds.digestsFeed(slug, this.baseUrl(request)), slug);
  }

  private baseUrl(request: FastifyRequest): string {
    return publicBaseUrl(this.config.PUBLIC_URL, request);
  }

  private sendFeed(request: FastifyRequest, reply: FastifyReply, kind: PublicFeedKind, format: FeedFormat, { feed, lastModified }: PublicFeed, slug: string) {
    const url = this.baseUrl(request) + publicAddresses.feed(slug, kind, format);
    const body = format === 'atom' ? renderAtom({ ...feed, selfUrl: url }) : renderJsonFeed(feed, url);
    return sendCacheable(request, reply, { body, contentType: FEED_TYPES[format], lastModified, cacheControl: PUBLIC_CACHING });
  }
}

function sendPage(request: FastifyRequest, reply: FastifyReply, page: RenderedPage) {
  return sendCacheable(request, reply, {
    body: page.body,
    contentType: 'text/html; charset=utf-8',
    lastModified: page.lastModified,
    cacheControl: PUBLIC_CACHING,
    headers: PAGE_SECURITY_HEADERS,
  });
}
