import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { byCreation, Connection, PageArgs, paginate } from '../common/pagination';
import { AccessPolicy } from '../workspaces';
import { Digest, DigestEntry, DigestStatus } from './digest.entity';
import { excerpt } from './excerpt';
import { sourcesSharedInto } from './share-sql';

const MAX_ENTRIES = 200;
const EXCERPT_LENGTH = 400;

/** A featured item as the draft query reads it, before its excerpt is made. */
type FeaturedRow = Omit<DigestEntry, 'excerpt'> & { digestId: string; summary: string | null; content: string | null; rank: string };

/** Every query of digests, and of the featured items a draft shows. */
@Injectable()
export class DigestStore {
  constructor(
    @InjectRepository(Digest) private readonly digests: Repository<Digest>,
    private readonly dataSource: DataSource,
  ) {}

  /** The digest, whatever its workspace. */
  byId(digestId: string): Promise<Digest | null> {
    return this.digests.findOneBy({ id: digestId });
  }

  /** Of these digests, those of a workspace where the viewer may read digests, in one statement. */
  readableByIds(viewerId: string, ids: readonly string[]): Promise<Digest[]> {
    return this.digests
      .createQueryBuilder('digest')
      .where('digest.id = ANY(:ids)', { ids })
      .andWhere(AccessPolicy.permittedToSql(':viewerId', 'digest.read', { workspace: 'digest.workspace_id' }), { viewerId })
      .getMany();
  }

  /** A page of the workspace's digests (of one status, if given), newest first. */
  page(workspaceId: string, status: DigestStatus | undefined, page: PageArgs): Promise<Connection<Digest>> {
    const query = this.digests.createQueryBuilder('digest').where('digest.workspace_id = :workspaceId', { workspaceId });
    if (status) query.andWhere('digest.status = :status', { status });
    return paginate(query, page, byCreation('digest', 'DESC'));
  }

  /** The workspace's latest published digests, newest first. */
  latestPublished(workspaceId: string, limit: number): Promise<Digest[]> {
    return this.digests.find({ where: { workspaceId, status: DigestStatus.PUBLISHED }, order: { publishedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** The digest if it is a published one of the workspace. */
  publishedById(workspaceId: string, digestId: string): Promise<Digest | null> {
    return this.digests.findOneBy({ id: digestId, workspaceId, status: DigestStatus.PUBLISHED });
  }

  /**
   * The entries of many digests at once (a DataLoader's batch, or one digest being published in
   * `tx`): frozen for published ones; for drafts, in one query, the FEATURED items of sources
   * shared into the workspace, published in the period, newest first.
   */
  async entriesOf(digests: readonly Digest[], tx: EntityManager = this.dataSource.manager): Promise<DigestEntry[][]> {
    const drafts = digests.filter((digest) => !digest.entriesAtPublication).map((digest) => digest.id);
    const rows: FeaturedRow[] = drafts.length
      ? await tx.query(
          `SELECT * FROM (
             SELECT digest.id AS "digestId", item.id AS "itemId", item.source_id AS "sourceId", source.title AS "sourceTitle",
                    source.url AS "sourceUrl", item.title, item.url, item.summary, item.content, item.author, item.language,
                    item.published_at AS "publishedAt", curation.annotation, curation.tags,
                    row_number() OVER (PARTITION BY digest.id ORDER BY item.published_at DESC, item.id DESC) AS rank
               FROM digest
               JOIN curation ON curation.workspace_id = digest.workspace_id AND curation.status = 'FEATURED'
               JOIN watch_item item ON item.id = curation.item_id
                AND item.published_at >= digest.period_start AND item.published_at < digest.period_end
               JOIN watch_source source ON source.id = item.source_id
              WHERE digest.id = ANY($1::uuid[]) AND item.source_id IN (${sourcesSharedInto('digest.workspace_id')})
           ) featured WHERE rank <= $2 ORDER BY rank`,
          [drafts, MAX_ENTRIES],
        )
      : [];
    return digests.map((digest) =>
      digest.entriesAtPublication
        ? digest.entriesAtPublication.map((entry) => ({ ...entry, publishedAt: new Date(entry.publishedAt) }))
        : rows
            .filter((row) => row.digestId === digest.id)
            .map(({ digestId: _digest, rank: _rank, summary, content, ...entry }) => ({
              ...entry,
              publishedAt: new Date(entry.publishedAt),
              excerpt: excerpt(summary ?? content, EXCERPT_LENGTH),
            })),
    );
  }

  /** Stores a new draft. */
  insert(tx: EntityManager, fields: Pick<Digest, 'workspaceId' | 'periodStart' | 'periodEnd' | 'introduction' | 'createdById'>): Promise<Digest> {
    return tx.save(tx.create(Digest, fields));
  }

  /** The digest, its row locked until the transaction ends. */
  lockForWrite(tx: EntityManager, digestId: string): Promise<Digest> {
    return tx.findOneOrFail(Digest, { where: { id: digestId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Writes the digest's changes. */
  save(tx: EntityManager, digest: Digest): Promise<Digest> {
    return tx.save(digest);
  }
}
