import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditAction, AuditService } from '../activity';
import { BadUserInputError, ConflictError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { LocalizedText, presentLocalizedText } from '../common/localized-text';
import { Connection, paginate } from '../common/pagination';
import { Actor } from '../common/request-context';
import { AccessPolicy, Workspace, WorkspacesService } from '../workspaces';
import { Digest, DigestEntry, DigestStatus, StoredDigestEntry } from './digest.entity';
import { RenderableDigest } from './digest-rendering';
import { excerpt } from './excerpt';
import { CreateDigestInput, DigestsArgs, PublishDigestInput, UpdateDigestInput } from './dto/digest.inputs';
import { sourcesSharedInto } from './share-sql';

const MAX_PERIOD_MS = 92 * 24 * 3600_000;
const MAX_ENTRIES = 200;
const EXCERPT_LENGTH = 400;
/** How many published digests the public Atom feed carries. */
const FEED_SIZE = 50;

export interface DigestPublishedEvent {
  digestId: string;
  workspaceId: string;
}

/**
 * Digests: a period's FEATURED items with an introduction in both languages. A draft shows the
 * workspace's featured items live; publication (managers, audited) freezes them, and the digest
 * becomes public: Atom, HTML and Markdown at /feeds/:workspaceSlug/….
 */
@Injectable()
export class DigestsService {
  constructor(
    @InjectRepository(Digest) private readonly digests: Repository<Digest>,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly workspaces: WorkspacesService,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  // Reading

  async get(actor: Actor, digestId: string): Promise<Digest> {
    const digest = await this.digests.findOneBy({ id: digestId });
    if (!digest) throw new NotFoundError('Digest');
    await this.policy.assert(actor, 'digest.read', { workspaceId: digest.workspaceId, kind: 'Digest' });
    return digest;
  }

  /** Newest first. */
  async list(actor: Actor, args: DigestsArgs): Promise<Connection<Digest>> {
    await this.policy.assert(actor, 'digest.read', { workspaceId: args.workspaceId });
    const query = this.digests.createQueryBuilder('digest').where('digest.workspace_id = :workspaceId', { workspaceId: args.workspaceId });
    if (args.status) query.andWhere('digest.status = :status', { status: args.status });
    return paginate(query, args, {
      direction: 'DESC',
      keys: [
        { expression: 'digest.created_at', value: (digest) => digest.createdAt },
        { expression: 'digest.id', value: (digest) => digest.id },
      ],
    });
  }

  /**
   * The entries of many digests at once (for a DataLoader): frozen for published ones; for drafts,
   * in one query, the FEATURED items of sources shared into the workspace, published in the period.
   */
  async entriesOf(digests: readonly Digest[], manager: EntityManager = this.dataSource.manager): Promise<DigestEntry[][]> {
    const drafts = digests.filter((digest) => !digest.entriesAtPublication).map((digest) => digest.id);
    const rows: (DigestEntry & { digestId: string; summary: string | null; content: string | null; rank: string })[] = drafts.length
      ? await manager.query(
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

  /** What the renderers need for one digest of `workspace`. */
  async renderable(digest: Digest, workspace: Workspace): Promise<RenderableDigest> {
    const [entries] = await this.entriesOf([digest]);
    return renderableDigest(digest, workspace, entries);
  }

  // Public reading (no access token): published digests only

  async publishedOf(workspaceSlug: string): Promise<{ workspace: Workspace; digests: Digest[] }> {
    const workspace = await this.workspaces.findBySlug(workspaceSlug);
    if (!workspace) throw new NotFoundError('Feed');
    const digests = await this.digests.find({
      where: { workspaceId: workspace.id, status: DigestStatus.PUBLISHED },
      order: { publishedAt: 'DESC', id: 'DESC' },
      take: FEED_SIZE,
    });
    return { workspace, digests };
  }

  async published(workspaceSlug: string, digestId: string): Promise<{ workspace: Workspace; digest: Digest }> {
    const workspace = await this.workspaces.findBySlug(workspaceSlug);
    const digest = workspace ? await this.digests.findOneBy({ id: digestId, workspaceId: workspace.id, status: DigestStatus.PUBLISHED }) : null;
    if (!workspace || !digest) throw new NotFoundError('Digest');
    return { workspace, digest };
  }

  // Changing

  async create(actor: Actor, input: CreateDigestInput): Promise<Digest> {
    await this.policy.assert(actor, 'digest.create', { workspaceId: input.workspaceId });
    assertPeriod(input.periodStart, input.periodEnd);
    return this.dataSource.transaction(async (manager) => {
      const digest = await manager.save(
        manager.create(Digest, {
          workspaceId: input.workspaceId,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          introduction: input.introduction ?? { fr: null, en: null },
          createdById: actor.userId,
        }),
      );
      await this.record(manager, actor, digest, 'digest.created', { periodStart: digest.periodStart, periodEnd: digest.periodEnd });
      return digest;
    });
  }

  /** A draft's period or introduction; a published digest does not change (CONFLICT). */
  async update(actor: Actor, input: UpdateDigestInput): Promise<Digest> {
    const found = await this.get(actor, input.digestId);
    await this.policy.assert(actor, 'digest.create', { workspaceId: found.workspaceId, kind: 'Digest' });
    return this.dataSource.transaction(async (manager) => {
      const digest = await this.locked(manager, input.digestId);
      if (digest.status !== DigestStatus.DRAFT) {
        throw new ConflictError('A published digest cannot change', { status: digest.status, publishedAt: digest.publishedAt });
      }
      if (input.periodStart) digest.periodStart = input.periodStart;
      if (input.periodEnd) digest.periodEnd = input.periodEnd;
      assertPeriod(digest.periodStart, digest.periodEnd);
      if (input.introduction !== undefined) digest.introduction = input.introduction ?? { fr: null, en: null };
      return manager.save(digest);
    });
  }

  /**
   * By a manager. Needs the introduction in both languages and at least one featured item;
   * freezes the entries, makes the digest public, and writes an audit event.
   */
  async publish(actor: Actor, input: PublishDigestInput): Promise<Digest> {
    const found = await this.get(actor, input.digestId);
    await this.policy.assert(actor, 'digest.publish', { workspaceId: found.workspaceId, kind: 'Digest' });
    const digest = await this.dataSource.transaction(async (manager) => {
      const digest = await this.locked(manager, input.digestId);
      if (digest.status === DigestStatus.PUBLISHED) {
        throw new ConflictError('This digest is already published', { status: digest.status, publishedAt: digest.publishedAt });
      }
      const [entries] = await this.entriesOf([digest], manager);
      const reasons = [
        ...(digest.introduction.fr ? [] : ['The introduction is missing in French']),
        ...(digest.introduction.en ? [] : ['The introduction is missing in English']),
        ...(entries.length ? [] : ['No item of the period is FEATURED']),
      ];
      if (reasons.length) throw new PreconditionFailedError('The digest cannot be published yet', reasons);
      digest.entriesAtPublication = entries.map((entry): StoredDigestEntry => ({ ...entry, publishedAt: entry.publishedAt.toISOString() }));
      digest.status = DigestStatus.PUBLISHED;
      digest.publishedAt = new Date();
      digest.publishedById = actor.userId;
      await manager.save(digest);
      await this.record(manager, actor, digest, 'digest.published', { entries: entries.length });
      return digest;
    });
    await this.events.emitAsync('digest.published', { digestId: digest.id, workspaceId: digest.workspaceId } satisfies DigestPublishedEvent);
    return digest;
  }

  private async locked(manager: EntityManager, digestId: string): Promise<Digest> {
    return manager.findOneOrFail(Digest, { where: { id: digestId }, lock: { mode: 'pessimistic_write' } });
  }

  private record(manager: EntityManager, actor: Actor, digest: Digest, action: AuditAction, details: Record<string, unknown>): Promise<void> {
    return this.audit.record(
      { actorId: actor.userId, action, resourceType: 'digest', resourceId: digest.id, workspaceId: digest.workspaceId, details },
      manager,
    );
  }
}

export function introductionOf(digest: Digest): LocalizedText | null {
  return presentLocalizedText(digest.introduction);
}

export function renderableDigest(digest: Digest, workspace: Workspace, entries: DigestEntry[]): RenderableDigest {
  return { workspaceName: workspace.name, periodStart: digest.periodStart, periodEnd: digest.periodEnd, introduction: introductionOf(digest), entries };
}

function assertPeriod(start: Date, end: Date): void {
  if (end.getTime() <= start.getTime()) throw BadUserInputError.field('periodEnd', 'must be after periodStart');
  if (end.getTime() - start.getTime() > MAX_PERIOD_MS) throw BadUserInputError.field('periodEnd', 'a digest covers at most 92 days');
}
