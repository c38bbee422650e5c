import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Article } from '../articles';
import { byKeys, groupByKeys, RequestLoaders } from '../common/loaders';
import { AppConfig } from '../config/config';
import { Actor } from '../common/request-context';
import { CoverageConflict } from './coverage-conflict';
import { CoverageConflictsService } from './coverage-conflicts.service';
import { CoverageDeliverablesService } from './coverage-deliverables.service';
import { CoverageStore } from './coverage.store';
import { Coverage, Event, EventSession } from './event.entity';
import { EventStore } from './event.store';

/** The request's DataLoaders of events, sessions and coverage: one batch per field and request. */
@Injectable()
export class CoverageLoaders {
  constructor(
    private readonly eventStore: EventStore,
    private readonly coverageStore: CoverageStore,
    private readonly conflicts: CoverageConflictsService,
    private readonly deliverables: CoverageDeliverablesService,
    private readonly config: AppConfig,
  ) {}

  /** Events by id. */
  eventById(loaders: RequestLoaders): DataLoader<string, Event | null> {
    return loaders.get('eventById', async (ids) => byKeys(ids, await this.eventStore.eventsByIds(ids), (event) => event.id));
  }

  /** Sessions by id. */
  sessionById(loaders: RequestLoaders): DataLoader<string, EventSession | null> {
    return loaders.get('sessionById', async (ids) => byKeys(ids, await this.eventStore.sessionsByIds(ids), (session) => session.id));
  }

  /** Each event's sessions, in time order: as many as it was given, so the batch is read within the request's list budget. */
  sessionsOfEvent(loaders: RequestLoaders): DataLoader<string, EventSession[]> {
    return loaders.growingLists('eventSessions', this.config.GRAPHQL_MAX_COST, (ids: readonly string[], rows) => this.eventStore.sessionsOfEvents(ids, rows), (session) => session.eventId);
  }

  /** Each event's sessions with no coverage that is not cancelled. */
  gapsOfEvent(loaders: RequestLoaders): DataLoader<string, EventSession[]> {
    return loaders.get('eventGaps', async (ids) => groupByKeys(ids, await this.eventStore.gapsOfEvents(ids), (session) => session.eventId));
  }

  /** Each event's coverage, in the order it was planned, read within the request's list budget. */
  coverageOfEvent(loaders: RequestLoaders): DataLoader<string, Coverage[]> {
    return loaders.growingLists('eventCoverage', this.config.GRAPHQL_MAX_COST, (ids: readonly string[], rows) => this.coverageStore.coverageOfEvents(ids, rows), (item) => item.eventId);
  }

  /** Each event's double bookings, as this viewer may see them. */
  conflictsOfEvent(loaders: RequestLoaders, viewer: Actor): DataLoader<string, CoverageConflict[]> {
    return loaders.get('eventConflicts', (ids) => this.conflicts.conflictsOfEvents(viewer, ids));
  }

  /** Each coverage's deliverable article, null when this viewer may not see it. */
  deliverableArticle(loaders: RequestLoaders, viewer: Actor): DataLoader<Coverage, Article | null> {
    return loaders.get('deliverableArticle', (items) => this.deliverables.deliverableArticlesFor(viewer, items));
  }
}
