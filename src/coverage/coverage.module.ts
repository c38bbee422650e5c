import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticlesModule } from '../articles';
import { OrganizationsModule } from '../organizations';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { CalendarLinksResolver, CoverageConflictsResolver, CoverageResolver, EventSessionsResolver, EventsResolver } from './coverage.resolver';
import { CoverageService } from './coverage.service';
import { CalendarLink, Coverage, Event, EventSession } from './event.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Event, EventSession, Coverage, CalendarLink]), OrganizationsModule, ArticlesModule],
  controllers: [CalendarController],
  providers: [CoverageService, CalendarService, EventsResolver, EventSessionsResolver, CoverageResolver, CoverageConflictsResolver, CalendarLinksResolver],
})
export class CoverageModule {}
