import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { User, userLoader, UsersService } from '../auth';
import { groupByKeys, Loaders, RequestLoaders } from '../common/loaders';
import { LocalizedText, presentLocalizedText } from '../common/localized-text';
import { ConnectionType, PageArgs } from '../common/pagination';
import { Actor, ClientAddress, CurrentActor } from '../common/request-context';
import {
  AcceptOrganizationInvitationInput,
  ChangeOrganizationRoleInput,
  CreateOrganizationInput,
  DecideJoinRequestInput,
  InviteToOrganizationInput,
  OrganizationIdInput,
  OrganizationsArgs,
  RemoveOrganizationMemberInput,
  SetOrganizationMfaRequirementInput,
  UpdateOrganizationInput,
} from './dto/organization.inputs';
import { JoinRequest, Organization, OrganizationInvitation, OrganizationMembership } from './organization.entity';
import { OrganizationMembershipService } from './organization-membership.service';
import { organizationLoader } from './organization.loaders';
import { OrganizationsService } from './organizations.service';

const OrganizationConnection = ConnectionType(Organization);
const OrganizationMembershipConnection = ConnectionType(OrganizationMembership);
const JoinRequestConnection = ConnectionType(JoinRequest);

@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(
    private readonly service: OrganizationsService,
    private readonly membership: OrganizationMembershipService,
  ) {}

  @Query(() => Organization, { nullable: true })
  organization(@Args('slug') slug: string): Promise<Organization | null> {
    return this.service.findBySlug(slug);
  }

  @Query(() => OrganizationConnection)
  organizations(@Args() args: OrganizationsArgs) {
    return this.service.list(args);
  }

  @Mutation(() => Organization, { description: 'The caller becomes its first admin' })
  createOrganization(@CurrentActor() actor: Actor, @Args('input') input: CreateOrganizationInput): Promise<Organization> {
    return this.service.create(actor, input);
  }

  @Mutation(() => Organization)
  updateOrganization(@CurrentActor() actor: Actor, @Args('input') input: UpdateOrganizationInput): Promise<Organization> {
    return this.service.update(actor, input);
  }

  @Mutation(() => Organization, { description: 'By an admin enrolled in MFA; then admins who have not enrolled must enrol before acting as admins' })
  setOrganizationMfaRequirement(@CurrentActor() actor: Actor, @Args('input') input: SetOrganizationMfaRequirementInput): Promise<Organization> {
    return this.service.setMfaRequirement(actor, input);
  }

  @Mutation(() => OrganizationInvitation)
  inviteToOrganization(@CurrentActor() actor: Actor, @Args('input') input: InviteToOrganizationInput, @ClientAddress() clientAddress: string) {
    return this.membership.invite(actor, input, clientAddress);
  }

  @Mutation(() => OrganizationMembership)
  acceptOrganizationInvitation(@CurrentActor() actor: Actor, @Args('input') input: AcceptOrganizationInvitationInput) {
    return this.membership.acceptInvitation(actor, input);
  }

  @Mutation(() => JoinRequest, { description: "Only from an address in one of the organization's domains" })
  requestToJoinOrganization(@CurrentActor() actor: Actor, @Args('input') input: OrganizationIdInput) {
    return this.membership.requestToJoin(actor, input);
  }

  @Mutation(() => JoinRequest)
  decideJoinRequest(@CurrentActor() actor: Actor, @Args('input') input: DecideJoinRequestInput) {
    return this.membership.decideJoinRequest(actor, input);
  }

  @Mutation(() => OrganizationMembership)
  changeOrganizationRole(@CurrentActor() actor: Actor, @Args('input') input: ChangeOrganizationRoleInput) {
    return this.membership.changeRole(actor, input);
  }

  @Mutation(() => Boolean, { description: 'By an admin, or by the member (leaving); never the last admin' })
  removeOrganizationMember(@CurrentActor() actor: Actor, @Args('input') input: RemoveOrganizationMemberInput) {
    return this.membership.removeMember(actor, input);
  }

  @ResolveField(() => LocalizedText, { nullable: true })
  acronym(@Parent() organization: Organization): LocalizedText | null {
    return presentLocalizedText(organization.acronym);
  }

  @ResolveField(() => OrganizationMembershipConnection, { description: 'Visible to members' })
  members(@CurrentActor() actor: Actor, @Parent() organization: Organization, @Args() page: PageArgs) {
    return this.membership.members(actor, organization.id, page);
  }

  @ResolveField(() => JoinRequestConnection, { description: 'Visible to admins' })
  joinRequests(@CurrentActor() actor: Actor, @Parent() organization: Organization, @Args() page: PageArgs) {
    return this.membership.joinRequestsOf(actor, organization.id, page);
  }
}

@Resolver(() => OrganizationMembership)
export class OrganizationMembershipResolver {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => Organization)
  organization(@Parent() membership: OrganizationMembership, @Loaders() loaders: RequestLoaders) {
    return organizationLoader(loaders, this.organizations).load(membership.organizationId);
  }

  @ResolveField(() => User)
  user(@Parent() membership: OrganizationMembership, @Loaders() loaders: RequestLoaders) {
    return userLoader(loaders, this.users).load(membership.userId);
  }
}

@Resolver(() => JoinRequest)
export class JoinRequestResolver {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => Organization)
  organization(@Parent() request: JoinRequest, @Loaders() loaders: RequestLoaders) {
    return organizationLoader(loaders, this.organizations).load(request.organizationId);
  }

  @ResolveField(() => User)
  user(@Parent() request: JoinRequest, @Loaders() loaders: RequestLoaders) {
    return userLoader(loaders, this.users).load(request.userId);
  }
}

@Resolver(() => User)
export class UserMembershipsResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  /** A person's own memberships; of someone else, only those in organizations the caller belongs to. */
  @ResolveField(() => [OrganizationMembership])
  async memberships(@Parent() user: User, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders) {
    const load = loaders.get<string, OrganizationMembership[]>('membershipsByUser', async (userIds) =>
      groupByKeys(userIds, await this.organizations.membershipsOfUsers(userIds), (membership) => membership.userId),
    );
    const [theirs, mine] = await Promise.all([load.load(user.id), load.load(actor.userId)]);
    if (user.id === actor.userId) return theirs;
    const shared = new Set(mine.map((membership) => membership.organizationId));
    return theirs.filter((membership) => shared.has(membership.organizationId));
  }
}
