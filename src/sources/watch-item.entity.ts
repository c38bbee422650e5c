import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Language } from '../common/localized-text';
import { CreatedAt, UpdatedAt } from '../common/timestamps';
import type { Workspace } from '../workspaces';
import { MatchedRule } from './rules/source-rule.entity';
import { WatchSource } from './watch-source.entity';

export enum CurationStatus {
  NEW = 'NEW',
  SHORTLISTED = 'SHORTLISTED',
  FEATURED = 'FEATURED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(CurationStatus, { name: 'CurationStatus' });

/**
 * An entry fetched from a source's feed, stored once per source and guid (the link when the
 * feed gives no guid). Its HTML was sanitized before it was stored; a re-fetch rewrites it only
 * when its content hash changed.
 */
@ObjectType()
@Entity()
@Unique(['sourceId', 'guid'])
@Index(['publishedAt', 'id'])
export class WatchItem {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  sourceId: string;

  @ManyToOne(() => WatchSource, { onDelete: 'CASCADE' })
  source: WatchSource;

  @Field({ description: "The feed's id for the entry (its link when it has none)" })
  @Column('text')
  guid: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  url: string | null;

  @Field({ description: 'Plain text' })
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true, description: 'Sanitized HTML' })
  @Column('text', { nullable: true })
  summary: string | null;

  @Field(() => String, { nullable: true, description: 'Sanitized HTML' })
  @Column('text', { nullable: true })
  content: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  author: string | null;

  @Field(() => [String], { description: "The entry's media (RSS enclosures, media:content, Atom enclosure links, JSON Feed attachments): absolute http(s) URLs" })
  @Column('text', { array: true, default: '{}' })
  enclosures: string[];

  @Field(() => Language, { nullable: true, description: "The entry's, else the feed's, else the source's" })
  @Column({ type: 'enum', enum: Language, enumName: 'language', nullable: true })
  language: Language | null;

  @Field({ description: 'As the feed dates it; when it does not, when the server first saw it' })
  @Column({ type: 'timestamptz', precision: 3 })
  publishedAt: Date;

  @Field({ description: 'When the server first saw it' })
  @Column({ type: 'timestamptz', precision: 3 })
  fetchedAt: Date;

  @Field({ description: 'When its content last changed' })
  @Column({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  /** SHA-256 of what is stored: a re-fetch that changes nothing writes nothing. */
  @Column('text')
  contentHash: string;

  /** Its title, summary and content's words for full-text search, kept by a database trigger (migrations/1764840000000-SearchVectors.ts): never loaded, never written here. */
  @Index('ix_watch_item_search_vector', { synchronize: false })
  @Column({ type: 'tsvector', select: false, insert: false, update: false })
  searchVector?: string;

  /** The caller's workspace's triage, mapped by the query that lists items for a workspace. */
  curation?: Curation | null;
}

/** A workspace's triage of an item: one row per workspace and item; no row means NEW. */
@ObjectType()
@Entity()
@Unique(['workspaceId', 'itemId'])
@Index(['itemId'])
export class Curation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  workspaceId: string;

  // For the foreign key only: workspaces are read through their module.
  @ManyToOne('Workspace', { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field(() => ID)
  @Column('uuid')
  itemId: string;

  @ManyToOne(() => WatchItem, { onDelete: 'CASCADE' })
  item: WatchItem;

  @Field(() => CurationStatus)
  @Column({ type: 'enum', enum: CurationStatus, enumName: 'curation_status' })
  status: CurationStatus;

  @Field(() => String, { nullable: true, description: 'Plain text' })
  @Column('text', { nullable: true })
  annotation: string | null;

  @Field(() => [String])
  @Column('text', { array: true, default: () => "'{}'" })
  tags: string[];

  @Field(() => ID, { nullable: true, description: 'Null when only rules triaged it' })
  @Column('uuid', { nullable: true })
  curatedById: string | null;

  @Field(() => [MatchedRule], { description: 'The rules of the shared source that matched the item as it arrived here, in order' })
  @Column('jsonb', { default: [] })
  matchedRules: MatchedRule[];

  @Field()
  @CreatedAt()
  createdAt: Date;

  @Field()
  @UpdatedAt()
  updatedAt: Date;
}
