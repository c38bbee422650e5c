import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { Actor } from '../common/request-context';
import { AccessPolicy } from './access-policy';
import { PartnerStatus, Workspace, WorkspaceMember, WorkspacePartner, WorkspaceRole } from './workspace.entity';

/** Workspaces, their partner organizations and their members. */
@Injectable()
export class WorkspaceStore {
  constructor(private readonly db: EntityManager) {}

  // Workspaces

  /** The workspace with this id, read in `tx` when given; throws when there is none (the caller checked access). */
  get(id: string, tx?: EntityManager): Promise<Workspace> {
    return (tx ?? this.db).findOneByOrFail(Workspace, { id });
  }

  /** The workspaces among `ids` that exist, in no particular order. */
  byIds(ids: readonly string[]): Promise<Workspace[]> {
    return this.db.findBy(Workspace, { id: In([...ids]) });
  }

  /** The workspace with this slug, or null. */
  bySlug(slug: string): Promise<Workspace | null> {
    return this.db.findOneBy(Workspace, { slug });
  }

  /** A page of the workspaces the viewer has access to, oldest first. */
  pageVisibleTo(viewer: Pick<Actor, 'userId'>, page: PageArgs): Promise<Connection<Workspace>> {
    const query = AccessPolicy.visibleTo(this.db.createQueryBuilder(Workspace, 'workspace'), viewer, { workspace: 'workspace.id' });
    return paginate(query, page, byCreation('workspace', 'ASC'));
  }

  /** Whether a workspace already has this slug. */
  slugTaken(tx: EntityManager, slug: string): Promise<boolean> {
    return tx.existsBy(Workspace, { slug });
  }

  /** Creates a workspace. */
  insert(tx: EntityManager, workspace: Pick<Workspace, 'slug' | 'name' | 'description' | 'hostOrganizationId'>): Promise<Workspace> {
    return tx.save(tx.create(Workspace, workspace));
  }

  /** Locks the workspace's row until `tx` ends: member changes of one workspace run one at a time. */
  async lock(tx: EntityManager, workspaceId: string): Promise<void> {
    await tx.findOne(Workspace, { where: { id: workspaceId }, lock: { mode: 'pessimistic_write' } });
  }

  // Partners

  /** A page of the workspace's partners, whatever their status, oldest first. */
  partnersPage(workspaceId: string, page: PageArgs): Promise<Connection<WorkspacePartner>> {
    const query = this.db.createQueryBuilder(WorkspacePartner, 'partner').where('partner.workspace_id = :workspaceId', { workspaceId });
    return paginate(query, page, byCreation('partner', 'ASC'));
  }

  /** The organization's partner row in the workspace, or null. */
  partnerOf(workspaceId: string, organizationId: string): Promise<WorkspacePartner | null> {
    return this.db.findOneBy(WorkspacePartner, { workspaceId, organizationId });
  }

  /** The organization's partner row in the workspace, locked until `tx` ends, or null. */
  lockPartner(tx: EntityManager, workspaceId: string, organizationId: string): Promise<WorkspacePartner | null> {
    return tx.findOne(WorkspacePartner, { where: { workspaceId, organizationId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Makes the host organization the workspace's first, ACTIVE partner. */
  async addHost(tx: EntityManager, workspace: Workspace, openedById: string): Promise<void> {
    await tx.insert(WorkspacePartner, {
      workspaceId: workspace.id,
      organizationId: workspace.hostOrganizationId,
      status: PartnerStatus.ACTIVE,
      invitedById: openedById,
      respondedAt: new Date(),
    });
  }

  /** Records an invitation by `invitedById`, on the organization's earlier row (declined or left) when it has one. */
  recordInvitation(tx: EntityManager, earlier: WorkspacePartner | null, invitation: Pick<WorkspacePartner, 'workspaceId' | 'organizationId' | 'invitedById'>): Promise<WorkspacePartner> {
    const partner = earlier ?? tx.create(WorkspacePartner, { workspaceId: invitation.workspaceId, organizationId: invitation.organizationId });
    Object.assign(partner, { status: PartnerStatus.INVITED, invitedById: invitation.invitedById, respondedAt: null });
    return tx.save(partner);
  }

  /** Writes the partner's new status (its answer, or its departure), dated now. */
  async setPartnerStatus(tx: EntityManager, partner: WorkspacePartner, status: PartnerStatus): Promise<void> {
    partner.status = status;
    partner.respondedAt = new Date();
    await tx.save(partner);
  }

  // Members

  /** A page of the workspace's members who have access now, oldest first. */
  membersWithAccessPage(workspaceId: string, page: PageArgs): Promise<Connection<WorkspaceMember>> {
    const query = this.db
      .createQueryBuilder(WorkspaceMember, 'member')
      .where('member.workspace_id = :workspaceId', { workspaceId })
      .andWhere(AccessPolicy.visibleToSql('member.user_id', { workspace: 'member.workspace_id' }));
    return paginate(query, page, byCreation('member', 'ASC'));
  }

  /** The person's member row in the workspace, or null, read in `tx`. */
  memberOf(tx: EntityManager, workspaceId: string, userId: string): Promise<WorkspaceMember | null> {
    return tx.findOneBy(WorkspaceMember, { workspaceId, userId });
  }

  /** How many owners the workspace has. */
  ownerCount(tx: EntityManager, workspaceId: string): Promise<number> {
    return tx.countBy(WorkspaceMember, { workspaceId, role: WorkspaceRole.OWNER });
  }

  /** Adds a person acting for a partner organization with a role. */
  addMember(tx: EntityManager, member: Pick<WorkspaceMember, 'workspaceId' | 'userId' | 'organizationId' | 'role'>): Promise<WorkspaceMember> {
    return tx.save(tx.create(WorkspaceMember, member));
  }

  /** Writes a member's new role. */
  async saveMember(tx: EntityManager, member: WorkspaceMember): Promise<void> {
    await tx.save(member);
  }

  /** Deletes a member row. */
  async removeMember(tx: EntityManager, member: WorkspaceMember): Promise<void> {
    await tx.remove(member);
  }

  /** Deletes the rows of everyone acting for the organization in the workspace; returns how many. */
  async removeMembersActingFor(tx: EntityManager, workspaceId: string, organizationId: string): Promise<number> {
    return (await tx.delete(WorkspaceMember, { workspaceId, organizationId })).affected ?? 0;
  }
}
