import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Language, OptionalLocalizedText } from '../common/localized-text';
import { CreatedAt, UpdatedAt } from '../common/timestamps';
import type { Workspace } from '../workspaces';
import { Node } from '../common/node';

export enum DigestStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(DigestStatus, { name: 'DigestStatus' });

/**
 * One featured item as a digest shows it. A draft's entries are read live; publication freezes
 * them, so a published digest never changes when items, curations or shares do.
 */
@ObjectType()
export class DigestEntry {
  @Field(() => ID)
  itemId: string;

  @Field(() => ID)
  sourceId: string;

  @Field(() => String, { nullable: true })
  sourceTitle: string | null;

  @Field()
  sourceUrl: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  url: string | null;

  @Field(() => String, { nullable: true, description: 'Plain text, shortened' })
  excerpt: string | null;

  @Field(() => String, { nullable: true })
  author: string | null;

  @Field(() => Language, { nullable: true })
  language: Language | null;

  @Field()
  publishedAt: Date;

  @Field(() => String, { nullable: true, description: "The workspace's annotation (plain text)" })
  annotation: string | null;

  @Field(() => [String])
  tags: string[];
}

/** A period's FEATURED items with an introduction in both languages: DRAFT, then PUBLISHED (public). */
@ObjectType({ implements: () => [Node] })
@Entity()
@Index(['workspaceId', 'createdAt', 'id'])
@Index(['workspaceId', 'publishedAt'])
export class Digest {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  workspaceId: string;

  // For the foreign key only: workspaces are read through their module.
  @ManyToOne('Workspace', { onDelete: 'CASCADE' })
  workspace?: Workspace;

  @Field({ description: 'Items published from this instant…' })
  @Column({ type: 'timestamptz', precision: 3 })
  periodStart: Date;

  @Field({ description: '…up to this one (excluded)' })
  @Column({ type: 'timestamptz', precision: 3 })
  periodEnd: Date;

  /** Exposed as a LocalizedText, or null while either language is missing. */
  @Column(() => OptionalLocalizedText)
  introduction: OptionalLocalizedText;

  @Field(() => DigestStatus)
  @Column({ type: 'enum', enum: DigestStatus, enumName: 'digest_status', default: DigestStatus.DRAFT })
  status: DigestStatus;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  publishedById: string | null;

  /** The entries as they were at publication; null while a draft. */
  @Column('jsonb', { nullable: true })
  entriesAtPublication: StoredDigestEntry[] | null;

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

/** A DigestEntry as JSON stores it: instants as ISO strings. */
export type StoredDigestEntry = Omit<DigestEntry, 'publishedAt'> & { publishedAt: string };
