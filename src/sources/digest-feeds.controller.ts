import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth';
import { publicBaseUrl } from '../common/request-context';
import { AppConfig } from '../config/config';
import { NotFoundError } from '../common/errors';
import { latestOf, PUBLIC_CACHING, sendCacheable } from '../common/http-caching';
import { Language, LANGUAGES } from '../common/localized-text';
import { renderDigestHtml, renderDigestMarkdown } from './digest-rendering';
import { DigestsService } from './digests.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORMATS = {
  html: { type: 'text/html; charset=utf-8', render: renderDigestHtml },
  md: { type: 'text/markdown; charset=utf-8', render: renderDigestMarkdown },
} as const;

/** A workspace's published digests, public: each as HTML or Markdown (its feeds and pages are the publishing module's). */
@Controller('feeds')
export class DigestFeedsController {
  constructor(
    private readonly digests: DigestsService,
    private readonly config: AppConfig,
  ) {}

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
