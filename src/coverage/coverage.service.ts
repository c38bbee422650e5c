import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../activity/audit.service';
import { NotificationsService } from '../activity/notifications.service';
import { ARTICLE_PUBLISHED, ArticlePublishedEvent, ArticlesService } from '../articles/articles.service';
import { BadUserInputError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { LocalizedText } from '../common/localized-text';
import { Connection, paginate } from '../common/pagination';
import { Actor } from '../common/request-context';
import { AccessPolicy, WorkspaceAccess, WorkspaceAction } from '../workspaces/access-policy';
import { WorkspaceRole } from '../workspaces/workspace.entity';
import { canMove, COMMITTED, CoverageStatus, OPEN } from './coverage-state';
import {
  AddEventSessionInput,
  AssignCoverageInput,
  CreateEventInput,
  EventsArgs,
  PlanCoverageInput,
  RespondToAssignmentInput,
  UpdateCoverageInput,
  UpdateEventInput,
} from './dto/coverage.inputs';
import { Coverage, Event, EventSession, EventStatus } from './event.entity';
import { isTimeZone, parseEventTime } from './zoned-time';

const MANAGERS: readonly WorkspaceRole[] = [WorkspaceRole.OWNER, WorkspaceRole.COORDINATOR];

/** One person committed to two coverages at overlapping times. */
export interface CoverageConflictRow {
  coverageId: string;
  assigneeId: string;
  otherCoverageId: string;
  otherWorkspaceId: string;
  overlapStartsAt: Date;
  overlapEndsAt: Date;
}

/**
 * Events, their sessions and the coverage planned for them: who covers what, on which channel,
 * by when; with the gaps (sessions nobody covers) and the double bookings.
 */
@Injectable()
export class CoverageService {
  constructor(
    @InjectRepository(Event) private readonly events: Repository<Event>,
    @InjectRepository(EventSession) private readonly sessions: Repository<EventSession>,
    @InjectRepository(Coverage) private readonly coverages: Repository<Coverage>,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly articles: ArticlesService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  // Events

  async event(actor: Actor, eventId: string, action: WorkspaceAction = 'event.read'): Promise<{ event: Event; access: WorkspaceAccess }> {
    const event = await this.events.findOneBy({ id: eventId });
    if (!event) throw new NotFoundError('Event');
    const access = await this.policy.assert(actor, action, { workspaceId: event.workspaceId, kind: 'Event' });
    return { event, access };
  }

  /** A workspace's events that overlap [from, to), in time order. */
  async listEvents(actor: Actor, args: EventsArgs): Promise<Connection<Event>> {
    await this.policy.assert(actor, 'event.read', { workspaceId: args.workspaceId });
    const query = this.events.createQueryBuilder('event').where('event.workspace_id = :workspaceId', { workspaceId: args.workspaceId });
    if (args.from) query.andWhere('event.ends_at > :from', { from: args.from });
    if (args.to) query.andWhere('event.starts_at < :to', { to: args.to });
    return paginate(query, args, {
      direction: 'ASC',
      keys: [
        { expression: 'event.starts_at', value: (event) => event.startsAt },
        { expression: 'event.id', value: (event) => event.id },
      ],
    });
  }

  async createEvent(actor: Actor, input: CreateEventInput): Promise<Event> {
    const access = await this.policy.assert(actor, 'event.manage', { workspaceId: input.workspaceId });
    if (!isTimeZone(input.timeZone)) throw BadUserInputError.field('timeZone', 'must be an IANA time zone such as America/Toronto');
    const { startsAt, endsAt } = timeRange(input.startsAt, input.endsAt, input.timeZone);
    if (input.organizerOrganizationId && !(await this.isActivePartner(input.workspaceId, input.organizerOrganizationId))) {
      throw BadUserInputError.field('organizerOrganizationId', 'must be a partner organization of the workspace');
    }
    return this.dataSource.transaction(async (manager) => {
      const event = await manager.save(
        manager.create(Event, {
          workspaceId: input.workspaceId,
          title: input.title,
          kind: input.kind,
          startsAt,
          endsAt,
          timeZone: input.timeZone,
          location: input.location ?? null,
          url: input.url ?? null,
          organizerOrganizationId: input.organizerOrganizationId ?? access.organizationId,
          status: input.status ?? EventStatus.TENTATIVE,
          createdById: actor.userId,
        }),
      );
      await this.audit.inWorkspace(manager, actor, event.workspaceId, 'event.created', 'event', event.id, { status: event.status });
      return event;
    });
  }

  /** Every change bumps the event's sequence; cancelling cancels its open coverage and tells the assignees. */
  async updateEvent(actor: Actor, input: UpdateEventInput): Promise<Event> {
    const { event } = await this.event(actor, input.eventId, 'event.manage');
    if (event.status === EventStatus.CANCELLED) {
      throw new PreconditionFailedError('The event is cancelled', ['A cancelled event no longer changes']);
    }
    const { startsAt, endsAt } = timeRange(input.startsAt ?? event.startsAt.toISOString(), input.endsAt ?? event.endsAt.toISOString(), event.timeZone);
    const cancelling = input.status === EventStatus.CANCELLED;
    return this.dataSource.transaction(async (manager) => {
      Object.assign(event, {
        title: input.title ?? event.title,
        location: input.location ?? event.location,
        status: input.status ?? event.status,
        startsAt,
        endsAt,
        sequence: event.sequence + 1,
      });
      await manager.save(event);
      if (cancelling) {
        const open = await manager.find(Coverage, { where: { eventId: event.id, status: In([...OPEN]) } });
        if (open.length) {
          await manager.update(Coverage, { id: In(open.map((coverage) => coverage.id)) }, { status: CoverageStatus.CANCELLED, sequence: () => 'sequence + 1' });
        }
        await this.notifications.notify(
          open.flatMap((coverage) =>
            coverage.assigneeId
              ? [notice(coverage, coverage.assigneeId, 'coverage.cancelled', { fr: `Événement annulé : ${event.title.fr}`, en: `Event cancelled: ${event.title.en}` })]
              : [],
          ),
          manager,
        );
      }
      await this.audit.inWorkspace(manager, actor, event.workspaceId, cancelling ? 'event.cancelled' : 'event.updated', 'event', event.id, {
        fields: Object.keys(input).filter((key) => key !== 'eventId'),
      });
      return event;
    });
  }

  /** A session lies within its event, in the event's time zone. */
  async addSession(actor: Actor, input: AddEventSessionInput): Promise<EventSession> {
    const { event } = await this.event(actor, input.eventId, 'event.manage');
    if (event.status === EventStatus.CANCELLED) throw new PreconditionFailedError('The event is cancelled', ['The event is cancelled']);
    const { startsAt, endsAt } = timeRange(input.startsAt, input.endsAt, event.timeZone);
    if (startsAt < event.startsAt || endsAt > event.endsAt) throw BadUserInputError.field('startsAt', 'a session lies within its event');
    return this.sessions.save(this.sessions.create({ eventId: event.id, title: input.title, startsAt, endsAt, room: input.room ?? null }));
  }

  sessionsOfEvents(eventIds: readonly string[]): Promise<EventSession[]> {
    return this.sessions.find({ where: { eventId: In([...eventIds]) }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  sessionsByIds(ids: readonly string[]): Promise<EventSession[]> {
    return this.sessions.findBy({ id: In([...ids]) });
  }

  eventsByIds(ids: readonly string[]): Promise<Event[]> {
    return this.events.findBy({ id: In([...ids]) });
  }

  coverageOfEvents(eventIds: readonly string[]): Promise<Coverage[]> {
    return this.coverages.find({ where: { eventId: In([...eventIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  coveragesByIds(ids: readonly string[]): Promise<Coverage[]> {
    return this.coverages.findBy({ id: In([...ids]) });
  }

  /** Sessions of the events with no coverage that is not cancelled. */
  gapsOfEvents(eventIds: readonly string[]): Promise<EventSession[]> {
    return this.sessions
      .createQueryBuilder('session')
      .where('session.event_id IN (:...eventIds)', { eventIds })
      .andWhere(`NOT EXISTS (SELECT 1 FROM coverage c WHERE c.session_id = session.id AND c.status <> 'CANCELLED')`)
      .orderBy('session.starts_at')
      .addOrderBy('session.id')
      .getMany();
  }

  /**
   * People committed to a coverage of this event and, at an overlapping time, to another coverage —
   * in any workspace. Two coverages of one session, or of a session and its whole event, are one
   * presence, not a conflict.
   */
  async conflictsOf(eventId: string): Promise<CoverageConflictRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH spans AS (
         SELECT c.id, c.workspace_id, c.event_id, c.session_id, c.assignee_id,
                tstzrange(coalesce(s.starts_at, e.starts_at), coalesce(s.ends_at, e.ends_at)) AS span
           FROM coverage c JOIN event e ON e.id = c.event_id LEFT JOIN event_session s ON s.id = c.session_id
          WHERE c.assignee_id IS NOT NULL AND c.status = ANY($2::coverage_status[]) AND e.status <> 'CANCELLED')
       SELECT mine.id AS coverage_id, mine.assignee_id, other.id AS other_coverage_id, other.workspace_id AS other_workspace_id,
              lower(mine.span * other.span) AS overlap_starts_at, upper(mine.span * other.span) AS overlap_ends_at
         FROM spans mine JOIN spans other ON other.assignee_id = mine.assignee_id AND other.id <> mine.id AND mine.span && other.span
        WHERE mine.event_id = $1
          AND NOT (other.event_id = mine.event_id AND (other.session_id IS NULL OR mine.session_id IS NULL OR other.session_id = mine.session_id))
        ORDER BY overlap_starts_at, mine.id, other.id`,
      [eventId, COMMITTED],
    );
    return rows.map((row) => ({
      coverageId: row.coverage_id as string,
      assigneeId: row.assignee_id as string,
      otherCoverageId: row.other_coverage_id as string,
      otherWorkspaceId: row.other_workspace_id as string,
      overlapStartsAt: new Date(row.overlap_starts_at as string),
      overlapEndsAt: new Date(row.overlap_ends_at as string),
    }));
  }

  // Coverage

  async coverage(actor: Actor, coverageId: string, action: WorkspaceAction): Promise<{ coverage: Coverage; access: WorkspaceAccess }> {
    const coverage = await this.coverages.findOneBy({ id: coverageId });
    if (!coverage) throw new NotFoundError('Coverage');
    const access = await this.policy.assert(actor, action, { workspaceId: coverage.workspaceId, kind: 'Coverage' });
    return { coverage, access };
  }

  async plan(actor: Actor, input: PlanCoverageInput): Promise<Coverage> {
    const { event } = await this.event(actor, input.eventId, 'coverage.plan');
    if (event.status === EventStatus.CANCELLED) throw new PreconditionFailedError('The event is cancelled', ['The event is cancelled']);
    if (input.sessionId && !(await this.sessions.existsBy({ id: input.sessionId, eventId: event.id }))) throw new NotFoundError('Session');
    const dueAt = input.dueAt === undefined ? null : parseEventTime(input.dueAt, event.timeZone);
    if (dueAt === null && input.dueAt !== undefined) throw BadUserInputError.field('dueAt', 'must be an instant or a wall-clock time');
    return this.dataSource.transaction(async (manager) => {
      const coverage = await manager.save(
        manager.create(Coverage, {
          workspaceId: event.workspaceId,
          eventId: event.id,
          sessionId: input.sessionId ?? null,
          channel: input.channel,
          language: input.language ?? null,
          dueAt,
          notes: input.notes ?? null,
          createdById: actor.userId,
        }),
      );
      await this.audit.inWorkspace(manager, actor, coverage.workspaceId, 'coverage.planned', 'coverage', coverage.id, { eventId: event.id, channel: coverage.channel });
      return coverage;
    });
  }

  /** To a member of any partner organization who acts for it in this workspace. */
  async assign(actor: Actor, input: AssignCoverageInput): Promise<Coverage> {
    const { coverage } = await this.coverage(actor, input.coverageId, 'coverage.assign');
    assertMove(coverage.status, CoverageStatus.ASSIGNED);
    const theirs = await this.policy.accessOf({ userId: input.assigneeId }, coverage.workspaceId);
    if (theirs?.organizationId !== input.organizationId) {
      throw new PreconditionFailedError('This person cannot cover for this organization here', [
        'The assignee must be a member of the workspace acting for that organization',
      ]);
    }
    if (theirs.role === WorkspaceRole.OBSERVER) {
      throw new PreconditionFailedError('Observers only read', ['The assignee must be a contributor, an editor, a coordinator or an owner']);
    }
    return this.dataSource.transaction(async (manager) => {
      Object.assign(coverage, {
        assigneeId: input.assigneeId,
        assigneeOrganizationId: input.organizationId,
        status: CoverageStatus.ASSIGNED,
        sequence: coverage.sequence + 1,
      });
      await manager.save(coverage);
      await this.notifications.notify(
        [notice(coverage, input.assigneeId, 'coverage.assigned', { fr: 'Une couverture vous est confiée', en: 'A coverage was assigned to you' })],
        manager,
      );
      await this.audit.inWorkspace(manager, actor, coverage.workspaceId, 'coverage.assigned', 'coverage', coverage.id, {
        assigneeId: input.assigneeId,
        organizationId: input.organizationId,
      });
      return coverage;
    });
  }

  /** Only the assignee answers; declining hands the coverage back, unassigned, and tells who planned it. */
  async respond(actor: Actor, input: RespondToAssignmentInput): Promise<Coverage> {
    const { coverage } = await this.coverage(actor, input.coverageId, 'event.read');
    if (coverage.assigneeId !== actor.userId) throw new ForbiddenError('Only the assignee answers an assignment');
    if (coverage.status !== CoverageStatus.ASSIGNED) {
      throw new PreconditionFailedError('There is no assignment to answer', [`The coverage is ${coverage.status}`]);
    }
    return this.dataSource.transaction(async (manager) => {
      if (input.accept) Object.assign(coverage, { status: CoverageStatus.ACCEPTED });
      else Object.assign(coverage, { status: CoverageStatus.UNASSIGNED, assigneeId: null, assigneeOrganizationId: null });
      coverage.sequence += 1;
      await manager.save(coverage);
      if (!input.accept && coverage.createdById !== actor.userId) {
        await this.notifications.notify(
          [notice(coverage, coverage.createdById, 'coverage.declined', { fr: 'Une couverture a été refusée', en: 'A coverage was declined' })],
          manager,
        );
      }
      await this.audit.inWorkspace(manager, actor, coverage.workspaceId, input.accept ? 'coverage.accepted' : 'coverage.declined', 'coverage', coverage.id, {});
      return coverage;
    });
  }

  /**
   * The assignee moves their work along (IN_PROGRESS, FILED) and records the deliverable; owners and
   * coordinators may also publish or cancel. Filing and publishing need a deliverable.
   */
  async update(actor: Actor, input: UpdateCoverageInput): Promise<Coverage> {
    const { coverage, access } = await this.coverage(actor, input.coverageId, 'coverage.update');
    const manages = MANAGERS.includes(access.role);
    if (!manages && coverage.assigneeId !== actor.userId) throw new ForbiddenError('Only its assignee or a coordinator updates a coverage');
    if (input.deliverableArticleId) {
      const article = await this.articles.findVisible(actor, input.deliverableArticleId);
      if (article.workspaceId !== coverage.workspaceId) throw BadUserInputError.field('deliverableArticleId', 'must be an article of the same workspace');
    }
    const from = coverage.status;
    const to = input.status ?? from;
    if (to !== from) {
      if ([CoverageStatus.ASSIGNED, CoverageStatus.ACCEPTED, CoverageStatus.UNASSIGNED].includes(to)) {
        throw BadUserInputError.field('status', 'assign with assignCoverage; the assignee answers with respondToAssignment');
      }
      assertMove(from, to);
      if (!manages && [CoverageStatus.PUBLISHED, CoverageStatus.CANCELLED].includes(to)) {
        throw new ForbiddenError('Only a coordinator or an owner publishes or cancels a coverage');
      }
    }
    Object.assign(coverage, {
      status: to,
      deliverableArticleId: input.deliverableArticleId ?? coverage.deliverableArticleId,
      deliverableUrl: input.deliverableUrl ?? coverage.deliverableUrl,
    });
    if ((to === CoverageStatus.FILED || to === CoverageStatus.PUBLISHED) && !coverage.deliverableArticleId && !coverage.deliverableUrl) {
      throw new PreconditionFailedError('There is nothing delivered yet', ['A filed or published coverage names its deliverable: an article or a URL']);
    }
    return this.dataSource.transaction(async (manager) => {
      coverage.sequence += 1;
      await manager.save(coverage);
      await this.audit.inWorkspace(manager, actor, coverage.workspaceId, 'coverage.updated', 'coverage', coverage.id, {
        from,
        to,
        deliverableArticleId: coverage.deliverableArticleId,
        deliverableUrl: coverage.deliverableUrl,
      });
      return coverage;
    });
  }

  /** An article delivered for a coverage got published: the coverage is published too. */
  @OnEvent(ARTICLE_PUBLISHED, { promisify: true })
  async onArticlePublished({ articleId, workspaceId }: ArticlePublishedEvent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const delivered = await manager.find(Coverage, {
        where: { deliverableArticleId: articleId, workspaceId, status: In([CoverageStatus.ACCEPTED, CoverageStatus.IN_PROGRESS, CoverageStatus.FILED]) },
      });
      for (const coverage of delivered) {
        await manager.update(Coverage, { id: coverage.id }, { status: CoverageStatus.PUBLISHED, sequence: coverage.sequence + 1 });
        await this.audit.record(
          { actorId: null, action: 'coverage.published', resourceType: 'coverage', resourceId: coverage.id, workspaceId, details: { from: coverage.status, articleId } },
          manager,
        );
      }
    });
  }

  /** A person's committed and filed coverage in the workspaces they still have access to (for their calendar). */
  async assignmentsOf(userId: string, workspaceIds: readonly string[]): Promise<Coverage[]> {
    if (!workspaceIds.length) return [];
    return this.coverages.find({
      where: { assigneeId: userId, workspaceId: In([...workspaceIds]), status: In([...COMMITTED, CoverageStatus.FILED, CoverageStatus.CANCELLED]) },
      order: { createdAt: 'ASC' },
    });
  }

  eventsOfWorkspace(workspaceId: string): Promise<Event[]> {
    return this.events.find({ where: { workspaceId }, order: { startsAt: 'ASC' } });
  }

  private async isActivePartner(workspaceId: string, organizationId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM workspace_partner WHERE workspace_id = $1 AND organization_id = $2 AND status = 'ACTIVE'`,
      [workspaceId, organizationId],
    );
    return !!row;
  }

}

function assertMove(from: CoverageStatus, to: CoverageStatus): void {
  if (!canMove(from, to)) throw new PreconditionFailedError(`A coverage cannot go from ${from} to ${to}`, [`The coverage is ${from}`]);
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

function notice(coverage: Coverage, userId: string, kind: string, message: LocalizedText) {
  return { userId, kind, workspaceId: coverage.workspaceId, resourceType: 'coverage', resourceId: coverage.id, message };
}
