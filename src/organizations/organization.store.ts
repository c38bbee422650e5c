import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { prefixTsQuery } from '../common/text-search';
import {
  JoinRequest,
  JoinRequestStatus,
  Organization,
  OrganizationInvitation,
  OrganizationMembership,
  OrganizationRole,
  ORGANIZATION_SEARCH_DOCUMENT,
} from './organization.entity';

/** What the directory can be filtered by. */
export interface DirectoryFilter {
  jurisdiction?: Organization['jurisdiction'];
  search?: string;
}

/** Organizations, their memberships, invitations and join requests. */
@Injectable()
export class OrganizationStore {
  constructor(private readonly db: EntityManager) {}

  // Organizations

  /** The organization with this (normalized) slug, or null. */
  bySlug(slug: string): Promise<Organization | null> {
    return this.db.findOneBy(Organization, { slug });
  }

  /** The organization with this id, or null. */
  byId(id: string, tx: EntityManager = this.db): Promise<Organization | null> {
    return tx.findOneBy(Organization, { id });
  }

  /** The organizations among `ids` that exist, in no particular order. */
  byIds(ids: readonly string[]): Promise<Organization[]> {
    return this.db.findBy(Organization, { id: In([...ids]) });
  }

  /** A page of the directory by slug, filtered by jurisdiction and by words of the names and acronyms. */
  directoryPage(filter: DirectoryFilter, page: PageArgs): Promise<Connection<Organization>> {
    const query = this.db.createQueryBuilder(Organization, 'organization');
    if (filter.jurisdiction) query.andWhere('organization.jurisdiction = :jurisdiction', { jurisdiction: filter.jurisdiction });
    if (filter.search !== undefined) {
      const tsquery = prefixTsQuery(filter.search);
      if (tsquery) query.andWhere(`${ORGANIZATION_SEARCH_DOCUMENT} @@ to_tsquery('simple', :tsquery)`, { tsquery });
    }
    return paginate(query, page, {
      direction: 'ASC',
      keys: [
        { expression: 'organization.slug', value: (organization) => organization.slug },
        { expression: 'organization.id', value: (organization) => organization.id },
      ],
    });
  }

  /** Whether an organization already has this slug. */
  slugTaken(tx: EntityManager, slug: string): Promise<boolean> {
    return tx.existsBy(Organization, { slug });
  }

  /** Creates an organization. */
  insert(tx: EntityManager, organization: Omit<Organization, 'id' | 'createdAt' | 'updatedAt' | 'mfaRequired'>): Promise<Organization> {
    return tx.save(tx.create(Organization, organization));
  }

  /** Writes the organization's changed fields. */
  async save(tx: EntityManager, organization: Organization): Promise<void> {
    await tx.save(organization);
  }

  /** Whether the organization requires MFA of its admins; read in `tx` when given. */
  requiresMfa(organizationId: string, tx: EntityManager = this.db): Promise<boolean> {
    return tx.existsBy(Organization, { id: organizationId, mfaRequired: true });
  }

  /** Locks the organization's row until `tx` ends: membership changes of one organization run one at a time. */
  async lock(tx: EntityManager, organizationId: string): Promise<void> {
    await tx.findOne(Organization, { where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
  }

  // Memberships

  /** A person's membership of an organization, or null; read in `tx` when given. */
  membershipOf(userId: string, organizationId: string, tx?: EntityManager): Promise<OrganizationMembership | null> {
    return (tx ?? this.db).findOneBy(OrganizationMembership, { userId, organizationId });
  }

  /** The memberships of many people, oldest first. */
  membershipsOfUsers(userIds: readonly string[]): Promise<OrganizationMembership[]> {
    return this.db.find(OrganizationMembership, { where: { userId: In([...userIds]) }, order: { createdAt: 'ASC' } });
  }

  /** A page of an organization's memberships, oldest first. */
  membersPage(organizationId: string, page: PageArgs): Promise<Connection<OrganizationMembership>> {
    const query = this.db.createQueryBuilder(OrganizationMembership, 'membership').where('membership.organization_id = :organizationId', { organizationId });
    return paginate(query, page, byCreation('membership', 'ASC'));
  }

  /** How many admins the organization has. */
  adminCount(tx: EntityManager, organizationId: string): Promise<number> {
    return tx.countBy(OrganizationMembership, { organizationId, role: OrganizationRole.ADMIN });
  }

  /** The ids of the organization's admins, oldest first (who answers for it by e-mail). */
  async adminIds(organizationId: string, tx: EntityManager = this.db): Promise<string[]> {
    const admins = await tx.find(OrganizationMembership, { where: { organizationId, role: OrganizationRole.ADMIN }, order: { createdAt: 'ASC' }, select: { userId: true } });
    return admins.map((admin) => admin.userId);
  }

  /** Makes a person a member. */
  addMembership(tx: EntityManager, membership: Pick<OrganizationMembership, 'organizationId' | 'userId' | 'role'>): Promise<OrganizationMembership> {
    return tx.save(tx.create(OrganizationMembership, membership));
  }

  /** Makes a person a MEMBER, unless they already belong to the organization. */
  async addMemberUnlessPresent(tx: EntityManager, organizationId: string, userId: string): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(OrganizationMembership)
      .values({ organizationId, userId, role: OrganizationRole.MEMBER })
      .orIgnore()
      .execute();
  }

  /** Writes a membership's new role. */
  async saveMembership(tx: EntityManager, membership: OrganizationMembership): Promise<void> {
    await tx.save(membership);
  }

  /** Deletes a membership. */
  async removeMembership(tx: EntityManager, membership: OrganizationMembership): Promise<void> {
    await tx.remove(membership);
  }

  // Invitations

  /** Stores a new invitation. */
  insertInvitation(
    tx: EntityManager,
    invitation: Pick<OrganizationInvitation, 'organizationId' | 'email' | 'role' | 'tokenHash' | 'invitedById' | 'expiresAt'>,
  ): Promise<OrganizationInvitation> {
    return tx.save(tx.create(OrganizationInvitation, invitation));
  }

  /** The invitation with this token hash, locked until `tx` ends, or null. */
  lockInvitationByHash(tx: EntityManager, tokenHash: string): Promise<OrganizationInvitation | null> {
    return tx.findOne(OrganizationInvitation, { where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  /** The invitation with this id, or null (its e-mail is built from it when sent). */
  invitationById(id: string): Promise<OrganizationInvitation | null> {
    return this.db.findOneBy(OrganizationInvitation, { id });
  }

  /** Deletes the invitations accepted, or left to expire, before `endedBefore`. */
  async pruneInvitationsEndedBefore(endedBefore: Date): Promise<void> {
    await this.db.query(`DELETE FROM organization_invitation WHERE coalesce(accepted_at, expires_at) < $1`, [endedBefore]);
  }

  /** Marks an invitation used at `acceptedAt`. */
  async markInvitationAccepted(tx: EntityManager, invitation: OrganizationInvitation, acceptedAt: Date): Promise<void> {
    invitation.acceptedAt = acceptedAt;
    await tx.save(invitation);
  }

  // Join requests

  /** A page of an organization's join requests, newest first. */
  joinRequestsPage(organizationId: string, page: PageArgs): Promise<Connection<JoinRequest>> {
    const query = this.db.createQueryBuilder(JoinRequest, 'request').where('request.organization_id = :organizationId', { organizationId });
    return paginate(query, page, byCreation('request', 'DESC'));
  }

  /** Whether the person already has a pending request to join the organization. */
  hasPendingJoinRequest(userId: string, organizationId: string): Promise<boolean> {
    return this.db.existsBy(JoinRequest, { userId, organizationId, status: JoinRequestStatus.PENDING });
  }

  /** Stores a new, pending join request. */
  insertJoinRequest(tx: EntityManager, organizationId: string, userId: string): Promise<JoinRequest> {
    return tx.save(tx.create(JoinRequest, { organizationId, userId }));
  }

  /** The join request, locked until `tx` ends, or null. */
  lockJoinRequest(tx: EntityManager, id: string): Promise<JoinRequest | null> {
    return tx.findOne(JoinRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Writes a join request's decision. */
  async saveJoinRequest(tx: EntityManager, request: JoinRequest): Promise<void> {
    await tx.save(request);
  }
}
