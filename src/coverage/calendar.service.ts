import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditService } from '../activity';
import { NotFoundError } from '../common/errors';
import { latestOf } from '../common/http-caching';
import { groupByKeys } from '../common/loaders';
import { Connection, PageArgs } from '../common/pagination';
import { Actor } from '../common/request-context';
import { hashToken, newOpaqueToken } from '../common/tokens';
import { AccessPolicy, WorkspacesService } from '../workspaces';
import { CalendarLinkStore } from './calendar-link.store';
import { mayRevokeCalendarLink } from './coverage-access';
import { CoverageStatus } from './coverage-state';
import { CoverageStore } from './coverage.store';
import { CreateCalendarLinkInput } from './dto/coverage.inputs';
import { CalendarLink, Coverage, Event, EventSession, EventStatus } from './event.entity';
import { EventStore } from './event.store';
import { CalendarEntry, renderCalendar } from './ical';
import { formatInZone } from './zoned-time';

/** A calendar as served: its text, when what it shows last changed (null when no date tells, see render), the name of its file. */
export interface RenderedCalendar {
  body: string;
  lastModified: Date | null;
  fileName: string;
}

/** Entries, and when each row they come from last changed. */
interface Entries {
  entries: CalendarEntry[];
  changes: Date[];
}

const bilingual = (text: { fr: string; en: string }) => (text.fr === text.en ? text.fr : `${text.fr} / ${text.en}`);

/**
 * Calendars as iCalendar (RFC 5545): a workspace's events and sessions, or a person's assignments,
 * at a secret address. What a calendar shows is decided at each request, with its owner's access then.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly linkStore: CalendarLinkStore,
    private readonly eventStore: EventStore,
    private readonly coverageStore: CoverageStore,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly workspaces: WorkspacesService,
  ) {}

  /** The token (256 random bits) is shown once, in the returned link; only its hash is kept. */
  async createLink(actor: Actor, input: CreateCalendarLinkInput, baseUrl: string): Promise<CalendarLink> {
    if (input.workspaceId) await this.policy.assert(actor, 'calendar.subscribe', { workspaceId: input.workspaceId });
    const token = newOpaqueToken();
    const link = await this.dataSource.transaction(async (tx) => {
      const created = await this.linkStore.insertLink(tx, { ownerId: actor.userId, workspaceId: input.workspaceId ?? null, tokenHash: hashToken(token) });
      await this.record(tx, actor, created, AuditAction.calendarLinkCreated);
      return created;
    });
    return Object.assign(link, { token, url: `${baseUrl}/calendar/${token}.ics` });
  }

  /** Only its owner revokes a link; anyone else is told it does not exist. */
  async revokeLink(actor: Actor, calendarLinkId: string): Promise<boolean> {
    const link = await this.linkStore.findLink(calendarLinkId);
    if (!link || !mayRevokeCalendarLink(link, actor)) throw new NotFoundError('Calendar link');
    if (link.revokedAt) return true;
    await this.dataSource.transaction(async (tx) => {
      await this.linkStore.revokeLink(tx, link.id);
      await this.record(tx, actor, link, AuditAction.calendarLinkRevoked);
    });
    return true;
  }

  /** The caller's own links, newest first, revoked ones included (their tokens are never shown again). */
  linksOf(actor: Actor, page: PageArgs): Promise<Connection<CalendarLink>> {
    return this.linkStore.pageOfOwner(actor.userId, page);
  }

  /**
   * The calendar behind a token: NOT_FOUND for an unknown or revoked token, and for a workspace
   * calendar whose owner no longer has access to the workspace. A person's assignments come only
   * from the workspaces they have access to now: losing one removes its assignments with no later
   * date, so that calendar has no Last-Modified, its ETag alone validates it.
   */
  async render(token: string): Promise<RenderedCalendar> {
    const link = await this.linkStore.findActiveByTokenHash(hashToken(token));
    if (!link) throw new NotFoundError('Calendar');
    const owner = { userId: link.ownerId };
    if (link.workspaceId) {
      if (!(await this.policy.accessOf(owner, link.workspaceId))) throw new NotFoundError('Calendar');
      const [workspace] = await this.workspaces.findByIds([link.workspaceId]);
      return rendered(link, await this.workspaceEntries(link.workspaceId), `${workspace.slug}.ics`);
    }
    const assignments = rendered(link, await this.assignmentEntries(link.ownerId, [...(await this.policy.accessibleWorkspacesOf(owner))]), 'tandem-assignments.ics');
    return { ...assignments, lastModified: null };
  }

  /** Each event, and each of its sessions; a session changes with its event (their sequences add up). */
  private async workspaceEntries(workspaceId: string): Promise<Entries> {
    const events = await this.eventStore.eventsOfWorkspace(workspaceId);
    const sessions = groupByKeys(
      events.map((event) => event.id),
      await this.eventStore.sessionsOfEvents(events.map((event) => event.id)),
      (session) => session.eventId,
    );
    const entries = events.flatMap((event, index) => [
      entry(`event-${event.id}@tandem`, event, event, event.sequence, bilingual(event.title), event.status),
      ...sessions[index].map((session) =>
        entry(`session-${session.id}@tandem`, event, session, event.sequence + session.sequence, bilingual(session.title), event.status),
      ),
    ]);
    return { entries, changes: [...events.map((event) => event.updatedAt), ...sessions.flat().map((session) => session.createdAt)] };
  }

  /** Each coverage assigned to the person, at the time of its session or of its whole event. */
  private async assignmentEntries(userId: string, workspaceIds: string[]): Promise<Entries> {
    const assignments = await this.coverageStore.assignmentsOf(userId, workspaceIds);
    const events = new Map((await this.eventStore.eventsByIds([...new Set(assignments.map((item) => item.eventId))])).map((event) => [event.id, event]));
    const sessionIds = [...new Set(assignments.flatMap((item) => (item.sessionId ? [item.sessionId] : [])))];
    const sessions = new Map((await this.eventStore.sessionsByIds(sessionIds)).map((session) => [session.id, session]));
    const entries = assignments.map((assignment) => {
      const event = events.get(assignment.eventId) as Event;
      const session = assignment.sessionId ? sessions.get(assignment.sessionId) : undefined;
      const slot = session ?? event;
      return {
        ...entry(
          `coverage-${assignment.id}@tandem`,
          event,
          slot,
          assignment.sequence + event.sequence + (session?.sequence ?? 0),
          `[${assignment.channel}] ${bilingual(slot.title)}`,
          assignmentStatus(assignment, event),
        ),
        description: [
          `${assignment.channel}${assignment.language ? ` (${assignment.language})` : ''} — ${assignment.status}`,
          ...(assignment.dueAt ? [`Échéance / Due: ${formatInZone(assignment.dueAt, event.timeZone)}`] : []),
          ...(assignment.notes ? [assignment.notes] : []),
        ].join('\n'),
      };
    });
    return { entries, changes: [...assignments.map((assignment) => assignment.updatedAt), ...[...events.values()].map((event) => event.updatedAt)] };
  }

  private record(tx: EntityManager, actor: Actor, link: CalendarLink, action: AuditAction): Promise<void> {
    return this.audit.record(
      { actorId: actor.userId, action, resourceType: 'calendar_link', resourceId: link.id, workspaceId: link.workspaceId ?? undefined },
      tx,
    );
  }
}

/** Stamped with the latest change (RFC 5545 DTSTAMP), so an unchanged calendar is the same bytes, and the same ETag. */
function rendered(link: CalendarLink, { entries, changes }: Entries, fileName: string): RenderedCalendar {
  const lastModified = latestOf([link.createdAt, ...changes]);
  return { body: renderCalendar('Tandem', entries, lastModified), lastModified, fileName };
}

function entry(uid: string, event: Event, slot: Event | EventSession, sequence: number, summary: string, status: CalendarEntry['status']): CalendarEntry {
  const room = 'room' in slot ? slot.room : null;
  return {
    uid,
    sequence,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    timeZone: event.timeZone,
    summary,
    location: [room, event.location].filter(Boolean).join(', ') || null,
    url: event.url,
    status,
  };
}

/** An assignment not yet accepted, or for an event not yet confirmed, is tentative. */
function assignmentStatus(assignment: Coverage, event: Event): CalendarEntry['status'] {
  if (assignment.status === CoverageStatus.CANCELLED || event.status === EventStatus.CANCELLED) return 'CANCELLED';
  if (assignment.status === CoverageStatus.ASSIGNED || event.status === EventStatus.TENTATIVE) return 'TENTATIVE';
  return 'CONFIRMED';
}
