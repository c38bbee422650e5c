import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { AccessPolicy } from '../workspaces';
import { sourcesSharedInto, sourceVisibleToViewer } from './share-sql';
import { SourceShare, WatchSource } from './watch-source.entity';

/** What registering a source stores; the rest is fetch state, filled in by the fetcher. */
export type NewWatchSource = Pick<WatchSource, 'organizationId' | 'url' | 'feedUrl' | 'kind' | 'language' | 'topics' | 'title' | 'createdById'>;

/** Every query of watch sources and their shares into workspaces. */
@Injectable()
export class WatchSourceStore {
  constructor(
    @InjectRepository(WatchSource) private readonly sources: Repository<WatchSource>,
    @InjectRepository(SourceShare) private readonly shares: Repository<SourceShare>,
  ) {}

  /** The source, if the viewer belongs to its organization or has access to a workspace it is shared into now. */
  visibleById(viewerId: string, sourceId: string): Promise<WatchSource | null> {
    return this.sources
      .createQueryBuilder('source')
      .where('source.id = :sourceId', { sourceId })
      .andWhere(sourceVisibleToViewer('source'), { viewerId })
      .getOne();
  }

  /** Of these sources, those the viewer may see (see visibleById), in one statement. */
  visibleByIds(viewerId: string, ids: readonly string[]): Promise<WatchSource[]> {
    return this.sources.createQueryBuilder('source').where('source.id = ANY(:ids)', { ids }).andWhere(sourceVisibleToViewer('source'), { viewerId }).getMany();
  }

  /** The source as stored now (after a fetch), whoever asks. */
  byId(sourceId: string): Promise<WatchSource> {
    return this.sources.findOneByOrFail({ id: sourceId });
  }

  /** Sources by id, for a DataLoader. */
  byIds(ids: readonly string[]): Promise<WatchSource[]> {
    return this.sources.findBy({ id: In([...ids]) });
  }

  /** A page of an organization's own sources, newest first. */
  pageOfOrganization(organizationId: string, page: PageArgs): Promise<Connection<WatchSource>> {
    const query = this.sources.createQueryBuilder('source').where('source.organization_id = :organizationId', { organizationId });
    return paginate(query, page, byCreation('source', 'DESC'));
  }

  /** A page of the sources shared into a workspace now, newest first. */
  pageSharedInto(workspaceId: string, page: PageArgs): Promise<Connection<WatchSource>> {
    const query = this.sources.createQueryBuilder('source').where(`source.id IN (${sourcesSharedInto(':workspaceId')})`, { workspaceId });
    return paginate(query, page, byCreation('source', 'DESC'));
  }

  /**
   * The shares of many sources as far as the viewer may know them, oldest first: all of them for
   * members of the owning organization, those of the viewer's workspaces for others.
   */
  sharesVisibleTo(viewerId: string, sourceIds: readonly string[], includeRevoked: boolean): Promise<SourceShare[]> {
    const query = this.shares
      .createQueryBuilder('share')
      .innerJoin(WatchSource, 'source', 'source.id = share.source_id')
      .where('share.source_id IN (:...sourceIds)', { sourceIds })
      .andWhere(
        `(${AccessPolicy.organizationMemberSql(':viewerId', 'source.organization_id')}
          OR ${AccessPolicy.visibleToSql(':viewerId', { workspace: 'share.workspace_id' })})`,
        { viewerId },
      )
      .orderBy('share.shared_at', 'ASC')
      .addOrderBy('share.id', 'ASC');
    if (!includeRevoked) query.andWhere('share.revoked_at IS NULL');
    return query.getMany();
  }

  /** Turns full text on or off; the failure count starts again. */
  async setFullText(sourceId: string, fullText: boolean): Promise<void> {
    await this.sources.update({ id: sourceId }, { fullText, lastFetchFullTextFailures: 0 });
  }

  /** The organization's source with this canonical URL, if any. */
  byUrl(tx: EntityManager, organizationId: string, url: string): Promise<WatchSource | null> {
    return tx.findOneBy(WatchSource, { organizationId, url });
  }

  /** Every source of the organization. */
  ofOrganization(tx: EntityManager, organizationId: string): Promise<WatchSource[]> {
    return tx.findBy(WatchSource, { organizationId });
  }

  /** Stores a newly registered source. */
  insert(tx: EntityManager, fields: NewWatchSource): Promise<WatchSource> {
    return tx.save(tx.create(WatchSource, fields));
  }

  /** Serializes OPML imports of one organization until the transaction ends. */
  async lockOpmlImports(tx: EntityManager, organizationId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('tandem:opml:' || $1))`, [organizationId]);
  }

  /** Locks the source row, serializing the share changes of one source. */
  async lockForShareChange(tx: EntityManager, sourceId: string): Promise<void> {
    await tx.query(`SELECT id FROM watch_source WHERE id = $1 FOR UPDATE`, [sourceId]);
  }

  /** The share of the source into the workspace that is not revoked, if any. */
  currentShare(tx: EntityManager, sourceId: string, workspaceId: string): Promise<SourceShare | null> {
    return tx.findOneBy(SourceShare, { sourceId, workspaceId, revokedAt: IsNull() });
  }

  /** Stores a new share. */
  insertShare(tx: EntityManager, fields: Pick<SourceShare, 'sourceId' | 'workspaceId' | 'note' | 'sharedById'>): Promise<SourceShare> {
    return tx.save(tx.create(SourceShare, fields));
  }

  /** Marks the share revoked now by `revokedById`; the row stays as history. */
  revokeShare(tx: EntityManager, share: SourceShare, revokedById: string): Promise<SourceShare> {
    return tx.save(Object.assign(share, { revokedAt: new Date(), revokedById }));
  }
}
