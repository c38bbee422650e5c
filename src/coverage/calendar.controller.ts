import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth';
import { NotFoundError } from '../common/errors';
import { PRIVATE_CACHING, sendCacheable } from '../common/http-caching';
import { CalendarService } from './calendar.service';

/** `GET /calendar/<token>.ics`: calendar clients subscribe to a secret address, the token is the credential. */
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Public()
  @Get(':file')
  async calendar(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const token = /^([A-Za-z0-9_-]{43})\.ics$/.exec(file)?.[1];
    if (!token) throw new NotFoundError('Calendar');
    const { body, lastModified, fileName } = await this.calendars.render(token);
    return sendCacheable(request, reply, {
      body,
      contentType: 'text/calendar; charset=utf-8',
      lastModified,
      cacheControl: PRIVATE_CACHING,
      headers: { 'x-content-type-options': 'nosniff', 'content-disposition': `inline; filename="${fileName}"` },
    });
  }
}
