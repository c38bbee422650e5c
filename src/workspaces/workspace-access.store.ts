import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import type { WorkspaceAccess } from './access-policy';
import type { WorkspaceRole } from './workspace.entity';

/**
 * Who has access to which workspace, in SQL: a member row, for an organization that is still an
 * ACTIVE partner, of which the person is still a member. Leaving, removal and an organization's
 * departure therefore take effect at the very next request, whatever tokens are still valid.
 * Private to the workspaces module: other modules get it through AccessPolicy's builders.
 */
export const ACCESS_SQL = `
  SELECT wm.workspace_id, wm.user_id, wm.organization_id, wm.role
    FROM workspace_member wm
    JOIN workspace_partner wp ON wp.workspace_id = wm.workspace_id AND wp.organization_id = wm.organization_id AND wp.status = 'ACTIVE'
    JOIN organization_membership om ON om.user_id = wm.user_id AND om.organization_id = wm.organization_id`;

/** The access policy's own questions, each answered with ACCESS_SQL. */
@Injectable()
export class WorkspaceAccessStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The person's access now to those of `workspaceIds` they have access to; an id that is not a UUID names no workspace. */
  async accessesOf(userId: string, workspaceIds: readonly string[]): Promise<WorkspaceAccess[]> {
    const rows: { workspace_id: string; user_id: string; organization_id: string; role: WorkspaceRole }[] = await this.dataSource.query(
      `${ACCESS_SQL} WHERE wm.user_id = $1 AND wm.workspace_id = ANY($2::uuid[])`,
      [userId, workspaceIds.filter((id) => isUUID(id))],
    );
    return rows.map((row) => ({ workspaceId: row.workspace_id, userId: row.user_id, organizationId: row.organization_id, role: row.role }));
  }

  /** Every workspace the person has access to now. */
  async accessibleTo(userId: string): Promise<string[]> {
    const rows: { workspace_id: string }[] = await this.dataSource.query(`${ACCESS_SQL} WHERE wm.user_id = $1`, [userId]);
    return rows.map((row) => row.workspace_id);
  }

  /** The organizations taking part in each of `workspaceIds` now: its active partners (the host is one, from the start). */
  async organizationsTakingPart(workspaceIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<{ workspace_id: string; organization_id: string }[]> {
    return manager.query(`SELECT wp.workspace_id, wp.organization_id FROM workspace_partner wp WHERE wp.workspace_id = ANY($1::uuid[]) AND wp.status = 'ACTIVE'`, [workspaceIds]);
  }

  /** Who has access to a workspace with one of `roles`, acting for one of `organizationIds`. */
  async usersWithRole(workspaceId: string, organizationIds: readonly string[], roles: readonly WorkspaceRole[]): Promise<string[]> {
    const rows: { user_id: string }[] = await this.dataSource.query(
      `${ACCESS_SQL} WHERE wm.workspace_id = $1 AND wm.organization_id = ANY($2::uuid[]) AND wm.role = ANY($3::workspace_role[])`,
      [workspaceId, organizationIds, roles],
    );
    return rows.map((row) => row.user_id);
  }
}
