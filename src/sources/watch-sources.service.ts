import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Repository, SelectQueryBuilder } from 'typeorm';
import { AuditAction, AuditService } from '../activity';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { Connection, paginate } from '../common/pagination';
import { Actor } from '../common/request-context';
import { OrganizationRole, OrganizationsService } from '../organizations';
import { AccessPolicy, roleAllows } from '../workspaces';
import {
  CreateWatchSourceInput,
  ExportOpmlArgs,
  ImportOpmlInput,
  normalizeTopics,
  OpmlEntryStatus,
  OpmlImportEntry,
  OpmlImportResult,
  ShareWatchSourceInput,
  UnshareWatchSourceInput,
  WatchSourcesArgs,
} from './dto/source.inputs';
import { FeedFetchService, officialLanguage } from './feed-fetch.service';
import { buildOpml, parseOpml } from './opml';
import { sourcesSharedInto, sourceVisibleToViewer } from './share-sql';
import { normalizeSourceUrl } from './source-url';
import { FEED_KINDS, SourceKind, SourceShare, WatchSource } from './watch-source.entity';

const ORGANIZATION_MEMBERS = [OrganizationRole.ADMIN, OrganizationRole.MEMBER];
const MAX_OPML_ENTRIES = 1000;

/**
 * Watch sources and where they are shared. A source belongs to the organization that registered
 * it: any of its members registers, refreshes and (acting for it in a workspace) shares its
 * sources. Everyone else sees a source only through a workspace it is shared into.
 */
@Injectable()
export class WatchSourcesService {
  constructor(
    @InjectRepository(WatchSource) private readonly sources: Repository<WatchSource>,
    @InjectRepository(SourceShare) private readonly shares: Repository<SourceShare>,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly fetcher: FeedFetchService,
  ) {}

  // Reading

  /** NOT_FOUND unless the caller belongs to the owning organization or to a workspace it is shared into. */
  async get(actor: Actor, sourceId: string): Promise<WatchSource> {
    const source = await this.visibleTo(this.sources.createQueryBuilder('source'), actor)
      .andWhere('source.id = :sourceId', { sourceId })
      .getOne();
    if (!source) throw new NotFoundError('Watch source');
    return source;
  }

  /** An organization's own sources (its members), or the sources shared into a workspace now (its members). */
  async list(actor: Actor, args: WatchSourcesArgs): Promise<Connection<WatchSource>> {
    const query = this.sources.createQueryBuilder('source');
    if (!!args.workspaceId === !!args.organizationId) {
      throw BadUserInputError.field('workspaceId', 'give either a workspaceId or an organizationId');
    }
    if (args.organizationId) {
      await this.organizations.getById(args.organizationId);
      await this.organizations.assertRole(actor, args.organizationId, ORGANIZATION_MEMBERS);
      query.where('source.organization_id = :organizationId', { organizationId: args.organizationId });
    } else {
      await this.policy.assert(actor, 'source.read', { workspaceId: args.workspaceId as string });
      query.where(`source.id IN (${sourcesSharedInto(':workspaceId')})`, { workspaceId: args.workspaceId });
    }
    return paginate(query, args, {
      direction: 'DESC',
      keys: [
        { expression: 'source.created_at', value: (source) => source.createdAt },
        { expression: 'source.id', value: (source) => source.id },
      ],
    });
  }

  findByIds(ids: readonly string[]): Promise<WatchSource[]> {
    return this.sources.findBy({ id: In([...ids]) });
  }

  /**
   * The shares of many sources (for a DataLoader), as far as the viewer may know them: all of
   * them for members of the owning organization, those of the viewer's workspaces for others.
   */
  sharesOf(viewer: Actor, sourceIds: readonly string[], includeRevoked: boolean): Promise<SourceShare[]> {
    const query = this.shares
      .createQueryBuilder('share')
      .innerJoin(WatchSource, 'source', 'source.id = share.source_id')
      .where('share.source_id IN (:...sourceIds)', { sourceIds })
      .andWhere(
        `(${AccessPolicy.organizationMemberSql(':viewerId', 'source.organization_id')}
          OR ${AccessPolicy.visibleToSql(':viewerId', { workspace: 'share.workspace_id' })})`,
        { viewerId: viewer.userId },
      )
      .orderBy('share.shared_at', 'ASC')
      .addOrderBy('share.id', 'ASC');
    if (!includeRevoked) query.andWhere('share.revoked_at IS NULL');
    return query.getMany();
  }

  /** Filters a query of sources (aliased `source`) to those the caller may see, in SQL. */
  private visibleTo(query: SelectQueryBuilder<WatchSource>, actor: Actor): SelectQueryBuilder<WatchSource> {
    return query.andWhere(sourceVisibleToViewer('source'), { viewerId: actor.userId });
  }

  // Registering and sharing

  /** By any member of the organization. The canonical URL is unique within the organization. */
  async create(actor: Actor, input: CreateWatchSourceInput): Promise<WatchSource> {
    await this.organizations.getById(input.organizationId);
    await this.organizations.assertRole(actor, input.organizationId, ORGANIZATION_MEMBERS);
    const url = canonicalUrl(input.url, 'url');
    const feedUrl = input.feedUrl ? canonicalUrl(input.feedUrl, 'feedUrl') : FEED_KINDS.includes(input.kind) ? url : null;
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(WatchSource, { organizationId: input.organizationId, url });
      if (existing) throw new ConflictError('This organization already watches this URL', { sourceId: existing.id, url });
      const source = await this.insertSource(manager, actor, {
        organizationId: input.organizationId,
        url,
        feedUrl,
        kind: input.kind,
        language: input.language ?? null,
        topics: input.topics ?? [],
        title: input.title || null,
      });
      await this.audit.record(
        {
          actorId: actor.userId,
          action: 'source.created',
          resourceType: 'watch_source',
          resourceId: source.id,
          organizationId: source.organizationId,
          details: { url, feedUrl, kind: source.kind },
        },
        manager,
      );
      return source;
    });
  }

  /**
   * By a member acting, in the workspace, for the organization that owns the source (so the
   * organization is an ACTIVE partner there), with a role that may share.
   */
  async share(actor: Actor, input: ShareWatchSourceInput): Promise<SourceShare> {
    const source = await this.get(actor, input.sourceId);
    const access = await this.policy.assert(actor, 'source.share', { workspaceId: input.workspaceId });
    if (access.organizationId !== source.organizationId) {
      throw new ForbiddenError('Only a member acting here for the organization that owns the source may share it');
    }
    return this.dataSource.transaction(async (manager) => {
      await lockSource(manager, source.id);
      const current = await manager.findOneBy(SourceShare, { sourceId: source.id, workspaceId: input.workspaceId, revokedAt: IsNull() });
      if (current) {
        throw new ConflictError('This source is already shared into this workspace', { shareId: current.id, sharedAt: current.sharedAt });
      }
      const share = await manager.save(
        manager.create(SourceShare, { sourceId: source.id, workspaceId: input.workspaceId, note: input.note || null, sharedById: actor.userId }),
      );
      await this.recordShare(manager, actor, share, source, 'source.shared');
      return share;
    });
  }

  /**
   * By whoever may share it (acting for the owning organization), or by the workspace's managers,
   * who decide what their workspace receives. The share stays, revoked, as history.
   */
  async unshare(actor: Actor, input: UnshareWatchSourceInput): Promise<boolean> {
    const source = await this.get(actor, input.sourceId);
    const access = await this.policy.assert(actor, 'source.read', { workspaceId: input.workspaceId, kind: 'Source share' });
    const sharer = access.organizationId === source.organizationId && roleAllows(access.role, 'source.share');
    if (!sharer && !roleAllows(access.role, 'source.unshare')) {
      throw new ForbiddenError('Only members acting for the owning organization, or the workspace managers, may unshare a source');
    }
    return this.dataSource.transaction(async (manager) => {
      await lockSource(manager, source.id);
      const share = await manager.findOneBy(SourceShare, { sourceId: source.id, workspaceId: input.workspaceId, revokedAt: IsNull() });
      if (!share) throw new NotFoundError('Source share');
      share.revokedAt = new Date();
      share.revokedById = actor.userId;
      await manager.save(share);
      await this.recordShare(manager, actor, share, source, 'source.unshared');
      return true;
    });
  }

  /** Fetches now, by a member of the owning organization; the outcome is on the returned source. */
  async refresh(actor: Actor, sourceId: string): Promise<WatchSource> {
    const source = await this.get(actor, sourceId);
    if (!(await this.organizations.membershipOf(actor.userId, source.organizationId))) {
      throw new ForbiddenError('Only members of the organization that owns the source may refresh it');
    }
    if (!source.feedUrl) {
      throw new PreconditionFailedError('This source has no feed to fetch', ['The source has no feed URL']);
    }
    const outcome = await this.fetcher.fetchSource(source.id);
    if (outcome === 'busy') {
      throw new ConflictError('This source is being fetched right now; try again in a moment', { sourceId: source.id });
    }
    return this.sources.findOneByOrFail({ id: source.id });
  }

  // OPML

  /**
   * Registers every feed of an OPML document for the organization, and says what became of each:
   * IMPORTED, DUPLICATE (of a source with the same URL or feed URL, or of an earlier entry), or
   * REFUSED (no feed URL, not http/https, unreadable).
   */
  async importOpml(actor: Actor, input: ImportOpmlInput): Promise<OpmlImportResult> {
    await this.organizations.getById(input.organizationId);
    await this.organizations.assertRole(actor, input.organizationId, ORGANIZATION_MEMBERS);
    let outlines: ReturnType<typeof parseOpml>;
    try {
      outlines = parseOpml(input.opml).slice(0, MAX_OPML_ENTRIES);
    } catch (error) {
      throw BadUserInputError.field('opml', error instanceof Error ? error.message : 'is not an OPML document');
    }
    return this.dataSource.transaction(async (manager) => {
      // One import at a time per organization: the duplicate checks below see every earlier source.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tandem:opml:' || $1))`, [input.organizationId]);
      const existing = await manager.findBy(WatchSource, { organizationId: input.organizationId });
      const byUrl = new Map<string, WatchSource>();
      const remember = (source: WatchSource) => {
        byUrl.set(source.url, source);
        if (source.feedUrl) byUrl.set(source.feedUrl, source);
      };
      existing.forEach(remember);
      const entries: OpmlImportEntry[] = [];
      for (const outline of outlines) {
        const entry: OpmlImportEntry = { title: outline.title ?? null, feedUrl: outline.xmlUrl ?? null, status: OpmlEntryStatus.REFUSED, reason: null, source: null };
        entries.push(entry);
        let feedUrl: string;
        let url: string;
        try {
          if (!outline.xmlUrl) throw new Error('The outline has no xmlUrl');
          feedUrl = canonicalUrl(outline.xmlUrl, 'xmlUrl');
          url = outline.htmlUrl ? canonicalUrl(outline.htmlUrl, 'htmlUrl') : feedUrl;
        } catch (error) {
          entry.reason = error instanceof BadUserInputError ? (error.details.fields as { message: string }[])[0].message : (error as Error).message;
          continue;
        }
        const duplicate = byUrl.get(feedUrl) ?? byUrl.get(url);
        if (duplicate) {
          Object.assign(entry, { status: OpmlEntryStatus.DUPLICATE, reason: `Already watched: ${duplicate.feedUrl ?? duplicate.url}`, source: duplicate });
          continue;
        }
        const source = await this.insertSource(manager, actor, {
          organizationId: input.organizationId,
          url,
          feedUrl,
          kind: SourceKind.RSS,
          language: officialLanguage(outline.language),
          topics: (normalizeTopics({ value: outline.categories ?? [] }) as string[]).slice(0, 20).map((topic) => topic.slice(0, 60)),
          title: outline.title || null,
        });
        remember(source);
        Object.assign(entry, { status: OpmlEntryStatus.IMPORTED, source });
      }
      const count = (status: OpmlEntryStatus) => entries.filter((entry) => entry.status === status).length;
      const result = { entries, imported: count(OpmlEntryStatus.IMPORTED), duplicates: count(OpmlEntryStatus.DUPLICATE), refused: count(OpmlEntryStatus.REFUSED) };
      await this.audit.record(
        {
          actorId: actor.userId,
          action: 'source.opml_imported',
          resourceType: 'organization',
          resourceId: input.organizationId,
          organizationId: input.organizationId,
          details: { imported: result.imported, duplicates: result.duplicates, refused: result.refused },
        },
        manager,
      );
      return result;
    });
  }

  /** The feeds of an organization (its members) or of a workspace (its members), as OPML 2.0. */
  async exportOpml(actor: Actor, args: ExportOpmlArgs): Promise<string> {
    const sources: WatchSource[] = [];
    let after: string | undefined;
    do {
      const page = await this.list(actor, { ...args, first: 100, after });
      sources.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined;
    } while (after);
    return buildOpml({
      title: 'Tandem',
      outlines: sources
        .filter((source) => source.feedUrl)
        .reverse()
        .map((source) => ({
          title: source.title ?? source.url,
          xmlUrl: source.feedUrl as string,
          htmlUrl: source.url,
          language: source.language ?? undefined,
          categories: source.topics,
        })),
    });
  }

  // Helpers

  private async insertSource(
    manager: EntityManager,
    actor: Actor,
    fields: Pick<WatchSource, 'organizationId' | 'url' | 'feedUrl' | 'kind' | 'language' | 'topics' | 'title'>,
  ): Promise<WatchSource> {
    return manager.save(manager.create(WatchSource, { ...fields, createdById: actor.userId }));
  }

  private recordShare(manager: EntityManager, actor: Actor, share: SourceShare, source: WatchSource, action: AuditAction): Promise<void> {
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
      manager,
    );
  }
}

/** The normalized URL, or BAD_USER_INPUT naming the field (only http and https are accepted). */
function canonicalUrl(raw: string, field: string): string {
  try {
    return normalizeSourceUrl(raw);
  } catch (error) {
    throw BadUserInputError.field(field, error instanceof Error ? error.message : 'is not a valid http(s) URL');
  }
}

/** Serializes share changes of one source, so two requests cannot both share it into a workspace. */
async function lockSource(manager: EntityManager, sourceId: string): Promise<void> {
  await manager.query(`SELECT id FROM watch_source WHERE id = $1 FOR UPDATE`, [sourceId]);
}
