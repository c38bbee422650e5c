import { Injectable } from '@nestjs/common';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ForbiddenError, NotFoundError } from '../common/errors';
import { byKeys } from '../common/loaders';
import { Actor, queryLoadersOf } from '../common/request-context';
import { Visibility } from './visibility';
import { ACCESS_SQL, WorkspaceAccessStore } from './workspace-access.store';
import { WorkspaceRole } from './workspace.entity';

const { OWNER, COORDINATOR, EDITOR, CONTRIBUTOR, OBSERVER } = WorkspaceRole;
const EVERYONE = [OWNER, COORDINATOR, EDITOR, CONTRIBUTOR, OBSERVER] as const;
const MANAGERS = [OWNER, COORDINATOR] as const;

/**
 * The access policy: which workspace roles may do what. It is the one table the README shows,
 * and every service asks it through AccessPolicy.assert; each domain adds its actions here.
 */
export const POLICY = {
  'workspace.read': EVERYONE,
  'workspace.invite_partner': MANAGERS,
  'workspace.manage_members': MANAGERS,
  'workspace.read_audit': MANAGERS,
  // Articles: src/articles/article-access.ts adds that writers, submitters and commenting contributors
  // be authors of the article, that publishing, archiving and changing visibility need the lead author
  // or a manager, and that reviewing acts for one's organization.
  'article.read': EVERYONE,
  'article.create': [OWNER, COORDINATOR, EDITOR],
  'article.manage_authors': [OWNER, COORDINATOR, EDITOR],
  'article.write': [OWNER, COORDINATOR, EDITOR, CONTRIBUTOR],
  'article.comment': [OWNER, COORDINATOR, EDITOR, CONTRIBUTOR],
  'article.submit': [OWNER, COORDINATOR, EDITOR, CONTRIBUTOR],
  'article.review': MANAGERS,
  'article.publish': [OWNER, COORDINATOR, EDITOR, CONTRIBUTOR],
  'article.change_visibility': [OWNER, COORDINATOR, EDITOR, CONTRIBUTOR],
  'article.archive': [OWNER, COORDINATOR, EDITOR, CONTRIBUTOR],
  'article.grant': MANAGERS,
  // Event coverage: 'coverage.update' also needs being its assignee or holding 'coverage.manage'
  // (src/coverage/coverage-access.ts); who makes which status change is src/coverage/coverage-state.ts.
  'event.read': EVERYONE,
  'event.manage': MANAGERS,
  'coverage.plan': MANAGERS,
  'coverage.assign': MANAGERS,
  'coverage.manage': MANAGERS,
  'coverage.update': [OWNER, COORDINATOR, EDITOR, CONTRIBUTOR],
  'calendar.subscribe': EVERYONE,
  // Watch sources: sharing and unsharing one's own organization's sources also needs acting here
  // for that organization (src/sources/source-access.ts); 'source.unshare' removes any partner's source.
  'source.read': EVERYONE,
  'source.share': [OWNER, COORDINATOR, EDITOR, CONTRIBUTOR],
  'source.unshare': MANAGERS,
  'item.read': EVERYONE,
  'item.curate': [OWNER, COORDINATOR, EDITOR, CONTRIBUTOR],
  // The rules a workspace applies to a shared source's incoming items (src/sources/rules/rule-access.ts).
  'source.manage_rules': [OWNER, COORDINATOR, EDITOR],
  'digest.read': EVERYONE,
  'digest.create': [OWNER, COORDINATOR, EDITOR],
  'digest.publish': MANAGERS,
} as const satisfies Record<string, readonly WorkspaceRole[]>;

export type WorkspaceAction = keyof typeof POLICY;

export function roleAllows(role: WorkspaceRole, action: WorkspaceAction): boolean {
  return (POLICY[action] as readonly WorkspaceRole[]).includes(role);
}

/** What a person may do in one workspace: their role and the organization they act for. */
export interface WorkspaceAccess {
  workspaceId: string;
  userId: string;
  organizationId: string;
  role: WorkspaceRole;
}

/** A thing inside a workspace, as far as access is concerned. */
export interface WorkspaceResource {
  workspaceId: string;
  /** WORKSPACE when absent. */
  visibility?: Visibility;
  /** The organization an ORGANIZATION-visible resource is internal to. */
  owningOrganizationId?: string | null;
  /** Named people who see an ORGANIZATION-visible resource although they act for another organization. */
  alsoVisibleTo?: readonly string[];
  /** How the refusal names it: "Article not found". */
  kind?: string;
}

/** The SQL expressions (columns or parameters) a visibility condition is built from. */
export interface VisibilityColumns {
  /** The row's workspace id. */
  workspace: string;
  /** The row's visibility; with `owningOrganization`, ORGANIZATION rows are kept for that organization only. */
  visibility?: string;
  owningOrganization?: string;
  /** A condition naming the people who see an ORGANIZATION row from another organization; it may use `access.user_id`. */
  namedPeople?: string;
}

@Injectable()
export class AccessPolicy {
  constructor(private readonly store: WorkspaceAccessStore) {}

  /**
   * The condition "`user` may see this row" in SQL, `user` being a SQL expression (a parameter or
   * a column): the row's workspace is one `user` has access to now, and an ORGANIZATION-visible
   * row belongs to the organization `user` acts for there, or names `user`. Access itself is
   * ACCESS_SQL, private to this module.
   */
  static visibleToSql(user: string, columns: VisibilityColumns): string {
    return accessExistsSql(user, columns, '');
  }

  /**
   * The access rows of `user` (a SQL expression) as a subquery to join, at most one per workspace:
   * for a list that decides visibility per row (with seesSql) where an EXISTS per row would cost
   * too much, e.g. a search ranking thousands of candidates. DISTINCT (the rows are distinct
   * already) keeps the planner from pulling the three tables of access into the list's own join
   * search: planned apart, as one small set, they cost a search far less to plan.
   */
  static accessesOfSql(user: string): string {
    return `(SELECT DISTINCT own.* FROM (${ACCESS_SQL} WHERE wm.user_id = ${user}) own)`;
  }

  /**
   * The condition "the access row `access` (joined by accessesOfSql on the row's workspace, possibly
   * missing) sees this row" in SQL. It is never NULL when the row's visibility and owning
   * organization are never NULL, so that its negation is safe; `namedPeople` reads the access row
   * as `access`, so join it under that name.
   */
  static seesSql(access: string, columns: Omit<VisibilityColumns, 'workspace'>): string {
    return `(${access}.workspace_id IS NOT NULL${visibilitySql(access, columns)})`;
  }

  /**
   * The condition "`user` may see this row and do `action` to it" in SQL: visibleToSql, with a role
   * there that POLICY allows `action`. A list that checks its workspace's access in its own statement
   * uses it; when that list comes back empty, `assert` tells a refusal from an empty list.
   */
  static permittedToSql(user: string, action: WorkspaceAction, columns: VisibilityColumns): string {
    return accessExistsSql(user, columns, ` AND access.role IN (${POLICY[action].map((role) => `'${role}'`).join(', ')})`);
  }

  /** Restricts a list query to the rows the viewer may see (see visibleToSql). */
  static visibleTo<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, viewer: Pick<Actor, 'userId'>, columns: VisibilityColumns): SelectQueryBuilder<T> {
    return query.andWhere(AccessPolicy.visibleToSql(':viewerId', columns), { viewerId: viewer.userId });
  }

  /** The condition "`organization` is an ACTIVE partner of `workspace`" in SQL (both SQL expressions): what a share counts on. */
  static activePartnerSql(workspace: string, organization: string): string {
    return `EXISTS (SELECT 1 FROM workspace_partner wp WHERE wp.workspace_id = ${workspace} AND wp.organization_id = ${organization} AND wp.status = 'ACTIVE')`;
  }

  /** The condition "`user` is a member of the organization `organization`" in SQL (both SQL expressions). */
  static organizationMemberSql(user: string, organization: string): string {
    return `EXISTS (SELECT 1 FROM organization_membership om WHERE om.organization_id = ${organization} AND om.user_id = ${user})`;
  }

  /** The actor's access to the workspace now, or null. */
  async accessOf(actor: Pick<Actor, 'userId'>, workspaceId: string): Promise<WorkspaceAccess | null> {
    const [access] = await this.accessesOf(actor, [workspaceId]);
    return access;
  }

  /** Of `workspaceIds`, those the actor has access to now. */
  async accessibleWorkspaces(actor: Pick<Actor, 'userId'>, workspaceIds: readonly string[]): Promise<Set<string>> {
    if (!workspaceIds.length) return new Set();
    const accesses = await this.accessesOf(actor, workspaceIds);
    return new Set(accesses.flatMap((access) => (access ? [access.workspaceId] : [])));
  }

  /**
   * The actor's access now to each of `workspaceIds`, or null. The caller of a query operation asks
   * once per workspace and request, in one statement for what its fields ask in the same tick (see
   * queryLoadersOf); any other actor asks the database each time.
   */
  private accessesOf(actor: Pick<Actor, 'userId'>, workspaceIds: readonly string[]): Promise<(WorkspaceAccess | null)[]> {
    const loaders = queryLoadersOf(actor);
    if (!loaders) return this.readAccesses(actor.userId, workspaceIds);
    const loader = loaders.get(`workspace-access:${actor.userId}`, (ids: readonly string[]) => this.readAccesses(actor.userId, ids));
    return Promise.all(workspaceIds.map((workspaceId) => loader.load(workspaceId)));
  }

  private async readAccesses(userId: string, workspaceIds: readonly string[]): Promise<(WorkspaceAccess | null)[]> {
    return byKeys(workspaceIds, await this.store.accessesOf(userId, workspaceIds), (access) => access.workspaceId);
  }

  /** Every workspace the actor has access to now. */
  async accessibleWorkspacesOf(actor: Pick<Actor, 'userId'>): Promise<Set<string>> {
    return new Set(await this.store.accessibleTo(actor.userId));
  }

  /** For each of `workspaceIds`, the organizations taking part in it now (its host, its active partners): whom its events may reach. */
  async organizationsTakingPart(workspaceIds: readonly string[], tx?: EntityManager): Promise<Map<string, Set<string>>> {
    const taking = new Map<string, Set<string>>();
    if (!workspaceIds.length) return taking;
    for (const row of await this.store.organizationsTakingPart(workspaceIds, tx)) {
      if (!taking.has(row.workspace_id)) taking.set(row.workspace_id, new Set());
      taking.get(row.workspace_id)!.add(row.organization_id);
    }
    return taking;
  }

  /** Who has access to a workspace with one of `roles`, acting for one of `organizationIds`. */
  usersWithRole(workspaceId: string, organizationIds: readonly string[], roles: readonly WorkspaceRole[]): Promise<string[]> {
    return this.store.usersWithRole(workspaceId, organizationIds, roles);
  }

  /**
   * Refuses unless the actor may do `action` to `resource`. What the actor may not see at all is
   * NOT_FOUND, so that ids never reveal what exists; what it sees but may not do is FORBIDDEN.
   */
  async assert(actor: Actor, action: WorkspaceAction, resource: WorkspaceResource): Promise<WorkspaceAccess> {
    const access = await this.accessOf(actor, resource.workspaceId);
    if (!access || !canSee(access, resource)) throw new NotFoundError(resource.kind ?? 'Workspace');
    if (!roleAllows(access.role, action)) throw new ForbiddenError(`Your role (${access.role}) may not do this`);
    return access;
  }
}

/** EXISTS an access row of `user` to the row's workspace that sees the row (see visibleToSql) and meets `condition`. */
function accessExistsSql(user: string, columns: VisibilityColumns, condition: string): string {
  return `EXISTS (SELECT 1 FROM (${ACCESS_SQL}) access WHERE access.workspace_id = ${columns.workspace} AND access.user_id = ${user}${visibilitySql('access', columns)}${condition})`;
}

/** ` AND` the access row `access` sees an ORGANIZATION-visible row (see visibleToSql), or nothing when the row has no visibility. */
function visibilitySql(access: string, columns: Omit<VisibilityColumns, 'workspace'>): string {
  if (!columns.visibility || !columns.owningOrganization) return '';
  const named = columns.namedPeople ? ` OR ${columns.namedPeople}` : '';
  return ` AND (${columns.visibility} <> 'ORGANIZATION' OR ${columns.owningOrganization} = ${access}.organization_id${named})`;
}

export function canSee(access: WorkspaceAccess, resource: WorkspaceResource): boolean {
  if (access.workspaceId !== resource.workspaceId) return false;
  if (resource.visibility !== Visibility.ORGANIZATION) return true;
  return access.organizationId === resource.owningOrganizationId || !!resource.alsoVisibleTo?.includes(access.userId);
}
