import { registerEnumType } from '@nestjs/graphql';

export enum CoverageStatus {
  UNASSIGNED = 'UNASSIGNED',
  ASSIGNED = 'ASSIGNED',
  ACCEPTED = 'ACCEPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  FILED = 'FILED',
  PUBLISHED = 'PUBLISHED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CoverageStatus, { name: 'CoverageStatus' });

/**
 * Who moves a coverage: a `manager` (a role with 'coverage.manage'), its `assignee`, or the
 * `publication` of the article it delivers (the article.published listener).
 */
export type Mover = 'manager' | 'assignee' | 'publication';

const { UNASSIGNED, ASSIGNED, ACCEPTED, IN_PROGRESS, FILED, PUBLISHED, CANCELLED } = CoverageStatus;

/**
 * The one table of where a coverage may go from each status, and who may take it there. Moving to
 * ASSIGNED is assignCoverage (also a reassignment), ASSIGNED → ACCEPTED/UNASSIGNED by the assignee is
 * respondToAssignment; everything else is updateCoverage. PUBLISHED and CANCELLED are final.
 */
export const TRANSITIONS: Readonly<Record<CoverageStatus, Readonly<Partial<Record<CoverageStatus, readonly Mover[]>>>>> = {
  [UNASSIGNED]: { [ASSIGNED]: ['manager'], [CANCELLED]: ['manager'] },
  [ASSIGNED]: { [ASSIGNED]: ['manager'], [ACCEPTED]: ['assignee'], [UNASSIGNED]: ['manager', 'assignee'], [CANCELLED]: ['manager'] },
  [ACCEPTED]: { [IN_PROGRESS]: ['manager', 'assignee'], [ASSIGNED]: ['manager'], [UNASSIGNED]: ['manager', 'assignee'], [CANCELLED]: ['manager'] },
  [IN_PROGRESS]: {
    [FILED]: ['manager', 'assignee'],
    [PUBLISHED]: ['publication'],
    [ASSIGNED]: ['manager'],
    [UNASSIGNED]: ['manager'],
    [CANCELLED]: ['manager'],
  },
  [FILED]: { [PUBLISHED]: ['manager', 'publication'], [IN_PROGRESS]: ['manager', 'assignee'], [CANCELLED]: ['manager'] },
  [PUBLISHED]: {},
  [CANCELLED]: {},
};

/** Whether any mover may take a coverage from `from` to `to`. */
export function isTransition(from: CoverageStatus, to: CoverageStatus): boolean {
  return TRANSITIONS[from][to] !== undefined;
}

/** Whether one of `movers` may take a coverage from `from` to `to`. */
export function canMove(from: CoverageStatus, to: CoverageStatus, movers: readonly Mover[]): boolean {
  return !!TRANSITIONS[from][to]?.some((mover) => movers.includes(mover));
}

/** The statuses from which `mover` may take a coverage to `to` (e.g. what cancelling an event cancels). */
export function statusesMovableTo(to: CoverageStatus, mover: Mover): CoverageStatus[] {
  return Object.values(CoverageStatus).filter((from) => canMove(from, to, [mover]));
}

export function isFinal(status: CoverageStatus): boolean {
  return Object.keys(TRANSITIONS[status]).length === 0;
}

/** Someone is committed to be there: what counts for double bookings. */
export const COMMITTED: readonly CoverageStatus[] = [ASSIGNED, ACCEPTED, IN_PROGRESS];

/** While the work is being done or has been handed in, it names its deliverable. */
export const DELIVERING: readonly CoverageStatus[] = [IN_PROGRESS, FILED];
