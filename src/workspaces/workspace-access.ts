import type { WorkspaceAccess, WorkspaceAction } from './access-policy';
import { PartnerStatus, WorkspaceRole } from './workspace.entity';

/**
 * The workspace rules beyond the role table (POLICY in access-policy.ts): pure predicates, no
 * I/O. The services load what they need, call these and refuse.
 */

/** Only an owner grants, changes or removes the OWNER role; coordinators manage everyone else. */
export function mayGrantRole(access: Pick<WorkspaceAccess, 'role'>, role: WorkspaceRole): boolean {
  return role !== WorkspaceRole.OWNER || access.role === WorkspaceRole.OWNER;
}

/** Changing a member's role touches both the role they hold and the one they are given. */
export function mayChangeRole(access: Pick<WorkspaceAccess, 'role'>, from: WorkspaceRole, to: WorkspaceRole): boolean {
  return mayGrantRole(access, from) && mayGrantRole(access, to);
}

/** Members may leave by themselves; removing someone else takes away their role, so it must be one the remover may grant. */
export function mayRemoveMember(access: Pick<WorkspaceAccess, 'userId' | 'role'>, member: { userId: string; role: WorkspaceRole }): boolean {
  return access.userId === member.userId || mayGrantRole(access, member.role);
}

/** What removing `memberId` asks of the actor: leaving needs only access; removing someone else is managing members. */
export function memberRemovalAction(actorId: string, memberId: string): WorkspaceAction {
  return actorId === memberId ? 'workspace.read' : 'workspace.manage_members';
}

/** A workspace always keeps an owner: an OWNER loses the role only while another owner remains. */
export function keepsAnOwner(role: WorkspaceRole, owners: number): boolean {
  return role !== WorkspaceRole.OWNER || owners > 1;
}

/** The host organization cannot leave its own workspace. */
export function mayLeave(workspace: { hostOrganizationId: string }, organizationId: string): boolean {
  return workspace.hostOrganizationId !== organizationId;
}

/** An organization already invited or active cannot be invited again; one that declined or left can. */
export function mayInviteAgain(partner: { status: PartnerStatus }): boolean {
  return partner.status !== PartnerStatus.INVITED && partner.status !== PartnerStatus.ACTIVE;
}

/** An invitation is answered once: accepted or declined while INVITED. */
export function awaitsAnswer(partner: { status: PartnerStatus }): boolean {
  return partner.status === PartnerStatus.INVITED;
}

/** Only ACTIVE partners count: their members may be added, and only they can leave. */
export function isActivePartner<P extends { status: PartnerStatus }>(partner: P | null): partner is P {
  return partner?.status === PartnerStatus.ACTIVE;
}
