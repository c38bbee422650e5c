import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Connection, PageArgs, paginate } from '../common/pagination';
import { AccessPolicy } from '../workspaces';
import { WatchItemFilter } from './dto/item.inputs';
import { LIVE_SHARES, sourcesSharedInto } from './share-sql';
import { Curation, CurationStatus, WatchItem } from './watch-item.entity';

/** A workspace's triage of an item; an annotation or tags left undefined stay as they were. */
export interface CurationChange {
  workspaceId: string;
  itemId: string;
  status: CurationStatus;
  annotation?: string | null;
  tags?: string[] | null;
  curatedById: string;
}

/** Every query of fetched items and of the workspaces' curation of them. */
@Injectable()
export class WatchItemStore {
  constructor(@InjectRepository(WatchItem) private readonly items: Repository<WatchItem>) {}

  /** A page of the items of the sources shared into the workspace now, newest first, each with the workspace's curation. */
  pageSharedInto(workspaceId: string, filter: WatchItemFilter, page: PageArgs): Promise<Connection<WatchItem>> {
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
    return paginate(query, page, {
      direction: 'DESC',
      keys: [
        { expression: 'item.published_at', value: (item) => item.publishedAt },
        { expression: 'item.id', value: (item) => item.id },
      ],
    });
  }

  /** Items by id, for a DataLoader. */
  byIds(ids: readonly string[]): Promise<WatchItem[]> {
    return this.items.findBy({ id: In([...ids]) });
  }

  /**
   * Of these items, those of a source shared now into a workspace the viewer has access to, in one
   * statement; with `listedIn`, only into that workspace, each with its curation there.
   */
  visibleByIds(viewerId: string, ids: readonly string[], listedIn: string | null): Promise<WatchItem[]> {
    const query = this.items.createQueryBuilder('item');
    if (listedIn) {
      query.leftJoinAndMapOne('item.curation', Curation, 'curation', 'curation.item_id = item.id AND curation.workspace_id = :listedIn');
    }
    return query
      .where('item.id = ANY(:ids)', { ids })
      .andWhere(
        `EXISTS (SELECT 1 FROM (${LIVE_SHARES}) share WHERE share.source_id = item.source_id
           AND (CAST(:listedIn AS uuid) IS NULL OR share.workspace_id = :listedIn)
           AND ${AccessPolicy.permittedToSql(':viewerId', 'item.read', { workspace: 'share.workspace_id' })})`,
        { viewerId, listedIn },
      )
      .getMany();
  }

  /** Whether the item belongs to a source shared into the workspace now. */
  isSharedInto(itemId: string, workspaceId: string): Promise<boolean> {
    return this.items
      .createQueryBuilder('item')
      .where('item.id = :itemId', { itemId })
      .andWhere(`item.source_id IN (${sourcesSharedInto(':workspaceId')})`, { workspaceId })
      .getExists();
  }

  /** Writes the workspace's triage of the item in one statement (first triage or a change), and returns it. */
  async upsertCuration(tx: EntityManager, change: CurationChange): Promise<Curation> {
    await tx.query(
      `INSERT INTO curation (workspace_id, item_id, status, annotation, tags, curated_by_id)
       VALUES ($1, $2, $3, $4, COALESCE($5::text[], '{}'), $6)
       ON CONFLICT (workspace_id, item_id) DO UPDATE
          SET status = EXCLUDED.status,
              annotation = CASE WHEN $7 THEN curation.annotation ELSE EXCLUDED.annotation END,
              tags = CASE WHEN $8 THEN curation.tags ELSE EXCLUDED.tags END,
              curated_by_id = EXCLUDED.curated_by_id, updated_at = now()`,
      [
        change.workspaceId,
        change.itemId,
        change.status,
        change.annotation || null,
        change.tags ?? null,
        change.curatedById,
        change.annotation === undefined,
        change.tags === undefined,
      ],
    );
    return tx.findOneByOrFail(Curation, { workspaceId: change.workspaceId, itemId: change.itemId });
  }
}
