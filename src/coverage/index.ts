/** What other modules may use of the coverage module: the module itself, its GraphQL types and enums, reading one event, and whether a coverage is still due soon. */
export { CoverageConflict } from './coverage-conflict';
export { CoverageStatus } from './coverage-state';
export { CoverageDueSoonService } from './coverage-due-soon.service';
export { CoverageModule } from './coverage.module';
export { CalendarLink, Coverage, CoverageChannel, Event, EventKind, EventSession, EventStatus } from './event.entity';
export { EventsService } from './events.service';
export { eventSearch, eventSessionSearch } from './event.search';
