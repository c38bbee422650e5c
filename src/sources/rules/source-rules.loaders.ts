import { Injectable } from '@nestjs/common';
import { groupByKeys, RequestLoaders } from '../../common/loaders';
import { Actor } from '../../common/request-context';
import { AccessPolicy } from '../../workspaces';
import { SourceRule } from './source-rule.entity';
import { SourceRuleStore } from './source-rule.store';

/** The rules of each share, in order, and which workspaces the viewer may read: one query each per request, whatever the number of shares shown. */
@Injectable()
export class SourceRulesLoaders {
  constructor(
    private readonly store: SourceRuleStore,
    private readonly policy: AccessPolicy,
  ) {}

  rulesOfShare(loaders: RequestLoaders) {
    return loaders.get<string, SourceRule[]>('sourceRulesByShare', async (shareIds) => groupByKeys(shareIds, await this.store.ofShares(shareIds), (rule) => rule.shareId));
  }

  /** Whether the viewer (the one of this request) has access to each workspace now. */
  readsWorkspace(loaders: RequestLoaders, viewer: Pick<Actor, 'userId'>) {
    return loaders.get<string, boolean>('sourceRulesReadableWorkspace', async (workspaceIds) => {
      const readable = await this.policy.accessibleWorkspaces(viewer, workspaceIds);
      return workspaceIds.map((workspaceId) => readable.has(workspaceId));
    });
  }
}
