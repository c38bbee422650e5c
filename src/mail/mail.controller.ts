import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Public } from '../auth';
import { privatePageHeaders } from '../common/http-caching';
import { MailPagesService } from './mail-pages.service';

/** Styles inline in the message's own markup, nothing else: a message never runs or loads anything. */
const PAGE_HEADERS = privatePageHeaders("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'");

@Controller()
export class MailController {
  constructor(private readonly pages: MailPagesService) {}

  /** `GET /mail/messages/<id>/<fr|en>?signature=…`: the link of a message to itself in the other language. */
  @Public()
  @Get('mail/messages/:id/:language')
  async message(@Param('id') id: string, @Param('language') language: string, @Query('signature') signature: string | undefined, @Res() reply: FastifyReply) {
    return reply.headers(PAGE_HEADERS).send(await this.pages.webView(id, language, signature ?? ''));
  }

  /** `GET /dev/mailbox`, with NODE_ENV=development only: what the outbox holds. */
  @Public()
  @Get('dev/mailbox')
  async mailbox(@Res() reply: FastifyReply) {
    return reply.headers(PAGE_HEADERS).send(await this.pages.mailbox());
  }
}
