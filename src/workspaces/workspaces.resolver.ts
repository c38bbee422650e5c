import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditEvent } from '../activity';
import { User, userLoader, UsersService } from '../auth';
import { ParseIdPipe } from '../common/id.pipe';
import { Loaders, RequestLoaders } from '../common/loaders';
import { LocalizedText, presentLocalizedText } from '../common/localized-text';
import { ConnectionType, PageArgs } from '../common/pagination';
import { Actor, ClientAddress, CurrentActor } from '../common/request-context';
import { Organization, organizationLoader, OrganizationsService } from '../organizations';
import {
  AddWorkspaceMemberInput,
  AuditEventsArgs,
  ChangeWorkspaceRoleInput,
  CreateWorkspaceInput,
  RemoveWorkspaceMemberInput,
  RespondToPartnerInvitationInput,
  WorkspaceOrganizationInput,
} from './dto/workspace.inputs';
import { WorkspaceMembershipService } from './workspace-membership.service';
import { Workspace, WorkspaceMember, WorkspacePartner, WorkspaceRole } from './workspace.entity';
import { WorkspacesService } from './workspaces.service';

const WorkspaceConnection = ConnectionType(Workspace);
const WorkspacePartnerConnection = ConnectionType(WorkspacePartner);
const WorkspaceMemberConnection = ConnectionType(WorkspaceMember);
const AuditEventConnection = ConnectionType(AuditEvent);

@Resolver(() => Workspace)
export class WorkspacesResolver {
  constructor(
    private readonly service: WorkspacesService,
    private readonly membership: WorkspaceMembershipService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => Workspace, { nullable: true, description: 'NOT_FOUND when the caller has no access' })
  workspace(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, new ParseIdPipe('Workspace')) id: string) {
    return this.service.get(actor, id);
  }

  @Query(() => WorkspaceConnection, { description: 'The workspaces the caller has access to' })
  workspaces(@CurrentActor() actor: Actor, @Args() page: PageArgs) {
    return this.service.listMine(actor, page);
  }

  @Query(() => AuditEventConnection, { description: 'For owners and coordinators; newest first' })
  auditEvents(@CurrentActor() actor: Actor, @Args() args: AuditEventsArgs) {
    return this.service.auditEvents(actor, args);
  }

  @Mutation(() => Workspace)
  createWorkspace(@CurrentActor() actor: Actor, @Args('input') input: CreateWorkspaceInput) {
    return this.membership.create(actor, input);
  }

  @Mutation(() => WorkspacePartner)
  invitePartner(@CurrentActor() actor: Actor, @Args('input') input: WorkspaceOrganizationInput, @ClientAddress() clientAddress: string) {
    return this.membership.invitePartner(actor, input, clientAddress);
  }

  @Mutation(() => WorkspacePartner)
  respondToPartnerInvitation(@CurrentActor() actor: Actor, @Args('input') input: RespondToPartnerInvitationInput) {
    return this.membership.respondToInvitation(actor, input);
  }

  @Mutation(() => WorkspacePartner, { description: 'A partner organization leaves; its members lose access at once' })
  leaveWorkspace(@CurrentActor() actor: Actor, @Args('input') input: WorkspaceOrganizationInput) {
    return this.membership.leave(actor, input);
  }

  @Mutation(() => WorkspaceMember)
  addWorkspaceMember(@CurrentActor() actor: Actor, @Args('input') input: AddWorkspaceMemberInput) {
    return this.membership.addMember(actor, input);
  }

  @Mutation(() => WorkspaceMember)
  changeWorkspaceRole(@CurrentActor() actor: Actor, @Args('input') input: ChangeWorkspaceRoleInput) {
    return this.membership.changeRole(actor, input);
  }

  @Mutation(() => Boolean)
  removeWorkspaceMember(@CurrentActor() actor: Actor, @Args('input') input: RemoveWorkspaceMemberInput) {
    return this.membership.removeMember(actor, input);
  }

  @ResolveField(() => LocalizedText, { nullable: true })
  description(@Parent() workspace: Workspace): LocalizedText | null {
    return presentLocalizedText(workspace.description);
  }

  @ResolveField(() => Organization)
  hostOrganization(@Parent() workspace: Workspace, @Loaders() loaders: RequestLoaders) {
    return organizationLoader(loaders, this.organizations).load(workspace.hostOrganizationId);
  }

  @ResolveField(() => WorkspacePartnerConnection)
  partners(@CurrentActor() actor: Actor, @Parent() workspace: Workspace, @Args() page: PageArgs) {
    return this.service.listPartners(actor, workspace.id, page);
  }

  @ResolveField(() => WorkspaceMemberConnection)
  members(@CurrentActor() actor: Actor, @Parent() workspace: Workspace, @Args() page: PageArgs) {
    return this.service.listMembers(actor, workspace.id, page);
  }

  @ResolveField(() => WorkspaceRole, { nullable: true, description: "The caller's role here" })
  async myRole(@CurrentActor() actor: Actor, @Parent() workspace: Workspace): Promise<WorkspaceRole | null> {
    return (await this.service.accessOf(actor, workspace.id))?.role ?? null;
  }

  @ResolveField(() => ID, { nullable: true, description: 'The organization the caller acts for here' })
  async myOrganizationId(@CurrentActor() actor: Actor, @Parent() workspace: Workspace): Promise<string | null> {
    return (await this.service.accessOf(actor, workspace.id))?.organizationId ?? null;
  }
}

@Resolver(() => WorkspacePartner)
export class WorkspacePartnerResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @ResolveField(() => Organization)
  organization(@Parent() partner: WorkspacePartner, @Loaders() loaders: RequestLoaders) {
    return organizationLoader(loaders, this.organizations).load(partner.organizationId);
  }
}

@Resolver(() => WorkspaceMember)
export class WorkspaceMemberResolver {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => Organization)
  organization(@Parent() member: WorkspaceMember, @Loaders() loaders: RequestLoaders) {
    return organizationLoader(loaders, this.organizations).load(member.organizationId);
  }

  @ResolveField(() => User)
  user(@Parent() member: WorkspaceMember, @Loaders() loaders: RequestLoaders) {
    return userLoader(loaders, this.users).load(member.userId);
  }
}
