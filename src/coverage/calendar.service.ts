import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { IsNull, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors';
import { Actor } from '../common/request-context';
import { hashToken, newOpaqueToken } from '../common/tokens';
import { AccessPolicy } from '../workspaces/access-policy';
import { CoverageStatus } from './coverage-state';
import { CoverageService } from './coverage.service';
import { CreateCalendarLinkInput } from './dto/coverage.inputs';
import { CalendarLink, Coverage, Event, EventSession, EventStatus } from './event.entity';
import { floatingTime, isRepeatedWallClock } from './zoned-time';

const PRODUCT = { company: 'Tandem', product: 'Coverage', language: 'FR' };

/** An iCalendar time: the wall clock of the event's zone (TZID), or UTC for the second of a repeated hour. */
function icalTime(instant: Date, timeZone: string): { date: Date; timezone: string | null } {
  return isRepeatedWallClock(instant, timeZone) ? { date: instant, timezone: null } : { date: floatingTime(instant, timeZone), timezone: timeZone };
}

/**
 * Calendars as iCalendar (RFC 5545): a workspace's events and sessions, or a person's assignments,
 * at a secret address. What a calendar shows is decided at each request, with its owner's access then.
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectRepository(CalendarLink) private readonly links: Repository<CalendarLink>,
    private readonly policy: AccessPolicy,
    private readonly coverage: CoverageService,
  ) {}

  async createLink(actor: Actor, input: CreateCalendarLinkInput): Promise<CalendarLink> {
    if (input.workspaceId) await this.policy.assert(actor, 'calendar.subscribe', { workspaceId: input.workspaceId });
    const token = newOpaqueToken();
    const link = await this.links.save(this.links.create({ ownerId: actor.userId, workspaceId: input.workspaceId ?? null, tokenHash: hashToken(token) }));
    return Object.assign(link, { token, url: `/calendar/${token}.ics` });
  }

  async revokeLink(actor: Actor, calendarLinkId: string): Promise<boolean> {
    const link = await this.links.findOneBy({ id: calendarLinkId, ownerId: actor.userId });
    if (!link) throw new NotFoundError('Calendar link');
    if (!link.revokedAt) await this.links.update({ id: link.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return true;
  }

  linksOf(actor: Actor): Promise<CalendarLink[]> {
    return this.links.find({ where: { ownerId: actor.userId }, order: { createdAt: 'ASC' } });
  }

  /** The calendar behind a token; NOT_FOUND for an unknown or revoked one, or a workspace its owner left. */
  async render(token: string): Promise<string> {
    const link = await this.links.findOneBy({ tokenHash: hashToken(token), revokedAt: IsNull() });
    if (!link) throw new NotFoundError('Calendar');
    const owner = { userId: link.ownerId };
    const calendar = new ICalCalendar({ prodId: PRODUCT, name: 'Tandem' });
    calendar.timezone({ name: null, generator: getVtimezoneComponent });
    if (link.workspaceId) {
      if (!(await this.policy.accessOf(owner, link.workspaceId))) throw new NotFoundError('Calendar');
      const events = await this.coverage.eventsOfWorkspace(link.workspaceId);
      const sessions = events.length ? await this.coverage.sessionsOfEvents(events.map((event) => event.id)) : [];
      for (const event of events) {
        this.addEvent(calendar, `event-${event.id}@tandem`, event, event, event.sequence, `${event.title.fr} / ${event.title.en}`);
        for (const session of sessions.filter((candidate) => candidate.eventId === event.id)) {
          this.addEvent(calendar, `session-${session.id}@tandem`, event, session, event.sequence + session.sequence, `${session.title.fr} / ${session.title.en}`);
        }
      }
    } else {
      const workspaces = await this.policy.accessibleWorkspacesOf(owner);
      const assignments = await this.coverage.assignmentsOf(link.ownerId, [...workspaces]);
      const events = new Map((await this.coverage.eventsByIds([...new Set(assignments.map((item) => item.eventId))])).map((event) => [event.id, event]));
      const sessionIds = [...new Set(assignments.flatMap((item) => (item.sessionId ? [item.sessionId] : [])))];
      const sessions = new Map((sessionIds.length ? await this.coverage.sessionsByIds(sessionIds) : []).map((session) => [session.id, session]));
      for (const assignment of assignments) {
        const event = events.get(assignment.eventId) as Event;
        const slot = (assignment.sessionId && sessions.get(assignment.sessionId)) || event;
        const title = 'title' in slot ? slot.title : event.title;
        this.addEvent(calendar, `coverage-${assignment.id}@tandem`, event, slot, assignment.sequence + event.sequence, `[${assignment.channel}] ${title.fr} / ${title.en}`, assignment);
      }
    }
    return calendar.toString();
  }

  private addEvent(
    calendar: ICalCalendar,
    uid: string,
    event: Event,
    slot: Pick<Event | EventSession, 'startsAt' | 'endsAt'>,
    sequence: number,
    summary: string,
    assignment?: Coverage,
  ): void {
    const start = icalTime(slot.startsAt, event.timeZone);
    const end = icalTime(slot.endsAt, event.timeZone);
    const cancelled = event.status === EventStatus.CANCELLED || assignment?.status === CoverageStatus.CANCELLED;
    calendar.createEvent({
      id: uid,
      sequence,
      // Both ends share one zone: when either must be UTC, both are.
      start: start.timezone && end.timezone ? start.date : slot.startsAt,
      end: start.timezone && end.timezone ? end.date : slot.endsAt,
      timezone: start.timezone && end.timezone ? event.timeZone : null,
      summary,
      location: event.location ?? undefined,
      url: event.url ?? undefined,
      description: assignment?.notes ?? undefined,
      status: cancelled ? ICalEventStatus.CANCELLED : event.status === EventStatus.TENTATIVE ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      stamp: new Date(),
    });
  }
}
