import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction, AuditService } from '../activity';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { Connection } from '../common/pagination';
import { Actor } from '../common/request-context';
import { OrganizationsService } from '../organizations';
import { AccessPolicy } from '../workspaces';
import { CreateWatchSourceInput, WatchSourcesArgs } from './dto/source.inputs';
import { FeedFetchService } from './feed-fetch.service';
import { mayManageOrganizationSources } from './source-access';
import { normalizeSourceUrl } from './source-url';
import { FEED_KINDS, WatchSource } from './watch-source.entity';
import { WatchSourceStore } from './watch-source.store';

/**
 * Watch sources: reading, registering and refreshing them. A source belongs to the organization
 * that registered it: any of its members registers and refreshes its sources. Everyone else sees a
 * source only through a workspace it is shared into (sharing: SourceSharingService).
 */
@Injectable()
export class WatchSourcesService {
  constructor(
    private readonly store: WatchSourceStore,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly fetcher: FeedFetchService,
  ) {}

  /** NOT_FOUND unless the caller belongs to the owning organization or to a workspace it is shared into. */
  async get(actor: Actor, sourceId: string): Promise<WatchSource> {
    const source = await this.store.visibleById(actor.userId, sourceId);
    if (!source) throw new NotFoundError('Watch source');
    return source;
  }

  /** Of these sources, those the caller may see (as get would give them), in one statement. */
  visibleByIds(actor: Pick<Actor, 'userId'>, ids: readonly string[]): Promise<WatchSource[]> {
    return this.store.visibleByIds(actor.userId, ids);
  }

  /** An organization's own sources (its members), or the sources shared into a workspace now (its members). */
  async list(actor: Actor, args: WatchSourcesArgs): Promise<Connection<WatchSource>> {
    if (!!args.workspaceId === !!args.organizationId) {
      throw BadUserInputError.field('workspaceId', 'give either a workspaceId or an organizationId');
    }
    if (args.organizationId) {
      await this.assertOrganizationMember(actor, args.organizationId);
      return this.store.pageOfOrganization(args.organizationId, args);
    }
    const workspaceId = args.workspaceId as string;
    await this.policy.assert(actor, 'source.read', { workspaceId });
    return this.store.pageSharedInto(workspaceId, args);
  }

  /** By any member of the organization. The canonical URL is unique within the organization. */
  async create(actor: Actor, input: CreateWatchSourceInput): Promise<WatchSource> {
    await this.assertOrganizationMember(actor, input.organizationId);
    const url = canonicalUrl(input.url, 'url');
    const feedUrl = input.feedUrl ? canonicalUrl(input.feedUrl, 'feedUrl') : FEED_KINDS.includes(input.kind) ? url : null;
    return this.dataSource.transaction(async (tx) => {
      const existing = await this.store.byUrl(tx, input.organizationId, url);
      if (existing) throw new ConflictError('This organization already watches this URL', { sourceId: existing.id, url });
      const source = await this.store.insert(tx, {
        organizationId: input.organizationId,
        url,
        feedUrl,
        kind: input.kind,
        language: input.language ?? null,
        topics: input.topics ?? [],
        title: input.title || null,
        createdById: actor.userId,
      });
      await this.audit.record(
        {
          actorId: actor.userId,
          action: AuditAction.sourceCreated,
          resourceType: 'watch_source',
          resourceId: source.id,
          organizationId: source.organizationId,
          details: { url, feedUrl, kind: source.kind },
        },
        tx,
      );
      return source;
    });
  }

  /** Fetches now, by a member of the owning organization; the outcome is on the returned source. */
  async refresh(actor: Actor, sourceId: string): Promise<WatchSource> {
    const source = await this.get(actor, sourceId);
    const membership = await this.organizations.membershipOf(actor.userId, source.organizationId);
    if (!mayManageOrganizationSources(membership?.role)) {
      throw new ForbiddenError('Only members of the organization that owns the source may refresh it');
    }
    if (!source.feedUrl) {
      throw new PreconditionFailedError('This source has no feed to fetch', ['The source has no feed URL']);
    }
    const outcome = await this.fetcher.fetchSource(source.id);
    if (outcome === 'busy') {
      throw new ConflictError('This source is being fetched right now; try again in a moment', { sourceId: source.id });
    }
    return this.store.byId(source.id);
  }

  /** NOT_FOUND for an unknown organization; FORBIDDEN unless the actor is one of its members. */
  async assertOrganizationMember(actor: Actor, organizationId: string): Promise<void> {
    await this.organizations.getById(organizationId);
    const membership = await this.organizations.membershipOf(actor.userId, organizationId);
    if (!mayManageOrganizationSources(membership?.role)) throw new ForbiddenError('Only members of the organization may see this');
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
