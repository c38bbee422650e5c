import { Controller, Get, Header, Param } from '@nestjs/common';
import { Public } from '../auth';
import { NotFoundError } from '../common/errors';
import { CalendarService } from './calendar.service';

/** `GET /calendar/<token>.ics`: calendar clients subscribe to a secret address, the token is the credential. */
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Public()
  @Get(':file')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, no-store')
  @Header('x-content-type-options', 'nosniff')
  calendar(@Param('file') file: string): Promise<string> {
    const token = /^([A-Za-z0-9_-]{43})\.ics$/.exec(file)?.[1];
    if (!token) throw new NotFoundError('Calendar');
    return this.calendars.render(token);
  }
}
