import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction, AuditService } from '../activity';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { Connection } from '../common/pagination';
import { Actor } from '../common/request-context';
import { CreateOrganizationInput, OrganizationsArgs, UpdateOrganizationInput } from './dto/organization.inputs';
import { holdsRole, isAdmin } from './organization-access';
import { Organization, OrganizationMembership, OrganizationRole } from './organization.entity';
import { OrganizationStore } from './organization.store';

/**
 * The directory of organizations and their profiles, and the membership checks other modules ask.
 * Any signed-in person may read the directory; only admins change an organization.
 */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly store: OrganizationStore,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  // Reading

  findBySlug(slug: string): Promise<Organization | null> {
    return this.store.bySlug(slug.trim().toLowerCase());
  }

  findByIds(ids: readonly string[]): Promise<Organization[]> {
    return this.store.byIds(ids);
  }

  async getById(id: string): Promise<Organization> {
    const organization = await this.store.byId(id);
    if (!organization) throw new NotFoundError('Organization');
    return organization;
  }

  list(args: OrganizationsArgs): Promise<Connection<Organization>> {
    return this.store.directoryPage(args, args);
  }

  membershipOf(userId: string, organizationId: string): Promise<OrganizationMembership | null> {
    return this.store.membershipOf(userId, organizationId);
  }

  /** Memberships of many users at once, each user's in a list (for DataLoaders). */
  membershipsOfUsers(userIds: readonly string[]): Promise<OrganizationMembership[]> {
    return this.store.membershipsOfUsers(userIds);
  }

  /** Whether the person is an admin of the organization (who answers for it elsewhere, e.g. in workspaces). */
  async isAdmin(userId: string, organizationId: string): Promise<boolean> {
    return isAdmin(await this.store.membershipOf(userId, organizationId));
  }

  /** Refuses unless the actor holds one of `roles` in the organization: FORBIDDEN, as the organization itself is public. */
  async assertRole(actor: Actor, organizationId: string, roles: OrganizationRole[]): Promise<OrganizationMembership> {
    const membership = await this.store.membershipOf(actor.userId, organizationId);
    if (!holdsRole(membership, roles)) {
      throw new ForbiddenError(roles.includes(OrganizationRole.MEMBER) ? 'Only members of the organization may see this' : 'Only an admin of the organization may do this');
    }
    return membership;
  }

  /** Refuses unless the actor is an admin of the organization. */
  assertAdmin(actor: Actor, organizationId: string): Promise<OrganizationMembership> {
    return this.assertRole(actor, organizationId, [OrganizationRole.ADMIN]);
  }

  // Changing

  /** The creator becomes its first admin. */
  async create(actor: Actor, input: CreateOrganizationInput): Promise<Organization> {
    return this.dataSource.transaction(async (tx) => {
      if (await this.store.slugTaken(tx, input.slug)) {
        throw new ConflictError('An organization with this slug already exists', { field: 'slug' });
      }
      const organization = await this.store.insert(tx, {
        slug: input.slug,
        name: input.name,
        acronym: input.acronym ?? { fr: null, en: null },
        jurisdiction: input.jurisdiction,
        region: input.region ?? null,
        emailDomains: input.emailDomains ?? [],
      });
      await this.store.addMembership(tx, { organizationId: organization.id, userId: actor.userId, role: OrganizationRole.ADMIN });
      await this.audit.inOrganization(tx, actor, organization.id, AuditAction.organizationCreated, { type: 'organization', id: organization.id });
      return organization;
    });
  }

  async update(actor: Actor, input: UpdateOrganizationInput): Promise<Organization> {
    const organization = await this.getById(input.organizationId);
    await this.assertAdmin(actor, organization.id);
    const { organizationId, ...fields } = input;
    // Only what was given: input classes may carry every declared field, set to undefined.
    const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    // TypeORM skips an embedded value set to null: clearing the acronym means clearing both columns.
    Object.assign(organization, changes, changes.acronym === null ? { acronym: { fr: null, en: null } } : {});
    await this.dataSource.transaction(async (tx) => {
      await this.store.save(tx, organization);
      await this.audit.inOrganization(tx, actor, organizationId, AuditAction.organizationUpdated, { type: 'organization', id: organizationId }, {
        fields: Object.keys(changes),
      });
    });
    return organization;
  }
}
