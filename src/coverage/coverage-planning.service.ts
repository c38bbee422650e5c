import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditService, NotificationsService } from '../activity';
import { BadUserInputError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { Actor } from '../common/request-context';
import { AccessPolicy, WorkspaceAccess, WorkspaceAction } from '../workspaces';
import { actsFor, mayAnswerAssignment, mayCover, mayUpdateCoverage, moversOf } from './coverage-access';
import { CoverageDeliverablesService } from './coverage-deliverables.service';
import { answerNotices, assignmentNotices, moveNotices } from './coverage-notices';
import { canMove, CoverageStatus, DELIVERING, isFinal, isTransition, Mover, TRANSITIONS } from './coverage-state';
import { CoverageStore } from './coverage.store';
import { AssignCoverageInput, PlanCoverageInput, RespondToAssignmentInput, UpdateCoverageInput } from './dto/coverage.inputs';
import { Coverage } from './event.entity';
import { EventStore } from './event.store';
import { EventsService } from './events.service';
import { parseEventTime } from './zoned-time';

/** Who covers what: planning a coverage, assigning it, the assignee's answer, and each move along coverage-state.ts. */
@Injectable()
export class CoveragePlanningService {
  constructor(
    private readonly store: CoverageStore,
    private readonly eventStore: EventStore,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly events: EventsService,
    private readonly deliverables: CoverageDeliverablesService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async coverage(actor: Actor, coverageId: string, action: WorkspaceAction): Promise<{ coverage: Coverage; access: WorkspaceAccess }> {
    const coverage = await this.store.findCoverage(coverageId);
    if (!coverage) throw new NotFoundError('Coverage');
    const access = await this.policy.assert(actor, action, { workspaceId: coverage.workspaceId, kind: 'Coverage' });
    return { coverage, access };
  }

  /** For the event as a whole, or for one of its sessions. */
  async plan(actor: Actor, input: PlanCoverageInput): Promise<Coverage> {
    const { event: found } = await this.events.event(actor, input.eventId, 'coverage.plan');
    return this.dataSource.transaction(async (tx) => {
      const event = await this.events.lockOpenEvent(tx, found.id);
      if (input.sessionId && !(await this.eventStore.isSessionOf(tx, input.sessionId, event.id))) throw new NotFoundError('Session');
      const dueAt = input.dueAt === undefined ? null : parseEventTime(input.dueAt, event.timeZone);
      if (dueAt === null && input.dueAt !== undefined) throw BadUserInputError.field('dueAt', 'must be an instant or a wall-clock time');
      const coverage = await this.store.insertCoverage(tx, {
        workspaceId: event.workspaceId,
        eventId: event.id,
        sessionId: input.sessionId ?? null,
        channel: input.channel,
        language: input.language ?? null,
        dueAt,
        notes: input.notes ?? null,
        createdById: actor.userId,
      });
      await this.audit.inWorkspace(tx, actor, coverage.workspaceId, AuditAction.coveragePlanned, 'coverage', coverage.id, { eventId: event.id, channel: coverage.channel });
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
    if (!actsFor(theirs, input.organizationId)) {
      throw new PreconditionFailedError('This person cannot cover for this organization here', [
        'The assignee must be a member of the workspace acting for that organization',
      ]);
    }
    if (!mayCover(theirs)) {
      throw new PreconditionFailedError(`A ${theirs.role} cannot cover`, ['The assignee must be a contributor, an editor, a coordinator or an owner']);
    }
    return this.dataSource.transaction(async (tx) => {
      const coverage = await this.lockCoverage(tx, found.id);
      assertMove(coverage.status, CoverageStatus.ASSIGNED, moversOf(access, coverage, actor));
      const previous = coverage.assigneeId;
      Object.assign(coverage, {
        assigneeId: input.assigneeId,
        assigneeOrganizationId: input.organizationId,
        assignedById: actor.userId,
        status: CoverageStatus.ASSIGNED,
        sequence: coverage.sequence + 1,
      });
      await this.store.saveCoverage(tx, coverage);
      if (previous !== input.assigneeId) await this.notifications.notify(assignmentNotices(coverage, input.assigneeId, previous), tx);
      await this.audit.inWorkspace(tx, actor, coverage.workspaceId, AuditAction.coverageAssigned, 'coverage', coverage.id, {
        eventId: coverage.eventId,
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
    return this.dataSource.transaction(async (tx) => {
      const coverage = await this.lockCoverage(tx, found.id);
      if (!mayAnswerAssignment(coverage, actor)) throw new ForbiddenError('Only the assignee answers an assignment');
      if (coverage.status !== CoverageStatus.ASSIGNED) {
        throw new PreconditionFailedError('There is no assignment to answer', [`The coverage is ${coverage.status}`]);
      }
      const to = input.accept ? CoverageStatus.ACCEPTED : CoverageStatus.UNASSIGNED;
      assertMove(coverage.status, to, moversOf(access, coverage, actor));
      const assigner = coverage.assignedById ?? coverage.createdById;
      if (input.accept) coverage.status = to;
      else unassign(coverage);
      coverage.sequence += 1;
      await this.store.saveCoverage(tx, coverage);
      await this.notifications.notify(answerNotices(actor, coverage, assigner, input.accept), tx);
      await this.audit.inWorkspace(tx, actor, coverage.workspaceId, input.accept ? AuditAction.coverageAccepted : AuditAction.coverageDeclined, 'coverage', coverage.id, {
        eventId: coverage.eventId,
      });
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
    const article = input.deliverableArticleId ? await this.deliverables.deliverableArticle(actor, input.deliverableArticleId, found.workspaceId) : null;
    return this.dataSource.transaction(async (tx) => {
      const coverage = await this.lockCoverage(tx, found.id);
      if (!mayUpdateCoverage(access, coverage, actor)) throw new ForbiddenError('Only its assignee, a coordinator or an owner updates a coverage');
      const from = coverage.status;
      if (isFinal(from)) throw new PreconditionFailedError(`A ${from} coverage no longer changes`, [`The coverage is ${from}`]);
      const to = input.status ?? from;
      if (to !== from) assertMove(from, to, moversOf(access, coverage, actor));
      if ((article || input.deliverableUrl) && !DELIVERING.includes(to)) {
        throw new PreconditionFailedError('A deliverable is recorded once the work is in progress', [`The coverage is ${to}`]);
      }
      if (article) Object.assign(coverage, { deliverableArticleId: article.id, deliverableUrl: null });
      if (input.deliverableUrl) Object.assign(coverage, { deliverableArticleId: null, deliverableUrl: input.deliverableUrl });
      if ((to === CoverageStatus.FILED || to === CoverageStatus.PUBLISHED) && !coverage.deliverableArticleId && !coverage.deliverableUrl) {
        throw new PreconditionFailedError('There is nothing delivered yet', ['A filed or published coverage names its deliverable: an article or a URL']);
      }
      const move = { from, to, assigneeId: coverage.assigneeId, assignerId: coverage.assignedById ?? coverage.createdById };
      if (to === CoverageStatus.UNASSIGNED) unassign(coverage);
      coverage.status = to;
      coverage.sequence += 1;
      await this.store.saveCoverage(tx, coverage);
      await this.notifications.notify(moveNotices(actor, coverage, move), tx);
      await this.audit.inWorkspace(tx, actor, coverage.workspaceId, AuditAction.coverageUpdated, 'coverage', coverage.id, {
        eventId: coverage.eventId,
        from,
        to,
        deliverableArticleId: coverage.deliverableArticleId,
        deliverableUrl: coverage.deliverableUrl,
      });
      return coverage;
    });
  }

  private async lockCoverage(tx: EntityManager, coverageId: string): Promise<Coverage> {
    const coverage = await this.store.lockCoverage(tx, coverageId);
    if (!coverage) throw new NotFoundError('Coverage');
    return coverage;
  }
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
