import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth';
import { NotFoundError } from '../common/errors';
import { PRIVATE_CACHING, sendCacheable } from '../common/http-caching';
import { publicBaseUrl } from '../common/request-context';
import { AppConfig } from '../config/config';
import { SavedSearchesService } from './saved-searches.service';

/** `GET /search-feeds/<token>.atom`: a saved search as a feed; the token is the credential. */
@Controller('search-feeds')
export class SavedSearchFeedController {
  constructor(
    private readonly savedSearches: SavedSearchesService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get(':file')
  async feed(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const token = /^([A-Za-z0-9_-]{43})\.atom$/.exec(file)?.[1];
    if (!token) throw new NotFoundError('Feed');
    const selfUrl = `${publicBaseUrl(this.config.PUBLIC_URL, request)}/search-feeds/${file}`;
    return sendCacheable(request, reply, {
      body: await this.savedSearches.renderFeed(token, selfUrl),
      contentType: 'application/atom+xml; charset=utf-8',
      lastModified: null,
      cacheControl: PRIVATE_CACHING,
      headers: { 'x-content-type-options': 'nosniff' },
    });
  }
}
