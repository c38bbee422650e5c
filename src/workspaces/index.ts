/** What other modules may use of the workspaces module: the access policy above all. */
export { AccessPolicy, canSee, roleAllows, WorkspaceAccess, WorkspaceAction, WorkspaceResource } from './access-policy';
export { Visibility } from './visibility';
export { Workspace, WorkspaceRole } from './workspace.entity';
export { WorkspaceMembershipService } from './workspace-membership.service';
export { WorkspacesService } from './workspaces.service';
