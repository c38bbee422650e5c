import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AuditService, NewNotification, NotificationKind, NotificationsService } from '../activity';
import { Article, ARTICLE_PUBLISHED, ArticlePublishedEvent, ArticlesService } from '../articles';
import { BadUserInputError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { LocalizedText } from '../common/localized-text';
import { Connection, paginate } from '../common/pagination';
import { Actor } from '../common/request-context';
import { OrganizationsService } from '../organizations';
import { AccessPolicy, roleAllows, WorkspaceAccess, WorkspaceAction } from '../workspaces';
import { CoverageConflict } from './coverage-conflict';
import { canMove, COMMITTED, CoverageStatus, DELIVERING, isFinal, isTransition, Mover, statusesMovableTo, TRANSITIONS } from './coverage-state';
import {
  AddEventSessionInput,
  AssignCoverageInput,
  CreateEventInput,
  EventsArgs,
  PlanCoverageInput,
  RespondToAssignmentInput,
  UpdateCoverageInput,
  UpdateEventInput,
  UpdateEventSessionInput,
} from './dto/coverage.inputs';
import { Coverage, Event, EventSession, EventStatus } from './event.entity';
import { canonicalTimeZone, parseEventTime } from './zoned-time';

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
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  // Events

  /** `kind` names what the caller asked for in a refusal (a session is refused as a session). */
  async event(actor: Actor, eventId: string, action: WorkspaceAction = 'event.read', kind = 'Event'): Promise<{ event: Event; access: WorkspaceAccess }> {
    const event = await this.events.findOneBy({ id: eventId });
    if (!event) throw new NotFoundError(kind);
    const access = await this.policy.assert(actor, action, { workspaceId: event.workspaceId, kind });
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

  /** Times are instants or wall-clock times of the event's zone, read with that zone's rules of their day. */
  async createEvent(actor: Actor, input: CreateEventInput): Promise<Event> {
    const access = await this.policy.assert(actor, 'event.manage', { workspaceId: input.workspaceId });
    const timeZone = canonicalTimeZone(input.timeZone);
    if (!timeZone) throw BadUserInputError.field('timeZone', 'must be an IANA time zone such as America/Toronto');
    const { startsAt, endsAt } = timeRange(input.startsAt, input.endsAt, timeZone);
    if (input.organizerOrganizationId) await this.assertOrganization(input.organizerOrganizationId);
    return this.dataSource.transaction(async (manager) => {
      const event = await manager.save(
        manager.create(Event, {
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
        }),
      );
      await this.audit.inWorkspace(manager, actor, event.workspaceId, 'event.created', 'event', event.id, { status: event.status });
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
    return this.dataSource.transaction(async (manager) => {
      const event = await lockEvent(manager, found.id);
      const { startsAt, endsAt } = timeRange(input.startsAt ?? event.startsAt.toISOString(), input.endsAt ?? event.endsAt.toISOString(), event.timeZone);
      await assertSessionsWithin(manager, event.id, startsAt, endsAt);
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
      await manager.save(event);
      const cancelled = cancelling ? await this.cancelOpenCoverage(manager, event) : [];
      await this.audit.inWorkspace(manager, actor, event.workspaceId, cancelling ? 'event.cancelled' : 'event.updated', 'event', event.id, {
        fields: Object.keys(input).filter((key) => key !== 'eventId'),
        ...(cancelling ? { cancelledCoverageIds: cancelled } : {}),
      });
      return event;
    });
  }

  /** A session lies within its event; its times are read in the event's zone. */
  async addSession(actor: Actor, input: AddEventSessionInput): Promise<EventSession> {
    const { event: found } = await this.event(actor, input.eventId, 'event.manage');
    return this.dataSource.transaction(async (manager) => {
      const event = await lockEvent(manager, found.id);
      const { startsAt, endsAt } = timeRange(input.startsAt, input.endsAt, event.timeZone);
      assertWithin(event, startsAt, endsAt);
      const session = await manager.save(manager.create(EventSession, { eventId: event.id, title: input.title, startsAt, endsAt, room: input.room ?? null }));
      await this.audit.inWorkspace(manager, actor, event.workspaceId, 'event.session.added', 'event_session', session.id, { eventId: event.id });
      return session;
    });
  }

  /** Bumps the session's sequence; it stays within its event. */
  async updateSession(actor: Actor, input: UpdateEventSessionInput): Promise<EventSession> {
    const found = await this.sessions.findOneBy({ id: input.sessionId });
    if (!found) throw new NotFoundError('Session');
    await this.event(actor, found.eventId, 'event.manage', 'Session');
    return this.dataSource.transaction(async (manager) => {
      const event = await lockEvent(manager, found.eventId);
      const session = await manager.findOneByOrFail(EventSession, { id: found.id });
      const { startsAt, endsAt } = timeRange(input.startsAt ?? session.startsAt.toISOString(), input.endsAt ?? session.endsAt.toISOString(), event.timeZone);
      assertWithin(event, startsAt, endsAt);
      Object.assign(session, {
        title: input.title ?? session.title,
        room: input.room !== undefined ? input.room : session.room,
        startsAt,
        endsAt,
        sequence: session.sequence + 1,
      });
      await manager.save(session);
      await this.audit.inWorkspace(manager, actor, event.workspaceId, 'event.session.updated', 'event_session', session.id, {
        fields: Object.keys(input).filter((key) => key !== 'sessionId'),
      });
      return session;
    });
  }

  sessionsOfEvents(eventIds: readonly string[]): Promise<EventSession[]> {
    if (!eventIds.length) return Promise.resolve([]);
    return this.sessions.find({ where: { eventId: In([...eventIds]) }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  sessionsByIds(ids: readonly string[]): Promise<EventSession[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.sessions.findBy({ id: In([...ids]) });
  }

  eventsByIds(ids: readonly string[]): Promise<Event[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.events.findBy({ id: In([...ids]) });
  }

  coverageOfEvents(eventIds: readonly string[]): Promise<Coverage[]> {
    return this.coverages.find({ where: { eventId: In([...eventIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
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
   * For each event, its assignees committed at an overlapping time to another coverage of a
   * workspace they still have access to, whichever it is. The other coverage is shown only if the
   * viewer has access to its workspace; otherwise only the overlap is (never what or where).
   * Two coverages of one session, or of a session and its whole event, are one presence.
   */
  async conflictsOfEvents(viewer: Actor, eventIds: readonly string[]): Promise<CoverageConflict[][]> {
    const span = `tstzrange(coalesce(s.starts_at, e.starts_at), coalesce(s.ends_at, e.ends_at))`;
    const committed = `c.assignee_id IS NOT NULL AND c.status = ANY($2::coverage_status[]) AND e.status <> 'CANCELLED'`;
    const rows: Record<string, string>[] = await this.dataSource.query(
      `WITH mine AS (
         SELECT c.id, c.event_id, c.session_id, c.assignee_id, ${span} AS span
           FROM coverage c JOIN event e ON e.id = c.event_id LEFT JOIN event_session s ON s.id = c.session_id
          WHERE c.event_id = ANY($1::uuid[]) AND ${committed}),
       theirs AS (
         SELECT c.id, c.workspace_id, c.event_id, c.session_id, c.assignee_id, ${span} AS span
           FROM coverage c JOIN event e ON e.id = c.event_id LEFT JOIN event_session s ON s.id = c.session_id
          WHERE c.assignee_id IN (SELECT assignee_id FROM mine) AND ${committed}
            AND ${AccessPolicy.visibleToSql('c.assignee_id', { workspace: 'c.workspace_id' })})
       SELECT mine.event_id, mine.id AS coverage_id, mine.assignee_id, other.id AS other_coverage_id, other.workspace_id AS other_workspace_id,
              lower(mine.span * other.span) AS overlap_starts_at, upper(mine.span * other.span) AS overlap_ends_at
         FROM mine JOIN theirs other ON other.assignee_id = mine.assignee_id AND other.id <> mine.id AND mine.span && other.span
        WHERE NOT (other.event_id = mine.event_id AND (other.session_id IS NULL OR mine.session_id IS NULL OR other.session_id = mine.session_id))
        ORDER BY overlap_starts_at, mine.id, other.id`,
      [eventIds, COMMITTED],
    );
    const visible = await this.policy.accessibleWorkspaces(viewer, [...new Set(rows.map((row) => row.other_workspace_id))]);
    const shown = rows.flatMap((row) => (visible.has(row.other_workspace_id) ? [row.coverage_id, row.other_coverage_id] : [row.coverage_id]));
    const coverages = new Map((shown.length ? await this.coverages.findBy({ id: In([...new Set(shown)]) }) : []).map((item) => [item.id, item]));
    const byEvent = new Map<string, CoverageConflict[]>(eventIds.map((id) => [id, []]));
    for (const row of rows) {
      byEvent.get(row.event_id)?.push({
        assigneeId: row.assignee_id,
        coverage: coverages.get(row.coverage_id) as Coverage,
        overlapsWith: visible.has(row.other_workspace_id) ? (coverages.get(row.other_coverage_id) as Coverage) : null,
        overlapStartsAt: new Date(row.overlap_starts_at),
        overlapEndsAt: new Date(row.overlap_ends_at),
      });
    }
    return eventIds.map((id) => byEvent.get(id) ?? []);
  }

  // Coverage

  async coverage(actor: Actor, coverageId: string, action: WorkspaceAction): Promise<{ coverage: Coverage; access: WorkspaceAccess }> {
    const coverage = await this.coverages.findOneBy({ id: coverageId });
    if (!coverage) throw new NotFoundError('Coverage');
    const access = await this.policy.assert(actor, action, { workspaceId: coverage.workspaceId, kind: 'Coverage' });
    return { coverage, access };
  }

  /** For the event as a whole, or for one of its sessions. */
  async plan(actor: Actor, input: PlanCoverageInput): Promise<Coverage> {
    const { event: found } = await this.event(actor, input.eventId, 'coverage.plan');
    return this.dataSource.transaction(async (manager) => {
      const event = await lockEvent(manager, found.id);
      if (input.sessionId && !(await manager.existsBy(EventSession, { id: input.sessionId, eventId: event.id }))) throw new NotFoundError('Session');
      const dueAt = input.dueAt === undefined ? null : parseEventTime(input.dueAt, event.timeZone);
      if (dueAt === null && input.dueAt !== undefined) throw BadUserInputError.field('dueAt', 'must be an instant or a wall-clock time');
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

  /**
   * To a person with access to the workspace acting for the named (active partner) organization,
   * in a role that may update coverage. Assigning again hands it to someone else and tells both.
   */
  async assign(actor: Actor, input: AssignCoverageInput): Promise<Coverage> {
    const { coverage: found, access } = await this.coverage(actor, input.coverageId, 'coverage.assign');
    const theirs = await this.policy.accessOf({ userId: input.assigneeId }, found.workspaceId);
    if (theirs?.organizationId !== input.organizationId) {
      throw new PreconditionFailedError('This person cannot cover for this organization here', [
        'The assignee must be a member of the workspace acting for that organization',
      ]);
    }
    if (!roleAllows(theirs.role, 'coverage.update')) {
      throw new PreconditionFailedError(`A ${theirs.role} cannot cover`, ['The assignee must be a contributor, an editor, a coordinator or an owner']);
    }
    return this.dataSource.transaction(async (manager) => {
      const coverage = await lockCoverage(manager, found.id);
      assertMove(coverage.status, CoverageStatus.ASSIGNED, moversOf(actor, coverage, access));
      const previous = coverage.assigneeId;
      Object.assign(coverage, {
        assigneeId: input.assigneeId,
        assigneeOrganizationId: input.organizationId,
        assignedById: actor.userId,
        status: CoverageStatus.ASSIGNED,
        sequence: coverage.sequence + 1,
      });
      await manager.save(coverage);
      if (previous !== input.assigneeId) {
        await this.notifications.notify(
          [
            notice(coverage, input.assigneeId, 'coverage.assigned', { fr: 'Une couverture vous est confiée', en: 'A coverage was assigned to you' }),
            ...(previous ? [notice(coverage, previous, 'coverage.unassigned', { fr: 'Une couverture a été confiée à quelqu’un d’autre', en: 'A coverage was handed to someone else' })] : []),
          ],
          manager,
        );
      }
      await this.audit.inWorkspace(manager, actor, coverage.workspaceId, 'coverage.assigned', 'coverage', coverage.id, {
        assigneeId: input.assigneeId,
        organizationId: input.organizationId,
        previousAssigneeId: previous,
      });
      return coverage;
    });
  }

  /** Only the assignee answers; declining hands the coverage back, unassigned, and tells who assigned it. */
  async respond(actor: Actor, input: RespondToAssignmentInput): Promise<Coverage> {
    const { coverage: found, access } = await this.coverage(actor, input.coverageId, 'coverage.update');
    return this.dataSource.transaction(async (manager) => {
      const coverage = await lockCoverage(manager, found.id);
      if (coverage.assigneeId !== actor.userId) throw new ForbiddenError('Only the assignee answers an assignment');
      if (coverage.status !== CoverageStatus.ASSIGNED) {
        throw new PreconditionFailedError('There is no assignment to answer', [`The coverage is ${coverage.status}`]);
      }
      const to = input.accept ? CoverageStatus.ACCEPTED : CoverageStatus.UNASSIGNED;
      assertMove(coverage.status, to, moversOf(actor, coverage, access));
      const assigner = coverage.assignedById ?? coverage.createdById;
      if (input.accept) coverage.status = to;
      else unassign(coverage);
      coverage.sequence += 1;
      await manager.save(coverage);
      if (!input.accept && assigner !== actor.userId) {
        await this.notifications.notify(
          [notice(coverage, assigner, 'coverage.declined', { fr: 'Une couverture a été refusée', en: 'A coverage was declined' })],
          manager,
        );
      }
      await this.audit.inWorkspace(manager, actor, coverage.workspaceId, input.accept ? 'coverage.accepted' : 'coverage.declined', 'coverage', coverage.id, {});
      return coverage;
    });
  }

  /**
   * Moves a coverage along TRANSITIONS (each step by whom the table says) and records its
   * deliverable while the work is in progress or filed: an article of the same workspace the caller
   * can see, or an http(s) address — one replaces the other. Filing and publishing need one.
   * UNASSIGNED takes the coverage back from its assignee (or the assignee hands it back).
   */
  async update(actor: Actor, input: UpdateCoverageInput): Promise<Coverage> {
    if (input.deliverableArticleId && input.deliverableUrl) {
      throw BadUserInputError.field('deliverableUrl', 'a coverage delivers either an article or a URL');
    }
    if (input.status === CoverageStatus.ASSIGNED || input.status === CoverageStatus.ACCEPTED) {
      throw BadUserInputError.field('status', 'assign with assignCoverage; the assignee accepts with respondToAssignment');
    }
    const { coverage: found, access } = await this.coverage(actor, input.coverageId, 'coverage.update');
    const article = input.deliverableArticleId ? await this.deliverableArticle(actor, input.deliverableArticleId, found.workspaceId) : null;
    return this.dataSource.transaction(async (manager) => {
      const coverage = await lockCoverage(manager, found.id);
      const movers = moversOf(actor, coverage, access);
      if (!movers.length) {
        throw new ForbiddenError('Only its assignee, a coordinator or an owner updates a coverage');
      }
      const from = coverage.status;
      if (isFinal(from)) throw new PreconditionFailedError(`A ${from} coverage no longer changes`, [`The coverage is ${from}`]);
      const to = input.status ?? from;
      if (to !== from) assertMove(from, to, movers);
      if ((article || input.deliverableUrl) && !DELIVERING.includes(to)) {
        throw new PreconditionFailedError('A deliverable is recorded once the work is in progress', [`The coverage is ${to}`]);
      }
      if (article) Object.assign(coverage, { deliverableArticleId: article.id, deliverableUrl: null });
      if (input.deliverableUrl) Object.assign(coverage, { deliverableArticleId: null, deliverableUrl: input.deliverableUrl });
      if ((to === CoverageStatus.FILED || to === CoverageStatus.PUBLISHED) && !coverage.deliverableArticleId && !coverage.deliverableUrl) {
        throw new PreconditionFailedError('There is nothing delivered yet', ['A filed or published coverage names its deliverable: an article or a URL']);
      }
      const assignee = coverage.assigneeId;
      const assigner = coverage.assignedById ?? coverage.createdById;
      if (to === CoverageStatus.UNASSIGNED) unassign(coverage);
      coverage.status = to;
      coverage.sequence += 1;
      await manager.save(coverage);
      await this.notifications.notify(this.noticesOfMove(actor, coverage, from, to, assignee, assigner), manager);
      await this.audit.inWorkspace(manager, actor, coverage.workspaceId, 'coverage.updated', 'coverage', coverage.id, {
        from,
        to,
        deliverableArticleId: coverage.deliverableArticleId,
        deliverableUrl: coverage.deliverableUrl,
      });
      return coverage;
    });
  }

  /** An article delivered for a coverage got published: the coverage is published too (from IN_PROGRESS or FILED). */
  @OnEvent(ARTICLE_PUBLISHED, { promisify: true })
  async onArticlePublished({ articleId, workspaceId }: ArticlePublishedEvent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const delivered = await manager.find(Coverage, {
        where: { deliverableArticleId: articleId, workspaceId, status: In(statusesMovableTo(CoverageStatus.PUBLISHED, 'publication')) },
        lock: { mode: 'pessimistic_write' },
      });
      for (const coverage of delivered) {
        await manager.update(Coverage, { id: coverage.id }, { status: CoverageStatus.PUBLISHED, sequence: coverage.sequence + 1 });
        await this.audit.record(
          { actorId: null, action: 'coverage.updated', resourceType: 'coverage', resourceId: coverage.id, workspaceId, details: { from: coverage.status, to: CoverageStatus.PUBLISHED, articleId } },
          manager,
        );
      }
    });
  }

  /** The deliverable article of each coverage, for this viewer: null when there is none or they may not see it. */
  async deliverableArticlesFor(viewer: Actor, coverages: readonly Coverage[]): Promise<(Article | null)[]> {
    // One lookup per distinct article: ArticlesService offers no batched visibility check yet.
    const ids = [...new Set(coverages.flatMap((coverage) => (coverage.deliverableArticleId ? [coverage.deliverableArticleId] : [])))];
    const found = new Map(await Promise.all(ids.map(async (id) => [id, await this.articles.findVisible(viewer, id).catch(nullIfNotFound)] as const)));
    return coverages.map((coverage) => (coverage.deliverableArticleId && found.get(coverage.deliverableArticleId)) || null);
  }

  /** Everything assigned to a person in the workspaces they still have access to (for their calendar). */
  async assignmentsOf(userId: string, workspaceIds: readonly string[]): Promise<Coverage[]> {
    if (!workspaceIds.length) return [];
    return this.coverages.find({ where: { assigneeId: userId, workspaceId: In([...workspaceIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  eventsOfWorkspace(workspaceId: string): Promise<Event[]> {
    return this.events.find({ where: { workspaceId }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  private async assertOrganization(organizationId: string): Promise<void> {
    if (!(await this.organizations.findByIds([organizationId])).length) {
      throw BadUserInputError.field('organizerOrganizationId', 'must be an organization of the directory');
    }
  }

  private async deliverableArticle(actor: Actor, articleId: string, workspaceId: string): Promise<Article> {
    const article = await this.articles.findVisible(actor, articleId);
    if (article.workspaceId !== workspaceId) throw BadUserInputError.field('deliverableArticleId', 'must be an article of the same workspace');
    return article;
  }

  /** Cancels what the event's managers may cancel of its coverage, and tells the assignees. */
  private async cancelOpenCoverage(manager: EntityManager, event: Event): Promise<string[]> {
    const open = await manager.find(Coverage, {
      where: { eventId: event.id, status: In(statusesMovableTo(CoverageStatus.CANCELLED, 'manager')) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!open.length) return [];
    await manager.update(Coverage, { id: In(open.map((coverage) => coverage.id)) }, { status: CoverageStatus.CANCELLED, sequence: () => 'sequence + 1' });
    await this.notifications.notify(
      open.flatMap((coverage) =>
        coverage.assigneeId
          ? [notice(coverage, coverage.assigneeId, 'coverage.cancelled', { fr: `Événement annulé : ${event.title.fr}`, en: `Event cancelled: ${event.title.en}` })]
          : [],
      ),
      manager,
    );
    return open.map((coverage) => coverage.id);
  }

  /** Who must hear of a status change they did not make themselves. */
  private noticesOfMove(actor: Actor, coverage: Coverage, from: CoverageStatus, to: CoverageStatus, assignee: string | null, assigner: string): NewNotification[] {
    const notices: NewNotification[] = [];
    const tell = (userId: string | null, kind: NotificationKind, message: LocalizedText) => {
      if (userId && userId !== actor.userId) notices.push(notice(coverage, userId, kind, message));
    };
    if (to === CoverageStatus.UNASSIGNED && from !== to) {
      tell(assignee, 'coverage.unassigned', { fr: 'Une couverture vous a été retirée', en: 'A coverage was taken back from you' });
      if (assignee === actor.userId) tell(assigner, 'coverage.declined', { fr: 'Une couverture a été rendue', en: 'A coverage was handed back' });
    }
    if (to === CoverageStatus.CANCELLED && from !== to) tell(assignee, 'coverage.cancelled', { fr: 'Une couverture a été annulée', en: 'A coverage was cancelled' });
    return notices;
  }
}

function moversOf(actor: Actor, coverage: Coverage, access: WorkspaceAccess): Mover[] {
  return [...(roleAllows(access.role, 'coverage.manage') ? (['manager'] as const) : []), ...(coverage.assigneeId === actor.userId ? (['assignee'] as const) : [])];
}

const MOVER_NAMES: Record<Mover, string> = { manager: 'a coordinator or an owner', assignee: 'its assignee', publication: 'the publication of its article' };

/** PRECONDITION_FAILED for a move the table does not have; FORBIDDEN for one that is not the caller's to make. */
function assertMove(from: CoverageStatus, to: CoverageStatus, movers: readonly Mover[]): void {
  if (!isTransition(from, to)) throw new PreconditionFailedError(`A coverage cannot go from ${from} to ${to}`, [`The coverage is ${from}`]);
  if (!canMove(from, to, movers)) {
    const who = (TRANSITIONS[from][to] ?? []).map((mover) => MOVER_NAMES[mover]).join(' or ');
    throw new ForbiddenError(`Only ${who} takes a coverage from ${from} to ${to}`);
  }
}

function unassign(coverage: Coverage): void {
  Object.assign(coverage, { status: CoverageStatus.UNASSIGNED, assigneeId: null, assigneeOrganizationId: null, assignedById: null });
}

async function lockEvent(manager: EntityManager, eventId: string): Promise<Event> {
  const event = await manager.findOne(Event, { where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
  if (!event) throw new NotFoundError('Event');
  if (event.status === EventStatus.CANCELLED) throw new PreconditionFailedError('The event is cancelled', ['A cancelled event no longer changes']);
  return event;
}

async function lockCoverage(manager: EntityManager, coverageId: string): Promise<Coverage> {
  const coverage = await manager.findOne(Coverage, { where: { id: coverageId }, lock: { mode: 'pessimistic_write' } });
  if (!coverage) throw new NotFoundError('Coverage');
  return coverage;
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

async function assertSessionsWithin(manager: EntityManager, eventId: string, startsAt: Date, endsAt: Date): Promise<void> {
  const outside = await manager
    .createQueryBuilder(EventSession, 'session')
    .where('session.event_id = :eventId', { eventId })
    .andWhere('(session.starts_at < :startsAt OR session.ends_at > :endsAt)', { startsAt, endsAt })
    .getExists();
  if (outside) throw BadUserInputError.field('startsAt', 'the event must still contain its sessions');
}

function nullIfNotFound(error: unknown): null {
  if (error instanceof NotFoundError) return null;
  throw error;
}

function notice(coverage: Coverage, userId: string, kind: NotificationKind, message: LocalizedText): NewNotification {
  return { userId, kind, workspaceId: coverage.workspaceId, resourceType: 'coverage', resourceId: coverage.id, message };
}
