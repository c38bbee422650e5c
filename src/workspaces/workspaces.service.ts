import { Injectable } from '@nestjs/common';
import { AuditService } from '../activity';
import { Connection, PageArgs } from '../common/pagination';
import { Actor } from '../common/request-context';
import { AccessPolicy, WorkspaceAccess } from './access-policy';
import { AuditEventsArgs } from './dto/workspace.inputs';
import { Workspace, WorkspaceMember, WorkspacePartner } from './workspace.entity';
import { WorkspaceStore } from './workspace.store';

/**
 * Reading workspaces, their partners, members and audit trail (what other modules use). Every
 * read goes through the access policy; what the caller has no access to is NOT_FOUND.
 */
@Injectable()
export class WorkspacesService {
  constructor(
    private readonly store: WorkspaceStore,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor, workspaceId: string): Promise<Workspace> {
    await this.policy.assert(actor, 'workspace.read', { workspaceId });
    return this.store.get(workspaceId);
  }

  /** The workspaces the caller has access to, oldest first. */
  listMine(actor: Actor, page: PageArgs): Promise<Connection<Workspace>> {
    return this.store.pageVisibleTo(actor, page);
  }

  findByIds(ids: readonly string[]): Promise<Workspace[]> {
    return this.store.byIds(ids);
  }

  /** For public endpoints (feeds): the workspace by slug, with no access check. */
  findBySlug(slug: string): Promise<Workspace | null> {
    return this.store.bySlug(slug);
  }

  accessOf(actor: Actor, workspaceId: string): Promise<WorkspaceAccess | null> {
    return this.policy.accessOf(actor, workspaceId);
  }

  async listPartners(actor: Actor, workspaceId: string, page: PageArgs): Promise<Connection<WorkspacePartner>> {
    await this.policy.assert(actor, 'workspace.read', { workspaceId });
    return this.store.partnersPage(workspaceId, page);
  }

  /** Members who have access now: those of a partner that left, or who left their organization, are not listed. */
  async listMembers(actor: Actor, workspaceId: string, page: PageArgs): Promise<Connection<WorkspaceMember>> {
    await this.policy.assert(actor, 'workspace.read', { workspaceId });
    return this.store.membersWithAccessPage(workspaceId, page);
  }

  /** The workspace's audit trail, newest first, as the audit trail presents it. */
  async auditEvents(actor: Actor, args: AuditEventsArgs) {
    await this.policy.assert(actor, 'workspace.read_audit', { workspaceId: args.workspaceId });
    return this.audit.list({ workspaceId: args.workspaceId }, args);
  }
}
