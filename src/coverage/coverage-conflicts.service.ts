import { Injectable } from '@nestjs/common';
import { groupByKeys } from '../common/loaders';
import { Actor } from '../common/request-context';
import { AccessPolicy } from '../workspaces';
import { CoverageConflict } from './coverage-conflict';
import { COMMITTED } from './coverage-state';
import { CoverageStore } from './coverage.store';
import { Coverage } from './event.entity';

/** Double bookings: an assignee committed to two coverages at overlapping times. */
@Injectable()
export class CoverageConflictsService {
  constructor(
    private readonly store: CoverageStore,
    private readonly policy: AccessPolicy,
  ) {}

  /**
   * For each event, its assignees committed at an overlapping time to another coverage of a
   * workspace they still have access to, whichever it is. The other coverage is shown only if the
   * viewer has access to its workspace; otherwise only the overlap is (never what or where).
   */
  async conflictsOfEvents(viewer: Actor, eventIds: readonly string[]): Promise<CoverageConflict[][]> {
    const rows = await this.store.conflictsOfEvents(eventIds, COMMITTED);
    const visible = await this.policy.accessibleWorkspaces(viewer, [...new Set(rows.map((row) => row.otherWorkspaceId))]);
    const shown = rows.flatMap((row) => (visible.has(row.otherWorkspaceId) ? [row.coverageId, row.otherCoverageId] : [row.coverageId]));
    const coverages = new Map((await this.store.coverageByIds([...new Set(shown)])).map((item) => [item.id, item]));
    return groupByKeys(eventIds, rows, (row) => row.eventId).map((conflicts) =>
      conflicts.map((row) => ({
        assigneeId: row.assigneeId,
        coverage: coverages.get(row.coverageId) as Coverage,
        overlapsWith: visible.has(row.otherWorkspaceId) ? (coverages.get(row.otherCoverageId) as Coverage) : null,
        overlapStartsAt: row.overlapStartsAt,
        overlapEndsAt: row.overlapEndsAt,
      })),
    );
  }
}
