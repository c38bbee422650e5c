import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditService, NotificationsService } from '../activity';
import { BadUserInputError, ConflictError, NotFoundError, PreconditionFailedError } from '../common/errors';
import { LocalizedText, presentLocalizedText } from '../common/localized-text';
import { Connection } from '../common/pagination';
import { Actor } from '../common/request-context';
import { AccessPolicy, WorkspacesService } from '../workspaces';
import type { Workspace } from '../workspaces';
import { Digest, DigestEntry, DigestStatus, StoredDigestEntry } from './digest.entity';
import { publicationNotices } from './digest-notices';
import { RenderableDigest } from './digest-rendering';
import { DigestStore } from './digest.store';
import { CreateDigestInput, DigestsArgs, PublishDigestInput, UpdateDigestInput } from './dto/digest.inputs';

const MAX_PERIOD_MS = 92 * 24 * 3600_000;
/** How many published digests the public Atom feed carries. */
const FEED_SIZE = 50;

/** Emitted after a digest's publication is committed. */
export const DIGEST_PUBLISHED = 'digest.published';

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
    private readonly store: DigestStore,
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly workspaces: WorkspacesService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly emitter: EventEmitter2,
  ) {}

  // Reading

  async get(actor: Actor, digestId: string): Promise<Digest> {
    const digest = await this.store.byId(digestId);
    if (!digest) throw new NotFoundError('Digest');
    await this.policy.assert(actor, 'digest.read', { workspaceId: digest.workspaceId, kind: 'Digest' });
    return digest;
  }

  /** Of these digests, those the caller may read (as get would give them), in one statement. */
  readableByIds(actor: Pick<Actor, 'userId'>, ids: readonly string[]): Promise<Digest[]> {
    return this.store.readableByIds(actor.userId, ids);
  }

  /** Newest first. */
  async list(actor: Actor, args: DigestsArgs): Promise<Connection<Digest>> {
    await this.policy.assert(actor, 'digest.read', { workspaceId: args.workspaceId });
    return this.store.page(args.workspaceId, args.status, args);
  }

  /** What the renderers need for one digest of `workspace`. */
  async renderable(digest: Digest, workspace: Workspace): Promise<RenderableDigest> {
    const [entries] = await this.store.entriesOf([digest]);
    return renderableDigest(digest, workspace, entries);
  }

  // Public reading (no access token): published digests only

  async publishedOf(workspaceSlug: string): Promise<{ workspace: Workspace; digests: Digest[] }> {
    const workspace = await this.workspaces.findBySlug(workspaceSlug);
    if (!workspace) throw new NotFoundError('Feed');
    return { workspace, digests: await this.store.latestPublished(workspace.id, FEED_SIZE) };
  }

  async published(workspaceSlug: string, digestId: string): Promise<{ workspace: Workspace; digest: Digest }> {
    const workspace = await this.workspaces.findBySlug(workspaceSlug);
    const digest = workspace ? await this.store.publishedById(workspace.id, digestId) : null;
    if (!workspace || !digest) throw new NotFoundError('Digest');
    return { workspace, digest };
  }

  // Changing

  async create(actor: Actor, input: CreateDigestInput): Promise<Digest> {
    await this.policy.assert(actor, 'digest.create', { workspaceId: input.workspaceId });
    assertPeriod(input.periodStart, input.periodEnd);
    return this.dataSource.transaction(async (tx) => {
      const digest = await this.store.insert(tx, {
        workspaceId: input.workspaceId,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        introduction: input.introduction ?? { fr: null, en: null },
        createdById: actor.userId,
      });
      await this.record(tx, actor, digest, AuditAction.digestCreated, { periodStart: digest.periodStart, periodEnd: digest.periodEnd });
      return digest;
    });
  }

  /** A draft's period or introduction; a published digest does not change (CONFLICT). */
  async update(actor: Actor, input: UpdateDigestInput): Promise<Digest> {
    const found = await this.get(actor, input.digestId);
    await this.policy.assert(actor, 'digest.create', { workspaceId: found.workspaceId, kind: 'Digest' });
    return this.dataSource.transaction(async (tx) => {
      const digest = await this.store.lockForWrite(tx, input.digestId);
      if (digest.status !== DigestStatus.DRAFT) {
        throw new ConflictError('A published digest cannot change', { status: digest.status, publishedAt: digest.publishedAt });
      }
      if (input.periodStart) digest.periodStart = input.periodStart;
      if (input.periodEnd) digest.periodEnd = input.periodEnd;
      assertPeriod(digest.periodStart, digest.periodEnd);
      if (input.introduction !== undefined) digest.introduction = input.introduction ?? { fr: null, en: null };
      return this.store.save(tx, digest);
    });
  }

  /**
   * By a manager. Needs the introduction in both languages and at least one featured item;
   * freezes the entries, makes the digest public, and writes an audit event.
   */
  async publish(actor: Actor, input: PublishDigestInput): Promise<Digest> {
    const found = await this.get(actor, input.digestId);
    await this.policy.assert(actor, 'digest.publish', { workspaceId: found.workspaceId, kind: 'Digest' });
    const digest = await this.dataSource.transaction(async (tx) => {
      const digest = await this.store.lockForWrite(tx, input.digestId);
      if (digest.status === DigestStatus.PUBLISHED) {
        throw new ConflictError('This digest is already published', { status: digest.status, publishedAt: digest.publishedAt });
      }
      const [entries] = await this.store.entriesOf([digest], tx);
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
      await this.store.save(tx, digest);
      await this.record(tx, actor, digest, AuditAction.digestPublished, { entries: entries.length });
      await this.notifications.notify(publicationNotices(actor, digest), tx);
      return digest;
    });
    await this.emitter.emitAsync(DIGEST_PUBLISHED, { digestId: digest.id, workspaceId: digest.workspaceId } satisfies DigestPublishedEvent);
    return digest;
  }

  private record(tx: EntityManager, actor: Actor, digest: Digest, action: AuditAction, details: Record<string, unknown>): Promise<void> {
    return this.audit.record(
      { actorId: actor.userId, action, resourceType: 'digest', resourceId: digest.id, workspaceId: digest.workspaceId, details },
      tx,
    );
  }
}

export function introductionOf(digest: Digest): LocalizedText | null {
  return presentLocalizedText(digest.introduction);
}

export function renderableDigest(digest: Digest, workspace: Pick<Workspace, 'name'>, entries: DigestEntry[]): RenderableDigest {
  return { workspaceName: workspace.name, periodStart: digest.periodStart, periodEnd: digest.periodEnd, introduction: introductionOf(digest), entries };
}

function assertPeriod(start: Date, end: Date): void {
  if (end.getTime() <= start.getTime()) throw BadUserInputError.field('periodEnd', 'must be after periodStart');
  if (end.getTime() - start.getTime() > MAX_PERIOD_MS) throw BadUserInputError.field('periodEnd', 'a digest covers at most 92 days');
}
