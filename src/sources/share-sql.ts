import { AccessPolicy } from '../workspaces';

/**
 * The SQL of "shared into a workspace", in one place, for the stores of this module. A share
 * counts while it is not revoked and the organization that owns the source is still an ACTIVE
 * partner of the workspace: an organization that leaves takes its sources with it.
 */
const LIVE_SHARE = `
  source_share live_share
  JOIN watch_source shared_source ON shared_source.id = live_share.source_id`;

const IS_LIVE = `live_share.revoked_at IS NULL
  AND ${AccessPolicy.activePartnerSql('live_share.workspace_id', 'shared_source.organization_id')}`;

/** The ids of the sources shared into the workspace named by the SQL expression `workspace` (a parameter or a column). */
export function sourcesSharedInto(workspace: string): string {
  return `SELECT live_share.source_id FROM ${LIVE_SHARE} WHERE live_share.workspace_id = ${workspace} AND ${IS_LIVE}`;
}

/** The shares that count now (`id`, `source_id`, `workspace_id`), for a statement to join and filter. */
export const LIVE_SHARES = `SELECT live_share.id, live_share.source_id, live_share.workspace_id FROM ${LIVE_SHARE} WHERE ${IS_LIVE}`;

/** Whether the source `source` (an id expression) is shared into at least one workspace: what the scheduler fetches. */
export function isSharedAnywhere(source: string): string {
  return `EXISTS (SELECT 1 FROM ${LIVE_SHARE} WHERE live_share.source_id = ${source} AND ${IS_LIVE})`;
}

/**
 * Whether the viewer (parameter `:viewerId`) may see the source aliased `alias`: a member of its
 * organization, or someone with access to a workspace it is shared into.
 */
export function sourceVisibleToViewer(alias: string): string {
  return `(${AccessPolicy.organizationMemberSql(':viewerId', `${alias}.organization_id`)}
       OR EXISTS (SELECT 1 FROM ${LIVE_SHARE}
                   WHERE live_share.source_id = ${alias}.id AND ${IS_LIVE}
                     AND ${AccessPolicy.visibleToSql(':viewerId', { workspace: 'live_share.workspace_id' })}))`;
}
