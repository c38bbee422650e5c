import { OrganizationRole } from '../organizations';
import { roleAllows, WorkspaceAccess } from '../workspaces';
import { WatchSource } from './watch-source.entity';

/**
 * Who may do what to watch sources, beyond the roles of the policy table (README, "Watch
 * sources, items and digests"). Pure: the services load the facts, ask here, and refuse.
 * Who may see a source at all is SQL (`sourceVisibleToViewer` in share-sql.ts), since lists need it.
 */

type Acting = Pick<WorkspaceAccess, 'organizationId' | 'role'>;
type Owned = Pick<WatchSource, 'organizationId'>;

/** Registering, importing, refreshing and listing an organization's own sources: any member of it, ADMIN or MEMBER. */
export function mayManageOrganizationSources(role: OrganizationRole | null | undefined): boolean {
  return role === OrganizationRole.ADMIN || role === OrganizationRole.MEMBER;
}

/** Sharing a source into a workspace: acting there for the organization that owns it, in a role that shares. */
export function mayShare(access: Acting, source: Owned): boolean {
  return access.organizationId === source.organizationId && roleAllows(access.role, 'source.share');
}

/** Unsharing: whoever may share the source, or the workspace's managers, who decide what their workspace receives. */
export function mayUnshare(access: Acting, source: Owned): boolean {
  return mayShare(access, source) || roleAllows(access.role, 'source.unshare');
}
