import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../activity';
import { UsersService } from '../auth';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { Actor } from '../common/request-context';
import { prefixTsQuery } from '../common/text-search';
import { hashToken, newOpaqueToken } from '../common/tokens';
import {
  AcceptOrganizationInvitationInput,
  ChangeOrganizationRoleInput,
  CreateOrganizationInput,
  DecideJoinRequestInput,
  InviteToOrganizationInput,
  OrganizationIdInput,
  OrganizationsArgs,
  RemoveOrganizationMemberInput,
  UpdateOrganizationInput,
} from './dto/organization.inputs';
import {
  JoinRequest,
  JoinRequestStatus,
  Organization,
  OrganizationInvitation,
  OrganizationMembership,
  OrganizationRole,
  ORGANIZATION_SEARCH_DOCUMENT,
} from './organization.entity';

const INVITATION_TTL_MS = 7 * 24 * 3600_000;
const LAST_ADMIN = 'An organization must keep at least one admin';

/** Whether `email` is at one of `domains` or a sub-domain of one (jean@mcn.gouv.qc.ca is at gouv.qc.ca). */
export function emailIsInDomains(email: string, domains: string[]): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return domains.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
}

/**
 * Organizations and who belongs to them. Any signed-in person may read the directory; members
 * read the member list; only admins change the organization or its membership.
 */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    @InjectRepository(OrganizationMembership) private readonly memberships: Repository<OrganizationMembership>,
    @InjectRepository(JoinRequest) private readonly joinRequests: Repository<JoinRequest>,
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  // Reading

  findBySlug(slug: string): Promise<Organization | null> {
    return this.organizations.findOneBy({ slug: slug.trim().toLowerCase() });
  }

  async findByIds(ids: readonly string[]): Promise<Organization[]> {
    return this.organizations.findBy({ id: In([...ids]) });
  }

  async getById(id: string): Promise<Organization> {
    const organization = await this.organizations.findOneBy({ id });
    if (!organization) throw new NotFoundError('Organization');
    return organization;
  }

  list(args: OrganizationsArgs): Promise<Connection<Organization>> {
    const query = this.organizations.createQueryBuilder('organization');
    if (args.jurisdiction) query.andWhere('organization.jurisdiction = :jurisdiction', { jurisdiction: args.jurisdiction });
    if (args.search !== undefined) {
      const tsquery = prefixTsQuery(args.search);
      if (tsquery) query.andWhere(`${ORGANIZATION_SEARCH_DOCUMENT} @@ to_tsquery('simple', :tsquery)`, { tsquery });
    }
    return paginate(query, args, {
      direction: 'ASC',
      keys: [
        { expression: 'organization.slug', value: (organization) => organization.slug },
        { expression: 'organization.id', value: (organization) => organization.id },
      ],
    });
  }

  async membershipOf(userId: string, organizationId: string): Promise<OrganizationMembership | null> {
    return this.memberships.findOneBy({ userId, organizationId });
  }

  /** Memberships of many users at once, each user's in a list (for DataLoaders). */
  async membershipsOfUsers(userIds: readonly string[]): Promise<OrganizationMembership[]> {
    return this.memberships.find({ where: { userId: In([...userIds]) }, order: { createdAt: 'ASC' } });
  }

  async members(actor: Actor, organizationId: string, page: PageArgs): Promise<Connection<OrganizationMembership>> {
    await this.assertRole(actor, organizationId, [OrganizationRole.ADMIN, OrganizationRole.MEMBER]);
    const query = this.memberships
      .createQueryBuilder('membership')
      .where('membership.organization_id = :organizationId', { organizationId });
    return paginate(query, page, byCreation('membership', 'ASC'));
  }

  async joinRequestsOf(actor: Actor, organizationId: string, page: PageArgs): Promise<Connection<JoinRequest>> {
    await this.assertRole(actor, organizationId, [OrganizationRole.ADMIN]);
    const query = this.joinRequests
      .createQueryBuilder('request')
      .where('request.organization_id = :organizationId', { organizationId });
    return paginate(query, page, byCreation('request', 'DESC'));
  }

  // Changing the organization

  async create(actor: Actor, input: CreateOrganizationInput): Promise<Organization> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Organization, { slug: input.slug })) {
        throw new ConflictError('An organization with this slug already exists', { field: 'slug' });
      }
      const organization = await manager.save(
        manager.create(Organization, {
          slug: input.slug,
          name: input.name,
          acronym: input.acronym ?? { fr: null, en: null },
          jurisdiction: input.jurisdiction,
          region: input.region ?? null,
          emailDomains: input.emailDomains ?? [],
        }),
      );
      await manager.insert(OrganizationMembership, {
        organizationId: organization.id,
        userId: actor.userId,
        role: OrganizationRole.ADMIN,
      });
      await this.audit.record(
        { actorId: actor.userId, action: 'organization.created', resourceType: 'organization', resourceId: organization.id, organizationId: organization.id },
        manager,
      );
      return organization;
    });
  }

  async update(actor: Actor, input: UpdateOrganizationInput): Promise<Organization> {
    const organization = await this.getById(input.organizationId);
    await this.assertRole(actor, organization.id, [OrganizationRole.ADMIN]);
    const { organizationId, ...fields } = input;
    // Only what was given: input classes may carry every declared field, set to undefined.
    const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    // TypeORM skips an embedded value set to null: clearing the acronym means clearing both columns.
    Object.assign(organization, changes, changes.acronym === null ? { acronym: { fr: null, en: null } } : {});
    await this.dataSource.transaction(async (manager) => {
      await manager.save(organization);
      await this.audit.record(
        { actorId: actor.userId, action: 'organization.updated', resourceType: 'organization', resourceId: organizationId, organizationId, details: { fields: Object.keys(changes) } },
        manager,
      );
    });
    return organization;
  }

  // Membership

  async invite(actor: Actor, input: InviteToOrganizationInput): Promise<OrganizationInvitation> {
    await this.getById(input.organizationId);
    await this.assertRole(actor, input.organizationId, [OrganizationRole.ADMIN]);
    const invitee = await this.users.findByEmail(input.email);
    if (invitee && (await this.membershipOf(invitee.id, input.organizationId))) {
      throw new ConflictError('This person is already a member of the organization');
    }
    const token = newOpaqueToken();
    return this.dataSource.transaction(async (manager) => {
      const invitation = await manager.save(
        manager.create(OrganizationInvitation, {
          organizationId: input.organizationId,
          email: input.email,
          role: input.role,
          tokenHash: hashToken(token),
          invitedById: actor.userId,
          expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        }),
      );
      await this.audit.record(
        { actorId: actor.userId, action: 'organization.invitation.created', resourceType: 'organization_invitation', resourceId: invitation.id, organizationId: input.organizationId, details: { email: input.email, role: input.role } },
        manager,
      );
      return Object.assign(invitation, { token });
    });
  }

  /** Single use, before it expires, and only by the holder of the address it was sent to. */
  async acceptInvitation(actor: Actor, { token }: AcceptOrganizationInvitationInput): Promise<OrganizationMembership> {
    const user = await this.users.findById(actor.userId);
    return this.dataSource.transaction(async (manager) => {
      const invitation = await manager.findOne(OrganizationInvitation, {
        where: { tokenHash: hashToken(token) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) throw new NotFoundError('Invitation');
      if (user?.email !== invitation.email) throw new ForbiddenError('This invitation was sent to another e-mail address');
      // An invitation grants what its sender may grant: it lapses when the sender is no longer an admin.
      const sender = await manager.findOneBy(OrganizationMembership, { userId: invitation.invitedById, organizationId: invitation.organizationId });
      const reasons = [
        ...(invitation.acceptedAt ? ['The invitation was already used'] : []),
        ...(invitation.expiresAt.getTime() <= Date.now() ? ['The invitation has expired'] : []),
        ...(sender?.role !== OrganizationRole.ADMIN ? ['The person who sent the invitation is no longer an admin of the organization'] : []),
      ];
      if (reasons.length) throw new PreconditionFailedError('This invitation can no longer be accepted', reasons);
      if (await manager.existsBy(OrganizationMembership, { userId: actor.userId, organizationId: invitation.organizationId })) {
        throw new ConflictError('You are already a member of this organization');
      }
      invitation.acceptedAt = new Date();
      await manager.save(invitation);
      const membership = await manager.save(
        manager.create(OrganizationMembership, { organizationId: invitation.organizationId, userId: actor.userId, role: invitation.role }),
      );
      await this.audit.record(
        { actorId: actor.userId, action: 'organization.member.joined', resourceType: 'organization_membership', resourceId: membership.id, organizationId: invitation.organizationId, details: { via: 'invitation', role: invitation.role } },
        manager,
      );
      return membership;
    });
  }

  async requestToJoin(actor: Actor, { organizationId }: OrganizationIdInput): Promise<JoinRequest> {
    const organization = await this.getById(organizationId);
    const user = await this.users.findById(actor.userId);
    if (!user || !emailIsInDomains(user.email, organization.emailDomains)) {
      throw new ForbiddenError("Only holders of an address in one of the organization's domains may ask to join");
    }
    if (await this.membershipOf(actor.userId, organizationId)) throw new ConflictError('You are already a member of this organization');
    if (await this.joinRequests.existsBy({ userId: actor.userId, organizationId, status: JoinRequestStatus.PENDING })) {
      throw new ConflictError('You already asked to join this organization', { status: JoinRequestStatus.PENDING });
    }
    return this.joinRequests.save(this.joinRequests.create({ organizationId, userId: actor.userId }));
  }

  async decideJoinRequest(actor: Actor, input: DecideJoinRequestInput): Promise<JoinRequest> {
    return this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(JoinRequest, { where: { id: input.joinRequestId }, lock: { mode: 'pessimistic_write' } });
      const role = request && (await manager.findOneBy(OrganizationMembership, { userId: actor.userId, organizationId: request.organizationId }))?.role;
      if (!request || (role !== OrganizationRole.ADMIN && request.userId !== actor.userId)) throw new NotFoundError('Join request');
      if (role !== OrganizationRole.ADMIN) throw new ForbiddenError('Only an admin of the organization decides');
      if (request.status !== JoinRequestStatus.PENDING) {
        throw new ConflictError('This request was already decided', { status: request.status });
      }
      request.status = input.approve ? JoinRequestStatus.APPROVED : JoinRequestStatus.REJECTED;
      request.decidedById = actor.userId;
      request.decidedAt = new Date();
      await manager.save(request);
      if (input.approve) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(OrganizationMembership)
          .values({ organizationId: request.organizationId, userId: request.userId, role: OrganizationRole.MEMBER })
          .orIgnore()
          .execute();
      }
      await this.audit.record(
        { actorId: actor.userId, action: input.approve ? 'organization.join_request.approved' : 'organization.join_request.rejected', resourceType: 'join_request', resourceId: request.id, organizationId: request.organizationId, details: { userId: request.userId } },
        manager,
      );
      return request;
    });
  }

  async changeRole(actor: Actor, input: ChangeOrganizationRoleInput): Promise<OrganizationMembership> {
    await this.getById(input.organizationId);
    return this.dataSource.transaction(async (manager) => {
      const membership = await this.lockedMembership(manager, actor, input.organizationId, input.userId);
      if (membership.role === input.role) return membership;
      if (membership.role === OrganizationRole.ADMIN) await this.assertAnotherAdmin(manager, input.organizationId);
      const previous = membership.role;
      membership.role = input.role;
      await manager.save(membership);
      await this.audit.record(
        { actorId: actor.userId, action: 'organization.member.role_changed', resourceType: 'organization_membership', resourceId: membership.id, organizationId: input.organizationId, details: { userId: input.userId, from: previous, to: input.role } },
        manager,
      );
      return membership;
    });
  }

  /** By an admin, or by members themselves (leaving). The last admin stays. */
  async removeMember(actor: Actor, input: RemoveOrganizationMemberInput): Promise<boolean> {
    await this.getById(input.organizationId);
    return this.dataSource.transaction(async (manager) => {
      const membership = await this.lockedMembership(manager, actor.userId === input.userId ? null : actor, input.organizationId, input.userId);
      if (membership.role === OrganizationRole.ADMIN) await this.assertAnotherAdmin(manager, input.organizationId);
      const membershipId = membership.id;
      await manager.remove(membership);
      await this.audit.record(
        { actorId: actor.userId, action: 'organization.member.removed', resourceType: 'organization_membership', resourceId: membershipId, organizationId: input.organizationId, details: { userId: input.userId, role: membership.role } },
        manager,
      );
      return true;
    });
  }

  /** Refuses unless the actor holds one of `roles` in the organization: FORBIDDEN, as the organization itself is public. */
  async assertRole(actor: Actor, organizationId: string, roles: OrganizationRole[]): Promise<OrganizationMembership> {
    const membership = await this.membershipOf(actor.userId, organizationId);
    if (!membership || !roles.includes(membership.role)) {
      throw new ForbiddenError(roles.includes(OrganizationRole.MEMBER) ? 'Only members of the organization may see this' : 'Only an admin of the organization may do this');
    }
    return membership;
  }

  /**
   * The membership to change, with the organization's row locked first: two admins demoting
   * each other at once are serialized, and one of them stays admin. `admin`, when given, must
   * still be an admin once the lock is held, not merely when the request began.
   */
  private async lockedMembership(manager: EntityManager, admin: Actor | null, organizationId: string, userId: string): Promise<OrganizationMembership> {
    await manager.findOne(Organization, { where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
    if (admin) {
      const role = (await manager.findOneBy(OrganizationMembership, { userId: admin.userId, organizationId }))?.role;
      if (role !== OrganizationRole.ADMIN) throw new ForbiddenError('Only an admin of the organization may do this');
    }
    const membership = await manager.findOneBy(OrganizationMembership, { organizationId, userId });
    if (!membership) throw new NotFoundError('Member');
    return membership;
  }

  private async assertAnotherAdmin(manager: EntityManager, organizationId: string): Promise<void> {
    const admins = await manager.countBy(OrganizationMembership, { organizationId, role: OrganizationRole.ADMIN });
    if (admins <= 1) throw new PreconditionFailedError(LAST_ADMIN, [LAST_ADMIN]);
  }
}
