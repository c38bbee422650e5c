import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticlesModule } from '../articles';
import { OrganizationsModule } from '../organizations';
import { CalendarLinkStore } from './calendar-link.store';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { CoverageConflictsService } from './coverage-conflicts.service';
import { CoverageDeliverablesService } from './coverage-deliverables.service';
import { CoverageDueSoonService } from './coverage-due-soon.service';
import { CoveragePlanningService } from './coverage-planning.service';
import { CoverageLoaders } from './coverage.loaders';
import { CalendarLinksResolver, CoverageConflictsResolver, CoverageResolver, EventSessionsResolver, EventsResolver } from './coverage.resolver';
import { CoverageStore } from './coverage.store';
import { CalendarLink, Coverage, Event, EventSession } from './event.entity';
import { EventStore } from './event.store';
import { EventsService } from './events.service';

@Module({
  imports: [TypeOrmModule.forFeature([Event, EventSession, Coverage, CalendarLink]), OrganizationsModule, ArticlesModule],
  controllers: [CalendarController],
  providers: [
    EventStore,
    CoverageStore,
    CalendarLinkStore,
    EventsService,
    CoveragePlanningService,
    CoverageConflictsService,
    CoverageDeliverablesService,
    CoverageDueSoonService,
    CalendarService,
    CoverageLoaders,
    EventsResolver,
    EventSessionsResolver,
    CoverageResolver,
    CoverageConflictsResolver,
    CalendarLinksResolver,
  ],
  exports: [EventsService, CoverageDueSoonService],
})
export class CoverageModule {}
