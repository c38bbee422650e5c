import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditService, NotificationsService } from '../activity';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { Actor } from '../common/request-context';
import { OrganizationsService } from '../organizations';
import { AccessPolicy } from './access-policy';
import { PartnerInvitationMail } from './partner-invitation-mail';
import { AddWorkspaceMemberInput, ChangeWorkspaceRoleInput, CreateWorkspaceInput, RemoveWorkspaceMemberInput, RespondToPartnerInvitationInput, WorkspaceOrganizationInput } from './dto/workspace.inputs';
import { awaitsAnswer, isActivePartner, keepsAnOwner, mayChangeRole, mayGrantRole, mayInviteAgain, mayLeave, mayRemoveMember, memberRemovalAction } from './workspace-access';
import { PartnerStatus, Workspace, WorkspaceMember, WorkspacePartner, WorkspaceRole } from './workspace.entity';
import { partnerInvitationNotices } from './workspace-notices';
import { WorkspaceStore } from './workspace.store';

const HOST_STAYS = 'The host organization cannot leave its own workspace';
const LAST_OWNER = 'A workspace must keep at least one owner';
const OWNER_ONLY = 'Only an owner may grant, change or remove the OWNER role';
const NOT_ADDABLE = 'Only members of an active partner organization can be added';

/**
 * Who is in a workspace: opening it with its host and first owner, partner organizations
 * (invited by its managers, answering and leaving through their admins), and members, each
 * acting for one active partner with one role. The rules are in workspace-access.ts.
 */
@Injectable()
export class WorkspaceMembershipService {
  constructor(
    private readonly store: WorkspaceStore,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly invitationMail: PartnerInvitationMail,
    private readonly notifications: NotificationsService,
  ) {}

  // Opening

  /** By an admin of the host organization, who becomes the first OWNER. */
  async create(actor: Actor, input: CreateWorkspaceInput): Promise<Workspace> {
    await this.organizations.getById(input.hostOrganizationId);
    await this.organizations.assertAdmin(actor, input.hostOrganizationId);
    return this.dataSource.transaction(async (tx) => {
      if (await this.store.slugTaken(tx, input.slug)) {
        throw new ConflictError('A workspace with this slug already exists', { field: 'slug' });
      }
      const workspace = await this.store.insert(tx, {
        slug: input.slug,
        name: input.name,
        description: input.description ?? { fr: null, en: null },
        hostOrganizationId: input.hostOrganizationId,
      });
      await this.store.addHost(tx, workspace, actor.userId);
      await this.store.addMember(tx, { workspaceId: workspace.id, userId: actor.userId, organizationId: workspace.hostOrganizationId, role: WorkspaceRole.OWNER });
      await this.audit.inWorkspace(tx, actor, workspace.id, AuditAction.workspaceCreated, 'workspace', workspace.id, { slug: workspace.slug });
      return workspace;
    });
  }

  // Partners

  /**
   * Owners and coordinators invite; an organization that declined or left may be invited again. Its
   * admins are told by e-mail (throttled per `clientAddress` and per organization), with a link to answer.
   */
  async invitePartner(actor: Actor, input: WorkspaceOrganizationInput, clientAddress: string): Promise<WorkspacePartner> {
    await this.policy.assert(actor, 'workspace.invite_partner', { workspaceId: input.workspaceId });
    await this.organizations.getById(input.organizationId);
    await this.invitationMail.admit(input.organizationId, clientAddress);
    return this.dataSource.transaction(async (tx) => {
      const earlier = await this.store.lockPartner(tx, input.workspaceId, input.organizationId);
      if (earlier && !mayInviteAgain(earlier)) {
        throw new ConflictError(`This organization is already ${earlier.status.toLowerCase()}`, { status: earlier.status });
      }
      const answered = earlier?.respondedAt ?? null;
      const partner = await this.store.recordInvitation(tx, earlier, { ...input, invitedById: actor.userId });
      const admins = await this.organizations.adminIds(input.organizationId, tx);
      await this.invitationMail.enqueue(tx, partner, admins, answered);
      await this.notifications.notify(partnerInvitationNotices(partner, await this.store.get(input.workspaceId, tx), admins), tx);
      await this.audit.inWorkspace(tx, actor, input.workspaceId, AuditAction.workspacePartnerInvited, 'workspace_partner', partner.id, {
        organizationId: input.organizationId,
      });
      return partner;
    });
  }

  /** An admin of the invited organization accepts or declines. */
  async respondToInvitation(actor: Actor, input: RespondToPartnerInvitationInput): Promise<WorkspacePartner> {
    await this.assertOrganizationAdmin(actor, input, 'Partner invitation', 'Only an admin of the invited organization may respond');
    return this.dataSource.transaction(async (tx) => {
      const partner = await this.store.lockPartner(tx, input.workspaceId, input.organizationId);
      if (!partner) throw new NotFoundError('Partner invitation');
      if (!awaitsAnswer(partner)) throw new ConflictError('This invitation was already answered', { status: partner.status });
      await this.store.setPartnerStatus(tx, partner, input.accept ? PartnerStatus.ACTIVE : PartnerStatus.DECLINED);
      const action = input.accept ? AuditAction.workspacePartnerAccepted : AuditAction.workspacePartnerDeclined;
      await this.audit.inWorkspace(tx, actor, input.workspaceId, action, 'workspace_partner', partner.id, { organizationId: input.organizationId });
      return partner;
    });
  }

  /**
   * An admin of a partner organization takes it out of the workspace: its members lose access at
   * once; what they wrote stays, attributed to them and their organization. The host stays.
   */
  async leave(actor: Actor, input: WorkspaceOrganizationInput): Promise<WorkspacePartner> {
    await this.assertOrganizationAdmin(actor, input, 'Workspace', 'Only an admin of the organization may take it out of a workspace');
    return this.dataSource.transaction(async (tx) => {
      const partner = await this.store.lockPartner(tx, input.workspaceId, input.organizationId);
      if (!isActivePartner(partner)) throw new NotFoundError('Partner');
      if (!mayLeave(await this.store.get(input.workspaceId, tx), input.organizationId)) throw new PreconditionFailedError(HOST_STAYS, [HOST_STAYS]);
      await this.store.setPartnerStatus(tx, partner, PartnerStatus.LEFT);
      const membersRemoved = await this.store.removeMembersActingFor(tx, input.workspaceId, input.organizationId);
      await this.audit.inWorkspace(tx, actor, input.workspaceId, AuditAction.workspacePartnerLeft, 'workspace_partner', partner.id, {
        organizationId: input.organizationId,
        membersRemoved,
      });
      return partner;
    });
  }

  // Members

  /** The person must be a member of the ACTIVE partner organization they will act for. */
  async addMember(actor: Actor, input: AddWorkspaceMemberInput): Promise<WorkspaceMember> {
    const access = await this.policy.assert(actor, 'workspace.manage_members', { workspaceId: input.workspaceId });
    if (!mayGrantRole(access, input.role)) throw new ForbiddenError(OWNER_ONLY);
    if (!isActivePartner(await this.store.partnerOf(input.workspaceId, input.organizationId))) {
      throw new PreconditionFailedError(NOT_ADDABLE, ['The organization is not an active partner of this workspace']);
    }
    if (!(await this.organizations.membershipOf(input.userId, input.organizationId))) {
      throw new PreconditionFailedError(NOT_ADDABLE, ['The person is not a member of this organization']);
    }
    return this.dataSource.transaction(async (tx) => {
      if (await this.store.memberOf(tx, input.workspaceId, input.userId)) throw new ConflictError('This person is already a member of the workspace');
      const member = await this.store.addMember(tx, input);
      await this.audit.inWorkspace(tx, actor, input.workspaceId, AuditAction.workspaceMemberAdded, 'workspace_member', member.id, {
        userId: input.userId,
        organizationId: input.organizationId,
        role: input.role,
      });
      return member;
    });
  }

  async changeRole(actor: Actor, input: ChangeWorkspaceRoleInput): Promise<WorkspaceMember> {
    const access = await this.policy.assert(actor, 'workspace.manage_members', { workspaceId: input.workspaceId });
    return this.dataSource.transaction(async (tx) => {
      const member = await this.lockedMember(tx, input.workspaceId, input.userId);
      if (member.role === input.role) return member;
      if (!mayChangeRole(access, member.role, input.role)) throw new ForbiddenError(OWNER_ONLY);
      await this.assertKeepsAnOwner(tx, member);
      const from = member.role;
      member.role = input.role;
      await this.store.saveMember(tx, member);
      const details = { userId: input.userId, from, to: input.role };
      await this.audit.inWorkspace(tx, actor, input.workspaceId, AuditAction.workspaceMemberRoleChanged, 'workspace_member', member.id, details);
      return member;
    });
  }

  /** By an owner or coordinator, or by members themselves (leaving). The last owner stays. */
  async removeMember(actor: Actor, input: RemoveWorkspaceMemberInput): Promise<boolean> {
    const access = await this.policy.assert(actor, memberRemovalAction(actor.userId, input.userId), { workspaceId: input.workspaceId });
    return this.dataSource.transaction(async (tx) => {
      const member = await this.lockedMember(tx, input.workspaceId, input.userId);
      if (!mayRemoveMember(access, member)) throw new ForbiddenError(OWNER_ONLY);
      await this.assertKeepsAnOwner(tx, member);
      await this.store.removeMember(tx, member);
      const action = access.userId === member.userId ? AuditAction.workspaceMemberLeft : AuditAction.workspaceMemberRemoved;
      const details = { userId: input.userId, organizationId: member.organizationId, role: member.role };
      await this.audit.inWorkspace(tx, actor, input.workspaceId, action, 'workspace_member', input.userId, details);
      return true;
    });
  }

  /**
   * The member row to change, with the workspace locked first: two owners demoting each other
   * at once are serialized, and one stays owner.
   */
  private async lockedMember(tx: EntityManager, workspaceId: string, userId: string): Promise<WorkspaceMember> {
    await this.store.lock(tx, workspaceId);
    const member = await this.store.memberOf(tx, workspaceId, userId);
    if (!member) throw new NotFoundError('Member');
    return member;
  }

  private async assertKeepsAnOwner(tx: EntityManager, member: WorkspaceMember): Promise<void> {
    if (!keepsAnOwner(member.role, await this.store.ownerCount(tx, member.workspaceId))) throw new PreconditionFailedError(LAST_OWNER, [LAST_OWNER]);
  }

  /**
   * Only an admin of the organization answers for it. To anyone else the partner does not exist,
   * unless they already have access to the workspace (then FORBIDDEN).
   */
  private async assertOrganizationAdmin(actor: Actor, input: WorkspaceOrganizationInput, missing: string, forbidden: string): Promise<void> {
    // An admin still meets the organization's MFA requirement, or is told so.
    if (await this.organizations.isAdmin(actor.userId, input.organizationId)) return void (await this.organizations.assertAdmin(actor, input.organizationId));
    if (await this.policy.accessOf(actor, input.workspaceId)) throw new ForbiddenError(forbidden);
    throw new NotFoundError(missing);
  }
}
