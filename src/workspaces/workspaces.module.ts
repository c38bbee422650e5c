import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations';
import { AccessPolicy } from './access-policy';
import { Workspace, WorkspaceMember, WorkspacePartner } from './workspace.entity';
import { WorkspaceMemberResolver, WorkspacePartnerResolver, WorkspacesResolver } from './workspaces.resolver';
import { WorkspacesService } from './workspaces.service';

/** Global: every domain module asks the access policy, and none may bypass it. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Workspace, WorkspacePartner, WorkspaceMember]), OrganizationsModule],
  providers: [AccessPolicy, WorkspacesService, WorkspacesResolver, WorkspacePartnerResolver, WorkspaceMemberResolver],
  exports: [AccessPolicy, WorkspacesService],
})
export class WorkspacesModule {}
