import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, EntityManager, In, Repository } from 'typeorm';
import { inOrderOfKeys } from '../common/key-order';
import { AccessPolicy } from '../workspaces';
import { CoverageStatus } from './coverage-state';
import { Coverage } from './event.entity';

/** One double booking as the conflict query finds it: a coverage of the event and another one of its assignee. */
export interface ConflictRow {
  eventId: string;
  coverageId: string;
  assigneeId: string;
  otherCoverageId: string;
  otherWorkspaceId: string;
  overlapStartsAt: Date;
  overlapEndsAt: Date;
}

/** Every query of coverage. */
@Injectable()
export class CoverageStore {
  constructor(@InjectRepository(Coverage) private readonly coverages: Repository<Coverage>) {}

  /** The coverage with this id, if any. */
  findCoverage(id: string): Promise<Coverage | null> {
    return this.coverages.findOneBy({ id });
  }

  /** The coverages with these ids, in no particular order. */
  coverageByIds(ids: readonly string[]): Promise<Coverage[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.coverages.findBy({ id: In([...ids]) });
  }

  /** The coverage of these events, event by event as given, each in the order it was planned; at most `limit` in all. */
  coverageOfEvents(eventIds: readonly string[], limit: number): Promise<Coverage[]> {
    if (!eventIds.length) return Promise.resolve([]);
    const query = this.coverages.createQueryBuilder('coverage').where('coverage.event_id IN (:...eventIds)', { eventIds });
    return inOrderOfKeys(query, 'coverage.event_id', eventIds, 'uuid', limit).addOrderBy('coverage.created_at').addOrderBy('coverage.id').getMany();
  }

  /** Everything assigned to a person in these workspaces, in the order it was planned. */
  assignmentsOf(userId: string, workspaceIds: readonly string[]): Promise<Coverage[]> {
    if (!workspaceIds.length) return Promise.resolve([]);
    return this.coverages.find({ where: { assigneeId: userId, workspaceId: In([...workspaceIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Locks the coverage's row until the transaction ends; null when there is none. */
  lockCoverage(tx: EntityManager, id: string): Promise<Coverage | null> {
    return tx.findOne(Coverage, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locks the event's coverage that is in one of `statuses`. */
  lockCoverageOfEvent(tx: EntityManager, eventId: string, statuses: readonly CoverageStatus[]): Promise<Coverage[]> {
    return tx.find(Coverage, { where: { eventId, status: In([...statuses]) }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locks the coverage of a workspace delivering this article that is in one of `statuses`. */
  lockDeliveriesOf(tx: EntityManager, articleId: string, workspaceId: string, statuses: readonly CoverageStatus[]): Promise<Coverage[]> {
    return tx.find(Coverage, { where: { deliverableArticleId: articleId, workspaceId, status: In([...statuses]) }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts a new coverage. */
  insertCoverage(tx: EntityManager, fields: DeepPartial<Coverage>): Promise<Coverage> {
    return tx.save(tx.create(Coverage, fields));
  }

  /** Writes a changed coverage. */
  saveCoverage(tx: EntityManager, coverage: Coverage): Promise<Coverage> {
    return tx.save(coverage);
  }

  /** Cancels these coverages, bumping each one's sequence. */
  cancelCoverages(tx: EntityManager, ids: readonly string[]): Promise<unknown> {
    return tx.update(Coverage, { id: In([...ids]) }, { status: CoverageStatus.CANCELLED, sequence: () => 'sequence + 1' });
  }

  /** Publishes a coverage read in this transaction, bumping its sequence. */
  publishCoverage(tx: EntityManager, coverage: Coverage): Promise<unknown> {
    return tx.update(Coverage, { id: coverage.id }, { status: CoverageStatus.PUBLISHED, sequence: coverage.sequence + 1 });
  }

  /**
   * For each event, its assignees committed (a coverage in one of `committed`, of an event not
   * cancelled) at an overlapping time to another coverage of a workspace they still have access to.
   * Two coverages of one session, or of a session and its whole event, are one presence.
   */
  async conflictsOfEvents(eventIds: readonly string[], committed: readonly CoverageStatus[]): Promise<ConflictRow[]> {
    const span = `tstzrange(coalesce(s.starts_at, e.starts_at), coalesce(s.ends_at, e.ends_at))`;
    const isCommitted = `c.assignee_id IS NOT NULL AND c.status = ANY($2::coverage_status[]) AND e.status <> 'CANCELLED'`;
    const rows: Record<string, string>[] = await this.coverages.query(
      `WITH mine AS (
         SELECT c.id, c.event_id, c.session_id, c.assignee_id, ${span} AS span
           FROM coverage c JOIN event e ON e.id = c.event_id LEFT JOIN event_session s ON s.id = c.session_id
          WHERE c.event_id = ANY($1::uuid[]) AND ${isCommitted}),
       theirs AS (
         SELECT c.id, c.workspace_id, c.event_id, c.session_id, c.assignee_id, ${span} AS span
           FROM coverage c JOIN event e ON e.id = c.event_id LEFT JOIN event_session s ON s.id = c.session_id
          WHERE c.assignee_id IN (SELECT assignee_id FROM mine) AND ${isCommitted}
            AND ${AccessPolicy.visibleToSql('c.assignee_id', { workspace: 'c.workspace_id' })})
       SELECT mine.event_id, mine.id AS coverage_id, mine.assignee_id, other.id AS other_coverage_id, other.workspace_id AS other_workspace_id,
              lower(mine.span * other.span) AS overlap_starts_at, upper(mine.span * other.span) AS overlap_ends_at
         FROM mine JOIN theirs other ON other.assignee_id = mine.assignee_id AND other.id <> mine.id AND mine.span && other.span
        WHERE NOT (other.event_id = mine.event_id AND (other.session_id IS NULL OR mine.session_id IS NULL OR other.session_id = mine.session_id))
        ORDER BY overlap_starts_at, mine.id, other.id`,
      [eventIds, committed],
    );
    return rows.map((row) => ({
      eventId: row.event_id,
      coverageId: row.coverage_id,
      assigneeId: row.assignee_id,
      otherCoverageId: row.other_coverage_id,
      otherWorkspaceId: row.other_workspace_id,
      overlapStartsAt: new Date(row.overlap_starts_at),
      overlapEndsAt: new Date(row.overlap_ends_at),
    }));
  }

  /** Coverage with an assignee, not filed yet (nor published or cancelled), due in (from, until]: what is due soon. */
  dueBetween(from: Date, until: Date): Promise<Coverage[]> {
    return this.coverages
      .createQueryBuilder('coverage')
      .where('coverage.assignee_id IS NOT NULL AND coverage.status IN (:...open)', { open: [CoverageStatus.ASSIGNED, CoverageStatus.ACCEPTED, CoverageStatus.IN_PROGRESS] })
      .andWhere('coverage.due_at > :from AND coverage.due_at <= :until', { from, until })
      .getMany();
  }
}
