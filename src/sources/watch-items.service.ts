import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors';
import { Connection, paginate } from '../common/pagination';
import { Actor } from '../common/request-context';
import { AccessPolicy } from '../workspaces';
import { CurateWatchItemInput, WatchItemsArgs } from './dto/item.inputs';
import { sourcesSharedInto } from './share-sql';
import { Curation, CurationStatus, WatchItem } from './watch-item.entity';

/**
 * A workspace's incoming items: those of the sources shared into it now, filtered in SQL, and
 * the workspace's triage of them.
 */
@Injectable()
export class WatchItemsService {
  constructor(
    @InjectRepository(WatchItem) private readonly items: Repository<WatchItem>,
    @InjectRepository(Curation) private readonly curations: Repository<Curation>,
    private readonly policy: AccessPolicy,
  ) {}

  /** Newest first, each with the workspace's curation (or none: NEW). */
  async list(actor: Actor, args: WatchItemsArgs): Promise<Connection<WatchItem>> {
    const { workspaceId, filter = {} } = args;
    await this.policy.assert(actor, 'item.read', { workspaceId });
    const query = this.items
      .createQueryBuilder('item')
      .leftJoinAndMapOne('item.curation', Curation, 'curation', 'curation.item_id = item.id AND curation.workspace_id = :workspaceId', {
        workspaceId,
      })
      .where(`item.source_id IN (${sourcesSharedInto(':workspaceId')})`, { workspaceId });
    if (filter.sourceId) query.andWhere('item.source_id = :sourceId', { sourceId: filter.sourceId });
    if (filter.topic) query.andWhere('item.source_id IN (SELECT id FROM watch_source WHERE :topic = ANY(topics))', { topic: filter.topic });
    if (filter.language) query.andWhere('item.language = :language', { language: filter.language });
    if (filter.since) query.andWhere('item.published_at >= :since', { since: filter.since });
    if (filter.status === CurationStatus.NEW) query.andWhere(`(curation.id IS NULL OR curation.status = 'NEW')`);
    else if (filter.status) query.andWhere('curation.status = :status', { status: filter.status });
    return paginate(query, args, {
      direction: 'DESC',
      keys: [
        { expression: 'item.published_at', value: (item) => item.publishedAt },
        { expression: 'item.id', value: (item) => item.id },
      ],
    });
  }

  findByIds(ids: readonly string[]): Promise<WatchItem[]> {
    return this.items.findBy({ id: In([...ids]) });
  }

  /**
   * Sets the workspace's triage of an item of a source shared into it. An annotation or tags left
   * out stay as they were; null clears them.
   */
  async curate(actor: Actor, input: CurateWatchItemInput): Promise<Curation> {
    await this.policy.assert(actor, 'item.curate', { workspaceId: input.workspaceId, kind: 'Watch item' });
    const shared = await this.items
      .createQueryBuilder('item')
      .where('item.id = :itemId', { itemId: input.itemId })
      .andWhere(`item.source_id IN (${sourcesSharedInto(':workspaceId')})`, { workspaceId: input.workspaceId })
      .getExists();
    if (!shared) throw new NotFoundError('Watch item');
    await this.curations.query(
      `INSERT INTO curation (workspace_id, item_id, status, annotation, tags, curated_by_id)
       VALUES ($1, $2, $3, $4, COALESCE($5::text[], '{}'), $6)
       ON CONFLICT (workspace_id, item_id) DO UPDATE
          SET status = EXCLUDED.status,
              annotation = CASE WHEN $7 THEN curation.annotation ELSE EXCLUDED.annotation END,
              tags = CASE WHEN $8 THEN curation.tags ELSE EXCLUDED.tags END,
              curated_by_id = EXCLUDED.curated_by_id, updated_at = now()`,
      [
        input.workspaceId,
        input.itemId,
        input.status,
        input.annotation || null,
        input.tags ?? null,
        actor.userId,
        input.annotation === undefined,
        input.tags === undefined,
      ],
    );
    return this.curations.findOneByOrFail({ workspaceId: input.workspaceId, itemId: input.itemId });
  }
}
