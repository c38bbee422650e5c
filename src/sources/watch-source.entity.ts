import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Language } from '../common/localized-text';
import { CreatedAt, UpdatedAt } from '../common/timestamps';
import type { Organization } from '../organizations';
import type { Workspace } from '../workspaces';
import { Node } from '../common/node';

export enum SourceKind {
  RSS = 'RSS',
  ATOM = 'ATOM',
  JSON_FEED = 'JSON_FEED',
  WEBSITE = 'WEBSITE',
  SOCIAL_ACCOUNT = 'SOCIAL_ACCOUNT',
  NEWSLETTER = 'NEWSLETTER',
  VIDEO_CHANNEL = 'VIDEO_CHANNEL',
}
registerEnumType(SourceKind, { name: 'SourceKind' });

/** The kinds that are feeds themselves: their URL is their feed unless another one is given. */
export const FEED_KINDS: readonly SourceKind[] = [SourceKind.RSS, SourceKind.ATOM, SourceKind.JSON_FEED];

export enum FetchOutcome {
  /** The feed answered with content; items were stored. */
  FETCHED = 'FETCHED',
  /** 304: the feed has not changed since the last fetch. */
  NOT_MODIFIED = 'NOT_MODIFIED',
  /** 200 with the very bytes of the last fetch (a server that ignores conditional requests): nothing parsed. */
  UNCHANGED = 'UNCHANGED',
  /** Network error, bad status, time-out, oversize body, unparseable feed. */
  FAILED = 'FAILED',
  /** The fetcher would not go there (a private address, a scheme other than http/https). */
  REFUSED = 'REFUSED',
  /** 410: the feed is gone for good; the scheduler fetches it no more (a refresh may find it back). */
  GONE = 'GONE',
}
registerEnumType(FetchOutcome, { name: 'FetchOutcome' });

/**
 * Something an organization watches: a blog, a feed, a site, a channel. Owned by the
 * organization, shared into workspaces one SourceShare at a time. Its fetch state is public to
 * whoever sees it, so a broken feed explains itself.
 */
@ObjectType({ implements: () => [Node] })
@Entity()
@Unique(['organizationId', 'url'])
@Index(['nextFetchAt'])
export class WatchSource {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The organization that registered the source and decides where it is shared' })
  @Column('uuid')
  organizationId: string;

  // For the foreign key only: organizations are read through their module.
  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  organization?: Organization;

  @Field({ description: 'Canonical URL: normalized, unique within the organization' })
  @Column('text')
  url: string;

  @Field(() => String, { nullable: true, description: 'What the server fetches; null for a source with no feed' })
  @Column('text', { nullable: true })
  feedUrl: string | null;

  @Field(() => SourceKind)
  @Column({ type: 'enum', enum: SourceKind, enumName: 'source_kind' })
  kind: SourceKind;

  @Field(() => Language, { nullable: true })
  @Column({ type: 'enum', enum: Language, enumName: 'language', nullable: true })
  language: Language | null;

  @Field(() => [String])
  @Column('text', { array: true, default: () => "'{}'" })
  topics: string[];

  @Field(() => String, { nullable: true, description: "As registered, or the feed's own title" })
  @Column('text', { nullable: true })
  title: string | null;

  // Fetch state

  @Field(() => String, { nullable: true, description: 'Sent back as If-None-Match' })
  @Column('text', { nullable: true })
  etag: string | null;

  @Field(() => String, { nullable: true, description: 'Sent back as If-Modified-Since' })
  @Column('text', { nullable: true })
  lastModified: string | null;

  @Field({ description: 'When the scheduler fetches it next (later after failures: exponential back-off)' })
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  nextFetchAt: Date;

  @Field(() => Int, { nullable: true, description: 'The polling interval learned from how often the source publishes (15 min .. 24 h) and its <ttl>; null while its feed has told nothing (FETCH_INTERVAL_SECONDS applies)' })
  @Column('int', { nullable: true })
  fetchIntervalSeconds: number | null;

  @Field(() => Date, { nullable: true, description: 'When the feed answered 410 Gone: no longer fetched on schedule; null while it lives' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  goneAt: Date | null;

  /** SHA-256 of the last body parsed: the same bytes again are not parsed again. */
  @Column('text', { nullable: true })
  bodyHash: string | null;

  /** Held by whoever is fetching the source, so that two fetchers never fetch it at once. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  fetchLeaseUntil: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastFetchedAt: Date | null;

  @Field(() => FetchOutcome, { nullable: true })
  @Column({ type: 'enum', enum: FetchOutcome, enumName: 'fetch_outcome', nullable: true })
  lastFetchOutcome: FetchOutcome | null;

  @Field(() => Int, { description: 'Failed or refused fetches in a row; 0 after a success' })
  @Column('int', { default: 0 })
  consecutiveFailures: number;

  @Field(() => String, { nullable: true, description: 'Why the last fetch failed; null after a success' })
  @Column('text', { nullable: true })
  lastError: string | null;

  @Field(() => Int, { description: 'Entries of the last feed parsed that were left out as unusable (empty, or fields of the wrong types); the others were kept' })
  @Column('int', { default: 0 })
  lastFetchSkippedItems: number;

  @Field({ description: "Fetch each new item's page and keep its article as the content when the feed carries only a summary (setWatchSourceFullText)" })
  @Column('boolean', { default: false })
  fullText: boolean;

  @Field(() => Int, { description: 'Pages of new items the last fetch could not read for their full text (those items kept their summary)' })
  @Column('int', { default: 0 })
  lastFetchFullTextFailures: number;

  @Field(() => String, { nullable: true, description: 'Why the fetcher refused the address (e.g. a private address); null once it is reachable' })
  @Column('text', { nullable: true })
  refusedReason: string | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  createdById: string | null;

  @Field()
  @CreatedAt()
  createdAt: Date;

  @Field()
  @UpdatedAt()
  updatedAt: Date;
}

/**
 * A source shared into a workspace by a member acting there for the owning organization. Revoking
 * keeps the row, so who shared what, when, and who took it back stays visible; sharing again
 * makes a new row.
 */
@ObjectType()
@Entity()
@Index(['sourceId', 'workspaceId'], { unique: true, where: '"revoked_at" IS NULL' })
@Index(['workspaceId'])
export class SourceShare {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  sourceId: string;

  @ManyToOne(() => WatchSource, { onDelete: 'CASCADE' })
  source: WatchSource;

  @Field(() => ID)
  @Column('uuid')
  workspaceId: string;

  // For the foreign key only: workspaces are read through their module.
  @ManyToOne('Workspace', { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field(() => String, { nullable: true, description: 'Why the source is worth watching, from the organization that shares it' })
  @Column('text', { nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  sharedById: string | null;

  @Field()
  @CreatedAt()
  sharedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  revokedById: string | null;
}
