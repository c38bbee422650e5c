import { Controller, Get, OnModuleInit, Post, Query, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { errorCodes, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UNSUBSCRIBE_PATH } from '../activity';
import { Public } from '../auth';
import { privatePageHeaders } from '../common/http-caching';
import { NotificationSettingsService } from './notification-settings.service';
import { confirmationPage, unsubscribedPage } from './unsubscribe-page';

const PAGE_HEADERS = privatePageHeaders("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
/** A one-click body is `List-Unsubscribe=One-Click`: anything much longer is no such request. */
const ONE_CLICK_BODY_LIMIT = 16 * 1024;

/**
 * The unsubscribe link of notification e-mail (RFC 8058). The signed address is the credential:
 * no sign-in. GET only shows a page asking to confirm (mail scanners follow links); POST — the
 * page's form, or the mail client's one-click `List-Unsubscribe=One-Click`, which may come as
 * multipart/form-data — unsubscribes.
 */
@Controller()
export class UnsubscribeController implements OnModuleInit {
  constructor(
    private readonly settings: NotificationSettingsService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /**
   * Reads and drops a multipart body on this route only (the signed address is the credential,
   * the body says nothing more); every other route still answers it 415. A process without HTTP has none.
   */
  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'fastify') return;
    adapter
      .getInstance<FastifyInstance>()
      .addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: ONE_CLICK_BODY_LIMIT }, (request, _body, done) =>
        request.routeOptions.url === UNSUBSCRIBE_PATH ? done(null, {}) : done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type'])),
      );
  }

  @Public()
  @Get(UNSUBSCRIBE_PATH)
  confirm(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const scope = this.settings.scopeOf(query);
    return reply.headers(PAGE_HEADERS).send(confirmationPage(scope, request.url));
  }

  @Public()
  @Post(UNSUBSCRIBE_PATH)
  async unsubscribe(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    const scope = await this.settings.unsubscribe(query);
    return reply.status(200).headers(PAGE_HEADERS).send(unsubscribedPage(scope));
  }
}
