/** What other modules may use of the coverage module: the module itself, its GraphQL types and enums, and reading one event. */
export { CoverageConflict } from './coverage-conflict';
export { CoverageStatus } from './coverage-state';
export { CoverageModule } from './coverage.module';
export { CalendarLink, Coverage, CoverageChannel, Event, EventKind, EventSession, EventStatus } from './event.entity';
export { EventsService } from './events.service';
export { eventSearchDocuments, eventSessionSearchDocuments } from './event.search';
