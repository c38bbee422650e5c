/** What other modules may use of the coverage module: the module itself and its GraphQL types and enums. */
export { CoverageConflict } from './coverage-conflict';
export { CoverageStatus } from './coverage-state';
export { CoverageModule } from './coverage.module';
export { CalendarLink, Coverage, CoverageChannel, Event, EventKind, EventSession, EventStatus } from './event.entity';
