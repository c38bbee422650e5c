import { OrganizationRole } from './organization.entity';

/**
 * Who may do what in an organization: pure predicates over memberships, no I/O. The services
 * load the memberships, call these and refuse. Organizations are public, so refusals are FORBIDDEN.
 */

/** One's membership of the organization, or none. */
export type MembershipRole = { role: OrganizationRole } | null | undefined;

/** Admins manage: the profile, invitations, join requests, roles and members. */
export function isAdmin(membership: MembershipRole): boolean {
  return membership?.role === OrganizationRole.ADMIN;
}

/**
 * Whether MFA holds an admin back: an organization that requires it of its members lets its
 * admins act as such only once they have enrolled (and only an enrolled admin may require it).
 */
export function mfaHoldsBack(mfaRequired: boolean, mfaEnabled: boolean): boolean {
  return mfaRequired && !mfaEnabled;
}

/**
 * Whether the caller has MFA as an admin needs it: an enrolled account, and a session that passed
 * the second factor (a session opened with the password alone, before enrolment, does not become
 * one that did). An API token has no session: its creator's enrolment is what counts.
 */
export function hasSecondFactor(actor: { secondFactor?: boolean; apiToken?: unknown }, enrolled: boolean): boolean {
  return enrolled && (!!actor.apiToken || actor.secondFactor === true);
}

/** Whether the membership holds one of `roles` (members read the member list, admins manage). */
export function holdsRole<M extends { role: OrganizationRole }>(membership: M | null | undefined, roles: readonly OrganizationRole[]): membership is M {
  return !!membership && roles.includes(membership.role);
}

/** Members may remove themselves (leaving); removing anyone else is an admin's decision. */
export function removalNeedsAdmin(actorId: string, memberId: string): boolean {
  return actorId !== memberId;
}

/** The last admin stays: a member who is ADMIN loses the role only while another admin remains. */
export function keepsAnAdmin(role: OrganizationRole, admins: number): boolean {
  return role !== OrganizationRole.ADMIN || admins > 1;
}

/** Whether `email` is at one of `domains` or a sub-domain of one (jean@mcn.gouv.qc.ca is at gouv.qc.ca). */
export function emailIsInDomains(email: string, domains: readonly string[]): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return domains.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
}

/** Only the holder of the invited address accepts an invitation. */
export function mayAcceptInvitation(email: string | undefined, invitation: { email: string }): boolean {
  return email === invitation.email;
}

/**
 * Why an invitation can no longer be accepted (none: it can): used, expired, or its sender is no
 * longer an admin, since an invitation grants only what its sender may still grant.
 */
export function invitationRefusals(invitation: { acceptedAt: Date | null; expiresAt: Date }, sender: MembershipRole, now: Date): string[] {
  return [
    ...(invitation.acceptedAt ? ['The invitation was already used'] : []),
    ...(invitation.expiresAt.getTime() <= now.getTime() ? ['The invitation has expired'] : []),
    ...(!isAdmin(sender) ? ['The person who sent the invitation is no longer an admin of the organization'] : []),
  ];
}

/** A join request is known to the organization's admins and to the person who asked. */
export function maySeeJoinRequest(membership: MembershipRole, request: { userId: string }, userId: string): boolean {
  return isAdmin(membership) || request.userId === userId;
}

export const ADDRESS_NOT_VERIFIED = 'The e-mail address is not verified yet';

/**
 * Why a person's address does not count (none: it does): for its domain, or for an invitation
 * sent to it, an address counts only once its holder used the verification link mailed to it.
 */
export function addressRefusals(user: { email: string; emailVerifiedAt: Date | null } | null | undefined, domains?: readonly string[]): string[] {
  return [
    ...(user?.emailVerifiedAt ? [] : [ADDRESS_NOT_VERIFIED]),
    ...(domains && !(user && emailIsInDomains(user.email, domains)) ? ["The e-mail address is not in one of the organization's domains"] : []),
  ];
}
