import { Injectable } from '@nestjs/common';
import { byKeys, groupByKeys, RequestLoaders } from '../common/loaders';
import { Actor } from '../common/request-context';
import { WorkspacesService } from '../workspaces';
import type { Workspace } from '../workspaces';
import { Digest, DigestEntry } from './digest.entity';
import { DigestStore } from './digest.store';
import { WatchItem } from './watch-item.entity';
import { WatchItemStore } from './watch-item.store';
import { SourceShare, WatchSource } from './watch-source.entity';
import { WatchSourceStore } from './watch-source.store';

/** The DataLoaders of this module's resolvers: one query per request and kind, whatever the page size. */
@Injectable()
export class SourcesLoaders {
  constructor(
    private readonly sources: WatchSourceStore,
    private readonly items: WatchItemStore,
    private readonly digests: DigestStore,
    private readonly workspaces: WorkspacesService,
  ) {}

  /** Sources by id. */
  watchSource(loaders: RequestLoaders) {
    return loaders.get<string, WatchSource | null>('watchSourceById', async (ids) => byKeys(ids, await this.sources.byIds(ids), (source) => source.id));
  }

  /** The shares of each source, as far as the viewer may know them. */
  shares(loaders: RequestLoaders, viewer: Actor, includeRevoked: boolean) {
    return loaders.get<string, SourceShare[]>(`sourceShares:${includeRevoked}`, async (ids) =>
      groupByKeys(ids, await this.sources.sharesVisibleTo(viewer.userId, ids, includeRevoked), (share) => share.sourceId),
    );
  }

  /** Items by id. */
  watchItem(loaders: RequestLoaders) {
    return loaders.get<string, WatchItem | null>('watchItemById', async (ids) => byKeys(ids, await this.items.byIds(ids), (item) => item.id));
  }

  /** The entries of each digest: frozen, or live for drafts. */
  digestEntries(loaders: RequestLoaders) {
    return loaders.get<Digest, DigestEntry[]>('digestEntries', (digests) => this.digests.entriesOf(digests));
  }

  /** Workspaces by id, through their module. */
  workspace(loaders: RequestLoaders) {
    return loaders.get<string, Workspace | null>('sources:workspaceById', async (ids) =>
      byKeys(ids, await this.workspaces.findByIds(ids), (workspace) => workspace.id),
    );
  }
}
