import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditService } from '../activity';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { Actor } from '../common/request-context';
import { AccessPolicy } from '../workspaces';
import { ShareWatchSourceInput, UnshareWatchSourceInput } from './dto/source.inputs';
import { mayShare, mayUnshare } from './source-access';
import { SourceShare, WatchSource } from './watch-source.entity';
import { WatchSourceStore } from './watch-source.store';
import { WatchSourcesService } from './watch-sources.service';

/**
 * Sharing sources into workspaces, and taking them back. Who may is source-access.ts; each change
 * locks the source, so two requests cannot both share it into one workspace, and is audited.
 */
@Injectable()
export class SourceSharingService {
  constructor(
    private readonly store: WatchSourceStore,
    private readonly sources: WatchSourcesService,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  /**
   * By a member acting, in the workspace, for the organization that owns the source (so the
   * organization is an ACTIVE partner there), with a role that may share.
   */
  async share(actor: Actor, input: ShareWatchSourceInput): Promise<SourceShare> {
    const source = await this.sources.get(actor, input.sourceId);
    const access = await this.policy.assert(actor, 'source.share', { workspaceId: input.workspaceId });
    if (!mayShare(access, source)) {
      throw new ForbiddenError('Only a member acting here for the organization that owns the source may share it');
    }
    return this.dataSource.transaction(async (tx) => {
      await this.store.lockForShareChange(tx, source.id);
      const current = await this.store.currentShare(tx, source.id, input.workspaceId);
      if (current) {
        throw new ConflictError('This source is already shared into this workspace', { shareId: current.id, sharedAt: current.sharedAt });
      }
      const share = await this.store.insertShare(tx, { sourceId: source.id, workspaceId: input.workspaceId, note: input.note || null, sharedById: actor.userId });
      await this.record(tx, actor, share, source, AuditAction.sourceShared);
      return share;
    });
  }

  /**
   * By whoever may share it (acting for the owning organization), or by the workspace's managers,
   * who decide what their workspace receives. The share stays, revoked, as history.
   */
  async unshare(actor: Actor, input: UnshareWatchSourceInput): Promise<boolean> {
    const source = await this.sources.get(actor, input.sourceId);
    const access = await this.policy.assert(actor, 'source.read', { workspaceId: input.workspaceId, kind: 'Source share' });
    if (!mayUnshare(access, source)) {
      throw new ForbiddenError('Only members acting for the owning organization, or the workspace managers, may unshare a source');
    }
    return this.dataSource.transaction(async (tx) => {
      await this.store.lockForShareChange(tx, source.id);
      const share = await this.store.currentShare(tx, source.id, input.workspaceId);
      if (!share) throw new NotFoundError('Source share');
      await this.store.revokeShare(tx, share, actor.userId);
      await this.record(tx, actor, share, source, AuditAction.sourceUnshared);
      return true;
    });
  }

  private record(tx: EntityManager, actor: Actor, share: SourceShare, source: WatchSource, action: AuditAction): Promise<void> {
    return this.audit.record(
      {
        actorId: actor.userId,
        action,
        resourceType: 'source_share',
        resourceId: share.id,
        workspaceId: share.workspaceId,
        organizationId: source.organizationId,
        details: { sourceId: source.id, url: source.url, note: share.note },
      },
      tx,
    );
  }
}
