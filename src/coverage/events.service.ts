import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditService, NotificationsService } from '../activity';
import { BadUserInputError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { Connection } from '../common/pagination';
import { Actor } from '../common/request-context';
import { OrganizationsService } from '../organizations';
import { AccessPolicy, WorkspaceAccess, WorkspaceAction } from '../workspaces';
import { eventCancellationNotices } from './coverage-notices';
import { CoverageStatus, statusesMovableTo } from './coverage-state';
import { CoverageStore } from './coverage.store';
import { AddEventSessionInput, CreateEventInput, EventsArgs, UpdateEventInput, UpdateEventSessionInput } from './dto/coverage.inputs';
import { Event, EventSession, EventStatus } from './event.entity';
import { EventStore } from './event.store';
import { canonicalTimeZone, parseEventTime } from './zoned-time';

/** Events and their sessions: what a workspace covers, when and where. */
@Injectable()
export class EventsService {
  constructor(
    private readonly store: EventStore,
    private readonly coverageStore: CoverageStore,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** `kind` names what the caller asked for in a refusal (a session is refused as a session). */
  async event(actor: Actor, eventId: string, action: WorkspaceAction = 'event.read', kind = 'Event'): Promise<{ event: Event; access: WorkspaceAccess }> {
    const event = await this.store.findEvent(eventId);
    if (!event) throw new NotFoundError(kind);
    const access = await this.policy.assert(actor, action, { workspaceId: event.workspaceId, kind });
    return { event, access };
  }

  /** Of these events, those the caller may read (as event would give them), in one statement. */
  readableEvents(actor: Pick<Actor, 'userId'>, ids: readonly string[]): Promise<Event[]> {
    return this.store.eventsReadableByIds(actor.userId, ids);
  }

  /** Of these sessions, those of an event the caller may read, in one statement. */
  readableSessions(actor: Pick<Actor, 'userId'>, ids: readonly string[]): Promise<EventSession[]> {
    return this.store.sessionsReadableByIds(actor.userId, ids);
  }

  /** A workspace's events that overlap [from, to), in time order. */
  async listEvents(actor: Actor, args: EventsArgs): Promise<Connection<Event>> {
    await this.policy.assert(actor, 'event.read', { workspaceId: args.workspaceId });
    return this.store.pageOfEvents(args);
  }

  /** Locks the event for a change of it or of its coverage; a cancelled event no longer changes. */
  async lockOpenEvent(tx: EntityManager, eventId: string): Promise<Event> {
    const event = await this.store.lockEvent(tx, eventId);
    if (!event) throw new NotFoundError('Event');
    if (event.status === EventStatus.CANCELLED) throw new PreconditionFailedError('The event is cancelled', ['A cancelled event no longer changes']);
    return event;
  }

  /** Times are instants or wall-clock times of the event's zone, read with that zone's rules of their day. */
  async createEvent(actor: Actor, input: CreateEventInput): Promise<Event> {
    const access = await this.policy.assert(actor, 'event.manage', { workspaceId: input.workspaceId });
    const timeZone = canonicalTimeZone(input.timeZone);
    if (!timeZone) throw BadUserInputError.field('timeZone', 'must be an IANA time zone such as America/Toronto');
    const { startsAt, endsAt } = timeRange(input.startsAt, input.endsAt, timeZone);
    if (input.organizerOrganizationId) await this.assertOrganization(input.organizerOrganizationId);
    return this.dataSource.transaction(async (tx) => {
      const event = await this.store.insertEvent(tx, {
        workspaceId: input.workspaceId,
        title: input.title,
        kind: input.kind,
        startsAt,
        endsAt,
        timeZone,
        location: input.location ?? null,
        url: input.url ?? null,
        organizerOrganizationId: input.organizerOrganizationId ?? access.organizationId,
        status: input.status ?? EventStatus.TENTATIVE,
        createdById: actor.userId,
      });
      await this.audit.inWorkspace(tx, actor, event.workspaceId, AuditAction.eventCreated, 'event', event.id, { status: event.status });
      return event;
    });
  }

  /**
   * Every change bumps the event's sequence (calendars replace their copy). Its sessions must stay
   * within it. CANCELLED is final: it cancels the open coverage and tells the assignees.
   */
  async updateEvent(actor: Actor, input: UpdateEventInput): Promise<Event> {
    const { event: found } = await this.event(actor, input.eventId, 'event.manage');
    if (input.organizerOrganizationId) await this.assertOrganization(input.organizerOrganizationId);
    const cancelling = input.status === EventStatus.CANCELLED;
    return this.dataSource.transaction(async (tx) => {
      const event = await this.lockOpenEvent(tx, found.id);
      const { startsAt, endsAt } = timeRange(input.startsAt ?? event.startsAt.toISOString(), input.endsAt ?? event.endsAt.toISOString(), event.timeZone);
      if (await this.store.hasSessionOutside(tx, event.id, startsAt, endsAt)) throw BadUserInputError.field('startsAt', 'the event must still contain its sessions');
      Object.assign(event, {
        title: input.title ?? event.title,
        kind: input.kind ?? event.kind,
        location: input.location !== undefined ? input.location : event.location,
        url: input.url !== undefined ? input.url : event.url,
        organizerOrganizationId: input.organizerOrganizationId !== undefined ? input.organizerOrganizationId : event.organizerOrganizationId,
        status: input.status ?? event.status,
        startsAt,
        endsAt,
        sequence: event.sequence + 1,
      });
      await this.store.saveEvent(tx, event);
      const cancelled = cancelling ? await this.cancelOpenCoverage(tx, event) : [];
      await this.audit.inWorkspace(tx, actor, event.workspaceId, cancelling ? AuditAction.eventCancelled : AuditAction.eventUpdated, 'event', event.id, {
        fields: Object.keys(input).filter((key) => key !== 'eventId'),
        ...(cancelling ? { cancelledCoverageIds: cancelled } : {}),
      });
      return event;
    });
  }

  /** A session lies within its event; its times are read in the event's zone. */
  async addSession(actor: Actor, input: AddEventSessionInput): Promise<EventSession> {
    const { event: found } = await this.event(actor, input.eventId, 'event.manage');
    return this.dataSource.transaction(async (tx) => {
      const event = await this.lockOpenEvent(tx, found.id);
      const { startsAt, endsAt } = timeRange(input.startsAt, input.endsAt, event.timeZone);
      assertWithin(event, startsAt, endsAt);
      const session = await this.store.insertSession(tx, { eventId: event.id, title: input.title, startsAt, endsAt, room: input.room ?? null });
      await this.audit.inWorkspace(tx, actor, event.workspaceId, AuditAction.eventSessionAdded, 'event_session', session.id, { eventId: event.id });
      return session;
    });
  }

  /** Bumps the session's sequence; it stays within its event. */
  async updateSession(actor: Actor, input: UpdateEventSessionInput): Promise<EventSession> {
    const found = await this.store.findSession(input.sessionId);
    if (!found) throw new NotFoundError('Session');
    await this.event(actor, found.eventId, 'event.manage', 'Session');
    return this.dataSource.transaction(async (tx) => {
      const event = await this.lockOpenEvent(tx, found.eventId);
      const session = await this.store.sessionInTransaction(tx, found.id);
      const { startsAt, endsAt } = timeRange(input.startsAt ?? session.startsAt.toISOString(), input.endsAt ?? session.endsAt.toISOString(), event.timeZone);
      assertWithin(event, startsAt, endsAt);
      Object.assign(session, {
        title: input.title ?? session.title,
        room: input.room !== undefined ? input.room : session.room,
        startsAt,
        endsAt,
        sequence: session.sequence + 1,
      });
      await this.store.saveSession(tx, session);
      await this.audit.inWorkspace(tx, actor, event.workspaceId, AuditAction.eventSessionUpdated, 'event_session', session.id, {
        eventId: event.id,
        fields: Object.keys(input).filter((key) => key !== 'sessionId'),
      });
      return session;
    });
  }

  private async assertOrganization(organizationId: string): Promise<void> {
    if (!(await this.organizations.findByIds([organizationId])).length) {
      throw BadUserInputError.field('organizerOrganizationId', 'must be an organization of the directory');
    }
  }

  /** Cancels what the event's managers may cancel of its coverage, and tells the assignees. */
  private async cancelOpenCoverage(tx: EntityManager, event: Event): Promise<string[]> {
    const open = await this.coverageStore.lockCoverageOfEvent(tx, event.id, statusesMovableTo(CoverageStatus.CANCELLED, 'manager'));
    if (!open.length) return [];
    await this.coverageStore.cancelCoverages(tx, open.map((coverage) => coverage.id));
    await this.notifications.notify(eventCancellationNotices(event, open), tx);
    return open.map((coverage) => coverage.id);
  }
}

function timeRange(start: string, end: string, timeZone: string): { startsAt: Date; endsAt: Date } {
  const startsAt = parseEventTime(start, timeZone);
  const endsAt = parseEventTime(end, timeZone);
  const fields = [
    ...(startsAt ? [] : [{ field: 'startsAt', message: 'must be an instant or a wall-clock time' }]),
    ...(endsAt ? [] : [{ field: 'endsAt', message: 'must be an instant or a wall-clock time' }]),
  ];
  if (fields.length) throw new BadUserInputError(fields);
  if ((endsAt as Date) <= (startsAt as Date)) throw BadUserInputError.field('endsAt', 'must be after startsAt');
  return { startsAt: startsAt as Date, endsAt: endsAt as Date };
}

function assertWithin(event: Event, startsAt: Date, endsAt: Date): void {
  if (startsAt < event.startsAt || endsAt > event.endsAt) throw BadUserInputError.field('startsAt', 'a session lies within its event');
}
