import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AuditEvent, AuditService } from '../activity';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { Actor } from '../common/request-context';
import { OrganizationRole, OrganizationsService } from '../organizations';
import { AccessPolicy, WorkspaceAccess } from './access-policy';
import {
  AddWorkspaceMemberInput,
  AuditEventsArgs,
  ChangeWorkspaceRoleInput,
  CreateWorkspaceInput,
  RemoveWorkspaceMemberInput,
  RespondToPartnerInvitationInput,
  WorkspaceOrganizationInput,
} from './dto/workspace.inputs';
import { PartnerStatus, Workspace, WorkspaceMember, WorkspacePartner, WorkspaceRole } from './workspace.entity';

const LAST_OWNER = 'A workspace must keep at least one owner';

/**
 * Workspaces, their partner organizations and their members. Every rule goes through the
 * access policy; what the caller has no access to is NOT_FOUND.
 */
@Injectable()
export class WorkspacesService {
  constructor(
    @InjectRepository(Workspace) private readonly workspaces: Repository<Workspace>,
    @InjectRepository(WorkspacePartner) private readonly partners: Repository<WorkspacePartner>,
    @InjectRepository(WorkspaceMember) private readonly members: Repository<WorkspaceMember>,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  // Reading

  async get(actor: Actor, workspaceId: string): Promise<Workspace> {
    await this.policy.assert(actor, 'workspace.read', { workspaceId });
    return this.workspaces.findOneByOrFail({ id: workspaceId });
  }

  /** The workspaces the caller has access to, oldest first. */
  listMine(actor: Actor, page: PageArgs): Promise<Connection<Workspace>> {
    const query = AccessPolicy.visibleTo(this.workspaces.createQueryBuilder('workspace'), actor, { workspace: 'workspace.id' });
    return paginate(query, page, byCreation('workspace', 'ASC'));
  }

  findByIds(ids: readonly string[]): Promise<Workspace[]> {
    return this.workspaces.findBy({ id: In([...ids]) });
  }

  /** For public endpoints (feeds): the workspace by slug, with no access check. */
  findBySlug(slug: string): Promise<Workspace | null> {
    return this.workspaces.findOneBy({ slug });
  }

  accessOf(actor: Actor, workspaceId: string): Promise<WorkspaceAccess | null> {
    return this.policy.accessOf(actor, workspaceId);
  }

  async listPartners(actor: Actor, workspaceId: string, page: PageArgs): Promise<Connection<WorkspacePartner>> {
    await this.policy.assert(actor, 'workspace.read', { workspaceId });
    const query = this.partners.createQueryBuilder('partner').where('partner.workspace_id = :workspaceId', { workspaceId });
    return paginate(query, page, byCreation('partner', 'ASC'));
  }

  /** Members who have access now: those of a partner that left, or who left their organization, are not listed. */
  async listMembers(actor: Actor, workspaceId: string, page: PageArgs): Promise<Connection<WorkspaceMember>> {
    await this.policy.assert(actor, 'workspace.read', { workspaceId });
    const query = this.members
      .createQueryBuilder('member')
      .where('member.workspace_id = :workspaceId', { workspaceId })
      .andWhere(AccessPolicy.visibleToSql('member.user_id', { workspace: 'member.workspace_id' }));
    return paginate(query, page, byCreation('member', 'ASC'));
  }

  async auditEvents(actor: Actor, args: AuditEventsArgs): Promise<Connection<AuditEvent>> {
    await this.policy.assert(actor, 'workspace.read_audit', { workspaceId: args.workspaceId });
    return this.audit.list({ workspaceId: args.workspaceId }, args);
  }

  // Changing

  /** By an admin of the host organization, who becomes the first OWNER. */
  async create(actor: Actor, input: CreateWorkspaceInput): Promise<Workspace> {
    await this.organizations.getById(input.hostOrganizationId);
    await this.organizations.assertRole(actor, input.hostOrganizationId, [OrganizationRole.ADMIN]);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Workspace, { slug: input.slug })) {
        throw new ConflictError('A workspace with this slug already exists', { field: 'slug' });
      }
      const workspace = await manager.save(
        manager.create(Workspace, {
          slug: input.slug,
          name: input.name,
          description: input.description ?? { fr: null, en: null },
          hostOrganizationId: input.hostOrganizationId,
        }),
      );
      await manager.insert(WorkspacePartner, {
        workspaceId: workspace.id,
        organizationId: input.hostOrganizationId,
        status: PartnerStatus.ACTIVE,
        invitedById: actor.userId,
        respondedAt: new Date(),
      });
      await manager.insert(WorkspaceMember, {
        workspaceId: workspace.id,
        userId: actor.userId,
        organizationId: input.hostOrganizationId,
        role: WorkspaceRole.OWNER,
      });
      await this.audit.inWorkspace(manager, actor, workspace.id, 'workspace.created', 'workspace', workspace.id, { slug: workspace.slug });
      return workspace;
    });
  }

  /** Owners and coordinators invite; an organization that declined or left may be invited again. */
  async invitePartner(actor: Actor, input: WorkspaceOrganizationInput): Promise<WorkspacePartner> {
    await this.policy.assert(actor, 'workspace.invite_partner', { workspaceId: input.workspaceId });
    await this.organizations.getById(input.organizationId);
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOne(WorkspacePartner, {
        where: { workspaceId: input.workspaceId, organizationId: input.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing && [PartnerStatus.INVITED, PartnerStatus.ACTIVE].includes(existing.status)) {
        throw new ConflictError(`This organization is already ${existing.status.toLowerCase()}`, { status: existing.status });
      }
      const partner = existing ?? manager.create(WorkspacePartner, { workspaceId: input.workspaceId, organizationId: input.organizationId });
      Object.assign(partner, { status: PartnerStatus.INVITED, invitedById: actor.userId, respondedAt: null });
      await manager.save(partner);
      await this.audit.inWorkspace(manager, actor, input.workspaceId, 'workspace.partner.invited', 'workspace_partner', partner.id, {
        organizationId: input.organizationId,
      });
      return partner;
    });
  }

  /**
   * An admin of the invited organization accepts or declines. To anyone else the invitation does
   * not exist, unless they already have access to the workspace (then FORBIDDEN).
   */
  async respondToInvitation(actor: Actor, input: RespondToPartnerInvitationInput): Promise<WorkspacePartner> {
    const membership = await this.organizations.membershipOf(actor.userId, input.organizationId);
    if (membership?.role !== OrganizationRole.ADMIN) {
      if (await this.policy.accessOf(actor, input.workspaceId)) throw new ForbiddenError('Only an admin of the invited organization may respond');
      throw new NotFoundError('Partner invitation');
    }
    return this.dataSource.transaction(async (manager) => {
      const partner = await manager.findOne(WorkspacePartner, {
        where: { workspaceId: input.workspaceId, organizationId: input.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!partner) throw new NotFoundError('Partner invitation');
      if (partner.status !== PartnerStatus.INVITED) {
        throw new ConflictError('This invitation was already answered', { status: partner.status });
      }
      partner.status = input.accept ? PartnerStatus.ACTIVE : PartnerStatus.DECLINED;
      partner.respondedAt = new Date();
      await manager.save(partner);
      await this.audit.inWorkspace(
        manager,
        actor,
        input.workspaceId,
        input.accept ? 'workspace.partner.accepted' : 'workspace.partner.declined',
        'workspace_partner',
        partner.id,
        { organizationId: input.organizationId },
      );
      return partner;
    });
  }

  /**
   * An admin of a partner organization takes it out of the workspace: its members lose access at
   * once; what they wrote stays, attributed to them and their organization. The host stays.
   */
  async leave(actor: Actor, input: WorkspaceOrganizationInput): Promise<WorkspacePartner> {
    const membership = await this.organizations.membershipOf(actor.userId, input.organizationId);
    const access = await this.policy.accessOf(actor, input.workspaceId);
    if (!access && membership?.role !== OrganizationRole.ADMIN) throw new NotFoundError('Workspace');
    if (membership?.role !== OrganizationRole.ADMIN) throw new ForbiddenError('Only an admin of the organization may take it out of a workspace');
    return this.dataSource.transaction(async (manager) => {
      const partner = await manager.findOne(WorkspacePartner, {
        where: { workspaceId: input.workspaceId, organizationId: input.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!partner || partner.status !== PartnerStatus.ACTIVE) throw new NotFoundError('Partner');
      const workspace = await manager.findOneByOrFail(Workspace, { id: input.workspaceId });
      if (workspace.hostOrganizationId === input.organizationId) {
        throw new PreconditionFailedError('The host organization cannot leave its own workspace', [
          'The host organization cannot leave its own workspace',
        ]);
      }
      partner.status = PartnerStatus.LEFT;
      partner.respondedAt = new Date();
      await manager.save(partner);
      const removed = await manager.delete(WorkspaceMember, { workspaceId: input.workspaceId, organizationId: input.organizationId });
      await this.audit.inWorkspace(manager, actor, input.workspaceId, 'workspace.partner.left', 'workspace_partner', partner.id, {
        organizationId: input.organizationId,
        membersRemoved: removed.affected ?? 0,
      });
      return partner;
    });
  }

  /** The person must be a member of the ACTIVE partner organization they will act for. */
  async addMember(actor: Actor, input: AddWorkspaceMemberInput): Promise<WorkspaceMember> {
    const access = await this.policy.assert(actor, 'workspace.manage_members', { workspaceId: input.workspaceId });
    assertMayGrant(access, input.role);
    const partner = await this.partners.findOneBy({ workspaceId: input.workspaceId, organizationId: input.organizationId });
    if (partner?.status !== PartnerStatus.ACTIVE) {
      throw new PreconditionFailedError('Only members of an active partner organization can be added', [
        'The organization is not an active partner of this workspace',
      ]);
    }
    if (!(await this.organizations.membershipOf(input.userId, input.organizationId))) {
      throw new PreconditionFailedError('Only members of an active partner organization can be added', [
        'The person is not a member of this organization',
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(WorkspaceMember, { workspaceId: input.workspaceId, userId: input.userId })) {
        throw new ConflictError('This person is already a member of the workspace');
      }
      const member = await manager.save(manager.create(WorkspaceMember, { ...input }));
      await this.audit.inWorkspace(manager, actor, input.workspaceId, 'workspace.member.added', 'workspace_member', member.id, {
        userId: input.userId,
        organizationId: input.organizationId,
        role: input.role,
      });
      return member;
    });
  }

  async changeRole(actor: Actor, input: ChangeWorkspaceRoleInput): Promise<WorkspaceMember> {
    const access = await this.policy.assert(actor, 'workspace.manage_members', { workspaceId: input.workspaceId });
    return this.dataSource.transaction(async (manager) => {
      const member = await this.lockedMember(manager, input.workspaceId, input.userId);
      if (member.role === input.role) return member;
      assertMayGrant(access, member.role);
      assertMayGrant(access, input.role);
      if (member.role === WorkspaceRole.OWNER) await this.assertAnotherOwner(manager, input.workspaceId);
      const previous = member.role;
      member.role = input.role;
      await manager.save(member);
      await this.audit.inWorkspace(manager, actor, input.workspaceId, 'workspace.member.role_changed', 'workspace_member', member.id, {
        userId: input.userId,
        from: previous,
        to: input.role,
      });
      return member;
    });
  }

  /** By an owner or coordinator, or by members themselves (leaving). The last owner stays. */
  async removeMember(actor: Actor, input: RemoveWorkspaceMemberInput): Promise<boolean> {
    const self = actor.userId === input.userId;
    const access = await this.policy.assert(actor, self ? 'workspace.read' : 'workspace.manage_members', { workspaceId: input.workspaceId });
    return this.dataSource.transaction(async (manager) => {
      const member = await this.lockedMember(manager, input.workspaceId, input.userId);
      if (!self) assertMayGrant(access, member.role);
      if (member.role === WorkspaceRole.OWNER) await this.assertAnotherOwner(manager, input.workspaceId);
      await manager.remove(member);
      await this.audit.inWorkspace(manager, actor, input.workspaceId, self ? 'workspace.member.left' : 'workspace.member.removed', 'workspace_member', input.userId, {
        userId: input.userId,
        organizationId: member.organizationId,
        role: member.role,
      });
      return true;
    });
  }

  /**
   * The member row to change, with the workspace locked first: two owners demoting each other
   * at once are serialized, and one stays owner.
   */
  private async lockedMember(manager: EntityManager, workspaceId: string, userId: string): Promise<WorkspaceMember> {
    await manager.findOne(Workspace, { where: { id: workspaceId }, lock: { mode: 'pessimistic_write' } });
    const member = await manager.findOneBy(WorkspaceMember, { workspaceId, userId });
    if (!member) throw new NotFoundError('Member');
    return member;
  }

  private async assertAnotherOwner(manager: EntityManager, workspaceId: string): Promise<void> {
    const owners = await manager.countBy(WorkspaceMember, { workspaceId, role: WorkspaceRole.OWNER });
    if (owners <= 1) throw new PreconditionFailedError(LAST_OWNER, [LAST_OWNER]);
  }

}

/** Only an owner makes, unmakes or touches an owner; coordinators manage everyone else. */
function assertMayGrant(access: WorkspaceAccess, role: WorkspaceRole): void {
  if (role === WorkspaceRole.OWNER && access.role !== WorkspaceRole.OWNER) {
    throw new ForbiddenError('Only an owner may grant, change or remove the OWNER role');
  }
}
