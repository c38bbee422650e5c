/** What other modules may use of the workspaces module: the access policy above all. */
export { AccessPolicy, roleAllows, WorkspaceAccess, WorkspaceAction } from './access-policy';
export { Visibility } from './visibility';
export { Workspace, WorkspaceRole } from './workspace.entity';
export { WorkspaceMembershipService } from './workspace-membership.service';
export { WorkspacesService } from './workspaces.service';
