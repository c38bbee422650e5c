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

const { UNASSIGNED, ASSIGNED, ACCEPTED, IN_PROGRESS, FILED, PUBLISHED, CANCELLED } = CoverageStatus;

/**
 * Where a coverage may go from each status. Assigning (→ ASSIGNED) and answering (→ ACCEPTED, or
 * back to UNASSIGNED) have their own mutations; the rest goes through updateCoverage.
 * PUBLISHED and CANCELLED are final.
 */
export const TRANSITIONS: Record<CoverageStatus, readonly CoverageStatus[]> = {
  [UNASSIGNED]: [ASSIGNED, CANCELLED],
  [ASSIGNED]: [ASSIGNED, ACCEPTED, UNASSIGNED, CANCELLED],
  [ACCEPTED]: [ASSIGNED, IN_PROGRESS, UNASSIGNED, CANCELLED],
  [IN_PROGRESS]: [FILED, CANCELLED],
  [FILED]: [IN_PROGRESS, PUBLISHED, CANCELLED],
  [PUBLISHED]: [],
  [CANCELLED]: [],
};

export function canMove(from: CoverageStatus, to: CoverageStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Someone is committed to it: what counts for double bookings. */
export const COMMITTED: readonly CoverageStatus[] = [ASSIGNED, ACCEPTED, IN_PROGRESS];

/** Still to be delivered: what cancelling an event cancels. */
export const OPEN: readonly CoverageStatus[] = [UNASSIGNED, ASSIGNED, ACCEPTED, IN_PROGRESS, FILED];
