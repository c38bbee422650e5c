import { Actor } from '../common/request-context';
import { roleAllows, WorkspaceAccess } from '../workspaces';
import { Mover } from './coverage-state';
import { CalendarLink, Coverage } from './event.entity';

/**
 * Who may do what to coverage beyond the roles of POLICY (src/workspaces/access-policy.ts): the
 * assignee, the acting organization, the owner of a calendar link. Pure: the services call these and throw.
 */

/** The movers the caller counts as for this coverage: a manager ('coverage.manage'), its assignee, both or neither. */
export function moversOf(access: WorkspaceAccess, coverage: Pick<Coverage, 'assigneeId'>, actor: Pick<Actor, 'userId'>): Mover[] {
  return [...(roleAllows(access.role, 'coverage.manage') ? (['manager'] as const) : []), ...(coverage.assigneeId === actor.userId ? (['assignee'] as const) : [])];
}

/** 'coverage.update' is for the assignee, or a role with 'coverage.manage'. */
export function mayUpdateCoverage(access: WorkspaceAccess, coverage: Pick<Coverage, 'assigneeId'>, actor: Pick<Actor, 'userId'>): boolean {
  return moversOf(access, coverage, actor).length > 0;
}

/** Only the assignee answers an assignment (accepts or declines it). */
export function mayAnswerAssignment(coverage: Pick<Coverage, 'assigneeId'>, actor: Pick<Actor, 'userId'>): boolean {
  return coverage.assigneeId === actor.userId;
}

/** The would-be assignee has access to the workspace and acts there for the named organization. */
export function actsFor(theirs: WorkspaceAccess | null, organizationId: string): theirs is WorkspaceAccess {
  return theirs?.organizationId === organizationId;
}

/** Only a role that may update coverage may be assigned one. */
export function mayCover(theirs: WorkspaceAccess): boolean {
  return roleAllows(theirs.role, 'coverage.update');
}

/** Only its owner revokes a calendar link. */
export function mayRevokeCalendarLink(link: Pick<CalendarLink, 'ownerId'>, actor: Pick<Actor, 'userId'>): boolean {
  return link.ownerId === actor.userId;
}
