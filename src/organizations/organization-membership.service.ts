import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditService } from '../activity';
import { UsersService } from '../auth';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { Connection, PageArgs } from '../common/pagination';
import { Actor } from '../common/request-context';
import { hashToken, newOpaqueToken } from '../common/tokens';
import { EmailNotVerifiedError } from './email-not-verified.error';
import { OrganizationInvitationMail } from './invitation-mail';
import { AcceptOrganizationInvitationInput, ChangeOrganizationRoleInput, DecideJoinRequestInput, InviteToOrganizationInput, OrganizationIdInput, RemoveOrganizationMemberInput } from './dto/organization.inputs';
import { addressRefusals, emailIsInDomains, invitationRefusals, keepsAnAdmin, mayAcceptInvitation, maySeeJoinRequest, removalNeedsAdmin } from './organization-access';
import { JoinRequest, JoinRequestStatus, OrganizationInvitation, OrganizationMembership, OrganizationRole } from './organization.entity';
import { OrganizationStore } from './organization.store';
import { OrganizationsService } from './organizations.service';

const INVITATION_TTL_MS = 7 * 24 * 3600_000;
const LAST_ADMIN = 'An organization must keep at least one admin';
const ALREADY_MEMBER = 'You are already a member of this organization';

/**
 * Who belongs to an organization: the member list, invitations, join requests from its e-mail
 * domains, roles and removals. Admins manage; members read. The rules are in organization-access.ts.
 */
@Injectable()
export class OrganizationMembershipService {
  constructor(
    private readonly store: OrganizationStore,
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly invitationMail: OrganizationInvitationMail,
  ) {}

  // Reading

  async members(actor: Actor, organizationId: string, page: PageArgs): Promise<Connection<OrganizationMembership>> {
    await this.organizations.assertRole(actor, organizationId, [OrganizationRole.ADMIN, OrganizationRole.MEMBER]);
    return this.store.membersPage(organizationId, page);
  }

  async joinRequestsOf(actor: Actor, organizationId: string, page: PageArgs): Promise<Connection<JoinRequest>> {
    await this.organizations.assertAdmin(actor, organizationId);
    return this.store.joinRequestsPage(organizationId, page);
  }

  // Joining

  /**
   * The invitee receives the token by e-mail (throttled per `clientAddress` and per address); it is also
   * returned once, to the inviter. Only its SHA-256 is kept (and the clear token in the outbox, until sent).
   */
  async invite(actor: Actor, input: InviteToOrganizationInput, clientAddress: string): Promise<OrganizationInvitation> {
    await this.organizations.getById(input.organizationId);
    await this.organizations.assertAdmin(actor, input.organizationId);
    const invitee = await this.users.findByEmail(input.email);
    if (invitee && (await this.store.membershipOf(invitee.id, input.organizationId))) {
      throw new ConflictError('This person is already a member of the organization');
    }
    await this.invitationMail.admit(input.email, clientAddress);
    const to = await this.invitationMail.recipient(input.email, actor.userId);
    const token = newOpaqueToken();
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    return this.dataSource.transaction(async (tx) => {
      const { organizationId, email, role } = input;
      const invitation = await this.store.insertInvitation(tx, { organizationId, email, role, tokenHash: hashToken(token), invitedById: actor.userId, expiresAt });
      const resource = { type: 'organization_invitation', id: invitation.id };
      await this.audit.inOrganization(tx, actor, organizationId, AuditAction.organizationInvitationCreated, resource, { email, role });
      await this.invitationMail.enqueue(tx, to, invitation, token);
      return Object.assign(invitation, { token });
    });
  }

  /** Single use, before it expires, and only by the holder of the address it was sent to. */
  async acceptInvitation(actor: Actor, { token }: AcceptOrganizationInvitationInput): Promise<OrganizationMembership> {
    const user = await this.users.findById(actor.userId);
    return this.dataSource.transaction(async (tx) => {
      const invitation = await this.store.lockInvitationByHash(tx, hashToken(token));
      if (!invitation) throw new NotFoundError('Invitation');
      if (!mayAcceptInvitation(user?.email, invitation)) throw new ForbiddenError('This invitation was sent to another e-mail address');
      const sender = await this.store.membershipOf(invitation.invitedById, invitation.organizationId, tx);
      if (!user?.emailVerifiedAt) throw new EmailNotVerifiedError();
      const reasons = invitationRefusals(invitation, sender, new Date());
      if (reasons.length) throw new PreconditionFailedError('This invitation can no longer be accepted', reasons);
      if (await this.store.membershipOf(actor.userId, invitation.organizationId, tx)) throw new ConflictError(ALREADY_MEMBER);
      await this.store.markInvitationAccepted(tx, invitation, new Date());
      const { organizationId, role } = invitation;
      const membership = await this.store.addMembership(tx, { organizationId, userId: actor.userId, role });
      const resource = { type: 'organization_membership', id: membership.id };
      await this.audit.inOrganization(tx, actor, organizationId, AuditAction.organizationMemberJoined, resource, { via: 'invitation', role });
      return membership;
    });
  }

  /** Only holders of an address in one of the organization's domains may ask. */
  async requestToJoin(actor: Actor, { organizationId }: OrganizationIdInput): Promise<JoinRequest> {
    const organization = await this.organizations.getById(organizationId);
    const user = await this.users.findById(actor.userId);
    if (!user || !emailIsInDomains(user.email, organization.emailDomains)) {
      throw new ForbiddenError("Only holders of an address in one of the organization's domains may ask to join");
    }
    if (!user.emailVerifiedAt) throw new EmailNotVerifiedError();
    if (await this.store.membershipOf(actor.userId, organizationId)) throw new ConflictError(ALREADY_MEMBER);
    if (await this.store.hasPendingJoinRequest(actor.userId, organizationId)) {
      throw new ConflictError('You already asked to join this organization', { status: JoinRequestStatus.PENDING });
    }
    return this.dataSource.transaction((tx) => this.store.insertJoinRequest(tx, organizationId, actor.userId));
  }

  /** By an admin. To anyone but the admins and the person who asked, the request does not exist. */
  async decideJoinRequest(actor: Actor, input: DecideJoinRequestInput): Promise<JoinRequest> {
    return this.dataSource.transaction(async (tx) => {
      const request = await this.store.lockJoinRequest(tx, input.joinRequestId);
      const membership = request && (await this.store.membershipOf(actor.userId, request.organizationId, tx));
      if (!request || !maySeeJoinRequest(membership, request, actor.userId)) throw new NotFoundError('Join request');
      await this.organizations.assertAdmin(actor, request.organizationId, tx);
      if (request.status !== JoinRequestStatus.PENDING) throw new ConflictError('This request was already decided', { status: request.status });
      if (input.approve) await this.assertStillCountsForDomain(tx, request);
      request.status = input.approve ? JoinRequestStatus.APPROVED : JoinRequestStatus.REJECTED;
      request.decidedById = actor.userId;
      request.decidedAt = new Date();
      await this.store.saveJoinRequest(tx, request);
      if (input.approve) await this.store.addMemberUnlessPresent(tx, request.organizationId, request.userId);
      const action = input.approve ? AuditAction.organizationJoinRequestApproved : AuditAction.organizationJoinRequestRejected;
      await this.audit.inOrganization(tx, actor, request.organizationId, action, { type: 'join_request', id: request.id }, { userId: request.userId });
      return request;
    });
  }

  // Roles and removals

  async changeRole(actor: Actor, input: ChangeOrganizationRoleInput): Promise<OrganizationMembership> {
    await this.organizations.getById(input.organizationId);
    return this.dataSource.transaction(async (tx) => {
      const membership = await this.lockedMembership(tx, actor, input.organizationId, input.userId);
      if (membership.role === input.role) return membership;
      await this.assertKeepsAnAdmin(tx, membership);
      const from = membership.role;
      membership.role = input.role;
      await this.store.saveMembership(tx, membership);
      const resource = { type: 'organization_membership', id: membership.id };
      await this.audit.inOrganization(tx, actor, input.organizationId, AuditAction.organizationMemberRoleChanged, resource, { userId: input.userId, from, to: input.role });
      return membership;
    });
  }

  /** By an admin, or by members themselves (leaving). The last admin stays. */
  async removeMember(actor: Actor, input: RemoveOrganizationMemberInput): Promise<boolean> {
    await this.organizations.getById(input.organizationId);
    return this.dataSource.transaction(async (tx) => {
      const admin = removalNeedsAdmin(actor.userId, input.userId) ? actor : null;
      const membership = await this.lockedMembership(tx, admin, input.organizationId, input.userId);
      await this.assertKeepsAnAdmin(tx, membership);
      const resource = { type: 'organization_membership', id: membership.id };
      await this.store.removeMembership(tx, membership);
      await this.audit.inOrganization(tx, actor, input.organizationId, AuditAction.organizationMemberRemoved, resource, { userId: input.userId, role: membership.role });
      return true;
    });
  }

  /**
   * The membership to change, with the organization's row locked first: two admins demoting
   * each other at once are serialized, and one of them stays admin. `admin`, when given, must
   * still be an admin once the lock is held, not merely when the request began.
   */
  private async lockedMembership(tx: EntityManager, admin: Actor | null, organizationId: string, userId: string): Promise<OrganizationMembership> {
    await this.store.lock(tx, organizationId);
    if (admin) await this.organizations.assertAdmin(admin, organizationId, tx);
    const membership = await this.store.membershipOf(userId, organizationId, tx);
    if (!membership) throw new NotFoundError('Member');
    return membership;
  }

  /** A join request counts only while its author holds a verified address in one of the organization's domains (it may have changed since). */
  private async assertStillCountsForDomain(tx: EntityManager, request: JoinRequest): Promise<void> {
    const organization = await this.store.byId(request.organizationId, tx);
    const reasons = addressRefusals(await this.users.findById(request.userId, tx), organization?.emailDomains ?? []);
    if (reasons.length) throw new PreconditionFailedError('This person cannot join by domain', reasons);
  }

  private async assertKeepsAnAdmin(tx: EntityManager, membership: OrganizationMembership): Promise<void> {
    if (!keepsAnAdmin(membership.role, await this.store.adminCount(tx, membership.organizationId))) {
      throw new PreconditionFailedError(LAST_ADMIN, [LAST_ADMIN]);
    }
  }
}
