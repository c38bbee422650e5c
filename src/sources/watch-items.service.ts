import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityKind, ActivityStream } from '../activity';
import { NotFoundError } from '../common/errors';
import { Connection } from '../common/pagination';
import { Actor } from '../common/request-context';
import { AccessPolicy } from '../workspaces';
import { CurateWatchItemInput, WatchItemsArgs } from './dto/item.inputs';
import { Curation, WatchItem } from './watch-item.entity';
import { WatchItemStore } from './watch-item.store';

/**
 * A workspace's incoming items: those of the sources shared into it now, filtered in SQL, and
 * the workspace's triage of them.
 */
@Injectable()
export class WatchItemsService {
  constructor(
    private readonly store: WatchItemStore,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly stream: ActivityStream,
  ) {}

  /** Newest first, each with the workspace's curation (or none: NEW). */
  async list(actor: Actor, args: WatchItemsArgs): Promise<Connection<WatchItem>> {
    const { workspaceId, filter = {} } = args;
    await this.policy.assert(actor, 'item.read', { workspaceId });
    return this.store.pageSharedInto(workspaceId, filter, args);
  }

  /** Of these items, those of a source shared now into a workspace the caller has access to, in one statement. */
  visibleByIds(actor: Pick<Actor, 'userId'>, ids: readonly string[], listedIn: string | null): Promise<WatchItem[]> {
    return this.store.visibleByIds(actor.userId, ids, listedIn);
  }

  /**
   * Sets the workspace's triage of an item of a source shared into it. An annotation or tags left
   * out stay as they were; null clears them.
   */
  async curate(actor: Actor, input: CurateWatchItemInput): Promise<Curation> {
    await this.policy.assert(actor, 'item.curate', { workspaceId: input.workspaceId, kind: 'Watch item' });
    if (!(await this.store.isSharedInto(input.itemId, input.workspaceId))) throw new NotFoundError('Watch item');
    const change = { workspaceId: input.workspaceId, itemId: input.itemId, status: input.status, annotation: input.annotation, tags: input.tags, curatedById: actor.userId };
    return this.dataSource.transaction(async (tx) => {
      const curation = await this.store.upsertCuration(tx, change);
      await this.stream.append(tx, [
        { kind: ActivityKind.watchItemCurated, resourceType: 'watch_item', resourceId: input.itemId, workspaceId: input.workspaceId, actorId: actor.userId, payload: { status: curation.status } },
      ]);
      return curation;
    });
  }
}
