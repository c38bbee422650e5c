import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditService } from '../activity';
import { MfaEnrolmentService, MfaRequiredError } from '../auth';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { Connection } from '../common/pagination';
import { Actor } from '../common/request-context';
import { CreateOrganizationInput, OrganizationsArgs, SetOrganizationMfaRequirementInput, UpdateOrganizationInput } from './dto/organization.inputs';
import { hasSecondFactor, holdsRole, isAdmin, mfaHoldsBack } from './organization-access';
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
    private readonly mfa: MfaEnrolmentService,
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

  /** Whether the person may act as an admin of the organization now: an admin, and enrolled in MFA when it requires it (what keeps an API token working). */
  async mayAdminister(userId: string, organizationId: string): Promise<boolean> {
    return (await this.isAdmin(userId, organizationId)) && !mfaHoldsBack(await this.store.requiresMfa(organizationId), await this.mfa.isEnabled(userId));
  }

  /** The ids of the organization's admins: those who answer for it (partner invitations are sent to them). */
  adminIds(organizationId: string, tx?: EntityManager): Promise<string[]> {
    return this.store.adminIds(organizationId, tx);
  }

  /** Refuses unless the actor holds one of `roles` in the organization: FORBIDDEN, as the organization itself is public. */
  async assertRole(actor: Actor, organizationId: string, roles: OrganizationRole[], tx?: EntityManager): Promise<OrganizationMembership> {
    const membership = await this.store.membershipOf(actor.userId, organizationId, tx);
    if (!holdsRole(membership, roles)) {
      throw new ForbiddenError(roles.includes(OrganizationRole.MEMBER) ? 'Only members of the organization may see this' : 'Only an admin of the organization may do this');
    }
    return membership;
  }

  /**
   * Where admin rights are decided: refuses unless the actor is an admin of the organization and,
   * when it requires MFA, enrolled and signed in with the second factor (PRECONDITION_FAILED,
   * reason MFA_REQUIRED). Read in `tx` when given.
   */
  async assertAdmin(actor: Actor, organizationId: string, tx?: EntityManager): Promise<OrganizationMembership> {
    const membership = await this.assertRole(actor, organizationId, [OrganizationRole.ADMIN], tx);
    if (mfaHoldsBack(await this.store.requiresMfa(organizationId, tx), await this.hasSecondFactor(actor, tx))) throw new MfaRequiredError();
    return membership;
  }

  private async hasSecondFactor(actor: Actor, tx?: EntityManager): Promise<boolean> {
    return hasSecondFactor(actor, await this.mfa.isEnabled(actor.userId, tx));
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

  /** By an admin enrolled in MFA: once it is required, an admin who has not enrolled can act as admin only after enrolling. */
  async setMfaRequirement(actor: Actor, { organizationId, required }: SetOrganizationMfaRequirementInput): Promise<Organization> {
    const organization = await this.getById(organizationId);
    await this.assertAdmin(actor, organizationId);
    // Judged under the requirement as it is about to be: nobody requires what they have not got.
    if (mfaHoldsBack(required, await this.hasSecondFactor(actor))) throw new MfaRequiredError();
    if (organization.mfaRequired === required) return organization;
    organization.mfaRequired = required;
    await this.dataSource.transaction(async (tx) => {
      await this.store.save(tx, organization);
      const resource = { type: 'organization', id: organizationId };
      await this.audit.inOrganization(tx, actor, organizationId, AuditAction.organizationMfaRequirementChanged, resource, { required });
    });
    return organization;
  }
}
