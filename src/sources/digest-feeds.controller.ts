import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth';
import { publicBaseUrl } from '../common/request-context';
import { AppConfig } from '../config/config';
import { renderAtom } from '../common/atom';
import { NotFoundError } from '../common/errors';
import { latestOf, PUBLIC_CACHING, sendCacheable } from '../common/http-caching';
import { Language, LANGUAGES } from '../common/localized-text';
import { bilingualDigestTitle, renderDigestFragment, renderDigestHtml, renderDigestMarkdown } from './digest-rendering';
import { DigestsService, introductionOf } from './digests.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORMATS = {
  html: { type: 'text/html; charset=utf-8', render: renderDigestHtml },
  md: { type: 'text/markdown; charset=utf-8', render: renderDigestMarkdown },
} as const;

/** A workspace's published digests, public: an Atom feed, and each digest as HTML or Markdown. */
@Controller('feeds')
export class DigestFeedsController {
  constructor(
    private readonly digests: DigestsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get(':workspaceSlug/digests.atom')
  async atom(@Param('workspaceSlug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { workspace, digests } = await this.digests.publishedOf(slug);
    // A workspace that published nothing is not told apart from one that does not exist.
    if (!digests.length) throw new NotFoundError('Feed');
    const base = `${publicBaseUrl(this.config.PUBLIC_URL, request)}/feeds/${encodeURIComponent(workspace.slug)}`;
    const name = `${workspace.name.fr} / ${workspace.name.en}`;
    const entries = await Promise.all(
      digests.map(async (digest) => {
        const renderable = await this.digests.renderable(digest, workspace);
        const introduction = introductionOf(digest);
        return {
          id: `urn:tandem:digest:${digest.id}`,
          title: bilingualDigestTitle(renderable),
          link: `${base}/digests/${digest.id}.html`,
          updated: digest.publishedAt as Date,
          published: digest.publishedAt as Date,
          summary: introduction ? `${introduction.fr}\n\n${introduction.en}` : undefined,
          contentHtml: renderDigestFragment(renderable),
          authors: [name],
        };
      }),
    );
    const body = renderAtom({
      id: `urn:tandem:workspace:${workspace.id}:digests`,
      title: name,
      selfUrl: `${base}/digests.atom`,
      updated: digests[0]?.publishedAt ?? workspace.createdAt,
      entries,
    });
    return send(request, reply, 'application/atom+xml; charset=utf-8', body, latestOf([workspace.updatedAt, ...digests.map((digest) => digest.updatedAt)]));
  }

  /** `/feeds/:workspaceSlug/digests/<id>.html` or `.md`; `?lang=fr|en` for one language of the introduction. */
  @Public()
  @Get(':workspaceSlug/digests/:file')
  async digest(
    @Param('workspaceSlug') slug: string,
    @Param('file') file: string,
    @Query('lang') lang: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const [, id, extension] = /^(.+)\.(html|md)$/.exec(file) ?? [];
    if (!id || !UUID.test(id)) throw new NotFoundError('Digest');
    const { workspace, digest } = await this.digests.published(slug, id);
    const format = FORMATS[extension as keyof typeof FORMATS];
    const languages = LANGUAGES.includes(lang as Language) ? [lang as Language] : LANGUAGES;
    const body = format.render(await this.digests.renderable(digest, workspace), languages);
    return send(request, reply, format.type, body, latestOf([workspace.updatedAt, digest.updatedAt]));
  }
}

/** What a browser must not do with a public document made of other people's text: run it, sniff it, frame it. */
function send(request: FastifyRequest, reply: FastifyReply, contentType: string, body: string, lastModified: Date) {
  return sendCacheable(request, reply, {
    body,
    contentType,
    lastModified,
    cacheControl: PUBLIC_CACHING,
    headers: {
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:; frame-ancestors 'none'",
    },
  });
}
