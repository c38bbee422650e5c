import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations';
import { AccessPolicy } from './access-policy';
import { PartnerInvitationMail } from './partner-invitation-mail';
import { WorkspaceAccessStore } from './workspace-access.store';
import { WorkspaceMembershipService } from './workspace-membership.service';
import { Workspace, WorkspaceMember, WorkspacePartner } from './workspace.entity';
import { WorkspaceStore } from './workspace.store';
import { WorkspaceMemberResolver, WorkspacePartnerResolver, WorkspacesResolver } from './workspaces.resolver';
import { WorkspacesService } from './workspaces.service';

/** Global: every domain module asks the access policy, and none may bypass it. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Workspace, WorkspacePartner, WorkspaceMember]), OrganizationsModule],
  providers: [
    WorkspaceAccessStore,
    WorkspaceStore,
    AccessPolicy,
    WorkspacesService,
    WorkspaceMembershipService,
    PartnerInvitationMail,
    WorkspacesResolver,
    WorkspacePartnerResolver,
    WorkspaceMemberResolver,
  ],
  exports: [AccessPolicy, WorkspacesService, WorkspaceMembershipService],
})
export class WorkspacesModule {}
