import { roleAllows, WorkspaceAccess } from '../../workspaces';

/**
 * Who may change the rules of a source shared into a workspace: the workspace's editors, acting
 * for any partner organization, since the rules decide what their workspace receives, not what
 * the owning organization publishes. Pure: the service loads the access, asks here, and refuses.
 */
export function mayEditSourceRules(access: Pick<WorkspaceAccess, 'role'>): boolean {
  return roleAllows(access.role, 'source.manage_rules');
}
